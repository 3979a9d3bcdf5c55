"""Playing the cue sounds through the first sound player found, else the terminal bell.

A sound is a separate process started from the caller's thread (a few milliseconds),
so that a failure to start is known at once and that very cue can ring the bell
instead. A new sound cuts the one before short. Nothing here ever raises for want of
a player: a player that is missing, cannot be started (``OSError``, e.g. the program
vanished) or ends with an error on its own is replaced by the bell for good.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from backcoach.audio.processes import Spawn, reap, signal_to_stop, spawn_quietly, stop
from backcoach.core.cue_sounds import SoundName

#: Looks a program up on PATH, as ``shutil.which`` does; tests pass a fake PATH.
Which = Callable[[str], str | None]

#: Players in the order they are tried, with the options put before the file.
PLAYER_CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pw-play", ()),  # PipeWire
    ("paplay", ()),  # PulseAudio (and PipeWire's pulse server)
    ("aplay", ("-q",)),  # ALSA
    ("afplay", ()),  # macOS
)


@dataclass(frozen=True)
class PlayerCommand:
    """A found player: its name, and the command line that plays one file."""

    name: str
    argv: tuple[str, ...]

    def for_file(self, path: Path) -> list[str]:
        return [*self.argv, str(path)]


def find_player(which: Which = shutil.which) -> PlayerCommand | None:
    """The first player on PATH, or None."""
    for name, options in PLAYER_CANDIDATES:
        found = which(name)
        if found:
            return PlayerCommand(name, (found, *options))
    return None


def sound_file(sound: SoundName) -> Path | None:
    """The packaged WAV for ``sound`` as a real file on disk, or None.

    A player needs a path; a package imported from a zip has none (then the cue
    falls back to the bell).
    """
    from importlib.resources import files

    resource = files("backcoach.audio") / "wavs" / sound.file_name
    if isinstance(resource, Path) and resource.is_file():
        return resource.resolve()
    return None


class SoundPlayer(Protocol):
    """What the session's audio output needs from a player."""

    @property
    def player_name(self) -> str | None:
        """The program's name ("aplay"), None for the terminal bell."""
        ...

    def play(self, sound: SoundName) -> None: ...

    def close(self) -> None: ...


class BellPlayer:
    """No player program: every cue is the terminal bell."""

    def __init__(self, bell: Callable[[], None]) -> None:
        self._bell = bell

    @property
    def player_name(self) -> str | None:
        return None

    def play(self, sound: SoundName) -> None:
        self._bell()

    def close(self) -> None:
        """Nothing runs."""


class CommandPlayer:
    """Plays each cue's WAV with one player program, one sound at a time.

    Call it from one thread (the app's). A finished sound is reaped at the next
    ``play`` or at ``close``.
    """

    def __init__(
        self,
        command: PlayerCommand,
        bell: Callable[[], None],
        *,
        spawn: Spawn = spawn_quietly,
        find_file: Callable[[SoundName], Path | None] = sound_file,
    ) -> None:
        self._command = command
        self._bell = bell
        self._spawn = spawn
        self._find_file = find_file
        self._current: subprocess.Popen[bytes] | None = None
        self._files: dict[SoundName, Path | None] = {}
        self._failed = False
        self._closed = False

    @property
    def player_name(self) -> str | None:
        return None if self._failed else self._command.name

    @property
    def fell_back_to_bell(self) -> bool:
        """True once the player could not be used and the bell took over."""
        return self._failed

    def play(self, sound: SoundName) -> None:
        """Start ``sound`` now, cutting the previous one short; returns at once."""
        if self._closed:
            return
        previous, self._current = self._current, None
        if previous is not None:
            self._note_failure(previous)
            signal_to_stop(previous)
        try:
            path = self._file(sound)
            if self._failed or path is None:
                self._bell()
                return
            try:
                self._current = self._spawn(self._command.for_file(path))
            except OSError:
                self._failed = True
                self._bell()
        finally:
            if previous is not None:
                reap(previous)

    def close(self) -> None:
        """Stop what is playing; later cues are silent. Safe to call twice."""
        self._closed = True
        current, self._current = self._current, None
        stop(current)

    def _file(self, sound: SoundName) -> Path | None:
        if sound not in self._files:
            self._files[sound] = self._find_file(sound)
        return self._files[sound]

    def _note_failure(self, previous: subprocess.Popen[bytes]) -> None:
        """A player that ended on its own with an error (no sound device, say) is
        not trusted again: the bell is at least heard."""
        code = previous.poll()
        if code is not None and code > 0:
            self._failed = True


def open_player(
    bell: Callable[[], None], which: Which = shutil.which, *, spawn: Spawn = spawn_quietly
) -> CommandPlayer | BellPlayer:
    """The first player found, or the bell when there is none."""
    command = find_player(which)
    if command is None:
        return BellPlayer(bell)
    return CommandPlayer(command, bell, spawn=spawn)

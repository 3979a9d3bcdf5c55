"""The one object the session screen holds for sound and speech.

``open_audio`` builds it from the settings: with sound off ``play`` does nothing, with
voice off ``say`` does nothing, and neither starts a process or a thread.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Protocol

from backcoach.audio.players import BellPlayer, CommandPlayer, SoundPlayer, Which, open_player
from backcoach.audio.speakers import NullSpeaker, Speaker, open_speaker
from backcoach.core.cue_sounds import SoundName


class CueOutput(Protocol):
    """Where the session sends its cues; ``RecordingAudio`` stands in for it in tests."""

    def play(self, sound: SoundName) -> None:
        """Start a short sound now, cutting short the one before; never blocks long."""
        ...

    def say(self, text: str) -> None:
        """Start speaking ``text`` now, cutting short what is being said; never blocks."""
        ...

    def hush(self) -> None:
        """Stop speaking now (the session paused); later cues speak again."""
        ...

    def close(self) -> None:
        """Stop everything and end what was started (leaving the session, quitting)."""
        ...


class AudioOutput:
    """A sound player (or none) and a speaker, behind the ``CueOutput`` interface."""

    def __init__(self, player: SoundPlayer | None, speaker: Speaker) -> None:
        self._player = player
        self._speaker = speaker

    @property
    def player_name(self) -> str | None:
        """The sound program in use, None for the bell or with sound off."""
        return None if self._player is None else self._player.player_name

    @property
    def speaker_name(self) -> str | None:
        """The speech program in use, None when nothing speaks."""
        return self._speaker.speaker_name

    def play(self, sound: SoundName) -> None:
        if self._player is not None:
            self._player.play(sound)

    def say(self, text: str) -> None:
        self._speaker.say(text)

    def hush(self) -> None:
        self._speaker.hush()

    def close(self) -> None:
        if self._player is not None:
            self._player.close()
        self._speaker.close()


class AudioFactory(Protocol):
    """How a session opens its output (``open_audio``, or a recorder in tests)."""

    def __call__(self, *, sound: bool, voice: bool, bell: Callable[[], None]) -> CueOutput: ...


def silent_audio(*, sound: bool, voice: bool, bell: Callable[[], None]) -> CueOutput:
    """Plays and says nothing, whatever the settings: what tests and tools get unless
    they ask for the real thing."""
    return AudioOutput(None, NullSpeaker())


def open_audio(
    *,
    sound: bool,
    voice: bool,
    bell: Callable[[], None],
    which: Which = shutil.which,
) -> AudioOutput:
    """The session's output: the first player (else ``bell``) and the first speaker found.

    ``voice`` is on for either spoken level; which cues are said is the caller's choice.
    """
    player: CommandPlayer | BellPlayer | None = open_player(bell, which) if sound else None
    speaker: Speaker = open_speaker(which) if voice else NullSpeaker()
    return AudioOutput(player, speaker)

"""Speaking the cues through the first speech program found; silence when there is none.

``say`` never blocks: it hands the text to one background thread, which stops the
utterance before (a new cue cuts the old one short) and starts the new one as a
separate process, then reaps it when it ends. The text is one argv element, never
seen by a shell and never read as an option. The thread starts with the first cue, so
building a speaker (or importing this module) starts nothing.

speech-dispatcher (``spd-say``) speaks in its own daemon, so killing ``spd-say`` does
not silence it: each utterance is run with ``-w`` (wait: its process lives as long as
the speech), and when that process is still alive at the next cue, pause or close,
``spd-say -C`` (cancel) stops it. The daemon's cancel acts on all its clients, so it is
sent only then. Short options only: in older spd-say the long ``--stop`` and
``--cancel`` expect an argument.
"""

from __future__ import annotations

import atexit
import queue
import shutil
import subprocess
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from backcoach.audio.processes import (
    REAP_TIMEOUT_S,
    Spawn,
    reap,
    signal_to_stop,
    spawn_quietly,
    stop,
)

#: Looks a program up on PATH, as ``shutil.which`` does; tests pass a fake PATH.
Which = Callable[[str], str | None]

#: Speech programs in the order they are tried.
SPEAKER_CANDIDATES = ("spd-say", "espeak-ng", "espeak", "say")

#: How often the worker looks whether the current utterance has ended, to reap it.
#: Only while one runs; a new cue is taken at once whatever this is.
POLL_S = 0.1
#: How long ``spd-say -C`` (cancel) may take before it is killed.
CANCEL_TIMEOUT_S = 2.0


class _Order(Enum):
    HUSH = "hush"
    CLOSE = "close"


def not_an_option(text: str) -> str:
    """``text`` without leading dashes, for programs that take no ``--``."""
    return text.lstrip("-").strip()


@dataclass(frozen=True)
class SpeechCommand:
    """A found speech program: how to say a text with it and how to cut it short."""

    name: str
    program: str

    def utterance(self, text: str, *, cutting_short: bool) -> list[str]:
        """The command line that says ``text``; ``cutting_short`` when ours still speaks."""
        if self.name == "spd-say":
            cancel = ["-C"] if cutting_short else []
            # spd-say reads its text as a printf format: no "%" may reach it.
            words = " ".join(text.replace("%", " percent ").split())
            return [self.program, "-w", *cancel, "--", words]
        if self.name == "espeak-ng":
            return [self.program, "--", text]
        return [self.program, not_an_option(text)]  # espeak, macOS say

    def cancel(self) -> list[str] | None:
        """A command that stops speech a killed process left behind (speech-dispatcher's)."""
        if self.name == "spd-say":
            return [self.program, "-C"]
        return None


def find_speech_command(which: Which = shutil.which) -> SpeechCommand | None:
    """The first speech program on PATH, or None."""
    for name in SPEAKER_CANDIDATES:
        found = which(name)
        if found:
            return SpeechCommand(name, found)
    return None


def describe_speech_support(which: Which = shutil.which) -> str | None:
    """One line for the settings screen when nothing can speak, else None."""
    if find_speech_command(which) is not None:
        return None
    return "No speech program found (spd-say, espeak-ng, espeak or say); spoken cues are off."


class Speaker(Protocol):
    """What the session's audio output needs from a speaker."""

    @property
    def speaker_name(self) -> str | None:
        """The program's name ("espeak-ng"), None when nothing speaks."""
        ...

    def say(self, text: str) -> None: ...

    def hush(self) -> None: ...

    def close(self) -> None: ...


class NullSpeaker:
    """No speech program (or voice off): every call does nothing."""

    @property
    def speaker_name(self) -> str | None:
        return None

    def say(self, text: str) -> None:
        """Silence."""

    def hush(self) -> None:
        """Nothing speaks."""

    def close(self) -> None:
        """Nothing runs."""


class ProcessSpeaker:
    """Says cues with one speech program, one utterance at a time, off the caller's thread.

    ``on_started`` gets the ``monotonic`` time at which each utterance's process was
    started (the benchmark measures from ``say`` to there). A program that cannot be
    started (``OSError``) leaves the speaker silent for good; nothing raises.
    """

    def __init__(
        self,
        command: SpeechCommand,
        *,
        spawn: Spawn = spawn_quietly,
        monotonic: Callable[[], float] = time.monotonic,
        on_started: Callable[[float], None] | None = None,
    ) -> None:
        self._command = command
        self._spawn = spawn
        self._monotonic = monotonic
        self._on_started = on_started
        self._orders: queue.SimpleQueue[str | _Order] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._closed = False
        self._failed = False

    @property
    def speaker_name(self) -> str | None:
        return self._command.name

    @property
    def failed(self) -> bool:
        """True once the program could not be started (the speaker is silent since)."""
        return self._failed

    def say(self, text: str) -> None:
        """Speak ``text`` as soon as possible, cutting short what is being said."""
        text = text.strip()
        with self._lock:
            if not text or self._closed or self._failed:
                return
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._run, name="backcoach-speech", daemon=True
                )
                self._worker.start()
                _close_at_exit(self)
            self._orders.put(text)

    def hush(self) -> None:
        """Stop speaking now (the session paused); later cues speak again."""
        with self._lock:
            if self._worker is not None and not self._closed:
                self._orders.put(_Order.HUSH)

    def close(self) -> None:
        """Stop speaking, end the thread, kill what it started. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            worker = self._worker
            if worker is not None:
                self._orders.put(_Order.CLOSE)
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout=REAP_TIMEOUT_S + CANCEL_TIMEOUT_S)

    # -- the worker thread -------------------------------------------------------

    def _run(self) -> None:
        current: subprocess.Popen[bytes] | None = None
        try:
            while True:
                order = self._next_order(waiting_on=current)
                if order is None:  # nothing new: reap the utterance once it has ended
                    if current is not None and current.poll() is not None:
                        current = None
                    continue
                if order is _Order.CLOSE:
                    return
                if order is _Order.HUSH:
                    self._silence(current)
                    current = None
                    continue
                current = self._speak(order, previous=current)
        except Exception:  # never let speech take the app down: go silent instead
            self._failed = True
        finally:
            self._silence(current)

    def _next_order(self, waiting_on: subprocess.Popen[bytes] | None) -> str | _Order | None:
        """The latest order (a close wins), or None when the poll interval passed."""
        try:
            order = self._orders.get(timeout=POLL_S if waiting_on is not None else None)
        except queue.Empty:
            return None
        while True:  # cues that piled up while busy: only the last one is said
            try:
                later = self._orders.get_nowait()
            except queue.Empty:
                return order
            order = _Order.CLOSE if _Order.CLOSE in (order, later) else later

    def _speak(
        self, text: str, previous: subprocess.Popen[bytes] | None
    ) -> subprocess.Popen[bytes] | None:
        still_speaking = previous is not None and previous.poll() is None
        if previous is not None:
            signal_to_stop(previous)
        process: subprocess.Popen[bytes] | None = None
        try:
            process = self._spawn(self._command.utterance(text, cutting_short=still_speaking))
        except OSError:
            self._failed = True
        else:
            if self._on_started is not None:  # before the reap below: it is not the cue's
                try:
                    self._on_started(self._monotonic())
                except Exception:
                    stop(process)
                    raise
        finally:
            if previous is not None:
                reap(previous)
        return process

    def _silence(self, current: subprocess.Popen[bytes] | None) -> None:
        if current is None:
            return
        still_speaking = current.poll() is None
        stop(current)
        cancel = self._command.cancel()
        if still_speaking and cancel is not None:
            try:
                helper = self._spawn(cancel)
            except OSError:
                return
            try:
                helper.wait(timeout=CANCEL_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                stop(helper)


def open_speaker(
    which: Which = shutil.which,
    *,
    spawn: Spawn = spawn_quietly,
    monotonic: Callable[[], float] = time.monotonic,
    on_started: Callable[[float], None] | None = None,
) -> ProcessSpeaker | NullSpeaker:
    """The first speech program found, or a silent speaker when there is none."""
    command = find_speech_command(which)
    if command is None:
        return NullSpeaker()
    return ProcessSpeaker(command, spawn=spawn, monotonic=monotonic, on_started=on_started)


# -- closing at interpreter exit ------------------------------------------------------

_open_speakers: weakref.WeakSet[ProcessSpeaker] = weakref.WeakSet()
_exit_hook_registered = False
_exit_hook_lock = threading.Lock()


def _close_at_exit(speaker: ProcessSpeaker) -> None:
    """Remember a speaker whose thread runs, so a forgotten close still kills its speech."""
    global _exit_hook_registered
    with _exit_hook_lock:
        _open_speakers.add(speaker)
        if not _exit_hook_registered:
            atexit.register(_close_all)
            _exit_hook_registered = True


def _close_all() -> None:
    for speaker in list(_open_speakers):
        speaker.close()

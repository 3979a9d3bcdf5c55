"""A stand-in for the audio output that only writes down what it was asked, and when.

For tests and benchmarks: give it the fake clock's ``monotonic`` and compare
``calls`` with the exact list of cues expected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

from backcoach.core.cue_sounds import SoundName

AudioAction = Literal["play", "say", "hush", "close"]


class AudioCall(NamedTuple):
    """One call; equal to the plain tuple ``(time, action, arg)``."""

    time: float
    action: AudioAction
    arg: str | None  # the SoundName for play, the text for say, None otherwise


class RecordingAudio:
    """Implements ``CueOutput`` by recording each call with the time ``now`` gives."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self.calls: list[AudioCall] = []

    def play(self, sound: SoundName) -> None:
        self._record("play", sound)

    def say(self, text: str) -> None:
        self._record("say", text)

    def hush(self) -> None:
        self._record("hush", None)

    def close(self) -> None:
        self._record("close", None)

    def actions(self, action: AudioAction) -> list[AudioCall]:
        """Only the calls of one kind, e.g. every ``say``."""
        return [call for call in self.calls if call.action == action]

    def _record(self, action: AudioAction, arg: str | None) -> None:
        self.calls.append(AudioCall(self._now(), action, arg))

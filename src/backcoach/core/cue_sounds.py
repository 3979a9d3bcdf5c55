"""The names of the short cue sounds: what ``core.cues`` decides to play, and what the
audio backends play, each a WAV file of the same name in ``backcoach/audio/wavs/``.

A leaf module (no imports), so the audio backends can share the names without loading
the rest of the core. ``scripts/make_sounds.py`` makes the files; a test checks that it
still makes exactly the ones committed.
"""

from __future__ import annotations

from enum import StrEnum


class SoundName(StrEnum):
    """One distinct tone per event the user should hear from the floor."""

    HOLD_START = "hold-start"
    HOLD_END = "hold-end"  # relax
    REST_END = "rest-end"
    SWITCH_SIDES = "switch-sides"
    EXERCISE_DONE = "exercise-done"
    SESSION_DONE = "session-done"
    TICK = "tick"  # the 3-2-1 before a hold ends

    @property
    def file_name(self) -> str:
        return f"{self.value}.wav"

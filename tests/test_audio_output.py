"""The session's audio front: off means nothing runs, on means the first programs found
(or the bell and silence), and the recording double the session tests use."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from audio_support import FakeWhich, fake_program, nothing_on_path
from backcoach.audio.output import AudioOutput, CueOutput, open_audio
from backcoach.audio.players import PLAYER_CANDIDATES
from backcoach.audio.recording import AudioCall, RecordingAudio
from backcoach.audio.speakers import SPEAKER_CANDIDATES
from backcoach.clock import FakeClock
from backcoach.core.cue_sounds import SoundName

REPO = Path(__file__).resolve().parent.parent


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


@pytest.fixture
def every_program(tmp_path: Path) -> FakeWhich:
    """Every player and speaker present; each run leaves a file named after itself."""
    bin_dir = tmp_path / "bin"
    marks = tmp_path / "ran"
    marks.mkdir()
    names = [name for name, _ in PLAYER_CANDIDATES] + list(SPEAKER_CANDIDATES)
    return FakeWhich({name: fake_program(bin_dir, name, f"touch {marks / name}") for name in names})


def test_sound_and_voice_off_run_nothing(every_program: FakeWhich, tmp_path: Path) -> None:
    bell = Bell()
    threads = threading.active_count()
    audio = open_audio(sound=False, voice=False, bell=bell, which=every_program)
    audio.play(SoundName.HOLD_START)
    audio.say("Hold")
    audio.hush()
    audio.close()
    assert every_program.asked == []  # not even looked for
    assert list((tmp_path / "ran").iterdir()) == []
    assert threading.active_count() == threads
    assert bell.rings == 0
    assert (audio.player_name, audio.speaker_name) == (None, None)


def test_sound_on_voice_off_plays_but_never_speaks(every_program: FakeWhich) -> None:
    bell = Bell()
    threads = threading.active_count()
    audio = open_audio(sound=True, voice=False, bell=bell, which=every_program)
    audio.say("Hold")
    assert threading.active_count() == threads  # no speech thread
    assert audio.player_name == "pw-play" and audio.speaker_name is None
    assert set(every_program.asked) <= {name for name, _ in PLAYER_CANDIDATES}
    audio.close()


def test_voice_on_sound_off_speaks_but_never_plays(every_program: FakeWhich) -> None:
    bell = Bell()
    audio = open_audio(sound=False, voice=True, bell=bell, which=every_program)
    audio.play(SoundName.TICK)
    assert bell.rings == 0
    assert audio.player_name is None and audio.speaker_name == "spd-say"
    assert set(every_program.asked) <= set(SPEAKER_CANDIDATES)
    audio.close()


def test_nothing_installed_means_the_bell_and_silence_without_an_error() -> None:
    bell = Bell()
    audio = open_audio(sound=True, voice=True, bell=bell, which=nothing_on_path)
    audio.play(SoundName.HOLD_START)
    audio.say("Hold")
    audio.hush()
    audio.close()
    audio.close()
    assert bell.rings == 1
    assert (audio.player_name, audio.speaker_name) == (None, None)


def test_the_first_programs_found_are_used(tmp_path: Path) -> None:
    which = FakeWhich(
        {
            "aplay": fake_program(tmp_path, "aplay", "exit 0"),
            "espeak": fake_program(tmp_path, "espeak", "exit 0"),
        }
    )
    audio = open_audio(sound=True, voice=True, bell=Bell(), which=which)
    assert (audio.player_name, audio.speaker_name) == ("aplay", "espeak")
    audio.close()


def test_recording_audio_writes_down_each_call_with_the_clock_s_time(clock: FakeClock) -> None:
    audio = RecordingAudio(clock.monotonic)
    start = clock.monotonic()
    audio.play(SoundName.HOLD_START)
    audio.say("Hold")
    clock.advance(5)
    audio.play(SoundName.HOLD_END)
    audio.say("Relax")
    clock.advance(0.5)
    audio.hush()
    audio.close()
    assert audio.calls == [
        (start, "play", "hold-start"),
        (start, "say", "Hold"),
        (start + 5, "play", "hold-end"),
        (start + 5, "say", "Relax"),
        (start + 5.5, "hush", None),
        (start + 5.5, "close", None),
    ]
    assert audio.calls[0] == AudioCall(start, "play", SoundName.HOLD_START)
    assert [call.arg for call in audio.actions("say")] == ["Hold", "Relax"]


def test_both_outputs_are_cue_outputs(clock: FakeClock) -> None:
    """mypy checks the assignments; at run time each answers the four calls."""
    outputs: list[CueOutput] = [
        RecordingAudio(clock.monotonic),
        open_audio(sound=False, voice=False, bell=Bell(), which=nothing_on_path),
    ]
    for output in outputs:
        output.play(SoundName.TICK)
        output.say("One")
        output.hush()
        output.close()
    recorded = outputs[0]
    assert isinstance(recorded, RecordingAudio) and len(recorded.calls) == 4
    assert isinstance(outputs[1], AudioOutput)


IMPORT_EVERYTHING = r"""
import json, os, sys, threading
import backcoach.audio
import backcoach.audio.output, backcoach.audio.players, backcoach.audio.speakers
import backcoach.audio.recording, backcoach.core.cue_sounds, backcoach.audio.processes
try:
    os.waitpid(-1, os.WNOHANG)
    children = True
except ChildProcessError:
    children = False
print(json.dumps({
    "threads": threading.active_count(),
    "children": children,
    "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual"),
    "pydantic": "pydantic" in sys.modules,
}))
"""


def test_importing_the_package_is_cheap_and_starts_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == {"threads": 1, "children": False, "textual": [], "pydantic": False}

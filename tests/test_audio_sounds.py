"""The cue sounds: one committed WAV per name, short, click-free, distinct, and exactly
what ``scripts/make_sounds.py`` makes."""

from __future__ import annotations

import subprocess
import sys
import wave
from array import array
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest

from backcoach.audio.players import sound_file
from backcoach.core.cue_sounds import SoundName

REPO = Path(__file__).resolve().parent.parent
WAVS = REPO / "src" / "backcoach" / "audio" / "wavs"
SCRIPT = REPO / "scripts" / "make_sounds.py"


@dataclass(frozen=True)
class Wav:
    channels: int
    sample_width: int
    rate: int
    frames: array[int]

    @property
    def seconds(self) -> float:
        return len(self.frames) / self.rate


def read_wav(path: Path) -> Wav:
    with wave.open(str(path), "rb") as wav:
        shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
        frames = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        frames.byteswap()
    return Wav(*shape, frames)


def test_every_sound_has_its_committed_file_and_there_are_no_others() -> None:
    assert sorted(path.name for path in WAVS.glob("*")) == sorted(s.file_name for s in SoundName)


def test_the_script_makes_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    made = sorted(path.name for path in tmp_path.iterdir())
    assert made == sorted(s.file_name for s in SoundName)
    for name in made:
        assert (tmp_path / name).read_bytes() == (WAVS / name).read_bytes(), name


@pytest.mark.parametrize("sound", list(SoundName))
def test_each_sound_is_short_mono_16_bit_audible_and_starts_and_ends_in_silence(
    sound: SoundName,
) -> None:
    wav = read_wav(WAVS / sound.file_name)
    frames = wav.frames
    assert (wav.channels, wav.sample_width, wav.rate) == (1, 2, 22050)
    assert 0.02 < wav.seconds < 0.5
    assert max(abs(x) for x in frames) > 32767 * 0.3  # loud enough from the floor
    assert max(abs(x) for x in frames) < 32767 * 0.7  # well short of clipping
    # Faded in and out: the first and last samples are near zero, so no click.
    assert abs(frames[0]) < 100 and abs(frames[-1]) < 100


def test_the_sounds_are_distinct() -> None:
    contents = {sound: (WAVS / sound.file_name).read_bytes() for sound in SoundName}
    for first, second in combinations(SoundName, 2):
        assert contents[first] != contents[second], (first, second)
    lengths = {sound: read_wav(WAVS / sound.file_name).seconds for sound in SoundName}
    assert lengths[SoundName.TICK] == min(lengths.values())  # the tick is the shortest


def test_switch_sides_is_two_beeps_with_silence_between() -> None:
    wav = read_wav(WAVS / SoundName.SWITCH_SIDES.file_name)
    middle = wav.frames[int(0.10 * wav.rate) : int(0.14 * wav.rate)]
    assert max(abs(x) for x in middle) == 0


@pytest.mark.parametrize("sound", list(SoundName))
def test_the_packaged_file_is_a_real_file_for_the_players(sound: SoundName) -> None:
    path = sound_file(sound)
    assert path is not None and path.is_absolute() and path.is_file()
    assert path.read_bytes() == (WAVS / sound.file_name).read_bytes()

"""Make the session's cue sounds: one small WAV file per ``SoundName``.

    python scripts/make_sounds.py                 # into src/backcoach/audio/wavs/
    python scripts/make_sounds.py --out /tmp/x    # anywhere else

16-bit mono at 22,050 Hz, each under half a second, every note faded in and out so
that no sound starts or stops with a click. The sine is computed with plain float
arithmetic (no libm call, whose last bit may differ between machines), so every run
on every machine writes the same bytes; a test checks that the committed files are
exactly what this script makes.
"""

from __future__ import annotations

import argparse
import math
import sys
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from backcoach.core.cue_sounds import SoundName

RATE = 22050
PEAK = 0.6  # of full scale: loud enough from two metres, well short of clipping
TICK_PEAK = 0.4  # the 3-2-1 tick comes three times in a row: softer
ATTACK_S = 0.006
RELEASE_S = 0.03
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "backcoach" / "audio" / "wavs"

TAU = 2 * math.pi
HALF_PI = math.pi / 2
#: Taylor coefficients of sin(x) for x^1, x^3, ..., x^15 (enough for |x| <= pi/2).
_SINE_TERMS = tuple((-1) ** k / math.factorial(2 * k + 1) for k in range(8))

# Equal-tempered pitches, written out so no float power is computed at run time.
C5, E5, F5, G5, A5, C6, G6 = 523.25, 659.26, 698.46, 783.99, 880.00, 1046.50, 1567.98


@dataclass(frozen=True)
class Note:
    """A tone from ``start`` for ``length`` seconds; ``gain`` scales it in the mix."""

    start: float
    length: float
    pitch: float
    gain: float = 1.0
    attack: float = ATTACK_S
    release: float = RELEASE_S


#: What each sound is: rising for a hold's start, falling for relax, a single bright
#: note for the end of a rest, a double beep for switching sides, a short arpeggio
#: for an exercise done and a longer one for the session, a short high tick.
RECIPES: dict[SoundName, tuple[Note, ...]] = {
    SoundName.HOLD_START: (Note(0.0, 0.13, C5), Note(0.13, 0.20, G5)),
    SoundName.HOLD_END: (Note(0.0, 0.15, G5), Note(0.15, 0.30, C5, release=0.12)),
    SoundName.REST_END: (Note(0.0, 0.30, A5, release=0.2), Note(0.0, 0.30, A5 * 2, gain=0.3)),
    SoundName.SWITCH_SIDES: (Note(0.0, 0.09, F5), Note(0.15, 0.09, F5)),
    SoundName.EXERCISE_DONE: (
        Note(0.00, 0.42, C5, gain=0.5, release=0.15),
        Note(0.09, 0.33, E5, gain=0.5, release=0.15),
        Note(0.18, 0.24, G5, gain=0.5, release=0.15),
    ),
    SoundName.SESSION_DONE: (
        Note(0.00, 0.49, C5, gain=0.4, release=0.2),
        Note(0.08, 0.41, E5, gain=0.4, release=0.2),
        Note(0.16, 0.33, G5, gain=0.4, release=0.2),
        Note(0.24, 0.25, C6, gain=0.4, release=0.2),
    ),
    SoundName.TICK: (Note(0.0, 0.035, G6, attack=0.002, release=0.015),),
}


def sine(x: float) -> float:
    """sin(x) from a polynomial: the same bits on every machine."""
    x %= TAU
    if x > math.pi:
        x -= TAU
    if x > HALF_PI:
        x = math.pi - x
    elif x < -HALF_PI:
        x = -math.pi - x
    square = x * x
    total = 0.0
    for coefficient in reversed(_SINE_TERMS):
        total = total * square + coefficient
    return total * x


def envelope(t: float, note: Note) -> float:
    """Raised-sine fade in and out, and a slight decay between, so notes ring softly."""
    level = 1.0 - 0.4 * (t / note.length)
    if t < note.attack:
        level *= sine(HALF_PI * t / note.attack) ** 2
    remaining = note.length - t
    if remaining < note.release:
        level *= sine(HALF_PI * remaining / note.release) ** 2
    return level


def tone(t: float, pitch: float) -> float:
    """A fundamental with two soft overtones: carries better on laptop speakers."""
    phase = TAU * pitch * t
    return sine(phase) + 0.3 * sine(2 * phase) + 0.1 * sine(3 * phase)


def render(notes: Sequence[Note], peak: float) -> array[int]:
    """Mix the notes and scale the loudest sample to ``peak`` of full scale."""
    spans = [(round(note.start * RATE), round(note.length * RATE)) for note in notes]
    mix = [0.0] * max(first + count for first, count in spans)
    for note, (first, count) in zip(notes, spans, strict=True):
        for index in range(count):
            t = index / RATE
            mix[first + index] += note.gain * envelope(t, note) * tone(t, note.pitch)
    scale = peak * 32767 / max(abs(sample) for sample in mix)
    samples = array("h", (round(sample * scale) for sample in mix))
    if sys.byteorder == "big":
        samples.byteswap()  # WAV data is little-endian
    return samples


def write_sound(name: SoundName, out_dir: Path) -> Path:
    path = out_dir / name.file_name
    peak = TICK_PEAK if name is SoundName.TICK else PEAK
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(render(RECIPES[name], peak).tobytes())
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory to write to")
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in SoundName:
        path = write_sound(name, out_dir)
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

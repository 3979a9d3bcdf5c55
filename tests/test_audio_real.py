"""The real programs: espeak-ng writes a spoken cue to a WAV file, and aplay plays a
generated cue to ALSA's null device through the player's own code.

Without the tool each test is skipped with the reason, except under CI (``CI=true``),
where ``.ci/run`` installs ``espeak-ng`` and ``alsa-utils`` and a skip would hide a
failure.
"""

from __future__ import annotations

import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

from audio_support import IN_CI, WAIT_S, SpawnRecorder, require_tool
from backcoach.audio.players import CommandPlayer, PlayerCommand, sound_file
from backcoach.core.cue_sounds import SoundName


def test_espeak_ng_writes_a_spoken_cue_of_plausible_length(tmp_path: Path) -> None:
    espeak = require_tool("espeak-ng")
    out = tmp_path / "hold.wav"
    done = subprocess.run(
        [espeak, "-w", str(out), "--", "Hold"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    with wave.open(str(out), "rb") as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        seconds = wav.getnframes() / wav.getframerate()
        frames = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        frames.byteswap()
    assert 0.2 <= seconds <= 3.0, seconds
    loud = sum(1 for sample in frames if abs(sample) > 1000)
    assert loud > 0.05 * len(frames)  # speech, not silence


def test_aplay_plays_a_generated_cue_to_the_null_device(tmp_path: Path) -> None:
    aplay = require_tool("aplay")
    path = sound_file(SoundName.HOLD_START)
    assert path is not None
    probe = subprocess.run(
        [aplay, "-q", "-D", "null", str(path)], capture_output=True, text=True, timeout=60
    )
    if probe.returncode != 0:
        reason = f"ALSA's null device is not usable here: {probe.stderr.strip()[:200]}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    # The same through the player, as the session plays it: a detached process that
    # ends by itself with success, and no bell.
    rings: list[None] = []
    spawn = SpawnRecorder()
    command = PlayerCommand("aplay", (aplay, "-q", "-D", "null"))
    player = CommandPlayer(command, lambda: rings.append(None), spawn=spawn)
    player.play(SoundName.HOLD_START)
    assert spawn.processes[0].wait(timeout=WAIT_S) == 0
    player.play(SoundName.TICK)
    assert spawn.processes[1].wait(timeout=WAIT_S) == 0
    player.close()
    assert rings == [] and not player.fell_back_to_bell

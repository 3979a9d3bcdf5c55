"""Benchmark 6: from a cue to its speech process being started, and what a sound costs
the caller.

Speech: the real ``ProcessSpeaker`` with the first speech program found (espeak-ng
here; a stand-in script of that name when no speech program is installed, said in
the notes). Its ``say`` stands in for the engine event: the delay is the speaker's
``on_started`` reading of ``time.monotonic`` (just after the process was started, in
the speaker's thread) minus ``time.monotonic`` just before ``say``. Each cue waits for
its start before the next, which then cuts it short, as a session does; so the delay
includes killing the utterance before. The floor, measured alternately with each cue
in the same run: ``subprocess.Popen`` of the same command line, the same way (no
shell, output discarded, a new session), called directly in this thread, also killing
the one it started before. Each side starts while the other's newest process is
starting up, so both see the same load. A real speech program speaks: on a machine
with sound you hear clipped syllables, two voices at a time.

Sound (informational): how long ``CommandPlayer.play`` holds the caller (the app's
event loop), with a stand-in player script, so nothing is heard.
"""

from __future__ import annotations

import statistics
import subprocess
import threading
import time
from pathlib import Path

from bench.common import Config, Row, ms, require

TARGET_S = 0.050
CUES = 100
TINY_CUES = 5
TEXTS = ("Hold", "Relax", "Three, two, one", "Switch to your right leg", "Set 2 of 3")
START_TIMEOUT_S = 10.0


def _stand_in(workdir: Path, name: str) -> Path:
    """A program called ``name`` that runs until killed, and says nothing."""
    path = workdir / "stand-in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def speech_rows(config: Config, cues: int) -> list[Row]:
    from backcoach.audio.processes import signal_to_stop, spawn_quietly, stop
    from backcoach.audio.speakers import ProcessSpeaker, SpeechCommand, find_speech_command

    command = find_speech_command()
    if command is None:
        command = SpeechCommand("espeak-ng", str(_stand_in(config.workdir, "espeak-ng")))
        program = f"stand-in {command.program} (no speech program installed)"
    else:
        program = f"the real {command.name} ({command.program})"

    started = threading.Event()
    started_at: list[float] = []

    def on_started(moment: float) -> None:
        started_at.append(moment)
        started.set()

    speaker = ProcessSpeaker(command, monotonic=time.monotonic, on_started=on_started)
    delays: list[float] = []
    floors: list[float] = []
    direct: subprocess.Popen[bytes] | None = None
    try:
        for index in range(cues + 1):  # the first of each is a warm-up, not counted
            text = TEXTS[index % len(TEXTS)]
            started.clear()
            before = time.monotonic()
            speaker.say(text)
            if not started.wait(START_TIMEOUT_S):
                raise RuntimeError(f"speech was never started for cue {index}")
            delay = started_at[-1] - before

            # The floor, the same way: the one before is killed, the new one started,
            # and the one before reaped after the clock is read.
            argv = command.utterance(text, cutting_short=False)
            before = time.monotonic()
            if direct is not None:
                signal_to_stop(direct)
            latest = spawn_quietly(argv)
            floor = time.monotonic() - before
            stop(direct)
            direct = latest
            if index:
                delays.append(delay)
                floors.append(floor)
    finally:
        speaker.close()
        stop(direct)

    median, worst = statistics.median(delays), max(delays)
    floor_median, floor_worst = statistics.median(floors), max(floors)
    return [
        Row(
            "6 speech", f"say() to process started, median ({len(delays)} cues)", ms(median),
            f"{ms(floor_median)} Popen", median / floor_median,
            note=f"{program}; after one warm-up cue",
        ),
        Row(
            "6 speech", "say() to process started, worst", ms(worst),
            f"{ms(floor_worst)} Popen", worst / floor_worst, f"< {TARGET_S * 1000:.0f} ms",
            worst < TARGET_S,
            note="baseline: the same command started directly with subprocess.Popen, "
            "alternating with the cues",
        ),
    ]  # fmt: skip


def sound_rows(config: Config, cues: int) -> list[Row]:
    from backcoach.audio.players import CommandPlayer, PlayerCommand
    from backcoach.core.cue_sounds import SoundName

    program = _stand_in(config.workdir, "aplay")
    rings: list[None] = []
    player = CommandPlayer(PlayerCommand("aplay", (str(program),)), lambda: rings.append(None))
    held: list[float] = []
    try:
        for index in range(cues + 1):
            before = time.monotonic()
            player.play(SoundName.TICK)
            if index:
                held.append(time.monotonic() - before)
    finally:
        player.close()
    if rings:
        raise RuntimeError("the stand-in player fell back to the bell")
    return [
        Row(
            "6 speech", f"play() holds the caller, median / worst ({len(held)} cues)",
            f"{ms(statistics.median(held))} / {ms(max(held))}",
            note="informational: a sound is started in the caller's thread (the app's "
            "event loop), cutting the one before short; stand-in player script",
        ),
    ]  # fmt: skip


def run(config: Config) -> list[Row]:
    require("backcoach.audio.speakers", "backcoach.audio.players")
    cues = TINY_CUES if config.tiny else CUES
    return speech_rows(config, cues) + sound_rows(config, cues)

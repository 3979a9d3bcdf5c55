"""The sound player: which program is chosen on a fake PATH, the bell when none can play,
and the real processes it starts, cuts short and reaps."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from audio_support import (
    SLEEPS,
    WAIT_S,
    FakeWhich,
    SpawnRecorder,
    fake_program,
    nothing_on_path,
    raise_os_error,
)
from backcoach.audio.players import (
    PLAYER_CANDIDATES,
    BellPlayer,
    CommandPlayer,
    PlayerCommand,
    find_player,
    open_player,
    sound_file,
)
from backcoach.audio.processes import spawn_quietly
from backcoach.core.cue_sounds import SoundName

PLAYER_NAMES = [name for name, _ in PLAYER_CANDIDATES]


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


def test_the_candidates_are_the_issue_s_in_its_order() -> None:
    assert PLAYER_NAMES == ["pw-play", "paplay", "aplay", "afplay"]


@pytest.mark.parametrize("name", PLAYER_NAMES)
def test_each_player_alone_on_path_is_found(name: str) -> None:
    command = find_player(FakeWhich({name: f"/opt/bin/{name}"}))
    assert command is not None
    assert command.name == name
    assert command.argv[0] == f"/opt/bin/{name}"


@pytest.mark.parametrize("missing", PLAYER_NAMES)
def test_the_first_present_player_wins(missing: str) -> None:
    present = [name for name in PLAYER_NAMES if name != missing]
    command = find_player(FakeWhich({name: f"/usr/bin/{name}" for name in present}))
    assert command is not None
    assert command.name == present[0]


def test_players_are_asked_for_in_order_until_one_is_found() -> None:
    which = FakeWhich({"aplay": "/usr/bin/aplay", "afplay": "/usr/bin/afplay"})
    assert find_player(which) == PlayerCommand("aplay", ("/usr/bin/aplay", "-q"))
    assert which.asked == ["pw-play", "paplay", "aplay"]


def test_the_file_goes_last_on_the_command_line() -> None:
    command = find_player(FakeWhich({"aplay": "/usr/bin/aplay"}))
    assert command is not None
    path = Path("/x/tick.wav")
    assert command.for_file(path) == ["/usr/bin/aplay", "-q", "/x/tick.wav"]


def test_no_player_at_all_means_the_bell_for_every_cue() -> None:
    bell = Bell()
    player = open_player(bell, nothing_on_path)
    assert isinstance(player, BellPlayer)
    assert player.player_name is None
    player.play(SoundName.HOLD_START)
    player.play(SoundName.TICK)
    player.close()
    assert bell.rings == 2


def test_a_player_that_cannot_be_started_falls_back_to_the_bell_and_stays_there() -> None:
    bell = Bell()
    attempts: list[Sequence[str]] = []

    def failing(argv: Sequence[str]) -> subprocess.Popen[bytes]:
        attempts.append(argv)
        return raise_os_error(argv)

    player = CommandPlayer(PlayerCommand("aplay", ("/gone/aplay",)), bell, spawn=failing)
    player.play(SoundName.HOLD_START)  # must not raise
    assert bell.rings == 1  # this very cue is heard as the bell
    player.play(SoundName.HOLD_END)
    assert bell.rings == 2
    assert len(attempts) == 1  # not tried again
    assert player.fell_back_to_bell and player.player_name is None


def test_a_vanished_program_is_an_os_error_that_falls_back(tmp_path: Path) -> None:
    """The real spawn of a program that is no longer there."""
    bell = Bell()
    player = open_player(bell, FakeWhich({"paplay": tmp_path / "deleted" / "paplay"}))
    assert isinstance(player, CommandPlayer) and player.player_name == "paplay"
    player.play(SoundName.TICK)
    assert bell.rings == 1 and player.fell_back_to_bell


def test_a_player_that_ends_with_an_error_gives_way_to_the_bell(tmp_path: Path) -> None:
    """E.g. aplay with no sound card: it starts, then exits 1. The next cue rings."""
    spawn = SpawnRecorder()
    bell = Bell()
    program = fake_program(tmp_path, "aplay", "exit 1")
    player = CommandPlayer(PlayerCommand("aplay", (str(program),)), bell, spawn=spawn)
    player.play(SoundName.HOLD_START)
    assert bell.rings == 0
    spawn.processes[0].wait(timeout=WAIT_S)
    player.play(SoundName.HOLD_END)
    assert bell.rings == 1
    assert len(spawn.processes) == 1
    player.close()


def test_a_sound_without_a_file_rings_the_bell_for_that_cue_only(tmp_path: Path) -> None:
    spawn = SpawnRecorder()
    bell = Bell()
    program = fake_program(tmp_path, "aplay", SLEEPS)

    def only_ticks(sound: SoundName) -> Path | None:
        return sound_file(sound) if sound is SoundName.TICK else None

    player = CommandPlayer(
        PlayerCommand("aplay", (str(program),)), bell, spawn=spawn, find_file=only_ticks
    )
    player.play(SoundName.HOLD_START)
    player.play(SoundName.TICK)
    assert bell.rings == 1
    assert [argv[-1] for argv in spawn.argvs] == [str(sound_file(SoundName.TICK))]
    player.close()


def test_a_new_sound_cuts_the_previous_one_short_and_close_kills_the_last(
    tmp_path: Path,
) -> None:
    spawn = SpawnRecorder()
    bell = Bell()
    program = fake_program(tmp_path, "pw-play", SLEEPS)
    player = CommandPlayer(PlayerCommand("pw-play", (str(program),)), bell, spawn=spawn)
    player.play(SoundName.HOLD_START)
    player.play(SoundName.SWITCH_SIDES)
    first, second = spawn.processes
    # Killed and reaped by the player itself: returncode is set without the test waiting.
    assert first.returncode == -signal.SIGKILL
    assert second.returncode is None
    assert spawn.argvs[1] == [str(program), str(sound_file(SoundName.SWITCH_SIDES))]
    player.close()
    assert second.returncode == -signal.SIGKILL
    player.close()  # twice is fine
    player.play(SoundName.TICK)  # after close: silent, nothing started
    assert len(spawn.processes) == 2 and bell.rings == 0


def test_a_finished_sound_is_reaped_at_the_next_one(tmp_path: Path) -> None:
    spawn = SpawnRecorder()
    program = fake_program(tmp_path, "afplay", "exit 0")
    player = CommandPlayer(PlayerCommand("afplay", (str(program),)), Bell(), spawn=spawn)
    player.play(SoundName.TICK)
    pid = spawn.processes[0].pid
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # ended, not yet reaped
    player.play(SoundName.TICK)
    assert spawn.processes[0].returncode == 0
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # no zombie: it is no longer our child
    player.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_children_are_detached_from_the_terminal(tmp_path: Path) -> None:
    """No input, output discarded, a session of their own (Ctrl+C does not reach them)."""
    program = fake_program(tmp_path, "aplay", SLEEPS)
    process = spawn_quietly([str(program)])
    try:
        for fd in (0, 1, 2):
            assert os.readlink(f"/proc/{process.pid}/fd/{fd}") == os.devnull
        assert os.getsid(process.pid) == process.pid
        assert os.getsid(process.pid) != os.getsid(0)
    finally:
        process.kill()
        process.wait(timeout=WAIT_S)

"""The speaker: which program is chosen on a fake PATH, the command lines it builds, and
the real processes its background thread starts, cuts short, kills and reaps.

Waits are on events, semaphores and joins with generous bounds; nothing asserts how long
anything took.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
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
from backcoach.audio.speakers import (
    POLL_S,
    SPEAKER_CANDIDATES,
    NullSpeaker,
    ProcessSpeaker,
    SpeechCommand,
    describe_speech_support,
    find_speech_command,
    open_speaker,
)

REPO = Path(__file__).resolve().parent.parent


def speech_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "backcoach-speech"]


@pytest.fixture
def espeak(tmp_path: Path) -> SpeechCommand:
    """A fake espeak-ng that speaks (sleeps) until it is killed."""
    return SpeechCommand("espeak-ng", str(fake_program(tmp_path / "bin", "espeak-ng", SLEEPS)))


# -- choosing ------------------------------------------------------------------------


def test_the_candidates_are_the_issue_s_in_its_order() -> None:
    assert SPEAKER_CANDIDATES == ("spd-say", "espeak-ng", "espeak", "say")


@pytest.mark.parametrize("name", SPEAKER_CANDIDATES)
def test_each_speaker_alone_on_path_is_found(name: str) -> None:
    speaker = open_speaker(FakeWhich({name: f"/opt/bin/{name}"}))
    assert isinstance(speaker, ProcessSpeaker)
    assert speaker.speaker_name == name
    assert describe_speech_support(FakeWhich({name: f"/opt/bin/{name}"})) is None


@pytest.mark.parametrize("missing", SPEAKER_CANDIDATES)
def test_the_first_present_speaker_wins(missing: str) -> None:
    present = [name for name in SPEAKER_CANDIDATES if name != missing]
    command = find_speech_command(FakeWhich({name: f"/usr/bin/{name}" for name in present}))
    assert command == SpeechCommand(present[0], f"/usr/bin/{present[0]}")


def test_speakers_are_asked_for_in_order_until_one_is_found() -> None:
    which = FakeWhich({"espeak": "/usr/bin/espeak", "say": "/usr/bin/say"})
    assert find_speech_command(which) == SpeechCommand("espeak", "/usr/bin/espeak")
    assert which.asked == ["spd-say", "espeak-ng", "espeak"]


def test_no_speaker_is_a_silent_one_and_one_line_says_so() -> None:
    speaker = open_speaker(nothing_on_path)
    assert isinstance(speaker, NullSpeaker)
    assert speaker.speaker_name is None
    speaker.say("Hold")  # nothing to run, nothing raises
    speaker.hush()
    speaker.close()
    assert describe_speech_support(nothing_on_path) == (
        "No speech program found (spd-say, espeak-ng, espeak or say); spoken cues are off."
    )


def test_building_a_speaker_starts_no_thread(espeak: SpeechCommand) -> None:
    before = len(speech_threads())
    speaker = ProcessSpeaker(espeak)
    speaker.hush()  # nothing said yet: still nothing to start
    speaker.close()
    assert len(speech_threads()) == before


# -- command lines -------------------------------------------------------------------


def test_the_text_is_never_read_as_an_option() -> None:
    text = "--help me"
    assert SpeechCommand("espeak-ng", "/e").utterance(text, cutting_short=False) == [
        "/e",
        "--",
        "--help me",
    ]
    spd = SpeechCommand("spd-say", "/s").utterance(text, cutting_short=False)
    assert spd == ["/s", "-w", "--", "--help me"]
    # espeak and macOS say get no "--": the leading dashes go instead.
    for name in ("espeak", "say"):
        assert SpeechCommand(name, "/p").utterance(text, cutting_short=True) == ["/p", "help me"]


def test_spd_say_cancels_only_when_our_previous_speech_still_runs() -> None:
    command = SpeechCommand("spd-say", "/usr/bin/spd-say")
    assert "-C" not in command.utterance("Hold", cutting_short=False)
    assert command.utterance("Hold", cutting_short=True) == [
        "/usr/bin/spd-say",
        "-w",
        "-C",
        "--",
        "Hold",
    ]
    assert command.cancel() == ["/usr/bin/spd-say", "-C"]
    assert SpeechCommand("espeak-ng", "/e").cancel() is None  # killing it is enough


def test_spd_say_never_gets_a_percent_sign_it_would_read_as_a_format() -> None:
    argv = SpeechCommand("spd-say", "/s").utterance("Relax 50% %s", cutting_short=False)
    assert "%" not in argv[-1]
    assert argv[-1] == "Relax 50 percent percent s"


# -- processes -----------------------------------------------------------------------


def test_say_returns_while_the_program_is_still_being_started(espeak: SpeechCommand) -> None:
    spawn = SpawnRecorder()
    spawn.hold()
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    speaker.say("Hold")  # returns although the spawn below has not been let through
    assert spawn.entered.wait(WAIT_S)
    assert spawn.processes == []
    spawn.release()
    spawn.wait_for_starts(1)
    speaker.close()
    assert spawn.processes[0].returncode == -signal.SIGKILL


def test_a_new_cue_kills_the_old_one_and_reaps_it(espeak: SpeechCommand) -> None:
    spawn = SpawnRecorder()
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    for text in ("Hold", "Relax", "Switch to your right leg"):
        speaker.say(text)
        spawn.wait_for_starts(1)
    first, second, third = spawn.processes
    # Each was killed when the next cue came, and reaped by the speaker's own thread
    # (returncode set without this test waiting on it).
    assert first.returncode == -signal.SIGKILL
    assert [argv[-1] for argv in spawn.argvs] == ["Hold", "Relax", "Switch to your right leg"]
    speaker.close()
    assert second.returncode == -signal.SIGKILL
    assert third.returncode == -signal.SIGKILL


def test_hush_stops_the_speech_and_a_later_cue_speaks_again(espeak: SpeechCommand) -> None:
    spawn = SpawnRecorder()
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    speaker.say("Hold")
    spawn.wait_for_starts(1)
    speaker.hush()
    # Killed by the hush: a process that sleeps 30 s ends well within the bound.
    assert spawn.processes[0].wait(timeout=WAIT_S) == -signal.SIGKILL
    speaker.say("Relax")
    spawn.wait_for_starts(1)
    speaker.close()
    assert len(spawn.processes) == 2


def test_close_kills_ends_the_thread_leaves_no_zombie_and_can_be_repeated(
    espeak: SpeechCommand,
) -> None:
    spawn = SpawnRecorder()
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    before = set(speech_threads())
    speaker.say("Hold")
    spawn.wait_for_starts(1)
    (thread,) = set(speech_threads()) - before
    assert thread.daemon
    speaker.close()
    assert not thread.is_alive()
    process = spawn.processes[0]
    assert process.returncode == -signal.SIGKILL  # killed and reaped by the speaker
    with pytest.raises(ChildProcessError):
        os.waitpid(process.pid, os.WNOHANG)  # no zombie left behind
    speaker.close()
    speaker.say("Relax")  # after close: nothing is started, no thread comes back
    speaker.hush()
    assert len(spawn.processes) == 1 and set(speech_threads()) == before


def test_an_utterance_that_ends_by_itself_is_reaped(tmp_path: Path) -> None:
    spawn = SpawnRecorder()
    quick = SpeechCommand("espeak-ng", str(fake_program(tmp_path, "espeak-ng", "exit 0")))
    speaker = ProcessSpeaker(quick, spawn=spawn)
    speaker.say("Hold")
    spawn.wait_for_starts(1)
    process = spawn.processes[0]
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # it has ended
    # The speaker's thread reaps it on its own while idle (it looks every POLL_S):
    # look, boundedly, for the returncode it sets; this test never waits on it itself.
    tick = threading.Event()
    for _ in range(int(WAIT_S / POLL_S)):
        if process.returncode is not None:
            break
        tick.wait(POLL_S)
    assert process.returncode == 0
    speaker.close()


def test_cues_that_pile_up_while_busy_are_said_only_the_last(espeak: SpeechCommand) -> None:
    spawn = SpawnRecorder()
    spawn.hold()
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    speaker.say("Three")
    assert spawn.entered.wait(WAIT_S)  # the thread is busy starting "Three"
    for text in ("Two", "One", "Relax"):
        speaker.say(text)
    spawn.release()
    spawn.wait_for_starts(2)
    speaker.close()
    assert [argv[-1] for argv in spawn.argvs] == ["Three", "Relax"]


def test_a_hush_after_a_pile_of_cues_wins(espeak: SpeechCommand) -> None:
    spawn = SpawnRecorder()
    spawn.hold()
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    speaker.say("Three")
    assert spawn.entered.wait(WAIT_S)
    speaker.say("Two")
    speaker.hush()
    spawn.release()
    spawn.wait_for_starts(1)
    assert spawn.processes[0].wait(timeout=WAIT_S) == -signal.SIGKILL
    speaker.close()
    assert [argv[-1] for argv in spawn.argvs] == ["Three"]


def test_spd_say_is_cancelled_in_its_daemon_when_cut_short(tmp_path: Path) -> None:
    """spd-say -w lives while speaking; a cut sends -C once, a hush runs spd-say -C."""
    spawn = SpawnRecorder()
    program = fake_program(tmp_path, "spd-say", 'for a; do [ "$a" = -w ] && exec sleep 30; done')
    speaker = ProcessSpeaker(SpeechCommand("spd-say", str(program)), spawn=spawn)
    speaker.say("Hold")
    spawn.wait_for_starts(1)
    speaker.say("Relax")
    spawn.wait_for_starts(1)
    speaker.hush()
    spawn.wait_for_starts(1)  # the cancel
    spawn.processes[2].wait(timeout=WAIT_S)
    speaker.say("Rest")
    spawn.wait_for_starts(1)
    speaker.close()
    spd = str(program)
    assert spawn.argvs == [
        [spd, "-w", "--", "Hold"],
        [spd, "-w", "-C", "--", "Relax"],  # "Hold" still spoke: its cancel comes with it
        [spd, "-C"],  # hush while "Relax" spoke
        [spd, "-w", "--", "Rest"],  # nothing of ours spoke: no cancel
        [spd, "-C"],  # close while "Rest" spoke
    ]


def test_a_program_that_cannot_be_started_leaves_the_speaker_silent(
    espeak: SpeechCommand,
) -> None:
    spawn = SpawnRecorder(raise_os_error)
    speaker = ProcessSpeaker(espeak, spawn=spawn)
    speaker.say("Hold")  # never raises, here or in the thread
    assert spawn.entered.wait(WAIT_S)
    speaker.close()  # joins the thread: the failure has been seen
    assert speaker.failed
    assert len(spawn.argvs) == 1


def test_a_vanished_program_is_an_os_error_and_speech_goes_quiet(tmp_path: Path) -> None:
    spawn = SpawnRecorder()  # the real spawn, watched
    command = find_speech_command(FakeWhich({"espeak-ng": tmp_path / "gone" / "espeak-ng"}))
    assert command is not None
    speaker = ProcessSpeaker(command, spawn=spawn)
    speaker.say("Hold")
    assert spawn.entered.wait(WAIT_S)
    speaker.close()
    assert speaker.failed
    threads = set(speech_threads())
    speaker.say("Relax")  # silent from now on, no new thread
    assert set(speech_threads()) == threads and len(spawn.argvs) == 1


def test_the_text_is_one_argument_no_shell_sees_it(tmp_path: Path) -> None:
    out = tmp_path / "args"
    program = fake_program(tmp_path, "espeak-ng", f"printf '%s\\n' \"$@\" > {out}")
    spawn = SpawnRecorder()
    speaker = ProcessSpeaker(SpeechCommand("espeak-ng", str(program)), spawn=spawn)
    text = "Hold; touch pwned $(touch pwned2)"
    speaker.say(text)
    spawn.wait_for_starts(1)
    assert spawn.processes[0].wait(timeout=WAIT_S) == 0
    speaker.close()
    assert out.read_text().splitlines() == ["--", text]
    assert not (Path.cwd() / "pwned").exists() and not (tmp_path / "pwned").exists()


def test_on_started_gets_the_injected_clock_reading(espeak: SpeechCommand) -> None:
    readings = iter([123.5, 124.25])
    started: list[float] = []
    spawn = SpawnRecorder()
    speaker = ProcessSpeaker(
        espeak, spawn=spawn, monotonic=lambda: next(readings), on_started=started.append
    )
    speaker.say("Hold")
    spawn.wait_for_starts(1)
    speaker.say("Relax")
    spawn.wait_for_starts(1)
    speaker.close()
    assert started == [123.5, 124.25]


EXIT_WITHOUT_CLOSE = r"""
import json, sys, threading
from backcoach.audio.speakers import ProcessSpeaker, SpeechCommand
from backcoach.audio.processes import spawn_quietly
started = threading.Event()
pids = []
def spawn(argv):
    process = spawn_quietly(argv)
    pids.append(process.pid)
    return process
speaker = ProcessSpeaker(SpeechCommand("espeak-ng", sys.argv[1]), spawn=spawn,
                         on_started=lambda t: started.set())
speaker.say("Hold")
assert started.wait(30)
print(json.dumps(pids), flush=True)
# no close(): the interpreter exits with the speech still running
"""


def test_speech_is_killed_at_interpreter_exit_even_without_close(
    espeak: SpeechCommand,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", EXIT_WITHOUT_CLOSE, espeak.program],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    (pid,) = json.loads(done.stdout)
    # The sleeping child was killed and reaped by its parent before it exited.
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)

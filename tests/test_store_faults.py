"""Fault injection: writers killed with SIGKILL mid-save, and two writers at once.

A small helper script (a fork server, so each cycle costs a fork rather than a Python
start-up) forks a worker that saves sessions in a loop and prints each id once the save
is acknowledged. The test kills the worker after a random number of acknowledgements,
then checks that the file loads cleanly and holds every acknowledged session.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from uuid import UUID

import pytest

from backcoach.clock import FakeClock
from backcoach.core.store import HistoryStore

pytestmark = pytest.mark.slow

KILLS = 200

FORK_SERVER = r"""
import os, random, sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from backcoach.clock import SystemClock
from backcoach.core.history_models import ExerciseRecord, SessionRecord, SetRecord
from backcoach.core.store import HistoryStore

data_dir = Path(sys.argv[1])

def say(text):
    os.write(1, (text + "\n").encode())

def work(seed):
    rnd = random.Random(seed)
    store = HistoryStore(data_dir, SystemClock(), lock_timeout=30)
    base = datetime(2026, 1, 1, 8, tzinfo=UTC)
    while True:
        start = base + timedelta(hours=rnd.randrange(24 * 365))
        record = SessionRecord.begin(
            routine_id="daily", routine_name="Daily", now=start, pid=os.getpid()
        )
        record.exercises = [
            ExerciseRecord(
                exercise_id=f"ex{i}", name=f"Exercise {i}", status="completed",
                sets=[SetRecord(set=1, reps_done=rnd.randrange(20), holds_done=1)],
                seconds_spent=rnd.random() * 100,
            )
            for i in range(rnd.randrange(4))
        ]
        report = store.save_session(record)
        say(("ack " if report.ok else "fail ") + str(record.id))

say("ready")
for line in sys.stdin:
    command, seed = line.split()
    pid = os.fork()
    if pid == 0:
        try:
            work(int(seed))
        finally:
            os._exit(0)
    say(f"pid {pid}")
    os.waitpid(pid, 0)
    say("done")
"""

CONCURRENT_SAVER = r"""
import os, sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from backcoach.clock import SystemClock
from backcoach.core.history_models import SessionRecord
from backcoach.core.store import HistoryStore

store = HistoryStore(Path(sys.argv[1]), SystemClock(), lock_timeout=0.5)
base = datetime(2026, 1, 1, 8, tzinfo=UTC)
print("ready", flush=True)
sys.stdin.readline()
waits = 0
for n in range(int(sys.argv[2])):
    record = SessionRecord.begin(
        routine_id="daily", routine_name=sys.argv[3], now=base + timedelta(days=n), pid=None
    )
    if not store.save_session(record).ok:
        waits += 1
while not store.flush_pending().ok:
    waits += 1
print(f"saved {len([s for s in store.history.sessions if s.routine_name == sys.argv[3]])}"
      f" waits {waits}", flush=True)
"""


#: A hang guard, not a timing check: a helper silent for this long is stuck, and the
#: test fails with a message instead of hanging CI forever.
LINE_DEADLINE_SECONDS = 300.0


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    """The helper runs in its own process group, so a stuck one (and any worker it
    forked, which shares its stdout) can be killed at once."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        start_new_session=True,
    )


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _line(proc: subprocess.Popen[str]) -> str:
    """The helper's next line; if none comes within the deadline, kill its group."""
    assert proc.stdout is not None
    stuck = threading.Event()

    def give_up() -> None:
        stuck.set()
        _kill_group(proc)

    watchdog = threading.Timer(LINE_DEADLINE_SECONDS, give_up)
    watchdog.daemon = True
    watchdog.start()
    try:
        line = proc.stdout.readline()
    finally:
        watchdog.cancel()
    assert not stuck.is_set(), (
        f"the helper process printed nothing for {LINE_DEADLINE_SECONDS:g} s and was killed"
    )
    assert line, "the helper process ended unexpectedly"
    return line.strip()


def test_sigkill_mid_save_never_loses_an_acknowledged_session(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rnd = random.Random(20261125)
    server = _start(FORK_SERVER, str(data_dir))
    acknowledged: set[UUID] = set()
    torn_writes = 0  # kills that landed between creating a temp file and renaming it
    try:
        assert _line(server) == "ready"
        assert server.stdin is not None
        for cycle in range(KILLS):
            server.stdin.write(f"go {rnd.randrange(2**32)}\n")
            server.stdin.flush()
            wanted = rnd.randrange(4)  # 0: kill during the very first save
            pid: int | None = None
            acks = 0
            while pid is None or acks < wanted:
                kind, value = _line(server).split(" ", 1)
                if kind == "pid":
                    pid = int(value)
                else:
                    assert kind == "ack", f"a save failed: {value}"
                    acknowledged.add(UUID(value))
                    acks += 1
            os.kill(pid, signal.SIGKILL)
            while (line := _line(server)) != "done":
                kind, value = line.split(" ", 1)
                assert kind == "ack", f"a save failed: {value}"
                acknowledged.add(UUID(value))  # printed before it died: saved
            torn_writes += bool(list(data_dir.rglob(".*.tmp")))
            report = HistoryStore(data_dir, FakeClock()).load()
            assert report.notices == [], f"cycle {cycle}: {report.notices}"
            stored = {s.id for s in report.history.sessions}
            missing = acknowledged - stored
            assert not missing, f"cycle {cycle}: lost {len(missing)} acknowledged sessions"
    finally:
        if server.stdin is not None:
            server.stdin.close()
        _kill_group(server)
        server.wait()
    print(f"{KILLS} kills, {torn_writes} mid-write, {len(acknowledged)} sessions acknowledged")
    assert len(acknowledged) >= KILLS  # the kills landed mid-stream, not only at the start
    assert not list(data_dir.rglob("*.corrupt-*"))


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    savers = [_start(CONCURRENT_SAVER, str(data_dir), "100", name) for name in ("A", "B")]
    try:
        assert [_line(p) for p in savers] == ["ready", "ready"]
        for proc in savers:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [_line(p) for p in savers]
    finally:
        for proc in savers:
            _kill_group(proc)
            proc.wait()
    assert all(r.startswith("saved 100 ") for r in results), results
    history = HistoryStore(data_dir, FakeClock()).load().history
    assert len(history.sessions) == 200
    assert {s.routine_name for s in history.sessions} == {"A", "B"}
    assert len({s.id for s in history.sessions}) == 200

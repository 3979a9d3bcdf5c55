"""``backcoach remind``: silent once today is done, a notification otherwise, through a
fake ``notify-send`` on PATH; without one (or without a session bus), one line on
stderr and no traceback; ``--snooze`` waits on the clock, not on a test's time."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from backcoach.clock import FakeClock
from backcoach.commands import remind
from backcoach.core.reminders.notifiers import (
    NoNotifier,
    NotifySend,
    Osascript,
    find_notifier,
    run_tool,
)
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from store_factory import session_on

FAKE_NOTIFY_SEND = """#!/bin/sh
# Records each call, one argument a line, then a blank line.
for arg in "$@"; do printf '%s\\n' "$arg" >> "$NOTIFY_LOG"; done
printf '\\n' >> "$NOTIFY_LOG"
exit "${NOTIFY_EXIT:-0}"
"""


@pytest.fixture
def fake_bin(tmp_path: Path) -> Path:
    """A directory with a recording ``notify-send`` (and nothing else)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "notify-send"
    tool.write_text(FAKE_NOTIFY_SEND)
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def bus_env(tmp_path: Path, bin_dir: Path) -> dict[str, str]:
    return {
        "PATH": str(bin_dir),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent-test-bus",
        "NOTIFY_LOG": str(tmp_path / "notify.log"),
    }


def calls(tmp_path: Path) -> list[list[str]]:
    log = tmp_path / "notify.log"
    if not log.exists():
        return []
    return [block.splitlines() for block in log.read_text().split("\n\n") if block]


def check(
    paths: AppPaths, clock: FakeClock, env: dict[str, str], **kwargs: object
) -> tuple[int, str]:
    err = io.StringIO()

    def notifier() -> object:
        return find_notifier(env=env, which=lambda name: _which(name, env), platform="linux")

    code = remind.check(paths, clock=clock, notifier=notifier, err=err, **kwargs)  # type: ignore[arg-type]
    return code, err.getvalue()


def _which(name: str, env: dict[str, str]) -> str | None:
    import shutil

    return shutil.which(name, path=env["PATH"])


def test_not_done_today_sends_one_notification(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, fake_bin: Path, tmp_path: Path
) -> None:
    store.save_session(session_on(clock.now().date() - timedelta(days=1)))
    code, err = check(app_paths, clock, bus_env(tmp_path, fake_bin))
    assert (code, err) == (remind.REMINDED, "")
    (call,) = calls(tmp_path)
    assert call[-2:] == ["backcoach", "No routine session done yet today"]
    assert "--app-name=backcoach" in call


def test_twice_a_day_done_once_names_the_routine(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, fake_bin: Path, tmp_path: Path
) -> None:
    today = clock.now().date()
    store.save_session(
        session_on(today, target_per_day=2, routine="Stretches & <b>", routine_id="stretches")
    )
    code, _err = check(app_paths, clock, bus_env(tmp_path, fake_bin))
    assert code == remind.REMINDED
    # the body is escaped for servers that read markup: shown literally
    assert calls(tmp_path)[0][-1] == "Stretches &amp; &lt;b&gt;: 1 of 2 done today"


def test_done_today_is_silent(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, fake_bin: Path, tmp_path: Path
) -> None:
    store.save_session(session_on(clock.now().date()))
    code, err = check(app_paths, clock, bus_env(tmp_path, fake_bin))
    assert (code, err, calls(tmp_path)) == (remind.NOTHING_DUE, "", [])


def test_a_rest_day_is_silent(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, fake_bin: Path, tmp_path: Path
) -> None:
    store.mark_rest_day(clock.now().date())
    code, _err = check(app_paths, clock, bus_env(tmp_path, fake_bin))
    assert (code, calls(tmp_path)) == (remind.NOTHING_DUE, [])


def test_a_failing_notify_send_is_one_line(
    app_paths: AppPaths, clock: FakeClock, fake_bin: Path, tmp_path: Path
) -> None:
    env = {**bus_env(tmp_path, fake_bin), "NOTIFY_EXIT": "1"}
    code, err = check(app_paths, clock, env)
    assert code == remind.CANNOT_NOTIFY
    assert err.count("\n") == 1 and "notify-send could not show the reminder" in err


def test_snooze_waits_by_the_clock_then_checks_again(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, fake_bin: Path, tmp_path: Path
) -> None:
    """While snoozing, today's session is done: the check after the wait stays silent."""
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(min(seconds, 600))  # woken early: the rest is slept again
        if len(slept) == 2:
            store.save_session(session_on(clock.now().date()))

    code, _err = check(
        app_paths, clock, bus_env(tmp_path, fake_bin), snooze_seconds=1800, sleep=sleep
    )
    assert slept == [1800, 1200, 600]
    assert (code, calls(tmp_path)) == (remind.NOTHING_DUE, [])


def test_no_session_bus_is_said_plainly(tmp_path: Path, fake_bin: Path) -> None:
    env = {"PATH": str(fake_bin), "XDG_RUNTIME_DIR": str(tmp_path / "no-such-dir")}
    found = find_notifier(env=env, which=lambda n: _which(n, env), platform="linux", uid=-1)
    assert isinstance(found, NoNotifier) and "session bus" in found.reason


def test_the_bus_in_the_runtime_dir_is_handed_over(tmp_path: Path, fake_bin: Path) -> None:
    (tmp_path / "bus").touch()
    env = {"PATH": str(fake_bin), "XDG_RUNTIME_DIR": str(tmp_path)}
    found = find_notifier(env=env, which=lambda n: _which(n, env), platform="linux", uid=-1)
    assert isinstance(found, NotifySend)
    assert found.env["DBUS_SESSION_BUS_ADDRESS"] == f"unix:path={tmp_path / 'bus'}"


def test_macos_passes_the_texts_as_arguments_not_as_script() -> None:
    recorded: list[list[str]] = []

    def run(command: object, env: object) -> tuple[int, str]:
        recorded.append(list(command))  # type: ignore[call-overload]
        return 0, ""

    found = find_notifier(env={}, which=lambda n: f"/usr/bin/{n}", platform="darwin", run=run)
    assert isinstance(found, Osascript)
    found.send("backcoach", 'Stretches "x": 1 of 2 done today')
    (command,) = recorded
    assert command[-2:] == ["backcoach", 'Stretches "x": 1 of 2 done today']
    assert not any('"x"' in part for part in command[:-2])


def test_the_real_runner_never_raises() -> None:
    code, err = run_tool(["/nonexistent/notify-send", "x"], {})
    assert code != 0 and err


def test_the_real_command_without_a_notifier_gives_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BACKCOACH_", "DBUS_"))}
    env["PATH"] = str(tmp_path / "empty-bin")  # no notify-send, no osascript
    result = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(tmp_path / "d"), "remind"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == remind.CANNOT_NOTIFY
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("backcoach: reminder not shown: ")
    assert result.stdout == ""
    assert not (tmp_path / "d").exists(), "a check creates nothing"


def test_the_real_command_reminds_then_stays_silent_once_the_day_is_done(
    tmp_path: Path, fake_bin: Path
) -> None:
    """The installed entry point, on the real clock: exit 0 and one notification while
    nothing is done today; after a completed session today, exit 1 and no call."""
    from datetime import datetime

    from backcoach.clock import SystemClock

    data = tmp_path / "d"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKCOACH_")}
    env.update(bus_env(tmp_path, fake_bin))
    env["PATH"] = f"{fake_bin}{os.pathsep}{env.get('PATH', '')}"
    command = [sys.executable, "-m", "backcoach", "--data-dir", str(data), "remind"]

    def remind_now() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    first = remind_now()
    assert (first.returncode, first.stderr) == (remind.REMINDED, "")
    assert len(calls(tmp_path)) == 1
    now: datetime = SystemClock().now()
    zone = now.tzinfo or "UTC"
    HistoryStore(data, SystemClock()).save_session(session_on(now.date(), zone=zone))
    second = remind_now()
    assert (second.returncode, second.stdout, second.stderr) == (remind.NOTHING_DUE, "", "")
    assert len(calls(tmp_path)) == 1, "no second notification"

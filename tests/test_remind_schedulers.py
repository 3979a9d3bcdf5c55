"""``remind install / uninstall / status``: the units written, verified by systemd, and
removed without a stray file; a file of the same name that backcoach did not write is
never touched; launchd and cron get what they need."""

from __future__ import annotations

import io
import os
import plistlib
import shutil
import stat
import subprocess
from collections.abc import Mapping, Sequence
from datetime import time
from pathlib import Path

import pytest

from backcoach.clock import FakeClock
from backcoach.commands import remind
from backcoach.core.reminders.schedulers import (
    LAUNCH_AGENT_LABEL,
    Crontab,
    LaunchAgent,
    SystemdTimer,
    choose_scheduler,
    crontab_lines,
    systemd_quote,
)
from backcoach.core.reminders.setup import backcoach_program, reminder_command
from backcoach.paths import AppPaths

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
TIMES = [time(8), time(18, 30)]


class Recorder:
    """A fake ``systemctl``/``launchctl``: records each call, answers ``code``."""

    def __init__(self, code: int = 0, err: str = "") -> None:
        self.calls: list[list[str]] = []
        self.code, self.err = code, err

    def __call__(self, command: Sequence[str], env: Mapping[str, str]) -> tuple[int, str]:
        self.calls.append(list(command))
        return self.code, self.err


def program(tmp_path: Path) -> list[str]:
    """An executable ``backcoach`` (systemd-analyze checks that ExecStart exists)."""
    script = tmp_path / "bin with space" / "backcoach"
    script.parent.mkdir(exist_ok=True)
    script.write_text("#!/bin/sh\nexit 1\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return backcoach_program(str(script))


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def test_install_writes_a_persistent_timer_and_enables_it(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    systemctl = Recorder()
    timer = SystemdTimer(tmp_path / "units", systemctl, {})
    command = reminder_command(app_paths, program(tmp_path))
    out, err = io.StringIO(), io.StringIO()
    assert remind.install(timer, TIMES, command, out, err) == 0
    assert sorted(p.name for p in timer.unit_dir.iterdir()) == [
        "backcoach-remind.service",
        "backcoach-remind.timer",
    ]
    text = timer.timer.read_text()
    assert "OnCalendar=*-*-* 08:00:00\nOnCalendar=*-*-* 18:30:00\n" in text
    assert "Persistent=true" in text
    service = timer.service.read_text()
    assert f'ExecStart="{command[0]}" --data-dir' in service
    assert service.rstrip().endswith("SuccessExitStatus=1")
    assert stat.S_IMODE(timer.timer.stat().st_mode) == 0o600
    assert systemctl.calls == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "backcoach-remind.timer"],
    ]
    assert "Reminders at 08:00, 18:30." in out.getvalue()


def test_status_shows_the_times_and_the_next_one(tmp_path: Path, clock: FakeClock) -> None:
    timer = SystemdTimer(tmp_path / "units", Recorder(), {})
    out = io.StringIO()
    assert remind.status(timer, clock, out, io.StringIO()) == 0
    assert out.getvalue().startswith("No reminders installed.")
    timer.install(TIMES, ["/bin/backcoach", "remind"])
    out = io.StringIO()
    assert remind.status(timer, clock, out, io.StringIO()) == 0  # 10:00 local
    lines = out.getvalue().splitlines()
    assert lines[0] == "Reminders at 08:00, 18:30 (systemd user timer)"
    assert lines[1] == "Next: today at 18:30, if today is not done"


def test_uninstall_removes_exactly_what_install_wrote(tmp_path: Path) -> None:
    units = tmp_path / "units"
    units.mkdir()
    (units / "other.timer").write_text("[Timer]\nOnCalendar=daily\n")
    before = listing(tmp_path)
    systemctl = Recorder()
    timer = SystemdTimer(units, systemctl, {})
    timer.install(TIMES, ["/bin/backcoach", "remind"])
    timer.install([time(7)], ["/bin/backcoach", "remind"])  # again: replaced, not added
    assert len(listing(tmp_path)) == len(before) + 2
    out = io.StringIO()
    assert remind.uninstall(timer, out, io.StringIO()) == 0
    assert listing(tmp_path) == before
    assert "Removed" in out.getvalue()
    assert ["systemctl", "--user", "disable", "--now", "backcoach-remind.timer"] in systemctl.calls
    out = io.StringIO()
    remind.uninstall(timer, out, io.StringIO())
    assert out.getvalue() == "No reminders were installed\n"


def test_a_unit_backcoach_did_not_write_is_left_alone(tmp_path: Path) -> None:
    timer = SystemdTimer(tmp_path, Recorder(), {})
    timer.timer.write_text("[Timer]\nOnCalendar=hourly\n")
    err = io.StringIO()
    assert remind.install(timer, TIMES, ["/bin/backcoach"], io.StringIO(), err) == 1
    assert "was not written by backcoach" in err.getvalue()
    assert timer.timer.read_text() == "[Timer]\nOnCalendar=hourly\n"
    assert not timer.service.exists()
    out = io.StringIO()
    remind.uninstall(timer, out, io.StringIO())
    assert timer.timer.exists() and "left as it is" in out.getvalue()


def test_without_a_user_manager_the_files_stay_and_the_user_is_told(tmp_path: Path) -> None:
    timer = SystemdTimer(tmp_path, Recorder(1, "Failed to connect to bus: No medium found"), {})
    out = io.StringIO()
    assert remind.install(timer, TIMES, ["/bin/backcoach"], out, io.StringIO()) == 1
    assert "Failed to connect to bus" in out.getvalue()
    assert "systemctl --user enable --now backcoach-remind.timer" in out.getvalue()
    assert timer.installed() is not None


def test_systemd_quoting() -> None:
    assert systemd_quote("/usr/bin/backcoach") == "/usr/bin/backcoach"
    assert systemd_quote("/a b/c") == '"/a b/c"'
    assert systemd_quote('50%"$HOME') == '"50%%\\"$$HOME"'


SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(
    SYSTEMD_ANALYZE is None and not IN_CI, reason="systemd-analyze is not installed"
)
def test_the_units_pass_systemd_analyze_verify(tmp_path: Path, app_paths: AppPaths) -> None:
    """``systemd-analyze --user verify`` with a private runtime dir: it needs no running
    systemd (so it works as root in a container too); any warning fails the test."""
    assert SYSTEMD_ANALYZE is not None, "systemd-analyze is missing (Debian package systemd)"
    timer = SystemdTimer(tmp_path / "units", Recorder(), {})
    timer.install(TIMES, reminder_command(app_paths, program(tmp_path)))
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "SYSTEMD_LOG_LEVEL": "notice"}
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "--user", "verify", str(timer.timer), str(timer.service)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


def test_launch_agent_round_trip(tmp_path: Path) -> None:
    launchctl = Recorder()
    agent = LaunchAgent(tmp_path / "LaunchAgents", launchctl, {}, uid=501)
    agent.install(TIMES, ["/opt/backcoach", "remind"])
    plist = plistlib.loads(agent.plist.read_bytes())
    assert plist["Label"] == LAUNCH_AGENT_LABEL
    assert plist["ProgramArguments"] == ["/opt/backcoach", "remind"]
    assert plist["StartCalendarInterval"] == [
        {"Hour": 8, "Minute": 0},
        {"Hour": 18, "Minute": 30},
    ]
    assert ["launchctl", "bootstrap", "gui/501", str(agent.plist)] in launchctl.calls
    installed = agent.installed()
    assert installed is not None and installed.times == tuple(TIMES)
    agent.uninstall()
    assert listing(tmp_path) == ["LaunchAgents"]


def test_elsewhere_the_crontab_lines_are_printed(app_paths: AppPaths) -> None:
    lines = crontab_lines(TIMES, ["/opt/back coach", "remind", "50%"])
    assert lines == [
        "0 8 * * * '/opt/back coach' remind 50\\%",
        "30 18 * * * '/opt/back coach' remind 50\\%",
    ]
    out = io.StringIO()
    assert remind.install(Crontab(), TIMES, ["/opt/backcoach"], out, io.StringIO()) == 0
    assert "crontab -e" in out.getvalue() and "0 8 * * * /opt/backcoach" in out.getvalue()


def test_the_scheduler_follows_the_platform(tmp_path: Path) -> None:
    def choose(platform: str, systemd: bool) -> str:
        found = choose_scheduler(
            platform=platform, home=tmp_path, env={}, run=Recorder(), systemd_running=systemd
        )
        return found.kind

    assert choose("linux", True) == "systemd user timer"
    assert choose("linux", False) == "crontab"
    assert choose("darwin", False) == "LaunchAgent"
    assert choose("freebsd14", False) == "crontab"


def test_the_units_run_this_backcoach_with_its_dirs(tmp_path: Path, app_paths: AppPaths) -> None:
    command = reminder_command(app_paths, program(tmp_path))
    assert Path(command[0]).is_absolute() and command[0].endswith("/backcoach")
    assert command[1:] == [
        "--data-dir",
        str(app_paths.data_dir),
        "--config-dir",
        str(app_paths.config_dir),
        "remind",
    ]
    python = backcoach_program("/somewhere/__main__.py", "/usr/bin/python3")
    assert python == ["/usr/bin/python3", "-m", "backcoach"]

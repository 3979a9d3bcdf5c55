"""What runs ``backcoach remind`` at the chosen times, written and removed by backcoach.

Linux with systemd: a user timer and service (``Persistent=true``: a time missed while
the laptop slept fires when it wakes). macOS: a LaunchAgent (launchd runs a missed
calendar job on wake too). Elsewhere: the crontab lines to add by hand, since editing
someone's crontab is not backcoach's to do. Every file written carries a mark (a
comment, or the LaunchAgent's label), and ``uninstall`` removes only marked files; a
file of that name without the mark is never overwritten or removed.
"""

from __future__ import annotations

import os
import plistlib
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Protocol

from backcoach.core.atomic import atomic_write_bytes, atomic_write_text, fsync_dir
from backcoach.core.reminders.times import clock_text

#: Runs a command and returns (exit status, standard error).
Runner = Callable[[Sequence[str], Mapping[str, str]], tuple[int, str]]

UNIT_NAME = "backcoach-remind"
MARK = "# Written by `backcoach remind install`; `backcoach remind uninstall` removes it."
LAUNCH_AGENT_LABEL = "io.github.backcoach.remind"
#: ``backcoach remind`` exits 1 when nothing is due: not a failure for the scheduler.
NOTHING_DUE_EXIT = 1


class ScheduleError(Exception):
    """Installing or removing could not be done (the message says what and why)."""


@dataclass(frozen=True)
class Installed:
    """What ``remind status`` shows."""

    kind: str
    times: tuple[time, ...]
    files: tuple[Path, ...]


@dataclass(frozen=True)
class ReminderState:
    """What the settings show: how reminders are installed here, and what is."""

    kind: str  # "systemd user timer", "LaunchAgent" or "crontab"
    installed: Installed | None = None
    problem: str | None = None  # the installed file could not be read

    def text(self) -> str:
        """``Installed: 08:00, 18:30 (systemd user timer)`` or why not."""
        if self.problem is not None:
            return self.problem
        if self.installed is not None:
            times = ", ".join(clock_text(at) for at in self.installed.times)
            return f"Installed: {times} ({self.installed.kind})"
        if self.kind == "crontab":
            return "Not installed: here, Install shows the crontab lines to add"
        return f"Not installed (they would be a {self.kind})"


def reminder_state(scheduler: Scheduler) -> ReminderState:
    """What is installed now; never raises."""
    try:
        return ReminderState(scheduler.kind, scheduler.installed())
    except (ScheduleError, OSError) as error:
        return ReminderState(scheduler.kind, problem=str(error))


@dataclass
class Outcome:
    """What was done, line by line for the user; ``ok`` False: something is left to do."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True


class Scheduler(Protocol):
    kind: str

    def install(self, times: Sequence[time], command: Sequence[str]) -> Outcome: ...

    def uninstall(self) -> Outcome: ...

    def installed(self) -> Installed | None: ...


def _tool_failed(code: int, err: str) -> str:
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    return lines[0] if lines else f"exit status {code}"


def _is_ours(path: Path, marked: Callable[[bytes], bool]) -> bool | None:
    """True: our file; False: someone else's; None: there is no file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ScheduleError(f"{path}: could not be read ({error.strerror or error})") from error
    return marked(data)


def _has_mark(data: bytes) -> bool:
    return data.startswith(MARK.encode())


def _remove(path: Path) -> None:
    path.unlink()
    fsync_dir(path.parent)


# -- systemd ---------------------------------------------------------------------------


def systemd_quote(arg: str) -> str:
    """One word of ``ExecStart=``: ``%`` and ``$`` doubled (systemd expands them), and
    quoted when it holds a space, a quote or a backslash."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if arg and not re.search(r"[\s\"'\\;]", arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def service_text(command: Sequence[str]) -> str:
    exec_start = " ".join(systemd_quote(arg) for arg in command)
    return (
        f"{MARK}\n"
        "[Unit]\n"
        "Description=backcoach: a reminder while today's exercises are not done\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
        "# 1: nothing to remind (today is done, or a rest day)\n"
        f"SuccessExitStatus={NOTHING_DUE_EXIT}\n"
    )


def timer_text(times: Sequence[time]) -> str:
    calendar = "".join(f"OnCalendar=*-*-* {clock_text(at)}:00\n" for at in times)
    return (
        f"{MARK}\n"
        "[Unit]\n"
        f"Description=backcoach reminders at {', '.join(clock_text(at) for at in times)}\n\n"
        "[Timer]\n"
        f"{calendar}"
        "# A time missed while the machine slept or was off fires once it is back.\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


_ON_CALENDAR = re.compile(r"^OnCalendar=\*-\*-\* (\d\d):(\d\d):00$", re.MULTILINE)


@dataclass
class SystemdTimer:
    """A user timer and service in ``unit_dir`` (``~/.config/systemd/user``)."""

    unit_dir: Path
    run: Runner
    env: Mapping[str, str]
    kind: str = field(default="systemd user timer", init=False)

    @property
    def service(self) -> Path:
        return self.unit_dir / f"{UNIT_NAME}.service"

    @property
    def timer(self) -> Path:
        return self.unit_dir / f"{UNIT_NAME}.timer"

    def _systemctl(self, *args: str) -> str | None:
        """Run ``systemctl --user``; None when it worked, else why not."""
        code, err = self.run(["systemctl", "--user", *args], self.env)
        return None if code == 0 else _tool_failed(code, err)

    def install(self, times: Sequence[time], command: Sequence[str]) -> Outcome:
        for path in (self.service, self.timer):
            if _is_ours(path, _has_mark) is False:
                raise ScheduleError(
                    f"{path} exists and was not written by backcoach: it is left as it is, "
                    "and no reminder was installed"
                )
        atomic_write_text(self.service, service_text(command))
        atomic_write_text(self.timer, timer_text(times))
        outcome = Outcome([f"Wrote {self.timer}", f"Wrote {self.service}"])
        problem = self._systemctl("daemon-reload") or self._systemctl(
            "enable", "--now", self.timer.name
        )
        if problem is None:
            outcome.lines.append(f"Enabled {self.timer.name}")
        else:
            outcome.ok = False
            outcome.lines.append(
                f"Could not enable the timer ({problem}); once your user session runs "
                f"systemd, run: systemctl --user enable --now {self.timer.name}"
            )
        return outcome

    def uninstall(self) -> Outcome:
        outcome = Outcome()
        found = {path: _is_ours(path, _has_mark) for path in (self.timer, self.service)}
        ours = [path for path, mine in found.items() if mine]
        theirs = [path for path, mine in found.items() if mine is False]
        if ours:
            self._systemctl("disable", "--now", self.timer.name)  # it may not be enabled
        for path in ours:
            _remove(path)
            outcome.lines.append(f"Removed {path}")
        for path in theirs:
            outcome.lines.append(f"{path} was not written by backcoach: left as it is")
        if ours:
            self._systemctl("daemon-reload")
        else:
            outcome.lines.append("No reminders were installed")
        return outcome

    def installed(self) -> Installed | None:
        if not _is_ours(self.timer, _has_mark):
            return None
        text = self.timer.read_text(encoding="utf-8", errors="replace")
        times = tuple(time(int(h), int(m)) for h, m in _ON_CALENDAR.findall(text))
        files = tuple(p for p in (self.timer, self.service) if p.exists())
        return Installed(self.kind, times, files)


# -- launchd ----------------------------------------------------------------------------


def launch_agent_plist(times: Sequence[time], command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "StartCalendarInterval": [{"Hour": at.hour, "Minute": at.minute} for at in times],
        }
    )


def _launch_agent_times(data: bytes) -> tuple[time, ...] | None:
    """The times in our LaunchAgent; None when the file is not ours."""
    try:
        plist = plistlib.loads(data)
    except Exception:  # plistlib raises several kinds on a damaged file
        return None
    if not isinstance(plist, dict) or plist.get("Label") != LAUNCH_AGENT_LABEL:
        return None
    entries = plist.get("StartCalendarInterval") or []
    return tuple(
        time(int(entry.get("Hour", 0)), int(entry.get("Minute", 0)))
        for entry in entries
        if isinstance(entry, dict)
    )


@dataclass
class LaunchAgent:
    """``~/Library/LaunchAgents/io.github.backcoach.remind.plist``, loaded with launchctl."""

    agents_dir: Path
    run: Runner
    env: Mapping[str, str]
    uid: int
    kind: str = field(default="LaunchAgent", init=False)

    @property
    def plist(self) -> Path:
        return self.agents_dir / f"{LAUNCH_AGENT_LABEL}.plist"

    def _ours(self) -> bool | None:
        return _is_ours(self.plist, lambda data: _launch_agent_times(data) is not None)

    def install(self, times: Sequence[time], command: Sequence[str]) -> Outcome:
        if self._ours() is False:
            raise ScheduleError(
                f"{self.plist} exists and was not written by backcoach: it is left as it is"
            )
        domain = f"gui/{self.uid}"
        self.run(["launchctl", "bootout", f"{domain}/{LAUNCH_AGENT_LABEL}"], self.env)
        atomic_write_bytes(self.plist, launch_agent_plist(times, command), mode=0o644)
        outcome = Outcome([f"Wrote {self.plist}"])
        code, err = self.run(["launchctl", "bootstrap", domain, str(self.plist)], self.env)
        if code == 0:
            outcome.lines.append(f"Loaded {LAUNCH_AGENT_LABEL}")
        else:
            outcome.ok = False
            outcome.lines.append(
                f"Could not load it ({_tool_failed(code, err)}); it loads at your next login"
            )
        return outcome

    def uninstall(self) -> Outcome:
        ours = self._ours()
        if ours is None:
            return Outcome(["No reminders were installed"])
        if ours is False:
            return Outcome([f"{self.plist} was not written by backcoach: left as it is"])
        self.run(["launchctl", "bootout", f"gui/{self.uid}/{LAUNCH_AGENT_LABEL}"], self.env)
        _remove(self.plist)
        return Outcome([f"Removed {self.plist}"])

    def installed(self) -> Installed | None:
        try:
            times = _launch_agent_times(self.plist.read_bytes())
        except OSError:
            return None
        return None if times is None else Installed(self.kind, times, (self.plist,))


# -- cron ---------------------------------------------------------------------------------


def crontab_lines(times: Sequence[time], command: Sequence[str]) -> list[str]:
    """One line per time; ``%`` escaped (cron reads it as a new line)."""
    words = " ".join(shlex.quote(arg) for arg in command).replace("%", "\\%")
    return [f"{at.minute} {at.hour} * * * {words}" for at in times]


@dataclass
class Crontab:
    """Where there is neither systemd nor launchd: the lines to add, printed."""

    kind: str = field(default="crontab", init=False)

    def install(self, times: Sequence[time], command: Sequence[str]) -> Outcome:
        lines = ["No systemd user session or launchd here. Add these lines with crontab -e:"]
        lines += crontab_lines(times, command)
        return Outcome(lines)

    def uninstall(self) -> Outcome:
        return Outcome(
            ["backcoach wrote nothing here: remove the backcoach remind lines with crontab -e"]
        )

    def installed(self) -> Installed | None:
        return None


def choose_scheduler(
    *,
    platform: str,
    home: Path,
    env: Mapping[str, str],
    run: Runner,
    systemd_running: bool,
    uid: int | None = None,
) -> Scheduler:
    """systemd when it runs the system (Linux), launchd on macOS, else cron by hand."""
    if platform == "darwin":
        return LaunchAgent(home / "Library" / "LaunchAgents", run, env, uid or 0)
    if platform.startswith("linux") and systemd_running:
        config = env.get("XDG_CONFIG_HOME") or str(home / ".config")
        return SystemdTimer(Path(config) / "systemd" / "user", run, env)
    return Crontab()


def systemd_is_running() -> bool:
    """sd_booted(): the system was started by systemd (not so in most containers)."""
    return os.path.isdir("/run/systemd/system")

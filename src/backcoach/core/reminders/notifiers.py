"""Desktop notifications through the platform's own tool, behind one small interface.

``notify-send`` (libnotify, Linux and the BSDs) needs a session bus: a timer run by the
user's systemd has one; cron and ssh usually do not, so the bus at
``$XDG_RUNTIME_DIR/bus`` (or ``/run/user/<uid>/bus``) is handed over when it exists.
macOS has ``osascript``. With no tool or no bus, ``find_notifier`` says why in one line
instead of failing later. A library (desktop-notifier) would add D-Bus and Objective-C
bridges to a light install for what one short command does.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from backcoach.core.visible_text import visible

Which = Callable[[str], str | None]
#: Runs a command and returns (exit status, standard error); tests record the calls.
Runner = Callable[[Sequence[str], Mapping[str, str]], tuple[int, str]]

#: A notification tool that does not answer in this long is given up on.
NOTIFY_TIMEOUT_SECONDS = 20.0


class NotifyError(Exception):
    """The notification could not be shown (the message says why, in one line)."""


class Notifier(Protocol):
    name: str

    def send(self, title: str, body: str) -> None:
        """Show the notification; raises ``NotifyError``."""
        ...


def run_tool(command: Sequence[str], env: Mapping[str, str]) -> tuple[int, str]:
    """The real runner: no shell, no input, a deadline; never raises."""
    try:
        done = subprocess.run(
            list(command),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=NOTIFY_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return 127, str(error)
    return done.returncode, done.stderr


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return visible(lines[0]) if lines else ""


@dataclass
class NotifySend:
    """``notify-send``: the body may be read as markup by the server, so it is escaped."""

    path: str
    env: Mapping[str, str]
    run: Runner = run_tool
    name: str = field(default="notify-send", init=False)

    def send(self, title: str, body: str) -> None:
        command = [
            self.path,
            "--app-name=backcoach",
            "--urgency=normal",
            "--",
            visible(title),
            html.escape(visible(body), quote=False),
        ]
        code, err = self.run(command, self.env)
        if code != 0:
            why = _first_line(err) or f"exit status {code}"
            raise NotifyError(f"notify-send could not show the reminder: {why}")


@dataclass
class Osascript:
    """macOS: the texts go in as arguments, never into the script's source."""

    path: str
    env: Mapping[str, str]
    run: Runner = run_tool
    name: str = field(default="osascript", init=False)

    SCRIPT = (
        "on run argv",
        "display notification (item 2 of argv) with title (item 1 of argv)",
        "end run",
    )

    def send(self, title: str, body: str) -> None:
        command = [self.path]
        for line in self.SCRIPT:
            command += ["-e", line]
        command += [visible(title), visible(body)]
        code, err = self.run(command, self.env)
        if code != 0:
            why = _first_line(err) or f"exit status {code}"
            raise NotifyError(f"osascript could not show the reminder: {why}")


@dataclass(frozen=True)
class NoNotifier:
    """Why no notification can be shown here (said on stderr, never a traceback)."""

    reason: str


def session_bus_env(env: Mapping[str, str], uid: int | None) -> dict[str, str] | None:
    """The environment with a session bus address, or None when there is no bus."""
    if env.get("DBUS_SESSION_BUS_ADDRESS"):
        return dict(env)
    candidates = []
    if env.get("XDG_RUNTIME_DIR"):
        candidates.append(Path(env["XDG_RUNTIME_DIR"]) / "bus")
    if uid is not None:
        candidates.append(Path(f"/run/user/{uid}/bus"))
    for bus in candidates:
        if bus.exists():
            return {**env, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={bus}"}
    return None


def find_notifier(
    *,
    env: Mapping[str, str] | None = None,
    which: Which = shutil.which,
    platform: str = sys.platform,
    uid: int | None = None,
    run: Runner = run_tool,
) -> Notifier | NoNotifier:
    """The platform's notification tool, ready to use, or why there is none."""
    env = dict(os.environ if env is None else env)
    if platform == "darwin":
        osascript = which("osascript")
        if osascript is None:
            return NoNotifier("osascript was not found, so no notification can be shown")
        return Osascript(osascript, env, run)
    notify_send = which("notify-send")
    if notify_send is None:
        return NoNotifier(
            "notify-send was not found (it comes with libnotify, e.g. the Debian package "
            "libnotify-bin), so no notification can be shown"
        )
    if uid is None and hasattr(os, "getuid"):
        uid = os.getuid()
    bus_env = session_bus_env(env, uid)
    if bus_env is None:
        return NoNotifier(
            "there is no desktop session bus here (as under cron or ssh), so no "
            "notification can be shown"
        )
    return NotifySend(notify_send, bus_env, run)

"""The real scheduler for this machine, and the command its units run.

The units run the very ``backcoach`` that installed them (its full path), with the
data and config dirs spelled out, since a timer has neither this shell's PATH nor its
``BACKCOACH_*`` variables.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from backcoach.core.reminders.notifiers import run_tool
from backcoach.core.reminders.schedulers import Scheduler, choose_scheduler, systemd_is_running
from backcoach.paths import AppPaths


def backcoach_program(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """The installed ``backcoach`` script when this is it, else this Python ``-m backcoach``."""
    script = Path(argv0 if argv0 is not None else sys.argv[0])
    if script.name == "backcoach" and script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(executable or sys.executable).absolute()), "-m", "backcoach"]


def reminder_command(paths: AppPaths, program: list[str] | None = None) -> list[str]:
    """``/…/backcoach --data-dir … --config-dir … remind``."""
    return [
        *(program or backcoach_program()),
        "--data-dir",
        str(paths.data_dir.absolute()),
        "--config-dir",
        str(paths.config_dir.absolute()),
        "remind",
    ]


def default_scheduler() -> Scheduler:
    """systemd, launchd or cron, as this machine has."""
    return choose_scheduler(
        platform=sys.platform,
        home=Path.home(),
        env=dict(os.environ),
        run=run_tool,
        systemd_running=systemd_is_running(),
        uid=os.getuid() if hasattr(os, "getuid") else None,
    )

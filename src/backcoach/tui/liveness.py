"""Whether a session's owner can still carry on: alive, and not a zombie.

The core's ``pid_alive`` asks with signal 0, which a zombie (a process that has
ended but that its parent has not yet reaped: a terminal closing, tmux killing a
pane) still answers. A zombie never writes again, so for the resume offer it counts
as gone. Linux only; elsewhere this is ``pid_alive`` unchanged.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from backcoach.core.liveness import pid_alive


def owner_running(pid: int, started_before: datetime | None = None) -> bool:
    return pid_alive(pid, started_before) and not is_zombie(pid)


def is_zombie(pid: int, proc: Path = Path("/proc")) -> bool:
    """True when /proc says ``pid`` has ended and waits to be reaped (state Z)."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except (OSError, ValueError):
        return False
    # ``pid (name) state ...``: the name may hold spaces or ')', so split at the last ')'.
    fields = stat.rpartition(")")[2].split()
    return bool(fields) and fields[0] == "Z"

"""Is the process that owned an in-progress session still running?"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def pid_alive(pid: int, started_before: datetime | None = None) -> bool:
    """True when ``pid`` runs (signal 0 reaches it, or it belongs to another user).

    A zombie (ended, not yet reaped by its parent: a closing terminal, tmux killing a
    pane) still answers signal 0 but never writes again, so it counts as gone.

    With ``started_before`` (the session's start), a process that began after it is a
    reused pid, not the owner; that check needs Linux's /proc and is skipped elsewhere.
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    if is_zombie(pid):
        return False
    if started_before is not None:
        began = _process_start(pid)
        if began is not None and began > started_before.timestamp() + 1.0:
            return False
    return True


def _process_start(pid: int) -> float | None:
    """Epoch seconds when ``pid`` started, from /proc (None when unknown)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot_line = next(
            line for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime")
        )
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, ValueError):
        return None
    try:
        fields = stat[stat.rindex(")") + 2 :].split()
        start_ticks = int(fields[19])  # field 22 of stat; fields here start at field 3
        return int(boot_line.split()[1]) + start_ticks / ticks
    except (ValueError, IndexError):
        return None


def is_zombie(pid: int, proc: Path = Path("/proc")) -> bool:
    """True when /proc says ``pid`` has ended and waits to be reaped (state Z)."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except (OSError, ValueError):
        return False
    # ``pid (name) state ...``: the name may hold spaces or ')', so split at the last ')'.
    fields = stat.rpartition(")")[2].split()
    return bool(fields) and fields[0] == "Z"

"""Starting and stopping the short-lived child processes that play and speak.

Each child gets its own session (``start_new_session``): a terminal's Ctrl+C or a
job-control signal meant for the app does not reach it, and stopping it stops the
whole process group, should the program have started helpers of its own.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Callable, Sequence

#: Starts a child process; tests wrap the default to see the processes it starts.
Spawn = Callable[[Sequence[str]], subprocess.Popen[bytes]]

#: How long a killed child may take to be reaped, or a helper command to finish.
REAP_TIMEOUT_S = 5.0


def spawn_quietly(argv: Sequence[str]) -> subprocess.Popen[bytes]:
    """Start ``argv`` (no shell) detached from the terminal: no input, output discarded."""
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def signal_to_stop(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and its group at once, if it still runs; never raises.

    Only while it is unreaped: its pid (and so its group id) cannot have been reused.
    """
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:  # already gone, or the group is not ours any more
        with contextlib.suppress(OSError):
            process.kill()


def reap(process: subprocess.Popen[bytes]) -> None:
    """Wait for a child that was told to stop (or has ended), so it leaves no zombie."""
    with contextlib.suppress(subprocess.TimeoutExpired):  # a SIGKILLed child always ends
        process.wait(timeout=REAP_TIMEOUT_S)


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Kill and reap; a ``None`` or finished process is just reaped."""
    if process is None:
        return
    signal_to_stop(process)
    reap(process)

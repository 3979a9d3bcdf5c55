"""The lock that serialises writers of the history file across processes.

Held only across re-read, merge and write; the wait is short so the UI never freezes:
on timeout the caller keeps its change in memory and says so.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from backcoach.core.atomic import PRIVATE_FILE_MODE

DEFAULT_LOCK_TIMEOUT = 2.0


class LockTimeout(Exception):
    """Another process held the lock for longer than we were willing to wait."""

    def __init__(self, lock_path: Path, timeout: float) -> None:
        super().__init__(f"{lock_path} was held by another backcoach for more than {timeout:g} s")
        self.lock_path = lock_path
        self.timeout = timeout


@contextlib.contextmanager
def hold_lock(lock_path: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold ``lock_path`` (created 0600) for the block, or raise ``LockTimeout``."""
    # Imported here: start-up only reads, and filelock is the store's heaviest import.
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path), timeout=timeout, mode=PRIVATE_FILE_MODE, thread_local=False)
    try:
        lock.acquire()
    except Timeout as err:
        raise LockTimeout(lock_path, timeout) from err
    try:
        with contextlib.suppress(OSError):
            if (lock_path.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
                os.chmod(lock_path, PRIVATE_FILE_MODE)
        yield
    finally:
        lock.release()

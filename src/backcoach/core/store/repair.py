"""Repairing one file of the history under the lock: upgrade an older one, move a bad
one aside, continue from its ``.bak``, and keep the backup itself safe.

Nothing here overwrites or deletes a file: a bad file is moved to a free name and
named to the user, and a ``.bak`` that cannot be read is moved aside before a new one
takes its place. The store calls these with its lock held, for each file it writes or
repairs (the summary, a month file, an old single ``history.json``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from backcoach.clock import Clock
from backcoach.core.atomic import PRIVATE_FILE_MODE, atomic_write_bytes
from backcoach.core.history_io import (
    NO_LINK_ERRNOS,
    Decoded,
    corrupt_suffix,
    current_version,
    decode,
    keep_copy,
    move_aside,
    probe_problem,
    read_bytes,
    timestamp_suffix,
)

M = TypeVar("M", bound=BaseModel)
StatIdentity = tuple[int, int, int, int]


@dataclass
class Base(Generic[M]):
    """What a locked read of one file found, to work from."""

    document: M
    keep_as_backup: bool  # the file on disk is good and current: it becomes .bak
    rewrite: bool = False  # upgraded or recovered from .bak: write even without changes


class ReadOnlyHistory(Exception):
    """The history must not be written (a newer or unmigratable file); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def describe_os_error(err: OSError) -> str:
    """Plain words for the failures a user can fix."""
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno == errno.EDQUOT:
        return "the disk quota is exceeded"
    if err.errno in {errno.EACCES, errno.EPERM}:
        return "permission denied"
    if err.errno == errno.EROFS:
        return "the file system is read-only"
    return err.strerror or str(err)


def stat_identity(path: Path) -> StatIdentity:
    """Which file this is, and whether it changed: device, inode, size, mtime."""
    stat = path.stat()
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def repaired_on_read(document: BaseModel) -> tuple[str, ...]:
    """What reading ``document`` repaired (duplicate ids merged, control characters
    escaped), in words; empty for a model that repairs nothing."""
    found = getattr(document, "repaired_on_read", ())
    return tuple(found) if isinstance(found, tuple) else ()


def backup_path_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class FileRepair(Generic[M]):
    """The repairs for one file and its ``.bak`` (the lock must be held).

    ``empty`` makes what to start from when neither is usable; ``fresh`` says so to
    the user (for a month file: its sessions are still in the other files, if synced).
    """

    def __init__(
        self,
        path: Path,
        model: type[M],
        empty: Callable[[], M],
        clock: Clock,
        fresh: str = "Starting from an empty history.",
    ) -> None:
        self.path = path
        self.backup_path = backup_path_of(path)
        self.model = model
        self.empty = empty
        self.clock = clock
        self.fresh = fresh
        self.backup_known_good: StatIdentity | None = None

    def from_decoded(self, decoded: Decoded[M], notices: list[str]) -> Base[M]:
        """What to work from, given the file's decoded bytes: the file itself, an
        upgrade of it (the old one kept), or, once it is moved aside, the backup."""
        if decoded.kind == "ok" and decoded.model is not None:
            if repaired_on_read(decoded.model):
                return self._repaired_on_read(decoded.model, notices)
            return Base(decoded.model, keep_as_backup=True)
        if decoded.kind == "older" and decoded.model is not None:
            kept = keep_copy(self.path, f"{self.path.name}.v{decoded.version}.bak")
            notices.append(
                f"{self.path} was upgraded from schema version {decoded.version} to "
                f"{current_version()}; the old file is kept as {kept}."
            )
            return Base(decoded.model, keep_as_backup=False, rewrite=True)
        if decoded.kind == "newer":
            raise ReadOnlyHistory(f"{self.path}: {decoded.problem}.")
        if decoded.kind == "unmigratable":
            raise ReadOnlyHistory(
                f"{self.path} cannot be upgraded: {decoded.problem}. It is shown read-only "
                "and nothing will be written to it."
            )
        moved = move_aside(self.path, corrupt_suffix(self.clock.now()))
        message = (
            f"{self.path} could not be read: {decoded.problem}. It was moved aside to "
            f"{moved}, which keeps its original bytes (nothing was deleted)."
        )
        return self.from_backup(notices, message)

    def _repaired_on_read(self, document: M, notices: list[str]) -> Base[M]:
        """Reading changed the document (duplicate ids merged, control characters
        escaped): the file as it was is kept under its own name (not a ``.bak`` a later
        save replaces), and the repaired one is written."""
        # Moved aside (its bytes kept) rather than copied: its records are written into
        # this device's files, and a file left in place would be repaired at every read.
        kept = move_aside(self.path, f"repaired-{timestamp_suffix(self.clock.now())}")
        notices.append(
            f"{self.path} held {', '.join(repaired_on_read(document))}; this was repaired "
            f"(of records sharing an id, the newest copy is kept). The file as it was is "
            f"kept as {kept}."
        )
        return Base(document, keep_as_backup=False, rewrite=True)

    def from_backup(self, notices: list[str], why: str) -> Base[M]:
        """The backup's document when it is usable (said so, and written back at once
        so the notice is not repeated), else an empty one."""
        backup = self.backup_path
        try:
            data = read_bytes(backup)
        except OSError as err:
            notices.append(
                f"{why} The backup {backup} cannot be read either: "
                f"{describe_os_error(err)}. {self.fresh}"
            )
            return Base(self.empty(), keep_as_backup=False, rewrite=True)
        if data is None:
            notices.append(f"{why} There is no backup. {self.fresh}")
            return Base(self.empty(), keep_as_backup=False, rewrite=True)
        decoded = decode(data, self.model)
        if decoded.kind in {"ok", "older"} and decoded.model is not None:
            if decoded.kind == "older":
                keep_copy(backup, f"{self.path.name}.v{decoded.version}.bak")
            notices.append(
                f"{why} Continuing from the backup {backup}. The backup is one save "
                "behind, so your most recent change may be missing. The recovered "
                "history is saved again."
            )
            return Base(decoded.model, keep_as_backup=False, rewrite=True)
        if decoded.kind == "newer":
            raise ReadOnlyHistory(f"{why} The backup {backup}: {decoded.problem}.")
        moved = move_aside(backup, corrupt_suffix(self.clock.now()))
        notices.append(
            f"{why} The backup {backup} could not be read either ({decoded.problem}); it "
            f"was moved aside to {moved}. {self.fresh}"
        )
        return Base(self.empty(), keep_as_backup=False, rewrite=True)

    def set_aside_unusable_backup(self, notices: list[str]) -> None:
        """A ``.bak`` we cannot read or parse is never replaced: it may be the only copy
        of a history (say the main file went missing and a save started afresh). It is
        moved aside first and named. Checked once per backup file (by its stat
        identity)."""
        backup = self.backup_path
        try:
            identity = stat_identity(backup)
        except FileNotFoundError:
            return
        if identity == self.backup_known_good:
            return
        try:
            data = read_bytes(backup)
            problem = "it is missing" if data is None else probe_problem(data)
        except OSError as err:
            problem = describe_os_error(err)
        if problem is None:
            self.backup_known_good = identity
            return
        moved = move_aside(backup, corrupt_suffix(self.clock.now()))
        notices.append(
            f"The backup {backup} could not be read ({problem}), so before a new backup "
            f"was made it was moved aside to {moved}, which keeps its original bytes "
            "(nothing was deleted)."
        )

    def keep_current_as_backup(self) -> None:
        """Atomically make the current file ``.bak``: a hard link when possible (no copy).

        The file was just read and parsed, so the new backup is known to be good."""
        backup = self.backup_path
        temp = backup.with_name(f".{backup.name}.{secrets.token_hex(6)}.tmp")
        try:
            os.link(self.path, temp)
        except OSError as err:
            if err.errno not in NO_LINK_ERRNOS:
                raise
            atomic_write_bytes(backup, self.path.read_bytes(), PRIVATE_FILE_MODE)
        else:
            try:
                os.chmod(temp, PRIVATE_FILE_MODE)
                os.replace(temp, backup)
            except BaseException:
                with contextlib.suppress(OSError):
                    temp.unlink()
                raise
        self.backup_known_good = stat_identity(backup)

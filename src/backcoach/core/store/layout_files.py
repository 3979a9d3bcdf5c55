"""Reading every file of the split layout, re-parsing only what changed on disk.

A file is known by its stat identity (device, inode, size, mtime): an atomic write
makes a new inode, so an unchanged identity means unchanged bytes and the parsed
document is reused. Without the lock, a file that needs repair is only reported; with
it, a bad file is moved aside (its ``.bak`` taken instead) and what was recovered is
handed back to be written again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from backcoach.clock import Clock
from backcoach.core.atomic import PRIVATE_FILE_MODE, atomic_write_bytes
from backcoach.core.history_io import decode, read_bytes
from backcoach.core.history_layout import HistoryLayout, month_in_name
from backcoach.core.history_models import SCHEMA_VERSION
from backcoach.core.store.documents import MonthDocument, SummaryDocument
from backcoach.core.store.repair import (
    FileRepair,
    ReadOnlyHistory,
    StatIdentity,
    describe_os_error,
    repaired_on_read,
    stat_identity,
)

M = TypeVar("M", bound=BaseModel)


@dataclass
class Seen(Generic[M]):
    identity: StatIdentity
    document: M


@dataclass
class LayoutRead:
    """Every usable file of the layout, as found (or repaired) just now."""

    months: dict[Path, MonthDocument] = field(default_factory=dict)
    summaries: dict[Path, SummaryDocument] = field(default_factory=dict)
    #: documents recovered from a ``.bak`` (their file was bad or missing): to be merged
    #: in and written again.
    recovered: list[MonthDocument | SummaryDocument] = field(default_factory=list)
    read_only: list[str] = field(default_factory=list)
    #: problems found without the lock: a locked read must repair them.
    needs_repair: list[str] = field(default_factory=list)
    #: files that read fine once repaired in memory (duplicate ids merged, control
    #: characters escaped): shown as repaired; a locked read keeps them and writes them.
    repaired: list[str] = field(default_factory=list)
    #: files that exist but cannot be read (permission denied...): shown from their
    #: ``.bak``, never written over.
    unreadable: list[str] = field(default_factory=list)
    fingerprint: tuple[tuple[str, StatIdentity], ...] = ()


def empty_month(path: Path) -> MonthDocument:
    month = month_in_name(path.name) or ""
    device = path.name.split(".")[1] if path.name.count(".") >= 2 else ""
    return MonthDocument(schema_version=SCHEMA_VERSION, month=month, device=device)


class LayoutFiles:
    """The files of one layout, their last seen documents and their repairs."""

    def __init__(self, layout: HistoryLayout, clock: Clock) -> None:
        self.layout = layout
        self.clock = clock
        self._seen: dict[Path, Seen[BaseModel]] = {}
        self._repairs: dict[Path, FileRepair[BaseModel]] = {}

    def repair_for(self, path: Path) -> FileRepair[BaseModel]:
        repair = self._repairs.get(path)
        if repair is None:
            if path.parent == self.layout.sessions_dir:
                repair = FileRepair[BaseModel](
                    path,
                    MonthDocument,
                    lambda: empty_month(path),
                    self.clock,
                    fresh="Its sessions are kept only where other files hold them.",
                )
            else:
                repair = FileRepair[BaseModel](
                    path,
                    SummaryDocument,
                    SummaryDocument,
                    self.clock,
                    fresh="The summary is rebuilt from the month files.",
                )
            self._repairs[path] = repair
        return repair

    def forget(self) -> None:
        self._seen.clear()

    def read(self, notices: list[str], *, locked: bool) -> LayoutRead:
        """Every month and summary file; ``OSError`` when one cannot be read at all."""
        found = LayoutRead()
        prints: list[tuple[str, StatIdentity]] = []
        for path in self.layout.month_files() + self.layout.summary_files():
            document = self._read_one(path, found, notices, locked, prints)
            if isinstance(document, MonthDocument):
                found.months[path] = document
            elif isinstance(document, SummaryDocument):
                found.summaries[path] = document
        for missing in self.layout.orphan_backups():
            why = f"{missing} is missing."
            if not locked:
                found.needs_repair.append(why)
                continue
            self._recover(self.repair_for(missing).from_backup(notices, why).document, found)
        found.fingerprint = tuple(prints)
        return found

    def _read_one(
        self,
        path: Path,
        found: LayoutRead,
        notices: list[str],
        locked: bool,
        prints: list[tuple[str, StatIdentity]],
    ) -> BaseModel | None:
        try:
            identity = stat_identity(path)
        except FileNotFoundError:
            return None  # gone since the listing (another process moved it aside)
        prints.append((path.name, identity))
        seen = self._seen.get(path)
        if seen is not None and seen.identity == identity:
            return seen.document
        repair = self.repair_for(path)
        try:
            data = read_bytes(path)
        except OSError as err:
            if locked:
                raise
            problem = f"Cannot read {path}: {describe_os_error(err)}."
            found.unreadable.append(problem)
            return self._shown_from_backup(repair, problem, notices)
        if data is None:
            return None
        decoded = decode(data, repair.model)
        if decoded.kind == "ok" and decoded.model is not None:
            if not repaired_on_read(decoded.model):
                self._seen[path] = Seen(identity, decoded.model)
                return decoded.model
            if not locked:  # shown repaired; a locked read keeps the file and writes it
                found.repaired.append(f"{path} needs repair (reading it had to repair it)")
                return decoded.model
        if decoded.kind == "newer":
            found.read_only.append(f"{path}: {decoded.problem}.")
            return decoded.model
        if not locked:
            problem = f"{path} needs repair ({decoded.problem})"
            found.needs_repair.append(problem)
            return self._shown_from_backup(repair, problem + ".", [])
        try:
            base = repair.from_decoded(decoded, notices)
        except ReadOnlyHistory as err:
            found.read_only.append(err.reason)
            return None
        self._seen.pop(path, None)
        if base.keep_as_backup:
            return base.document
        self._recover(base.document, found)
        return None

    @staticmethod
    def _shown_from_backup(
        repair: FileRepair[BaseModel], problem: str, notices: list[str]
    ) -> BaseModel | None:
        """Without the lock, a file that cannot be used is shown from its backup."""
        try:
            data = read_bytes(repair.backup_path)
        except OSError:
            data = None
        decoded = None if data is None else decode(data, repair.model)
        if decoded is not None and decoded.kind == "ok":
            notices.append(f"{problem} Showing the backup {repair.backup_path}.")
            return decoded.model
        notices.append(problem)
        return None

    @staticmethod
    def _recover(document: BaseModel, found: LayoutRead) -> None:
        if isinstance(document, MonthDocument | SummaryDocument):
            found.recovered.append(document)

    def write(
        self, path: Path, document: BaseModel, payload: bytes, notices: list[str]
    ) -> StatIdentity:
        """Write one of our files (lock held); the good file it replaces becomes
        ``.bak`` (a ``.bak`` that cannot be read is moved aside first)."""
        repair = self.repair_for(path)
        previous = self._seen.get(path)
        if previous is not None and path.exists():
            repair.set_aside_unusable_backup(notices)
            repair.keep_current_as_backup()
        atomic_write_bytes(path, payload, PRIVATE_FILE_MODE)
        identity = stat_identity(path)
        self._seen[path] = Seen(identity, document)
        return identity

    def identity_of(self, path: Path) -> StatIdentity | None:
        seen = self._seen.get(path)
        return None if seen is None else seen.identity

"""The single ``history.json`` of schema versions 1 and 2, and sync-conflict copies:
documents to merge into the split layout once, then to keep aside, never delete.

An old file is migrated in memory (one step per version, ``migrations``), a copy kept as
``history.json.v<n>.bak`` before the file leaves its place; a conflict copy is merged and
moved to ``history/merged/``. Either is removed from its place only after what it held
was written (fsynced) into the layout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.clock import Clock
from backcoach.core.atomic import ensure_private_dir, fsync_dir
from backcoach.core.history_io import decode, keep_copy, read_bytes, timestamp_suffix
from backcoach.core.history_layout import FileKind, HistoryLayout
from backcoach.core.history_models import History
from backcoach.core.store.documents import MonthDocument, SummaryDocument, fields_of
from backcoach.core.store.repair import FileRepair, ReadOnlyHistory


@dataclass
class Absorbed:
    """Documents to merge into the layout, and what to do once they are written."""

    histories: list[History] = field(default_factory=list)
    legacy: Path | None = None  # the old single file, to be removed (a copy is kept)
    legacy_version: int | None = None
    copies: list[Path] = field(default_factory=list)  # conflict copies, to go to merged/
    notices: list[str] = field(default_factory=list)  # said once the merge is written

    def __bool__(self) -> bool:
        return bool(self.histories or self.legacy or self.copies)


def legacy_repair(layout: HistoryLayout, clock: Clock) -> FileRepair[History]:
    return FileRepair(layout.legacy_path, History, History, clock)


def needs_absorbing(layout: HistoryLayout) -> bool:
    """Cheap (directory listings only): an old file or a conflict copy is waiting."""
    if layout.legacy_path.exists():
        return True
    old_backup = layout.legacy_path.with_name(layout.legacy_path.name + ".bak")
    if old_backup.exists() and not layout.has_layout():
        return True
    return bool(layout.conflict_copies())


def gather(layout: HistoryLayout, clock: Clock, notices: list[str]) -> Absorbed:
    """What to merge in (lock held): an old single file (repaired the old way: a bad one
    moved aside, its ``.bak`` taken) and every readable conflict copy."""
    found = Absorbed()
    repair = legacy_repair(layout, clock)
    data = read_bytes(layout.legacy_path)
    if data is not None:
        decoded = decode(data, History)
        base = repair.from_decoded(decoded, notices)  # ReadOnlyHistory for a newer one
        found.histories.append(base.document)
        if layout.legacy_path.exists():
            found.legacy = layout.legacy_path
            found.legacy_version = decoded.version
    elif repair.backup_path.exists() and not layout.has_layout():
        base = repair.from_backup(notices, f"{layout.legacy_path} is missing.")
        found.histories.append(base.document)
    for copy, kind, original in layout.conflict_copies():
        history = _read_copy(copy, kind)
        if history is None:
            found.notices.append(
                f"{copy} looks like a sync-conflict copy of {original} but cannot be read; "
                "it is left where it is (nothing was deleted)."
            )
            continue
        found.histories.append(history)
        found.copies.append(copy)
    return found


def _read_copy(path: Path, kind: FileKind) -> History | None:
    try:
        data = read_bytes(path)
    except OSError:
        return None
    if data is None:
        return None
    if kind == "legacy":
        legacy = decode(data, History)
        return legacy.model if legacy.kind in {"ok", "older"} else None
    if kind == "month":
        month = decode(data, MonthDocument)
        if month.kind not in {"ok", "older"} or month.model is None:
            return None
        return History.model_construct(sessions=list(month.model.sessions))
    summary = decode(data, SummaryDocument)
    if summary.kind not in {"ok", "older"} or summary.model is None:
        return None
    return fields_of(summary.model)


def finish(layout: HistoryLayout, absorbed: Absorbed, clock: Clock, notices: list[str]) -> None:
    """After the merge is written: keep the old file as its versioned backup and move
    each conflict copy to ``merged/`` (a link then an unlink: the bytes are kept)."""
    if absorbed.legacy is not None and absorbed.legacy.exists():
        version = absorbed.legacy_version
        name = (
            f"{absorbed.legacy.name}.v{version}.bak"
            if version
            else f"{absorbed.legacy.name}.merged"
        )
        kept = absorbed.legacy.with_name(name)
        if not kept.exists():
            kept = keep_copy(absorbed.legacy, name)
        os.unlink(absorbed.legacy)
        fsync_dir(absorbed.legacy.parent)
        notices.append(
            f"Your history is now kept in {layout.root} (one file per month and a "
            f"summary); the old {absorbed.legacy} is kept as {kept}."
        )
    if absorbed.copies:
        ensure_private_dir(layout.merged_dir)
    for copy in absorbed.copies:
        stamp = timestamp_suffix(clock.now())
        kept = keep_copy_into(copy, layout.merged_dir, f"{copy.name}.{stamp}")
        os.unlink(copy)
        fsync_dir(copy.parent)
        notices.append(
            f"A sync-conflict copy, {copy.name}, was merged into your history (nothing in "
            f"it is lost) and moved to {kept}."
        )
    if absorbed.copies:
        fsync_dir(layout.merged_dir)
    notices.extend(absorbed.notices)


def keep_copy_into(source: Path, folder: Path, name: str) -> Path:
    """``keep_copy`` into another folder of the same file system (a link, no bytes)."""
    target = folder / name
    attempt = 1
    while True:
        try:
            os.link(source, target)
            return target
        except FileExistsError:
            attempt += 1
            target = folder / f"{name}-{attempt}"
        except OSError:
            os.replace(keep_copy(source, name), target)
            return target


__all__ = ["Absorbed", "ReadOnlyHistory", "finish", "gather", "needs_absorbing"]

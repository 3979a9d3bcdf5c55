"""A backup the store cannot read or parse is never replaced by the next backup: it may
be the only copy of a history. It is moved aside (never over another file) and named.
Each file of the layout has its own backup: the month file's and the summary's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from backcoach.core import history_io
from backcoach.core.history_models import SCHEMA_VERSION
from backcoach.core.store import HistoryStore, SaveReport
from backcoach.core.store import layout_files as files_module
from backcoach.core.store import repair as repair_module
from backcoach.core.store.documents import MonthDocument, SummaryDocument
from backcoach.core.store.repair import backup_path_of
from store_factory import session_on

OLD_HISTORY = (
    MonthDocument(
        schema_version=SCHEMA_VERSION,
        month="2026-11",
        device="this",
        sessions=[session_on(date(2026, 11, 5))],
    )
    .model_dump_json()
    .encode()
)


def _backup(store: HistoryStore) -> Path:
    """The backup of this device's November file, where the tests' sessions go."""
    return backup_path_of(store.month_path("2026-11"))


def _aside(store: HistoryStore) -> list[Path]:
    return sorted(store.path.rglob("*.json.bak.corrupt-*"))


@pytest.mark.parametrize("which", ["month", "summary"])
@pytest.mark.parametrize("bad", [b"not json at all", b"", OLD_HISTORY[:40]])
def test_an_invalid_backup_is_moved_aside_before_rotating(
    store: HistoryStore, bad: bytes, which: str
) -> None:
    store.save_session(session_on(date(2026, 11, 24)))
    backup = _backup(store) if which == "month" else backup_path_of(store.summary_path)
    backup.write_bytes(bad)
    report = store.save_session(session_on(date(2026, 11, 25)))
    assert report.ok
    moved = _aside(store)
    assert len(moved) == 1 and moved[0].read_bytes() == bad
    assert any(str(backup) in n and str(moved[0]) in n for n in report.notices)
    # the new backup is the file as it was before this save: one session
    if which == "month":
        assert len(MonthDocument.model_validate_json(backup.read_bytes()).sessions) == 1
    else:
        kept = SummaryDocument.model_validate_json(backup.read_bytes())
        assert list(kept.months["2026-11"].days) == ["2026-11-24"]


def test_a_good_backup_is_rotated_without_a_notice(store: HistoryStore) -> None:
    for day in (23, 24, 25):
        report = store.save_session(session_on(date(2026, 11, day)))
        assert report.ok and report.notices == []
    assert _aside(store) == []
    assert len(MonthDocument.model_validate_json(_backup(store).read_bytes()).sessions) == 2


def _patch_reads(monkeypatch: pytest.MonkeyPatch, read: Callable[[Path], bytes | None]) -> None:
    """Every file read of the store and its repairs goes through ``read``."""
    monkeypatch.setattr(files_module, "read_bytes", read)
    monkeypatch.setattr(repair_module, "read_bytes", read)


def test_missing_history_and_unreadable_backup_keep_the_backup(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reported case: the file gone, its backup unreadable (permission denied,
    simulated: permissions do not stop root). Two saves must not replace it."""
    _backup(store).parent.mkdir(mode=0o700, parents=True)
    _backup(store).write_bytes(OLD_HISTORY)
    real_read = history_io.read_bytes

    def denied(path: Path) -> bytes | None:
        if path == _backup(store) and path.read_bytes() == OLD_HISTORY:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    _patch_reads(monkeypatch, denied)
    first = store.save_session(session_on(date(2026, 11, 24)))
    assert first.ok
    assert _backup(store).read_bytes() == OLD_HISTORY  # a fresh month file only
    second = store.save_session(session_on(date(2026, 11, 25)))
    assert second.ok
    moved = _aside(store)
    assert len(moved) == 1 and moved[0].read_bytes() == OLD_HISTORY
    assert any("permission denied" in n and str(moved[0]) in n for n in second.notices)
    assert _backup(store).read_bytes() != OLD_HISTORY


def test_an_unchanged_good_backup_is_not_read_again(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked once per file: a save after the store's own rotation reads no backup."""
    store.save_session(session_on(date(2026, 11, 23)))
    store.save_session(session_on(date(2026, 11, 24)))
    reads: list[Path] = []
    real_read = history_io.read_bytes

    def counting(path: Path) -> bytes | None:
        reads.append(path)
        return real_read(path)

    _patch_reads(monkeypatch, counting)
    assert store.save_session(session_on(date(2026, 11, 25))).ok
    assert _backup(store) not in reads
    assert backup_path_of(store.summary_path) not in reads


def test_the_session_sink_passes_a_saves_notices_on(store: HistoryStore) -> None:
    """The session saves on a worker thread: what a save repaired must still be told."""
    from backcoach.tui.session.saving import BackgroundSink

    store.save_session(session_on(date(2026, 11, 24)))
    _backup(store).write_bytes(b"scribbled")
    reports: list[SaveReport] = []
    sink = BackgroundSink(store, reports.append)
    sink.save_session(session_on(date(2026, 11, 25)))
    sink.close()
    (report,) = reports
    assert report.ok
    (told,) = report.notices
    assert "moved aside" in told and str(_backup(store)) in told

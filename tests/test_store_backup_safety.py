"""A backup the store cannot read or parse is never replaced by the next backup: it may
be the only copy of a history. It is moved aside (never over another file) and named."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from backcoach.core import history_io
from backcoach.core import history_repair as repair_module
from backcoach.core import store as store_module
from backcoach.core.history_models import History
from backcoach.core.store import HistoryStore, SaveReport
from store_factory import session_on

OLD_HISTORY = History(sessions=[session_on(date(2026, 1, 5))]).model_dump_json().encode()


def _aside(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("history.json.bak.corrupt-*"))


@pytest.mark.parametrize("bad", [b"not json at all", b"", OLD_HISTORY[:40]])
def test_an_invalid_backup_is_moved_aside_before_rotating(store: HistoryStore, bad: bytes) -> None:
    store.save_session(session_on(date(2026, 11, 24)))
    store.backup_path.write_bytes(bad)
    report = store.save_session(session_on(date(2026, 11, 25)))
    assert report.ok
    moved = _aside(store.data_dir)
    assert len(moved) == 1 and moved[0].read_bytes() == bad
    assert any(str(store.backup_path) in n and str(moved[0]) in n for n in report.notices)
    backup = History.model_validate_json(store.backup_path.read_bytes())
    assert len(backup.sessions) == 1  # the new backup: the file as it was before this save


def test_a_good_backup_is_rotated_without_a_notice(store: HistoryStore) -> None:
    for day in (23, 24, 25):
        report = store.save_session(session_on(date(2026, 11, day)))
        assert report.ok and report.notices == []
    assert _aside(store.data_dir) == []
    assert len(History.model_validate_json(store.backup_path.read_bytes()).sessions) == 2


def _patch_reads(monkeypatch: pytest.MonkeyPatch, read: Callable[[Path], bytes | None]) -> None:
    """Every file read of the store and its repairs goes through ``read``."""
    monkeypatch.setattr(store_module, "read_bytes", read)
    monkeypatch.setattr(repair_module, "read_bytes", read)


def test_missing_history_and_unreadable_backup_keep_the_backup(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reported case: history.json gone, history.json.bak unreadable (permission
    denied, simulated: permissions do not stop root). Two saves must not replace it."""
    store.data_dir.mkdir(mode=0o700)
    store.backup_path.write_bytes(OLD_HISTORY)
    real_read = history_io.read_bytes

    def denied(path: Path) -> bytes | None:
        if path == store.backup_path and path.read_bytes() == OLD_HISTORY:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    _patch_reads(monkeypatch, denied)
    first = store.save_session(session_on(date(2026, 11, 24)))
    assert first.ok
    assert store.backup_path.read_bytes() == OLD_HISTORY  # a fresh history.json only
    second = store.save_session(session_on(date(2026, 11, 25)))
    assert second.ok
    moved = _aside(store.data_dir)
    assert len(moved) == 1 and moved[0].read_bytes() == OLD_HISTORY
    assert any("permission denied" in n and str(moved[0]) in n for n in second.notices)
    assert store.backup_path.read_bytes() != OLD_HISTORY


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
    assert store.backup_path not in reads


def test_the_session_sink_passes_a_saves_notices_on(store: HistoryStore) -> None:
    """The session saves on a worker thread: what a save repaired must still be told."""
    from backcoach.tui.session.saving import BackgroundSink

    store.save_session(session_on(date(2026, 11, 24)))
    store.backup_path.write_bytes(b"scribbled")
    reports: list[SaveReport] = []
    sink = BackgroundSink(store, reports.append)
    sink.save_session(session_on(date(2026, 11, 25)))
    sink.close()
    (report,) = reports
    assert report.ok
    (told,) = report.notices
    assert "moved aside" in told and str(store.backup_path) in told

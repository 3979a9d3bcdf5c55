"""Every kind of bad history file: moved aside with its bytes intact, the path named,
the app continues from the backup when it is good, else from an empty history.

The old single ``history.json`` (a user not upgraded yet) is repaired as it always was,
then migrated; each file of the split layout (a month file, the summary) likewise, and
a bad summary is rebuilt from the month files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from backcoach.clock import FakeClock
from backcoach.core.history_io import decode
from backcoach.core.history_models import SCHEMA_VERSION, History
from backcoach.core.store import HistoryStore
from backcoach.core.store.documents import MonthDocument
from backcoach.core.store.repair import backup_path_of
from store_factory import session_on

GOOD = History(sessions=[session_on(date(2026, 11, 20))]).model_dump_json().encode()

BAD_FILES = {
    "empty": b"",
    "blank": b"  \n\t",
    "truncated": GOOD[: len(GOOD) // 2],
    "not json": b"this is not JSON at all",
    "binary": b"\xff\xfe\x00\x01garbage",
    "not an object": b"[1, 2, 3]",
    "no schema_version": b'{"sessions": []}',
    "schema_version not a number": b'{"schema_version": "one", "sessions": []}',
    "someone else's json": b'{"settings": {"theme": "dark"}, "items": [1, 2]}',
    "schema invalid": json.dumps(
        {"schema_version": SCHEMA_VERSION, "sessions": [{"id": "nope", "local_date": "no"}]}
    ).encode(),
    "trailing garbage": GOOD + b"}}",
}

EXPECTED_WORDS = {
    "empty": "empty",
    "blank": "empty",
    "truncated": "truncated",
    "not json": "not valid JSON",
    "binary": "not valid JSON",
    "not an object": "not a JSON object",
    "no schema_version": "schema_version",
    "schema_version not a number": "schema_version",
    "someone else's json": "schema_version",
    "schema invalid": "does not match the history format",
    "trailing garbage": "not valid JSON",
}


def _corrupt_files(data_dir: Path, name: str = "history.json") -> list[Path]:
    return sorted(data_dir.glob(f"{name}.corrupt-*"))


def _write(store: HistoryStore, data: bytes) -> None:
    store.data_dir.mkdir(mode=0o700, exist_ok=True)
    store.legacy_path.write_bytes(data)


def _legacy_backup(store: HistoryStore) -> Path:
    return store.data_dir / "history.json.bak"


def _month(store: HistoryStore) -> Path:
    """This device's November file, where the tests' sessions go."""
    return store.month_path("2026-11")


def _corrupt_months(store: HistoryStore) -> list[Path]:
    return sorted(_month(store).parent.glob("2026-11.*.json.corrupt-*"))


def _sessions_on_disk(store: HistoryStore) -> list[UUID]:
    return [s.id for s in HistoryStore(store.data_dir, store.clock).load().history.sessions]


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_decode_explains_each_bad_kind(kind: str) -> None:
    decoded = decode(BAD_FILES[kind], History)
    assert decoded.kind == "corrupt"
    assert EXPECTED_WORDS[kind] in (decoded.problem or "")


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_moved_aside_and_history_starts_empty(store: HistoryStore, kind: str) -> None:
    data = BAD_FILES[kind]
    _write(store, data)
    report = store.load()
    moved = _corrupt_files(store.data_dir)
    assert len(moved) == 1
    assert moved[0].read_bytes() == data
    assert moved[0].name == "history.json.corrupt-20261125T090000Z"
    assert report.history == History()
    assert not report.read_only
    message = " ".join(report.notices)
    assert str(store.legacy_path) in message and str(moved[0]) in message
    assert "empty history" in message
    # the app goes on: the next save writes a fresh file and leaves the moved one alone
    assert store.save_session(session_on(date(2026, 11, 25))).ok
    assert len(_sessions_on_disk(store)) == 1
    assert moved[0].read_bytes() == data


@pytest.mark.parametrize("kind", ["empty", "truncated", "schema invalid"])
def test_bad_file_falls_back_to_a_good_backup(store: HistoryStore, kind: str) -> None:
    good = session_on(date(2026, 11, 20))
    store.save_session(good)
    store.save_session(session_on(date(2026, 11, 21)))  # the first file is now .bak
    data = BAD_FILES[kind]
    _month(store).write_bytes(data)
    fresh = HistoryStore(store.data_dir, store.clock)
    report = fresh.load()
    assert [s.id for s in report.history.sessions] == [good.id]
    assert any(
        f"Continuing from the backup {backup_path_of(_month(store))}" in n for n in report.notices
    )
    assert _corrupt_months(store)[0].read_bytes() == data


def test_recovery_from_the_backup_says_it_is_one_save_behind_and_writes_it_back(
    store: HistoryStore,
) -> None:
    good = session_on(date(2026, 11, 20))
    store.save_session(good)
    store.save_session(session_on(date(2026, 11, 21)))  # the first file is now .bak
    backup_bytes = backup_path_of(_month(store)).read_bytes()
    _month(store).write_bytes(b"{scribbled")
    report = HistoryStore(store.data_dir, store.clock).load()
    (moved,) = _corrupt_months(store)
    message = " ".join(report.notices)
    assert "one save behind" in message and "most recent change may be missing" in message
    assert str(backup_path_of(_month(store))) in message and str(moved) in message
    assert "original bytes" in message
    assert moved.read_bytes() == b"{scribbled"
    # written back at once (the backup itself is left as it was)
    on_disk = MonthDocument.model_validate_json(_month(store).read_bytes())
    assert [s.id for s in on_disk.sessions] == [good.id]
    assert backup_path_of(_month(store)).read_bytes() == backup_bytes
    again = HistoryStore(store.data_dir, store.clock).load()
    assert again.notices == []
    assert [s.id for s in again.history.sessions] == [good.id]


def test_a_missing_file_is_restored_from_the_backup_once(store: HistoryStore) -> None:
    from backcoach.core.history_io import read_for_display

    store.save_session(session_on(date(2026, 11, 20)))
    store.save_session(session_on(date(2026, 11, 21)))
    _month(store).unlink()
    shown = read_for_display(_month(store), backup_path_of(_month(store)), MonthDocument)
    assert "one save behind" in " ".join(shown.notices)
    report = HistoryStore(store.data_dir, store.clock).load()
    assert any("is missing" in n and "one save behind" in n for n in report.notices)
    assert _month(store).exists()
    assert (
        read_for_display(_month(store), backup_path_of(_month(store)), MonthDocument).notices == []
    )
    assert HistoryStore(store.data_dir, store.clock).load().notices == []


def test_a_bad_backup_is_moved_aside_too(store: HistoryStore) -> None:
    _write(store, b"{broken")
    _legacy_backup(store).write_bytes(b"also broken")
    report = store.load()
    assert _corrupt_files(store.data_dir)[0].read_bytes() == b"{broken"
    assert _corrupt_files(store.data_dir, "history.json.bak")[0].read_bytes() == b"also broken"
    assert report.history == History()
    assert any(str(_legacy_backup(store)) in n for n in report.notices)


def test_an_existing_corrupt_name_is_never_overwritten(store: HistoryStore) -> None:
    _write(store, b"first bad")
    taken = store.data_dir / "history.json.corrupt-20261125T090000Z"
    taken.write_bytes(b"an earlier casualty")
    store.load()
    assert taken.read_bytes() == b"an earlier casualty"
    moved = [p for p in _corrupt_files(store.data_dir) if p != taken]
    assert len(moved) == 1 and moved[0].read_bytes() == b"first bad"


def test_two_bad_files_in_the_same_second_get_two_names(
    store: HistoryStore, clock: FakeClock
) -> None:
    _write(store, b"bad one")
    store.load()
    store.legacy_path.write_bytes(b"bad two")
    HistoryStore(store.data_dir, clock).load()
    contents = sorted(p.read_bytes() for p in _corrupt_files(store.data_dir))
    assert contents == [b"bad one", b"bad two"]


def test_a_bad_file_found_while_saving_is_moved_aside(store: HistoryStore) -> None:
    store.save_session(session_on(date(2026, 11, 24)))
    _month(store).write_bytes(b"scribbled over by an editor")
    report = store.save_session(session_on(date(2026, 11, 25)))
    assert report.ok
    assert any("moved aside" in n for n in report.notices)
    assert _corrupt_months(store)[0].read_bytes() == b"scribbled over by an editor"


def test_a_missing_file_with_a_backup_continues_from_it(store: HistoryStore) -> None:
    first = session_on(date(2026, 11, 24))
    store.save_session(first)
    store.save_session(session_on(date(2026, 11, 25)))
    _month(store).unlink()
    report = HistoryStore(store.data_dir, store.clock).load()
    assert [s.id for s in report.history.sessions] == [first.id]
    assert any("missing" in n and str(backup_path_of(_month(store))) in n for n in report.notices)


def test_nothing_raises_when_the_lock_is_busy_during_repair(
    tmp_path: Path, clock: FakeClock
) -> None:
    from backcoach.core.locking import hold_lock

    store = HistoryStore(tmp_path / "data", clock, lock_timeout=0.05)
    _write(store, b"broken")
    with hold_lock(store.lock_path):
        report = store.load()
    assert report.history == History()
    assert any("repaired on the next save" in n for n in report.notices)
    assert store.legacy_path.read_bytes() == b"broken"
    assert store.save_session(session_on(date(2026, 11, 25))).ok
    assert _corrupt_files(store.data_dir)[0].read_bytes() == b"broken"

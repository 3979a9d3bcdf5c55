"""The history store: saving, merging, flags, rest days, interrupted sessions, modes."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from backcoach.clock import FakeClock
from backcoach.core.history_models import SCHEMA_VERSION, History, ProgressionState, SessionRecord
from backcoach.core.store import HistoryStore, interrupted_today
from backcoach.core.store.documents import MonthDocument
from backcoach.core.store.repair import backup_path_of
from store_factory import flag_for, session_on


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _month_file(store: HistoryStore) -> Path:
    """This device's file of November 2026, the month the tests' sessions are in."""
    return store.month_path("2026-11")


def _on_disk(store: HistoryStore) -> History:
    """What the files hold: the month's sessions as written, the rest from a new store."""
    fresh = HistoryStore(store.data_dir, store.clock).load().history
    if not _month_file(store).exists():
        return fresh
    document = MonthDocument.model_validate_json(_month_file(store).read_bytes())
    return fresh.model_copy(update={"sessions": document.sessions})


def test_loading_a_missing_data_dir_creates_nothing(store: HistoryStore) -> None:
    report = store.load()
    assert report.history == History()
    assert report.notices == []
    assert not report.read_only
    assert not store.data_dir.exists()


def test_saved_session_loads_back_in_a_new_store(store: HistoryStore, clock: FakeClock) -> None:
    record = session_on(date(2026, 11, 25), pain=(4, 2), exercises=3)
    report = store.save_session(record)
    assert report.ok and report.pending == 0 and report.message is None
    fresh = HistoryStore(store.data_dir, clock).load()
    assert fresh.history.sessions == [record]
    assert fresh.notices == []


def test_modes_are_private_after_saves(store: HistoryStore) -> None:
    store.save_session(session_on(date(2026, 11, 24)))
    store.save_session(session_on(date(2026, 11, 25)))
    assert _mode(store.data_dir) == 0o700
    for private_dir in (store.path, store.path / "sessions"):
        assert _mode(private_dir) == 0o700
    for private_file in (_month_file(store), backup_path_of(_month_file(store))):
        assert _mode(private_file) == 0o600
    assert _mode(store.summary_path) == 0o600
    assert _mode(backup_path_of(store.summary_path)) == 0o600
    assert _mode(store.lock_path) == 0o600


def test_an_existing_dir_keeps_its_mode_but_the_file_is_private(store: HistoryStore) -> None:
    store.data_dir.mkdir(mode=0o755)
    os.chmod(store.data_dir, 0o755)  # e.g. --data-dir ~: never lock down the user's home
    store.save_session(session_on(date(2026, 11, 25)))
    assert _mode(store.data_dir) == 0o755
    assert _mode(_month_file(store)) == 0o600


def test_missing_parents_of_the_data_dir_are_created_private(
    tmp_path: Path, clock: FakeClock
) -> None:
    os.chmod(tmp_path, 0o755)
    store = HistoryStore(tmp_path / "a" / "b" / "data", clock)
    assert store.save_session(session_on(date(2026, 11, 25))).ok
    for created in (tmp_path / "a", tmp_path / "a" / "b", store.data_dir):
        assert _mode(created) == 0o700, created
    assert _mode(tmp_path) == 0o755


def test_previous_good_file_is_kept_as_backup(store: HistoryStore) -> None:
    first = session_on(date(2026, 11, 24))
    store.save_session(first)
    before = _month_file(store).read_bytes()
    store.save_session(session_on(date(2026, 11, 25)))
    assert backup_path_of(_month_file(store)).read_bytes() == before
    assert len(_on_disk(store).sessions) == 2


def test_saving_the_same_id_replaces_the_session(store: HistoryStore) -> None:
    record = session_on(date(2026, 11, 25), "in_progress")
    store.save_session(record)
    record.status = "completed"
    record.updated_at = (record.updated_at or record.started_at) + timedelta(minutes=5)
    store.save_session(record)
    sessions = _on_disk(store).sessions
    assert [s.status for s in sessions] == ["completed"]


def test_an_older_copy_never_replaces_a_newer_one(store: HistoryStore) -> None:
    record = session_on(date(2026, 11, 25), "in_progress")
    stale = record.model_copy(deep=True)
    record.status = "completed"
    record.updated_at = (record.updated_at or record.started_at) + timedelta(minutes=5)
    store.save_session(record)
    store.save_session(stale)
    assert [s.status for s in _on_disk(store).sessions] == ["completed"]


def test_caller_mutations_after_save_do_not_leak_into_the_store(store: HistoryStore) -> None:
    record = session_on(date(2026, 11, 25), "in_progress")
    store.save_session(record)
    record.status = "completed"
    assert store.history.sessions[0].status == "in_progress"


def test_two_stores_merge_by_session_id(
    app_paths: object, clock: FakeClock, tmp_path: Path
) -> None:
    data_dir = tmp_path / "shared"
    first, second = HistoryStore(data_dir, clock), HistoryStore(data_dir, clock)
    first.load()
    second.load()
    a, b = session_on(date(2026, 11, 24)), session_on(date(2026, 11, 25))
    assert first.save_session(a).ok
    assert second.save_session(b).ok  # second never saw ``a`` yet must keep it
    assert {s.id for s in _on_disk(first).sessions} == {a.id, b.id}
    first.mark_rest_day(date(2026, 11, 23))
    assert {s.id for s in first.history.sessions} == {a.id, b.id}


def test_flags_are_added_cleared_and_kept(store: HistoryStore, clock: FakeClock) -> None:
    flag = flag_for("superman", "Superman", clock.now())
    assert store.add_flag(flag).ok
    assert set(store.history.active_flags()) == {"superman"}
    clock.advance(3600)
    report = store.clear_flag(flag.id, "physio says it is fine", by_clinician=True)
    assert report.ok
    stored = _on_disk(store).flags
    assert len(stored) == 1
    assert stored[0].cleared_note == "physio says it is fine"
    assert stored[0].cleared_by_clinician is True
    assert stored[0].cleared_at == clock.now()
    assert _on_disk(store).active_flags() == {}


def test_clearing_an_unknown_flag_says_so(store: HistoryStore) -> None:
    from uuid import uuid4

    report = store.clear_flag(uuid4(), "note", by_clinician=False)
    assert not report.ok
    assert report.message is not None and "no flag" in report.message


def test_clearing_an_exercise_clears_every_active_flag_on_it(
    store: HistoryStore, clock: FakeClock
) -> None:
    store.add_flag(flag_for("superman", "Superman", clock.now()))
    clock.advance(60)
    store.add_flag(flag_for("superman", "Superman", clock.now()))
    store.add_flag(flag_for("bridge", "Bridge", clock.now()))
    assert store.clear_exercise_flags("superman", "better now", by_clinician=False).ok
    assert set(_on_disk(store).active_flags()) == {"bridge"}
    assert len(_on_disk(store).flags) == 3


def test_an_old_copy_of_a_flag_does_not_undo_its_clearing(
    store: HistoryStore, clock: FakeClock
) -> None:
    flag = flag_for("superman", "Superman", clock.now())
    store.add_flag(flag)
    store.clear_flag(flag.id, "fine", by_clinician=False)
    store.add_flag(flag)  # e.g. re-sent by an engine that still holds the old object
    assert _on_disk(store).flags[0].cleared_at is not None


def test_rest_days_are_marked_and_unmarked(store: HistoryStore) -> None:
    day = date(2026, 11, 25)
    store.mark_rest_day(day, note="flare-up")
    store.mark_rest_day(day, note="still sore")
    rest = _on_disk(store).rest_days
    assert [(r.local_date, r.note) for r in rest] == [(day, "still sore")]
    store.unmark_rest_day(day)
    assert _on_disk(store).rest_days == []


def test_progression_state_is_stored(store: HistoryStore) -> None:
    state = ProgressionState(exercise_id="pelvic-tilt", reps=12, last_advanced_on=date(2026, 11, 2))
    store.set_progression(state)
    assert _on_disk(store).progression == {"pelvic-tilt": state}


def test_sessions_whose_process_is_gone_become_interrupted(
    store: HistoryStore, clock: FakeClock
) -> None:
    today = clock.now().date()
    gone, alive, mine, orphan = (session_on(today, "in_progress") for _ in range(4))
    gone.pid, alive.pid, mine.pid, orphan.pid = 101, 202, os.getpid(), None
    done = session_on(today, "completed")
    done.pid = 101
    for record in (gone, alive, mine, orphan, done):
        store.save_session(record)
    report = store.mark_interrupted(is_alive=lambda pid, _started: pid == 202)
    assert report.ok
    status = {s.id: s.status for s in _on_disk(store).sessions}
    assert status[gone.id] == "interrupted"
    assert status[orphan.id] == "interrupted"
    assert status[alive.id] == "in_progress"
    assert status[mine.id] == "in_progress"
    assert status[done.id] == "completed"
    offered = interrupted_today(store.history, today)
    assert {s.id for s in offered} == {gone.id, orphan.id}
    assert interrupted_today(store.history, today + timedelta(days=1)) == []


def test_a_pain_stop_left_unanswered_is_flagged_when_its_session_is_interrupted(
    store: HistoryStore, clock: FakeClock
) -> None:
    """The flag is written when the stop's question is answered; a session that died
    with the question up still has its exercise flagged, once."""
    stopped = session_on(clock.now().date(), "in_progress")
    stopped.pid = 101
    stopped.exercises[0].status = "stopped_for_pain"
    store.save_session(stopped)
    assert store.mark_interrupted(is_alive=lambda _pid, _started: False).ok
    (flag,) = _on_disk(store).flags
    assert (flag.exercise_id, flag.session_id, flag.pain) == ("ex0", stopped.id, None)
    assert set(store.history.active_flags()) == {"ex0"}


def test_a_real_dead_process_is_detected(store: HistoryStore, clock: FakeClock) -> None:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    record = session_on(clock.now().date(), "in_progress")
    record.pid = int(child.stdout)
    store.save_session(record)
    store.mark_interrupted()
    assert _on_disk(store).sessions[0].status == "interrupted"


def test_liveness_is_checked_against_the_latest_save_not_the_start(
    store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(clock.now().date(), "in_progress")
    record.pid = 4242
    record.updated_at = record.started_at + timedelta(hours=3)  # resumed later on
    store.save_session(record)
    asked: list[datetime] = []

    def alive(_pid: int, since: datetime) -> bool:
        asked.append(since)
        return True

    store.mark_interrupted(is_alive=alive)
    assert asked == [record.updated_at]


def test_a_live_resumed_session_is_not_taken_for_a_reused_pid(
    store: HistoryStore, clock: FakeClock
) -> None:
    """Its owner process started after the session began (it was resumed)."""
    before_child = datetime.now(UTC)
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        record = session_on(clock.now().date(), "in_progress")
        record.started_at = before_child - timedelta(hours=2)
        record.updated_at = datetime.now(UTC) + timedelta(seconds=5)  # saved by the child
        record.pid = child.pid
        store.save_session(record)
        store.mark_interrupted()
        assert _on_disk(store).sessions[0].status == "in_progress"
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=60)


def test_closing_an_interrupted_session_ends_it_at_its_last_save(
    store: HistoryStore, clock: FakeClock
) -> None:
    from backcoach.core.history_changes import close_interrupted

    record = session_on(clock.now().date(), "in_progress")
    record.pid = 101
    last_save = record.started_at + timedelta(minutes=7)
    record.updated_at = last_save
    store.save_session(record)
    clock.advance(5 * 3600)  # found interrupted at the next launch, hours later
    store.mark_interrupted(is_alive=lambda _pid, _since: False)
    (interrupted,) = store.history.sessions
    assert interrupted.status == "interrupted"
    closed = close_interrupted(interrupted)
    assert (closed.status, closed.ended_at, closed.pid) == ("ended_early", last_save, None)
    assert interrupted.status == "interrupted", "the input is not changed"
    assert store.save_session(closed).ok
    (stored,) = _on_disk(store).sessions
    assert (stored.status, stored.ended_at) == ("ended_early", last_save)


def test_closing_an_old_interrupted_record_uses_the_time_spent() -> None:
    from backcoach.core.history_changes import close_interrupted

    record = session_on(date(2026, 11, 25), "interrupted", exercises=3)  # 60 s each
    record.ended_at = None
    closed = close_interrupted(record)
    assert closed.ended_at == record.started_at + timedelta(seconds=180)


def test_nothing_is_written_when_no_session_is_stale(store: HistoryStore) -> None:
    assert store.mark_interrupted().ok
    assert not store.data_dir.exists()


def test_interrupted_today_lists_newest_first(clock: FakeClock) -> None:
    today = date(2026, 11, 25)
    early = session_on(today, "interrupted", hour=7)
    late = session_on(today, "interrupted", hour=18)
    history = History(sessions=[early, late, session_on(today, "completed")])
    assert [s.id for s in interrupted_today(history, today)] == [late.id, early.id]


def test_the_v1_fixture_always_loads(store: HistoryStore, clock: FakeClock) -> None:
    fixture = Path(__file__).parent / "fixtures" / "history_v1.json"
    store.data_dir.mkdir()
    store.legacy_path.write_bytes(fixture.read_bytes())
    report = store.load()
    assert not report.read_only
    assert any("upgraded from schema version 1" in n for n in report.notices), report.notices
    history = report.history
    assert [s.status for s in history.sessions] == ["completed", "ended_early", "interrupted"]
    stopped = history.sessions[1].exercises[0].stopped_at
    assert stopped is not None and stopped.side == "right" and stopped.seconds_into_phase == 3.5
    assert set(history.active_flags()) == {"superman"}
    assert history.progression["pelvic-tilt"].reps == 12
    assert history.rest_days[0].local_date == date(2026, 3, 27)
    # and it survives a save unchanged apart from the new session
    new = session_on(date(2026, 3, 31))
    assert store.save_session(new).ok
    reloaded = HistoryStore(store.data_dir, clock).load().history
    original = History.model_validate_json(fixture.read_bytes())
    assert reloaded.sessions == [*original.sessions, new]
    assert reloaded.flags == original.flags
    assert reloaded.progression == original.progression
    assert json.loads(store.summary_path.read_bytes())["schema_version"] == SCHEMA_VERSION
    kept = store.data_dir / "history.json.v1.bak"
    assert kept.read_bytes() == fixture.read_bytes()  # the user's file, byte for byte
    assert not store.legacy_path.exists()


def test_load_keeps_unsaved_changes_visible(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("backcoach.core.store.layout_files.atomic_write_bytes", disk_full)
    record = session_on(date(2026, 11, 25))
    assert not store.save_session(record).ok
    assert [s.id for s in store.load().history.sessions] == [record.id]


def test_session_times_are_stored_in_utc(store: HistoryStore, clock: FakeClock) -> None:
    record = SessionRecord.begin(
        routine_id="daily", routine_name="Daily", now=clock.now(), pid=None
    )
    store.save_session(record)
    raw = json.loads(_month_file(store).read_bytes())["sessions"][0]
    assert raw["started_at"].endswith("Z")
    assert raw["utc_offset_minutes"] == 60
    assert _on_disk(store).sessions[0].started_at == clock.now().astimezone(UTC)
    assert isinstance(_on_disk(store).sessions[0].started_at, datetime)


def test_pid_liveness_spots_a_reused_pid() -> None:
    from backcoach.core.liveness import pid_alive

    now = datetime.now(UTC)
    assert pid_alive(os.getpid())
    assert pid_alive(os.getpid(), started_before=now + timedelta(hours=1))
    if Path("/proc/self/stat").exists():  # this process began long after 2001
        assert not pid_alive(os.getpid(), started_before=datetime(2001, 1, 1, tzinfo=UTC))
    assert not pid_alive(0) and not pid_alive(-5)


def test_without_hard_links_copies_are_made_instead(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some filesystems (FAT, some network mounts) refuse hard links."""

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    first = session_on(date(2026, 11, 24))
    store.save_session(first)
    monkeypatch.setattr(os, "link", no_links)
    before = _month_file(store).read_bytes()
    assert store.save_session(session_on(date(2026, 11, 25))).ok
    assert backup_path_of(_month_file(store)).read_bytes() == before
    assert _mode(backup_path_of(_month_file(store))) == 0o600
    _month_file(store).write_bytes(b"garbage")
    report = HistoryStore(store.data_dir, store.clock).load()
    moved = list(_month_file(store).parent.glob("2026-11.*.json.corrupt-*"))
    assert [p.read_bytes() for p in moved] == [b"garbage"]
    assert _mode(moved[0]) == 0o600
    assert [s.id for s in report.history.sessions] == [first.id]


def test_load_reuses_the_parsed_history_while_the_file_is_unchanged(
    store: HistoryStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import backcoach.core.store.layout_files as store_module

    store.save_session(session_on(date(2026, 11, 24)))
    first = store.load().history
    parses: list[bytes] = []
    from backcoach.core.history_io import decode as real_decode

    def counting_decode(data: bytes, model: type[History]) -> object:
        parses.append(data)
        return real_decode(data, model)

    monkeypatch.setattr(store_module, "decode", counting_decode)
    assert store.load().history is first
    assert store.load().history is first
    assert parses == []
    other = HistoryStore(store.data_dir, clock)  # another instance writes
    other.save_session(session_on(date(2026, 11, 25)))
    parses.clear()
    changed = store.load().history
    assert len(parses) == 2  # the month file and the summary it wrote, nothing else
    assert len(changed.sessions) == 2
    assert store.load().history is changed and len(parses) == 2

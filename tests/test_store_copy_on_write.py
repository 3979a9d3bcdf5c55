"""Saves run on a background thread while the UI reads ``store.history``: a History
object once handed out never changes; closing stale interrupted sessions at start-up."""

from __future__ import annotations

from datetime import date, timedelta

from backcoach.clock import FakeClock
from backcoach.core.history_models import History, ProgressionState
from backcoach.core.store import HistoryStore
from store_factory import flag_for, session_on


def _seeded(store: HistoryStore, clock: FakeClock) -> None:
    today = clock.now().date()
    running = session_on(today, "in_progress")
    running.pid = 4242
    assert store.save_session(running).ok
    assert store.add_flag(flag_for("bridges", "Bridges", clock.now())).ok
    assert store.set_progression(ProgressionState(exercise_id="pelvic-tilt", reps=10)).ok


def test_a_history_obtained_before_a_save_is_unchanged_after_it(
    store: HistoryStore, clock: FakeClock
) -> None:
    _seeded(store, clock)
    before = store.history
    snapshot = before.model_dump()
    records = (list(before.sessions), list(before.flags), dict(before.progression))

    assert store.mark_interrupted(is_alive=lambda _pid, _since: False).ok
    assert store.clear_exercise_flags("bridges", "better now", by_clinician=False).ok
    assert store.set_progression(ProgressionState(exercise_id="pelvic-tilt", reps=12)).ok
    assert store.save_session(session_on(clock.now().date())).ok
    assert store.mark_rest_day(clock.now().date()).ok

    assert before.model_dump() == snapshot
    assert (before.sessions, before.flags, before.progression) == records
    after = store.history
    assert after is not before
    assert sorted(s.status for s in after.sessions) == ["completed", "interrupted"]
    assert not after.flags[0].active
    assert after.progression["pelvic-tilt"].reps == 12
    assert len(after.sessions) == 2 and len(after.rest_days) == 1


def test_a_failed_save_also_leaves_the_published_history_alone(
    store: HistoryStore, clock: FakeClock
) -> None:
    _seeded(store, clock)
    before = store.history
    snapshot = before.model_dump()
    store.summary_path.write_text('{"schema_version": 99}')  # newer: read-only, in memory
    store.load()
    shown = store.history
    shown_snapshot = shown.model_dump()
    report = store.set_progression(ProgressionState(exercise_id="pelvic-tilt", reps=20))
    assert not report.ok
    assert store.history.progression["pelvic-tilt"].reps == 20
    assert before.model_dump() == snapshot
    assert shown.model_dump() == shown_snapshot


def test_stale_interrupted_sessions_are_closed_at_their_last_save(
    store: HistoryStore, clock: FakeClock
) -> None:
    today = clock.now().date()
    old = session_on(today - timedelta(days=2), "interrupted", exercises=2)
    old.ended_at = None
    old.last_saved_at = old.started_at + timedelta(minutes=4)
    recent = session_on(today, "interrupted")
    recent.ended_at = None
    for record in (old, recent):
        assert store.save_session(record).ok

    assert store.close_stale_interrupted(today).ok
    fresh = HistoryStore(store.data_dir, clock).load().history
    by_id = {s.id: s for s in fresh.sessions}
    closed = by_id[old.id]
    assert (closed.status, closed.ended_at) == ("ended_early", old.last_saved_at)
    assert len(closed.exercises) == 2, "what was done is kept"
    assert by_id[recent.id].status == "interrupted", "today's stays resumable"


def test_nothing_is_written_when_no_interrupted_session_is_stale(store: HistoryStore) -> None:
    assert store.close_stale_interrupted(date(2026, 11, 25)).ok
    assert not store.data_dir.exists()
    assert store.history == History()

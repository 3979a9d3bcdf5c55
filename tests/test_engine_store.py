"""The engine against the real history store: what it hands over is kept, a pain stop
flags the exercise on disk, and the next plan (from the reloaded file) leaves it out."""

from __future__ import annotations

from pathlib import Path

from backcoach.core.engine import SessionEngine
from backcoach.core.plan import build_plan
from backcoach.core.store import HistoryStore
from engine_helpers import TODAY, advance_to, make_catalog, make_clock, make_exercise, run_session


def test_a_session_with_a_pain_stop_is_kept_by_the_store(tmp_path: Path) -> None:
    tilt = make_exercise(
        "pelvic-tilt", reps=10, progression={"start_reps": 10, "step_per_day": 1, "max_reps": 30}
    )
    catalog = make_catalog(make_exercise("lifts", reps=3), tilt)
    clock = make_clock()
    store = HistoryStore(tmp_path / "data", clock)
    plan = build_plan(catalog, store.load().history, TODAY, routine_id="all")
    engine = SessionEngine(plan, clock, store, pain_before=3)
    assert store.load().history.sessions[0].status == "in_progress"

    advance_to(engine, clock, 10 + 9 + 3.5)  # lifts, rep 2, 1.5 s into the hold
    engine.pain_stop()
    assert store.load().history.flags == []
    engine.continue_after_pain(6)
    on_disk = store.load().history
    (flag,) = on_disk.flags
    assert (flag.exercise_id, flag.pain) == ("lifts", 6)
    assert flag.stopped_at is not None
    assert (flag.stopped_at.rep, flag.stopped_at.seconds_into_phase) == (2, 1.5)
    assert on_disk.sessions[0].exercises[0].status == "stopped_for_pain"

    run_session(engine, clock)
    engine.finish(pain_after=2)
    assert store.advance_progression(engine.record, catalog).ok
    history = store.load().history
    (session,) = history.sessions
    assert (session.status, session.pain_before, session.pain_after) == ("completed", 3, 2)
    assert [(e.exercise_id, e.status, e.reps_done) for e in session.exercises] == [
        ("lifts", "stopped_for_pain", 1),
        ("pelvic-tilt", "completed", 10),
    ]
    assert history.progression["pelvic-tilt"].reps == 10
    replan = build_plan(catalog, history, TODAY, routine_id="all")
    assert [p.exercise.id for p in replan.exercises] == ["pelvic-tilt"]
    assert [x.exercise_id for x in replan.left_out] == ["lifts"]

"""The engine on hand-made exercises: timing from the clock, controls, and the record.

The "lifts" exercise used throughout: get ready 10 s, then reps of move 2 s, hold 5 s,
move 2 s. So rep 1 runs 10-19 s, its hold 12-17 s; with no rest, rep n starts at
10 + 9(n-1).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import pytest

from backcoach.clock import FakeClock
from backcoach.core.content_models import Catalog
from backcoach.core.engine import AUTO_PAUSE_GAP_SECONDS, SessionEngine
from backcoach.core.history_models import History
from backcoach.core.plan import SessionPlan, build_plan
from backcoach.core.session_events import EventKind
from engine_helpers import (
    TODAY,
    MemorySink,
    advance_to,
    kinds,
    load_exercise_file,
    make_catalog,
    make_clock,
    make_exercise,
    run_session,
)


def two_exercise_catalog() -> Catalog:
    return make_catalog(make_exercise("lifts", reps=3), make_exercise("curls", reps=2))


def start(
    catalog: Catalog | None = None, history: History | None = None, **engine_kwargs: object
) -> tuple[SessionEngine, FakeClock, MemorySink]:
    catalog = catalog or two_exercise_catalog()
    plan = build_plan(catalog, history or History(), TODAY, routine_id="all")
    clock, sink = make_clock(), MemorySink()
    return SessionEngine(plan, clock, sink, **engine_kwargs), clock, sink  # type: ignore[arg-type]


def test_the_record_is_saved_at_the_start_as_in_progress() -> None:
    engine, _, sink = start(pain_before=4)
    (first,) = sink.saved
    assert first.status == "in_progress"
    assert first.pid == os.getpid()
    assert first.pain_before == 4
    assert first.local_date == date(2026, 11, 25)
    assert first.utc_offset_minutes == 60
    assert first.routine_id == "all"
    assert [(e.exercise_id, e.status, e.planned_reps) for e in first.exercises] == [
        ("lifts", "not_started", 3),
        ("curls", "not_started", 2),
    ]
    assert first is not engine.record, "the sink gets a copy"


def test_one_exercise_runs_on_time_and_counts_what_was_done() -> None:
    engine, clock, sink = start()
    assert kinds(engine.tick()) == [EventKind.REST_STARTED]
    advance_to(engine, clock, 10)
    view = engine.view()
    assert view is not None
    assert (view.kind, view.cue, view.rep_number, view.instruction_step) == ("move", "Lift", 1, 1)
    clock.advance(2)
    assert kinds(engine.tick()) == [EventKind.HOLD_STARTED]
    clock.advance(4.5)
    view = engine.view()
    assert view is not None
    assert view.kind == "hold"
    assert view.seconds_remaining == pytest.approx(0.5)
    assert view.fraction_done == pytest.approx(0.9)
    clock.advance(0.5)
    assert kinds(engine.tick()) == [EventKind.HOLD_ENDED]
    events = run_session(engine, clock, hz=4)
    lifts = engine.record.exercises[0]
    assert lifts.status == "completed"
    assert [(s.set, s.side, s.reps_done, s.holds_done) for s in lifts.sets] == [(1, None, 3, 3)]
    assert lifts.seconds_spent == pytest.approx(37)
    assert kinds(events).count(EventKind.EXERCISE_DONE) == 2
    assert kinds(events)[-1] == EventKind.SESSION_DONE
    assert engine.record.status == "completed"
    assert engine.view() is None
    # saved at the start, after each exercise, and at the end
    assert [r.status for r in sink.saved] == ["in_progress"] * 3 + ["completed"]


def test_bridges_run_to_the_end_with_its_dosage() -> None:
    bridges = load_exercise_file("bridges")
    engine, clock, _ = start(make_catalog(bridges))
    events = run_session(engine, clock, hz=15)
    (record,) = engine.record.exercises
    assert [(s.set, s.reps_done, s.holds_done) for s in record.sets] == [
        (1, 15, 0),
        (2, 15, 0),
        (3, 15, 0),
    ]
    assert kinds(events).count(EventKind.SET_DONE) == 3
    rests = [e.event.message for e in events if e.event.kind == EventKind.REST_STARTED]
    assert rests.count("Rest before set 2 of 3") == 1
    assert rests.count("Rest") == 3 * 14


def test_each_side_sets_turn_over_between_sides() -> None:
    sided = make_exercise(
        "lifts",
        sets=2,
        reps=3,
        sides="each_side",
        side_labels=["left leg", "right leg"],
        rest_between_sides=10,
        rest_between_sets=30,
    )
    engine, clock, _ = start(make_catalog(sided))
    events = run_session(engine, clock, hz=15)
    sets = [(s.set, s.side, s.reps_done, s.holds_done) for s in engine.record.exercises[0].sets]
    assert sets == [
        (1, "left leg", 3, 3),
        (1, "right leg", 3, 3),
        (2, "left leg", 3, 3),
        (2, "right leg", 3, 3),
    ]
    switches = [e.event.message for e in events if e.event.kind == EventKind.SWITCH_SIDES]
    assert switches == [
        "Switch sides: right leg",
        "Switch sides: left leg",
        "Switch sides: right leg",
    ]
    assert kinds(events).count(EventKind.SET_DONE) == 2


def test_alternating_reps_do_side_a_then_side_b() -> None:
    alternating = make_exercise(
        "lifts", reps=3, sides="alternating", side_labels=["left leg", "right leg"]
    )
    engine, clock, _ = start(make_catalog(alternating))
    events = run_session(engine, clock, hz=15)
    sets = [(s.side, s.reps_done, s.holds_done) for s in engine.record.exercises[0].sets]
    assert sets == [("left leg", 3, 3), ("right leg", 3, 3)]
    assert kinds(events).count(EventKind.SWITCH_SIDES) == 5


def mixed_catalog() -> Catalog:
    return make_catalog(
        load_exercise_file("bridges"),
        make_exercise(
            "sided",
            sets=3,
            reps=10,
            sides="each_side",
            side_labels=["left", "right"],
            rest_between_sides=10,
            rest_between_sets=30,
            rep=[
                {"kind": "move", "cue": "Up", "seconds": 1.3},
                {"kind": "hold", "cue": "Hold", "seconds": 2},
                {"kind": "move", "cue": "Down", "seconds": 0.7},
            ],
        ),
        make_exercise("alternating", reps=3, sides="alternating", side_labels=["a", "b"]),
    )


@pytest.mark.parametrize("hz", [1, 15, 60])
def test_no_drift_at_any_tick_rate(hz: int) -> None:
    engine, clock, _ = start(mixed_catalog())
    began = clock.monotonic()
    run_session(engine, clock, hz=hz)
    took = clock.monotonic() - began
    # the session ends within one tick of the planned time, at any rate
    assert engine.plan.estimated_seconds <= took + 1e-6
    assert took <= engine.plan.estimated_seconds + 1 / hz + 1e-6
    spent = sum(e.seconds_spent for e in engine.record.exercises)
    assert spent == pytest.approx(engine.plan.estimated_seconds, abs=1e-6)


def test_every_hold_ends_within_one_tick_of_its_target() -> None:
    hz = 60
    engine, clock, _ = start(make_catalog(make_exercise("lifts", reps=20)))
    events = run_session(engine, clock, hz=hz)
    ends = [e.at for e in events if e.event.kind == EventKind.HOLD_ENDED]
    targets = [10 + 9 * n + 7 for n in range(20)]
    assert len(ends) == len(targets)
    for seen, target in zip(ends, targets, strict=True):
        assert target - 1e-6 <= seen <= target + 1 / hz + 1e-6


def test_pause_excludes_time() -> None:
    engine, clock, _ = start()
    advance_to(engine, clock, 13)  # 1 s into rep 1's hold
    engine.toggle_pause()
    advance_to(engine, clock, 120)
    view = engine.view()
    assert view is not None
    assert view.paused
    assert view.kind == "hold"
    assert view.seconds_remaining == pytest.approx(4)
    engine.toggle_pause()
    assert not engine.paused
    advance_to(engine, clock, 3.75)
    view = engine.view()
    assert view is not None
    assert view.kind == "hold"
    assert view.seconds_remaining == pytest.approx(0.25)
    run_session(engine, clock, hz=4)
    assert engine.record.exercises[0].seconds_spent == pytest.approx(37)


def test_a_sleep_sized_gap_pauses_where_the_last_tick_was() -> None:
    engine, clock, _ = start()
    advance_to(engine, clock, 13)
    clock.advance(3600)  # the laptop slept
    events = engine.tick()
    assert kinds(events) == [EventKind.AUTO_PAUSED]
    view = engine.view()
    assert view is not None
    assert view.paused
    assert view.kind == "hold"
    assert view.seconds_remaining == pytest.approx(4)
    engine.toggle_pause()
    run_session(engine, clock, hz=4)
    assert engine.record.exercises[0].seconds_spent == pytest.approx(37)
    assert engine.record.exercises[0].holds_done == 3


def test_a_gap_shorter_than_the_threshold_just_catches_up() -> None:
    engine, clock, _ = start()
    advance_to(engine, clock, 10)
    clock.advance(AUTO_PAUSE_GAP_SECONDS - 0.5)  # lands 4.5 s in: in the hold
    events = engine.tick()
    assert kinds(events) == [EventKind.HOLD_STARTED]
    assert not engine.paused


def test_confirm_steps_wait_for_next() -> None:
    rep = [{"kind": "confirm", "cue": "Sit on a chair", "step": 1}, *make_rep_hold()]
    engine, clock, _ = start(make_catalog(make_exercise("lifts", reps=1, rep=rep)))
    advance_to(engine, clock, 10)
    advance_to(engine, clock, 600)
    view = engine.view()
    assert view is not None
    assert (view.kind, view.timed, view.seconds_remaining) == ("confirm", False, 0)
    engine.next()
    view = engine.view()
    assert view is not None
    assert view.cue == "Hold it"


def make_rep_hold() -> list[dict[str, object]]:
    return [{"kind": "hold", "cue": "Hold it", "seconds": 5, "step": 2}]


def test_next_cuts_a_rest_short_but_not_a_hold() -> None:
    engine, clock, _ = start(make_catalog(make_exercise("lifts", reps=2, rest_between_reps=30)))
    advance_to(engine, clock, 2)
    assert kinds(engine.next()) == [EventKind.REST_ENDED]  # get ready, cut short
    advance_to(engine, clock, 3)  # into the hold
    assert engine.next() == []
    view = engine.view()
    assert view is not None
    assert view.kind == "hold"
    advance_to(engine, clock, 7)  # into the 30 s rest
    view = engine.view()
    assert view is not None
    assert (view.kind, view.next_up) == ("rest", "Rep 2 of 2")
    engine.next()
    view = engine.view()
    assert view is not None
    assert (view.kind, view.rep_number) == ("move", 2)


def test_back_redoes_the_rep_without_counting_it_twice() -> None:
    rep = [
        {"kind": "hold", "cue": "First hold", "seconds": 5},
        {"kind": "move", "cue": "Between", "seconds": 2},
        {"kind": "hold", "cue": "Second hold", "seconds": 5},
    ]
    engine, clock, _ = start(make_catalog(make_exercise("lifts", reps=2, rep=rep)))
    advance_to(engine, clock, 10 + 12 + 6)  # rep 2, 1 s into its move (one hold done)
    view = engine.view()
    assert view is not None
    assert (view.rep_number, view.phase_number) == (2, 2)
    engine.back()
    view = engine.view()
    assert view is not None
    assert (view.rep_number, view.phase_number, view.seconds_remaining) == (2, 1, 5)
    assert kinds(engine.tick()) == [EventKind.HOLD_STARTED]
    run_session(engine, clock, hz=4)
    lifts = engine.record.exercises[0]
    assert (lifts.reps_done, lifts.holds_done) == (2, 4)
    assert lifts.seconds_spent == pytest.approx(10 + 24 + 6)


def test_skip_keeps_what_was_done_and_moves_on() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 10 + 9 + 3)  # rep 2's hold
    events = engine.skip_exercise()
    assert kinds(events) == [EventKind.EXERCISE_STOPPED, EventKind.REST_STARTED]
    lifts = engine.record.exercises[0]
    assert (lifts.status, lifts.reps_done, lifts.holds_done) == ("partly_done", 1, 1)
    assert lifts.seconds_spent == pytest.approx(22)
    assert sink.latest.exercises[0].status == "partly_done"
    assert events[0].status == "partly_done"
    view = engine.view()
    assert view is not None
    assert (view.exercise_id, view.exercise_index, view.exercise_count) == ("curls", 2, 2)
    run_session(engine, clock)
    assert engine.record.status == "completed"
    assert engine.record.exercises[1].status == "completed"


def test_end_early_keeps_what_is_done() -> None:
    engine, clock, sink = start()
    run_until_exercise(engine, clock, "curls")
    advance_to(engine, clock, 10 + 2)
    engine.end_early(pain_after=3)
    assert engine.finished
    record = sink.latest
    assert record.status == "ended_early"
    assert record.pain_after == 3
    assert record.ended_at is not None
    assert [(e.status, e.reps_done) for e in record.exercises] == [
        ("completed", 3),
        ("partly_done", 0),  # 2 s into its first rep: begun, no full rep yet
    ]
    assert record.exercises[1].seconds_spent == pytest.approx(12)
    assert engine.view() is None


def test_end_early_during_the_get_ready_of_the_first_exercise() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 8)
    engine.end_early()
    lifts, curls = sink.latest.exercises
    assert (lifts.status, lifts.reps_done, lifts.seconds_spent) == ("not_started", 0, 0)
    assert (curls.status, curls.seconds_spent) == ("not_started", 0.0)
    assert sink.latest.status == "ended_early"


def test_a_session_where_every_exercise_was_skipped_is_not_completed() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 3)
    engine.skip_exercise()
    advance_to(engine, clock, 3)
    engine.skip_exercise()
    assert engine.finished
    assert sink.latest.status == "ended_early"
    assert [e.status for e in sink.latest.exercises] == ["skipped", "skipped"]


def test_a_pain_stop_with_reps_done_still_lets_the_session_complete() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 10 + 9 + 3)  # one rep of lifts done
    engine.pain_stop()
    engine.continue_after_pain()
    engine.skip_exercise()
    assert engine.finished
    assert sink.latest.status == "completed"
    assert [e.status for e in sink.latest.exercises] == ["stopped_for_pain", "skipped"]


def test_a_pain_stop_before_any_rep_then_skips_is_not_completed() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 3)
    engine.pain_stop()
    engine.continue_after_pain()
    engine.skip_exercise()
    assert sink.latest.status == "ended_early"


def test_end_early_in_the_middle_of_reps_keeps_them_as_partly_done() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 10 + 9 + 9 + 1)
    engine.end_early()
    assert [(e.status, e.reps_done) for e in sink.latest.exercises] == [
        ("partly_done", 2),
        ("not_started", 0),
    ]


def test_end_early_during_the_get_ready_is_not_started_not_skipped() -> None:
    """Ended while getting into position: nothing done and not skipped by the user."""
    engine, clock, sink = start()
    advance_to(engine, clock, 4)  # still getting into position: nothing done yet
    engine.end_early()
    assert [(e.status, e.reps_done, e.seconds_spent) for e in sink.latest.exercises] == [
        ("not_started", 0, 0.0),
        ("not_started", 0, 0.0),
    ]


def test_a_skip_before_any_rep_is_skipped() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 4)
    (stopped, *_) = engine.skip_exercise()
    assert stopped.status == "skipped"
    assert sink.latest.exercises[0].status == "skipped"


def run_until_exercise(engine: SessionEngine, clock: FakeClock, exercise_id: str) -> None:
    while (view := engine.view()) is not None and view.exercise_id != exercise_id:
        clock.advance(0.25)
        engine.tick()


def test_resume_continues_at_the_first_unfinished_exercise() -> None:
    engine, clock, sink = start(pain_before=5)
    run_until_exercise(engine, clock, "curls")
    advance_to(engine, clock, 15)  # part way into curls, then the process dies
    saved = sink.latest.model_copy(deep=True)
    saved.status = "interrupted"
    assert [e.status for e in saved.exercises] == ["completed", "not_started"]

    plan = build_plan(two_exercise_catalog(), History(), TODAY, routine_id="all")
    resumed_sink = MemorySink()
    resumed = SessionEngine(plan, clock, resumed_sink, record=saved)
    assert resumed_sink.latest.status == "in_progress"
    assert resumed_sink.latest.id == saved.id
    view = resumed.view()
    assert view is not None
    assert (view.exercise_id, view.rep_number, view.kind) == ("curls", 1, "rest")
    run_session(resumed, clock)
    record = resumed.record
    assert record.status == "completed"
    assert record.pain_before == 5
    assert [(e.status, e.reps_done) for e in record.exercises] == [
        ("completed", 3),
        ("completed", 2),
    ]


def test_a_pain_stop_mid_hold_records_where_and_flags_it() -> None:
    catalog = make_catalog(
        make_exercise(
            "lifts",
            sets=2,
            reps=3,
            sides="each_side",
            side_labels=["left", "right"],
            rest_between_sides=10,
            rest_between_sets=30,
        ),
        make_exercise("curls", reps=2),
    )
    engine, clock, sink = start(catalog)
    # set 1: 10 ready + 27 left + 10 turn + 27 right; 30 rest; set 2 left rep 2 hold at +11
    advance_to(engine, clock, 10 + 27 + 10 + 27 + 30 + 9 + 2 + 2.5)
    events = engine.pain_stop()
    assert kinds(events) == [EventKind.EXERCISE_STOPPED]
    assert engine.awaiting_pain_choice
    view = engine.view()
    assert view is not None and view.stopped_for_pain
    record = engine.record.exercises[0]
    assert record.status == "stopped_for_pain"
    position = record.stopped_at
    assert position is not None
    assert (position.set, position.side, position.rep, position.phase) == (2, "left", 2, 2)
    assert (position.phase_kind, position.phase_cue) == ("hold", "Hold it")
    assert position.seconds_into_phase == pytest.approx(2.5)
    assert [(s.set, s.side, s.reps_done, s.holds_done) for s in record.sets] == [
        (1, "left", 3, 3),
        (1, "right", 3, 3),
        (2, "left", 1, 1),
    ]
    assert sink.latest.exercises[0].status == "stopped_for_pain"
    assert sink.flags == []  # written once, when the user answers (with the pain then)
    stopped_at = clock.now()

    advance_to(engine, clock, 60)  # the user reads the advice: nothing moves
    view = engine.view()
    assert view is not None
    assert view.exercise_id == "lifts"
    assert view.seconds_remaining == pytest.approx(2.5)
    engine.continue_after_pain(7)
    (flag,) = sink.flags
    assert (flag.exercise_id, flag.pain, flag.session_id) == ("lifts", 7, engine.record.id)
    assert flag.stopped_at == position
    assert flag.flagged_at == stopped_at  # when the key was pressed, not the answer
    assert flag.local_date == date(2026, 11, 25)
    view = engine.view()
    assert view is not None
    assert view.exercise_id == "curls"
    run_session(engine, clock)
    assert engine.record.status == "completed"

    history = sink.history()
    replan = build_plan(catalog, history, TODAY, routine_id="all")
    assert [p.exercise.id for p in replan.exercises] == ["curls"]
    assert replan.left_out[0].reason == "flagged on 2026-11-25: made pain worse"
    history.flags[0].cleared_at = clock.now()
    cleared = build_plan(catalog, history, TODAY, routine_id="all")
    assert [p.exercise.id for p in cleared.exercises] == ["lifts", "curls"]


def test_a_pain_stop_then_end_early_ends_the_session() -> None:
    engine, clock, sink = start()
    advance_to(engine, clock, 5)
    engine.pain_stop()
    position = engine.record.exercises[0].stopped_at
    assert position is not None
    assert (position.phase_kind, position.seconds_into_phase) == ("rest", 5)
    engine.end_early(pain_after=6)
    assert (sink.latest.status, sink.latest.pain_after) == ("ended_early", 6)
    assert [e.status for e in sink.latest.exercises] == ["stopped_for_pain", "not_started"]
    (flag,) = sink.flags  # the pain given at the stop is on the flag and is the pain after
    assert (flag.pain, flag.stopped_at) == (6, position)


def test_finish_records_pain_after() -> None:
    engine, clock, sink = start()
    run_session(engine, clock)
    engine.finish(pain_after=2)
    assert (sink.latest.status, sink.latest.pain_after) == ("completed", 2)


def test_next_up_says_what_comes() -> None:
    catalog = make_catalog(
        make_exercise("lifts", reps=2, rest_between_reps=3), make_exercise("curls", reps=1)
    )
    engine, clock, _ = start(catalog)
    seen: list[str] = []
    while (view := engine.view()) is not None and view.exercise_id == "lifts":
        if not seen or seen[-1] != view.next_up:
            seen.append(view.next_up)
        clock.advance(0.25)
        engine.tick()
    assert seen == [
        "Rep 1 of 2",
        "Then: Hold it",
        "Then: Lower",
        "Rest 3 s",
        "Rep 2 of 2",
        "Then: Hold it",
        "Then: Lower",
        "Next: Curls",
    ]


def test_an_empty_plan_is_done_and_saves_nothing() -> None:
    plan = SessionPlan(routine_id="all", routine_name="All", exercises=())
    sink = MemorySink()
    engine = SessionEngine(plan, make_clock(), sink)
    assert engine.finished
    assert engine.view() is None
    assert sink.saved == []


def test_the_view_numbers_sets_sides_and_rests() -> None:
    sided = make_exercise(
        "lifts",
        sets=2,
        reps=2,
        sides="each_side",
        side_labels=["left leg", "right leg"],
        rest_between_sides=10,
        rest_between_sets=30,
    )
    engine, clock, _ = start(make_catalog(sided))
    view = engine.view()
    assert view is not None
    assert (view.kind, view.phase_number, view.cue) == ("rest", 0, "Get ready: Lie on your back.")
    advance_to(engine, clock, 10 + 18)  # both left reps done: turning over
    view = engine.view()
    assert view is not None
    assert (view.kind, view.cue) == ("rest", "Switch sides: right leg next")
    assert (view.set_number, view.side, view.side_number, view.side_count) == (
        1,
        "right leg",
        2,
        2,
    )
    advance_to(engine, clock, 10 + 17)  # the last phase of set 1
    view = engine.view()
    assert view is not None
    assert (view.rep_number, view.phase_number, view.phase_count) == (2, 3, 3)
    assert view.next_up == "Rest 30 s"
    advance_to(engine, clock, 1)
    view = engine.view()
    assert view is not None
    assert (view.kind, view.set_number, view.set_count) == ("rest", 2, 2)
    assert view.next_up == "Set 2 of 2, rep 1, left leg"


def test_pause_pressed_just_after_a_sleep_stays_paused() -> None:
    engine, clock, _ = start()
    advance_to(engine, clock, 13)
    clock.advance(600)
    engine.toggle_pause()
    assert engine.paused
    engine.toggle_pause()
    assert not engine.paused
    view = engine.view()
    assert view is not None
    assert view.seconds_remaining == pytest.approx(4)


def test_back_during_a_rest_changes_nothing() -> None:
    engine, clock, _ = start()
    advance_to(engine, clock, 4)
    engine.back()
    view = engine.view()
    assert view is not None
    assert view.kind == "rest"
    assert view.seconds_remaining == pytest.approx(6)


class BackwardsWallClock(FakeClock):
    """The wall clock is set back an hour after the start (monotonic time is not)."""

    def now(self) -> datetime:
        real = super().now()
        return real if self.monotonic() < 1005 else real - timedelta(hours=1)


def test_saves_never_go_back_in_time_when_the_wall_clock_does() -> None:
    plan = build_plan(two_exercise_catalog(), History(), TODAY, routine_id="all")
    clock, sink = BackwardsWallClock(make_clock().now()), MemorySink()
    engine = SessionEngine(plan, clock, sink)
    run_session(engine, clock)
    stamps = [r.updated_at for r in sink.saved]
    assert all(s is not None for s in stamps)
    assert stamps == sorted(stamps)  # type: ignore[type-var]
    assert stamps[-1] == sink.saved[0].updated_at


def test_a_pain_stop_pressed_by_mistake_goes_on_where_it_stopped() -> None:
    """w by mistake: the exercise goes on at the same step with the same time left, the
    stop is undone in the record, and the flag is kept only as withdrawn history."""
    engine, clock, sink = start()
    advance_to(engine, clock, 10 + 2 + 1.5)  # 1.5 s into the first hold
    before = engine.view()
    assert before is not None and before.kind == "hold"
    engine.pain_stop()
    advance_to(engine, clock, 40)  # the user reads the dialog: nothing moves
    engine.withdraw_pain_stop()
    after = engine.view()
    assert after is not None and not after.paused and not after.stopped_for_pain
    assert (after.kind, after.rep_number) == (before.kind, before.rep_number)
    assert after.seconds_remaining == pytest.approx(before.seconds_remaining)
    assert sink.latest.exercises[0].status == "not_started"  # under way again
    assert sink.latest.exercises[0].stopped_at is None
    (flag,) = sink.flags
    assert flag.withdrawn and not flag.active and flag.withdrawn_at is not None
    assert sink.history().active_flags() == {}
    run_session(engine, clock)
    assert engine.record.status == "completed"
    assert [e.status for e in engine.record.exercises] == ["completed", "completed"]

"""Every packaged routine, run to the end on the real content: the record matches each
exercise's dosage in the content, and the finish time does not depend on the tick rate."""

from __future__ import annotations

import pytest

from backcoach.core.content_models import Catalog, Exercise
from backcoach.core.engine import SessionEngine
from backcoach.core.history_models import ExerciseRecord, History
from backcoach.core.plan import build_plan
from backcoach.core.session_events import EventKind
from backcoach.core.timeline import CONFIRM_NOMINAL_SECONDS, exercise_steps
from engine_helpers import TODAY, MemorySink, kinds, make_clock, real_catalog, run_session

ROUTINES = ["daily", "stretches", "strength"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return real_catalog()


def expected_reps(exercise: Exercise) -> int:
    """On a first day: the progression's start, else the content's (default) reps."""
    if exercise.progression is not None:
        return int(exercise.progression.start_reps.default)
    return int(exercise.dosage.reps.default)


def check_dosage(exercise: Exercise, done: ExerciseRecord) -> None:
    dosage = exercise.dosage
    sets = int(dosage.sets.default)
    sides: list[str | None] = [None] if dosage.side_labels is None else list(dosage.side_labels)
    reps = expected_reps(exercise)
    assert done.status == "completed", exercise.id
    assert [(s.set, s.side) for s in done.sets] == [
        (n, side) for n in range(1, sets + 1) for side in sides
    ], exercise.id
    for part in done.sets:
        assert part.reps_done == reps, (exercise.id, part)
        assert part.holds_done == reps * exercise.holds_per_rep, (exercise.id, part)
    assert (done.planned_sets, done.planned_reps) == (sets, reps)


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_routine_runs_to_the_end_with_each_dosage(catalog: Catalog, routine_id: str) -> None:
    routine = catalog.routines[routine_id]
    plan = build_plan(catalog, History(), TODAY, routine_id=routine_id)
    clock, sink = make_clock(), MemorySink()
    engine = SessionEngine(plan, clock, sink)
    events = run_session(engine, clock, hz=15)

    record = sink.latest
    assert record.status == "completed"
    assert record.target_per_day == routine.target_per_day
    assert [e.exercise_id for e in record.exercises] == routine.exercises
    for done in record.exercises:
        check_dosage(catalog.exercises[done.exercise_id], done)
    assert kinds(events).count(EventKind.EXERCISE_DONE) == len(routine.exercises)
    holds = sum(
        catalog.exercises[e.exercise_id].holds_per_rep * e.reps_done for e in record.exercises
    )
    assert kinds(events).count(EventKind.HOLD_ENDED) == holds
    # one save at the start, one per exercise, one at the end
    assert len(sink.saved) == len(routine.exercises) + 2


def test_daily_routine_ends_at_the_same_time_at_1_15_and_60_ticks_a_second(
    catalog: Catalog,
) -> None:
    plan = build_plan(catalog, History(), TODAY, routine_id="daily")
    took: dict[int, float] = {}
    for hz in (1, 15, 60):
        clock = make_clock()
        engine = SessionEngine(plan, clock, MemorySink())
        began = clock.monotonic()
        run_session(engine, clock, hz=hz)
        took[hz] = clock.monotonic() - began
    # run_session confirms self-paced steps at once; the estimate counts them as nominal
    confirms = sum(
        1 for p in plan.exercises for step in exercise_steps(p, 0) if step.seconds is None
    )
    expected = plan.estimated_seconds - confirms * CONFIRM_NOMINAL_SECONDS
    assert expected > 20 * 60, "a routine of real length"
    for hz, seconds in took.items():
        assert expected - 1e-6 <= seconds <= expected + 1 / hz + 1e-6
    assert max(took.values()) - min(took.values()) <= 1.0  # one tick at the slowest rate

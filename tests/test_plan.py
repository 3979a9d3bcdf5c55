"""The plan: numbers fixed from the content, flagged exercises left out, durations estimated."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from backcoach.core.content_models import Routine
from backcoach.core.history_models import Flag, History, ProgressionState
from backcoach.core.plan import PlanError, SessionPlan, build_plan, plan_exercise
from backcoach.core.planned_exercise import (
    GET_READY_NEW_POSITION_SECONDS,
    GET_READY_SECONDS,
    HANDS_FREE_STEP_SECONDS,
)
from backcoach.core.timeline import CONFIRM_NOMINAL_SECONDS, exercise_steps
from engine_helpers import (
    TODAY,
    hold_phases,
    load_exercise_file,
    make_catalog,
    make_exercise,
    real_catalog,
)


def flag(exercise_id: str, day: date = date(2026, 11, 20), cleared: bool = False) -> Flag:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return Flag(
        exercise_id=exercise_id,
        exercise_name=exercise_id.capitalize(),
        flagged_at=at,
        local_date=day,
        cleared_at=at if cleared else None,
    )


def test_bridges_plan_takes_the_content_numbers() -> None:
    bridges = load_exercise_file("bridges")
    plan = build_plan(make_catalog(bridges), History(), TODAY, exercise_id="bridges")
    (planned,) = plan.exercises
    assert (planned.sets, planned.reps, planned.sides, planned.alternating) == (
        3,
        15,
        (None,),
        False,
    )
    assert planned.rest_between_sets_s == 60
    assert planned.rest_between_reps_s == 3
    assert [p.kind for p in planned.phases] == ["move", "move", "move", "move"]
    # get ready (the first exercise: into position from the keyboard), 3 sets of 15 reps
    # of 6 s, 3 s between reps, 60 s between sets
    ready = GET_READY_NEW_POSITION_SECONDS
    assert planned.estimated_seconds == ready + 3 * (15 * 6 + 14 * 3) + 2 * 60
    assert plan.estimated_seconds == planned.estimated_seconds
    assert plan.routine_name == "Bridges"


def test_a_range_uses_the_content_default() -> None:
    stretch = make_exercise("stretch", reps={"low": 2, "high": 3, "default": 2})
    plan = build_plan(make_catalog(stretch), History(), TODAY, routine_id="all")
    assert plan.exercises[0].reps == 2


def test_the_estimate_is_the_sum_of_the_steps_with_a_nominal_confirm() -> None:
    rep = [*hold_phases(), {"kind": "confirm", "cue": "Ready?"}]
    exercise = make_exercise(
        "mixed",
        rep=rep,
        sets=2,
        reps=4,
        sides="each_side",
        side_labels=["left", "right"],
        rest_between_reps=3,
        rest_between_sides=10,
        rest_between_sets=30,
    )
    planned = plan_exercise(exercise, reps=4)
    steps = exercise_steps(planned, 0)
    per_rep = 2 + 5 + 2 + CONFIRM_NOMINAL_SECONDS
    per_side = 4 * per_rep + 3 * 3
    assert planned.estimated_seconds == GET_READY_SECONDS + 2 * (2 * per_side + 10) + 30
    assert planned.estimated_seconds == sum(s.nominal_seconds for s in steps)


def test_each_side_does_every_rep_on_one_side_then_the_other() -> None:
    exercise = make_exercise(
        "sided",
        sets=2,
        reps=2,
        sides="each_side",
        side_labels=["left", "right"],
        rest_between_sides=10,
        rest_between_sets=30,
    )
    steps = exercise_steps(plan_exercise(exercise, reps=2), 0)
    first_phases = [(s.set_number, s.side, s.rep_number) for s in steps if s.phase_index == 0]
    assert first_phases == [
        (1, "left", 1),
        (1, "left", 2),
        (1, "right", 1),
        (1, "right", 2),
        (2, "left", 1),
        (2, "left", 2),
        (2, "right", 1),
        (2, "right", 2),
    ]
    rests = [(s.rest_reason, s.seconds) for s in steps if s.is_rest]
    assert rests == [("ready", GET_READY_SECONDS), ("sides", 10), ("sets", 30), ("sides", 10)]


def test_alternating_does_each_rep_on_side_a_then_side_b() -> None:
    exercise = make_exercise(
        "alternating", reps=3, sides="alternating", side_labels=["left leg", "right leg"]
    )
    steps = exercise_steps(plan_exercise(exercise, reps=3), 0)
    order = [(s.rep_number, s.side) for s in steps if s.phase_index == 0]
    assert order == [(r, side) for r in (1, 2, 3) for side in ("left leg", "right leg")]
    assert sum(1 for s in steps if s.kind == "hold") == 6


def test_a_rest_of_zero_is_no_step_at_all() -> None:
    exercise = make_exercise("quick", reps=3, rest_between_reps=0)
    steps = exercise_steps(plan_exercise(exercise, reps=3), 0)
    assert [s.rest_reason for s in steps if s.is_rest] == ["ready"]


def test_flagged_exercises_are_left_out_with_the_reason() -> None:
    catalog = make_catalog(make_exercise("one"), make_exercise("two"), make_exercise("three"))
    history = History(flags=[flag("two")])
    plan = build_plan(catalog, history, TODAY, routine_id="all")
    assert [p.exercise.id for p in plan.exercises] == ["one", "three"]
    assert len(plan.left_out) == 1
    assert plan.left_out[0].exercise_id == "two"
    assert plan.left_out[0].reason == "flagged on 2026-11-20: made pain worse"


def test_a_cleared_flag_brings_the_exercise_back() -> None:
    catalog = make_catalog(make_exercise("one"), make_exercise("two"))
    history = History(flags=[flag("two", cleared=True)])
    plan = build_plan(catalog, history, TODAY, routine_id="all")
    assert [p.exercise.id for p in plan.exercises] == ["one", "two"]
    assert plan.left_out == ()


def test_a_single_flagged_exercise_gives_an_empty_plan_that_says_why() -> None:
    catalog = make_catalog(make_exercise("one"))
    plan = build_plan(catalog, History(flags=[flag("one")]), TODAY, exercise_id="one")
    assert plan.exercises == ()
    assert [x.exercise_id for x in plan.left_out] == ["one"]


def test_progression_sets_the_reps() -> None:
    tilt = make_exercise(
        "pelvic-tilt",
        reps=10,
        progression={"start_reps": 10, "step_per_day": 1, "max_reps": 30},
    )
    state = ProgressionState(exercise_id="pelvic-tilt", reps=17, last_done_on=date(2026, 11, 24))
    history = History(progression={"pelvic-tilt": state})
    plan = build_plan(make_catalog(tilt), history, TODAY, exercise_id="pelvic-tilt")
    assert plan.exercises[0].reps == 18


def test_routine_target_per_day_is_carried() -> None:
    catalog = make_catalog(make_exercise("one"))
    assert build_plan(catalog, History(), TODAY, routine_id="all").target_per_day == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"routine_id": "nope"}, "no routine 'nope'"),
        ({"exercise_id": "nope"}, "no exercise 'nope'"),
        ({}, "either a routine or an exercise"),
        ({"routine_id": "all", "exercise_id": "one"}, "either a routine or an exercise"),
    ],
)
def test_asking_for_what_is_not_there_says_so(kwargs: dict[str, str], message: str) -> None:
    catalog = make_catalog(make_exercise("one"))
    with pytest.raises(PlanError, match=message):
        build_plan(
            catalog,
            History(),
            TODAY,
            routine_id=kwargs.get("routine_id"),
            exercise_id=kwargs.get("exercise_id"),
        )


def test_an_unknown_exercise_in_a_routine_is_left_out_with_a_did_you_mean() -> None:
    """The loader drops such routines, but a catalog built otherwise must still say it."""
    routine = Routine(
        id="mine", name="Mine", description="Mine.", exercises=["cat-stretch", "cat-strech"]
    )
    catalog = make_catalog(make_exercise("cat-stretch"), routines=[routine])
    plan = build_plan(catalog, History(), TODAY, routine_id="mine")
    assert [p.exercise.id for p in plan.exercises] == ["cat-stretch"]
    (left_out,) = plan.left_out
    assert left_out.exercise_id == "cat-strech"
    assert left_out.reason == ("not found in the exercise content (did you mean 'cat-stretch'?)")


def test_the_get_ready_is_longer_where_the_start_position_changes() -> None:
    """The stretches go back, back, all fours, chair: the first get-ready (from the
    keyboard to the floor) and each change of position get the longer app default."""
    plan = build_plan(real_catalog(), History(), TODAY, routine_id="stretches")
    got = [(p.exercise.id, p.get_ready_s, p.new_position) for p in plan.exercises]
    new, same = GET_READY_NEW_POSITION_SECONDS, GET_READY_SECONDS
    assert got == [
        ("knee-to-chest", new, True),
        ("lower-back-rotation", same, False),
        ("cat-stretch", new, True),
        ("seated-rotation", new, True),
    ]
    assert new > same
    first = exercise_steps(plan.exercises[0], 0)[0]
    assert (first.rest_reason, first.seconds) == ("ready", new)


def test_an_exercise_whose_position_is_not_sorted_keeps_the_usual_get_ready() -> None:
    plan = build_plan(make_catalog(make_exercise()), History(), TODAY, exercise_id="lifts")
    assert (plan.exercises[0].get_ready_s, plan.exercises[0].new_position) == (
        GET_READY_SECONDS,
        False,
    )


def test_hands_free_gives_steps_done_at_your_own_pace_a_tempo() -> None:
    rep: list[dict[str, Any]] = [
        {"kind": "confirm", "cue": "Settle in"},
        {"kind": "hold", "cue": "Hold it", "seconds": 5},
    ]
    catalog = make_catalog(make_exercise(rep=rep))
    waits = build_plan(catalog, History(), TODAY, exercise_id="lifts")
    runs = build_plan(catalog, History(), TODAY, exercise_id="lifts", hands_free=True)

    def confirm_seconds(plan_: SessionPlan) -> list[float | None]:
        planned = plan_.exercises[0]
        return [s.seconds for s in exercise_steps(planned, 0) if s.kind == "confirm"]

    assert confirm_seconds(waits) == [None, None, None]
    assert confirm_seconds(runs) == [HANDS_FREE_STEP_SECONDS] * 3
    assert runs.exercises[0].estimated_seconds - waits.exercises[0].estimated_seconds == (
        3 * (HANDS_FREE_STEP_SECONDS - CONFIRM_NOMINAL_SECONDS)
    )

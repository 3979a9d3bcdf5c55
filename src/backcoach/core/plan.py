"""Turn a routine, the content, the flags and progression into a concrete session plan.

A plan fixes every number before the session starts (ranges become the content's
default, the pelvic tilt's reps come from its progression), so the engine only follows
it and the session screen can show the whole session's length up front.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from backcoach.core.content_models import Amount, Catalog, Exercise
from backcoach.core.history_models import History
from backcoach.core.planned_exercise import (
    GET_READY_NEW_POSITION_SECONDS,
    HANDS_FREE_STEP_SECONDS,
    PlannedExercise,
)
from backcoach.core.progression import reps_for_today
from backcoach.core.timeline import exercise_steps
from backcoach.core.wording import did_you_mean


@dataclass(frozen=True)
class LeftOut:
    """An exercise of the routine that this session will not do."""

    exercise_id: str
    exercise_name: str
    reason: str  # "flagged on 2026-11-20: made pain worse"


@dataclass(frozen=True)
class SessionPlan:
    """What a session will do, and what it leaves out (and why)."""

    routine_id: str | None
    routine_name: str
    exercises: tuple[PlannedExercise, ...]
    left_out: tuple[LeftOut, ...] = field(default_factory=tuple)
    target_per_day: int = 1  # the routine's times a day, for the session record

    @property
    def estimated_seconds(self) -> float:
        return sum(e.estimated_seconds for e in self.exercises)

    def nothing_to_do(self) -> str:
        """Why a plan with no exercises cannot start: each one left out, and why."""
        reasons = "; ".join(f"{item.exercise_name}: {item.reason}" for item in self.left_out)
        return f"Nothing to do in {self.routine_name}. {reasons}".strip()


class PlanError(ValueError):
    """The plan was asked for something the content does not have."""


def build_plan(
    catalog: Catalog,
    history: History,
    today: date,
    *,
    routine_id: str | None = None,
    exercise_id: str | None = None,
    hands_free: bool = False,
) -> SessionPlan:
    """A plan for one routine or one exercise; flagged exercises are left out (and said).

    Give exactly one of ``routine_id`` and ``exercise_id``; an unknown id raises
    ``PlanError`` naming it. ``hands_free``: steps done at your own pace get a tempo.
    """
    if (routine_id is None) == (exercise_id is None):
        raise PlanError("give either a routine or an exercise to plan")
    if routine_id is not None:
        routine = catalog.routines.get(routine_id)
        if routine is None:
            raise PlanError(f"there is no routine '{routine_id}' in the content")
        ids, name, target = list(routine.exercises), routine.name, routine.target_per_day
    else:
        assert exercise_id is not None
        single = catalog.exercises.get(exercise_id)
        if single is None:
            raise PlanError(f"there is no exercise '{exercise_id}' in the content")
        ids, name, target = [exercise_id], single.name, 1

    flags = history.active_flags()
    planned: list[PlannedExercise] = []
    left_out: list[LeftOut] = []
    for wanted in ids:
        exercise = catalog.exercises.get(wanted)
        if exercise is None:
            reason = "not found in the exercise content" + did_you_mean(wanted, catalog.exercises)
            left_out.append(LeftOut(wanted, wanted, reason))
        elif wanted in flags:
            day = flags[wanted].local_date.isoformat()
            left_out.append(LeftOut(wanted, exercise.name, f"flagged on {day}: made pain worse"))
        else:
            planned.append(
                plan_exercise(exercise, reps_for_today(exercise, history, today), hands_free)
            )
    return SessionPlan(
        routine_id=routine_id,
        routine_name=name,
        exercises=with_get_ready_times(planned),
        left_out=tuple(left_out),
        target_per_day=target,
    )


def with_progression_held(plan: SessionPlan, history: History, today: date) -> SessionPlan:
    """The plan with every progressing exercise kept at its level before today: the pain
    before rose since the last session day, so progression does not advance today."""
    held: list[PlannedExercise] = []
    for item in plan.exercises:
        exercise = item.exercise
        reps = reps_for_today(exercise, history, today, held=True)
        if exercise.progression is None or reps == item.reps:
            held.append(item)
        else:
            held.append(plan_exercise(exercise, reps, hands_free=item.own_pace_s is not None))
    return replace(plan, exercises=with_get_ready_times(held))


def with_get_ready_times(planned: list[PlannedExercise]) -> tuple[PlannedExercise, ...]:
    """A longer get-ready where the start position changes from the exercise before (or
    for the first one, when the user comes from the keyboard); an exercise whose position
    is not sorted keeps the usual one."""
    result: list[PlannedExercise] = []
    before: str | None = None
    for index, item in enumerate(planned):
        position = item.exercise.position
        changed = position is not None and (index == 0 or position != before)
        if changed:
            item = replace(item, get_ready_s=GET_READY_NEW_POSITION_SECONDS, new_position=True)
            item = replace(item, estimated_seconds=estimate_seconds(item))
        result.append(item)
        before = position
    return tuple(result)


def plan_exercise(exercise: Exercise, reps: int, hands_free: bool = False) -> PlannedExercise:
    """One exercise's numbers, with its estimated duration worked out from its steps."""
    dosage = exercise.dosage
    sides: tuple[str | None, ...] = (None,) if dosage.side_labels is None else dosage.side_labels
    draft = PlannedExercise(
        exercise=exercise,
        sets=int(dosage.sets.default),
        reps=reps,
        sides=sides,
        alternating=dosage.sides == "alternating",
        phases=tuple(exercise.rep),
        rest_between_reps_s=_seconds(dosage.rest_between_reps),
        rest_between_sides_s=_seconds(dosage.rest_between_sides),
        rest_between_sets_s=_seconds(dosage.rest_between_sets),
        estimated_seconds=0.0,
        own_pace_s=HANDS_FREE_STEP_SECONDS if hands_free else None,
    )
    return replace(draft, estimated_seconds=estimate_seconds(draft))


def estimate_seconds(planned: PlannedExercise) -> float:
    """Seconds the exercise takes as planned: every timed step at its planned length,
    and each step the user confirms at a nominal ``CONFIRM_NOMINAL_SECONDS``."""
    return sum(step.nominal_seconds for step in exercise_steps(planned, 0))


def _seconds(amount: Amount | None) -> float:
    """A rest the content does not give is no rest at all."""
    return 0.0 if amount is None else float(amount.default)

"""Today's figures for each exercise (reps, estimated time), from the core's planner.

Flagged exercises are planned as if unflagged so their time can still be shown; the
flag itself is shown beside them and the planner still leaves them out of sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backcoach.core.content_models import Exercise
from backcoach.core.history_models import Flag
from backcoach.core.plan import build_plan

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp


@dataclass(frozen=True)
class ExerciseRow:
    """One exercise with today's plan (reps, time) and its active flag, if any."""

    exercise: Exercise
    reps: int | None
    estimated_seconds: float | None
    flag: Flag | None


def today_figures(app: BackcoachApp) -> list[ExerciseRow]:
    catalog = app.services.content.catalog
    today = app.services.clock.now().date()
    flags = app.history.active_flags()
    unflagged = app.history.model_copy(update={"flags": []})
    rows = []
    for exercise in catalog.ordered_exercises():
        plan = build_plan(catalog, unflagged, today, exercise_id=exercise.id)
        planned = plan.exercises[0] if plan.exercises else None
        rows.append(
            ExerciseRow(
                exercise=exercise,
                reps=planned.reps if planned else None,
                estimated_seconds=planned.estimated_seconds if planned else None,
                flag=flags.get(exercise.id),
            )
        )
    return rows

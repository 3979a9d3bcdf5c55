"""One exercise of a session with every number fixed: what the timeline unrolls.

Its own module so the planner (which builds it) and the timeline (which unrolls it)
both depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.content_models import Exercise, Phase

# Time to get into the start position before an exercise's first rep. It is shown as a
# rest the user can cut short with "next", so it never holds anyone up.
GET_READY_SECONDS = 10.0


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise with every number fixed. ``estimated_seconds`` adds up its steps,
    counting each step the user confirms at a nominal few seconds
    (``timeline.CONFIRM_NOMINAL_SECONDS``), since it has no planned length."""

    exercise: Exercise
    sets: int
    reps: int
    sides: tuple[str | None, ...]  # (None,) when the exercise has no sides
    alternating: bool  # each rep does side A then side B (knee-to-chest)
    phases: tuple[Phase, ...]
    rest_between_reps_s: float
    rest_between_sides_s: float
    rest_between_sets_s: float
    estimated_seconds: float
    get_ready_s: float = GET_READY_SECONDS

    @property
    def side_count(self) -> int:
        return len(self.sides)

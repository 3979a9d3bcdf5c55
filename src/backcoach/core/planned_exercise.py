"""One exercise of a session with every number fixed: what the timeline unrolls.

Its own module so the planner (which builds it) and the timeline (which unrolls it)
both depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.content_models import Exercise, Phase

# Time to get into the start position before an exercise's first rep (app defaults, not
# the source's). It is shown as a rest the user can cut short with "next", so it never
# holds anyone up. Getting into a new position (from the keyboard to the floor, from
# lying down to all fours or to a chair) takes longer than starting again where you are.
GET_READY_SECONDS = 10.0
GET_READY_NEW_POSITION_SECONDS = 20.0
# Hands-free: a step the user would confirm at their own pace runs this long instead
# (an app default), so no step waits for a key.
HANDS_FREE_STEP_SECONDS = 5.0


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
    new_position: bool = False  # its start position differs from the exercise before
    own_pace_s: float | None = None  # hands-free: the tempo of steps done at your own pace

    @property
    def side_count(self) -> int:
        return len(self.sides)

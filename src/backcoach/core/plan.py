"""Turn a routine, the content, the flags and progression into a concrete session plan.

CONTRACT (stub, to be implemented).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backcoach.core.content_models import Catalog, Exercise, Phase
from backcoach.core.history_models import History


@dataclass(frozen=True)
class PlannedExercise:
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


@dataclass(frozen=True)
class LeftOut:
    exercise_id: str
    exercise_name: str
    reason: str  # "flagged on 2026-11-20: made pain worse"


@dataclass(frozen=True)
class SessionPlan:
    routine_id: str | None
    routine_name: str
    exercises: tuple[PlannedExercise, ...]
    left_out: tuple[LeftOut, ...] = field(default_factory=tuple)

    @property
    def estimated_seconds(self) -> float:
        return sum(e.estimated_seconds for e in self.exercises)


def build_plan(
    catalog: Catalog,
    history: History,
    today: date,
    *,
    routine_id: str | None = None,
    exercise_id: str | None = None,
) -> SessionPlan:
    """A plan for one routine or one exercise; flagged exercises are left out (and said)."""
    raise NotImplementedError

"""Where the current step sits among its neighbours, for labels the view alone cannot give.

The engine's ``StepView`` says what to draw now; whether a rest is the get-ready pause,
or whether the side is about to change, depends on the steps around it. The screen
unrolls the current exercise with the same ``core.timeline`` the engine uses and finds
the step by its position (set, side, rep, phase), which is unique within an exercise.
"""

from __future__ import annotations

from backcoach.core.engine import StepView
from backcoach.core.plan import SessionPlan
from backcoach.core.timeline import Step, exercise_steps

StepKey = tuple[int, int, int, int | None]


def _key(step: Step) -> StepKey:
    return (step.set_number, step.side_index, step.rep_number, step.phase_index)


def _view_key(view: StepView) -> StepKey:
    phase = None if view.phase_number == 0 else view.phase_number - 1
    return (view.set_number, view.side_number - 1, view.rep_number, phase)


class StepFinder:
    """Finds the current step of ``plan`` (one exercise unrolled at a time, cached)."""

    def __init__(self, plan: SessionPlan) -> None:
        self._plan = plan
        self._exercise: int | None = None
        self._steps: tuple[Step, ...] = ()
        self._index: dict[StepKey, int] = {}

    def _load(self, view: StepView) -> bool:
        exercise = view.exercise_index - 1
        if exercise != self._exercise:
            self._exercise = exercise
            plans = self._plan.exercises
            fits = 0 <= exercise < len(plans) and plans[exercise].exercise.id == view.exercise_id
            self._steps = exercise_steps(plans[exercise], exercise) if fits else ()
            self._index = {_key(step): pos for pos, step in enumerate(self._steps)}
        return bool(self._steps)

    def position(self, view: StepView) -> int | None:
        if not self._load(view):
            return None
        return self._index.get(_view_key(view))

    def is_get_ready(self, view: StepView) -> bool:
        pos = self.position(view)
        return pos is not None and self._steps[pos].rest_reason == "ready"

    def rest_reason(self, view: StepView) -> str | None:
        """Why the current step is a rest ("ready", "reps", "sides", "sets"), else None."""
        pos = self.position(view)
        return None if pos is None else self._steps[pos].rest_reason

    def switch_sides_text(self, view: StepView) -> str:
        """A banner while the side changes: the step before, the rest between, the first
        step on the new side; "" otherwise."""
        pos = self.position(view)
        if pos is None or view.side_count < 2:
            return ""
        steps = self._steps
        current = steps[pos]
        worked = next((s.side_index for s in reversed(steps[:pos]) if not s.is_rest), None)
        if worked is None:
            return ""
        if current.is_rest:
            coming = next((s for s in steps[pos + 1 :] if not s.is_rest), None)
            if coming is not None and coming.side_index != worked:
                return f"⇄ Switch sides: {coming.side}"
            return ""
        if current.side_index != worked:
            return f"⇄ Switch sides: {current.side}"
        following = steps[pos + 1] if pos + 1 < len(steps) else None
        if (
            following is not None
            and not following.is_rest
            and following.side_index != current.side_index
        ):
            return f"⇄ Next: switch sides to {following.side}"
        return ""

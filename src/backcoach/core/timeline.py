"""A planned exercise unrolled into the flat list of steps the engine walks through.

Every rep phase and every rest becomes one ``Step`` that knows where it sits (set, side,
rep, phase), so the engine needs no nested loops: it moves an index and reads positions
off the steps. A rest carries the position of the rep that follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from backcoach.core.content_models import Phase
from backcoach.core.planned_exercise import PlannedExercise

StepKind = Literal["move", "hold", "breathe", "relax", "confirm", "rest"]
RestReason = Literal["ready", "reps", "sides", "sets"]

# A step the user confirms has no planned length; estimates count it at this many seconds.
CONFIRM_NOMINAL_SECONDS = 3.0


@dataclass(frozen=True)
class Step:
    exercise_index: int  # 0-based, within the session
    set_number: int  # 1-based
    side_index: int  # 0 or 1
    side: str | None
    rep_number: int  # 1-based
    phase_index: int | None  # 0-based within the rep; None for a rest
    kind: StepKind
    cue: str
    breath: Literal["in", "out"] | None = None
    instruction_step: int | None = None
    seconds: float | None = None  # None: waits for the user to confirm
    rest_reason: RestReason | None = None

    @property
    def is_rest(self) -> bool:
        return self.kind == "rest"

    @property
    def nominal_seconds(self) -> float:
        return CONFIRM_NOMINAL_SECONDS if self.seconds is None else self.seconds


def exercise_steps(planned: PlannedExercise, exercise_index: int) -> tuple[Step, ...]:
    """All steps of one exercise, in order: get ready, then sets, sides, reps and rests.

    ``each_side``: per set, every rep on side A, a rest to turn over, every rep on side B.
    ``alternating``: each rep does its phases on side A, then on side B.
    Rests of zero seconds are left out.
    """
    builder = _Builder(planned, exercise_index)
    if planned.get_ready_s > 0:
        start = planned.exercise.start_position
        builder.rest("ready", 1, 0, 1, planned.get_ready_s, f"Get ready: {start}")
    for set_number in range(1, planned.sets + 1):
        if set_number > 1:
            builder.rest(
                "sets",
                set_number,
                0,
                1,
                planned.rest_between_sets_s,
                f"Rest before set {set_number} of {planned.sets}",
            )
        if planned.alternating:
            builder.alternating_set(set_number)
        else:
            builder.one_side_at_a_time_set(set_number)
    return tuple(builder.steps)


class _Builder:
    def __init__(self, planned: PlannedExercise, exercise_index: int) -> None:
        self.planned = planned
        self.exercise_index = exercise_index
        self.steps: list[Step] = []

    def one_side_at_a_time_set(self, set_number: int) -> None:
        planned = self.planned
        for side_index in range(planned.side_count):
            if side_index > 0:
                self.switch_sides(set_number, side_index, 1)
            for rep in range(1, planned.reps + 1):
                if rep > 1:
                    self.rest_between_reps(set_number, side_index, rep)
                self.rep_phases(set_number, side_index, rep)

    def alternating_set(self, set_number: int) -> None:
        for rep in range(1, self.planned.reps + 1):
            if rep > 1:
                self.rest_between_reps(set_number, 0, rep)
            self.rep_phases(set_number, 0, rep)
            self.switch_sides(set_number, 1, rep)
            self.rep_phases(set_number, 1, rep)

    def rest_between_reps(self, set_number: int, side_index: int, rep: int) -> None:
        self.rest("reps", set_number, side_index, rep, self.planned.rest_between_reps_s, "Rest")

    def switch_sides(self, set_number: int, side_index: int, rep: int) -> None:
        side = self.planned.sides[side_index]
        cue = f"Switch sides: {side} next"
        self.rest("sides", set_number, side_index, rep, self.planned.rest_between_sides_s, cue)

    def rest(
        self,
        reason: RestReason,
        set_number: int,
        side_index: int,
        rep: int,
        seconds: float,
        cue: str,
    ) -> None:
        if seconds <= 0:
            return
        self.add(
            set_number, side_index, rep, None, kind="rest", cue=cue, seconds=seconds,
            rest_reason=reason,
        )  # fmt: skip

    def rep_phases(self, set_number: int, side_index: int, rep: int) -> None:
        for index, phase in enumerate(self.planned.phases):
            self.add(
                set_number, side_index, rep, index, kind=phase.kind, cue=phase.cue,
                breath=phase.breath, instruction_step=phase.step,
                seconds=self.phase_seconds(phase),
            )  # fmt: skip

    def phase_seconds(self, phase: Phase) -> float | None:
        """A phase's planned length; a confirmed step has none, except hands-free."""
        if phase.seconds is not None:
            return float(phase.seconds.default)
        return self.planned.own_pace_s

    def add(
        self,
        set_number: int,
        side_index: int,
        rep: int,
        phase_index: int | None,
        *,
        kind: StepKind,
        cue: str,
        seconds: float | None,
        breath: Literal["in", "out"] | None = None,
        instruction_step: int | None = None,
        rest_reason: RestReason | None = None,
    ) -> None:
        """Append one step at this position (the one place a ``Step`` is built)."""
        self.steps.append(
            Step(
                exercise_index=self.exercise_index,
                set_number=set_number,
                side_index=side_index,
                side=self.planned.sides[side_index],
                rep_number=rep,
                phase_index=phase_index,
                kind=kind,
                cue=cue,
                breath=breath,
                instruction_step=instruction_step,
                seconds=seconds,
                rest_reason=rest_reason,
            )
        )

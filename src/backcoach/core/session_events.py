"""What the engine tells a front end: the events it can cue on, and the step to draw.

Plain data, kept apart from the engine so a front end (or a test) can read the shapes
without the machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from backcoach.core.history_models import ExerciseStatus
from backcoach.core.timeline import RestReason, StepKind

__all__ = ["Event", "EventKind", "StepKind", "StepView"]


class EventKind(StrEnum):
    HOLD_STARTED = "hold_started"
    HOLD_ENDED = "hold_ended"
    REST_STARTED = "rest_started"
    REST_ENDED = "rest_ended"
    SWITCH_SIDES = "switch_sides"
    SET_DONE = "set_done"
    EXERCISE_DONE = "exercise_done"
    EXERCISE_STOPPED = "exercise_stopped"  # skipped or stopped for pain
    SESSION_DONE = "session_done"
    AUTO_PAUSED = "auto_paused"  # a gap far longer than a frame: the machine slept


@dataclass(frozen=True)
class Event:
    kind: EventKind
    exercise_id: str | None = None
    message: str = ""
    status: ExerciseStatus | None = None  # how an exercise ended (done, skipped, pain)


@dataclass(frozen=True)
class StepView:
    """Everything the session screen draws, computed from timestamps.

    During a rest, set, side and rep are those of the rep that follows it, and
    ``phase_number`` is 0. It carries what the screen needs from the steps around the
    current one (why a rest is there, the switch-sides banner), so a front end never
    unrolls the timeline itself.
    """

    exercise_id: str
    exercise_name: str
    exercise_index: int  # 1-based, within the session
    exercise_count: int
    instruction_step: int | None  # 1-based numbered step to highlight
    set_number: int
    set_count: int
    side: str | None
    side_number: int  # 1 or 2 (1 when no sides)
    side_count: int
    rep_number: int
    rep_count: int
    phase_number: int
    phase_count: int
    kind: StepKind
    cue: str
    breath: Literal["in", "out"] | None
    timed: bool  # False for a step the user confirms
    seconds_total: float
    seconds_remaining: float
    fraction_done: float  # 0.0 .. 1.0
    paused: bool
    next_up: str  # "Rep 3 of 15", "Rest 60 s", "Next: Cat stretch", ...
    rest_reason: RestReason | None = None  # why this step is a rest; None for a rep phase
    switch_sides: str = ""  # "⇄ Switch sides: right" around a change of side, else ""
    stopped_for_pain: bool = False  # stopped by the pain key, waiting for the user's choice
    # Counts the steps entered: it changes whenever a step (re)starts, even when "back"
    # starts the same rep phase again, so a front end can tell a new step from a redraw.
    step_serial: int = 0

    @property
    def get_ready(self) -> bool:
        """The pause before an exercise's first rep, to get into the start position."""
        return self.rest_reason == "ready"

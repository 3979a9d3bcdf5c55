"""The session engine: turns a plan into a clock-driven, step-by-step coach.

CONTRACT (stub, to be implemented). The TUI only draws ``engine.view()`` and forwards
keys to the control methods; it never keeps time itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from backcoach.clock import Clock
from backcoach.core.history_models import Flag, PainScore, SessionRecord
from backcoach.core.plan import SessionPlan


class SessionSink(Protocol):
    """Where the engine hands what must be kept (the store, or a list in a test)."""

    def save_session(self, record: SessionRecord) -> object: ...

    def add_flag(self, flag: Flag) -> object: ...


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


StepKind = Literal["move", "hold", "breathe", "relax", "confirm", "rest"]


@dataclass(frozen=True)
class StepView:
    """Everything the session screen draws, computed from timestamps."""

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


class SessionEngine:
    """Runs a ``SessionPlan`` against a ``Clock``; hands records to ``sink`` as it goes
    (after every exercise and at a pain stop)."""

    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        sink: SessionSink,
        *,
        pain_before: PainScore | None = None,
        record: SessionRecord | None = None,  # resume this in-progress record
    ) -> None:
        raise NotImplementedError

    @property
    def record(self) -> SessionRecord:
        raise NotImplementedError

    @property
    def finished(self) -> bool:
        raise NotImplementedError

    def view(self) -> StepView | None:
        """The current step, or None once the session is over."""
        raise NotImplementedError

    def tick(self) -> list[Event]:
        """Advance by the clock; call it at any rate (1-60 Hz). Returns what happened."""
        raise NotImplementedError

    def toggle_pause(self) -> None:
        raise NotImplementedError

    def next(self) -> list[Event]:
        """Confirm a self-paced step, or cut a rest short."""
        raise NotImplementedError

    def back(self) -> None:
        """Redo the current rep from its first phase."""
        raise NotImplementedError

    def skip_exercise(self) -> list[Event]:
        raise NotImplementedError

    def pain_stop(self, pain_now: PainScore | None = None) -> list[Event]:
        """Stop the exercise at once, record exactly where, flag it (through ``sink``).

        The engine then waits: call ``continue_after_pain()`` or ``end_early()``.
        """
        raise NotImplementedError

    def continue_after_pain(self) -> list[Event]:
        raise NotImplementedError

    def end_early(self, pain_after: PainScore | None = None) -> None:
        raise NotImplementedError

    def finish(self, pain_after: PainScore | None = None) -> None:
        """Record pain after and save the completed session."""
        raise NotImplementedError

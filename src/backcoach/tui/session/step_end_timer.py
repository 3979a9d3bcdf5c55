"""A one-shot timer for the moment the current timed step ends.

The session screen looks at the engine fifteen times a second; on that alone a hold's
end would be seen (bell, next cue) up to a whole frame (67 ms) late. ``StepEndTimer``
keeps one extra one-shot timer set for the current timed step's end, so the screen
refreshes right then. It only ever calls the screen's ``refresh_from_clock``, which
re-reads the clock: a refresh that comes early or twice does nothing wrong, and time
still comes from the engine's timestamps alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.timer import Timer

    from backcoach.clock import Clock
    from backcoach.core.session_events import StepView

SAME_DEADLINE_S = 0.002  # a deadline that moved less than this is the same step end


class TimerOwner(Protocol):
    """What sets the timer: any Textual message pump (a screen, an app)."""

    def set_timer(self, delay: float, callback: Callable[[], None], *, name: str) -> Timer: ...


class StepEndTimer:
    """Keeps one handle: replaced when the step's end moves (next, back, skip, resume,
    a new step), cancelled while nothing is timed or running (pause, pain stop, end)."""

    def __init__(self, owner: TimerOwner, clock: Clock, callback: Callable[[], None]) -> None:
        self._owner = owner
        self._clock = clock
        self._callback = callback
        self._timer: Timer | None = None
        self._deadline: float | None = None

    def follow(self, view: StepView | None) -> None:
        """Aim the timer at the end of ``view``'s step (call after every change)."""
        if view is None or not view.timed or view.paused or view.seconds_remaining <= 0:
            self.cancel()  # nothing running to end; a step at 0 s is the frame's to finish
            return
        deadline = self._clock.monotonic() + view.seconds_remaining
        previous = self._deadline
        if (
            self._timer is not None
            and previous is not None
            and (abs(deadline - previous) < SAME_DEADLINE_S)
        ):
            return
        self.cancel()
        self._deadline = deadline
        self._timer = self._owner.set_timer(view.seconds_remaining, self._fire, name="step-end")

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = None
        self._deadline = None

    @property
    def pending(self) -> bool:
        """Whether a step end is being waited for (tests read this)."""
        return self._timer is not None

    def _fire(self) -> None:
        self._timer = None
        self._deadline = None
        self._callback()

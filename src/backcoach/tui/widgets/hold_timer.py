"""The big countdown and smooth progress bar for holds and rests.

The screen calls ``HoldTimer.show(view)`` many times a second; each part redraws only
when what it would draw has changed (a new second, a new eighth of a bar cell), so a
running timer costs a repaint of a few cells, never of the screen. Textual repaints a
change by asking every widget in the changed widget's container for its lines, so the
label and the digits, which change once a second, sit in one group beside the bar,
which changes at nearly every frame. With reduced motion
the digits and the bar are hidden and a plain line of text counts down once a second.

The phase label and the digits carry the phase's class (``phase_class``: ``-phase-hold``
and so on), which the session's stylesheet colours; the far view uses the same classes,
so a phase has one colour in both views.
"""

from __future__ import annotations

import math

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalGroup
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Digits, Label

from backcoach.core.session_events import StepView

PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉"
KIND_LABELS = {
    "move": "MOVE",
    "hold": "HOLD",
    "breathe": "BREATHE",
    "relax": "RELAX",
    "confirm": "YOUR PACE",
    "rest": "REST",
}
GET_READY_LABEL = "GET READY"
#: Shown beside the label during rests: the rest can be cut short.
REST_HINT = " · n skips the rest"
GET_READY_HINT = " · n starts now"


def phase_word(view: StepView) -> str:
    """The phase in one or two words: ``HOLD``, ``REST``, ``GET READY``..."""
    return GET_READY_LABEL if view.get_ready else KIND_LABELS[view.kind]


def phase_class(view: StepView) -> str:
    """The CSS class that colours this phase: ``-phase-hold``, ``-phase-ready``..."""
    return "-phase-ready" if view.get_ready else f"-phase-{view.kind}"


def format_countdown(seconds: float) -> str:
    """Whole seconds left, rounded up (a hold shows 0:05 until it has fully begun its last
    second), as m:ss so the width never changes while counting."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def plain_countdown(view: StepView) -> str:
    """The reduced-motion line, one form for every timed step: ``Hold: 0:05 left``,
    ``Get ready: 0:10 left``."""
    if not view.timed:
        return "At your own pace: press enter when done"
    label = "Get ready" if view.get_ready else KIND_LABELS[view.kind].capitalize()
    return f"{label}: {format_countdown(view.seconds_remaining)} left"


def kind_label(view: StepView) -> str:
    """``HOLD``, ``REST · n skips the rest``, ``GET READY · n starts now``."""
    if view.get_ready:
        return GET_READY_LABEL + GET_READY_HINT
    label = KIND_LABELS[view.kind]
    return label + REST_HINT if view.kind == "rest" else label


#: How often a running bar may move. An eighth of a cell changes at nearly every frame of
#: a short hold (608 eighths over 5 s at 80 columns), and every move is a repaint; ten a
#: second still reads as smooth motion, from the floor too, at two thirds of the cost.
BAR_STEPS_PER_SECOND = 10


class SmoothBar(Widget):
    """A one-line progress bar drawn in eighths of a cell.

    Over a step of known length it moves in at most ``BAR_STEPS_PER_SECOND`` steps a
    second (never ahead of the clock). It draws its one line itself (Textual's line
    API), as one segment: it repaints often, and a rich ``Text`` would be measured,
    wrapped and converted to a strip each time.
    """

    DEFAULT_CSS = """
    SmoothBar {
        height: 1;
        width: 1fr;
        color: $accent;
        background: $boost;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fraction = 0.0
        self._steps: int | None = None
        self._shown_eighths = -1  # as last asked for: one repaint per change

    @property
    def fraction(self) -> float:
        return self._fraction

    def _eighths(self, fraction: float) -> int:
        fraction = max(0.0, min(1.0, fraction))
        if self._steps is not None and fraction < 1.0:
            fraction = math.floor(fraction * self._steps) / self._steps
        return round(fraction * self.size.width * 8)

    def set_fraction(self, fraction: float, *, seconds: float | None = None) -> None:
        """Take a new fraction of a step lasting ``seconds`` (None: move freely); repaint
        only when a visible eighth changes."""
        self._fraction = fraction
        self._steps = None if not seconds else max(1, math.ceil(seconds * BAR_STEPS_PER_SECOND))
        eighths = self._eighths(fraction)
        if eighths != self._shown_eighths:
            self._shown_eighths = eighths
            self.refresh()

    def bar_text(self) -> str:
        """The line as drawn: full blocks, one partial block, spaces to the width."""
        width = self.size.width
        full, partial = divmod(self._eighths(self._fraction), 8)
        bar = "█" * full
        if partial and full < width:
            bar += PARTIAL_BLOCKS[partial]
        return bar.ljust(width)

    def render_line(self, y: int) -> Strip:
        if y != 0:
            return Strip.blank(self.size.width, self.rich_style)
        return Strip([Segment(self.bar_text(), self.rich_style)], self.size.width)


class HoldTimer(Vertical):
    """Phase label, big digits, bar, and a plain countdown line; see module docstring."""

    DEFAULT_CSS = """
    HoldTimer {
        height: auto;
    }
    HoldTimer #timer-digits {
        width: auto;
    }
    HoldTimer #timer-plain {
        display: none;
        width: 100%;
    }
    HoldTimer.reduced-motion #timer-digits,
    HoldTimer.reduced-motion #timer-bar,
    HoldTimer.untimed #timer-digits,
    HoldTimer.untimed #timer-bar {
        display: none;
    }
    HoldTimer.reduced-motion #timer-plain,
    HoldTimer.untimed #timer-plain {
        display: block;
    }
    """

    def __init__(self, *, reduced_motion: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="reduced-motion" if reduced_motion else None)
        self._reduced_motion = reduced_motion
        self._kind_text = ""
        self._phase_class = ""
        self._digits_text = ""
        self._plain_text = ""
        self._untimed: bool | None = None
        self._kind_label = Label("", id="timer-kind", markup=False)
        self._digits = Digits("", id="timer-digits")
        self._bar = SmoothBar(id="timer-bar")
        self._plain = Label("", id="timer-plain", markup=False)

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="timer-head"):
            yield self._kind_label
            yield self._digits
        yield self._bar
        yield self._plain

    @property
    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def set_reduced_motion(self, reduced: bool) -> None:
        """Switch between digits-and-bar and the plain line (the setting changed)."""
        if reduced != self._reduced_motion:
            self._reduced_motion = reduced
            self.set_class(reduced, "reduced-motion")
            self._digits_text = ""
            self._plain_text = ""

    @property
    def digits_text(self) -> str:
        return self._digits_text

    @property
    def plain_text(self) -> str:
        return self._plain_text

    def show(self, view: StepView) -> None:
        """Draw ``view``; cheap when nothing visible changed."""
        untimed = not view.timed
        if untimed != self._untimed:
            self._untimed = untimed
            self.set_class(untimed, "untimed")
        kind_text = kind_label(view)
        if kind_text != self._kind_text:
            self._kind_text = kind_text
            self._kind_label.update(kind_text)
        phase = phase_class(view)
        if phase != self._phase_class:
            self._phase_class = phase
            self._kind_label.set_classes(phase)
            self._digits.set_classes(phase)
        if self._reduced_motion or untimed:
            plain = plain_countdown(view)
            if plain != self._plain_text:
                self._plain_text = plain
                self._plain.update(plain, layout=False)
            return
        digits = format_countdown(view.seconds_remaining)
        if digits != self._digits_text:
            self._digits_text = digits
            self._digits.update(digits)
        self._bar.set_fraction(view.fraction_done, seconds=view.seconds_total)

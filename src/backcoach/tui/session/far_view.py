"""The far view: the session drawn to be followed from the floor, two metres away.

From the top: the phase in large block letters (coloured by phase, and always a word,
so it reads without colour too); during holds and rests the seconds left in digits that
fill the space there is (a smooth bar under them unless motion is reduced); during the
other phases, which last a second or two, the cue in large letters instead of a number
that would only flicker; the rep, side and set; the switch-sides banner; the cue; what
comes next. Paused (or stopped by the pain key), the phase word says so.

The screen calls ``show`` fifteen times a second; like the normal view, each part
repaints only when what it shows changed. The bar changes at nearly every frame of a
hold, and Textual repaints a change by asking every widget in the bar's container for
its lines; so what sits above the bar and what sits below it are each one group, and
a bar frame costs the two groups, not the six widgets inside them.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalGroup
from textual.widget import Widget
from textual.widgets import Label

from backcoach.core.session_events import StepKind, StepView
from backcoach.tui.widgets.big_digits import BigDigits
from backcoach.tui.widgets.big_text import BigText
from backcoach.tui.widgets.counters import counter_text
from backcoach.tui.widgets.hold_timer import (
    SmoothBar,
    format_countdown,
    phase_class,
    phase_word,
)

#: The phases whose seconds are shown: long enough for a countdown to mean something.
COUNTED_KINDS: frozenset[StepKind] = frozenset({"hold", "rest"})
PAUSED_WORD = "PAUSED"
STOPPED_WORD = "STOPPED"
PHASE_MAX_SCALE = 6
CUE_MAX_SCALE = 4
#: The counters and the switch-sides banner in the smallest block size (three rows), or
#: in bold when that is too wide.
COUNTERS_MAX_SCALE = 1
BANNER_MAX_SCALE = 1
#: Fewer rows than this (60x20 has 15), and the counters are bold text, not blocks: the
#: rows go to the phase word and the digits.
ROOMY_HEIGHT = 18


def counts_seconds(view: StepView) -> bool:
    """Whether the far view shows this step's seconds (holds and rests that are timed)."""
    return view.timed and view.kind in COUNTED_KINDS


def far_phase(view: StepView) -> tuple[str, str]:
    """The big word and its class: the phase, or the state when the session waits."""
    if view.stopped_for_pain:
        return STOPPED_WORD, "-stopped"
    if view.paused:
        return PAUSED_WORD, "-paused"
    return phase_word(view), phase_class(view)


class FarView(Vertical, can_focus=False):
    """Phase, seconds or cue, counters, banner, cue and next step, big; see the module."""

    DEFAULT_CSS = """
    FarView {
        height: 1fr;
    }
    FarView #far-above-bar {
        height: 1fr;
    }
    /* The phase and the digits (or the big cue) share what the rest leaves, the
       digits first: only they have a floor, and the phase word a ceiling. (Not both
       with a floor: when every fr share is at its floor, Textual gives them too much.) */
    FarView #far-phase {
        height: 1fr;
        max-height: 10;
        margin-bottom: 1;  /* the word and the digits never touch */
    }
    FarView #far-digits,
    FarView #far-big-cue {
        height: 1fr;
        min-height: 5;
    }
    FarView #far-big-cue,
    FarView.-cue #far-digits,
    FarView.-cue #far-cue,
    FarView.-reduced-motion #far-bar,
    FarView.-untimed #far-bar,
    FarView #far-switch {
        display: none;
    }
    FarView.-cue #far-big-cue,
    FarView.-switch #far-switch {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Held, not queried: ``show`` runs fifteen times a second.
        self._phase = BigText(max_scale=PHASE_MAX_SCALE, id="far-phase")
        self._digits = BigDigits(id="far-digits")
        self._big_cue = BigText(max_scale=CUE_MAX_SCALE, id="far-big-cue")
        self._bar = SmoothBar(id="far-bar")
        self._counters = BigText(max_scale=COUNTERS_MAX_SCALE, id="far-counters")
        self._switch = BigText(max_scale=BANNER_MAX_SCALE, id="far-switch")
        self._cue = Label("", id="far-cue", markup=False)
        self._next_up = Label("", id="far-next-up", markup=False)
        self._classes_shown: dict[Widget, str] = {}
        self._texts_shown: dict[Label, str] = {}
        self._layout: tuple[bool, bool, bool, bool] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="far-above-bar"):
            yield self._phase
            yield self._digits
            yield self._big_cue
        yield self._bar
        with VerticalGroup(id="far-below-bar"):
            yield self._counters
            yield self._switch
            yield self._cue
            yield self._next_up

    def on_resize(self, event: events.Resize) -> None:
        roomy = event.size.height >= ROOMY_HEIGHT
        self._counters.max_scale = COUNTERS_MAX_SCALE if roomy else 0

    @property
    def digits(self) -> BigDigits:
        return self._digits

    @property
    def phase(self) -> BigText:
        return self._phase

    def show(self, view: StepView, *, reduced_motion: bool) -> None:
        """Draw ``view``; cheap when nothing visible changed."""
        counting = counts_seconds(view)
        layout = (counting, reduced_motion, view.timed, bool(view.switch_sides))
        if layout != self._layout:
            self._layout = layout
            self.set_class(not counting, "-cue")
            self.set_class(reduced_motion, "-reduced-motion")
            self.set_class(not view.timed, "-untimed")
            self.set_class(bool(view.switch_sides), "-switch")
        word, word_class = far_phase(view)
        self._phase.update(word)
        self._set_classes(self._phase, word_class)
        if counting:
            self._digits.update(format_countdown(view.seconds_remaining))
            self._set_classes(self._digits, phase_class(view))
        else:
            self._big_cue.update(view.cue)
        if view.timed and not reduced_motion:
            self._bar.set_fraction(view.fraction_done, seconds=view.seconds_total)
        self._counters.update(counter_text(view))
        self._switch.update(view.switch_sides)
        self._set_text(self._cue, view.cue)
        next_up = f"↳ {view.next_up}" if view.next_up and not view.stopped_for_pain else ""
        self._set_text(self._next_up, next_up)

    def _set_classes(self, widget: Widget, classes: str) -> None:
        if self._classes_shown.get(widget) != classes:
            self._classes_shown[widget] = classes
            widget.set_classes(classes)

    def _set_text(self, label: Label, text: str) -> None:
        if self._texts_shown.get(label) != text:
            self._texts_shown[label] = text
            label.update(text)

"""The session screen's two live parts, as widgets handed the engine's ``StepView``.

``SessionTop`` is the title and the state (running, paused, stopped); ``CoachColumn``
is the cue, the breath, the hold timer, the counter and the switch-sides banner. Each
remembers what it last showed and repaints only when that differs, so fifteen frames a
second cost almost nothing while a hold runs. The cue and the breath are one group: the
hold timer's bar changes at nearly every frame, and Textual asks every widget beside it
for its lines at each change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.widgets import Label

from backcoach.core.session_events import StepView
from backcoach.tui.widgets.counters import Counters
from backcoach.tui.widgets.hold_timer import HoldTimer

RUNNING_TEXT = "RUNNING"
PAUSED_TEXT = "PAUSED · space resumes"
STOPPED_TEXT = "STOPPED · flagged"


def breath_text(view: StepView) -> str:
    """ "Breathe in" / "Breathe out", or "" when the cue already says so."""
    if view.breath is None:
        return ""
    text = f"Breathe {view.breath}"
    return "" if text.lower() in view.cue.lower() else text


ENDED_TEXT = "ENDED · what you did is saved"


def state_text(view: StepView) -> str:
    """What the session is doing: a stopped exercise is not "paused"."""
    if view.stopped_for_pain:
        return STOPPED_TEXT
    return PAUSED_TEXT if view.paused else RUNNING_TEXT


def title_text(view: StepView, routine_name: str, *, narrow: bool) -> str:
    """The exercise's name alone in a one-exercise plan; else where it sits."""
    if view.exercise_count == 1:
        return view.exercise_name
    where = f"Exercise {view.exercise_index} of {view.exercise_count}: {view.exercise_name}"
    return where if narrow else f"{routine_name} · {where}"


class SessionTop(Horizontal):
    """One line: where the session is (left) and its state (right)."""

    def __init__(self, routine_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._routine_name = routine_name
        self._shown: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        yield Label(self._routine_name, id="session-title", markup=False)
        yield Label("", id="session-state", markup=False)

    def show_ended(self) -> None:
        """The session is over (its last questions are up): no "paused" any more."""
        self.query_one("#session-state", Label).update(ENDED_TEXT)
        self._shown = (self._shown[0], ENDED_TEXT)

    def show(self, view: StepView, *, narrow: bool) -> None:
        title, state = title_text(view, self._routine_name, narrow=narrow), state_text(view)
        if (title, state) == self._shown:
            return
        if title != self._shown[0]:
            self.query_one("#session-title", Label).update(title)
        if state != self._shown[1]:
            self.query_one("#session-state", Label).update(state)
        self._shown = (title, state)


class CoachColumn(VerticalScroll, can_focus=False):
    """What to do now, big enough to follow from the floor."""

    def __init__(self, *, reduced_motion: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        # Held, not queried: ``show`` runs fifteen times a second.
        self._cue = Label("", id="cue", markup=False)
        self._breath = Label("", id="breath", markup=False)
        self._timer = HoldTimer(reduced_motion=reduced_motion, id="timer")
        self._counters = Counters(id="counters")
        self._switch = Label("", id="switch-sides", markup=False)
        self._texts: dict[Label, str] = {}

    def compose(self) -> ComposeResult:
        with VerticalGroup(id="coach-words"):
            yield self._cue
            yield self._breath
        yield from (self._timer, self._counters, self._switch)

    def on_mount(self) -> None:
        self._switch.display = False

    def show(self, view: StepView, *, reduced_motion: bool) -> None:
        self._set(self._cue, view.cue)
        breath = breath_text(view)
        if self._set(self._breath, breath):
            self._breath.set_class(breath != "", "active")
        self._timer.set_reduced_motion(reduced_motion)
        self._timer.show(view)
        self._counters.show(view)
        if self._set(self._switch, view.switch_sides):
            self._switch.display = bool(view.switch_sides)

    def _set(self, label: Label, text: str) -> bool:
        """Update one label when its text changed; True if it did."""
        if label in self._texts and self._texts[label] == text:
            return False
        self._texts[label] = text
        label.update(text)
        return True

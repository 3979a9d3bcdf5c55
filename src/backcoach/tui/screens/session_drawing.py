"""Drawing the session screen: the engine's ``StepView`` handed to the widgets.

Kept apart from the screen so the screen reads as the flow of a session (keys, events,
the end) while this module holds what each label shows and when it repaints: every
piece remembers what it last showed and changes only when that differs, so fifteen
frames a second cost almost nothing while a hold runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from textual.widgets import Footer, Label

from backcoach.tui.widgets.counters import Counters
from backcoach.tui.widgets.hold_timer import HoldTimer
from backcoach.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from textual.screen import Screen

    from backcoach.core.engine import StepView
    from backcoach.core.plan import SessionPlan
    from backcoach.tui.screens.session_steps import StepFinder

NARROW_WIDTH = 80  # below this the footer uses short labels and leaves out "Back"
TINY_WIDTH = 60  # below this the steps and the coach share the width evenly
# Footer labels: (wide, narrow); the pain key comes first so it is never cut off.
KEY_LABELS: dict[str, tuple[str, str]] = {
    "pain_worse": ("Made pain worse", "Pain worse"),
    "toggle_pause": ("Pause", "Pause"),
    "next": ("Next", "Next"),
    "back": ("Back", ""),
    "skip": ("Skip", "Skip"),
    "end_session": ("End", "End"),
}


class MotionSettings(Protocol):
    """The one setting drawing reads (``backcoach.core.settings.Settings`` has it)."""

    @property
    def reduced_motion(self) -> bool: ...


def left_out_text(plan: SessionPlan) -> str:
    """One line naming what the plan left out and why, or "" when nothing was."""
    if not plan.left_out:
        return ""
    items = "; ".join(f"{item.exercise_name} ({item.reason})" for item in plan.left_out)
    return f"Left out: {items}"


def breath_text(view: StepView) -> str:
    """ "Breathe in" / "Breathe out", or "" when the cue already says so."""
    if view.breath is None:
        return ""
    text = f"Breathe {view.breath}"
    return "" if text.lower() in view.cue.lower() else text


class SessionDrawing:
    """Owns the session's widgets and what they last showed; the screen calls ``show``
    once a frame and ``fit_width`` on a resize."""

    def __init__(
        self,
        screen: Screen[None],
        plan: SessionPlan,
        settings: MotionSettings,
        finder: StepFinder,
    ) -> None:
        self._screen = screen
        self._plan = plan
        self._settings = settings
        self._finder = finder
        self._narrow: bool | None = None
        self._paused_shown: bool | None = None
        self._exercise_shown: int | None = None
        self._shown_text: dict[str, str] = {}  # label selector -> the text it shows
        self._switch_text = ""
        self._sides: tuple[str, ...] = ()
        self.steps = StepList(id="steps")
        self.hold_timer = HoldTimer(reduced_motion=settings.reduced_motion, id="timer")
        self.counters = Counters(id="counters")

    def show(self, view: StepView) -> None:
        """Hand one view to the widgets; each repaints only on change."""
        self._draw_state(view.paused)
        if view.exercise_index != self._exercise_shown:
            self._exercise_shown = view.exercise_index
            self._draw_exercise(view)
        self.steps.highlight(view.instruction_step)
        self._set_label("#cue", view.cue)
        self._set_label("#breath", breath_text(view))
        self.hold_timer.set_reduced_motion(self._settings.reduced_motion)
        self.hold_timer.show(view, get_ready=self._finder.is_get_ready(view))
        self.counters.show(view, self._finder.rest_reason(view), self._sides)
        self._set_label("#next-up", f"↳ {view.next_up}" if view.next_up else "")
        self._show_switch_sides(self._finder.switch_sides_text(view))

    def _draw_state(self, paused: bool) -> None:
        if paused == self._paused_shown:
            return
        self._paused_shown = paused
        self._screen.set_class(paused, "paused")
        self._screen.set_class(not paused, "running")
        state = self._screen.query_one("#session-state", Label)
        state.update("PAUSED · space resumes" if paused else "RUNNING")
        self._set_key_label("toggle_pause", "Resume" if paused else "Pause")

    def _draw_exercise(self, view: StepView) -> None:
        planned = self._plan.exercises[view.exercise_index - 1] if self._plan_has(view) else None
        self._set_label("#session-title", self._title_for(view))
        steps = planned.exercise.steps if planned is not None else []
        self._sides = tuple(s for s in planned.sides if s) if planned is not None else ()
        self.steps.set_steps(steps)

    def _title_for(self, view: StepView) -> str:
        """The exercise's name alone in a one-exercise plan; else where it sits."""
        if view.exercise_count == 1:
            return view.exercise_name
        where = f"Exercise {view.exercise_index} of {view.exercise_count}: {view.exercise_name}"
        return where if self._narrow else f"{self._plan.routine_name} · {where}"

    def _plan_has(self, view: StepView) -> bool:
        index = view.exercise_index - 1
        return (
            0 <= index < len(self._plan.exercises)
            and self._plan.exercises[index].exercise.id == view.exercise_id
        )

    def _set_label(self, selector: str, text: str) -> None:
        if self._shown_text.get(selector, "") != text:
            self._shown_text[selector] = text
            label = self._screen.query_one(selector, Label)
            label.update(text)
            if selector == "#breath":
                label.set_class(text != "", "active")

    def _show_switch_sides(self, text: str) -> None:
        """The banner follows the step (see ``StepFinder.switch_sides_text``)."""
        if text == self._switch_text:
            return
        self._switch_text = text
        banner = self._screen.query_one("#switch-sides", Label)
        banner.update(text)
        banner.display = bool(text)

    # -- width and footer labels -------------------------------------------------------

    def fit_width(self, width: int, current_view: Callable[[], StepView | None]) -> None:
        """Short footer labels and title below ``NARROW_WIDTH`` columns."""
        narrow = width < NARROW_WIDTH
        self._screen.set_class(width < TINY_WIDTH, "tiny")
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self._screen.set_class(narrow, "narrow")
        for action, (wide, short) in KEY_LABELS.items():
            if action != "toggle_pause":
                self._set_key_label(action, short if narrow else wide)
        for footer in self._screen.query(Footer):
            footer.show_command_palette = not narrow
        if self._exercise_shown is not None:
            view = current_view()
            if view is not None:
                self._draw_exercise(view)

    def _set_key_label(self, action: str, label: str) -> None:
        """Change a key's footer label ("" hides it; the key still works)."""
        changed = False
        key_to_bindings = self._screen._bindings.key_to_bindings
        for key, bindings in key_to_bindings.items():
            new = [
                dataclasses.replace(b, description=label or b.description, show=bool(label))
                if b.action == action and (b.description != label or b.show != bool(label))
                else b
                for b in bindings
            ]
            if new != bindings:
                key_to_bindings[key] = new
                changed = True
        if changed:
            self._screen.refresh_bindings()

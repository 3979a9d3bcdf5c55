"""The exercise's numbered instruction steps, with the current one highlighted.

Each step is its own line widget so that moving the highlight only toggles a CSS class
on two of them (``.current``); the text itself is never re-rendered per frame.
"""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static


class StepLine(Static):
    """One numbered step."""


class StepList(VerticalScroll, can_focus=False):
    """Numbered steps of the current exercise; ``highlight(n)`` marks step n (1-based)."""

    DEFAULT_CSS = """
    StepList {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    StepList > StepLine {
        width: 100%;
        padding: 0 1;
        margin-bottom: 1;
    }
    StepList > StepLine.current {
        text-style: bold;
        background: $accent 30%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps: tuple[str, ...] = ()
        self._lines: list[StepLine] = []
        self._current: int | None = None

    @property
    def current(self) -> int | None:
        return self._current

    @property
    def steps(self) -> tuple[str, ...]:
        return self._steps

    def set_steps(self, steps: list[str] | tuple[str, ...]) -> None:
        """Replace the steps (a new exercise); does nothing if they are the same."""
        steps = tuple(steps)
        if steps == self._steps and self._lines:
            return
        self._steps = steps
        self._current = None
        self.remove_children()
        self._lines = [
            StepLine(f"{number}. {text}", markup=False, classes="step")
            for number, text in enumerate(steps, start=1)
        ]
        self.mount_all(self._lines)

    def highlight(self, step: int | None) -> None:
        """Mark step ``step`` (1-based) as current; None clears the mark."""
        if step == self._current:
            return
        if self._current is not None and 0 < self._current <= len(self._lines):
            self._lines[self._current - 1].remove_class("current")
        self._current = step
        if step is not None and 0 < step <= len(self._lines):
            self._lines[step - 1].add_class("current")
        self.scroll_current_into_view()

    def scroll_current_into_view(self) -> None:
        """Bring the highlighted step into view once the layout is up to date."""
        step = self._current
        if step is not None and 0 < step <= len(self._lines):
            self.call_after_refresh(self.scroll_to_widget, self._lines[step - 1], animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """Lines rewrap at a new width: the highlighted step may have moved out of view."""
        self.scroll_current_into_view()

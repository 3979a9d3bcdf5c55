"""The rep, side and set counter: one line, in one form, redrawn only when it changes.

``Rep 4 of 15 · left leg · Set 1 of 3``: the rep first (the figure people watch, so a
narrow column cuts the end, never the rep), then the side and the set when the exercise
has more than one. During a rest the same line names the rep that comes next:
``Next: Rep 5 of 15 · left leg``. The summary counts the same way (reps per side), so
the numbers on screen and in the summary agree.
"""

from __future__ import annotations

from textual.widgets import Static

from backcoach.core.session_events import StepView


def counter_text(view: StepView) -> str:
    """The counter line for ``view``; a lone set or side is not mentioned."""
    parts = [f"Rep {view.rep_number} of {view.rep_count}"]
    if view.side is not None and view.side_count > 1:
        parts.append(view.side)
    if view.set_count > 1:
        parts.append(f"Set {view.set_number} of {view.set_count}")
    line = " · ".join(parts)
    return f"Next: {line}" if view.kind == "rest" else line


class Counters(Static):
    """Shows the counter line; ``show`` is cheap to call every frame."""

    DEFAULT_CSS = """
    Counters {
        width: 100%;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._text = ""

    @property
    def text(self) -> str:
        return self._text

    def show(self, view: StepView) -> None:
        text = counter_text(view)
        if text != self._text:
            self._text = text
            self.update(text, layout=False)

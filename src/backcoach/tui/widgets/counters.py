"""Set, side and rep counters: one line, redrawn only when a number changes.

The line takes the longest form that fits the widget's width, so the rep count (the
figure people watch) is never cut off in a narrow terminal.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from backcoach.core.engine import StepView


def counter_forms(view: StepView) -> list[str]:
    """The line from longest to shortest, e.g. ``Set 1 of 3 · Side: left (1 of 2) · Rep 4
    of 15`` down to ``S1/3 · 1/2 · Rep 4/15``; a lone set is not mentioned."""
    sets = view.set_count > 1
    sides = view.side is not None
    full: list[str] = []
    short: list[str] = []
    tiny: list[str] = []
    if sets:
        full.append(f"Set {view.set_number} of {view.set_count}")
        short.append(f"Set {view.set_number}/{view.set_count}")
        tiny.append(f"S{view.set_number}/{view.set_count}")
    if sides:
        full.append(f"Side: {view.side} ({view.side_number} of {view.side_count})")
        short.append(f"{view.side} {view.side_number}/{view.side_count}")
        tiny.append(f"{view.side_number}/{view.side_count}")
    full.append(f"Rep {view.rep_number} of {view.rep_count}")
    short.append(f"Rep {view.rep_number}/{view.rep_count}")
    tiny.append(f"Rep {view.rep_number}/{view.rep_count}")
    return [" · ".join(parts) for parts in (full, short, tiny)]


def counters_text(view: StepView, width: int | None = None) -> str:
    """The longest form that fits ``width`` cells (the shortest if none does)."""
    forms = counter_forms(view)
    if width is None or width <= 0:
        return forms[0]
    return next((form for form in forms if len(form) <= width), forms[-1])


class Counters(Static):
    """Shows ``counters_text``; ``show`` is cheap to call every frame."""

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
        self._view: StepView | None = None

    @property
    def text(self) -> str:
        return self._text

    def show(self, view: StepView) -> None:
        self._view = view
        text = counters_text(view, self.content_region.width or None)
        if text != self._text:
            self._text = text
            self.update(text, layout=False)

    def on_resize(self, event: events.Resize) -> None:
        if self._view is not None:
            self.show(self._view)

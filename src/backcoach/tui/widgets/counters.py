"""Set, side and rep counters: one line, redrawn only when a number changes."""

from __future__ import annotations

from textual.widgets import Static

from backcoach.core.engine import StepView


def counters_text(view: StepView) -> str:
    """``Set 1 of 3 · Side: left (1 of 2) · Rep 4 of 15``; a lone set is not mentioned."""
    parts: list[str] = []
    if view.set_count > 1:
        parts.append(f"Set {view.set_number} of {view.set_count}")
    if view.side is not None:
        parts.append(f"Side: {view.side} ({view.side_number} of {view.side_count})")
    parts.append(f"Rep {view.rep_number} of {view.rep_count}")
    return " · ".join(parts)


class Counters(Static):
    """Shows ``counters_text``; ``show`` is cheap to call every frame."""

    DEFAULT_CSS = """
    Counters {
        width: 100%;
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._text = ""

    @property
    def text(self) -> str:
        return self._text

    def show(self, view: StepView) -> None:
        text = counters_text(view)
        if text != self._text:
            self._text = text
            self.update(text, layout=False)

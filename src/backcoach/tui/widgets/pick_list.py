"""An option list where a click only highlights: starting something is a deliberate key,
and the highlighted option stays in view when the terminal is resized.

Both lists that start a session (exercises on home, routines in the chooser) use it,
so a stray click never starts an exercise. Textual's OptionList selects on click in
its private ``_on_click``; this is the one place that replaces it (a test guards it).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import OptionList


def pick_bindings(
    prefix: str, start_label: str, start_tooltip: str, noun: str
) -> list[BindingType]:
    """Enter starts; j/k and the arrows move. Ids are ``<prefix>.start/.down/.up``."""
    return [
        Binding("enter", "select", start_label, id=f"{prefix}.start", tooltip=start_tooltip),
        Binding(
            "j,down", "cursor_down", "Down", show=False, id=f"{prefix}.down", tooltip=f"Next {noun}"
        ),
        Binding(
            "k,up", "cursor_up", "Up", show=False, id=f"{prefix}.up", tooltip=f"Previous {noun}"
        ),
    ]


class PickList(OptionList):
    """A click highlights (and the detail pane follows); enter selects."""

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if isinstance(clicked, int) and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked

    def on_resize(self, _event: events.Resize) -> None:
        """Options wrap to a new height at a new width: the highlighted one would scroll
        out of view, so it is brought back once the new layout is drawn."""
        self.call_after_refresh(self.scroll_to_highlight)

"""The baseline: a bare Textual app showing a list of ten items and a footer.

Same Textual as backcoach, nothing else: no content loading, no history, no CSS file.
Run it with ``python -m bench.bare_app``; ``q`` quits.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, OptionList

ITEMS = (
    "Bridges",
    "Knee-to-chest stretch",
    "Lower back rotational stretch",
    "Draw-in maneuver",
    "Pelvic tilt",
    "Lying lateral leg lifts",
    "Cat stretch",
    "Superman",
    "Seated lower back rotational stretch",
    "Partial curls",
)
MARKER = "Partial curls"  # the last item: once it is on screen, the whole list is


class BareListApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield OptionList(*ITEMS)
        yield Footer()


def main() -> int:
    BareListApp().run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

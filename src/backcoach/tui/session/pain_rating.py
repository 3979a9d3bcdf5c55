"""A quick, skippable 0-10 pain rating: before a session and after it.

Dismisses with the score, or None when skipped. A digit only chooses; enter confirms,
so a slip of the finger can be corrected before it is recorded.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from backcoach.tui.widgets.pain_scale import PAIN_KEYS_HELP, PainScale

SCALE_MEANING = "0 = no pain · 10 = the worst pain you can imagine"


class PainRatingScreen(ModalScreen[int | None]):
    """Ask for a pain score; enter confirms (or skips when nothing is chosen), escape skips."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Confirm", id="pain-rating.confirm", tooltip="Record it"),
        Binding("escape", "skip", "Skip", id="pain-rating.skip", tooltip="Do not record a score"),
    ]

    def __init__(self, title: str, *, value: int | None = None) -> None:
        super().__init__()
        self._title = title
        self._initial = value

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-rating-box", classes="pain-dialog"):
            yield Label(self._title, id="pain-rating-title", markup=False)
            yield Label(SCALE_MEANING, classes="pain-meaning", markup=False)
            yield PainScale(self._initial, id="pain-rating-scale")
            yield Label(PAIN_KEYS_HELP, classes="pain-keys", markup=False)
            yield Label("enter records it · escape skips", classes="pain-keys", markup=False)

        yield Footer()

    @property
    def value(self) -> int | None:
        return self.query_one(PainScale).value

    def action_confirm(self) -> None:
        self.dismiss(self.value)

    def action_skip(self) -> None:
        self.dismiss(None)

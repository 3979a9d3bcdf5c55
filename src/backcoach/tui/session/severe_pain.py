"""Before a session, when the pain given is severe: the source's advice, and three ways on.

The article says to see a doctor when lower back pain is severe. The threshold is the
app's (the content's ``[thresholds.severe]``, from the pain literature) and the screen
says so, in the words it is handed. It never blocks: go on, rest today, or go back; it is
asked once per session.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from backcoach.core.safety import SEE_A_DOCTOR_RULE

SeverePainChoice = Literal["go_on", "rest_day", "back"]
CHOICES_TEXT = "g: go on with the session · r: rest today (a rest day) · esc: go back"


class SeverePainScreen(ModalScreen[SeverePainChoice]):
    """Dismisses with what the user chose; escape goes back without a session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "choose('go_on')", "Go on", id="severe.go-on", tooltip="Start the session"),
        Binding(
            "r",
            "choose('rest_day')",
            "Rest today",
            id="severe.rest-day",
            tooltip="Mark today as a rest day (it does not break a streak); no session",
        ),
        Binding(
            "escape",
            "choose('back')",
            "Go back",
            id="severe.back",
            tooltip="Back to the exercises; nothing is recorded",
        ),
    ]

    def __init__(self, pain: int, threshold_text: str) -> None:
        """``threshold_text``: the threshold said as the app's, with what it rests on."""
        super().__init__()
        self.pain = pain
        self.threshold_text = threshold_text

    def compose(self) -> ComposeResult:
        with Vertical(id="severe-box", classes="pain-dialog"):
            yield Label(f"You gave your pain as {self.pain}/10", id="severe-title", markup=False)
            yield Label(SEE_A_DOCTOR_RULE, id="severe-advice", markup=False)
            yield Label(self.threshold_text, id="severe-source", markup=False)
            yield Label(CHOICES_TEXT, id="severe-choices", markup=False)
        yield Footer()

    def action_choose(self, choice: SeverePainChoice) -> None:
        self.dismiss(choice)

"""Asks, before an exercise comes back, whether a doctor or physiotherapist cleared it.

Both answers clear the flag (the user decides); the answer and an optional note are
recorded with it, and the flag itself stays in the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from backcoach.core.history_models import Flag
from backcoach.core.stop_words import stopped_line

STYLES = Path(__file__).parent.parent / "styles" / "history.tcss"

QUESTION = "Did a doctor or physiotherapist clear it?"
BOTH_UNFLAG = "Yes and no both unflag it; cancel keeps the flag."
YES_LABEL = "Yes, a clinician cleared it (y)"
NO_LABEL = "No, unflag it anyway (n)"
CANCEL_LABEL = "Cancel, keep the flag (esc)"
ADVICE = (
    "This exercise made your pain worse, and the rule for that is to stop it at once and "
    "consult a doctor. If you have not seen a doctor about it yet, see one before you "
    "try it again."
)


@dataclass(frozen=True)
class UnflagDecision:
    by_clinician: bool
    note: str | None


def flag_description(flag: Flag, planned_sets: int | None = None) -> str:
    text = f"Flagged {flag.local_date.isoformat()}"
    if flag.pain is not None:
        text += f", pain then {flag.pain}/10"
    if flag.stopped_at is not None:
        text += f"\n{stopped_line(flag.stopped_at, planned_sets)}"
    return text


class UnflagScreen(ModalScreen[UnflagDecision | None]):
    """Yes / no clears the flag (recording the answer); cancel leaves it as it is."""

    CSS_PATH = STYLES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Cleared", id="unflag.yes", tooltip="A clinician cleared it"),
        Binding(
            "n",
            "answer(False)",
            "Unflag anyway",
            id="unflag.no",
            tooltip="Unflag without clearance",
        ),
        Binding("escape", "cancel", "Keep flag", id="unflag.cancel", tooltip="Keep the flag"),
        Binding("e", "edit_note", "Note", id="unflag.note", tooltip="Type an optional note"),
    ]

    def __init__(self, flag: Flag, planned_sets: int | None = None) -> None:
        super().__init__()
        self.flag = flag
        self.planned_sets = planned_sets  # of the stopped exercise, to say "set 1" only if useful

    def compose(self) -> ComposeResult:
        with Vertical(id="unflag-box"):
            yield Static(f"Unflag {self.flag.exercise_name}", id="unflag-title", markup=False)
            yield Static(
                flag_description(self.flag, self.planned_sets), id="unflag-flag", markup=False
            )
            yield Static(ADVICE, id="unflag-advice", markup=False)
            yield Static(QUESTION, id="unflag-question", markup=False)
            yield Static(BOTH_UNFLAG, id="unflag-both", markup=False)
            note = Input(placeholder="press e to type, enter when done", id="unflag-note")
            note.border_title = "Note (optional), e.g. who cleared it"
            yield note
            with Vertical(id="unflag-buttons"):
                yield Button(Content(YES_LABEL), id="unflag-yes", variant="primary", compact=True)
                yield Button(Content(NO_LABEL), id="unflag-no", compact=True)
                yield Button(Content(CANCEL_LABEL), id="unflag-cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#unflag-yes", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the note has focus, y, n and e are letters, not commands."""
        typing = isinstance(self.focused, Input)
        return not (typing and action in {"answer", "edit_note"})

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "unflag-yes":
            self.action_answer(True)
        elif event.button.id == "unflag-no":
            self.action_answer(False)
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the note goes on to the answer buttons."""
        event.stop()
        self.query_one("#unflag-yes", Button).focus()

    def action_edit_note(self) -> None:
        self.query_one("#unflag-note", Input).focus()

    def note(self) -> str | None:
        text = self.query_one("#unflag-note", Input).value.strip()
        return text or None

    def action_answer(self, by_clinician: bool) -> None:
        self.dismiss(UnflagDecision(by_clinician=by_clinician, note=self.note()))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""A generic yes/no question as a modal; anyone may reuse it.

``ConfirmScreen(question, detail=..., yes_label=..., no_label=...)`` dismisses with True
for yes (y) and False for no (n or escape); enter presses the focused button, which starts
on "no" so a stray enter never does the drastic thing. Text is shown literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; nothing happens until the user answers."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > #confirm-box {
        width: 60;
        max-width: 90%;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen #confirm-question {
        text-style: bold;
        width: 100%;
    }
    ConfirmScreen #confirm-detail {
        color: $text-muted;
        width: 100%;
        margin-top: 1;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ConfirmScreen Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Answer yes"),
        Binding("n", "answer(False)", "No", id="confirm.no", tooltip="Answer no"),
        Binding("escape", "answer(False)", "No", id="confirm.cancel", tooltip="Answer no"),
    ]

    def __init__(
        self,
        question: str,
        *,
        detail: str | None = None,
        yes_label: str = "Yes",
        no_label: str = "No",
    ) -> None:
        super().__init__()
        self._question = question
        self._detail = detail
        self._yes_label = yes_label
        self._no_label = no_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self._question, id="confirm-question", markup=False)
            if self._detail:
                yield Label(self._detail, id="confirm-detail", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(f"{self._no_label} (n)"), id="confirm-no-button")
                yield Button(
                    Content(f"{self._yes_label} (y)"), id="confirm-yes-button", variant="primary"
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-no-button", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes-button")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

"""The safety notice: shown at first run until acknowledged, then reachable from help.

The words come from the content's ``about`` (disclaimer, safety points, source credit)
so the notice and the help can never disagree.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from backcoach.core.content_models import About


class SafetyNoticeScreen(ModalScreen[bool]):
    """Dismisses with True once the user says they have read it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,a",
            "acknowledge",
            "I understand",
            key_display="enter",
            id="safety.acknowledge",
            tooltip="Say you have read the notice and go on",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            id="safety.close",
            tooltip="Close the notice (only once it has been acknowledged)",
        ),
        Binding("q", "quit_app", "Quit", id="safety.quit", tooltip="Leave backcoach"),
    ]

    def __init__(self, about: About, *, first_run: bool) -> None:
        super().__init__(classes="first-run" if first_run else "")
        self.about = about
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        about = self.about
        with Vertical(id="safety-box", classes="dialog"):
            yield Static("Before you start", classes="dialog-title")
            with VerticalScroll(id="safety-text"):
                yield Static(about.disclaimer, markup=False, classes="safety-disclaimer")
                for point in about.safety:
                    yield Static(f"• {point}", markup=False, classes="safety-point")
                yield Static(about.source, markup=False, classes="source-credit")
            label = "I understand" if self.first_run else "Close"
            yield Button(label, id="acknowledge", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#acknowledge", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Opened again from help there is nothing to acknowledge: footer and button
        # both say Close (enter still presses the focused Close button).
        if action == "acknowledge":
            return self.first_run
        if action == "close":
            return not self.first_run
        if action == "quit_app":
            return self.first_run
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_acknowledge()

    def action_acknowledge(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(not self.first_run)

    def action_quit_app(self) -> None:
        self.app.exit()

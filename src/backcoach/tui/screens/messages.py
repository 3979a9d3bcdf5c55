"""Every message of this run (content problems, repaired files, failed saves), to read
at leisure: toasts vanish and can hide a dialog, this list stays until the app quits.

Text is shown literally and wraps at word boundaries, so long file paths stay readable.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from backcoach.tui.keys import HELP_BINDING
from backcoach.tui.notices import Notice


class MessagesScreen(ModalScreen[None]):
    TITLE = "Messages"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,m",
            "close",
            "Close",
            key_display="esc",
            id="messages.close",
            tooltip="Back to where you were",
        ),
        HELP_BINDING,
    ]

    def __init__(self, notices: list[Notice]) -> None:
        super().__init__()
        self.notices = list(notices)

    def compose(self) -> ComposeResult:
        with Vertical(id="messages-box", classes="dialog"):
            yield Static("Messages of this run", classes="dialog-title")
            with VerticalScroll(id="messages-text"):
                if not self.notices:
                    yield Static("No messages.", classes="message-text")
                for notice in self.notices:
                    yield Static(
                        Content.assemble(
                            (f"{notice.at:%H:%M} ", "$text-muted"),
                            (notice.title, "bold"),
                        ),
                        classes=f"message-title -{notice.severity}",
                    )
                    yield Static(notice.text, markup=False, classes="message-text")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()

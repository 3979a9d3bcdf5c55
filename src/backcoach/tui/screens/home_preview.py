"""Home's first frame: the exercise list as the last full load saw it, nothing else.

Shown while the content and the history are loaded just after the first frame (see
``tui.launch``), then replaced by the home screen. It is handed a ``FirstFrame`` that
was checked against the content files' bytes, so it never shows content that has
changed since. It imports no content or history models: being cheap is its purpose.
The layout is home's (same ids, so the same styles), with the status line and the
detail pane left empty until the home screen fills them (no notice line: there is
nothing to say yet), a plain line in the header's place, and each exercise's lines
cut at the list's edge rather than wrapped.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from backcoach.core.first_frame import FirstFrame, ListedExercise
from backcoach.tui.widgets.pick_list import PickList


def first_prompt(listed: ListedExercise) -> Content:
    """Home's three lines (name, dosage, what it works), each cut to one line: wrapping
    every option to the list's width is what costs most in drawing the list, so it
    waits for the home screen."""
    return Content.assemble(
        (listed.name, "bold"),
        ("\n  " + listed.dosage, "$text-muted"),
        ("\n  " + listed.works, "$text-muted italic"),
    )


class HomePreview(Screen[None]):
    DEFAULT_CSS = """
    HomePreview #first-frame-title {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
    }
    HomePreview #exercise-list {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
    SUB_TITLE = "Exercises"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="home.quit", tooltip="Leave backcoach"),
    ]

    def __init__(self, frame: FirstFrame) -> None:
        super().__init__()
        self.frame = frame

    def compose(self) -> ComposeResult:
        yield Static(f"{self.app.title} — {self.sub_title}", id="first-frame-title", markup=False)
        yield Static("", id="status-line", markup=False)
        with Horizontal(id="home-body"):
            options = [
                Option(first_prompt(listed), id=listed.id) for listed in self.frame.exercises
            ]
            yield PickList(*options, id="exercise-list")
            yield Static("", id="detail-pane", markup=False)  # home's pane takes its place
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

"""Offered at start when a session from today stopped without being finished."""

from __future__ import annotations

from datetime import timedelta, timezone
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from backcoach.core.history_models import SessionRecord
from backcoach.tui.keys import HELP_BINDING

ResumeChoice = Literal["resume", "close"]


def describe_start(record: SessionRecord) -> str:
    """``Started 08:05``, in the session's own local time."""
    local = record.started_at.astimezone(timezone(timedelta(minutes=record.utc_offset_minutes)))
    return f"Started {local:%H:%M}"


def describe_resume(record: SessionRecord) -> str:
    """Where resuming goes on: progress is saved per exercise, so the unfinished one
    starts again from its beginning. ``Resume at the start of Draw-in maneuver (2 of 3
    exercises done)``; what was reached but not done is said as what it was
    (``1 of 3 exercises done, 1 skipped``)."""
    statuses: list[str] = [e.status for e in record.exercises]
    progress = f"{statuses.count('completed')} of {len(statuses)} exercises done"
    for status, words in (
        ("partly_done", "partly done"),
        ("skipped", "skipped"),
        ("stopped_for_pain", "stopped for pain"),
    ):
        if statuses.count(status):
            progress += f", {statuses.count(status)} {words}"
    unfinished = next((e for e in record.exercises if e.status == "not_started"), None)
    if unfinished is None:
        return f"Resume to finish it ({progress})"
    return f"Resume at the start of {unfinished.name} ({progress})"


class ResumeScreen(ModalScreen[ResumeChoice | None]):
    TITLE = "Resume"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "choose('resume')",
            "Resume",
            id="resume.resume",
            tooltip="Go on from the start of the unfinished exercise",
        ),
        Binding(
            "c",
            "choose('close')",
            "Close it",
            id="resume.close",
            tooltip="End it early; what was done stays in the history",
        ),
        Binding(
            "escape",
            "later",
            "Later",
            id="resume.later",
            tooltip="Decide later: it is offered again next time today",
        ),
        HELP_BINDING,
    ]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box", classes="dialog"):
            yield Static("An unfinished session from today", classes="dialog-title")
            yield Static(self.record.routine_name, markup=False, id="resume-routine")
            yield Static(describe_start(self.record), markup=False, id="resume-progress")
            yield Static(
                Content.assemble(
                    describe_resume(self.record),
                    ": an unfinished exercise starts again from its beginning. "
                    "Or close it: what you did is kept either way.",
                ),
                id="resume-where",
                classes="dialog-body",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Close it (c)", id="close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id in ("resume", "close"):
            self.action_choose(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss("resume" if choice == "resume" else "close")

    def action_later(self) -> None:
        self.dismiss(None)

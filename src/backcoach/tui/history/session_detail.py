"""One past session in full: each exercise's status, sets, time, and where a pain stop hit."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from backcoach.core.history_models import ExerciseRecord, Flag, SessionRecord
from backcoach.core.stop_words import stopped_line
from backcoach.core.wording import plural
from backcoach.tui.history.text import (
    EXERCISE_STATUS,
    SESSION_STATUS,
    clearance,
    describe_sets,
    duration,
    exercise_counts,
    pain_text,
    session_seconds,
    session_when,
)

STYLES = Path(__file__).parent.parent / "styles" / "history.tcss"


def session_heading(session: SessionRecord) -> str:
    return f"{session_when(session)}  {session.routine_name}"


def session_summary(session: SessionRecord) -> str:
    done, partly, skipped, stopped = exercise_counts(session)
    counts = f"{done} done, " + (f"{partly} partly done, " if partly else "")
    parts = [
        SESSION_STATUS.get(session.status, session.status),
        f"{plural(len(session.exercises), 'exercise')}: {counts}{skipped} skipped,"
        f" {stopped} stopped",
    ]
    seconds = session_seconds(session)
    if seconds is not None:
        parts.append(duration(seconds))
    pain = pain_text(session.pain_before, session.pain_after)
    if pain:
        parts.append(f"pain {pain}")
    return " · ".join(parts)


def exercise_heading(number: int, exercise: ExerciseRecord) -> str:
    status = EXERCISE_STATUS.get(exercise.status, exercise.status)
    return f"{number}. {exercise.name} — {status}, {duration(exercise.seconds_spent)}"


def exercise_details(exercise: ExerciseRecord, flags: Sequence[Flag] = ()) -> list[str]:
    """The indented lines under an exercise: sets done, where a pain stop hit (and the
    pain given then), and what became of the flag it raised (still active, or cleared)."""
    lines = []
    own_flags = [flag for flag in flags if flag.exercise_id == exercise.exercise_id]
    if exercise.sets:
        lines.append(describe_sets(exercise))
    if exercise.stopped_at is not None:
        line = stopped_line(exercise.stopped_at, exercise.planned_sets)
        pain = next((flag.pain for flag in own_flags if flag.pain is not None), None)
        if pain is not None:
            line += f"; pain {pain}/10 at the time"
        lines.append(line)
    for flag in own_flags:
        if flag.active:
            lines.append("Still flagged: left out of sessions until you unflag it")
        else:
            lines.extend(clearance(flag).splitlines())
    return lines


class SessionDetailScreen(ModalScreen[None]):
    """Read-only; escape, enter or q closes it. ``flags`` are the flags this session raised."""

    CSS_PATH = STYLES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,enter", "close", "Close", id="detail.close", tooltip="Back to the history"
        ),
    ]

    def __init__(self, session: SessionRecord, flags: Sequence[Flag] = ()) -> None:
        super().__init__()
        self.session = session
        self.flags = tuple(flags)

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-box"):
            yield Static(session_heading(self.session), id="detail-title", markup=False)
            yield Static(session_summary(self.session), id="detail-summary", markup=False)
            with VerticalScroll(id="detail-exercises"):
                if not self.session.exercises:
                    yield Static("No exercises recorded.", markup=False)
                for number, exercise in enumerate(self.session.exercises, start=1):
                    stopped = " stopped" if exercise.status == "stopped_for_pain" else ""
                    yield Static(
                        exercise_heading(number, exercise),
                        classes="detail-exercise" + stopped,
                        markup=False,
                    )
                    for line in exercise_details(exercise, self.flags):
                        yield Static(line, classes="detail-line" + stopped, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail-exercises", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

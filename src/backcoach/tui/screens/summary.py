"""The summary after a session: what was done, skipped and stopped; time; pain; streak.

Everything shown is worked out from the saved ``SessionRecord`` (and the history for the
streak), so the summary says exactly what the history now holds.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from backcoach.core.history_models import ExerciseRecord, History, SessionRecord
from backcoach.core.streaks import summarize
from backcoach.core.wording import plural


def format_duration(seconds: float) -> str:
    """``12 min 5 s``, ``45 s``."""
    whole = max(0, round(seconds))
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def time_line(record: SessionRecord) -> str:
    """Exercising time (pauses left out), and the clock time from start to end."""
    active = sum(e.seconds_spent for e in record.exercises)
    line = f"Time exercising: {format_duration(active)}"
    if record.ended_at is not None:
        total = (record.ended_at - record.started_at).total_seconds()
        line += f" (start to end: {format_duration(total)})"
    return line


def pain_line(record: SessionRecord) -> str:
    before = "not rated" if record.pain_before is None else f"{record.pain_before}/10"
    after = "not rated" if record.pain_after is None else f"{record.pain_after}/10"
    return f"Pain before: {before} · after: {after}"


def describe_exercise(exercise: ExerciseRecord) -> str:
    """``Cat stretch: 1 rep, 1 hold``: one exercise with its own counts."""
    counts = []
    if exercise.reps_done:
        counts.append(plural(exercise.reps_done, "rep"))
    if exercise.holds_done:
        counts.append(plural(exercise.holds_done, "hold"))
    return f"{exercise.name}: {', '.join(counts)}" if counts else exercise.name


ENDED_EARLY = "ended_early"  # the group of the exercise the session ended in


def ended_in(record: SessionRecord) -> ExerciseRecord | None:
    """The exercise the user was in when ending the session early, if it had begun
    (the engine keeps it as "skipped" with its counts and time)."""
    if record.status == "completed":
        return None
    reached = [e for e in record.exercises if e.status != "not_started"]
    last = reached[-1] if reached else None
    if last is None or last.status != "skipped":
        return None
    return last if last.reps_done or last.holds_done or last.seconds_spent > 0 else None


def flag_pains(record: SessionRecord, history: History | None) -> dict[str, int]:
    """The pain score given after "made my pain worse", per exercise of this session."""
    if history is None:
        return {}
    return {
        f.exercise_id: f.pain
        for f in history.flags
        if f.session_id == record.id and f.pain is not None
    }


def outcome_lines(
    record: SessionRecord, pains: dict[str, int] | None = None
) -> list[tuple[str, list[str]]]:
    """Done, skipped, ended early, stopped for pain (and not reached): a heading, then
    one line per exercise; a pain score given at the stop is shown with it."""
    groups: list[tuple[str, str]] = [
        ("completed", "Done"),
        ("skipped", "Skipped"),
        (ENDED_EARLY, "Ended early (partly done)"),
        ("stopped_for_pain", "Stopped for pain (flagged)"),
        ("not_started", "Not reached"),
    ]
    pains = pains or {}
    partial = ended_in(record)

    def group_of(exercise: ExerciseRecord) -> str:
        return ENDED_EARLY if exercise is partial else exercise.status

    def line(exercise: ExerciseRecord) -> str:
        text = describe_exercise(exercise)
        pain = pains.get(exercise.exercise_id)
        if exercise.status == "stopped_for_pain" and pain is not None:
            text += f" — pain {pain}/10 at the time"
        return text

    lines: list[tuple[str, list[str]]] = []
    for status, heading in groups:
        names = [line(e) for e in record.exercises if group_of(e) == status]
        if names or status == "completed":
            lines.append((f"{heading}: {len(names)}", names))
    return lines


def streak_line(history: History | None, today: date) -> str:
    """The streak now and today's count, e.g. ``Streak: 3 days · today 1 of 2``."""
    if history is None:
        return ""
    summary = summarize(history.sessions, [r.local_date for r in history.rest_days], today)
    return (
        f"Streak: {plural(summary.current, 'day')} · today {summary.today_done} of "
        f"{summary.today_target} · longest {summary.longest}"
    )


def did_something(record: SessionRecord) -> bool:
    """Whether any exercise was finished or any rep done (a skipped-through session did
    nothing, and is not praised for it)."""
    return any(e.status == "completed" or e.reps_done for e in record.exercises)


def heading_for(record: SessionRecord) -> str:
    """Worded from what actually happened."""
    if not did_something(record):
        return "Nothing was done this time — that's OK."
    if record.status != "completed":
        return "Session ended early: what you did is saved."
    if all(e.status == "completed" for e in record.exercises):
        return f"Well done: {record.routine_name} is complete."
    return f"{record.routine_name} is finished: what you did is saved."


class SummaryScreen(Screen[None]):
    """Shown after a session; any of enter, escape or q goes back to the exercise list."""

    CSS_PATH = "../styles/session.tcss"
    SUB_TITLE = "Summary"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,escape,q",
            "close",
            "Close",
            key_display="enter",
            id="summary.close",
            tooltip="Back to the exercise list",
        ),
    ]

    def __init__(
        self, record: SessionRecord, *, history: History | None = None, today: date
    ) -> None:
        super().__init__()
        self.record = record
        self._streak = streak_line(history, today)
        self._pains = flag_pains(record, history)

    def compose(self) -> ComposeResult:
        record = self.record
        yield Header()
        with VerticalScroll(id="summary-box"):
            yield Label(heading_for(record), classes="summary-heading", markup=False)
            for heading, names in outcome_lines(record, self._pains):
                yield Label(heading, classes="summary-line", markup=False)
                for name in names:
                    yield Label(name, classes="summary-list", markup=False)
            with Vertical(id="summary-figures"):
                yield Label(time_line(record), id="summary-time", markup=False)
                yield Label(pain_line(record), id="summary-pain", markup=False)
            if self._streak:
                yield Label(self._streak, id="summary-streak", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.app.pop_screen()

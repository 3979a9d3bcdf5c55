"""The summary after a session: what was done, partly done, skipped and stopped; time;
pain; streak.

Everything shown is worked out from the saved ``SessionRecord`` (and the history for the
streak), so the summary says exactly what the history now holds.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from backcoach.core.describe import reps_done_text
from backcoach.core.history_models import ExerciseRecord, History, SessionRecord
from backcoach.core.streaks import summarize
from backcoach.core.wording import plural
from backcoach.tui.messages import PainAfterGiven
from backcoach.tui.session.pain_rating import PainRatingScreen

PAIN_NOW_TITLE = "How is your back pain now?"


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


def pain_line(record: SessionRecord, *, can_rate: bool = False) -> str:
    """``Pain before: 3/10 · after: 2/10``; ``can_rate`` adds the key that rates it now."""
    before = "not rated" if record.pain_before is None else f"{record.pain_before}/10"
    after = "not rated" if record.pain_after is None else f"{record.pain_after}/10"
    if record.pain_after is None and can_rate:
        after += " (p rates it now)"
    return f"Pain before: {before} · after: {after}"


def describe_exercise(exercise: ExerciseRecord) -> str:
    """``Knee to chest: 2 reps each side``: one exercise with its own counts."""
    done = reps_done_text(exercise)
    if not done and exercise.status == "partly_done":
        done = "begun, no full rep"
    return f"{exercise.name}: {done}" if done else exercise.name


#: The groups of the summary, in order: (stored status, heading).
OUTCOME_GROUPS: tuple[tuple[str, str], ...] = (
    ("completed", "Done"),
    ("partly_done", "Partly done"),
    ("skipped", "Skipped"),
    ("stopped_for_pain", "Stopped for pain (flagged)"),
    ("not_started", "Not started"),
)


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
    """Done, partly done, skipped, stopped for pain, not started: a heading, then one
    line per exercise, grouped by what the history holds for it; a pain score given
    at the stop is shown with it."""
    pains = pains or {}

    def line(exercise: ExerciseRecord) -> str:
        text = describe_exercise(exercise)
        pain = pains.get(exercise.exercise_id)
        if exercise.status == "stopped_for_pain" and pain is not None:
            text += f" — pain {pain}/10 at the time"
        return text

    lines: list[tuple[str, list[str]]] = []
    for status, heading in OUTCOME_GROUPS:
        names = [line(e) for e in record.exercises if e.status == status]
        if names or status == "completed":
            lines.append((f"{heading}: {len(names)}", names))
    return lines


def streak_line(history: History | None, today: date) -> str:
    """The streak now and today's count of routine sessions, e.g. ``Streak: 3 days ·
    today 1 of 2 routine sessions · longest 5``."""
    if history is None:
        return ""
    summary = summarize(history.sessions, [r.local_date for r in history.rest_days], today)
    return (
        f"Streak: {plural(summary.current, 'day')} · today {summary.today_done} of "
        f"{summary.today_target} routine sessions · longest {summary.longest}"
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
        Binding(
            "p",
            "rate_pain",
            "Rate pain now",
            id="summary.rate-pain",
            tooltip="How is your back pain now? (a hands-free session ends without asking)",
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
                yield Label(pain_line(record, can_rate=True), id="summary-pain", markup=False)
            if self._streak:
                yield Label(self._streak, id="summary-streak", markup=False)
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "Rate pain now" only while the session has no pain after."""
        if action == "rate_pain":
            return self.record.pain_after is None
        return True

    @work(group="summary-pain", exclusive=True)
    async def action_rate_pain(self) -> None:
        """Ask now, save through the app, and show it here."""
        if self.record.pain_after is not None:
            return
        pain = await self.app.push_screen_wait(PainRatingScreen(PAIN_NOW_TITLE))
        if pain is None or self.record.pain_after is not None:
            return
        self.record = self.record.model_copy(update={"pain_after": pain})
        self.query_one("#summary-pain", Label).update(pain_line(self.record))
        self.refresh_bindings()
        self.post_message(PainAfterGiven(self.record, pain))

    def action_close(self) -> None:
        self.dismiss()

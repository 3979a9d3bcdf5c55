"""Helpers for the shell's tests: stand-in session/history screens and seeded history.

The stand-ins record what the app handed them, so a test can check that the routine
chooser (or the resume offer) passed the right plan without running a real session.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from backcoach.clock import FakeClock
from backcoach.core.history_models import ExerciseRecord, Flag, SessionRecord, SetRecord
from backcoach.core.plan import SessionPlan
from backcoach.core.settings import Settings
from backcoach.core.store import HistoryStore
from backcoach.services import Services
from backcoach.tui.app import BackcoachApp


class StubSessionScreen(Screen[None]):
    """Stands in for the session screen; remembers every one that was opened."""

    opened: ClassVar[list[StubSessionScreen]] = []
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="stub.back", tooltip="Leave the stub")
    ]

    def __init__(
        self,
        services: Services,
        plan: SessionPlan,
        settings: Settings,
        resume: SessionRecord | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self.settings = settings
        self.resume = resume
        StubSessionScreen.opened.append(self)

    def compose(self) -> ComposeResult:
        yield Static(f"stub session: {self.plan.routine_name}", markup=False)


class StubHistoryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="stub.back", tooltip="Leave the stub")
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        yield Static("stub history")


def use_stub_screens(app: BackcoachApp) -> type[StubSessionScreen]:
    """Route the app's session and history screens to the stand-ins."""
    StubSessionScreen.opened = []
    app.session_screen_factory = lambda: StubSessionScreen  # type: ignore[method-assign]
    app.history_screen_factory = lambda: StubHistoryScreen  # type: ignore[method-assign]
    return StubSessionScreen


def session_on(
    clock: FakeClock,
    day: date,
    *,
    status: str = "completed",
    routine_id: str | None = "daily",
    routine_name: str = "Daily routine",
    done: tuple[str, ...] = ("bridges",),
    not_started: tuple[str, ...] = (),
    target: int = 1,
) -> SessionRecord:
    """A session at 08:00 local on ``day`` with the given exercises done."""
    tz = clock.now().tzinfo
    start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=tz)
    record = SessionRecord.begin(
        routine_id=routine_id,
        routine_name=routine_name,
        now=start,
        pid=None,
        target_per_day=target,
    )
    record.status = status  # type: ignore[assignment]
    record.updated_at = start + timedelta(minutes=5)
    if status != "in_progress" and status != "interrupted":
        record.ended_at = start + timedelta(minutes=20)
    for exercise_id in done:
        record.exercises.append(
            ExerciseRecord(
                exercise_id=exercise_id,
                name=exercise_id.replace("-", " ").capitalize(),
                status="completed",
                sets=[SetRecord(set=1, reps_done=5, holds_done=0)],
            )
        )
    for exercise_id in not_started:
        record.exercises.append(
            ExerciseRecord(exercise_id=exercise_id, name=exercise_id, status="not_started")
        )
    return record


def flag_on(clock: FakeClock, day: date, exercise_id: str, name: str) -> Flag:
    tz = clock.now().tzinfo
    when = datetime(day.year, day.month, day.day, 8, 10, tzinfo=tz)
    return Flag(exercise_id=exercise_id, exercise_name=name, flagged_at=when, local_date=day)


def seed(store: HistoryStore, *items: SessionRecord | Flag) -> None:
    """Write sessions and flags through the real store, as the app would."""
    for item in items:
        report = (
            store.save_session(item) if isinstance(item, SessionRecord) else store.add_flag(item)
        )
        assert report.ok, report.message


def option_ids(app: BackcoachApp, selector: str) -> list[str | None]:
    from textual.widgets import OptionList

    option_list = app.screen.query_one(selector, OptionList)
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


def plain(widget: Any) -> str:
    """The text a Static shows, without styles."""
    return str(widget.render().plain if hasattr(widget.render(), "plain") else widget.render())

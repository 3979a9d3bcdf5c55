"""Helpers for the shell's tests: the session screen the app opened, seeded history.

A real session screen opens with its pain-before question, so a test can check the
plan the app handed it (from the list, the chooser or the resume offer) without
running the session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from backcoach.clock import FakeClock
from backcoach.core.history_models import ExerciseRecord, Flag, SessionRecord, SetRecord
from backcoach.core.store import HistoryStore
from backcoach.tui.app import BackcoachApp
from backcoach.tui.session.screen import SessionScreen
from store_factory import session_on as build_session

MakeApp = Callable[..., BackcoachApp]
"""The type of the ``make_app`` fixture: builds the app over the test's services."""


def session_screens(app: BackcoachApp) -> list[SessionScreen]:
    """The session screens on the app's stack (a real one opens with its pain question)."""
    return [screen for screen in app.screen_stack if isinstance(screen, SessionScreen)]


def opened_session(app: BackcoachApp) -> SessionScreen:
    """The one session screen the app opened."""
    (screen,) = session_screens(app)
    return screen


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
    """A session at 08:00 local (the clock's zone) on ``day`` with the given exercises
    done, built by the tests' one session builder (``store_factory.session_on``)."""
    exercises = [
        ExerciseRecord(
            exercise_id=exercise_id,
            name=exercise_id.replace("-", " ").capitalize(),
            status="completed",
            sets=[SetRecord(set=1, reps_done=5, holds_done=0)],
        )
        for exercise_id in done
    ]
    exercises += [
        ExerciseRecord(exercise_id=exercise_id, name=exercise_id, status="not_started")
        for exercise_id in not_started
    ]
    zone = clock.now().tzinfo
    assert zone is not None
    return build_session(
        day,
        status,  # type: ignore[arg-type]
        hour=8,
        zone=zone,
        target_per_day=target,
        exercises=exercises,
        routine=routine_name,
        routine_id=routine_id,
        ended_after=None if status == "interrupted" else 20,
        updated_after=5,
    )


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

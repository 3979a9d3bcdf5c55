"""When a reminder is due, on fixed dates and targets, and what it says."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from backcoach.core.history_models import SessionRecord
from backcoach.core.reminders.due import Reminder, reminder_due
from backcoach.core.reminders.times import (
    TimeError,
    next_reminder,
    parse_clock_time,
    parse_clock_times,
    parse_duration,
)
from store_factory import session_on

TODAY = date(2026, 11, 25)


def stretches(day: date = TODAY) -> SessionRecord:
    return session_on(day, target_per_day=2, routine="Stretches", routine_id="stretches")


def test_nothing_done_today_is_due() -> None:
    yesterday = session_on(TODAY - timedelta(days=1))
    reminder = reminder_due([yesterday], [], TODAY)
    assert reminder == Reminder(done=0, target=1, routine_name=None)
    assert reminder.body == "No routine session done yet today"
    assert reminder.title == "backcoach"


def test_the_target_met_is_silent() -> None:
    assert reminder_due([session_on(TODAY)], [], TODAY) is None


def test_a_rest_day_is_silent() -> None:
    assert reminder_due([], [TODAY], TODAY) is None
    assert reminder_due([], [TODAY - timedelta(days=1)], TODAY) is not None


def test_a_twice_a_day_routine_done_once_is_due_and_named() -> None:
    reminder = reminder_due([stretches()], [], TODAY)
    assert reminder is not None and reminder.body == "Stretches: 1 of 2 done today"
    assert reminder_due([stretches(), stretches()], [], TODAY) is None


def test_ended_early_and_single_exercises_do_not_meet_the_target() -> None:
    early = session_on(TODAY, "ended_early")
    single = session_on(TODAY, routine="Bridges", routine_id=None)
    reminder = reminder_due([early, single], [], TODAY)
    assert reminder is not None and reminder.done == 0


@pytest.mark.parametrize(
    ("text", "expected"), [("08:00", time(8)), ("8:05", time(8, 5)), ("23:59", time(23, 59))]
)
def test_clock_times(text: str, expected: time) -> None:
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "8am", ""])
def test_bad_clock_times_say_how_to_write_one(text: str) -> None:
    with pytest.raises(TimeError, match="HH:MM"):
        parse_clock_time(text)


def test_times_are_sorted_once_each() -> None:
    assert parse_clock_times(["18:30", "08:00", "8:00"]) == [time(8), time(18, 30)]


@pytest.mark.parametrize(
    ("text", "seconds"), [("30m", 1800), ("30", 1800), ("1h", 3600), ("90s", 90), ("45 min", 2700)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["0m", "25h", "soon", "-5m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(TimeError):
        parse_duration(text)


def test_the_next_reminder_is_today_or_tomorrow() -> None:
    zone = timezone(timedelta(hours=1))
    morning = datetime(2026, 11, 25, 10, 0, tzinfo=zone)
    times = [time(8), time(18, 30)]
    assert next_reminder(times, morning) == datetime(2026, 11, 25, 18, 30, tzinfo=zone)
    night = datetime(2026, 11, 25, 19, 0, tzinfo=zone)
    assert next_reminder(times, night) == datetime(2026, 11, 26, 8, 0, tzinfo=zone)
    assert next_reminder([], night) is None

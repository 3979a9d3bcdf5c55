"""The weekly goal's streak on fixed dates: weeks met, rest days, the open week."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from backcoach.core.settings import Settings
from backcoach.core.settings_peek import days_per_week
from backcoach.core.weekly_streaks import (
    current_weekly_streak,
    longest_weekly_streak,
    week_result,
    weekly_summary,
)
from store_factory import session_on

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 23)


def days(*offsets: int, start: date = MONDAY) -> set[date]:
    return {start + timedelta(days=n) for n in offsets}


def weeks_back(n: int) -> date:
    return MONDAY - timedelta(weeks=n)


def test_three_days_in_each_of_the_last_two_weeks_is_a_streak_of_two() -> None:
    counted = days(0, 2, 4, start=weeks_back(1)) | days(1, 3, 5, start=weeks_back(2))
    assert current_weekly_streak(counted, [], TODAY, 3) == 2
    # the current week (one day so far) is open: it neither counts nor breaks
    assert current_weekly_streak(counted | days(0), [], TODAY, 3) == 2


def test_this_week_counts_as_soon_as_the_goal_is_met() -> None:
    counted = days(0, 2, 4, start=weeks_back(1)) | days(0, 1, 2)
    assert current_weekly_streak(counted, [], TODAY, 3) == 2


def test_a_missed_day_does_not_break_a_weekly_streak_but_a_short_week_does() -> None:
    good = days(0, 1, 2, 3, 4, 5, start=weeks_back(1))  # Sunday missed
    assert current_weekly_streak(good, [], TODAY, 6) == 1
    assert current_weekly_streak(good, [], TODAY, 7) == 0
    short = days(0, 1, start=weeks_back(1)) | days(0, 1, 2, start=weeks_back(2))
    assert current_weekly_streak(short, [], TODAY, 3) == 0
    assert longest_weekly_streak(short, [], TODAY, 3) == 1


def test_rest_days_lower_what_a_week_needs_and_a_week_of_rest_is_passed_over() -> None:
    rest = days(0, 1, 2, 3, 4, start=weeks_back(1))  # five rest days last week
    counted = days(5, start=weeks_back(1)) | days(0, 1, 2, 3, start=weeks_back(2))
    week = week_result(weeks_back(1), counted, rest, TODAY, 4)
    assert (week.days_needed, week.days_counted, week.met) == (2, 1, False)
    assert current_weekly_streak(counted, rest, TODAY, 4) == 0
    counted |= days(6, start=weeks_back(1))
    assert current_weekly_streak(counted, rest, TODAY, 4) == 2
    all_rest = days(*range(7), start=weeks_back(1))
    earlier = days(0, 1, 2, 3, start=weeks_back(2))
    assert current_weekly_streak(earlier, all_rest, TODAY, 4) == 1


def test_a_rest_day_with_a_completed_session_counts_as_done() -> None:
    counted = days(0, 1, 2, start=weeks_back(1))
    rest = days(0, 1, 2, start=weeks_back(1))
    assert current_weekly_streak(counted, rest, TODAY, 3) == 1


def test_the_summary_reads_sessions_and_says_this_weeks_progress() -> None:
    sessions = [session_on(d) for d in sorted(days(0, 2, 4, start=weeks_back(1)) | days(0))]
    sessions.append(session_on(TODAY, "ended_early"))  # ended early: not a day done
    summary = weekly_summary(sessions, [], TODAY, 3)
    assert (summary.current, summary.longest) == (1, 1)
    assert (summary.this_week_done, summary.this_week_needed) == (1, 3)
    assert summary.text() == "Week streak 1 (best 1) · this week 1/3"
    assert not summary.every_day
    assert weekly_summary(sessions, [], TODAY).every_day


def test_no_history_is_a_streak_of_nothing() -> None:
    summary = weekly_summary([], [], TODAY, 3)
    assert (summary.current, summary.longest, summary.this_week_done) == (0, 0, 0)


def test_a_sunday_night_session_belongs_to_its_own_week_whatever_the_utc_date() -> None:
    """23:30 on Sunday in New York is Monday in UTC: the recorded local date decides."""
    sunday = weeks_back(1) + timedelta(days=6)
    late = session_on(sunday, hour=23, zone="America/New_York")
    assert late.started_at.astimezone(UTC).date() == sunday + timedelta(days=1)
    assert late.local_date == sunday
    others = [session_on(weeks_back(1) + timedelta(days=n)) for n in (0, 1)]
    summary = weekly_summary([*others, late], [], TODAY, 3)
    assert summary.current == 1 and summary.this_week_done == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"days_per_week": 3}', 3),
        ('{"days_per_week": 0}', 7),
        ('{"days_per_week": 9}', 7),
        ('{"days_per_week": true}', 7),
        ('{"days_per_week": "3"}', 7),
        ("[3]", 7),
        ("{not json", 7),
        (None, 7),
    ],
)
def test_the_goal_status_reads_falls_back_to_every_day(
    tmp_path: Path, content: str | None, expected: int
) -> None:
    path = tmp_path / "settings.json"
    if content is not None:
        path.write_text(content)
    assert days_per_week(path) == expected
    if content is not None:
        assert path.read_text() == content, "read, never repaired"


def test_the_setting_accepts_one_to_seven_days_only() -> None:
    assert Settings().days_per_week == 7
    with pytest.raises(ValidationError):
        Settings(days_per_week=8)

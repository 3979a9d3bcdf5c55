"""A weekly goal ("3 days a week"): its streak counted in ISO weeks that met it.

Pure functions over recorded calendar days, like ``streaks``: a day counts when a
session on it was completed (its recorded local date, never recomputed, so DST and
travel cannot move it). With a goal of some days a week one missed day no longer ends
anything: only a whole week short of the goal does.

Rest days neither count nor break here either. A week needs ``min(goal, days that
were not rest days)``: a week of 4 rest days and a goal of 5 needs the other 3 done; a
week of nothing but rest days is passed over, like a rest day in the daily streak. The
current week is still open: met, it counts; not yet met, it does not break the streak.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from backcoach.core.streaks import DatedSession, counted_days, monday_of

#: The goal when the user has set none: every day, as the daily streak counts.
EVERY_DAY = 7
_ONE_WEEK = timedelta(weeks=1)


@dataclass(frozen=True)
class WeekResult:
    """One ISO week measured against the goal."""

    monday: date
    days_counted: int  # days with a completed session, up to today
    days_needed: int  # the goal, less the week's rest days; 0: a week of rest only
    current: bool  # the week of today, still open

    @property
    def met(self) -> bool:
        return self.days_needed > 0 and self.days_counted >= self.days_needed

    @property
    def breaks(self) -> bool:
        """Ends a streak: a past week that needed days and did not get them."""
        return not self.met and self.days_needed > 0 and not self.current


def week_result(
    monday: date,
    counted: Collection[date],
    rest_days: Collection[date],
    today: date,
    days_per_week: int,
) -> WeekResult:
    """The week starting ``monday``; a rest day with a completed session is no rest day."""
    days = [monday + timedelta(days=i) for i in range(7)]
    done = sum(1 for d in days if d in counted and d <= today)
    rest = sum(1 for d in days if d in rest_days and d not in counted)
    return WeekResult(
        monday=monday,
        days_counted=done,
        days_needed=min(_goal(days_per_week), 7 - rest),
        current=monday == monday_of(today),
    )


def _goal(days_per_week: int) -> int:
    return max(1, min(EVERY_DAY, days_per_week))


def _first_monday(counted: Collection[date], rest_days: Collection[date], today: date) -> date:
    """The Monday of the earliest day that matters (today's when there is none)."""
    earliest = min((d for d in (*counted, *rest_days) if d <= today), default=today)
    return monday_of(earliest)


def week_results(
    counted: Collection[date], rest_days: Iterable[date], today: date, days_per_week: int
) -> list[WeekResult]:
    """Every week from the first counted (or rest) day's to today's, oldest first."""
    rest = set(rest_days)
    results: list[WeekResult] = []
    monday = _first_monday(counted, rest, today)
    last = monday_of(today)
    while monday <= last:
        results.append(week_result(monday, counted, rest, today, days_per_week))
        monday += _ONE_WEEK
    return results


def current_weekly_streak(
    counted: Collection[date], rest_days: Iterable[date], today: date, days_per_week: int
) -> int:
    """Weeks in a row that met the goal, ending with this week if it has, else last week."""
    run = 0
    for week in reversed(week_results(counted, rest_days, today, days_per_week)):
        if week.breaks:
            break
        run += week.met
    return run


def longest_weekly_streak(
    counted: Collection[date], rest_days: Iterable[date], today: date, days_per_week: int
) -> int:
    """The longest run of weeks that met the goal (weeks of rest only bridge the gap)."""
    best = run = 0
    for week in week_results(counted, rest_days, today, days_per_week):
        if week.breaks:
            run = 0
        run += week.met
        best = max(best, run)
    return best


@dataclass(frozen=True)
class WeeklySummary:
    """What home, History, ``status`` and the report show of a weekly goal."""

    days_per_week: int
    current: int  # weeks in a row
    longest: int
    this_week_done: int
    this_week_needed: int

    @property
    def every_day(self) -> bool:
        """The goal is every day: the daily streak already says it all."""
        return self.days_per_week >= EVERY_DAY

    def text(self) -> str:
        """``Week streak 3 (best 5) · this week 2/3``: days done of the days needed."""
        weeks = f"Week streak {self.current} (best {self.longest})"
        return f"{weeks} · this week {self.this_week_done}/{self.this_week_needed}"


def weekly_summary(
    sessions: Iterable[DatedSession],
    rest_days: Iterable[date],
    today: date,
    days_per_week: int = EVERY_DAY,
) -> WeeklySummary:
    """The weekly goal's streaks and this week's progress, from the sessions."""
    return weekly_summary_of_days(counted_days(sessions, today), rest_days, today, days_per_week)


def weekly_summary_of_days(
    counted: Collection[date],
    rest_days: Iterable[date],
    today: date,
    days_per_week: int = EVERY_DAY,
) -> WeeklySummary:
    """``weekly_summary`` from the days already counted (a completed session, up to
    ``today``): what ``status`` has from the summary's day tallies."""
    goal = _goal(days_per_week)
    rest = set(rest_days)
    this_week = week_result(monday_of(today), counted, rest, today, goal)
    return WeeklySummary(
        days_per_week=goal,
        current=current_weekly_streak(counted, rest, today, goal),
        longest=longest_weekly_streak(counted, rest, today, goal),
        this_week_done=this_week.days_counted,
        this_week_needed=this_week.days_needed,
    )

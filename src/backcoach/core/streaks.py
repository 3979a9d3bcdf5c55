"""Streaks and adherence: pure functions over recorded calendar days.

A session's day is the local date recorded when it started; it is never recomputed, so
DST changes and travel cannot move a past session. Days are calendar dates (no 24-hour
arithmetic). A day counts when a session on it was completed; a rest day (flare day)
neither counts nor breaks a streak; a day with a completed session counts even if it
was also marked as a rest day. Sessions dated after today do not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar
from uuid import UUID

from backcoach.core.streak_runs import (
    COUNTING_STATUS,
    bridging_rest,
    current_streak,
    longest_streak,
)

__all__ = ["COUNTING_STATUS", "current_streak", "longest_streak"]


class DatedSession(Protocol):
    """What streaks need from a session (a ``SessionRecord`` or a lighter view of one)."""

    @property
    def local_date(self) -> date: ...

    @property
    def status(self) -> str: ...

    @property
    def target_per_day(self) -> int: ...

    @property
    def routine_id(self) -> str | None: ...


class PainSession(Protocol):
    @property
    def id(self) -> UUID: ...

    @property
    def local_date(self) -> date: ...

    @property
    def started_at(self) -> datetime: ...

    @property
    def pain_before(self) -> int | None: ...

    @property
    def pain_after(self) -> int | None: ...


S = TypeVar("S", bound=DatedSession)


def counted_days(sessions: Iterable[DatedSession], today: date) -> set[date]:
    """Days up to ``today`` with at least one completed session."""
    return {s.local_date for s in sessions if s.status == COUNTING_STATUS and s.local_date <= today}


def future_sessions(sessions: Iterable[S], today: date) -> list[S]:
    """Sessions dated after ``today`` (a clock set wrong, or travel westwards): not counted."""
    return [s for s in sessions if s.local_date > today]


@dataclass(frozen=True)
class TodayProgress:
    done: int
    target: int


def today_progress(
    sessions: Iterable[DatedSession], today: date, target: int | None = None
) -> TodayProgress:
    """Completed routine sessions today against the target (the routines' times a day,
    else 1). A single exercise started on its own is no routine session: it counts for
    the streak's day, not toward today's target."""
    todays = [s for s in sessions if s.local_date == today and s.routine_id is not None]
    done = sum(1 for s in todays if s.status == COUNTING_STATUS)
    if target is None:
        target = max((s.target_per_day for s in todays), default=1)
    return TodayProgress(done=done, target=max(1, target))


@dataclass(frozen=True)
class StreakSummary:
    today: date
    current: int
    longest: int
    today_done: int
    today_target: int
    rest_day_today: bool
    future_sessions: int  # dated after today: reported, not counted


def summarize(
    sessions: Collection[DatedSession],
    rest_days: Iterable[date],
    today: date,
    target: int | None = None,
) -> StreakSummary:
    rest = set(rest_days)
    counted = counted_days(sessions, today)
    progress = today_progress(sessions, today, target)
    return StreakSummary(
        today=today,
        current=current_streak(counted, rest, today),
        longest=longest_streak(counted, rest),
        today_done=progress.done,
        today_target=progress.target,
        rest_day_today=today in rest,
        future_sessions=len(future_sessions(sessions, today)),
    )


@dataclass(frozen=True)
class WeekAdherence:
    """One ISO week: days that counted, and completed sessions against the target."""

    iso_year: int
    iso_week: int
    monday: date
    days_in_scope: int  # 7, or the days so far in the current week
    rest_days: int
    days_counted: int
    sessions_completed: int
    sessions_target: int

    @property
    def day_fraction(self) -> float:
        """Counted days over the days that were not rest days (1.0 when all were rest)."""
        possible = self.days_in_scope - self.rest_days
        return 1.0 if possible <= 0 else min(1.0, self.days_counted / possible)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def weekly_adherence(
    sessions: Iterable[DatedSession],
    rest_days: Iterable[date],
    today: date,
    weeks: int = 8,
    target_per_day: int | None = None,
) -> list[WeekAdherence]:
    """The last ``weeks`` ISO weeks, oldest first, the current (partial) week last."""
    completed: Counter[date] = Counter()
    targets: dict[date, int] = defaultdict(int)
    for s in sessions:
        targets[s.local_date] = max(targets[s.local_date], s.target_per_day)
        if s.status == COUNTING_STATUS:
            completed[s.local_date] += 1
    counted = {d for d in completed if d <= today}
    rest = bridging_rest(counted, rest_days)
    result: list[WeekAdherence] = []
    this_monday = monday_of(today)
    for back in range(weeks - 1, -1, -1):
        monday = this_monday - timedelta(weeks=back)
        days = [monday + timedelta(days=i) for i in range(7)]
        in_scope = [d for d in days if d <= today]
        week_target = target_per_day or max((targets.get(d, 1) for d in days), default=1)
        open_days = [d for d in in_scope if d not in rest]
        year, week, _ = monday.isocalendar()
        result.append(
            WeekAdherence(
                iso_year=year,
                iso_week=week,
                monday=monday,
                days_in_scope=len(in_scope),
                rest_days=sum(1 for d in in_scope if d in rest),
                days_counted=sum(1 for d in in_scope if d in counted),
                sessions_completed=sum(completed[d] for d in in_scope),
                sessions_target=week_target * len(open_days),
            )
        )
    return result


@dataclass(frozen=True)
class DayActivity:
    """One cell of the History screen's heatmap."""

    day: date
    completed: int  # completed sessions
    started: int  # every session that day, whatever its status
    rest_day: bool


def day_activity(
    sessions: Iterable[DatedSession], rest_days: Iterable[date], today: date, weeks: int = 12
) -> list[DayActivity]:
    """Every day from the Monday ``weeks - 1`` weeks back up to today, oldest first."""
    completed: Counter[date] = Counter()
    started: Counter[date] = Counter()
    for s in sessions:
        started[s.local_date] += 1
        if s.status == COUNTING_STATUS:
            completed[s.local_date] += 1
    rest = set(rest_days)
    first = monday_of(today) - timedelta(weeks=max(0, weeks - 1))
    span = (today - first).days + 1
    return [
        DayActivity(day=d, completed=completed[d], started=started[d], rest_day=d in rest)
        for d in (first + timedelta(days=i) for i in range(span))
    ]


@dataclass(frozen=True)
class PainPoint:
    session_id: UUID
    local_date: date
    started_at: datetime
    before: int | None
    after: int | None


def pain_series(sessions: Iterable[PainSession]) -> list[PainPoint]:
    """Pain before and after, by session in time order, for sessions that recorded any."""
    points = [
        PainPoint(s.id, s.local_date, s.started_at, s.pain_before, s.pain_after)
        for s in sessions
        if s.pain_before is not None or s.pain_after is not None
    ]
    return sorted(points, key=lambda p: p.started_at)

"""Runs of counted days: the current and the longest streak, rest days bridging gaps.

A leaf of plain functions (no dataclass, no import beyond ``datetime``), so
``backcoach status`` can count streaks from the summary's day tallies cheaply; the
rest of ``streaks`` builds on it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

COUNTING_STATUS = "completed"
_ONE_DAY = timedelta(days=1)


def bridging_rest(counted: Collection[date], rest_days: Iterable[date]) -> set[date]:
    return {d for d in rest_days if d not in counted}


def _run_ending(day: date, counted: Collection[date], rest: Collection[date]) -> int:
    run = 0
    while day in counted or day in rest:
        if day in counted:
            run += 1
        day -= _ONE_DAY
    return run


def current_streak(counted: Collection[date], rest_days: Iterable[date], today: date) -> int:
    """Counted days in a row ending today, or yesterday while today is still open."""
    rest = bridging_rest(counted, rest_days)
    start = today if today in counted or today in rest else today - _ONE_DAY
    return _run_ending(start, counted, rest)


def longest_streak(counted: Collection[date], rest_days: Iterable[date]) -> int:
    """The longest run of counted days, rest days bridging gaps."""
    rest = bridging_rest(counted, rest_days)
    best = run = 0
    previous: date | None = None
    for day in sorted(set(counted) | rest):
        if previous is not None and day - previous != _ONE_DAY:
            run = 0
        if day in counted:
            run += 1
            best = max(best, run)
        previous = day
    return best

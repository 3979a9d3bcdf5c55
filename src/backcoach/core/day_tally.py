"""A tally per day of what the streaks and today's count need, kept in the summary.

``status`` and start-up read these instead of every session: per day, how many sessions,
how many completed, how many completed routine sessions and the routine's times a day.
Plain Python (no pydantic), shared by the store that writes them and ``status``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol

from backcoach.core.streak_runs import COUNTING_STATUS, current_streak, longest_streak

#: On disk a day is ``[sessions, completed, routine_completed, routine_target]``.
DayTally = list[int]
DayTallies = dict[str, DayTally]


class TalliedSession(Protocol):
    @property
    def local_date(self) -> date: ...

    @property
    def status(self) -> str: ...

    @property
    def target_per_day(self) -> int: ...

    @property
    def routine_id(self) -> str | None: ...


def tally_days(sessions: Iterable[TalliedSession]) -> DayTallies:
    """The tallies of ``sessions`` by ISO day (each session counted once)."""
    days: DayTallies = {}
    for session in sessions:
        tally = days.setdefault(session.local_date.isoformat(), [0, 0, 0, 0])
        completed = session.status == COUNTING_STATUS
        tally[0] += 1
        tally[1] += completed
        if session.routine_id is not None:
            tally[2] += completed
            tally[3] = max(tally[3], session.target_per_day)
    return dict(sorted(days.items()))


def counted_days(days: Mapping[str, DayTally], today: date) -> set[date]:
    """Days up to ``today`` with a completed session (what a streak counts)."""
    limit = today.isoformat()
    return {date.fromisoformat(day) for day, tally in days.items() if tally[1] and day <= limit}


def streaks_from_tallies(
    days: Mapping[str, DayTally], rest_days: Iterable[date], today: date
) -> tuple[int, int]:
    """(current, longest) streak, the same as ``streaks.summarize`` over the sessions."""
    counted = counted_days(days, today)
    rest = set(rest_days)
    return current_streak(counted, rest, today), longest_streak(counted, rest)


def future_days(days: Mapping[str, DayTally], today: date) -> dict[str, int]:
    """Days after ``today`` that hold sessions, with how many (a clock set wrong)."""
    limit = today.isoformat()
    return {day: tally[0] for day, tally in days.items() if day > limit and tally[0]}

"""The figures the history screen shows, taken from the core in one place.

The screen never computes a streak itself: it asks this adapter, which asks the core,
so the screen's numbers are the store's numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from backcoach.core.history_models import History, RestDay
from backcoach.core.store import HistoryStore, SaveReport
from backcoach.tui.widgets.pain_trend import PainPoint


@dataclass(frozen=True)
class WeekFigure:
    """One calendar week (Monday first): days that counted out of the days so far."""

    week_start: date
    days_counted: int
    days_possible: int


@dataclass(frozen=True)
class HistoryFigures:
    today: date
    current_streak: int
    longest_streak: int
    today_done: int
    today_target: int
    weeks: tuple[WeekFigure, ...]
    sessions_per_day: dict[date, int]
    rest_days: frozenset[date]
    pain: tuple[PainPoint, ...]


def compute_figures(history: History, today: date, weeks: int = 4) -> HistoryFigures:
    """Everything the screen shows about streaks, days and pain."""
    # TEMPORARY until core/streaks.py lands: counted days are days with a completed session.
    per_day = Counter(
        s.local_date for s in history.sessions if s.status == "completed" and s.local_date <= today
    )
    rest = frozenset(r.local_date for r in history.rest_days)
    counted = sorted(per_day)
    current = 0
    day = today if today in per_day else today - timedelta(days=1)
    while day in per_day or day in rest:
        if day in per_day:
            current += 1
        day -= timedelta(days=1)
    longest = 0
    run = 0
    previous: date | None = None
    for d in counted:
        if previous is not None and all(
            (previous + timedelta(days=i)) in rest for i in range(1, (d - previous).days)
        ):
            run += 1
        else:
            run = 1
        longest = max(longest, run)
        previous = d
    todays = [s for s in history.sessions if s.local_date == today]
    target = max((s.target_per_day for s in todays), default=1)
    this_monday = today - timedelta(days=today.weekday())
    week_figures = []
    for back in range(weeks):
        start = this_monday - timedelta(weeks=back)
        possible = min(7, (today - start).days + 1)
        done = sum(1 for i in range(possible) if (start + timedelta(days=i)) in per_day)
        week_figures.append(WeekFigure(start, done, possible))
    pain = tuple(
        PainPoint(s.local_date, s.pain_before, s.pain_after)
        for s in sorted(history.sessions, key=lambda s: s.started_at)
        if s.pain_before is not None or s.pain_after is not None
    )
    return HistoryFigures(
        today=today,
        current_streak=current,
        longest_streak=longest,
        today_done=per_day.get(today, 0),
        today_target=target,
        weeks=tuple(week_figures),
        sessions_per_day=dict(per_day),
        rest_days=rest,
        pain=pain,
    )


def clear_flag(
    store: HistoryStore, flag_id: UUID, *, by_clinician: bool, note: str | None
) -> SaveReport:
    """Clear one flag, keeping it (and the answer) in the history."""
    # TEMPORARY until the store has clear_flag.
    when = store.clock.now()

    def change(history: History) -> None:
        for flag in history.flags:
            if flag.id == flag_id and flag.active:
                flag.cleared_at = when
                flag.cleared_by_clinician = by_clinician
                flag.cleared_note = note

    return store.update(change)


def set_rest_day(store: HistoryStore, day: date, rest: bool) -> SaveReport:
    """Mark or unmark ``day`` as a rest day."""
    # TEMPORARY until the store has its own rest-day functions.
    when = store.clock.now()

    def change(history: History) -> None:
        history.rest_days = [r for r in history.rest_days if r.local_date != day]
        if rest:
            history.rest_days.append(RestDay(local_date=day, marked_at=when))

    return store.update(change)

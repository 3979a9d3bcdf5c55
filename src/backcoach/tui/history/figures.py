"""The figures the history screen shows, taken from the core's streaks in one place.

The screen never computes a streak itself: it asks this adapter, which only calls
``backcoach.core.streaks``, so the screen's numbers are the ``status`` command's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backcoach.core import streaks
from backcoach.core.history_models import History
from backcoach.core.weekly_streaks import EVERY_DAY, WeeklySummary, weekly_summary
from backcoach.tui.widgets.pain_trend import PainPoint

HEATMAP_WEEKS = 26


@dataclass(frozen=True)
class HistoryFigures:
    today: date
    summary: streaks.StreakSummary
    weeks: tuple[streaks.WeekAdherence, ...]  # oldest first, this week last
    sessions_per_day: dict[date, int]  # completed sessions, as counted for streaks
    rest_days: frozenset[date]
    pain: tuple[PainPoint, ...]
    weekly: WeeklySummary

    @property
    def current_streak(self) -> int:
        return self.summary.current

    @property
    def longest_streak(self) -> int:
        return self.summary.longest

    @property
    def today_done(self) -> int:
        return self.summary.today_done

    @property
    def today_target(self) -> int:
        return self.summary.today_target

    @property
    def rest_day_today(self) -> bool:
        return self.summary.rest_day_today


def compute_figures(
    history: History, today: date, weeks: int = 4, days_per_week: int = EVERY_DAY
) -> HistoryFigures:
    """Everything the screen shows about streaks, days and pain (and the weekly goal)."""
    rest_days = frozenset(r.local_date for r in history.rest_days)
    activity = streaks.day_activity(history.sessions, rest_days, today, weeks=HEATMAP_WEEKS)
    return HistoryFigures(
        today=today,
        summary=streaks.summarize(history.sessions, rest_days, today),
        weeks=tuple(streaks.weekly_adherence(history.sessions, rest_days, today, weeks=weeks)),
        sessions_per_day={a.day: a.completed for a in activity if a.completed},
        rest_days=rest_days,
        pain=tuple(
            PainPoint(p.local_date, p.before, p.after)
            for p in streaks.pain_series(history.sessions)
        ),
        weekly=weekly_summary(history.sessions, rest_days, today, days_per_week),
    )

"""What ``backcoach status`` shows, read with the app's own model and validation.

A lighter model would be quicker, but it would call a file fine that the app moves
aside (a bad exercise record, a duplicate id): ``status`` must never disagree with the
app, so it validates exactly as the app does (``make bench`` measures the cost). Names
from the file are shown with visible escapes. Nothing is written, nothing is created.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from backcoach.core.history_io import read_for_display
from backcoach.core.history_models import History
from backcoach.core.streaks import future_sessions, summarize
from backcoach.core.visible_text import visible
from backcoach.core.weekly_streaks import EVERY_DAY, WeeklySummary, weekly_summary


@dataclass
class Status:
    today: date
    streak: int
    best: int
    today_done: int
    today_target: int
    rest_day_today: bool
    flagged: list[str]
    future_sessions: list[str]  # ISO dates of sessions dated after today
    notices: list[str] = field(default_factory=list)
    read_only: bool = False
    weekly: WeeklySummary | None = None  # the weekly goal's streak, when one is set

    def line(self) -> str:
        parts = [
            f"streak {self.streak} (best {self.best})",
            f"today {self.today_done}/{self.today_target}",
        ]
        if self.weekly is not None and not self.weekly.every_day:
            parts.append(self.weekly.text().lower())
        if self.rest_day_today:
            parts.append("rest day")
        if self.flagged:
            parts.append("flagged: " + ", ".join(self.flagged))
        return "backcoach: " + " · ".join(parts)

    def as_json(self) -> str:
        data: dict[str, Any] = asdict(self)
        data["today"] = self.today.isoformat()
        return json.dumps(data, ensure_ascii=False)


def flagged_names(history: History) -> list[str]:
    """Names of exercises with an uncleared flag, oldest flag first."""
    newest = history.active_flags().values()
    return [f.exercise_name for f in sorted(newest, key=lambda f: f.flagged_at)]


def read_status(
    data_dir: Path, today: date, target: int | None = None, days_per_week: int = EVERY_DAY
) -> Status:
    """The status for ``today`` from ``<data_dir>/history.json`` (never raises on bad data)."""
    shown = read_for_display(data_dir / "history.json", data_dir / "history.json.bak", History)
    history = shown.model or History()
    rest_days = [r.local_date for r in history.rest_days]
    summary = summarize(history.sessions, rest_days, today, target)
    future = sorted({s.local_date.isoformat() for s in future_sessions(history.sessions, today)})
    notices = list(shown.notices)
    if future:
        notices.append(
            f"{summary.future_sessions} session(s) dated after today ({', '.join(future)}) "
            "are not counted; is the clock or time zone right?"
        )
    return Status(
        today=today,
        streak=summary.current,
        best=summary.longest,
        today_done=summary.today_done,
        today_target=summary.today_target,
        rest_day_today=summary.rest_day_today,
        flagged=[visible(name) for name in flagged_names(history)],
        future_sessions=future,
        notices=notices,
        read_only=shown.read_only,
        weekly=weekly_summary(history.sessions, rest_days, today, days_per_week),
    )

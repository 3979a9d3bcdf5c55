"""What ``backcoach status`` shows, read through a lean model for speed.

Ten years of history is tens of megabytes; validating every exercise record would take
seconds. The status line only needs each session's day, status and daily target, the
flags and the rest days, so it validates exactly those (types included) and lets the
JSON parser skip the rest. Nothing is written, nothing is created.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from backcoach.core.history_io import read_for_display
from backcoach.core.history_models import SCHEMA_VERSION, SessionStatus
from backcoach.core.streaks import future_sessions, summarize
from backcoach.core.weekly_streaks import EVERY_DAY, WeeklySummary, weekly_summary


class _Lean(BaseModel):
    model_config = ConfigDict(extra="ignore")


class LeanSession(_Lean):
    local_date: date
    status: SessionStatus = "in_progress"
    target_per_day: int = Field(default=1, ge=1)
    routine_id: str | None = None


class LeanFlag(_Lean):
    exercise_id: str
    exercise_name: str
    flagged_at: AwareDatetime
    cleared_at: AwareDatetime | None = None
    withdrawn_at: AwareDatetime | None = None


class LeanRestDay(_Lean):
    local_date: date


class StatusHistory(_Lean):
    schema_version: int = SCHEMA_VERSION
    sessions: list[LeanSession] = Field(default_factory=list)
    flags: list[LeanFlag] = Field(default_factory=list)
    rest_days: list[LeanRestDay] = Field(default_factory=list)

    def flagged_names(self) -> list[str]:
        """Names of exercises with an uncleared flag, oldest flag first."""
        newest: dict[str, LeanFlag] = {}
        for flag in sorted(self.flags, key=lambda f: f.flagged_at):
            if flag.cleared_at is None and flag.withdrawn_at is None:
                newest[flag.exercise_id] = flag
        return [f.exercise_name for f in sorted(newest.values(), key=lambda f: f.flagged_at)]


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


def read_status(
    data_dir: Path, today: date, target: int | None = None, days_per_week: int = EVERY_DAY
) -> Status:
    """The status for ``today`` from ``<data_dir>/history.json`` (never raises on bad data)."""
    shown = read_for_display(
        data_dir / "history.json", data_dir / "history.json.bak", StatusHistory
    )
    history = shown.model or StatusHistory()
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
        flagged=history.flagged_names(),
        future_sessions=future,
        notices=notices,
        read_only=shown.read_only,
        weekly=weekly_summary(history.sessions, rest_days, today, days_per_week),
    )

"""``status`` for a data dir not yet upgraded to the split layout: the single
``history.json`` of schema versions 1 and 2, read through a lean pydantic model (only
what the status line needs is validated). Imported only in that case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from backcoach.core.day_tally import DayTallies, tally_days
from backcoach.core.history_io import read_for_display
from backcoach.core.history_models import SCHEMA_VERSION, SessionStatus


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


def read_legacy(data_dir: Path) -> tuple[DayTallies, list[date], list[str], list[str], bool]:
    """(day tallies, rest days, flagged names, notices, read-only) from the old file."""
    shown = read_for_display(
        data_dir / "history.json", data_dir / "history.json.bak", StatusHistory
    )
    history = shown.model or StatusHistory()
    rest = [r.local_date for r in history.rest_days]
    return (
        tally_days(history.sessions),
        rest,
        history.flagged_names(),
        shown.notices,
        shown.read_only,
    )

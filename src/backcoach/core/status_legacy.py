"""``status`` for a data dir not yet upgraded to the split layout: the single
``history.json`` of schema versions 1 and 2, read with the app's own ``History`` model
and validation, so ``status`` never calls a file fine that the app would move aside.
Imported only in that case (the split layout is read without pydantic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from backcoach.core.day_tally import DayTallies, tally_days
from backcoach.core.history_io import read_for_display
from backcoach.core.history_models import History


def flagged_names(history: History) -> list[str]:
    """Names of exercises with an uncleared flag, oldest flag first."""
    newest = history.active_flags().values()
    return [f.exercise_name for f in sorted(newest, key=lambda f: f.flagged_at)]


def read_legacy(data_dir: Path) -> tuple[DayTallies, list[date], list[str], list[str], bool]:
    """(day tallies, rest days, flagged names, notices, read-only) from the old file."""
    shown = read_for_display(data_dir / "history.json", data_dir / "history.json.bak", History)
    history = shown.model or History()
    rest = [r.local_date for r in history.rest_days]
    return (
        tally_days(history.sessions),
        rest,
        flagged_names(history),
        shown.notices,
        shown.read_only,
    )

"""One setting read from ``settings.json`` for the quick commands (``status``, ``remind``).

They must not repair, move or create anything (the app does that when it loads the
settings), and ``status`` stays light: plain ``json``, no pydantic. Anything unreadable
or out of range gives the default, as the app would after moving the file aside.
"""

from __future__ import annotations

import json
from pathlib import Path

from backcoach.core.weekly_streaks import EVERY_DAY


def days_per_week(settings_file: Path) -> int:
    """The weekly goal in the file: 1-7 days, else every day (7)."""
    try:
        data = json.loads(settings_file.read_bytes())
    except (OSError, ValueError, RecursionError):
        return EVERY_DAY
    value = data.get("days_per_week") if isinstance(data, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= EVERY_DAY:
        return value
    return EVERY_DAY

"""Today's status in one line: streak, sessions today against the target, flags.

The figures are the core's (``streaks.summarize``), the same the history screen and
``backcoach status`` show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.core.streaks import summarize

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def status_text(app: BackcoachApp) -> str:
    """``Streak 3 days (best 5) · Today 1/2 sessions · 1 exercise flagged``."""
    history = app.history
    today = app.services.clock.now().date()
    summary = summarize(history.sessions, [r.local_date for r in history.rest_days], today)
    sessions = "session" if summary.today_target == 1 else "sessions"
    parts = [
        f"Streak {plural(summary.current, 'day')} (best {summary.longest})",
        f"Today {summary.today_done}/{summary.today_target} {sessions}",
    ]
    flagged = len(history.active_flags())
    if flagged:
        parts.append(f"{plural(flagged, 'exercise')} flagged")
    if summary.rest_day_today:
        parts.append("rest day today")
    return " · ".join(parts)

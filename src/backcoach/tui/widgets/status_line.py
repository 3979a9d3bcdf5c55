"""Today's status in one line: streak, sessions today against the target, flags.

The figures are the core's (``streaks.summarize``), the same the history screen and
``backcoach status`` show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.core.streaks import summarize

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp

#: What counts, for the help screen (and, shorter, the status line's tooltip).
STREAK_RULES = (
    "A day counts when a session reaches its end: skipped exercises and pain stops "
    'are fine. A session ended early does not count, so "Today 0/1" stays until one '
    "reaches its end. Rest days (x in History) neither count nor break a streak, and "
    "today is still open: the streak only ends when a whole day is missed."
)
STREAK_TOOLTIP = (
    "A day counts when a session reaches its end (skips and pain stops are fine); "
    "ending early does not count; rest days do not break a streak. Help (?) says more."
)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def status_text(app: BackcoachApp) -> str:
    """``Streak 3 days (best 5) · Today 1/2 (Stretches: twice a day) · 1 flagged``."""
    history = app.history
    today = app.services.clock.now().date()
    summary = summarize(history.sessions, [r.local_date for r in history.rest_days], today)
    sessions = "session" if summary.today_target == 1 else "sessions"
    counts = f"Today {summary.today_done}/{summary.today_target}"
    why = target_reason(app, summary.today_target)
    parts = [
        f"Streak {plural(summary.current, 'day')} (best {summary.longest})",
        f"{counts} ({why})" if why else f"{counts} {sessions}",
    ]
    flagged = len(history.active_flags())
    if flagged:
        parts.append(f"{flagged} flagged")
    if summary.rest_day_today:
        parts.append("rest day today")
    return " · ".join(parts)


def target_reason(app: BackcoachApp, target: int) -> str | None:
    """Why today's target is above one: ``Stretches: twice a day`` (the routine done
    today that asks for it), so the number does not change unexplained."""
    if target <= 1:
        return None
    today = app.services.clock.now().date()
    for session in app.history.sessions:
        if session.local_date == today and session.target_per_day == target:
            often = "twice a day" if target == 2 else f"{target} times a day"
            return f"{session.routine_name}: {often}"
    return None

"""Read-only questions about a ``History`` that the app and commands ask."""

from __future__ import annotations

from datetime import date

from backcoach.core.history_models import Flag, History, SessionRecord


def interrupted_today(history: History, today: date) -> list[SessionRecord]:
    """Today's interrupted sessions, newest first: what the app offers to resume."""
    found = [s for s in history.sessions if s.status == "interrupted" and s.local_date == today]
    return sorted(found, key=lambda s: s.started_at, reverse=True)


def interrupted_before(history: History, today: date) -> list[SessionRecord]:
    """Interrupted sessions from an earlier day: never offered for resume any more."""
    return [s for s in history.sessions if s.status == "interrupted" and s.local_date < today]


def in_progress_sessions(history: History) -> list[SessionRecord]:
    return [s for s in history.sessions if s.status == "in_progress"]


def active_flags_for(history: History, exercise_id: str) -> list[Flag]:
    """Every uncleared flag on one exercise (there can be more than one)."""
    return [f for f in history.flags if f.exercise_id == exercise_id and f.active]


def sessions_newest_first(history: History) -> list[SessionRecord]:
    return sorted(history.sessions, key=lambda s: s.started_at, reverse=True)

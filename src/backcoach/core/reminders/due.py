"""Whether a reminder is due today, and what it says: pure, over the recorded sessions.

Today's target and count are the streaks' own (``today_progress``): completed routine
sessions today against the routines' times a day. A rest day needs no reminder.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from backcoach.core.streaks import DatedSession, today_progress

TITLE = "backcoach"


class NamedSession(DatedSession, Protocol):
    @property
    def routine_name(self) -> str: ...


@dataclass(frozen=True)
class Reminder:
    """What the notification says."""

    done: int
    target: int
    routine_name: str | None  # the routine whose times a day set the target, if any

    @property
    def title(self) -> str:
        return TITLE

    @property
    def body(self) -> str:
        """``Stretches: 1 of 2 done today`` or ``No routine session done yet today``."""
        if self.routine_name is not None:
            return f"{self.routine_name}: {self.done} of {self.target} done today"
        if self.done == 0:
            return "No routine session done yet today"
        return f"{self.done} of {self.target} routine sessions done today"


def reminder_due(
    sessions: Collection[NamedSession], rest_days: Iterable[date], today: date
) -> Reminder | None:
    """A reminder while today's target is not met; None once it is, or on a rest day."""
    if today in set(rest_days):
        return None
    progress = today_progress(sessions, today)
    if progress.done >= progress.target:
        return None
    name = _target_routine(sessions, today, progress.target)
    return Reminder(progress.done, progress.target, name)


def _target_routine(sessions: Iterable[NamedSession], today: date, target: int) -> str | None:
    """The routine done today that asks for more than one (twice a day: the stretches)."""
    if target <= 1:
        return None
    for session in sessions:
        if (
            session.local_date == today
            and session.routine_id is not None
            and session.target_per_day == target
        ):
            return session.routine_name
    return None

"""Changes to a ``History``, written as "make it so" so that applying one twice is harmless.

The store may apply a pending change again (to a fresh re-read after a failed save), so
every change here is idempotent: insert-or-replace by id, set a field, upsert a day.
The history given is the store's private copy, but its records may be shared with a
history other threads are reading: records are replaced by changed copies, never edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from uuid import UUID

from backcoach.core.history_models import (
    Flag,
    History,
    NoticeDismissal,
    ProgressionState,
    RestDay,
    RestDayUnmarked,
    SessionRecord,
)


def _newer_or_equal(candidate: datetime | None, existing: datetime | None) -> bool:
    """Whether ``candidate`` should replace ``existing`` (unknown times lose to known ones)."""
    if existing is None:
        return True
    if candidate is None:
        return False
    return candidate >= existing


def upsert_session(history: History, record: SessionRecord) -> None:
    """Insert ``record`` or replace the one with its id, unless the stored one is newer.

    Searched newest first: the session saved after each exercise is the latest one."""
    sessions = history.sessions
    for index in range(len(sessions) - 1, -1, -1):
        existing = sessions[index]
        if existing.id == record.id:
            if _newer_or_equal(record.updated_at, existing.updated_at):
                sessions[index] = record
            return
    sessions.append(record)


def upsert_flag(history: History, flag: Flag) -> None:
    """Insert ``flag`` or replace the one with its id (a clearing keeps the newest state)."""
    for index, existing in enumerate(history.flags):
        if existing.id == flag.id:
            if existing.cleared_at is not None and flag.cleared_at is None:
                return  # a clearing is never undone by an older copy
            history.flags[index] = flag
            return
    history.flags.append(flag)


def clear_flags(
    history: History, flag_ids: Iterable[UUID], when: datetime, note: str, by_clinician: bool
) -> int:
    """Mark the given flags cleared (once: the first clearing is kept). Returns how many."""
    wanted = set(flag_ids)
    cleared = 0
    for index, flag in enumerate(history.flags):
        if flag.id in wanted and flag.cleared_at is None:
            history.flags[index] = flag.model_copy(
                update={
                    "cleared_at": when,
                    "cleared_note": note,
                    "cleared_by_clinician": by_clinician,
                }
            )
            cleared += 1
    return cleared


def set_rest_day(history: History, rest_day: RestDay) -> None:
    """Mark a day as a rest day (a later marking of the same day replaces the note)."""
    history.rest_days = [r for r in history.rest_days if r.local_date != rest_day.local_date]
    history.rest_days.append(rest_day)
    history.rest_days.sort(key=lambda r: r.local_date)
    history.rest_days_unmarked = [
        u for u in history.rest_days_unmarked if u.local_date != rest_day.local_date
    ]


def unset_rest_day(history: History, local_date: date, when: datetime) -> None:
    """Take a rest day back; the unmarking is kept (with when) so a sync merge can tell
    it from a marking made later on another machine."""
    history.rest_days = [r for r in history.rest_days if r.local_date != local_date]
    history.rest_days_unmarked = [
        u for u in history.rest_days_unmarked if u.local_date != local_date
    ]
    history.rest_days_unmarked.append(RestDayUnmarked(local_date=local_date, unmarked_at=when))
    history.rest_days_unmarked.sort(key=lambda u: u.local_date)


def set_progression(history: History, state: ProgressionState) -> None:
    history.progression[state.exercise_id] = state


def record_dismissal(history: History, dismissal: NoticeDismissal) -> None:
    """Keep that a notice was hidden (once per dismissal id)."""
    if all(existing.id != dismissal.id for existing in history.dismissals):
        history.dismissals.append(dismissal)


def mark_sessions_interrupted(history: History, session_ids: Iterable[UUID], when: datetime) -> int:
    """In-progress sessions among ``session_ids`` become interrupted. Returns how many."""
    wanted = set(session_ids)
    marked = 0
    for index, session in enumerate(history.sessions):
        if session.id in wanted and session.status == "in_progress":
            history.sessions[index] = session.model_copy(
                update={
                    "status": "interrupted",
                    "last_saved_at": session.updated_at,  # when its owner last saved it
                    "updated_at": when,
                }
            )
            marked += 1
            add_missing_pain_flags(history, session)
    return marked


def add_missing_pain_flags(history: History, session: SessionRecord) -> None:
    """A pain stop's flag is written when the user answers the stop's question; if the
    app ended while that question was up, the session says "stopped for pain" with no
    flag. Such an exercise is flagged now (without a pain score), so it stays left out."""
    flagged = {f.exercise_id for f in history.flags if f.session_id == session.id}
    for exercise in session.exercises:
        if exercise.status != "stopped_for_pain" or exercise.exercise_id in flagged:
            continue
        when = session.updated_at or session.started_at
        history.flags.append(
            Flag(
                exercise_id=exercise.exercise_id,
                exercise_name=exercise.name,
                flagged_at=when,
                local_date=session.local_date,
                session_id=session.id,
                stopped_at=exercise.stopped_at,
            )
        )


def close_interrupted(record: SessionRecord) -> SessionRecord:
    """An interrupted session closed for good: a copy, ended early, what was done kept.

    It ends when its owner last saved it (not when it was found interrupted, which may be
    hours later); for records without that time, at its start plus the time spent on its
    exercises. ``updated_at`` is kept, so saving the copy replaces the stored one.
    """
    ended = record.last_saved_at
    if ended is None:
        spent = sum(exercise.seconds_spent for exercise in record.exercises)
        ended = record.started_at + timedelta(seconds=spent)
    ended = max(ended, record.started_at)
    return record.model_copy(
        deep=True, update={"status": "ended_early", "ended_at": ended, "pid": None}
    )

"""The builders of history records for every test: sessions and flags."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING
from uuid import UUID
from zoneinfo import ZoneInfo

from backcoach.core.history_models import (
    ExerciseRecord,
    Flag,
    History,
    SessionRecord,
    SessionStatus,
    SetRecord,
)

if TYPE_CHECKING:
    from backcoach.core.store import HistoryStore


def session_on(
    day: date,
    status: SessionStatus = "completed",
    *,
    hour: int = 9,
    zone: str | tzinfo = "UTC",
    target_per_day: int = 1,
    pain: tuple[int | None, int | None] = (None, None),
    exercises: int | list[ExerciseRecord] = 1,
    routine: str = "Daily routine",
    routine_id: str | None = "daily",
    session_id: UUID | None = None,
    ended_after: float | None = 20,
    updated_after: float | None = None,
) -> SessionRecord:
    """A session started at ``hour`` local time on ``day`` in ``zone``: the one builder of
    session records for every test (the front end's helpers only choose its arguments).

    ``exercises``: how many completed ones (``ex0``, ``ex1``...), or the records
    themselves. ``ended_after``/``updated_after``: minutes after the start, or None.
    An in-progress session never has an end.
    """
    where = ZoneInfo(zone) if isinstance(zone, str) else zone
    start = datetime.combine(day, time(hour), tzinfo=where)
    record = SessionRecord.begin(
        routine_id=routine_id,
        routine_name=routine,
        now=start,
        pid=None,
        target_per_day=target_per_day,
    )
    if session_id is not None:
        record.id = session_id
    record.status = status
    record.pain_before, record.pain_after = pain
    if ended_after is not None and status != "in_progress":
        record.ended_at = (start + timedelta(minutes=ended_after)).astimezone(UTC)
    if updated_after is not None:
        record.updated_at = (start + timedelta(minutes=updated_after)).astimezone(UTC)
    if isinstance(exercises, list):
        record.exercises = exercises
        return record
    record.exercises = [
        ExerciseRecord(
            exercise_id=f"ex{i}",
            name=f"Exercise {i}",
            status="completed",
            sets=[SetRecord(set=1, reps_done=10, holds_done=10)],
            seconds_spent=60.0,
        )
        for i in range(exercises)
    ]
    return record


def flag_for(exercise_id: str, name: str, when: datetime) -> Flag:
    return Flag(
        exercise_id=exercise_id, exercise_name=name, flagged_at=when, local_date=when.date()
    )


def put_history(store: HistoryStore, history: History) -> None:
    """Set up a whole history through the store, written as the app writes it."""

    def put(current: History) -> None:
        for name in History.model_fields:
            value = getattr(history, name)
            if isinstance(value, list | dict):
                setattr(current, name, list(value) if isinstance(value, list) else dict(value))

    report = store.update(put)
    assert report.ok, report.message

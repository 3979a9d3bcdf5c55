"""Small builders of history records for the store, streak, status and export tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backcoach.core.history_models import (
    ExerciseRecord,
    Flag,
    SessionRecord,
    SessionStatus,
    SetRecord,
)


def session_on(
    day: date,
    status: SessionStatus = "completed",
    *,
    hour: int = 9,
    zone: str = "UTC",
    target_per_day: int = 1,
    pain: tuple[int | None, int | None] = (None, None),
    exercises: int = 1,
    routine: str = "Daily routine",
) -> SessionRecord:
    """A session started at ``hour`` local time on ``day`` in ``zone``."""
    start = datetime.combine(day, time(hour), tzinfo=ZoneInfo(zone))
    record = SessionRecord.begin(
        routine_id="daily",
        routine_name=routine,
        now=start,
        pid=None,
        target_per_day=target_per_day,
    )
    record.status = status
    record.pain_before, record.pain_after = pain
    if status != "in_progress":
        record.ended_at = (start + timedelta(minutes=20)).astimezone(UTC)
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

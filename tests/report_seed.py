"""A seeded history of eight weeks for the report's golden tests (fixed days, no clock).

2026-01-05 (a Monday) to 2026-03-01 (a Sunday), the daily routine once a day, with rest
days, a missed day, an early end, skipped and partly done exercises, two severe-pain
days, two pain stops (one cleared by a clinician with a note, one still active) and a
stop withdrawn as a mistake. Bridges is renamed by an overlay to an injection attempt.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from backcoach.core.content_loader import load_catalog
from backcoach.core.content_models import Catalog
from backcoach.core.history_models import (
    ExerciseRecord,
    ExerciseStatus,
    Flag,
    History,
    RestDay,
    SessionRecord,
    SetRecord,
    StopPosition,
)
from backcoach.paths import AppPaths

FIRST_DAY = date(2026, 1, 5)
LAST_DAY = date(2026, 3, 1)
MADE_AT = datetime(2026, 3, 1, 18, 30, tzinfo=UTC)
INJECTION = '<script>alert(1)</script>[bold]=HYPERLINK("x")'
CLEARED_NOTE = "Physio: smaller range =SUM(A1) <b>ok</b> \x1b]0;owned\x07"
REST_DAYS = {10, 11, 40}
MISSED_DAYS = {20}
SEVERE_DAYS = {15: 8, 16: 9}
ROUTINE = (
    "bridges",
    "knee-to-chest",
    "lower-back-rotation",
    "draw-in",
    "pelvic-tilt",
    "lateral-leg-lifts",
    "cat-stretch",
    "superman",
    "seated-rotation",
    "partial-curls",
)
OVERLAY = f"id = \"bridges\"\nname = '{INJECTION}'\n[dosage]\nreps = 12\n"


def seeded_catalogs(paths: AppPaths) -> tuple[Catalog, Catalog]:
    """(the content with the user's overlay, the packaged content alone)."""
    folder = paths.user_exercises_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bridges.toml").write_text(OVERLAY, encoding="utf-8")
    used = load_catalog(paths)
    assert not used.problems, used.problems
    return used.catalog, load_catalog().catalog


def _pain(index: int) -> tuple[int | None, int | None]:
    if index in SEVERE_DAYS:
        return SEVERE_DAYS[index], SEVERE_DAYS[index] - 1
    before = (3, 4, 5, 4, 3, 2, 4)[index % 7] + (1 if 21 <= index < 35 else 0)
    after = None if index % 10 == 0 else max(0, before - 2)
    return before, after


def _status(index: int, exercise_id: str) -> ExerciseStatus:
    if index == 15 and exercise_id == "bridges":
        return "stopped_for_pain"
    if index == 45 and exercise_id == "knee-to-chest":
        return "stopped_for_pain"
    if index == 30 and exercise_id in ROUTINE[6:]:
        return "not_started"  # the session was ended early
    if index % 7 == 3 and exercise_id == "cat-stretch":
        return "skipped"
    if index % 9 == 4 and exercise_id == "superman":
        return "partly_done"
    return "completed"


def _exercise(catalog: Catalog, index: int, exercise_id: str) -> ExerciseRecord:
    status = _status(index, exercise_id)
    reps = 2 if status in {"partly_done", "stopped_for_pain"} else 10
    done = (
        []
        if status in {"skipped", "not_started"}
        else [SetRecord(set=1, reps_done=reps, holds_done=reps)]
    )
    record = ExerciseRecord(
        exercise_id=exercise_id,
        name=catalog.exercises[exercise_id].name,
        status=status,
        sets=done,
        seconds_spent=60.0 if done else 0.0,
        planned_sets=3 if exercise_id == "bridges" else 1,
    )
    if index == 15 and exercise_id == "bridges":
        record.stopped_at = StopPosition(
            set=2,
            rep=7,
            phase=3,
            phase_kind="hold",
            phase_cue="Hold the bridge",
            seconds_into_phase=2.5,
        )
    if index == 45 and exercise_id == "knee-to-chest":
        record.stopped_at = StopPosition(
            set=1, side="left leg", rep=2, phase=2, phase_kind="hold",
            phase_cue="Hold, pulling the knee in gently", seconds_into_phase=3.0,
        )  # fmt: skip
    return record


def seeded_history(catalog: Catalog) -> History:
    history = History()
    for index in range((LAST_DAY - FIRST_DAY).days + 1):
        day = FIRST_DAY + timedelta(days=index)
        if index in REST_DAYS:
            marked = datetime.combine(day, time(8), tzinfo=UTC)
            history.rest_days.append(RestDay(local_date=day, marked_at=marked, note="flare-up"))
            continue
        if index in MISSED_DAYS:
            continue
        start = datetime.combine(day, time(9), tzinfo=UTC)
        session = SessionRecord.begin(
            routine_id="daily", routine_name="Daily routine", now=start, pid=None
        )
        session.status = "ended_early" if index == 30 else "completed"
        session.ended_at = start + timedelta(minutes=25)
        session.pain_before, session.pain_after = _pain(index)
        session.exercises = [_exercise(catalog, index, e) for e in ROUTINE]
        history.sessions.append(session)
        for record in session.exercises:
            if record.status == "stopped_for_pain":
                history.flags.append(_flag(index, session, record))
    withdrawn_day = FIRST_DAY + timedelta(days=50)
    history.flags.append(
        Flag(
            exercise_id="superman",
            exercise_name="Superman",
            flagged_at=datetime.combine(withdrawn_day, time(9, 10), tzinfo=UTC),
            local_date=withdrawn_day,
            pain=4,
            withdrawn_at=datetime.combine(withdrawn_day, time(9, 11), tzinfo=UTC),
        )
    )
    return history


def _flag(index: int, session: SessionRecord, record: ExerciseRecord) -> Flag:
    day = session.local_date
    flag = Flag(
        exercise_id=record.exercise_id,
        exercise_name=record.name,
        flagged_at=session.started_at + timedelta(minutes=5),
        local_date=day,
        session_id=session.id,
        stopped_at=record.stopped_at,
        pain=7 if index == 15 else 6,
    )
    if index == 15:
        flag.cleared_at = datetime.combine(day + timedelta(days=3), time(12), tzinfo=UTC)
        flag.cleared_note = CLEARED_NOTE
        flag.cleared_by_clinician = True
    return flag


def write_golden(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")

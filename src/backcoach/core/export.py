"""Export: one row per exercise per session, as CSV (for a spreadsheet) or JSON.

A session with no exercise records still gets one row, so its pain scores are not lost.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta, timezone
from pathlib import Path

from backcoach.core.atomic import PRIVATE_FILE_MODE, replace_file
from backcoach.core.history_models import ExerciseRecord, History, SessionRecord
from backcoach.core.visible_text import spreadsheet_cell, visible

Cell = str | int | float | None

COLUMNS = (
    "date",
    "started_at",
    "routine",
    "exercise",
    "exercise_id",
    "status",
    "sets",
    "reps_done",
    "holds_done",
    "seconds",
    "pain_before",
    "pain_after",
    "session_status",
    "session_id",
)


def _local_start(session: SessionRecord) -> str:
    """The start as the wall clock showed it then, with its offset (ISO 8601)."""
    zone = timezone(timedelta(minutes=session.utc_offset_minutes))
    return session.started_at.astimezone(zone).isoformat(timespec="seconds")


def _row(session: SessionRecord, exercise: ExerciseRecord | None) -> dict[str, Cell]:
    row: dict[str, Cell] = {
        "date": session.local_date.isoformat(),
        "started_at": _local_start(session),
        "routine": session.routine_name,
        "exercise": None,
        "exercise_id": None,
        "status": None,
        "sets": None,
        "reps_done": None,
        "holds_done": None,
        "seconds": None,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "session_status": session.status,
        "session_id": str(session.id),
    }
    if exercise is not None:
        row.update(
            exercise=exercise.name,
            exercise_id=exercise.exercise_id,
            status=exercise.status,
            sets=len({s.set for s in exercise.sets}),
            reps_done=exercise.reps_done,
            holds_done=exercise.holds_done,
            seconds=round(exercise.seconds_spent, 1),
        )
    return row


def export_rows(history: History) -> list[dict[str, Cell]]:
    """Rows in time order: one per exercise per session."""
    rows: list[dict[str, Cell]] = []
    for session in sorted(history.sessions, key=lambda s: s.started_at):
        if not session.exercises:
            rows.append(_row(session, None))
        rows.extend(_row(session, exercise) for exercise in session.exercises)
    return rows


def _csv_cell(value: Cell) -> str | int | float:
    """Text as a spreadsheet shows it literally (no formula, no control character)."""
    if value is None:
        return ""
    return spreadsheet_cell(value) if isinstance(value, str) else value


def render_csv(rows: list[dict[str, Cell]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def render_json(rows: list[dict[str, Cell]]) -> str:
    """JSON for scripts: text with visible escapes (json.dumps leaves DEL and C1 raw), and
    never ``Infinity`` or ``NaN``, which are not JSON (the models refuse them anyway)."""
    shown = [{k: visible(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]
    return json.dumps(shown, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render(history: History, fmt: str) -> str:
    rows = export_rows(history)
    if fmt == "csv":
        return render_csv(rows)
    if fmt == "json":
        return render_json(rows)
    raise ValueError(f"unknown export format {fmt!r}")


def write_export(path: Path, data: bytes) -> None:
    """Write ``path`` atomically as 0600. The directory must exist and keeps its mode
    (unlike the data dir, it is the user's own folder)."""
    replace_file(path, data, PRIVATE_FILE_MODE)

"""Export: the history as rows, as CSV (for a spreadsheet) or JSON.

One row per exercise per session (``record`` = ``exercise``; a session with no exercise
records still gets one row, ``session``, so its pain scores are not lost), then one row
per flag (``flag``: where the exercise stopped, the pain then, how it was cleared) and
one per rest day (``rest_day``). Every column is described in docs/export.md.

In CSV every text cell goes through ``visible_text.spreadsheet_cell``: control
characters become visible escapes and a cell starting with ``=``, ``+``, ``-`` or ``@``
is quoted as text, so a name like ``=HYPERLINK(...)`` is never run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from backcoach.core.atomic import PRIVATE_FILE_MODE, replace_file
from backcoach.core.history_models import (
    ExerciseRecord,
    Flag,
    History,
    RestDay,
    SessionRecord,
    StopPosition,
)
from backcoach.core.stop_words import describe_stop
from backcoach.core.visible_text import spreadsheet_cell, visible

Cell = str | int | float | bool | None

COLUMNS = (
    "record",
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
    "stopped_where",
    "stopped_set",
    "stopped_side",
    "stopped_rep",
    "stopped_phase",
    "stopped_phase_kind",
    "stopped_seconds",
    "flag_pain",
    "flagged_at",
    "cleared_at",
    "cleared_by_clinician",
    "withdrawn_at",
    "note",
)


def _local_start(session: SessionRecord) -> str:
    """The start as the wall clock showed it then, with its offset (ISO 8601)."""
    zone = timezone(timedelta(minutes=session.utc_offset_minutes))
    return session.started_at.astimezone(zone).isoformat(timespec="seconds")


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def _empty(record: str) -> dict[str, Cell]:
    row: dict[str, Cell] = dict.fromkeys(COLUMNS)
    row["record"] = record
    return row


def _stop_cells(stop: StopPosition | None, planned_sets: int | None) -> dict[str, Cell]:
    if stop is None:
        return {}
    return {
        "stopped_where": describe_stop(stop, planned_sets),
        "stopped_set": stop.set,
        "stopped_side": stop.side,
        "stopped_rep": stop.rep,
        "stopped_phase": stop.phase,
        "stopped_phase_kind": stop.phase_kind,
        "stopped_seconds": round(stop.seconds_into_phase, 1),
    }


def _row(session: SessionRecord, exercise: ExerciseRecord | None) -> dict[str, Cell]:
    row = _empty("session" if exercise is None else "exercise")
    row.update(
        date=session.local_date.isoformat(),
        started_at=_local_start(session),
        routine=session.routine_name,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        session_status=session.status,
        session_id=str(session.id),
    )
    if exercise is not None:
        row.update(
            exercise=exercise.name,
            exercise_id=exercise.exercise_id,
            status=exercise.status,
            sets=len({s.set for s in exercise.sets}),
            reps_done=exercise.reps_done,
            holds_done=exercise.holds_done,
            seconds=round(exercise.seconds_spent, 1),
            **_stop_cells(exercise.stopped_at, exercise.planned_sets),
        )
    return row


def _flag_row(flag: Flag, planned_sets: int | None) -> dict[str, Cell]:
    row = _empty("flag")
    state = "withdrawn" if flag.withdrawn else "active" if flag.active else "cleared"
    row.update(
        date=flag.local_date.isoformat(),
        exercise=flag.exercise_name,
        exercise_id=flag.exercise_id,
        status=state,
        session_id=None if flag.session_id is None else str(flag.session_id),
        flag_pain=flag.pain,
        flagged_at=_when(flag.flagged_at),
        cleared_at=_when(flag.cleared_at),
        cleared_by_clinician=flag.cleared_by_clinician,
        withdrawn_at=_when(flag.withdrawn_at),
        note=flag.cleared_note,
        **_stop_cells(flag.stopped_at, planned_sets),
    )
    return row


def _rest_row(rest: RestDay) -> dict[str, Cell]:
    row = _empty("rest_day")
    row.update(date=rest.local_date.isoformat(), note=rest.note)
    return row


def export_rows(history: History) -> list[dict[str, Cell]]:
    """Session rows in time order, then flags in time order, then rest days by date."""
    rows: list[dict[str, Cell]] = []
    planned: dict[tuple[str, str], int | None] = {}
    for session in sorted(history.sessions, key=lambda s: s.started_at):
        if not session.exercises:
            rows.append(_row(session, None))
        for exercise in session.exercises:
            rows.append(_row(session, exercise))
            planned[(str(session.id), exercise.exercise_id)] = exercise.planned_sets
    for flag in sorted(history.flags, key=lambda f: f.flagged_at):
        sets = planned.get((str(flag.session_id), flag.exercise_id))
        rows.append(_flag_row(flag, sets))
    rows.extend(_rest_row(r) for r in sorted(history.rest_days, key=lambda r: r.local_date))
    return rows


def _csv_cell(value: Cell) -> str | int | float:
    """Text as a spreadsheet shows it literally (no formula, no control character)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return spreadsheet_cell(value)
    return value


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

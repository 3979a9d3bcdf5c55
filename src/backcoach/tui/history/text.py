"""Words for history records: dates, statuses, durations, clearances.

Where a pain stop happened is said by ``backcoach.core.stop_words``, shared with the report.

Plain functions (no Textual) so the history screens, the detail modal and the tests all
say the same thing the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backcoach.core.history_models import ExerciseRecord, Flag, SessionRecord
from backcoach.core.stop_words import shows_set
from backcoach.core.wording import plural

SESSION_STATUS = {
    "in_progress": "in progress",
    "completed": "completed",
    "ended_early": "ended early",
    "interrupted": "interrupted",
}


EXERCISE_STATUS = {
    "completed": "done",
    "partly_done": "partly done",
    "skipped": "skipped",
    "stopped_for_pain": "stopped (pain)",
    "not_started": "not started",
}


def session_local_start(session: SessionRecord) -> datetime:
    """The start as the clock on the wall showed it then (its own recorded offset)."""
    zone = timezone(timedelta(minutes=session.utc_offset_minutes))
    return session.started_at.astimezone(zone)


def session_when(session: SessionRecord) -> str:
    return session_local_start(session).strftime("%Y-%m-%d %H:%M")


def duration(seconds: float) -> str:
    """ "45 s", "3 min 20 s", "1 h 05 min"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def session_seconds(session: SessionRecord) -> float | None:
    if session.ended_at is None:
        spent = sum(e.seconds_spent for e in session.exercises)
        return spent or None
    return max(0.0, (session.ended_at - session.started_at).total_seconds())


def pain_text(before: int | None, after: int | None) -> str:
    def one(value: int | None) -> str:
        return "-" if value is None else str(value)

    if before is None and after is None:
        return ""
    return f"{one(before)} → {one(after)}"


def exercise_counts(session: SessionRecord) -> tuple[int, int, int, int]:
    """(done, partly done, skipped, stopped for pain)."""
    statuses: list[str] = [e.status for e in session.exercises]
    return (
        statuses.count("completed"),
        statuses.count("partly_done"),
        statuses.count("skipped"),
        statuses.count("stopped_for_pain"),
    )


def describe_sets(exercise: ExerciseRecord) -> str:
    """One short phrase per set and side: "set 1 left: 5 reps, 5 holds"; with a single
    set no set number: "left leg: 2 reps"."""
    if not exercise.sets:
        return "nothing recorded"
    numbered = any(shows_set(r.set, exercise.planned_sets) for r in exercise.sets)
    phrases = []
    for record in exercise.sets:
        amounts = [plural(record.reps_done, "rep")]
        if record.holds_done:
            amounts.append(plural(record.holds_done, "hold"))
        label = " ".join(
            part for part in (f"set {record.set}" if numbered else "", record.side or "") if part
        )
        amount = ", ".join(amounts)
        phrases.append(f"{label}: {amount}" if label else amount)
    return "; ".join(phrases)


def clearance(flag: Flag) -> str:
    """When and how a flag was cleared, then the note typed then ("" while active)."""
    if flag.active:
        return ""
    when = flag.cleared_at.strftime("%Y-%m-%d") if flag.cleared_at else "on an unknown day"
    who = "cleared by a clinician" if flag.cleared_by_clinician else "no clinician's clearance"
    line = f"Unflagged {when}, {who}."
    if flag.cleared_note:
        return f"{line}\nNote: {flag.cleared_note}"
    return f"{line} No note."

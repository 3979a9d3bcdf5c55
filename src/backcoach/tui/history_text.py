"""Words for history records: dates, statuses, durations, where a pain stop happened.

Plain functions (no Textual) so the history screens, the detail modal and the tests all
say the same thing the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backcoach.core.history_models import ExerciseRecord, Flag, SessionRecord, StopPosition
from backcoach.core.wording import plural

SESSION_STATUS = {
    "in_progress": "in progress",
    "completed": "completed",
    "ended_early": "ended early",
    "interrupted": "interrupted",
}

EXERCISE_STATUS = {
    "completed": "done",
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


def exercise_counts(session: SessionRecord) -> tuple[int, int, int]:
    """(done, skipped, stopped for pain)."""
    done = sum(1 for e in session.exercises if e.status == "completed")
    skipped = sum(1 for e in session.exercises if e.status == "skipped")
    stopped = sum(1 for e in session.exercises if e.status == "stopped_for_pain")
    return done, skipped, stopped


def describe_stop(stop: StopPosition) -> str:
    """ "set 2, left side, rep 3, phase 2 (Hold still), 4.5 s in"."""
    parts = [f"set {stop.set}"]
    if stop.side:
        parts.append(f"{stop.side} side")
    parts.append(f"rep {stop.rep}")
    parts.append(f"phase {stop.phase} ({phase_words(stop)})")
    parts.append(f"{stop.seconds_into_phase:.1f} s in")
    return ", ".join(parts)


def phase_words(stop: StopPosition) -> str:
    """The cue, prefixed with the phase kind only when the cue does not already say it.

    "Hold: keep still" stays as it is; "Breathe out" becomes "hold: Breathe out".
    """
    cue = stop.phase_cue.strip() if stop.phase_cue else ""
    if not cue:
        return stop.phase_kind
    if cue.casefold().startswith(stop.phase_kind.casefold()):
        return cue
    return f"{stop.phase_kind}: {cue}"


def describe_sets(exercise: ExerciseRecord) -> str:
    """One short phrase per set and side: "set 1 left: 5 reps, 5 holds"."""
    if not exercise.sets:
        return "nothing recorded"
    phrases = []
    for record in exercise.sets:
        label = f"set {record.set}"
        if record.side:
            label += f" {record.side}"
        amounts = [plural(record.reps_done, "rep")]
        if record.holds_done:
            amounts.append(plural(record.holds_done, "hold"))
        phrases.append(f"{label}: {', '.join(amounts)}")
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


def short_stop(stop: StopPosition) -> str:
    """A table-sized version of ``describe_stop``: "set 2 left, rep 3, hold 4.5 s"."""
    where = f"set {stop.set}"
    if stop.side:
        where += f" {stop.side}"
    return f"{where}, rep {stop.rep}, {stop.phase_kind} {stop.seconds_into_phase:.1f} s"

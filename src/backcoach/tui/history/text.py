"""Words for history records: dates, statuses, durations, where a pain stop happened.

Plain functions (no Textual) so the history screens, the detail modal and the tests all
say the same thing the same way.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from backcoach.core.history_models import ExerciseRecord, Flag, SessionRecord, StopPosition
from backcoach.core.wording import plural

SESSION_STATUS = {
    "in_progress": "in progress",
    "completed": "completed",
    "ended_early": "ended early",
    "interrupted": "interrupted",
}

CUE_LIMIT = 40
# A clause ends at a comma, semicolon, colon or full stop followed by a space (or the end).
CLAUSE_END = re.compile(r"[,;:.](\s|$)")
GET_READY = "during the get-ready"
SWITCHING = "while switching sides"

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


def seconds_text(seconds: float) -> str:
    """ "4 s" for whole seconds, "4.5 s" otherwise."""
    if abs(seconds - round(seconds)) < 0.05:
        return f"{round(seconds)} s"
    return f"{seconds:.1f} s"


def side_text(side: str) -> str:
    """ "left" reads as "left side"; a label that names the part ("left leg") stays."""
    return side if " " in side.strip() else f"{side} side"


def shows_set(set_number: int, planned_sets: int | None) -> bool:
    """ "set 1" only means something when there is more than one set."""
    return set_number > 1 or (planned_sets or 1) > 1


def short_cue(cue: str, limit: int = CUE_LIMIT) -> str:
    """The cue's first clause, with an ellipsis when anything was cut."""
    text = cue.strip()
    match = CLAUSE_END.search(text)
    first = text[: match.start()] if match else text
    if len(first) > limit:
        first = first[: limit - 1].rstrip()
    return first if first == text else f"{first}…"


def rest_words(stop: StopPosition) -> str | None:
    """Plain words for a stop during a rest ("during the rest after rep 2").

    None for a stop during a rep's phase. The engine records a rest as kind "rest" with
    the position of the rep that follows it, and its cue says which rest it was."""
    if stop.phase_kind != "rest":
        return None
    cue = stop.phase_cue.strip().casefold()
    if cue.startswith("get ready"):
        return GET_READY
    if cue.startswith("switch sides"):
        return f"during the switch to the {side_text(stop.side)}" if stop.side else SWITCHING
    if cue.startswith("rest before set"):
        return f"during the rest before set {stop.set}"
    if stop.rep > 1:
        return f"during the rest after rep {stop.rep - 1}"
    return "during a rest"


def describe_stop(stop: StopPosition, planned_sets: int | None = None) -> str:
    """ "set 2, left side, rep 3, phase 2 (Hold still), 4.5 s in";
    "during the get-ready, 4 s in"; "left side, during the rest after rep 2, 3 s in"."""
    rest = rest_words(stop)
    in_phase = f"{seconds_text(stop.seconds_into_phase)} in"
    if rest == GET_READY:
        return f"{rest}, {in_phase}"
    parts: list[str] = []
    between = rest or ""
    if shows_set(stop.set, planned_sets) and not between.startswith("during the rest before"):
        parts.append(f"set {stop.set}")
    if stop.side and not between.startswith(("during the switch", "during the rest before")):
        parts.append(side_text(stop.side))
    if rest:
        parts.append(rest)
    else:
        parts.append(f"rep {stop.rep}")
        parts.append(f"phase {stop.phase} ({phase_words(stop)})")
    parts.append(in_phase)
    return ", ".join(parts)


def stopped_line(stop: StopPosition, planned_sets: int | None = None) -> str:
    """ "Stopped at set 2, rep 3, …" or "Stopped during the get-ready, 4 s in"."""
    where = describe_stop(stop, planned_sets)
    return f"Stopped {where}" if where.startswith("during") else f"Stopped at {where}"


def phase_words(stop: StopPosition) -> str:
    """The cue's first clause, prefixed with the phase kind only when the cue does not
    already say it: "Hold: keep still" stays; "Breathe out" becomes "hold: Breathe out"."""
    cue = short_cue(stop.phase_cue) if stop.phase_cue else ""
    if not cue:
        return stop.phase_kind
    if cue.casefold().startswith(stop.phase_kind.casefold()):
        return cue
    return f"{stop.phase_kind}: {cue}"


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


def short_stop(stop: StopPosition, planned_sets: int | None = None) -> str:
    """A table-sized ``describe_stop``: "set 2 left, rep 3, hold 4.5 s", "get-ready 4 s"."""
    seconds = seconds_text(stop.seconds_into_phase)
    rest = rest_words(stop)
    if rest == GET_READY:
        return f"get-ready {seconds}"
    if rest is not None and rest.startswith("during the rest before"):
        return f"rest before set {stop.set}, {seconds}"
    where = [f"set {stop.set}"] if shows_set(stop.set, planned_sets) else []
    if rest is not None and rest.startswith("during the switch"):
        what = f"switch to {stop.side}, "
    elif rest is not None:
        where += [stop.side] if stop.side else []
        what = rest.removeprefix("during the ") + ", "
    else:
        where += [stop.side] if stop.side else []
        what = f"rep {stop.rep}, {stop.phase_kind} "
    return ", ".join(part for part in (" ".join(where), f"{what}{seconds}") if part)

"""Words for where an exercise was stopped: set, side, rep, phase, seconds into it.

Plain functions shared by the history screens and the report, so a clinician reads a
stop in the same words the user saw.
"""

from __future__ import annotations

import re

from backcoach.core.history_models import StopPosition

CUE_LIMIT = 40
# A clause ends at a comma, semicolon, colon or full stop followed by a space (or the end).
CLAUSE_END = re.compile(r"[,;:.](\s|$)")
GET_READY = "during the get-ready"
SWITCHING = "while switching sides"


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

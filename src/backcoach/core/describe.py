"""Plain-text summaries of content, shared by ``check-content`` and the TUI.

``describe_dosage`` says how much of an exercise to do in one line, with ranges kept as
the source states them (``2-3 reps``). With ``marks=True`` each figure the source does not
give is followed by ``*`` (an app default) or `` (yours)`` (the user's own figure). The
user's mark is a word, not ``+``: ``12+ reps`` reads as "12 or more", not "your 12".
"""

from __future__ import annotations

from backcoach.core.content_models import Amount, Exercise, Origin, Routine
from backcoach.core.history_models import ExerciseRecord
from backcoach.core.wording import plural

ORIGIN_MARKS: dict[Origin, str] = {"source": "", "app": "*", "user": " (yours)"}
ORIGIN_LEGEND = "* app default (the source gives no figure)   (yours) a figure from your file"


def figure(amount: Amount, unit: str = "", *, marks: bool = False) -> str:
    """``15``, ``5-10 s``, ``60 s*``, ``12 (yours)``: a figure, its unit and its origin mark."""
    return amount.describe(unit) + (ORIGIN_MARKS[amount.origin] if marks else "")


def times_a_day(amount: Amount, *, marks: bool = False) -> str:
    """``once a day``, ``twice a day (yours)``, ``2-3 times a day``: a word's mark goes last."""
    mark = ORIGIN_MARKS[amount.origin] if marks else ""
    if not amount.is_range and amount.low == 1:
        return f"once a day{mark}"
    if not amount.is_range and amount.low == 2:
        return f"twice a day{mark}"
    return f"{figure(amount, marks=marks)} times a day"


def describe_dosage(exercise: Exercise, *, marks: bool = False) -> str:
    """E.g. ``3 sets x 15 reps, rest 3 s between reps, rest 60 s between sets`` or
    ``2-3 reps per side, alternating (left leg / right leg), hold 5 s, twice a day``."""
    dosage = exercise.dosage
    reps = f"{figure(dosage.reps, marks=marks)} reps"
    if dosage.sets.is_range or dosage.sets.high > 1:
        reps = f"{figure(dosage.sets, marks=marks)} sets x {reps}"
    parts = [reps]
    if dosage.side_labels is not None:
        first, second = dosage.side_labels
        if dosage.sides == "each_side":
            parts[0] += f" per side ({first} then {second})"
        elif dosage.sides == "alternating":
            parts[0] += f" per side, alternating ({first} / {second})"
    holds = [phase.seconds for phase in exercise.rep if phase.kind == "hold" and phase.seconds]
    if holds:
        texts = [figure(hold, "s", marks=marks) for hold in holds]
        if len(set(texts)) == 1:
            parts.append(
                f"hold {texts[0]}" if len(texts) == 1 else f"{len(texts)} holds of {texts[0]}"
            )
        else:
            parts.append("holds of " + ", ".join(texts))
    rests = (
        ("reps", dosage.rest_between_reps, dosage.reps.is_range or dosage.reps.high > 1),
        ("sides", dosage.rest_between_sides, dosage.sides != "none"),
        ("sets", dosage.rest_between_sets, dosage.sets.is_range or dosage.sets.high > 1),
    )
    for between, rest, applies in rests:
        if rest is not None and rest.high > 0 and applies:
            parts.append(f"rest {figure(rest, 's', marks=marks)} between {between}")
    if dosage.times_per_day is not None:
        parts.append(times_a_day(dosage.times_per_day, marks=marks))
    text = ", ".join(parts)
    if exercise.progression is not None:
        step = exercise.progression.step_per_day
        cap = figure(exercise.progression.max_reps, marks=marks)
        more = "more rep" if not step.is_range and step.low == 1 else "more reps"
        text += f"; {figure(step, marks=marks)} {more} each day, up to {cap}"
    return text


#: How a routine's choice of exercises is marked when it is not the source's.
ROUTINE_ORIGIN_NOTES: dict[Origin, str] = {
    "source": "",
    "app": " (the app's choice)",
    "user": " (yours)",
}


def describe_routine(routine: Routine, *, marks: bool = False) -> str:
    """``10 exercises, once a day``; ``3 exercises (the app's choice), once a day``
    (``once a day*`` with ``marks``: the app's figure)."""
    count = len(routine.exercises)
    noun = "exercise" if count == 1 else "exercises"
    noun += ROUTINE_ORIGIN_NOTES[routine.origin]
    return f"{count} {noun}, {times_a_day(routine.times_per_day, marks=marks)}"


def reps_done_text(exercise: ExerciseRecord) -> str:
    """What was done, counted as the session screen counts it (reps per side):
    ``4 reps``, ``2 reps each side``, ``left leg 2 reps, right leg 1 rep``, with
    ``in 2 sets`` when there was more than one; ``""`` when nothing was done."""
    reps, holds = exercise.reps_done, exercise.holds_done
    if reps == 0:
        return plural(holds, "hold") + ", no full rep" if holds else ""
    per_side: dict[str, int] = {}
    for done in exercise.sets:
        if done.side is not None:
            per_side[done.side] = per_side.get(done.side, 0) + done.reps_done
    if len(per_side) > 1 and len(set(per_side.values())) == 1:
        text = f"{plural(next(iter(per_side.values())), 'rep')} each side"
    elif len(per_side) > 1:
        text = ", ".join(f"{side} {plural(count, 'rep')}" for side, count in per_side.items())
    else:
        text = plural(reps, "rep")
    sets = len({done.set for done in exercise.sets if done.reps_done})
    return f"{text} in {sets} sets" if sets > 1 else text

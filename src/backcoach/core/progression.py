"""Reps that grow a day at a time (the pelvic tilt: building up to 30).

The stored ``ProgressionState`` says what was last done, not what comes next:

- ``reps``: the count of the current level (what the user did on ``last_done_on``);
- ``last_done_on``: the last calendar day the exercise was done at all;
- ``last_advanced_on``: the day the current level first applied.

Today's count is worked out when it is needed: one step above ``reps`` when the last day
it was done lies before today and was not a pain day, else ``reps`` itself. That gives
one advance per calendar day on which it was done, however many sessions that day had
and however many days have passed since; and a pain stop on any session of a day keeps
the next day at the same level. Pain days are read from the history (its flags and its
session records), so the state needs nothing beyond its three fields.

A day whose pain before rose by the app's next-day threshold (``pain_rules``: worse the
next day) is held: its count stays at the level before, and the next day advances from
there. That too is read from the history, so every session of the day agrees.
"""

from __future__ import annotations

from datetime import date

from backcoach.core.content_models import Catalog, Exercise
from backcoach.core.history_models import History, ProgressionState, SessionRecord
from backcoach.core.pain_rules import next_day_rise


def reps_for_today(exercise: Exercise, history: History, today: date, *, held: bool = False) -> int:
    """Today's reps for a progressing exercise (the content default for any other).
    ``held``: today does not advance (the pain before rose since the last session day)."""
    progression = exercise.progression
    if progression is None:
        return int(exercise.dosage.reps.default)
    start = int(progression.start_reps.default)
    cap = int(progression.max_reps.default)
    state = history.progression.get(exercise.id)
    if state is None:
        return min(start, cap)
    last_done = state.last_done_on
    if (
        held
        or last_done is None
        or last_done >= today
        or was_pain_day(history, exercise.id, last_done)
    ):
        return min(state.reps, cap)
    return min(state.reps + int(progression.step_per_day.default), cap)


def was_pain_day(history: History, exercise_id: str, day: date) -> bool:
    """Whether the exercise was stopped for pain on ``day`` (a flag, or a session record)."""
    if any(
        f.exercise_id == exercise_id and f.local_date == day and not f.withdrawn
        for f in history.flags
    ):
        return True
    return any(
        e.exercise_id == exercise_id and e.status == "stopped_for_pain"
        for s in history.sessions
        if s.local_date == day
        for e in s.exercises
    )


def progression_held(history: History, catalog: Catalog, session_record: SessionRecord) -> bool:
    """Whether the session's day is held: its pain before rose by the next-day threshold."""
    threshold = catalog.about.thresholds.next_day
    day = session_record.local_date
    return next_day_rise(history, day, threshold, session_record.pain_before) is not None


def progressing_done(catalog: Catalog, session_record: SessionRecord) -> list[Exercise]:
    """The progressing exercises a session did: stopped for pain (a pain day to keep)
    or with at least one rep. Reads the record only, never the history."""
    found = []
    for done in session_record.exercises:
        exercise = catalog.exercises.get(done.exercise_id)
        if exercise is None or exercise.progression is None:
            continue
        if done.status == "stopped_for_pain" or done.reps_done > 0:
            found.append(exercise)
    return found


def advance_progression(
    history: History, catalog: Catalog, session_record: SessionRecord, today: date
) -> list[ProgressionState]:
    """The new states for the progressing exercises this session did; call it when a
    session ends and store each one with ``HistoryStore.set_progression``.

    ``history`` may or may not hold ``session_record`` already: today's sessions never
    change today's count. An exercise counts as done when it was stopped for pain (so
    that day is remembered as a pain day) or when at least one rep was done.
    """
    states: list[ProgressionState] = []
    held = progression_held(history, catalog, session_record)
    for exercise in progressing_done(catalog, session_record):
        reps = reps_for_today(exercise, history, today, held=held)
        previous = history.progression.get(exercise.id)
        advanced_on = today if previous is None or previous.reps != reps else None
        if advanced_on is None and previous is not None:
            advanced_on = previous.last_advanced_on
        states.append(
            ProgressionState(
                exercise_id=exercise.id,
                reps=reps,
                last_advanced_on=advanced_on,
                last_done_on=today,
            )
        )
    return states


def record_progression(history: History, catalog: Catalog, session_record: SessionRecord) -> None:
    """Store the new states a finished session leads to, in ``history`` itself.

    A history change for ``HistoryStore.update``: it works the states out from the
    history it is applied to, so applying it again (a save retried on a newer file)
    moves nothing twice: once today is recorded, today's count stays.
    """
    today = session_record.local_date
    for state in advance_progression(history, catalog, session_record, today):
        history.progression[state.exercise_id] = state

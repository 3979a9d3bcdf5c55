"""From the in-memory history and the content to a ``Report``: every figure, once.

Works on ``History`` (the store's in-memory shape) and the two catalogs, never on files,
so how the history is kept on disk does not matter here. Text that came from a file (an
exercise name from an overlay, a clearance note) is made visible with
``core.visible_text.visible`` here, once; each renderer then escapes it for its format.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from uuid import UUID

from backcoach.core.content_models import Catalog
from backcoach.core.describe import ORIGIN_LEGEND, describe_dosage, describe_routine
from backcoach.core.history_models import Flag, History, SessionRecord
from backcoach.core.report.model import (
    DEFAULT_WEEKS,
    DosageLine,
    ExerciseTally,
    FlagLine,
    FlagState,
    PainReading,
    Period,
    Report,
    RoutineLine,
    WeekLine,
)
from backcoach.core.report.notices import EASING_WINDOW_DAYS, safety_notices
from backcoach.core.stop_words import describe_stop
from backcoach.core.streaks import COUNTING_STATUS, monday_of
from backcoach.core.visible_text import visible

TITLE = "Lower back exercises: a report for your doctor or physiotherapist"
SINGLE_EXERCISES = "Single exercises (started on their own)"
#: Statuses that mean an exercise was done, at least in part.
DONE_STATUSES = frozenset({"completed", "partly_done", "stopped_for_pain"})


def default_period(today: date, weeks: int = DEFAULT_WEEKS) -> Period:
    """The last ``weeks`` weeks, ending today."""
    return Period(since=today - timedelta(days=7 * weeks - 1), until=today)


def choose_period(today: date, since: date | None, until: date | None) -> Period:
    """The period asked for: a missing end is today, a missing start eight weeks before
    the end. Raises ValueError when the start is after the end."""
    end = until or today
    start = since or default_period(end).since
    if start > end:
        raise ValueError(f"the start {start.isoformat()} is after the end {end.isoformat()}")
    return Period(since=start, until=end)


def local_start(session: SessionRecord) -> datetime:
    """The start as the wall clock showed it then (the session's own recorded offset)."""
    return session.started_at.astimezone(timezone(timedelta(minutes=session.utc_offset_minutes)))


def build_report(
    history: History,
    catalog: Catalog,
    period: Period,
    generated_at: datetime,
    *,
    source_catalog: Catalog | None = None,
) -> Report:
    """The report for ``period``. ``catalog`` is the content as used (the user's overlay
    on top); ``source_catalog`` the packaged content alone, for the source's figures."""
    in_period = sorted(
        (s for s in history.sessions if period.holds(s.local_date)), key=lambda s: s.started_at
    )
    # The "not easing" rule looks back two windows before the period's first day.
    lookback = period.since - timedelta(days=2 * EASING_WINDOW_DAYS)
    readings_for_notices = _readings(
        s for s in history.sessions if lookback <= s.local_date <= period.until
    )
    readings = tuple(r for r in readings_for_notices if period.holds(r.day))
    rest_days = tuple(
        sorted({r.local_date for r in history.rest_days if period.holds(r.local_date)})
    )
    about = catalog.about
    return Report(
        title=TITLE,
        about=(
            f"For a doctor or physiotherapist: made by backcoach from one person's own exercise "
            f"records, {period.since.isoformat()} to {period.until.isoformat()}. "
            "General information, not medical advice."
        ),
        disclaimer=about.disclaimer,
        source=about.source,
        generated_at=generated_at,
        period=period,
        routines=_routines(in_period, catalog),
        dosages=_dosages(in_period, catalog, source_catalog),
        dosage_legend=ORIGIN_LEGEND,
        weeks=_weeks(in_period, history, period, readings),
        exercises=_tallies(in_period, catalog),
        pain=readings,
        flags=_flags(history, period),
        notices=safety_notices(readings_for_notices, period),
        rest_days=rest_days,
        sessions=len(in_period),
    )


def _readings(sessions: Iterable[SessionRecord]) -> tuple[PainReading, ...]:
    rated = (s for s in sessions if s.pain_before is not None or s.pain_after is not None)
    return tuple(
        PainReading(s.local_date, local_start(s), s.pain_before, s.pain_after)
        for s in sorted(rated, key=lambda s: s.started_at)
    )


def _routines(sessions: Sequence[SessionRecord], catalog: Catalog) -> tuple[RoutineLine, ...]:
    started: Counter[str | None] = Counter()
    completed: Counter[str | None] = Counter()
    names: dict[str | None, str] = {}
    for session in sessions:
        started[session.routine_id] += 1
        completed[session.routine_id] += session.status == COUNTING_STATUS
        names.setdefault(session.routine_id, session.routine_name)
    lines = []
    for routine_id in started:
        routine = catalog.routines.get(routine_id) if routine_id else None
        if routine_id is None:
            name, planned = SINGLE_EXERCISES, ""
        else:
            name = routine.name if routine else names[routine_id]
            planned = describe_routine(routine) if routine else "no longer in the content"
        lines.append(
            RoutineLine(visible(name), planned, completed[routine_id], started[routine_id])
        )
    return tuple(
        sorted(lines, key=lambda line: (line.name == SINGLE_EXERCISES, -line.sessions_started))
    )


def _exercise_order(catalog: Catalog) -> dict[str, int]:
    return {e.id: index for index, e in enumerate(catalog.ordered_exercises())}


def _dosages(
    sessions: Sequence[SessionRecord], catalog: Catalog, source_catalog: Catalog | None
) -> tuple[DosageLine, ...]:
    done: dict[str, str] = {}
    for session in sessions:
        for record in session.exercises:
            if record.status in DONE_STATUSES:
                done.setdefault(record.exercise_id, record.name)
    order = _exercise_order(catalog)
    lines = []
    for exercise_id in sorted(done, key=lambda i: (order.get(i, len(order)), done[i])):
        exercise = catalog.exercises.get(exercise_id)
        original = source_catalog.exercises.get(exercise_id) if source_catalog else None
        if exercise is None:
            lines.append(
                DosageLine(
                    visible(done[exercise_id]),
                    "no longer in the content",
                    None,
                    original is not None,
                )
            )
            continue
        used = describe_dosage(exercise, marks=True)
        source = describe_dosage(original, marks=True) if original is not None else None
        in_source = source_catalog is None or original is not None
        lines.append(
            DosageLine(
                visible(exercise.name), visible(used), None if source == used else source, in_source
            )
        )
    return tuple(lines)


def _weeks(
    sessions: Sequence[SessionRecord],
    history: History,
    period: Period,
    readings: Sequence[PainReading],
) -> tuple[WeekLine, ...]:
    """Adherence as ``streaks.weekly_adherence`` counts it (a day counts with a completed
    session; a rest day without one is neither open nor missed; the target is the day's
    times a day, else 1), but with weeks cut to the period."""
    completed: Counter[date] = Counter()
    targets: dict[date, int] = defaultdict(int)
    for s in sessions:
        targets[s.local_date] = max(targets[s.local_date], s.target_per_day)
        completed[s.local_date] += s.status == COUNTING_STATUS
    counted = {d for d, n in completed.items() if n}
    rest = {r.local_date for r in history.rest_days if period.holds(r.local_date)} - counted
    pain_by_week: dict[date, list[PainReading]] = defaultdict(list)
    for reading in readings:
        pain_by_week[monday_of(reading.day)].append(reading)
    lines = []
    monday = monday_of(period.since)
    while monday <= period.until:
        days = [d for d in (monday + timedelta(days=i) for i in range(7)) if period.holds(d)]
        week_target = max((targets.get(d, 1) for d in days), default=1)
        open_days = [d for d in days if d not in rest]
        week_pain = pain_by_week.get(monday, [])
        lines.append(
            WeekLine(
                first_day=days[0],
                last_day=days[-1],
                sessions_completed=sum(completed[d] for d in days),
                sessions_planned=week_target * len(open_days),
                days_done=sum(1 for d in days if d in counted),
                days_open=len(open_days),
                rest_days=len(days) - len(open_days),
                pain_before_median=_median(r.before for r in week_pain),
                pain_after_median=_median(r.after for r in week_pain),
                rated_sessions=len(week_pain),
            )
        )
        monday += timedelta(days=7)
    return tuple(lines)


def _median(values: Iterable[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(statistics.median(known)) if known else None


def _tallies(sessions: Sequence[SessionRecord], catalog: Catalog) -> tuple[ExerciseTally, ...]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for session in sessions:
        for record in session.exercises:
            counts[record.exercise_id][record.status] += 1
            names.setdefault(record.exercise_id, record.name)
    order = _exercise_order(catalog)
    tallies = []
    for exercise_id in sorted(counts, key=lambda i: (order.get(i, len(order)), names[i])):
        count = counts[exercise_id]
        if not any(count[k] for k in ("completed", "partly_done", "skipped", "stopped_for_pain")):
            continue  # never reached in the period
        exercise = catalog.exercises.get(exercise_id)
        tallies.append(
            ExerciseTally(
                name=visible(exercise.name if exercise else names[exercise_id]),
                completed=count["completed"],
                partly_done=count["partly_done"],
                skipped=count["skipped"],
                stopped_for_pain=count["stopped_for_pain"],
            )
        )
    return tuple(tallies)


def _flags(history: History, period: Period) -> tuple[FlagLine, ...]:
    """Flags raised in the period, and any raised before it that are still active."""
    chosen = [
        f
        for f in history.flags
        if period.holds(f.local_date) or (f.active and f.local_date < period.since)
    ]
    wanted = {f.session_id for f in chosen if f.session_id is not None}
    planned_sets: dict[tuple[UUID, str], int | None] = {}
    for session in history.sessions:
        if session.id in wanted:
            for record in session.exercises:
                planned_sets[(session.id, record.exercise_id)] = record.planned_sets
    return tuple(_flag_line(f, planned_sets) for f in sorted(chosen, key=lambda f: f.flagged_at))


def _flag_line(flag: Flag, planned_sets: dict[tuple[UUID, str], int | None]) -> FlagLine:
    sets = planned_sets.get((flag.session_id, flag.exercise_id)) if flag.session_id else None
    where = describe_stop(flag.stopped_at, sets) if flag.stopped_at else "not recorded"
    state: FlagState = "withdrawn" if flag.withdrawn else "active" if flag.active else "cleared"
    return FlagLine(
        day=flag.local_date,
        exercise=visible(flag.exercise_name),
        where=visible(where),
        pain=flag.pain,
        state=state,
        cleared_on=flag.cleared_at.date() if flag.cleared_at and state == "cleared" else None,
        by_clinician=flag.cleared_by_clinician,
        note=visible(flag.cleared_note) if flag.cleared_note else None,
    )

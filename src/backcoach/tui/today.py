"""Today, for the home screen: each exercise's figures and the one-line status.

Plain functions of the catalog, the history and the day, so the home screen can be
handed its data and redraw from it. The figures are the core's: the planner for reps
and time, ``streaks.summarize`` for the status (the same ``backcoach status`` shows).
Flagged exercises are planned as if unflagged so their time can still be shown; the
flag itself is shown beside them and the planner still leaves them out of sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backcoach.core.content_models import Catalog, Exercise
from backcoach.core.history_models import Flag, History
from backcoach.core.plan import build_plan
from backcoach.core.streaks import summarize
from backcoach.core.weekly_streaks import EVERY_DAY, weekly_summary
from backcoach.core.wording import plural

#: What counts, for the help screen (and, shorter, the status line's tooltip).
STREAK_RULES = (
    "A day counts when a session reaches its end: skipped exercises and pain stops "
    "are fine. A session ended early does not count. Today's count is of routine "
    "sessions only: an exercise started on its own from the list counts for the "
    "streak's day, not toward today's target. Rest days (x in History) neither count "
    "nor break a streak, and today is still open: the streak only ends when a whole "
    "day is missed. With a weekly goal (days a week, in the settings) a week counts "
    "when it has that many days done (fewer when it had rest days); this week is "
    "still open, and the week streak only ends when a whole week falls short."
)
STREAK_TOOLTIP = (
    "A day counts when a session reaches its end (skips and pain stops are fine); "
    "ending early does not count; today's count is of routine sessions; rest days do "
    "not break a streak. Help (?) says more."
)


@dataclass(frozen=True)
class ExerciseRow:
    """One exercise with today's plan (reps, time) and its active flag, if any."""

    exercise: Exercise
    reps: int | None
    estimated_seconds: float | None
    flag: Flag | None


def today_figures(catalog: Catalog, history: History, today: date) -> list[ExerciseRow]:
    """Every exercise of the catalog, in order, with today's reps and time."""
    flags = history.active_flags()
    unflagged = history.model_copy(update={"flags": []})
    rows = []
    for exercise in catalog.ordered_exercises():
        plan = build_plan(catalog, unflagged, today, exercise_id=exercise.id)
        planned = plan.exercises[0] if plan.exercises else None
        rows.append(
            ExerciseRow(
                exercise=exercise,
                reps=planned.reps if planned else None,
                estimated_seconds=planned.estimated_seconds if planned else None,
                flag=flags.get(exercise.id),
            )
        )
    return rows


def status_text(history: History, today: date, *, days_per_week: int = EVERY_DAY) -> str:
    """``Streak 3 days (best 5) · 1 flagged · Today 1/2 (Stretches: twice a day)`` or
    ``... · Today 0/1 routine session``: the flags come before today's count, so a
    narrow terminal never cuts them off. With a weekly goal, its streak comes last:
    ``... · Week streak 2 (best 4) · this week 1/3``."""
    rest_days = [r.local_date for r in history.rest_days]
    summary = summarize(history.sessions, rest_days, today)
    noun = "routine session" if summary.today_target == 1 else "routine sessions"
    counts = f"Today {summary.today_done}/{summary.today_target}"
    why = target_reason(history, today, summary.today_target)
    parts = [f"Streak {plural(summary.current, 'day')} (best {summary.longest})"]
    flagged = len(history.active_flags())
    if flagged:
        parts.append(f"{flagged} flagged")
    if summary.rest_day_today:
        parts.append("rest day today")
    weekly = weekly_summary(history.sessions, rest_days, today, days_per_week)
    # The reason names the routine, so it says what counts; else the noun does (left
    # out beside a weekly goal, so that the week's figures fit 80 columns).
    if why:
        parts.append(f"{counts} ({why})")
    else:
        parts.append(counts if not weekly.every_day else f"{counts} {noun}")
    if not weekly.every_day:
        parts.append(weekly.text())
    return " · ".join(parts)


def target_reason(history: History, today: date, target: int) -> str | None:
    """Why today's target is above one: ``Stretches: twice a day`` (the routine done
    today that asks for it), so the number does not change unexplained."""
    if target <= 1:
        return None
    for session in history.sessions:
        if (
            session.local_date == today
            and session.routine_id is not None
            and session.target_per_day == target
        ):
            often = "twice a day" if target == 2 else f"{target} times a day"
            return f"{session.routine_name}: {often}"
    return None

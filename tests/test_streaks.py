"""Streaks, today n/target, weekly adherence, heatmap and pain series: worked examples."""

from __future__ import annotations

from datetime import date, timedelta

from backcoach.core.streaks import (
    counted_days,
    current_streak,
    day_activity,
    future_sessions,
    longest_streak,
    pain_series,
    summarize,
    today_progress,
    weekly_adherence,
)
from store_factory import session_on

TODAY = date(2026, 11, 25)  # a Wednesday


def days_back(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in offsets]


def test_only_completed_sessions_count() -> None:
    sessions = [
        session_on(TODAY, "completed"),
        session_on(TODAY - timedelta(days=1), "ended_early"),
        session_on(TODAY - timedelta(days=2), "interrupted"),
        session_on(TODAY - timedelta(days=3), "in_progress"),
    ]
    assert counted_days(sessions, TODAY) == {TODAY}


def test_a_completed_session_with_a_pain_stop_still_counts() -> None:
    record = session_on(TODAY, "completed", exercises=2)
    record.exercises[0].status = "stopped_for_pain"
    record.exercises[1].status = "skipped"
    assert counted_days([record], TODAY) == {TODAY}


def test_current_streak_ends_today_or_yesterday() -> None:
    assert current_streak(set(days_back(0, 1, 2)), [], TODAY) == 3
    assert current_streak(set(days_back(1, 2)), [], TODAY) == 2  # today still open
    assert current_streak(set(days_back(2, 3)), [], TODAY) == 0  # yesterday missed
    assert current_streak(set(), [], TODAY) == 0


def test_rest_days_bridge_without_counting() -> None:
    counted = set(days_back(0, 2, 3))
    assert current_streak(counted, days_back(1), TODAY) == 3
    assert current_streak(set(days_back(2, 3)), days_back(0, 1), TODAY) == 2
    assert longest_streak(set(days_back(0, 2, 3)), days_back(1)) == 3
    assert longest_streak(set(days_back(0, 2, 3)), []) == 2


def test_a_rest_day_with_a_completed_session_still_counts() -> None:
    counted = set(days_back(0, 1))
    assert current_streak(counted, days_back(0), TODAY) == 2


def test_longest_streak_finds_the_best_run() -> None:
    counted = set(days_back(0, 1, 5, 6, 7, 8, 20))
    assert longest_streak(counted, []) == 4
    assert longest_streak(set(), []) == 0


def test_sessions_after_today_are_reported_not_counted() -> None:
    tomorrow = session_on(TODAY + timedelta(days=1))
    sessions = [session_on(TODAY), tomorrow]
    assert counted_days(sessions, TODAY) == {TODAY}
    assert future_sessions(sessions, TODAY) == [tomorrow]
    summary = summarize(sessions, [], TODAY)
    assert summary.future_sessions == 1 and summary.current == 1


def test_today_progress_uses_the_routines_target() -> None:
    sessions = [session_on(TODAY, target_per_day=2), session_on(TODAY, "ended_early", hour=18)]
    assert today_progress(sessions, TODAY) == today_progress(sessions, TODAY, target=2)
    assert today_progress(sessions, TODAY).done == 1
    assert today_progress(sessions, TODAY).target == 2
    assert today_progress([], TODAY).target == 1
    assert today_progress(sessions, TODAY, target=3).target == 3


def test_a_single_exercise_counts_for_the_streak_but_not_toward_todays_target() -> None:
    """Stretches (twice a day) once, then one exercise on its own: today is 1 of 2, not
    3 of 2 or 2 of 2; the day still counts for the streak."""
    routine = session_on(TODAY, target_per_day=2)
    single = session_on(TODAY, hour=12)
    single.routine_id = None
    progress = today_progress([routine, single], TODAY)
    assert (progress.done, progress.target) == (1, 2)
    only_single = summarize([single], [], TODAY)
    assert (only_single.today_done, only_single.today_target, only_single.current) == (0, 1, 1)


def test_summary_puts_it_together() -> None:
    sessions = [session_on(d) for d in days_back(1, 2, 3, 10, 11, 12, 13, 14)]
    summary = summarize(sessions, days_back(0), TODAY)
    assert (summary.current, summary.longest) == (3, 5)
    assert summary.rest_day_today
    assert (summary.today_done, summary.today_target) == (0, 1)


def test_weekly_adherence_over_iso_weeks() -> None:
    monday = date(2026, 11, 23)
    sessions = [session_on(monday), session_on(monday + timedelta(days=1), target_per_day=2)]
    sessions.append(session_on(monday - timedelta(days=7)))
    weeks = weekly_adherence(sessions, [monday - timedelta(days=6)], TODAY, weeks=2)
    last_week, this_week = weeks
    assert (this_week.iso_year, this_week.iso_week, this_week.monday) == (2026, 48, monday)
    assert this_week.days_in_scope == 3  # Monday to Wednesday
    assert this_week.days_counted == 2
    assert this_week.sessions_completed == 2
    assert this_week.sessions_target == 2 * 3
    assert this_week.day_fraction == 2 / 3
    assert last_week.days_in_scope == 7 and last_week.rest_days == 1
    assert last_week.days_counted == 1
    assert last_week.day_fraction == 1 / 6


def test_weekly_adherence_across_the_year_boundary() -> None:
    weeks = weekly_adherence([], [], date(2027, 1, 1), weeks=2)
    assert [(w.iso_year, w.iso_week) for w in weeks] == [(2026, 52), (2026, 53)]


def test_day_activity_covers_whole_weeks_up_to_today() -> None:
    sessions = [session_on(TODAY), session_on(TODAY, "interrupted", hour=18)]
    cells = day_activity(sessions, [TODAY - timedelta(days=1)], TODAY, weeks=2)
    assert cells[0].day == date(2026, 11, 16) and cells[-1].day == TODAY
    assert len(cells) == 10
    assert (cells[-1].completed, cells[-1].started) == (1, 2)
    assert cells[-2].rest_day


def test_pain_series_in_time_order() -> None:
    late = session_on(TODAY, pain=(5, 3))
    early = session_on(TODAY - timedelta(days=1), pain=(6, None))
    quiet = session_on(TODAY - timedelta(days=2))
    points = pain_series([late, quiet, early])
    assert [(p.before, p.after) for p in points] == [(6, None), (5, 3)]
    assert points[1].session_id == late.id

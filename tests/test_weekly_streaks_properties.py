"""Hypothesis properties of the weekly goal's streak: order, monotony, rest days, DST and
the date line (a day is the local date a session recorded)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from backcoach.core.history_models import SessionRecord, SessionStatus
from backcoach.core.streaks import counted_days, summarize
from backcoach.core.weekly_streaks import (
    EVERY_DAY,
    current_weekly_streak,
    longest_weekly_streak,
    week_results,
    weekly_summary,
)

TODAY = date(2026, 11, 25)
STATUSES: list[SessionStatus] = ["completed", "ended_early", "interrupted", "in_progress"]


def _session(day: date, status: SessionStatus = "completed") -> SessionRecord:
    start = datetime.combine(day, time(9), tzinfo=UTC)
    record = SessionRecord.begin(routine_id="r", routine_name="R", now=start, pid=None)
    record.status = status
    return record


day_offsets = st.integers(min_value=-70, max_value=3)  # ten weeks back, a few after today
sessions_strategy = st.lists(
    st.builds(
        lambda offset, status: _session(TODAY + timedelta(days=offset), status),
        day_offsets,
        st.sampled_from(STATUSES),
    ),
    max_size=60,
)
rest_strategy = st.lists(day_offsets.map(lambda n: TODAY + timedelta(days=n)), max_size=15)
goals = st.integers(min_value=1, max_value=7)


@given(sessions_strategy, rest_strategy, goals, st.randoms(use_true_random=False))
def test_the_order_of_sessions_and_rest_days_does_not_matter(
    sessions: list[SessionRecord], rest: list[date], goal: int, rnd: random.Random
) -> None:
    shuffled = list(sessions)
    rnd.shuffle(shuffled)
    assert weekly_summary(sessions, rest, TODAY, goal) == weekly_summary(
        shuffled, list(reversed(rest)), TODAY, goal
    )


@given(sessions_strategy, rest_strategy, goals, day_offsets)
def test_adding_a_completed_session_never_shortens_a_weekly_streak(
    sessions: list[SessionRecord], rest: list[date], goal: int, offset: int
) -> None:
    before = weekly_summary(sessions, rest, TODAY, goal)
    more = [*sessions, _session(TODAY + timedelta(days=offset))]
    after = weekly_summary(more, rest, TODAY, goal)
    assert after.current >= before.current
    assert after.longest >= before.longest
    assert after.this_week_done >= before.this_week_done


@given(sessions_strategy, rest_strategy, goals, day_offsets)
def test_a_rest_day_never_breaks_a_weekly_streak(
    sessions: list[SessionRecord], rest: list[date], goal: int, offset: int
) -> None:
    before = weekly_summary(sessions, rest, TODAY, goal)
    after = weekly_summary(sessions, [*rest, TODAY + timedelta(days=offset)], TODAY, goal)
    assert after.current >= before.current
    assert after.longest >= before.longest


@given(sessions_strategy, rest_strategy, goals)
def test_a_lower_goal_is_never_harder(
    sessions: list[SessionRecord], rest: list[date], goal: int
) -> None:
    harder = weekly_summary(sessions, rest, TODAY, goal)
    easier = weekly_summary(sessions, rest, TODAY, max(1, goal - 1))
    assert easier.current >= harder.current and easier.longest >= harder.longest


@given(sessions_strategy, rest_strategy, goals)
def test_weekly_streaks_stay_within_the_weeks(
    sessions: list[SessionRecord], rest: list[date], goal: int
) -> None:
    counted = counted_days(sessions, TODAY)
    weeks = week_results(counted, rest, TODAY, goal)
    met = sum(1 for w in weeks if w.met)
    current = current_weekly_streak(counted, rest, TODAY, goal)
    assert 0 <= current <= longest_weekly_streak(counted, rest, TODAY, goal) <= met


@given(sessions_strategy)
def test_every_day_a_week_never_outruns_the_daily_streak(sessions: list[SessionRecord]) -> None:
    """Seven days a week (no rest days): a week counts only with all seven done, so its
    weeks in a row never hold more days than the daily streak's longest run."""
    weekly = weekly_summary(sessions, [], TODAY, EVERY_DAY)
    assert weekly.longest * 7 <= summarize(sessions, [], TODAY).longest


# -- DST and the date line: weeks are made of recorded local dates ----------------------

DST_CHANGES = {
    "Europe/Berlin": [date(2026, 3, 29), date(2026, 10, 25)],
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
}


@st.composite
def dst_weeks(draw: st.DrawFn) -> list[datetime]:
    """One session at a random local time on each of ``n`` days of the week of a DST
    change (a Sunday in both zones), over two weeks."""
    zone_name = draw(st.sampled_from(sorted(DST_CHANGES)))
    change = draw(st.sampled_from(DST_CHANGES[zone_name]))
    zone = ZoneInfo(zone_name)
    monday = change - timedelta(days=6)
    starts = []
    for week in (monday, monday + timedelta(weeks=1)):
        for offset in sorted(draw(st.sets(st.integers(0, 6), min_size=3, max_size=3))):
            minute = draw(st.integers(0, 24 * 60 - 1))
            naive = datetime.combine(week + timedelta(days=offset), time(minute // 60, minute % 60))
            starts.append(naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone))
    return starts


@given(dst_weeks())
def test_three_days_in_each_week_of_a_dst_change_are_two_weeks(starts: list[datetime]) -> None:
    sessions = []
    for start in starts:
        record = SessionRecord.begin(routine_id="r", routine_name="R", now=start, pid=None)
        record.status = "completed"
        sessions.append(record)
    # the Monday after the second week: both weeks are over
    today = sessions[0].local_date - timedelta(days=sessions[0].local_date.weekday())
    today += timedelta(weeks=2)
    summary = weekly_summary(sessions, [], today, 3)
    assert summary.current == 2 and summary.longest == 2


@given(st.integers(min_value=0, max_value=23), st.sampled_from([3, 4]))
def test_sessions_across_the_date_line_count_in_the_week_they_were_recorded(
    hour: int, goal: int
) -> None:
    """Sunday in Kiritimati (UTC+14) is Saturday in Pago Pago (UTC-11): each session
    keeps its own local date, so the week's count does not move with the traveller."""
    kiritimati, pago_pago = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")
    monday = date(2026, 11, 16)
    sessions = []
    for offset, zone in ((0, pago_pago), (2, pago_pago), (4, kiritimati), (6, kiritimati)):
        start = datetime.combine(monday + timedelta(days=offset), time(hour), tzinfo=zone)
        record = SessionRecord.begin(routine_id="r", routine_name="R", now=start, pid=None)
        record.status = "completed"
        sessions.append(record)
    assert [s.local_date.weekday() for s in sessions] == [0, 2, 4, 6]
    summary = weekly_summary(sessions, [], monday + timedelta(weeks=1), goal)
    assert summary.current == 1

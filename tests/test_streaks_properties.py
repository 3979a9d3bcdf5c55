"""Hypothesis properties of streaks, including DST changes and crossing the date line."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from backcoach.core.history_models import SessionRecord, SessionStatus
from backcoach.core.streaks import counted_days, current_streak, longest_streak, summarize

TODAY = date(2026, 11, 25)
STATUSES: list[SessionStatus] = ["completed", "ended_early", "interrupted", "in_progress"]


def _session(day: date, status: SessionStatus = "completed", target: int = 1) -> SessionRecord:
    start = datetime.combine(day, time(9), tzinfo=UTC)
    record = SessionRecord.begin(
        routine_id="r", routine_name="R", now=start, pid=None, target_per_day=target
    )
    record.status = status
    return record


day_offsets = st.integers(min_value=-40, max_value=3)  # a few land after today
sessions_strategy = st.lists(
    st.builds(
        lambda offset, status, target: _session(TODAY + timedelta(days=offset), status, target),
        day_offsets,
        st.sampled_from(STATUSES),
        st.integers(min_value=1, max_value=3),
    ),
    max_size=40,
)
rest_strategy = st.lists(day_offsets.map(lambda n: TODAY + timedelta(days=n)), max_size=10)


@given(sessions_strategy, rest_strategy, st.randoms(use_true_random=False))
def test_the_order_of_sessions_does_not_matter(
    sessions: list[SessionRecord], rest: list[date], rnd: random.Random
) -> None:
    shuffled = list(sessions)
    rnd.shuffle(shuffled)
    reversed_rest = list(reversed(rest))
    assert summarize(sessions, rest, TODAY) == summarize(shuffled, reversed_rest, TODAY)


@given(sessions_strategy, rest_strategy, day_offsets)
def test_adding_a_completed_session_never_shortens_a_streak(
    sessions: list[SessionRecord], rest: list[date], offset: int
) -> None:
    before = summarize(sessions, rest, TODAY)
    after = summarize([*sessions, _session(TODAY + timedelta(days=offset))], rest, TODAY)
    assert after.longest >= before.longest
    assert after.current >= before.current


@given(sessions_strategy, rest_strategy, day_offsets)
def test_a_rest_day_never_breaks_a_streak(
    sessions: list[SessionRecord], rest: list[date], offset: int
) -> None:
    before = summarize(sessions, rest, TODAY)
    after = summarize(sessions, [*rest, TODAY + timedelta(days=offset)], TODAY)
    assert after.longest >= before.longest
    assert after.current >= before.current


@given(sessions_strategy, rest_strategy)
def test_streaks_stay_within_the_counted_days(
    sessions: list[SessionRecord], rest: list[date]
) -> None:
    counted = counted_days(sessions, TODAY)
    assert 0 <= current_streak(counted, rest, TODAY) <= longest_streak(counted, rest)
    assert longest_streak(counted, rest) <= len(counted)


# -- DST: a day is a calendar day, 23 or 25 hours long alike ---------------------------

DST_CHANGES = {
    "Europe/London": [date(2026, 3, 29), date(2026, 10, 25)],
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
}


@st.composite
def dst_runs(draw: st.DrawFn) -> tuple[str, list[datetime]]:
    """Consecutive days around a DST change, one session at a random local time each."""
    zone_name = draw(st.sampled_from(sorted(DST_CHANGES)))
    change = draw(st.sampled_from(DST_CHANGES[zone_name]))
    first = change - timedelta(days=draw(st.integers(0, 3)))
    length = draw(st.integers(2, 7))
    zone = ZoneInfo(zone_name)
    starts = []
    for i in range(length):
        minute = draw(st.integers(0, 24 * 60 - 1))
        naive = datetime.combine(first + timedelta(days=i), time(minute // 60, minute % 60))
        # Normalise through UTC so a time skipped by the change becomes a real instant.
        starts.append(naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone))
    return zone_name, starts


@given(dst_runs())
def test_dst_days_are_days(run: tuple[str, list[datetime]]) -> None:
    _zone, starts = run
    sessions = []
    for start in starts:
        record = SessionRecord.begin(routine_id="r", routine_name="R", now=start, pid=None)
        record.status = "completed"
        sessions.append(record)
    days = [s.local_date for s in sessions]
    today = days[-1]
    # no two sessions share a day and no day is skipped, even at 00:xx or 23:xx on the
    # 23- and 25-hour days
    assert len(set(days)) == len(days)
    assert summarize(sessions, [], today).current == len(starts)
    assert summarize(sessions, [], today + timedelta(days=1)).current == len(starts)
    assert summarize(sessions, [], today + timedelta(days=2)).current == 0


def test_a_session_just_after_midnight_on_the_short_day() -> None:
    london = ZoneInfo("Europe/London")
    saturday = datetime(2026, 3, 28, 23, 30, tzinfo=london)
    sunday = datetime(2026, 3, 29, 0, 30, tzinfo=london)  # the 23-hour day
    monday = datetime(2026, 3, 30, 0, 10, tzinfo=london)  # 22h40 of real time later
    sessions = []
    for start in (saturday, sunday, monday):
        record = SessionRecord.begin(routine_id="r", routine_name="R", now=start, pid=None)
        record.status = "completed"
        sessions.append(record)
    assert [s.local_date.day for s in sessions] == [28, 29, 30]
    assert summarize(sessions, [], date(2026, 3, 30)).current == 3


# -- travel across the date line keeps the days as recorded -----------------------------


@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=6, max_value=21),
    st.integers(min_value=8, max_value=16),
)
def test_travel_from_auckland_to_los_angeles_keeps_recorded_days(
    days_in_auckland: int, local_hour: int, flight_hours: int
) -> None:
    auckland, los_angeles = ZoneInfo("Pacific/Auckland"), ZoneInfo("America/Los_Angeles")
    first = date(2026, 11, 10)
    sessions = []
    for i in range(days_in_auckland):
        start = datetime.combine(first + timedelta(days=i), time(local_hour), tzinfo=auckland)
        record = SessionRecord.begin(routine_id="r", routine_name="R", now=start, pid=None)
        record.status = "completed"
        sessions.append(record)
    recorded = [s.local_date for s in sessions]
    arrival = (sessions[-1].started_at + timedelta(hours=flight_hours)).astimezone(los_angeles)
    today_in_la = arrival.date()
    # Flying east over the date line it is "yesterday" again: the last days recorded in
    # Auckland now lie after today. They are reported, not counted, and not moved.
    summary = summarize(sessions, [], today_in_la)
    assert summary.future_sessions == sum(1 for d in recorded if d > today_in_la)
    assert [s.local_date for s in sessions] == recorded
    # A session in Los Angeles on arrival, then the calendar catches up.
    la = SessionRecord.begin(routine_id="r", routine_name="R", now=arrival, pid=None)
    la.status = "completed"
    every = [*sessions, la]
    later = max(recorded[-1], today_in_la)
    summary_later = summarize(every, [], later)
    assert summary_later.future_sessions == 0
    assert summary_later.current == len(set(recorded) | {la.local_date})
    assert la.local_date == today_in_la

"""Hypothesis: whatever the store saves, a fresh store loads back exactly."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.clock import FakeClock
from backcoach.core.history_models import (
    ExerciseRecord,
    Flag,
    ProgressionState,
    SessionRecord,
    SetRecord,
    StopPosition,
)
from backcoach.core.store import HistoryStore

# Any unicode and quotes, but no control characters: the app never writes one (content
# refuses them), and one read from a file is shown escaped (test_hostile_history.py).
text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60)
pain = st.none() | st.integers(min_value=0, max_value=10)
seconds = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
sides = st.none() | st.sampled_from(["left", "right"])

stop_positions = st.builds(
    StopPosition,
    set=st.integers(1, 5),
    side=sides,
    rep=st.integers(1, 30),
    phase=st.integers(1, 4),
    phase_kind=st.sampled_from(["move", "hold", "breathe", "relax"]),
    phase_cue=text,
    seconds_into_phase=seconds,
)
exercises = st.builds(
    ExerciseRecord,
    exercise_id=text,
    name=text,
    status=st.sampled_from(["completed", "skipped", "stopped_for_pain", "not_started"]),
    sets=st.lists(
        st.builds(
            SetRecord,
            set=st.integers(1, 5),
            side=sides,
            reps_done=st.integers(0, 50),
            holds_done=st.integers(0, 50),
        ),
        max_size=4,
    ),
    seconds_spent=seconds,
    stopped_at=st.none() | stop_positions,
    planned_reps=st.none() | st.integers(1, 30),
    planned_sets=st.none() | st.integers(1, 5),
)


@st.composite
def sessions(draw: st.DrawFn) -> SessionRecord:
    started = draw(moments)
    offset = draw(offsets)
    local = started.astimezone(timezone(timedelta(minutes=offset)))
    return SessionRecord(
        routine_id=draw(st.none() | text),
        routine_name=draw(text),
        started_at=started,
        utc_offset_minutes=offset,
        local_date=local.date(),
        ended_at=draw(st.none() | moments),
        status=draw(st.sampled_from(["in_progress", "completed", "ended_early", "interrupted"])),
        pain_before=draw(pain),
        pain_after=draw(pain),
        exercises=draw(st.lists(exercises, max_size=3)),
        target_per_day=draw(st.integers(1, 3)),
        pid=draw(st.none() | st.integers(1, 2**22)),
        updated_at=draw(st.none() | moments),
    )


flags = st.builds(
    Flag,
    exercise_id=text,
    exercise_name=text,
    flagged_at=moments,
    local_date=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    stopped_at=st.none() | stop_positions,
    pain=pain,
)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(sessions(), max_size=6, unique_by=lambda s: s.id),
    st.lists(flags, max_size=3, unique_by=lambda f: f.id),
    st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), max_size=3),
    st.dictionaries(text, st.integers(1, 40), max_size=3),
)
def test_save_then_load_gives_the_same_history(
    saved_sessions: list[SessionRecord],
    saved_flags: list[Flag],
    rest: list[date],
    reps: dict[str, int],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        store = HistoryStore(data_dir, FakeClock())
        for record in saved_sessions:
            assert store.save_session(record).ok
        for flag in saved_flags:
            assert store.add_flag(flag).ok
        for day in rest:
            assert store.mark_rest_day(day, note="sore").ok
        for exercise_id, count in reps.items():
            state = ProgressionState(exercise_id=exercise_id, reps=count)
            assert store.set_progression(state).ok
        loaded = HistoryStore(data_dir, FakeClock()).load()
        assert loaded.notices == []
        assert loaded.history == store.history
        oldest_first = sorted(saved_sessions, key=lambda s: (s.started_at, str(s.id)))
        assert loaded.history.sessions == oldest_first
        assert loaded.history.flags == saved_flags
        assert sorted(r.local_date for r in loaded.history.rest_days) == sorted(set(rest))
        assert {k: v.reps for k, v in loaded.history.progression.items()} == reps


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2026, 9, 1), max_value=date(2026, 12, 10)),
            st.sampled_from(["completed", "ended_early", "interrupted", "in_progress"]),
            st.none() | st.just("daily"),
            st.integers(1, 3),
        ),
        max_size=12,
    ),
    st.lists(st.dates(min_value=date(2026, 9, 1), max_value=date(2026, 12, 10)), max_size=4),
    st.dates(min_value=date(2026, 9, 1), max_value=date(2026, 12, 10)),
)
def test_status_from_the_summary_matches_the_streaks_of_the_sessions(
    days: list[tuple[date, str, str | None, int]], rest: list[date], today: date
) -> None:
    """What ``status`` reads (day tallies, no session) gives the streak figures computed
    over every session, at any day of the run."""
    from backcoach.core.status_summary import read_status
    from backcoach.core.streaks import summarize
    from store_factory import session_on

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        store = HistoryStore(data_dir, FakeClock(), device="one")
        for day, status, routine_id, target in days:
            record = session_on(day, status, routine_id=routine_id, target_per_day=target)  # type: ignore[arg-type]
            assert store.save_session(record).ok
        for day in rest:
            assert store.mark_rest_day(day).ok
        history = store.history
        full = summarize(history.sessions, [r.local_date for r in history.rest_days], today)
        shown = read_status(data_dir, today)
        assert (shown.streak, shown.best) == (full.current, full.longest)
        assert (shown.today_done, shown.today_target) == (full.today_done, full.today_target)
        assert shown.rest_day_today == full.rest_day_today
        assert len(shown.future_sessions) <= full.future_sessions

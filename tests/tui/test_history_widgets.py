"""The heatmap grid, the pain bars and the history wording, without a screen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from backcoach.core.history_models import ExerciseRecord, Flag, SetRecord, StopPosition
from backcoach.tui.history_text import (
    clearance,
    describe_sets,
    describe_stop,
    duration,
    pain_text,
    phase_words,
    short_stop,
)
from backcoach.tui.widgets.heatmap import (
    GLYPH_LEVELS,
    GLYPH_NONE,
    GLYPH_REST,
    build_grid,
    first_shown_day,
    month_header,
)
from backcoach.tui.widgets.pain_trend import PainTrend, bar

TODAY = date(2026, 11, 25)  # a Wednesday


def test_grid_is_26_weeks_of_7_days_ending_with_the_week_of_today() -> None:
    grid = build_grid({}, set(), TODAY, 26)
    assert len(grid) == 26
    assert all(len(column) == 7 for column in grid)
    assert grid[0][0].day == date(2026, 6, 1)
    assert grid[0][0].day.weekday() == 0
    assert grid[-1][2].day == TODAY
    assert grid[-1][2].is_today
    assert first_shown_day(TODAY, 26) == date(2026, 6, 1)


def test_cells_show_counts_rest_days_and_nothing_after_today() -> None:
    counts = {TODAY: 1, TODAY - timedelta(days=1): 2, TODAY - timedelta(days=2): 5}
    rest = {TODAY - timedelta(days=7)}
    last_two = build_grid(counts, rest, TODAY, 2)
    this_week, last_week = last_two[-1], last_two[0]
    assert this_week[2].glyph == GLYPH_LEVELS[0]
    assert this_week[1].glyph == GLYPH_LEVELS[1]
    assert this_week[0].glyph == GLYPH_LEVELS[2]  # 5 sessions: the top level
    assert this_week[0].component == "heatmap--level-3"
    assert last_week[2].glyph == GLYPH_REST
    assert last_week[2].component == "heatmap--rest"
    assert last_week[3].glyph == GLYPH_NONE
    assert this_week[3].future and this_week[3].glyph == " "


def test_a_rest_day_with_a_session_shows_the_session() -> None:
    cell = build_grid({TODAY: 1}, {TODAY}, TODAY, 1)[0][2]
    assert cell.rest and cell.count == 1
    assert cell.glyph == GLYPH_LEVELS[0]


def test_month_names_start_where_a_new_month_begins() -> None:
    header = month_header(build_grid({}, set(), TODAY, 26))
    assert header.startswith("    Jun")
    for name in ("Jul", "Aug", "Sep", "Oct", "Nov"):
        assert name in header
    assert "Dec" not in header


def test_pain_bars_run_from_lowest_to_highest_with_gaps_for_missing() -> None:
    assert bar(0) == "▁"
    assert bar(10) == "█"
    assert bar(None) == " "
    assert bar(5) not in {"▁", "█", " "}


def test_history_text() -> None:
    stop = StopPosition(
        set=2,
        side="left",
        rep=3,
        phase=2,
        phase_kind="hold",
        phase_cue="Hold",
        seconds_into_phase=4.5,
    )
    assert describe_stop(stop) == "set 2, left side, rep 3, phase 2 (Hold), 4.5 s in"
    other_cue = stop.model_copy(update={"phase_cue": "Breathe out slowly"})
    assert phase_words(other_cue) == "hold: Breathe out slowly"
    assert phase_words(stop.model_copy(update={"phase_cue": ""})) == "hold"
    assert short_stop(stop) == "set 2 left, rep 3, hold 4.5 s"
    assert duration(45) == "45 s"
    assert duration(200) == "3 min 20 s"
    assert duration(3900) == "1 h 05 min"
    assert pain_text(4, None) == "4 → -"
    assert pain_text(None, None) == ""


def test_counts_of_one_are_singular() -> None:
    exercise = ExerciseRecord(
        exercise_id="bridge",
        name="Bridge",
        status="completed",
        sets=[SetRecord(set=1, side=None, reps_done=1, holds_done=1)],
        seconds_spent=10.0,
    )
    assert describe_sets(exercise) == "set 1: 1 rep, 1 hold"
    assert PainTrend.summary([3], [2]).startswith("1 rated session,")
    assert PainTrend.summary([3, 4], [2, None]).startswith("2 rated sessions,")


def test_clearance_says_when_who_and_the_note() -> None:
    flag = Flag(
        exercise_id="bridge",
        exercise_name="Bridge",
        flagged_at=datetime(2026, 10, 5, 8, tzinfo=UTC),
        local_date=date(2026, 10, 5),
    )
    assert clearance(flag) == ""
    cleared = flag.model_copy(
        update={
            "cleared_at": datetime(2026, 10, 9, 9, tzinfo=UTC),
            "cleared_by_clinician": True,
            "cleared_note": "Physio said fine",
        }
    )
    assert clearance(cleared) == (
        "Unflagged 2026-10-09, cleared by a clinician.\nNote: Physio said fine"
    )
    anyway = cleared.model_copy(update={"cleared_by_clinician": False, "cleared_note": None})
    assert clearance(anyway) == "Unflagged 2026-10-09, no clinician's clearance. No note."


def test_pain_trend_keeps_only_the_newest_rated_points_that_fit() -> None:
    """Years of ratings: only the newest few are built, rated ones only, in order."""
    from backcoach.tui.widgets import pain_trend

    start = date(2016, 1, 1)
    points = [
        pain_trend.PainPoint(start + timedelta(days=i), i % 10 if i % 3 else None, None)
        for i in range(12_000)
    ]
    trend = PainTrend(points)  # not laid out: cut to the fallback limit
    shown = trend.shown_points()
    rated = [p for p in points if p.before is not None]
    assert list(shown) == rated[-pain_trend.UNKNOWN_WIDTH_LIMIT :]
    assert PainTrend([]).shown_points() == []

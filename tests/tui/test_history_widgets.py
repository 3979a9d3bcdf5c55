"""The heatmap grid, the pain bars and the history wording, without a screen."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, timedelta

from backcoach.core.history_models import ExerciseRecord, Flag, SetRecord, StopPosition
from backcoach.core.stop_words import (
    CUE_LIMIT,
    describe_stop,
    phase_words,
    short_cue,
    short_stop,
    stopped_line,
)
from backcoach.tui.history.text import (
    clearance,
    describe_sets,
    duration,
    pain_text,
)
from backcoach.tui.widgets.heatmap import (
    GLYPH_LEVELS,
    GLYPH_NONE,
    GLYPH_REST,
    build_grid,
    first_shown_day,
    month_header,
)
from backcoach.tui.widgets.pain_trend import (
    BEFORE,
    BOTH,
    EMPTY,
    PainPoint,
    PainTrend,
    date_line,
    level,
    mark,
)

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
    assert [level(v) for v in range(11)] == [0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10]
    point = PainPoint(date(2026, 1, 5), 5, None)
    assert [mark(point, row) for row in (8, 6, 4)] == [EMPTY, BEFORE, EMPTY]
    assert mark(PainPoint(date(2026, 1, 5), 4, 3), 4) == BOTH


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


def test_stops_during_rests_are_said_plainly() -> None:
    """The engine records a rest as kind "rest" with the next rep's position."""
    ready = StopPosition(
        set=1,
        side=None,
        rep=1,
        phase=1,
        phase_kind="rest",
        phase_cue="Get ready: Lie on your back with your knees bent, feet flat",
        seconds_into_phase=4.0,
    )
    assert describe_stop(ready) == "during the get-ready, 4 s in"
    assert stopped_line(ready) == "Stopped during the get-ready, 4 s in"
    assert short_stop(ready) == "get-ready 4 s"
    between = ready.model_copy(update={"rep": 3, "side": "left leg", "phase_cue": "Rest"})
    assert describe_stop(between) == "left leg, during the rest after rep 2, 4 s in"
    assert describe_stop(between, planned_sets=2) == (
        "set 1, left leg, during the rest after rep 2, 4 s in"
    )
    turn = ready.model_copy(update={"side": "right", "phase_cue": "Switch sides: right next"})
    assert describe_stop(turn) == "during the switch to the right side, 4 s in"
    before_set = ready.model_copy(update={"set": 2, "phase_cue": "Rest before set 2 of 3"})
    assert describe_stop(before_set) == "during the rest before set 2, 4 s in"


def test_long_cues_are_cut_to_their_first_clause() -> None:
    stop = StopPosition(
        set=1,
        rep=2,
        phase=1,
        phase_kind="move",
        phase_cue="Breathe out and tighten your belly, then press your back down",
        seconds_into_phase=1.25,
    )
    assert phase_words(stop) == "move: Breathe out and tighten your belly…"
    assert (
        describe_stop(stop)
        == "rep 2, phase 1 (move: Breathe out and tighten your belly…), 1.2 s in"
    )
    assert short_cue("Hold") == "Hold"
    assert short_cue("x" * 60).endswith("…") and len(short_cue("x" * 60)) <= CUE_LIMIT


def test_one_set_with_sides_names_only_the_side() -> None:
    exercise = ExerciseRecord(
        exercise_id="lateral-leg-lifts",
        name="Lateral leg lifts",
        sets=[
            SetRecord(set=1, side="left leg", reps_done=2, holds_done=0),
            SetRecord(set=1, side="right leg", reps_done=1, holds_done=0),
        ],
        planned_sets=1,
    )
    assert describe_sets(exercise) == "left leg: 2 reps; right leg: 1 rep"
    three = exercise.model_copy(update={"planned_sets": 3})
    assert describe_sets(three) == "set 1 left leg: 2 reps; set 1 right leg: 1 rep"


def test_counts_of_one_are_singular() -> None:
    exercise = ExerciseRecord(
        exercise_id="bridge",
        name="Bridge",
        status="completed",
        sets=[SetRecord(set=1, side=None, reps_done=1, holds_done=1)],
        seconds_spent=10.0,
    )
    assert describe_sets(exercise) == "1 rep, 1 hold"  # one set: no "set 1"
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


def test_the_dates_along_the_bottom_never_overlap_and_end_with_the_newest() -> None:
    days = [date(2026, 1, 5) + timedelta(days=i) for i in range(50)]
    line = date_line(days)
    assert len(line) == 50
    assert line.startswith("05 Jan") and line.endswith("23 Feb")
    spans = [m.span() for m in re.finditer(r"\d\d [A-Z][a-z]{2}", line)]
    assert len(spans) >= 4
    assert all(end + 2 <= start for (_, end), (start, _) in itertools.pairwise(spans))
    # each label sits under its own session: "15 Jan" starts at column 10
    assert line.index("15 Jan") == 10
    assert date_line([]) == ""

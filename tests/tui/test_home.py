"""Home: the exercise list, the detail pane, the status line, starting an exercise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from shell_support import (
    MakeApp,
    flag_on,
    opened_session,
    option_ids,
    plain,
    seed,
    session_on,
    session_screens,
)
from textual.widgets import OptionList, Static

from backcoach.clock import FakeClock
from backcoach.core.content_loader import load_catalog
from backcoach.core.settings import Settings
from backcoach.core.store import HistoryStore, SaveReport
from backcoach.paths import AppPaths
from backcoach.services import Services
from backcoach.tui.app import BackcoachApp
from backcoach.tui.notices import Notice, messages_summary
from backcoach.tui.screens.home import HomeScreen

TODAY = date(2026, 11, 25)
TEN = [
    "bridges",
    "knee-to-chest",
    "lower-back-rotation",
    "draw-in",
    "pelvic-tilt",
    "lateral-leg-lifts",
    "cat-stretch",
    "superman",
    "seated-rotation",
    "partial-curls",
]


def detail_text(app: object) -> str:
    return plain(app.screen.query_one("#exercise-detail", Static))  # type: ignore[attr-defined]


def status_text(app: object) -> str:
    return plain(app.screen.query_one("#status-line", Static))  # type: ignore[attr-defined]


async def test_home_lists_the_ten_exercises_in_order(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.title == "backcoach"
        assert option_ids(app, "#exercise-list") == TEN
        first = app.screen.query_one("#exercise-list", OptionList).get_option_at_index(0)
        prompt = first.prompt.plain  # type: ignore[union-attr]
        assert "Bridges" in prompt
        assert "3 sets x 15 reps" in prompt, "dosage from the core's describe_dosage"
        assert "min" in prompt, "an estimated time"
        assert "gluteus maximus" in prompt, "what it works"


async def test_moving_updates_the_detail_pane(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = detail_text(app)
        assert text.startswith("Bridges")
        for heading in ("Why it helps", "Start position", "Steps", "Dosage"):
            assert heading in text
        assert "  1. Push your feet down into the floor" in text
        assert "Rest between reps: 3 s (app default)" in text
        assert "Source: " in text and "Medical News Today" in text

        await pilot.press("j")
        assert detail_text(app).startswith("Knee-to-chest stretch")
        await pilot.press("down")
        assert detail_text(app).startswith("Lower back rotational stretch")
        await pilot.press("k")
        assert detail_text(app).startswith("Knee-to-chest stretch")
        await pilot.press("up")
        assert detail_text(app).startswith("Bridges")


async def test_pelvic_tilt_shows_todays_reps_and_its_progression(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["j"] * TEN.index("pelvic-tilt"))
        text = detail_text(app)
        assert text.startswith("Pelvic tilt")
        assert "Today: 10 reps" in text
        assert "Up to: 30 reps" in text
        assert "Reps on the first day: 10 (app default)" in text
        assert "Reps: 10" not in text, "the same figure is shown once"
        assert "Gently arch your lower back, stomach out: 2 s (app default)" in text
        assert "Rep part" not in text, "rep parts are named by their cue"


def rendered_lines(app: BackcoachApp, selector: str) -> list[str]:
    widget = app.screen.query_one(selector)
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


async def test_wrapped_lines_keep_their_hanging_indent_and_nothing_is_cut(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one("#exercise-detail", Static)
        width = detail.content_region.width
        laid_out = detail.render().lay_out(width).plain.splitlines()  # type: ignore[union-attr]
        dosage = laid_out.index("Dosage")
        assert laid_out[dosage + 1].startswith("  3 sets x 15 reps")
        assert laid_out[dosage + 2].startswith("  ") and laid_out[dosage + 2][2] != " "
        steps = laid_out.index("Steps")
        assert laid_out[steps + 1].startswith("  1. ")
        assert laid_out[steps + 2].startswith("     "), "continues under the step's text"
        listed = " ".join(
            " ".join(line.replace("▕", " ").split())
            for line in rendered_lines(app, "#exercise-list")
        )
        assert "rest 60 s between sets" in listed, "the dosage reads in full at 80x24"
        assert "…" not in listed


async def test_status_line_shows_streak_and_today(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(
        store,
        session_on(clock, TODAY - timedelta(days=2)),
        session_on(clock, TODAY - timedelta(days=1)),
        session_on(clock, TODAY, target=2, routine_id="stretches", routine_name="Stretches"),
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = status_text(app)
        assert "Streak 3 days (best 3)" in line
        assert "Today 1/2 (Stretches: twice a day)" in line, "says where 2 comes from"
        assert "flagged" not in line


async def test_flagged_exercise_is_marked_with_its_date_and_not_started(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, flag_on(clock, date(2026, 11, 20), "bridges", "Bridges"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.screen.query_one("#exercise-list", OptionList).get_option_at_index(0)
        prompt = first.prompt.plain  # type: ignore[union-attr]
        assert prompt.startswith("⚑ Bridges")
        assert "flagged 2026-11-20: left out until cleared" in prompt
        assert "Flagged on 2026-11-20" in detail_text(app)
        assert "consult a doctor" in detail_text(app)
        assert "1 flagged" in status_text(app)

        await pilot.press("enter")
        await pilot.pause()
        assert session_screens(app) == [], "a flagged exercise does not start"
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert any("Bridges" in m and "2026-11-20" in m for m in messages), messages


async def test_enter_starts_the_highlighted_exercise(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert session_screens(app) != []
        plan = opened_session(app).plan
        assert [e.exercise.id for e in plan.exercises] == ["knee-to-chest"]
        assert plan.routine_id is None
        assert opened_session(app).settings is app.settings
        assert opened_session(app).resume is None


async def test_home_refreshes_when_a_session_screen_closes(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Today 0/1 routine session" in status_text(app)
        await pilot.press("h")
        await pilot.pause()
        seed(store, session_on(clock, TODAY))  # a save made while home is covered...
        app.take_save(SaveReport(ok=True))  # ... whose report hands the history down
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Today 1/1 routine session" in status_text(app)
        assert "Streak 1 day" in status_text(app)


async def test_back_on_home_a_change_kept_in_memory_is_saved(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.core.atomic import atomic_write_bytes
    from backcoach.core.store import layout_files as store_module

    real_write = atomic_write_bytes
    calls: list[int] = []

    def fail_first_time(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "atomic_write_bytes", fail_first_time)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        record = session_on(clock, TODAY)
        assert not store.save_session(record).ok, "the session's save fails"
        assert store.pending_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert store.pending_count == 0
        on_disk = HistoryStore(store.data_dir, clock).history
        assert record.id in {s.id for s in on_disk.sessions}


async def test_user_exercise_is_listed_and_shown_literally(
    app_paths: AppPaths,
    clock: FakeClock,
    store: HistoryStore,
    write_settings: Callable[..., Settings],
) -> None:
    exercises = app_paths.user_exercises_dir
    exercises.mkdir(parents=True)
    (exercises / "wall-sit.toml").write_text(
        """
id = "wall-sit"
name = "Wall [bold]sit[/bold]"
order = 200
kind = "strength"
works = "The thighs [red]and[/] more"
why = "My physio said so."
start_position = "Back against a wall."
steps = ["Slide down [i]slowly[/i]."]

[dosage]
reps = { value = 3, origin = "user" }

[[rep]]
kind = "hold"
cue = "Hold"
seconds = { value = 20, origin = "user" }
""",
        encoding="utf-8",
    )
    write_settings(safety_acknowledged=True)
    services = Services(app_paths, clock, load_catalog(app_paths), store)
    app = BackcoachApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.services.content.problems == []
        assert option_ids(app, "#exercise-list")[-1] == "wall-sit"
        await pilot.press("end")
        text = detail_text(app)
        assert text.startswith("Wall [bold]sit[/bold]")
        assert "The thighs [red]and[/] more" in text
        assert "Slide down [i]slowly[/i]." in text
        assert "Reps: 3 (your figure)" in text


async def test_a_click_highlights_without_starting(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        exercise_list = app.screen.query_one("#exercise-list", OptionList)
        # Click down the list until the second exercise's (wrapped) rows are reached.
        for row in range(1, 12):
            await pilot.click("#exercise-list", offset=(5, row))
            await pilot.pause()
            if exercise_list.highlighted == 1:
                break
        assert exercise_list.highlighted == 1
        assert detail_text(app).startswith("Knee-to-chest stretch")
        assert session_screens(app) == []
        assert isinstance(app.screen, HomeScreen)


async def test_start_up_works_out_todays_figures_once(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history is bound at start-up and home is mounted: one set of plans, not two."""
    from backcoach.tui import today
    from backcoach.tui.today import ExerciseRow, today_figures

    calls: list[int] = []
    real = today_figures

    def counting(*args: Any) -> list[ExerciseRow]:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(today, "today_figures", counting)  # home imports it when drawing
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert option_ids(app, "#exercise-list") == TEN
        assert len(calls) == 1


def _notice(text: str, problems: int = 1, files: tuple[str, ...] = ()) -> Notice:
    return Notice("Please note", text, "warning", datetime(2026, 11, 25, 9, 0), problems, files)


def test_the_notice_line_counts_what_the_messages_hold() -> None:
    content = _notice("3 problems", 3, ("a.toml", "b.toml"))
    repair = _notice("history.json moved aside")
    assert messages_summary([repair]) == "⚠ 1 message: press m to read it"
    assert messages_summary([repair, repair]) == "⚠ 2 messages: press m to read them"
    assert messages_summary([content]) == "⚠ 3 problems in 2 files: press m to read them"
    one = _notice("1 problem", 1, ("a.toml",))
    assert messages_summary([one]) == "⚠ 1 problem in 1 file: press m to read it"
    assert messages_summary([content, repair]) == (
        "⚠ 3 problems in 2 files + 1 message: press m to read them"
    )


async def test_home_counts_content_problems_not_messages(
    make_app: MakeApp, services: Services, app_paths: AppPaths
) -> None:
    app_paths.user_exercises_dir.mkdir(parents=True)
    (app_paths.user_exercises_dir / "one.toml").write_text('id = "one"\nname = \n')
    (app_paths.user_exercises_dir / "two.toml").write_text("not toml at all [[[\n")
    services.content = load_catalog(app_paths)
    assert len(services.content.problems) == 2
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = plain(app.screen.query_one("#notice-line", Static))
        assert line == "⚠ 2 problems in 2 files: press m to read them"


async def test_the_highlighted_exercise_stays_in_view_after_a_resize(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        exercise_list = app.screen.query_one("#exercise-list", OptionList)
        index = exercise_list.highlighted
        assert index == 3
        top = exercise_list._index_to_line[index]
        bottom = top + exercise_list._heights[index]
        visible_top = round(exercise_list.scroll_y)
        visible_bottom = visible_top + exercise_list.scrollable_content_region.height
        assert visible_top <= top and bottom <= visible_bottom, (top, bottom, visible_top)


def test_the_status_line_names_the_flags_before_todays_count(clock: FakeClock) -> None:
    """Today's count can be long ("(Stretches: twice a day)"): the flags come first, so
    an 80-column line never cuts them off."""
    from backcoach.core.history_models import History
    from backcoach.tui.today import status_text as line_for

    history = History(
        sessions=[
            session_on(clock, TODAY, target=2, routine_id="stretches", routine_name="Stretches")
        ],
        flags=[flag_on(clock, TODAY, "bridges", "Bridges")],
    )
    line = line_for(history, TODAY)
    assert line.index("1 flagged") < line.index("Today 1/2 (Stretches: twice a day)")
    assert len(line.split(" · Today")[0]) < 40


async def test_the_detail_pane_ends_with_what_the_article_says_exercise_can_do(
    make_app: MakeApp,
) -> None:
    """Issue 11: about.general, hedges kept, at the foot of every exercise's details."""
    from backcoach.tui.exercise_text import GENERAL_HEADING

    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = plain(app.screen.query_one("#exercise-detail", Static))
        general = app.services.content.catalog.about.general
        assert GENERAL_HEADING in text
        assert text.index(GENERAL_HEADING) > text.index("Steps")
        for point in general:
            assert point.split(";")[0][:40] in " ".join(text.split())

"""The routine chooser: each routine with its exercises and time; enter starts it."""

from __future__ import annotations

import re
from datetime import date

from shell_support import (
    MakeApp,
    flag_on,
    opened_session,
    option_ids,
    plain,
    seed,
    session_screens,
)
from textual.widgets import Static

from backcoach.clock import FakeClock
from backcoach.core.store import HistoryStore
from backcoach.tui.screens.home import HomeScreen
from backcoach.tui.screens.routine_chooser import RoutineChooserScreen


def plan_text(app: object) -> str:
    return plain(app.screen.query_one("#routine-plan", Static))  # type: ignore[attr-defined]


async def test_r_opens_the_chooser_with_every_routine(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RoutineChooserScreen)
        assert option_ids(app, "#routine-list") == [
            "daily",
            "stretches",
            "strength",
            "ten-minutes",
        ]
        text = plan_text(app)
        assert text.startswith("Daily routine")
        assert "10 exercises, once a day" in text
        assert "Bridges" in text and "Partial curls" in text
        assert re.search(r"Today: ~\d+ min · 10 exercises\n", text)
        await pilot.press("j")
        text = plan_text(app)
        assert text.startswith("Stretches")
        assert "twice a day" in text
        assert "Bridges" not in text


async def test_enter_starts_the_highlighted_routine_and_closes_the_chooser(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "j", "enter")
        await pilot.pause()
        assert session_screens(app) != []
        plan = opened_session(app).plan
        assert plan.routine_id == "stretches"
        assert [e.exercise.id for e in plan.exercises] == [
            "knee-to-chest",
            "lower-back-rotation",
            "cat-stretch",
            "seated-rotation",
        ]
        assert not any(isinstance(s, RoutineChooserScreen) for s in app.screen_stack)


async def test_flagged_exercises_are_shown_as_left_out(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, flag_on(clock, date(2026, 11, 20), "superman", "Superman"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        text = plan_text(app)
        assert "9 exercises (1 left out)" in text
        left_out = [line for line in text.splitlines() if "Left out" in line]
        assert len(left_out) == 1
        assert "Superman" in left_out[0]
        assert "2026-11-20" in left_out[0]
        await pilot.press("enter")
        await pilot.pause()
        ids = [e.exercise.id for e in opened_session(app).plan.exercises]
        assert "superman" not in ids
        assert len(ids) == 9


async def test_escape_goes_back_without_starting(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert session_screens(app) == []


async def test_a_routine_with_everything_flagged_does_not_start(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    day = date(2026, 11, 20)
    names = {
        "knee-to-chest": "Knee-to-chest stretch",
        "lower-back-rotation": "Lower back rotational stretch",
        "cat-stretch": "Cat stretch",
        "seated-rotation": "Seated lower back rotational stretch",
    }
    seed(store, *(flag_on(clock, day, key, name) for key, name in names.items()))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "j", "enter")
        await pilot.pause()
        assert session_screens(app) == []
        assert isinstance(app.screen, RoutineChooserScreen), "stays open to pick another"
        assert any("Nothing to do" in n.message for n in app._notifications)


async def test_the_ten_minute_routine_shows_its_time_and_that_it_is_the_apps(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "j", "j", "j")
        text = plan_text(app)
        assert text.startswith("Ten minutes")
        assert "3 exercises (the app's choice), once a day" in text
        assert re.search(r"Today: ~1[012] min · 3 exercises\n", text), text

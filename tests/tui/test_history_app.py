"""The history screen inside the real app: opened with h, in the palette and help, and
its changes reach the rest of the app."""

from __future__ import annotations

from uuid import uuid4

from history_seed import ACTIVE_FLAG, TODAY, seed, seeded_history
from shell_support import MakeApp
from textual.command import CommandPalette

from backcoach.clock import FakeClock
from backcoach.core.engine import SessionEngine
from backcoach.core.plan import build_plan
from backcoach.services import Services
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.screens.help import HelpScreen, key_rows
from backcoach.tui.screens.home import HomeScreen


async def test_h_opens_history_and_escape_goes_back(services: Services, make_app: MakeApp) -> None:
    seed(services.store, seeded_history())
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h", "q")  # q goes back too (it does not quit from here)
        assert isinstance(app.screen, HomeScreen)


async def test_help_lists_the_history_keys(services: Services, make_app: MakeApp) -> None:
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        descriptions = {row.description for row in key_rows(app.screen)}
        assert {"Back", "Rest day", "Details", "Overview", "Sessions", "Flags"} <= descriptions
        assert "Unflag" not in descriptions  # u belongs to the flags tab
        keys = {row.description: row.keys for row in key_rows(app.screen)}
        assert "q" in keys["Back"] and "esc" in keys["Back"]
        await pilot.press("3")
        assert "Unflag" in {row.description for row in key_rows(app.screen)}
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_unflag_in_history_reaches_the_apps_history(
    services: Services, make_app: MakeApp
) -> None:
    seed(services.store, seeded_history())
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "knee-to-chest" in app.history.active_flags()
        await pilot.press("h", "3", "u", "y")
        await pilot.pause()
        assert app.history.active_flags() == {}
        flag = next(f for f in app.history.flags if f.id == ACTIVE_FLAG)
        assert flag.cleared_by_clinician is True


async def test_rest_day_from_the_command_palette(services: Services, make_app: MakeApp) -> None:
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        history_screen = app.screen
        app.action_command_palette()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"rest day")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is history_screen
        assert TODAY in {r.local_date for r in services.store.history.rest_days}


def planned_ids(services: Services) -> list[str]:
    plan = build_plan(
        services.content.catalog,
        services.store.history,
        services.clock.now().date(),
        routine_id="stretches",
    )
    return [p.exercise.id for p in plan.exercises]


async def test_an_unflagged_exercise_comes_back_in_the_next_plan(
    services: Services, make_app: MakeApp, clock: FakeClock
) -> None:
    """Pain stop -> left out of the next plan -> unflag in the history -> planned again,
    even when the exercise was flagged twice (both flags are cleared)."""
    assert "knee-to-chest" in planned_ids(services)
    plan = build_plan(
        services.content.catalog, services.store.history, clock.now().date(), routine_id="stretches"
    )
    assert plan.exercises[0].exercise.id == "knee-to-chest"
    engine = SessionEngine(plan, clock, sink=services.store)
    clock.advance(3)
    engine.tick()
    engine.pain_stop()  # what the session screen does on w
    engine.end_early(9)  # "e" in the pain-stop modal, with pain 9
    assert "knee-to-chest" not in planned_ids(services)
    first = services.store.history.active_flags()["knee-to-chest"]
    assert first.pain == 9
    again = first.model_copy(update={"id": uuid4()})
    assert services.store.add_flag(again).ok  # flagged a second time, e.g. in another terminal

    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "3", "u", "y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.history.active_flags() == {}

    stored = services.store.load().history
    knee_flags = [f for f in stored.flags if f.exercise_id == "knee-to-chest"]
    assert len(knee_flags) == 2 and not any(f.active for f in knee_flags)
    assert all(f.cleared_by_clinician for f in knee_flags)
    assert "knee-to-chest" in planned_ids(services)

"""The weekly goal: set in the settings, shown at once on home, and in History."""

from __future__ import annotations

from datetime import date, timedelta

from shell_support import MakeApp, plain, seed, session_on
from textual.widgets import Select, Static

from backcoach.clock import FakeClock
from backcoach.core.settings import SettingsStore
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.screens.home import HomeScreen
from backcoach.tui.screens.settings import SettingsScreen

TODAY = date(2026, 11, 25)  # a Wednesday
LAST_MONDAY = date(2026, 11, 16)


def three_days_last_week(store: HistoryStore, clock: FakeClock) -> None:
    seed(store, *(session_on(clock, LAST_MONDAY + timedelta(days=n)) for n in (0, 3, 6)))


async def test_a_weekly_goal_set_in_the_settings_shows_on_home_and_in_history(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock, app_paths: AppPaths
) -> None:
    three_days_last_week(store, clock)
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        home_line = app.screen.query_one("#status-line", Static)
        assert "Week streak" not in plain(home_line), "every day: the daily streak alone"
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        goal = app.screen.query_one("#days-per-week", Select)
        assert goal.value == 7
        goal.value = 3
        await pilot.pause()
        assert app.settings.days_per_week == 3
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Week streak 1 (best 1) · this week 0/3" in plain(home_line)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        figures = plain(app.screen.query_one("#history-figures", Static))
        # Sunday was three days ago: the daily streak is over, the week streak is not
        assert figures.startswith("Streak 0 days")
        assert "Week streak 1 (best 1) · this week 0/3" in figures
    assert SettingsStore(app_paths.settings_file).load().settings.days_per_week == 3

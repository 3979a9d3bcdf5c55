"""SVG snapshots of what keeps people coming back: the reminders in the settings
(installed, scrolled into view) and the weekly goal on home and in History."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from shell_support import seed, session_on
from textual.pilot import Pilot
from textual.widgets import Input

from backcoach.clock import FakeClock
from backcoach.core.reminders.schedulers import SystemdTimer
from backcoach.core.store import HistoryStore
from backcoach.services import Services
from backcoach.tui.app import BackcoachApp

TODAY = date(2026, 11, 25)
LAST_MONDAY = date(2026, 11, 16)
Snap = Callable[..., bool]


def no_systemctl(command: Sequence[str], env: Mapping[str, str]) -> tuple[int, str]:
    return 0, ""


def reminders_in_view(pilot: Pilot[Any]) -> Awaitable[None]:
    async def run_before() -> None:
        await pilot.pause()
        await pilot.press("comma")
        await pilot.pause()
        field = pilot.app.screen.query_one("#reminder-times", Input)
        field.focus()
        field.scroll_visible(animate=False)
        await pilot.pause()

    return run_before()


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)], ids=str)
def test_settings_with_reminders_installed(
    snap_compare: Snap,
    make_app: Callable[..., BackcoachApp],
    services: Services,
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    timer = SystemdTimer(tmp_path / "units", no_systemctl, {})
    timer.install([time(8), time(18, 30)], ["/usr/bin/backcoach", "remind"])
    services.reminder_scheduler = timer
    assert snap_compare(make_app(), terminal_size=size, run_before=reminders_in_view)


@pytest.fixture
def weekly_goal(store: HistoryStore, clock: FakeClock) -> None:
    """Three days last week and one this week, with a goal of three days a week."""
    days = [LAST_MONDAY + timedelta(days=n) for n in (0, 3, 6)] + [TODAY - timedelta(days=1)]
    seed(store, *(session_on(clock, day) for day in days))


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


def test_home_with_a_weekly_goal(
    snap_compare: Snap, make_app: Callable[..., BackcoachApp], weekly_goal: None
) -> None:
    assert snap_compare(make_app(days_per_week=3), terminal_size=(80, 24), run_before=keys())


def test_history_with_a_weekly_goal(
    snap_compare: Snap, make_app: Callable[..., BackcoachApp], weekly_goal: None
) -> None:
    assert snap_compare(make_app(days_per_week=3), terminal_size=(80, 24), run_before=keys("h"))

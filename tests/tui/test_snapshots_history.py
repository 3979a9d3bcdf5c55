"""SVG snapshots of the history screen's tabs, the session detail and the unflag modal.

The real app with fixed data (history_seed) and the shared fixed clock, at 80x24,
opened from the home screen with h.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from history_seed import seed, seeded_history
from textual.pilot import Pilot

from backcoach.services import Services
from backcoach.tui.app import BackcoachApp

SIZE = (80, 24)
SMALL = (60, 20)
Snap = Callable[..., bool]


def keys(*pressed: str, theme: str | None = None) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        if theme is not None:
            pilot.app.theme = theme
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


@pytest.fixture
def app(services: Services, make_app: Callable[..., BackcoachApp]) -> BackcoachApp:
    seed(services.store, seeded_history())
    return make_app(first_run_check=False)


def test_overview_tab(snap_compare: Snap, app: BackcoachApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_sessions_tab(snap_compare: Snap, app: BackcoachApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("2"))


def test_flags_tab(snap_compare: Snap, app: BackcoachApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3"))


def test_session_detail_of_a_pain_stop(snap_compare: Snap, app: BackcoachApp) -> None:
    run_before = keys("2", "down", "down", "down", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_unflag_confirmation(snap_compare: Snap, app: BackcoachApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", "u"))


def test_overview_tab_on_a_light_theme(snap_compare: Snap, app: BackcoachApp) -> None:
    """Dots, labels, legend and pain bars take the theme's colours, not white on cream."""
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(theme="solarized-light"))


def test_overview_tab_at_60x20(snap_compare: Snap, app: BackcoachApp) -> None:
    assert snap_compare(app, terminal_size=SMALL, run_before=keys("end"))


def test_sessions_tab_at_60x20(snap_compare: Snap, app: BackcoachApp) -> None:
    """The table fits: no sideways scrollbar, the counts column left out, Pain shown."""
    assert snap_compare(app, terminal_size=SMALL, run_before=keys("2"))


def test_flags_tab_at_60x20_after_unflagging(snap_compare: Snap, app: BackcoachApp) -> None:
    run_before = keys("3", "u", "e", *"Dr Lee", "enter", "y")
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_unflag_confirmation_at_60x20(snap_compare: Snap, app: BackcoachApp) -> None:
    assert snap_compare(app, terminal_size=SMALL, run_before=keys("3", "u"))


def test_overview_tab_at_120x40(snap_compare: Snap, app: BackcoachApp) -> None:
    """Wide enough for the whole overview: the pain chart with its scale, dates and legend."""
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys())

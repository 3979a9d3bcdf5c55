"""SVG snapshots of the history screen's tabs, the session detail and the unflag modal.

Fixed data (history_seed) and a fixed clock, at 80x24.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from history_seed import HistoryTestApp, make_services, seeded_history
from textual.pilot import Pilot

SIZE = (80, 24)
Snap = Callable[..., bool]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


def app(tmp_path: Path) -> HistoryTestApp:
    return HistoryTestApp(make_services(tmp_path, seeded_history()))


def test_overview_tab(snap_compare: Snap, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=SIZE, run_before=keys())


def test_sessions_tab(snap_compare: Snap, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=SIZE, run_before=keys("2"))


def test_flags_tab(snap_compare: Snap, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=SIZE, run_before=keys("3"))


def test_session_detail_of_a_pain_stop(snap_compare: Snap, tmp_path: Path) -> None:
    run_before = keys("2", "down", "down", "down", "enter")
    assert snap_compare(app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_unflag_confirmation(snap_compare: Snap, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=SIZE, run_before=keys("3", "u"))

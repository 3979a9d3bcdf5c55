"""SVG snapshots of issue 11's new views: the "not going away" notice on home (80x24 and
60x20) and in History, History's ↑ marks, and the session start after a rise in pain.

The real app and packaged content with the shared fixed clock (2026-11-25, UTC+1), except
the session start, which runs on the made-up catalog like the other session snapshots.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from session_support import SessionHost, make_services, plan_for
from shell_support import MakeApp
from textual.pilot import Pilot

from backcoach.clock import FakeClock
from backcoach.core.history_models import SessionRecord
from backcoach.core.store import HistoryStore
from store_factory import session_on

TODAY = date(2026, 11, 25)
Snap = Callable[..., bool]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


def daily_pain(zone: Any, values: list[int], last: date = TODAY) -> list[SessionRecord]:
    first = last - timedelta(days=len(values) - 1)
    return [
        session_on(first + timedelta(days=n), pain=(pain, max(0, pain - 2)), hour=8, zone=zone)
        for n, pain in enumerate(values)
    ]


@pytest.fixture
def unchanged_pain(store: HistoryStore, clock: FakeClock) -> None:
    """Four weeks of pain before 6 (one day 8 after a 5, a rise of 3)."""
    values = [6] * 20 + [5, 8] + [6] * 6
    sessions = daily_pain(clock.now().tzinfo, values)
    assert store.update(lambda history: history.sessions.extend(sessions)).ok


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_home_with_the_pain_notice(
    snap_compare: Snap, make_app: MakeApp, unchanged_pain: None, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(first_run_check=False), terminal_size=size, run_before=keys())


def test_history_with_the_pain_notice(
    snap_compare: Snap, make_app: MakeApp, unchanged_pain: None
) -> None:
    app = make_app(first_run_check=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("h"))


def test_history_sessions_with_a_risen_day(
    snap_compare: Snap, make_app: MakeApp, unchanged_pain: None
) -> None:
    app = make_app(first_run_check=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("h", "2"))


def test_session_start_after_a_rise_in_pain(snap_compare: Snap, tmp_path: Path) -> None:
    """Yesterday 3, today 6: the start says so; the app's part is marked as the app's."""
    clock = FakeClock()
    services = make_services(tmp_path, clock)
    yesterday = clock.now().date() - timedelta(days=1)
    assert services.store.save_session(session_on(yesterday, pain=(3, 2), routine_id="short")).ok
    app = SessionHost(services, plan_for(services))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("6", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

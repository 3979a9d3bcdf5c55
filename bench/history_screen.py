"""Benchmark 4: opening the history screen on ten years of history, against an empty one.

In-process and headless (``App.run_test`` at 80x24) with the real store, content and
``SystemClock``. The app is started and settled first (its own history load is not
timed); the clock runs from ``app.action_open_history()`` until the history screen is the
active screen and its first frame renders with the tab labels on it. Runs alternate
empty/full with a fresh app each time.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from datetime import date
from pathlib import Path

from bench.child import screen_text
from bench.common import Config, Row, acknowledge_safety, median, ms, require
from bench.generate import write_layout

MARKER = "Overview"  # the first tab's label
DEADLINE_S = 60.0


async def _open_once(data: Path, config_dir: Path) -> float:
    from backcoach.clock import SystemClock
    from backcoach.core.content_loader import load_catalog
    from backcoach.core.store import HistoryStore
    from backcoach.paths import AppPaths
    from backcoach.services import Services
    from backcoach.tui.app import BackcoachApp

    paths = AppPaths(data_dir=data, config_dir=config_dir)
    clock = SystemClock()
    services = Services(paths, clock, load_catalog(paths), HistoryStore(data, clock))
    app = BackcoachApp(services, first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        started = time.perf_counter()
        app.action_open_history()
        give_up = started + DEADLINE_S
        while time.perf_counter() < give_up:
            await pilot.pause()
            screen = app.screen
            is_history = screen is not home and type(screen).__name__ == "HistoryScreen"
            if is_history and MARKER in screen_text(app):
                return time.perf_counter() - started
        raise RuntimeError(f"the history screen did not show {MARKER!r}:\n{screen_text(app)}")


def run(config: Config) -> list[Row]:
    require("backcoach.tui.history.screen", "backcoach.tui.app")
    root = config.workdir / "history"
    shutil.rmtree(root, ignore_errors=True)
    empty, full, conf = root / "empty", root / "full", root / "config"
    empty.mkdir(parents=True, mode=0o700)
    history = write_layout(full, config.days, end=date.today())
    full.chmod(0o700)
    acknowledge_safety(conf)

    asyncio.run(_open_once(empty, conf))  # warm imports and caches for both
    full_s, empty_s = [], []
    for _ in range(config.repeat):
        empty_s.append(asyncio.run(_open_once(empty, conf)))
        full_s.append(asyncio.run(_open_once(full, conf)))
    with_full, with_empty = median(full_s), median(empty_s)
    return [
        Row(
            "4 history screen", f"open, {len(history.sessions)} sessions", ms(with_full),
            f"{ms(with_empty)} empty", with_full / with_empty,
        )
    ]  # fmt: skip

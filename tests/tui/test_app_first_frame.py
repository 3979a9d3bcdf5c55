"""The first frame drawn before the data is loaded, and what follows once it is.

``launch`` draws the list from the first frame cache when it matches the files, then
loads the content and history in a thread worker; home then takes its place, with
everything a full load finds (content problems included, shown under m). A stale or
bad cache is never shown: that start loads everything first and writes it again.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from backcoach.clock import FakeClock
from backcoach.core.content_files import packaged_content_dir
from backcoach.core.content_loader import load_catalog
from backcoach.core.first_frame import build_first_frame, first_frame_key, read_first_frame
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from backcoach.services import LoadAfterFirstFrame, Loaded, Services
from backcoach.tui import launch as launch_module
from backcoach.tui.app import BackcoachApp
from backcoach.tui.screens.home import HomeScreen
from backcoach.tui.screens.messages import MessagesScreen
from backcoach.tui.widgets.hanging import HangingText

BROKEN = 'id = "broken"\nname = \n'


def screen_text(app: App[None]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def cached_paths(tmp_path: Path) -> AppPaths:
    paths = AppPaths(tmp_path / "data", tmp_path / "config", cache_dir=tmp_path / "cache")
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text('{"safety_acknowledged": true}', encoding="utf-8")
    return paths


class HeldLoad:
    """A full load that waits until the test lets it finish, and says where it ran."""

    def __init__(self, paths: AppPaths, clock: FakeClock) -> None:
        self.paths, self.clock = paths, clock
        self.release = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self) -> Loaded:
        self.thread = threading.current_thread()
        assert self.release.wait(10)
        content = load_catalog(self.paths)
        store = HistoryStore(self.paths.data_dir, self.clock)
        store.load()
        return Loaded(Services(self.paths, self.clock, content, store))


def deferred_app(paths: AppPaths, load: HeldLoad) -> BackcoachApp:
    frame = build_first_frame(load_catalog(paths), "textual-dark")
    app = BackcoachApp(LoadAfterFirstFrame(frame, load.clock, load))
    app.animation_level = app.base_animation_level = "none"
    return app


async def wait_until_loaded(app: BackcoachApp, pilot: Any) -> None:
    for _ in range(200):
        await pilot.pause()
        if app.loaded and "Streak" in screen_text(app):
            return
        await asyncio.sleep(0.01)
    pytest.fail("home never replaced the first frame")


async def test_the_first_frame_shows_the_list_then_home_fills_in(
    cached_paths: AppPaths, clock: FakeClock
) -> None:
    load = HeldLoad(cached_paths, clock)
    app = deferred_app(cached_paths, load)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.loaded
        first = screen_text(app)
        assert "Bridges" in first and "Knee-to-chest stretch" in first
        assert "3 sets x 15 reps" in first, "the dosage, cut at the list's edge"
        assert "Streak" not in first and "~9 min" not in first, "today's figures wait"
        await pilot.press("down")  # moves; the keys that need the data do nothing yet
        await pilot.press("question_mark", "m", "r", "h", "comma", "enter")
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
        load.release.set()
        await wait_until_loaded(app, pilot)
        assert load.thread is not None and load.thread is not threading.main_thread()
        status = str(app.screen.query_one("#status-line", Static).render())
        assert status.startswith("Streak 0 days")
        assert "~1 min · 2-3 reps per side" in screen_text(app)
        assert app.screen.highlighted_id() == "knee-to-chest", "the highlight is kept"
        detail = app.screen.query_one("#exercise-detail", Static).render()
        assert isinstance(detail, HangingText) and "Knee-to-chest stretch" in detail.plain


async def test_content_problems_found_after_the_first_frame_are_in_the_messages(
    cached_paths: AppPaths, clock: FakeClock
) -> None:
    cached_paths.user_exercises_dir.mkdir(parents=True)
    (cached_paths.user_exercises_dir / "broken.toml").write_text(BROKEN, encoding="utf-8")
    load = HeldLoad(cached_paths, clock)
    load.release.set()
    app = deferred_app(cached_paths, load)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until_loaded(app, pilot)
        assert "press m" in str(app.screen.query_one("#notice-line", Static).render())
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MessagesScreen)
        texts = " ".join(str(s.render()) for s in app.screen.query(".message-text"))
        assert "broken.toml" in texts


# -- launch: which start draws from the cache -----------------------------------------


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[BackcoachApp]:
    """Replace ``App.run`` so launch builds the app but draws nothing."""
    apps: list[BackcoachApp] = []

    def fake_run(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(BackcoachApp, "run", fake_run)
    return apps


def test_the_first_start_loads_first_and_the_next_draws_from_the_cache(
    cached_paths: AppPaths, clock: FakeClock, ran: list[BackcoachApp]
) -> None:
    launch_module.launch(cached_paths, clock=clock)
    assert ran[-1].loaded, "no cache yet: everything is loaded before the first frame"
    assert cached_paths.first_frame_file is not None and cached_paths.first_frame_file.exists()
    launch_module.launch(cached_paths, clock=clock)
    assert not ran[-1].loaded, "the cache matches the files: drawn first, loaded after"


def test_a_changed_content_file_is_never_drawn_from_the_stale_cache(
    cached_paths: AppPaths, clock: FakeClock, ran: list[BackcoachApp]
) -> None:
    launch_module.launch(cached_paths, clock=clock)
    cached_paths.user_exercises_dir.mkdir(parents=True)
    mine = cached_paths.user_exercises_dir / "bridges.toml"
    mine.write_text('id = "bridges"\nname = "Glute bridges"\n', encoding="utf-8")
    launch_module.launch(cached_paths, clock=clock)
    app = ran[-1]
    assert app.loaded, "the files changed: loaded before the first frame"
    assert app.services.content.catalog.exercises["bridges"].name == "Glute bridges"
    content_dir = packaged_content_dir()
    assert cached_paths.first_frame_file is not None
    frame = read_first_frame(
        cached_paths.first_frame_file, first_frame_key(content_dir, cached_paths)
    )
    assert frame is not None and frame.exercises[0].name == "Glute bridges", "rebuilt"


def test_a_corrupt_cache_is_ignored_and_rebuilt(
    cached_paths: AppPaths, clock: FakeClock, ran: list[BackcoachApp]
) -> None:
    launch_module.launch(cached_paths, clock=clock)
    cache = cached_paths.first_frame_file
    assert cache is not None
    cache.write_bytes(b'{"format": 1, "key": ')
    launch_module.launch(cached_paths, clock=clock)
    assert ran[-1].loaded
    key = first_frame_key(packaged_content_dir(), cached_paths)
    assert read_first_frame(cache, key) is not None
    launch_module.launch(cached_paths, clock=clock)
    assert not ran[-1].loaded


def test_without_a_cache_dir_nothing_is_cached(
    app_paths: AppPaths, clock: FakeClock, ran: list[BackcoachApp]
) -> None:
    launch_module.launch(app_paths, clock=clock)
    launch_module.launch(app_paths, clock=clock)
    assert all(app.loaded for app in ran)

"""Shared fixtures: temporary dirs, a fixed fake clock, real content and store, the app.

Every test gets its own data and config dirs under ``tmp_path`` and a ``FakeClock``
fixed at Wednesday 2026-11-25 10:00 local time (UTC+1), so nothing depends on the
machine's clock, timezone or home directory. The runner's colour, size and Textual
variables are removed for each test too (``NO_COLOR`` on CI would change every
snapshot, ``COLUMNS`` the app under tmux); tests about them set them again themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from backcoach.clock import FakeClock
from backcoach.core.settings import Settings, SettingsStore
from backcoach.paths import AppPaths

if TYPE_CHECKING:
    from backcoach.core.content_loader import CatalogLoad
    from backcoach.core.store import HistoryStore
    from backcoach.services import Services
    from backcoach.tui.app import BackcoachApp

_TERMINAL_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


@pytest.fixture(autouse=True)
def plain_terminal_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the runner's colour, size and Textual variables for this test (the
    snapshot plugin's own ``TEXTUAL_SNAPSHOT_*`` are kept: it needs them)."""
    for name in list(os.environ):
        textual_switch = name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT")
        if name in _TERMINAL_VARIABLES or textual_switch:
            monkeypatch.delenv(name, raising=False)


#: The fixed "now" of every test: 09:00 UTC, 10:00 local.
FIXED_START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
FIXED_TZ = timezone(timedelta(hours=1), "UTC+1")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FIXED_START, tz=FIXED_TZ)


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    """Data and config dirs that do not exist yet (nothing is created up front)."""
    return AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


@pytest.fixture
def catalog_load(app_paths: AppPaths) -> CatalogLoad:
    from backcoach.core.content_loader import load_catalog

    return load_catalog(app_paths)


@pytest.fixture
def store(app_paths: AppPaths, clock: FakeClock) -> HistoryStore:
    from backcoach.core.store import HistoryStore

    return HistoryStore(app_paths.data_dir, clock)


@pytest.fixture
def services(
    app_paths: AppPaths, clock: FakeClock, catalog_load: CatalogLoad, store: HistoryStore
) -> Services:
    from backcoach.core.reminders.schedulers import Crontab
    from backcoach.services import Services

    # Reminders that write nothing (never the real ~/.config/systemd), the same on
    # every machine: tests that install some hand in their own over a temp dir.
    return Services(
        paths=app_paths,
        clock=clock,
        content=catalog_load,
        store=store,
        reminder_scheduler=Crontab(),
    )


@pytest.fixture
def write_settings(app_paths: AppPaths) -> Callable[..., Settings]:
    """Write ``settings.json`` before the app starts: ``write_settings(sound=False)``."""

    def write(**fields: Any) -> Settings:
        settings = Settings(**fields)
        problem = SettingsStore(app_paths.settings_file).save(settings)
        assert problem is None, problem
        return settings

    return write


MakeApp = Callable[..., "BackcoachApp"]


@pytest.fixture
def make_app(services: Services, write_settings: Callable[..., Settings]) -> MakeApp:
    """Build the app over ``services``; the safety notice is already acknowledged
    unless ``acknowledged=False``. Animations are off for deterministic tests."""

    def make(
        *, acknowledged: bool = True, first_run_check: bool = True, **settings: Any
    ) -> BackcoachApp:
        from backcoach.tui.app import BackcoachApp

        if acknowledged or settings:
            write_settings(safety_acknowledged=acknowledged, **settings)
        app = BackcoachApp(services, first_run_check=first_run_check)
        app.base_animation_level = "none"
        app.animation_level = "none"
        return app

    return make

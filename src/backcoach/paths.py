"""Where backcoach keeps its files. Resolving a path never creates a directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "backcoach"
DATA_DIR_ENV = "BACKCOACH_DATA_DIR"
CONFIG_DIR_ENV = "BACKCOACH_CONFIG_DIR"
CACHE_DIR_ENV = "BACKCOACH_CACHE_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The data dir (history), config dir (user content, settings) and cache dir.

    ``cache_dir`` None: nothing is cached (tests that build paths by hand).
    """

    data_dir: Path
    config_dir: Path
    cache_dir: Path | None = None

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.json"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def user_exercises_dir(self) -> Path:
        return self.config_dir / "exercises"

    @property
    def user_routines_file(self) -> Path:
        return self.config_dir / "routines.toml"

    @property
    def first_frame_file(self) -> Path | None:
        """What the home screen's first frame needs, kept from the last full load."""
        return None if self.cache_dir is None else self.cache_dir / "first-frame.json"


def resolve_paths(
    data_dir: str | Path | None = None, config_dir: str | Path | None = None
) -> AppPaths:
    """Flag beats environment beats platformdirs. Nothing is created here."""
    data = data_dir or os.environ.get(DATA_DIR_ENV)
    config = config_dir or os.environ.get(CONFIG_DIR_ENV)
    cache = os.environ.get(CACHE_DIR_ENV)
    if not data or not config or not cache:
        import platformdirs

        data = data or platformdirs.user_data_dir(APP_NAME, appauthor=False)
        config = config or platformdirs.user_config_dir(APP_NAME, appauthor=False)
        cache = cache or platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    return AppPaths(
        data_dir=Path(data).expanduser(),
        config_dir=Path(config).expanduser(),
        cache_dir=Path(cache).expanduser(),
    )

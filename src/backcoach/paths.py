"""Where backcoach keeps its files. Resolving a path never creates a directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "backcoach"
DATA_DIR_ENV = "BACKCOACH_DATA_DIR"
CONFIG_DIR_ENV = "BACKCOACH_CONFIG_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The data dir (history) and config dir (user content, settings)."""

    data_dir: Path
    config_dir: Path

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


def resolve_paths(
    data_dir: str | Path | None = None, config_dir: str | Path | None = None
) -> AppPaths:
    """Flag beats environment beats platformdirs. Nothing is created here."""
    data = data_dir or os.environ.get(DATA_DIR_ENV)
    config = config_dir or os.environ.get(CONFIG_DIR_ENV)
    if not data or not config:
        import platformdirs

        data = data or platformdirs.user_data_dir(APP_NAME, appauthor=False)
        config = config or platformdirs.user_config_dir(APP_NAME, appauthor=False)
    return AppPaths(data_dir=Path(data).expanduser(), config_dir=Path(config).expanduser())

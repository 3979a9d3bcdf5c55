"""The user's settings: a small JSON file in the config dir.

A settings file that cannot be read is never overwritten: it is moved aside, the user
is told where, and the app goes on with defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from backcoach.core.atomic import atomic_write_text
from backcoach.core.history_io import keep_copy

DEFAULT_THEME = "textual-dark"


class Settings(BaseModel):
    """What the user can change. Mutable, so screens holding it see changes at once."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    bell: bool = True
    reduced_motion: bool = False
    theme: str = DEFAULT_THEME
    safety_acknowledged: bool = False


@dataclass
class SettingsLoad:
    settings: Settings
    notices: list[str] = field(default_factory=list)


class SettingsStore:
    """Reads and writes ``settings.json`` (atomic writes, 0600 file in a 0700 dir)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> SettingsLoad:
        """Defaults when there is no file; a bad file is moved aside and said."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return SettingsLoad(Settings())
        except OSError as error:
            return SettingsLoad(
                Settings(),
                [f"{self.path}: could not be read ({error.strerror}); using default settings"],
            )
        settings, problem = _parse(raw)
        if settings is not None:
            return SettingsLoad(settings)
        try:
            moved_to = move_aside(self.path)
        except OSError as error:
            return SettingsLoad(
                Settings(),
                [
                    f"{self.path}: {problem}; could not move it aside ({error.strerror}); "
                    "using default settings and leaving the file as it is"
                ],
            )
        return SettingsLoad(
            Settings(),
            [f"{self.path}: {problem}; moved aside to {moved_to.name}; using default settings"],
        )

    def save(self, settings: Settings) -> str | None:
        """Write the settings; returns a message for the user if that failed."""
        text = json.dumps(settings.model_dump(mode="json"), indent=2) + "\n"
        try:
            atomic_write_text(self.path, text)
        except OSError as error:
            return f"settings not saved to {self.path}: {error.strerror or error}"
        return None


def _parse(raw: bytes) -> tuple[Settings | None, str]:
    """The settings in the file's bytes, or None and what is wrong, in words."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        return None, f"not valid UTF-8 text (byte {error.start}: {error.reason})"
    except json.JSONDecodeError as error:
        return None, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    except RecursionError:
        return None, "not usable JSON (nested too deeply)"
    if not isinstance(data, dict):
        return None, "expected a JSON object with the settings"
    try:
        return Settings.model_validate(data), ""
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        return None, f"'{where}': {first['msg']}"


def move_aside(path: Path) -> Path:
    """Move ``path`` to a free ``<name>.bad``, ``<name>.bad-2``, ... beside it.

    A link then an unlink (or a copy on filesystems without links): an existing file of
    that name is never replaced.
    """
    target = keep_copy(path, f"{path.name}.bad")
    os.unlink(path)
    return target

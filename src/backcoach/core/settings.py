"""The user's settings: a small JSON file in the config dir.

A settings file that cannot be read is never overwritten: it is moved aside, the user
is told where, and the app goes on with defaults. When it cannot even be moved aside
(or read), ``save`` tries the move again first and refuses to write if it still fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

from backcoach.core.atomic import atomic_write_text
from backcoach.core.history_io import move_aside
from backcoach.core.safe_read import SETTINGS_FILE_LIMIT, FileTooLarge, read_file, without_bom
from backcoach.core.visible_text import has_control_characters
from backcoach.core.weekly_streaks import EVERY_DAY

DEFAULT_THEME = "textual-dark"

#: How much the coach says aloud: nothing, short cues ("Hold", "Relax"), or also each
#: step's cue and the next exercise's start position.
VoiceLevel = Literal["off", "cues", "full"]
VOICE_LEVELS: tuple[VoiceLevel, ...] = ("off", "cues", "full")


def _plain_name(text: str) -> str:
    if has_control_characters(text):
        raise ValueError("holds a control character")
    return text


#: A theme's name: short, one line, nothing a terminal would obey.
ThemeName = Annotated[
    str, StringConstraints(min_length=1, max_length=64), AfterValidator(_plain_name)
]


class Settings(BaseModel):
    """What the user can change. Mutable, so screens holding it see changes at once.

    Switches are strict: ``"false"`` or ``0`` in the file is a mistake to report, not a
    value to guess (``bool("false")`` is true)."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True, allow_inf_nan=False)

    sound: StrictBool = True  # short cue sounds (the terminal bell when no player is found)
    voice: VoiceLevel = "off"
    far_view: StrictBool = False  # the session's layout for following from the floor
    hands_free: StrictBool = False  # no step waits for a key
    reduced_motion: StrictBool = False
    theme: ThemeName = DEFAULT_THEME
    safety_acknowledged: StrictBool = False
    #: The weekly goal: on how many days a week a session is meant (7: every day, the
    #: daily streak alone). Below 7, a streak of weeks that met it is shown too.
    days_per_week: StrictInt = Field(default=EVERY_DAY, ge=1, le=EVERY_DAY)

    @model_validator(mode="before")
    @classmethod
    def _from_older_files(cls, data: Any) -> Any:
        """Files written before sounds had a name say ``bell``: it was the same switch."""
        if isinstance(data, dict) and "bell" in data and "sound" not in data:
            data = {**data, "sound": data["bell"]}
        return data


@dataclass
class SettingsLoad:
    settings: Settings
    notices: list[str] = field(default_factory=list)


class SettingsStore:
    """Reads and writes ``settings.json`` (atomic writes, 0600 file in a 0700 dir)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # The file exists but ``load`` could not read it or move it aside: never write
        # over it before it is out of the way.
        self._left_unread = False

    def load(self) -> SettingsLoad:
        """Defaults when there is no file; a bad file is moved aside and said."""
        self._left_unread = False
        raw: bytes | None = None
        try:
            raw = read_file(self.path, SETTINGS_FILE_LIMIT)
        except FileNotFoundError:
            return SettingsLoad(Settings())
        except FileTooLarge as error:
            problem = str(error.strerror)  # a regular file we cannot use: moved aside below
        except OSError as error:
            self._left_unread = True
            return SettingsLoad(
                Settings(),
                [f"{self.path}: could not be read ({error.strerror}); using default settings"],
            )
        if raw is not None:
            settings, problem = _parse(raw)
            if settings is not None:
                return SettingsLoad(settings)
        try:
            moved_to = move_aside(self.path, "bad")
        except OSError as error:
            self._left_unread = True
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
        if self._left_unread:
            problem = self._move_unread_file_aside()
            if problem is not None:
                return problem
        try:
            atomic_write_text(self.path, text)
        except OSError as error:
            return f"settings not saved to {self.path}: {error.strerror or error}"
        return None

    def _move_unread_file_aside(self) -> str | None:
        """Move the file ``load`` could not use out of the way; a message if that fails."""
        try:
            move_aside(self.path, "bad")
        except FileNotFoundError:
            pass  # gone meanwhile: nothing to overwrite
        except OSError as error:
            return (
                f"settings not saved to {self.path}: that file could not be read and could "
                f"not be moved aside ({error.strerror or error}), so it is left as it is"
            )
        self._left_unread = False
        return None


def _parse(raw: bytes) -> tuple[Settings | None, str]:
    """The settings in the file's bytes, or None and what is wrong, in words."""
    try:
        data = json.loads(
            without_bom(raw).decode("utf-8"),
            object_pairs_hook=_refuse_duplicate_keys,
            parse_constant=_refuse_constant,
        )
    except UnicodeDecodeError as error:
        return None, f"not valid UTF-8 text (byte {error.start}: {error.reason})"
    except json.JSONDecodeError as error:
        return None, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    except RecursionError:
        return None, "not usable JSON (nested too deeply)"
    except ValueError as error:  # a duplicate key, NaN, or an integer of thousands of digits
        return None, f"not usable JSON ({error})"
    if not isinstance(data, dict):
        return None, "expected a JSON object with the settings"
    try:
        return Settings.model_validate(data), ""
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        return None, f"'{where}': {first['msg']}"


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Two values for one setting: which one was meant is unknown, so the file is refused."""
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"the key {key!r} is given twice")
        table[key] = value
    return table


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a setting can hold")

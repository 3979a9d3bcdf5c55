"""The home screen's first frame, kept from the last full load so it is drawn at once.

Importing pydantic and validating the content and history costs more than Textual
drawing the whole screen, so the first frame is drawn from this small JSON file and
the data is loaded just after (``tui.launch``). The file is only ever used for the
exact files it was built from: its key is a digest of every content file's bytes,
the settings file's bytes, the app version and this file's format. Anything else (a
missing, unreadable, corrupt or foreign file, another key) reads as no cache, and
the app then loads everything before its first frame as it always could.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcoach import __version__
from backcoach.core.atomic import atomic_write_text
from backcoach.core.content_files import content_fingerprint
from backcoach.paths import AppPaths

if TYPE_CHECKING:
    from backcoach.core.content_loader import CatalogLoad

#: Bumped whenever what the file holds changes meaning.
FORMAT = 1
#: A first-frame file is a few KiB; anything much larger is not one of ours.
MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class ListedExercise:
    """One exercise as the home list shows it before today's figures are known."""

    id: str
    name: str
    dosage: str  # as ``describe_dosage`` words it
    works: str


@dataclass(frozen=True)
class FirstFrame:
    """What the first frame shows: the exercises in order, in the user's theme."""

    theme: str
    exercises: tuple[ListedExercise, ...]


def first_frame_key(base_dir: Path, paths: AppPaths) -> str:
    """The key a first frame must carry to be shown for the files as they are now."""
    files = content_fingerprint(base_dir, paths, paths.settings_file)
    return hashlib.sha256(f"{__version__}\0{FORMAT}\0{files}".encode()).hexdigest()


def build_first_frame(content: CatalogLoad, theme: str) -> FirstFrame:
    """The first frame of a full load (the dosage worded as the home list words it)."""
    from backcoach.core.describe import describe_dosage  # pydantic: after the first frame

    return FirstFrame(
        theme=theme,
        exercises=tuple(
            ListedExercise(exercise.id, exercise.name, describe_dosage(exercise), exercise.works)
            for exercise in content.catalog.ordered_exercises()
        ),
    )


def read_first_frame(path: Path, key: str) -> FirstFrame | None:
    """The first frame stored under ``key``, or None for anything else."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return None
        return _parse(json.loads(data), key)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_first_frame(path: Path, key: str, frame: FirstFrame) -> None:
    """Store ``frame`` under ``key`` (atomically, 0600 in a 0700 dir)."""
    body = {"format": FORMAT, "key": key, **asdict(frame)}
    atomic_write_text(path, json.dumps(body, ensure_ascii=False))


def _parse(body: Any, key: str) -> FirstFrame | None:
    if not isinstance(body, dict) or body.get("format") != FORMAT or body.get("key") != key:
        return None
    theme, listed = body["theme"], body["exercises"]
    if not isinstance(theme, str) or not isinstance(listed, list):
        return None
    exercises = []
    for item in listed:
        fields = (item["id"], item["name"], item["dosage"], item["works"])
        if not all(isinstance(value, str) for value in fields):
            return None
        exercises.append(ListedExercise(*fields))
    if not exercises:
        return None  # nothing to show: the full load says why
    return FirstFrame(theme, tuple(exercises))

"""Where each part of the history lives on disk, and how to read a file's name.

Schema version 3 splits the history under ``<data dir>/history/``:

- ``sessions/<YYYY-MM>.<device>.json``: the sessions of one month saved on one device, so
  a save rewrites one month and two synced machines never write the same file;
- ``summary.<device>.json``: flags, rest days, progression and a tally per day (what
  start-up and ``status`` read), written by one device;
- ``merged/``: sync-conflict copies once their records are merged (kept, never deleted).

A plain-Python leaf (no pydantic): ``backcoach status`` uses it too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

LEGACY_FILE = "history.json"
HISTORY_DIR = "history"
SESSIONS_DIR = "sessions"
MERGED_DIR = "merged"
LOCK_FILE = ".lock"

_DEVICE = r"[a-z0-9][a-z0-9-]{0,39}"
_MONTH_NAME = re.compile(rf"^(?P<month>\d{{4}}-\d{{2}})\.(?P<device>{_DEVICE})\.json$")
_SUMMARY_NAME = re.compile(rf"^summary\.(?P<device>{_DEVICE})\.json$")
#: Syncthing: ``<stem>.sync-conflict-<date>-<time>-<device id><ext>``; Dropbox:
#: ``<stem> (<name>'s conflicted copy <date>)<ext>``; Nextcloud: ``<stem> (conflicted
#: copy <date> <time>)<ext>``. Any of them may carry a further `` (1)`` counter.
_CONFLICT_NAME = re.compile(
    r"^(?P<stem>.+?)"
    r"(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+|\s\([^()]*conflicted copy[^()]*\))"
    r"(?:\s\(\d+\))?(?P<ext>\.json)$"
)

FileKind = Literal["month", "summary", "legacy"]


def device_name(raw: str | None = None) -> str:
    """A file-name-safe name for this machine (its host name by default)."""
    if raw is None:
        import socket  # only the store needs it; status reads every device's files

        raw = socket.gethostname()
    text = raw.lower()
    cleaned = re.sub(r"[^a-z0-9-]+", "-", text.split(".")[0]).strip("-")[:40].strip("-")
    return cleaned or "device"


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class HistoryLayout:
    """The paths of one data dir's history, as seen from one device."""

    data_dir: Path
    device: str

    @property
    def legacy_path(self) -> Path:
        """The single file of schema versions 1 and 2, migrated once."""
        return self.data_dir / LEGACY_FILE

    @property
    def root(self) -> Path:
        return self.data_dir / HISTORY_DIR

    @property
    def sessions_dir(self) -> Path:
        return self.root / SESSIONS_DIR

    @property
    def merged_dir(self) -> Path:
        return self.root / MERGED_DIR

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_FILE

    @property
    def summary_path(self) -> Path:
        return self.summary_path_of(self.device)

    def summary_path_of(self, device: str) -> Path:
        return self.root / f"summary.{device}.json"

    def month_path(self, month: str, device: str | None = None) -> Path:
        return self.sessions_dir / f"{month}.{device or self.device}.json"

    def summary_files(self) -> list[Path]:
        return sorted(p for p in _listing(self.root) if _SUMMARY_NAME.match(p.name))

    def month_files(self) -> list[Path]:
        return sorted(p for p in _listing(self.sessions_dir) if _MONTH_NAME.match(p.name))

    def orphan_backups(self) -> list[Path]:
        """Where a file of ours is missing but its ``.bak`` is there (the file to restore)."""
        found: list[Path] = []
        for folder in (self.root, self.sessions_dir):
            for path in _listing(folder):
                if not path.name.endswith(".json.bak"):
                    continue
                main = path.with_name(path.name[: -len(".bak")])
                if kind_of(main.name, False) is not None and not main.exists():
                    found.append(main)
        return sorted(found)

    def has_layout(self) -> bool:
        """Whether the split layout was ever written here (a summary or a month file)."""
        return bool(self.summary_files() or self.month_files() or self.orphan_backups())

    def conflict_copies(self) -> list[tuple[Path, FileKind, str]]:
        """Sync-conflict copies beside our files: (copy, what it is a copy of, the name
        of the original)."""
        found: list[tuple[Path, FileKind, str]] = []
        for folder in (self.data_dir, self.root, self.sessions_dir):
            for path in _listing(folder):
                original = conflict_original(path.name)
                if original is None:
                    continue
                kind = kind_of(original, folder == self.data_dir)
                if kind is not None:
                    found.append((path, kind, original))
        return sorted(found)


def month_in_name(name: str) -> str | None:
    found = _MONTH_NAME.match(name)
    return found["month"] if found else None


def conflict_original(name: str) -> str | None:
    """The name a sync tool's conflict copy was made from, or None."""
    found = _CONFLICT_NAME.match(name)
    return None if found is None else found["stem"] + found["ext"]


def kind_of(name: str, in_data_dir: bool) -> FileKind | None:
    if in_data_dir:
        return "legacy" if name == LEGACY_FILE else None
    if _MONTH_NAME.match(name):
        return "month"
    if _SUMMARY_NAME.match(name):
        return "summary"
    return None


def _listing(folder: Path) -> list[Path]:
    try:
        return [folder / name for name in os.listdir(folder)]
    except (FileNotFoundError, NotADirectoryError):
        return []

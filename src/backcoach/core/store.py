"""The history store: one JSON file, crash-safe writes, a lock, never loses data.

CONTRACT (stub, to be implemented).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.clock import Clock
from backcoach.core.history_models import Flag, History, SessionRecord


@dataclass
class LoadReport:
    """What loading found: the history, and messages the user must see."""

    history: History
    notices: list[str] = field(default_factory=list)  # e.g. "moved aside to <path>"
    read_only: bool = False  # a newer schema_version: never written


@dataclass
class SaveReport:
    ok: bool
    message: str | None = None  # a clear message on failure (disk full, permission...)
    pending: int = 0  # changes kept in memory, to be written when possible


class HistoryStore:
    """Owns ``<data dir>/history.json``. All writes go through ``update``."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = data_dir
        self.clock = clock

    @property
    def path(self) -> Path:
        return self.data_dir / "history.json"

    def load(self) -> LoadReport:
        raise NotImplementedError

    def update(self, change: Callable[[History], None]) -> SaveReport:
        """Lock, re-read, apply ``change``, write atomically. Keeps it in memory on failure."""
        raise NotImplementedError

    def save_session(self, record: SessionRecord) -> SaveReport:
        """Insert or replace a session by id (merge with what another process wrote)."""
        raise NotImplementedError

    def add_flag(self, flag: Flag) -> SaveReport:
        raise NotImplementedError

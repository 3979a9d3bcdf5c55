"""The history store: one JSON file, crash-safe writes, a lock, never loses data.

Every write goes: lock -> re-read (merging what another process wrote) -> apply the
pending changes -> keep the old file as ``.bak`` -> atomic write. When a write cannot
happen (lock busy, disk full, permission denied, a newer file) the change stays in
memory, readers see it, and the next save retries it. Bad files are moved aside, never
overwritten or deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

from backcoach.clock import Clock
from backcoach.core import history_changes as changes
from backcoach.core.atomic import PRIVATE_FILE_MODE, atomic_write_bytes, ensure_private_dir
from backcoach.core.content_models import Catalog
from backcoach.core.history_io import current_version, decode, read_bytes, read_for_display
from backcoach.core.history_models import (
    Flag,
    History,
    NoticeDismissal,
    NoticeKind,
    ProgressionState,
    RestDay,
    SessionRecord,
)
from backcoach.core.history_queries import (
    active_flags_for,
    in_progress_sessions,
    interrupted_before,
    interrupted_today,
)
from backcoach.core.history_repair import (
    Base,
    HistoryRepair,
    ReadOnlyHistory,
    describe_os_error,
)
from backcoach.core.liveness import pid_alive
from backcoach.core.locking import DEFAULT_LOCK_TIMEOUT, LockTimeout, hold_lock
from backcoach.core.progression import progressing_done, record_progression

__all__ = [
    "Change",
    "HistoryStore",
    "LoadReport",
    "SaveReport",
    "describe_os_error",
    "interrupted_today",
]

#: A change to the history. It may be applied more than once (to a fresh re-read after
#: a failed save), so it must say "make it so" (set, insert-or-replace), never "append".
Change = Callable[[History], object]


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
    notices: list[str] = field(default_factory=list)  # repairs done on the way (moved aside...)


@dataclass
class _Snapshot:
    """A parsed history known to match the file's bytes (by digest): no re-parse needed."""

    history: History
    digest: bytes


def _writable_copy(history: History) -> History:
    """A copy whose lists and dict are new, so changes (which add, remove or replace
    records, never edit one in place) leave ``history`` as it was. Records are shared."""
    return history.model_copy(
        update={
            "sessions": list(history.sessions),
            "flags": list(history.flags),
            "rest_days": list(history.rest_days),
            "progression": dict(history.progression),
            "dismissals": list(history.dismissals),
        }
    )


def _because_of_another_file(err: OSError, main: Path) -> str:
    """`` because of <file>`` when the failure is about the ``.bak``, the ``.lock`` or
    another file than ``main``: the user must be told which file to fix."""
    if err.filename is None or Path(os.fsdecode(err.filename)) == main:
        return ""
    return f" because of {os.fsdecode(err.filename)}"


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class HistoryStore:
    """Owns ``<data dir>/history.json``. All writes go through ``update``.

    ``history`` is the last loaded history plus any changes not yet written. Saves may
    run on another thread, so a ``History`` once published is never changed: changes are
    applied to a copy (new lists and dict, see ``_writable_copy``) and the result is
    published by one attribute assignment. Readers must treat it as read-only too.
    """

    def __init__(
        self, data_dir: Path, clock: Clock, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._view: History | None = None
        self._disk: _Snapshot | None = None
        self._pending: list[Change] = []
        self._read_only_reason: str | None = None
        self._load_notices: list[str] = []
        self._repairs = HistoryRepair(self.path, self.backup_path, clock)

    # -- paths and state ---------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.data_dir / "history.json"

    @property
    def backup_path(self) -> Path:
        return self.data_dir / "history.json.bak"

    @property
    def lock_path(self) -> Path:
        return self.data_dir / "history.json.lock"

    @property
    def history(self) -> History:
        """The cached history (loaded on first use), including unsaved changes."""
        with self._mutex:
            if self._view is None:
                self.load()
            assert self._view is not None
            return self._view

    @property
    def read_only(self) -> bool:
        return self._read_only_reason is not None

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def notices(self) -> list[str]:
        """What the last ``load`` had to tell the user."""
        return list(self._load_notices)

    # -- loading -------------------------------------------------------------------------

    def load(self) -> LoadReport:
        """Read the file (repairing it if needed); never raises, never creates the dir
        unless a bad file has to be moved aside or an old one upgraded.

        A file whose bytes match what was last read or written is not parsed again (a
        digest of the bytes is much cheaper than validating years of history)."""
        with self._mutex:
            self._read_only_reason = None
            notices: list[str] = []
            history = self._load(notices)
            if self._pending:
                history = _writable_copy(history)
                for change in self._pending:
                    change(history)
            self._view = history
            self._load_notices = notices
            return LoadReport(history, list(notices), self.read_only)

    def _load(self, notices: list[str]) -> History:
        try:
            data = read_bytes(self.path)
        except OSError:
            self._disk = None
            shown = self._display_fallback(notices)  # says what failed, shows the backup
            notices.append("Changes are kept in memory until the file can be read.")
            return shown
        if data is None:
            self._disk = None
            if not self.backup_path.exists():
                return History()
            return self._repair(notices, problem="it is missing")
        digest = _digest(data)
        if self._disk is not None and self._disk.digest == digest:
            return self._disk.history  # unchanged since we last read or wrote it
        decoded = decode(data, History)
        if decoded.kind == "ok" and decoded.model is not None:
            if decoded.model.repaired_on_read:
                self._disk = None  # repaired in memory: written back, the file kept
                return self._repair(notices, problem="reading it had to repair it")
            self._disk = _Snapshot(decoded.model, digest)
            return decoded.model
        self._disk = None
        if decoded.kind == "newer":
            self._read_only_reason = f"{self.path}: {decoded.problem}."
            notices.append(self._read_only_reason)
            return decoded.model or History()
        return self._repair(notices, problem=decoded.problem or "it needs repair")

    def _repair(self, notices: list[str], problem: str) -> History:
        """Fix what a plain read could not use, under the lock (a writer may be busy)."""
        try:
            with hold_lock(self.lock_path, self.lock_timeout):
                base = self._read_locked(notices)
                if base.rewrite:
                    self._write_locked(base, notices)
                return base.history
        except ReadOnlyHistory as err:
            self._read_only_reason = err.reason
            notices.append(err.reason)
        except LockTimeout as err:
            notices.append(
                f"{self.path} needs repair ({problem}) but {err}; it will be repaired on "
                "the next save."
            )
        except OSError as err:
            notices.append(
                f"{self.path} needs repair ({problem}) but that failed"
                f"{_because_of_another_file(err, self.path)}: {describe_os_error(err)}. "
                "Nothing was deleted."
            )
        return self._display_fallback(notices)

    def _display_fallback(self, notices: list[str]) -> History:
        shown = read_for_display(self.path, self.backup_path, History)
        notices.extend(n for n in shown.notices if n not in notices)
        return shown.model or History()

    def _read_locked(self, notices: list[str]) -> Base:
        """Re-read under the lock; move a bad file aside; upgrade an older one."""
        data = read_bytes(self.path)
        if data is None:
            if not self.backup_path.exists():
                return Base(History(), keep_as_backup=False)  # a first save
            return self._repairs.from_backup(notices, f"{self.path} is missing.")
        if self._disk is not None and self._disk.digest == _digest(data):
            return Base(self._disk.history, keep_as_backup=True)
        self._disk = None
        return self._repairs.from_decoded(decode(data, History), notices)

    # -- writing -------------------------------------------------------------------------

    def update(self, change: Change) -> SaveReport:
        """Lock, re-read, apply ``change`` (and any pending ones), write atomically.

        On failure the change is kept in memory (visible in ``history``) and retried on
        the next save or ``flush_pending``.
        """
        with self._mutex:
            notices: list[str] = []
            if self._view is None:
                notices.extend(self.load().notices)
            self._pending.append(change)
            report = self._flush(change)
            report.notices[:0] = notices
            return report

    def flush_pending(self) -> SaveReport:
        """Try again to write changes that could not be saved before."""
        with self._mutex:
            if not self._pending:
                return SaveReport(ok=True)
            return self._flush(None)

    def _flush(self, newest: Change | None) -> SaveReport:
        notices: list[str] = []
        if self._read_only_reason is not None:
            return self._keep_in_memory(
                newest, None, f"{self._read_only_reason} Your change is kept in memory only."
            )
        applied_to: History | None = None
        try:
            ensure_private_dir(self.data_dir)
            with hold_lock(self.lock_path, self.lock_timeout):
                found = self._read_locked(notices)
                found.history = _writable_copy(found.history)  # published ones never change
                self._apply_pending(found.history)
                applied_to = found.history
                self._write_locked(found, notices)
        except ReadOnlyHistory as err:
            self._read_only_reason = err.reason
            message = f"{err.reason} Your change is kept in memory only."
        except LockTimeout as err:
            message = (
                f"Not saved yet: {err}. Your change is kept in memory and will be saved "
                "with the next one."
            )
        except OSError as err:
            message = (
                f"Could not save {self.path}{_because_of_another_file(err, self.path)}: "
                f"{describe_os_error(err)}. Your change is kept in memory and will be saved "
                "when possible."
            )
        else:
            self._pending.clear()
            self._view = applied_to
            return SaveReport(ok=True, notices=notices)
        report = self._keep_in_memory(newest, applied_to, message)
        report.notices[:0] = notices
        return report

    def _apply_pending(self, base: History) -> None:
        for change in list(self._pending):
            try:
                change(base)
            except Exception:
                self._pending.remove(change)  # a broken change must not block every save
                raise

    def _keep_in_memory(
        self, newest: Change | None, applied_to: History | None, message: str
    ) -> SaveReport:
        """Failure: readers still see every change; the file is left as it was."""
        self._disk = None
        if applied_to is not None:  # a fresh re-read with every pending change on it
            self._view = applied_to
        else:
            view = _writable_copy(self._view if self._view is not None else History())
            if newest is not None:
                newest(view)
            self._view = view
        return SaveReport(ok=False, message=message, pending=len(self._pending))

    def _write_locked(self, found: Base, notices: list[str]) -> None:
        """Write ``found.history``; the file it replaces becomes ``.bak``. Lock held."""
        history = found.history
        if history.schema_version != current_version():
            history = found.history = history.model_copy(
                update={"schema_version": current_version()}
            )
        payload = history.model_dump_json().encode("utf-8")
        self._clean_stale_temps()
        try:
            if found.keep_as_backup and self.path.exists():
                self._repairs.set_aside_unusable_backup(notices)
                self._repairs.keep_current_as_backup()
            atomic_write_bytes(self.path, payload, PRIVATE_FILE_MODE)
        except OSError:
            self._clean_stale_temps()  # a failed save (a full disk) leaves no link behind
            raise
        self._disk = _Snapshot(history, _digest(payload))

    def _clean_stale_temps(self) -> None:
        """Remove temp files (of the file and of its ``.bak``) left by a killed or failed
        writer, before every write: each is a link keeping an old version's blocks on a
        full disk. Safe: every writer of these names holds the lock we hold."""
        for stale in self.data_dir.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    # -- the changes the app makes ------------------------------------------------------

    def save_session(self, record: SessionRecord) -> SaveReport:
        """Insert or replace a session by id (merge with what another process wrote);
        a stored copy with a newer ``updated_at`` wins."""
        copy = record.model_copy(deep=True)
        return self.update(lambda history: changes.upsert_session(history, copy))

    def add_flag(self, flag: Flag) -> SaveReport:
        copy = flag.model_copy(deep=True)
        return self.update(lambda history: changes.upsert_flag(history, copy))

    def clear_flag(self, flag_id: UUID, note: str, by_clinician: bool) -> SaveReport:
        """Clear one flag; it stays in the history with when and why."""
        if not self._has_flag(flag_id):
            return SaveReport(ok=False, message=f"There is no flag with id {flag_id}.")
        when = self.clock.now()
        return self.update(
            lambda history: changes.clear_flags(history, [flag_id], when, note, by_clinician)
        )

    def clear_exercise_flags(self, exercise_id: str, note: str, by_clinician: bool) -> SaveReport:
        """Clear every active flag on one exercise (it returns to later sessions)."""
        when = self.clock.now()
        ids = [flag.id for flag in active_flags_for(self.history, exercise_id)]
        if not ids:
            return SaveReport(ok=True)
        return self.update(
            lambda history: changes.clear_flags(history, ids, when, note, by_clinician)
        )

    def _has_flag(self, flag_id: UUID) -> bool:
        if any(flag.id == flag_id for flag in self.history.flags):
            return True
        return any(flag.id == flag_id for flag in self.load().history.flags)

    def mark_rest_day(self, local_date: date, note: str | None = None) -> SaveReport:
        rest_day = RestDay(local_date=local_date, marked_at=self.clock.now(), note=note)
        return self.update(lambda history: changes.set_rest_day(history, rest_day))

    def unmark_rest_day(self, local_date: date) -> SaveReport:
        return self.update(lambda history: changes.unset_rest_day(history, local_date))

    def dismiss_notice(self, notice: NoticeKind, hidden_days: int) -> SaveReport:
        """Hide a safety notice for ``hidden_days`` from today; the dismissal is kept."""
        now = self.clock.now()
        dismissal = NoticeDismissal(
            notice=notice,
            dismissed_at=now,
            local_date=now.date(),
            hidden_until=now.date() + timedelta(days=hidden_days),
        )
        return self.update(lambda history: changes.record_dismissal(history, dismissal))

    def set_progression(self, state: ProgressionState) -> SaveReport:
        copy = state.model_copy(deep=True)
        return self.update(lambda history: changes.set_progression(history, copy))

    def advance_progression(self, record: SessionRecord, catalog: Catalog) -> SaveReport:
        """After a session: the progressing exercises it did move on (the core decides).
        A session with none of them writes nothing."""
        finished = record.model_copy(deep=True)
        if not progressing_done(catalog, finished):
            return SaveReport(ok=True)
        return self.update(lambda history: record_progression(history, catalog, finished))

    def mark_interrupted(self, is_alive: Callable[[int, datetime], bool] = pid_alive) -> SaveReport:
        """In-progress sessions whose process is gone become interrupted."""
        stale = self._sessions_of_dead_owners(is_alive)
        if not stale:
            return SaveReport(ok=True)
        when = self.clock.now()
        return self.update(lambda history: changes.mark_sessions_interrupted(history, stale, when))

    def tidy_at_start(
        self, today: date, is_alive: Callable[[int, datetime], bool] = pid_alive
    ) -> SaveReport:
        """At start-up, in one save: ``mark_interrupted``, then ``close_stale_interrupted``.

        One write, so the file as it was before the start is what ``.bak`` keeps (two
        writes would leave it nowhere: the second replaces the backup with the first)."""
        stale = self._sessions_of_dead_owners(is_alive)
        if not stale and not interrupted_before(self.history, today):
            return SaveReport(ok=True)
        when = self.clock.now()

        def tidy(history: History) -> None:
            changes.mark_sessions_interrupted(history, stale, when)
            for record in interrupted_before(history, today):
                changes.upsert_session(history, changes.close_interrupted(record))

        return self.update(tidy)

    def _sessions_of_dead_owners(self, is_alive: Callable[[int, datetime], bool]) -> list[UUID]:
        own_pid = os.getpid()
        # The owner started before its latest save: a resumed session's owner started
        # after the session did, so its start time would wrongly look like a reused pid.
        return [
            session.id
            for session in in_progress_sessions(self.history)
            if session.pid is None
            or (
                session.pid != own_pid
                and not is_alive(session.pid, session.updated_at or session.started_at)
            )
        ]

    def close_stale_interrupted(self, today: date) -> SaveReport:
        """At start-up: interrupted sessions from before ``today`` are no longer offered
        for resume, so they are closed for good (ended early at their last save, what
        was done kept) instead of staying "interrupted" forever."""
        closed = [changes.close_interrupted(s) for s in interrupted_before(self.history, today)]
        if not closed:
            return SaveReport(ok=True)

        def close_all(history: History) -> None:
            for record in closed:
                changes.upsert_session(history, record)

        return self.update(close_all)

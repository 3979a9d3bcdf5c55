"""The history store: a split layout of small JSON files, crash-safe, never loses data.

Sessions live in one file per month and device, everything else in a summary per
device (``history_layout`` has the names). Every write goes: lock -> re-read what
changed on disk (another process, or the other machine through a sync tool) -> merge in
an old single file or a sync-conflict copy if one is there -> apply the pending changes
-> write only the files whose content changed (the good file replaced becomes ``.bak``)
-> atomic write. When a write cannot happen (lock busy, disk full, permission denied, a
newer file) the change stays in memory, readers see it, and the next save retries it.
Bad files are moved aside, never overwritten or deleted.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

from backcoach.clock import Clock
from backcoach.core import history_changes as changes
from backcoach.core.atomic import ensure_private_dir
from backcoach.core.content_models import Catalog
from backcoach.core.day_tally import tally_days
from backcoach.core.history_io import gc_paused, read_for_display
from backcoach.core.history_layout import HistoryLayout, device_name, month_in_name, month_of
from backcoach.core.history_models import (
    SCHEMA_VERSION,
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
)
from backcoach.core.liveness import pid_alive
from backcoach.core.locking import DEFAULT_LOCK_TIMEOUT, LockTimeout, hold_lock
from backcoach.core.progression import progressing_done, record_progression
from backcoach.core.store import legacy
from backcoach.core.store.documents import (
    SUMMARY_FIELDS,
    MonthDocument,
    MonthTally,
    SummaryDocument,
    fields_of,
    month_payload,
    summary_of,
    summary_payload,
)
from backcoach.core.store.layout_files import LayoutFiles, LayoutRead
from backcoach.core.store.merge import absorb, merge_session_lists, merge_summary_fields
from backcoach.core.store.repair import ReadOnlyHistory, describe_os_error
from backcoach.core.visible_text import visible

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
class _OnDisk:
    """The merged history the files held at ``fingerprint``, and its sessions by id and
    by month (to tell what a change touched without comparing records)."""

    history: History
    fingerprint: tuple[object, ...]
    by_id: dict[UUID, SessionRecord]
    by_month: dict[str, dict[UUID, SessionRecord]]
    read: LayoutRead


def _writable_copy(history: History) -> History:
    """A copy whose lists and dict are new, so changes (which add, remove or replace
    records, never edit one in place) leave ``history`` as it was. Records are shared."""
    update: dict[str, object] = {
        name: (list(value) if isinstance(value, list) else dict(value))
        for name in type(history).model_fields
        if isinstance(value := getattr(history, name), list | dict)
    }
    return history.model_copy(update=update)


def _because_of_another_file(err: OSError, main: Path) -> str:
    """`` because of <file>`` when the failure is about a ``.bak``, the ``.lock`` or
    another file than ``main`` (the history folder): the user must be told which file
    to fix."""
    if err.filename is None or Path(os.fsdecode(err.filename)) == main:
        return ""
    return f" because of {os.fsdecode(err.filename)}"


def _session_order(record: SessionRecord) -> tuple[datetime, str]:
    """Sessions are kept oldest first (ties by id), in memory as on disk."""
    return (record.started_at, str(record.id))


def _by_month(sessions: Iterable[SessionRecord]) -> dict[str, dict[UUID, SessionRecord]]:
    months: dict[str, dict[UUID, SessionRecord]] = {}
    for record in sessions:
        months.setdefault(month_of(record.local_date), {})[record.id] = record
    return months


def build_history(read: LayoutRead) -> History:
    """The history the files hold: sessions merged by id, summaries merged field by field."""
    merged = merge_session_lists(read.months[path].sessions for path in sorted(read.months))
    history = History()
    for path in sorted(read.summaries):
        for name, value in merge_summary_fields(history, read.summaries[path]).items():
            setattr(history, name, value)
    history.sessions = sorted(merged.values(), key=_session_order)
    return history


def _as_history(document: MonthDocument | SummaryDocument) -> History:
    if isinstance(document, MonthDocument):
        return History.model_construct(sessions=list(document.sessions))
    return fields_of(document)


def _changed_records(
    before: list[SessionRecord], after: list[SessionRecord], by_id: dict[UUID, SessionRecord]
) -> list[SessionRecord]:
    """The records a change replaced or added. Changes replace records in place or
    append them, so comparing positions by identity finds them without hashing every
    id; anything else (a removal) falls back to a lookup per record."""
    if len(after) < len(before):
        return [record for record in after if by_id.get(record.id) is not record]
    changed = [new for new, old in zip(after, before, strict=False) if new is not old]
    return changed + after[len(before) :]


def _summary_changed(previous: SummaryDocument | None, summary: SummaryDocument) -> bool:
    """Whether the summary says something new. Only a month file's identity changing (a
    save after each exercise, which leaves the day's tally as it was) is not news: a
    reader finds that month's files changed and tallies them itself, so the summary is
    not rewritten (one file and its fsyncs fewer per save)."""
    if previous is None:
        return True
    if any(getattr(previous, name) != getattr(summary, name) for name in SUMMARY_FIELDS):
        return True
    if previous.months.keys() != summary.months.keys():
        return True
    return any(
        tally.days != previous.months[month].days
        for month, tally in summary.months.items()
        if tally is not previous.months[month]
    )


class HistoryStore:
    """Owns ``<data dir>/history/``. All writes go through ``update``.

    ``history`` is the last loaded history plus any changes not yet written. Saves may
    run on another thread, so a ``History`` once published is never changed: changes are
    applied to a copy (new lists and dict, see ``_writable_copy``) and the result is
    published by one attribute assignment. Readers must treat it as read-only too.

    ``device`` names this machine's files (its host name by default), so two machines
    syncing one data dir write different files.
    """

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        device: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.lock_timeout = lock_timeout
        self.layout = HistoryLayout(data_dir, device_name(device))
        self._mutex = threading.RLock()
        self._view: History | None = None
        self._disk: _OnDisk | None = None
        self._pending: list[Change] = []
        self._read_only_reason: str | None = None
        self._load_notices: list[str] = []
        self._files = LayoutFiles(self.layout, clock)

    # -- paths and state ---------------------------------------------------------------

    @property
    def path(self) -> Path:
        """Where the history is kept (a folder of files since schema version 3)."""
        return self.layout.root

    @property
    def legacy_path(self) -> Path:
        """The single file of schema versions 1 and 2 (migrated once, kept as a backup)."""
        return self.layout.legacy_path

    @property
    def summary_path(self) -> Path:
        return self.layout.summary_path

    def month_path(self, month: str) -> Path:
        return self.layout.month_path(month)

    @property
    def lock_path(self) -> Path:
        return self.layout.lock_path

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
        """Read the files (repairing them if needed, under the lock); never raises, never
        creates the dir unless a bad file has to be moved aside or an old one upgraded.

        A file whose stat identity matches what was last read or written is not parsed
        again."""
        with self._mutex:
            self._read_only_reason = None
            notices: list[str] = []
            history = self._load(notices)
            if self._pending:
                history = _writable_copy(history)
                for change in self._pending:
                    change(history)
            self._view = history
            notices = [visible(notice) for notice in notices]  # they may quote a file
            self._load_notices = notices
            return LoadReport(history, list(notices), self.read_only)

    def _load(self, notices: list[str]) -> History:
        try:
            disk = self._read(notices, locked=False)
        except OSError as err:
            self._disk = None
            notices.append(
                f"Cannot read {self.path}: {describe_os_error(err)}. Changes are kept in "
                "memory until the file can be read."
            )
            return self._view if self._view is not None else History()
        problems = disk.read.needs_repair + disk.read.repaired
        if disk.read.unreadable:
            notices.append("Changes are kept in memory until the files can be read.")
        elif disk.read.read_only:
            self._set_read_only(disk.read.read_only, notices)
        elif problems or legacy.needs_absorbing(self.layout):
            report = self._flush(None, force=True)
            notices.extend(report.notices)
            if report.ok and self._disk is not None:
                return self._disk.history
            if report.message and not self.read_only:
                what = "; ".join(problems) or f"{self.path} needs repair or an upgrade"
                notices.append(
                    f"{what}, but it could not be done now: {report.message} It will be "
                    "repaired on the next save."
                )
            elif report.message:
                notices.append(report.message.replace(" Your change is kept in memory only.", ""))
                return self._with_unmigrated(disk.history, notices)
        return disk.history

    def _with_unmigrated(self, history: History, notices: list[str]) -> History:
        """A read-only old single file (newer, or no migration for it) is still shown."""
        shown = read_for_display(
            self.layout.legacy_path, self.layout.legacy_path.with_name("history.json.bak"), History
        )
        notices.extend(n for n in shown.notices if n not in notices)
        if shown.model is None:
            return history
        view = _writable_copy(history)
        absorb(view, shown.model)
        return view

    def _set_read_only(self, reasons: list[str], notices: list[str]) -> None:
        self._read_only_reason = reasons[0]
        notices.extend(r for r in reasons if r not in notices)

    def _read(self, notices: list[str], *, locked: bool) -> _OnDisk:
        """The files as they are now; unchanged ones are not parsed again, and when no
        file changed the merged history itself is reused."""
        with gc_paused():  # across every file: collections between files rescan them all
            read = self._files.read(notices, locked=locked)
        trusted = not (
            read.recovered
            or read.needs_repair
            or read.repaired
            or read.read_only
            or read.unreadable
        )
        if trusted and self._disk is not None and self._disk.fingerprint == read.fingerprint:
            self._disk.read = read
            return self._disk
        with gc_paused():
            history = build_history(read)
        by_id = {record.id: record for record in history.sessions}
        disk = _OnDisk(history, read.fingerprint, by_id, _by_month(history.sessions), read)
        if trusted:
            self._disk = disk
        return disk

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

    def _flush(self, newest: Change | None, *, force: bool = False) -> SaveReport:
        notices: list[str] = []
        if self._read_only_reason is not None:
            return self._keep_in_memory(
                newest, None, f"{self._read_only_reason} Your change is kept in memory only."
            )
        applied_to: History | None = None
        try:
            ensure_private_dir(self.layout.sessions_dir)
            with hold_lock(self.lock_path, self.lock_timeout):
                disk = self._read(notices, locked=True)
                if disk.read.read_only:
                    raise ReadOnlyHistory(disk.read.read_only[0])
                absorbed = legacy.gather(self.layout, self.clock, notices)
                work = _writable_copy(disk.history)
                for recovered in disk.read.recovered:
                    absorb(work, _as_history(recovered))
                for other in absorbed.histories:
                    absorb(work, other)
                self._apply_pending(work)
                applied_to = work
                rewrite = force or bool(absorbed) or bool(disk.read.recovered)
                try:
                    self._write_locked(disk, work, notices, rewrite=rewrite)
                except OSError:
                    self._clean_stale_temps()  # a failed save (a full disk) leaves no link
                    raise
                legacy.finish(self.layout, absorbed, self.clock, notices)
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
        """Failure: readers still see every change; the files are left as they were."""
        self._disk = None
        self._files.forget()
        if applied_to is not None:  # a fresh re-read with every pending change on it
            self._view = applied_to
        else:
            view = _writable_copy(self._view if self._view is not None else History())
            if newest is not None:
                newest(view)
            self._view = view
        return SaveReport(ok=False, message=message, pending=len(self._pending))

    def _write_locked(
        self, disk: _OnDisk, work: History, notices: list[str], *, rewrite: bool
    ) -> None:
        """Write the month files of the sessions that changed (this device's files only)
        and then the summary, if its content changed. Lock held."""
        self._clean_stale_temps()
        work.schema_version = SCHEMA_VERSION
        touched: dict[str, list[SessionRecord]] = {}
        added: list[SessionRecord] = []
        for record in _changed_records(disk.history.sessions, work.sessions, disk.by_id):
            touched.setdefault(month_of(record.local_date), []).append(record)
            if record.id not in disk.by_id:
                added.append(record)
        if added:  # new ones go where loading would put them (the rest is in order)
            new_ids = {record.id for record in added}
            work.sessions = [s for s in work.sessions if s.id not in new_ids]
            for record in added:
                bisect.insort(work.sessions, record, key=_session_order)
        by_month = dict(disk.by_month)
        for month, records in sorted(touched.items()):
            path = self.layout.month_path(month)
            own = disk.read.months.get(path)
            mine = {} if own is None else {r.id: r for r in own.sessions}
            merged = dict(by_month.get(month, {}))
            for record in records:
                mine[record.id] = record
                merged[record.id] = record
            by_month[month] = merged
            document = MonthDocument.model_construct(
                schema_version=SCHEMA_VERSION,
                month=month,
                device=self.layout.device,
                sessions=sorted(mine.values(), key=_session_order),
            )
            self._files.write(path, document, month_payload(document), notices)
        own_summary = disk.read.summaries.get(self.layout.summary_path)
        summary = summary_of(
            work, self.layout.device, self._tallies(own_summary, by_month, touched)
        )
        if rewrite or _summary_changed(own_summary, summary):
            self._files.write(self.layout.summary_path, summary, summary_payload(summary), notices)
        by_id = disk.by_id  # the old snapshot is replaced below: updated, not rebuilt
        for records in touched.values():
            by_id.update((record.id, record) for record in records)
        self._disk = _OnDisk(work, self._fingerprint(), by_id, by_month, disk.read)

    def _tallies(
        self,
        previous: SummaryDocument | None,
        by_month: dict[str, dict[UUID, SessionRecord]],
        touched: dict[str, list[SessionRecord]],
    ) -> dict[str, MonthTally]:
        """Each month's day tallies: kept from the last summary while the month's files
        are the ones it was computed from, else computed again from the sessions."""
        sources = self._month_sources()
        tallies: dict[str, MonthTally] = {}
        for month in sorted(set(by_month) | set(sources)):
            wanted = sources.get(month, {})
            kept = None if previous is None else previous.months.get(month)
            if kept is not None and month not in touched and kept.sources == wanted:
                tallies[month] = kept
                continue
            days = tally_days(by_month.get(month, {}).values())
            tallies[month] = MonthTally.model_construct(sources=wanted, days=days)
        return tallies

    def _month_sources(self) -> dict[str, dict[str, list[int]]]:
        sources: dict[str, dict[str, list[int]]] = {}
        for path in self.layout.month_files():
            month = month_in_name(path.name)
            identity = self._files.identity_of(path)
            if month is None:
                continue
            if identity is None:
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                identity = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
            sources.setdefault(month, {})[path.name] = [identity[2], identity[3]]
        return sources

    def _fingerprint(self) -> tuple[object, ...]:
        prints: list[tuple[str, object]] = []
        for path in self.layout.month_files() + self.layout.summary_files():
            identity = self._files.identity_of(path)
            if identity is None:
                return ()  # someone else's file we have not read: read it next time
            prints.append((path.name, identity))
        return tuple(prints)

    def _clean_stale_temps(self) -> None:
        """Remove temp files (of every file and of its ``.bak``) left by a killed or
        failed writer, before every write: each is a link keeping an old version's blocks
        on a full disk. Safe: every writer of these names holds the lock we hold."""
        for folder in (self.layout.root, self.layout.sessions_dir):
            for stale in folder.glob(".*.tmp"):
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
        when = self.clock.now()
        return self.update(lambda history: changes.unset_rest_day(history, local_date, when))

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

        One write, so the files as they were before the start are what the ``.bak`` files
        keep (two writes would leave them nowhere: the second replaces each backup with
        the first)."""
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

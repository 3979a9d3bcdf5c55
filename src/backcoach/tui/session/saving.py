"""Store writes for the session, off the event loop.

A save can take a quarter of a second on a long history (and wait for the lock), which
would drop frames and could even look like a sleeping computer to the engine. So the
screen hands every write to one background thread: writes run one at a time, in the
order they were made, and a failed one is reported back on the UI thread (through the
asyncio future, whose callbacks run on the event loop) as the store's ``SaveReport``,
which also says what a save repaired on the way (a bad file moved aside). ``drained()``
waits until
everything handed over is written; ``close()`` waits too, so nothing queued is lost
when the app quits.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from backcoach.core.content_models import Catalog
from backcoach.core.history_models import Flag, SessionRecord
from backcoach.core.store import SaveReport

T = TypeVar("T")
GENERIC_PROBLEM = "your history could not be saved just now"


class SessionStore(Protocol):
    """The writes a session makes (``HistoryStore`` has them; tests pass their own)."""

    def save_session(self, record: SessionRecord) -> SaveReport: ...

    def add_flag(self, flag: Flag) -> SaveReport: ...

    def advance_progression(self, record: SessionRecord, catalog: Catalog) -> SaveReport: ...


class BackgroundSink:
    """The engine's sink: passes copies of records to the store on a single worker thread."""

    def __init__(self, store: SessionStore, on_report: Callable[[SaveReport], None]) -> None:
        self._store = store
        self._on_report = on_report  # every write's report, on the event loop
        self._executor: ThreadPoolExecutor | None = None
        self._last: Future[Any] | None = None

    # -- the SessionSink interface -------------------------------------------------

    def save_session(self, record: SessionRecord) -> object:
        return self.submit(self._store.save_session, record.model_copy(deep=True))

    def add_flag(self, flag: Flag) -> object:
        return self.submit(self._store.add_flag, flag.model_copy(deep=True))

    def advance_progression(self, record: SessionRecord, catalog: Catalog) -> object:
        """After the session's last save: the core moves the progressing exercises on."""
        return self.submit(self._store.advance_progression, record.model_copy(deep=True), catalog)

    # -- the queue -------------------------------------------------------------------

    def submit(self, write: Callable[..., T], *args: Any) -> Future[T]:
        """Queue ``write(*args)`` after every earlier write; a failure is reported."""
        future = self._worker().submit(write, *args)
        self._last = future
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (plain calls in tests): check it right away
            future.add_done_callback(self._check)
        else:
            asyncio.wrap_future(future, loop=loop).add_done_callback(self._check)
        return future

    async def run(self, job: Callable[[], T]) -> T:
        """Run ``job`` on the worker (after the queued writes) and wait for its answer."""
        return await asyncio.wrap_future(self.submit(job))

    async def drained(self) -> None:
        """Wait until every write handed over so far has run (failures are reported)."""
        last = self._last
        if last is not None:
            await asyncio.wait([asyncio.wrap_future(last)])

    def close(self) -> None:
        """Finish every queued write, then stop the worker (blocks; used on unmount)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def _worker(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backcoach-save")
        return self._executor

    def _check(self, done: asyncio.Future[Any] | Future[Any]) -> None:
        if done.cancelled():
            return
        error = done.exception()
        if error is not None:
            self._on_report(SaveReport(ok=False, message=f"{GENERIC_PROBLEM} ({error})"))
            return
        report = done.result()
        if isinstance(report, SaveReport):
            self._on_report(report)

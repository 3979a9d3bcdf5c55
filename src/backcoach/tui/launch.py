"""Start the app for real: system clock, content, history, then the Textual app.

Textual is imported only here, after the data is ready, so ``backcoach --help`` and
the subcommands never pay for it.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from backcoach.paths import AppPaths

if TYPE_CHECKING:
    from backcoach.clock import Clock
    from backcoach.core.run_overrides import RunOverrides
    from backcoach.core.store import HistoryStore

#: At exit there is no next save to carry unsaved changes: wait longer for the lock.
EXIT_LOCK_TIMEOUT = 10.0


def launch(
    paths: AppPaths, clock: Clock | None = None, *, overrides: RunOverrides | None = None
) -> int:
    """Run the app until the user quits; returns the process exit code.

    ``clock`` is for tests; the real app runs on the system clock. ``overrides``: the
    settings given on the command line for this run (never saved).
    """
    from backcoach.clock import SystemClock
    from backcoach.core.content_loader import load_catalog
    from backcoach.core.store import HistoryStore
    from backcoach.services import Services

    clock = clock or SystemClock()
    content = load_catalog(paths)
    notices: list[str] = []  # the app shows the content problems itself
    for problem in content.problems:
        print(f"backcoach: {problem}", file=sys.stderr)
    store = HistoryStore(paths.data_dir, clock)
    store.load()  # its notices are shown by the app
    # Dead owners' sessions become interrupted; those from before today are no longer
    # offered for resume, so they are closed (what was done is kept).
    from backcoach.core.liveness import pid_alive

    report = store.tidy_at_start(clock.now().date(), pid_alive)  # one write: .bak is the old file
    notices.extend(report.notices)  # repairs made while saving (moved aside...)
    if not report.ok and report.message:
        notices.append(report.message)
    # Years of history are hundreds of MiB of long-lived pydantic objects. Left in the
    # young generations, every collection Textual's start-up triggers walks them all
    # again (most of a second after ten years). Freezing moves what is alive now to a
    # permanent generation the cyclic collector skips; reference counting still frees
    # it when a reload replaces it (only cycles among these objects would stay).
    gc.freeze()

    from backcoach.audio.output import open_audio
    from backcoach.audio.speakers import describe_speech_support
    from backcoach.tui.app import BackcoachApp

    app = BackcoachApp(
        Services(paths=paths, clock=clock, content=content, store=store, audio=open_audio),
        startup_notices=notices,
        overrides=overrides,
        speech_note=describe_speech_support(),
    )
    app.run()
    if not save_before_exit(store):
        return 1
    return app.return_code or 0


def save_before_exit(store: HistoryStore) -> bool:
    """Last try to write changes a failed save kept in memory; False (and says so) if lost."""
    if store.pending_count:
        store.lock_timeout = max(store.lock_timeout, EXIT_LOCK_TIMEOUT)
        report = store.flush_pending()
        if not report.ok and report.message:
            print(f"backcoach: {report.message}", file=sys.stderr)
    if store.pending_count:
        print(
            f"backcoach: {store.pending_count} change(s) could not be saved to {store.path}.",
            file=sys.stderr,
        )
        return False
    return True

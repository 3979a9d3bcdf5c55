"""Start the app for real: system clock, content, history, then the Textual app.

Textual is imported only here, so ``backcoach --help`` and the subcommands never pay
for it. When the first frame cache (``core.first_frame``) matches the content and
settings files as they are now, the app draws it at once and loads everything else in a
thread just after; otherwise everything is loaded first, as the cache is then missing
or out of date, and the cache is written for the next start.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from functools import partial
from typing import TYPE_CHECKING

from backcoach.paths import AppPaths

if TYPE_CHECKING:
    from pathlib import Path

    from backcoach.clock import Clock
    from backcoach.core.content_loader import CatalogLoad
    from backcoach.core.run_overrides import RunOverrides
    from backcoach.core.store import HistoryStore
    from backcoach.services import Loaded

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
    from backcoach.core.content_files import packaged_content_dir
    from backcoach.core.first_frame import first_frame_key, read_first_frame
    from backcoach.services import LoadAfterFirstFrame
    from backcoach.tui.app import BackcoachApp

    clock = clock or SystemClock()
    content_dir = packaged_content_dir()
    cache = paths.first_frame_file
    key = first_frame_key(content_dir, paths) if cache is not None else ""
    frame = read_first_frame(cache, key) if cache is not None else None
    load = partial(load_everything, paths, clock, content_dir)
    if frame is not None:
        app = BackcoachApp(LoadAfterFirstFrame(frame, clock, load), overrides=overrides)
    else:
        app = BackcoachApp(load(), overrides=overrides)
    # What is alive now (every module imported so far, the first frame's data) lives
    # as long as the process: frozen, the collector no longer walks it again at each
    # of the collections Textual's start-up and the load just after trigger (about a
    # fifth of the start-up's CPU when the load came after the first frame).
    gc.freeze()
    app.run()
    if not app.loaded:
        return app.return_code or 0  # quit before the load was done: nothing changed
    for problem in app.services.content.problems:  # the app showed them too (m)
        print(f"backcoach: {problem}", file=sys.stderr)
    if not save_before_exit(app.services.store):
        return 1
    return app.return_code or 0


def load_everything(paths: AppPaths, clock: Clock, content_dir: Path) -> Loaded:
    """Content, settings, history (stale sessions closed), audio: all the app needs.

    Run before the app, or in the app's thread worker just after its first frame;
    either way it keeps the first frame cache up to date for the next start.
    """
    from backcoach.core.content_loader import load_catalog
    from backcoach.core.liveness import pid_alive
    from backcoach.core.settings import SettingsStore
    from backcoach.core.store import HistoryStore
    from backcoach.services import Loaded, Services

    content = load_catalog(paths, content_dir)
    settings_store = SettingsStore(paths.settings_file)
    settings = settings_store.load()
    remember_first_frame(paths, content_dir, content, settings.settings.theme)
    store = HistoryStore(paths.data_dir, clock)
    store.load()  # its notices are shown by the app
    # Dead owners' sessions become interrupted; those from before today are no longer
    # offered for resume, so they are closed (what was done is kept).
    notices: list[str] = []
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

    services = Services(paths=paths, clock=clock, content=content, store=store, audio=open_audio)
    return Loaded(
        services,
        tuple(notices),
        describe_speech_support(),
        settings_store=settings_store,
        settings=settings,
    )


def remember_first_frame(
    paths: AppPaths, content_dir: Path, content: CatalogLoad, theme: str
) -> None:
    """Write the first frame of ``content`` for the next start, unless already there.

    The key is taken before and after building it: a file that changed meanwhile
    leaves the cache as it was (the next start loads everything and tries again). A
    cache that cannot be written is no loss: the next start just loads first.
    """
    from backcoach.core.first_frame import (
        build_first_frame,
        first_frame_key,
        read_first_frame,
        write_first_frame,
    )

    cache = paths.first_frame_file
    if cache is None:
        return
    key = first_frame_key(content_dir, paths)
    frame = build_first_frame(content, theme)
    if read_first_frame(cache, key) == frame or first_frame_key(content_dir, paths) != key:
        return
    with contextlib.suppress(OSError):
        write_first_frame(cache, key, frame)


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

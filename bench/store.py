"""Benchmark 3: the store on ten years of history: load + validate + streaks, and one save.

In-process, ``time.perf_counter``. Each repetition starts from a fresh copy of the
generated data dir (month files and summary) and a fresh ``HistoryStore``, so nothing is
cached between them. The save is ``save_session`` of one new completed session: lock,
re-read what changed, merge, write this month's file and the summary (temp file, fsync,
``os.replace``, fsync the dir, keep ``.bak``): what the app pays after every exercise.
"""

from __future__ import annotations

import shutil
import time
from datetime import date, timedelta
from typing import Any

from backcoach.clock import SystemClock
from bench.common import Config, Row, median, ms, require
from bench.generate import write_layout


def streak_figures(history: Any, today: date) -> object:
    """Whatever ``backcoach status`` computes from a loaded history."""
    from backcoach.core.streaks import summarize

    return summarize(history.sessions, [day.local_date for day in history.rest_days], today)


def _new_session(today: date) -> Any:
    from datetime import datetime

    from backcoach.core.history_models import SessionRecord

    now = datetime.now().astimezone()
    record = SessionRecord.begin(
        routine_id="daily", routine_name="Daily routine", now=now, pid=None
    )
    record.status = "completed"
    record.ended_at = now + timedelta(minutes=20)
    return record


def _figure(seconds: float, count: int) -> str:
    return f"{ms(seconds)} ({seconds / max(count, 1) * 1e6:.1f} us/session)"


def run(config: Config) -> list[Row]:
    require("backcoach.core.streaks")
    from backcoach.core.store import HistoryStore

    root = config.workdir / "store"
    shutil.rmtree(root, ignore_errors=True)
    original = root / "original"
    history = write_layout(original, config.days, end=date.today())
    sessions = len(history.sessions)
    size_mib = sum(p.stat().st_size for p in original.rglob("*.json")) / 2**20
    today = date.today()

    import gc

    load_s, streak_s, save_s = [], [], []
    for index in range(config.repeat + 1):  # the first run only warms the file cache
        data = root / f"data{index}"
        shutil.copytree(original, data)
        store = HistoryStore(data, SystemClock(), device="bench")
        started = time.perf_counter()
        report = store.load()
        loaded = time.perf_counter()
        loaded_count = len(report.history.sessions)
        streak_figures(report.history, today)
        gc.freeze()  # as launch() does once the history is loaded
        streaked = time.perf_counter()
        saved = store.save_session(_new_session(today))
        finished = time.perf_counter()
        if loaded_count != sessions or not getattr(saved, "ok", True):
            raise RuntimeError(f"store did not load/save as expected: {report.notices} {saved}")
        if index:
            load_s.append(loaded - started)
            streak_s.append(streaked - loaded)
            save_s.append(finished - streaked)
        gc.unfreeze()
        del report, store
        shutil.rmtree(data)

    load, streak, save = median(load_s), median(streak_s), median(save_s)
    note = f"{sessions} sessions, {size_mib:.1f} MiB in all files"
    return [
        Row("3 store", "load + validate", _figure(load, sessions), note=note),
        Row("3 store", "streaks", _figure(streak, sessions)),
        Row("3 store", "load + validate + streaks", _figure(load + streak, sessions)),
        Row("3 store", "one crash-safe save", _figure(save, sessions)),
    ]

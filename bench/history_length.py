"""Benchmark 7: what the history's length costs, at none, 1, 3 and 10 years (the table).

For each length, one data dir in the split layout (two sessions a day, as generated):

- start-up: the real app to its first painted list, headless, against the same at none
  (target within 1.1x at ten years) and its peak RSS (within 1.2x);
- one save: ``save_session`` of a new session this month, in-process, median of many
  (target 20 ms at any length), with the longest gap a 5 ms ticker thread saw while the
  saves ran (the interpreter lock held by a save: a hold timer would stall as long);
- ``status`` CPU: a fresh ``backcoach status`` against ``python -c pass`` (target 2x).

Every ratio is against a floor measured in the same run.
"""

from __future__ import annotations

import gc
import shutil
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    PYTHON,
    Config,
    Row,
    acknowledge_safety,
    child_env,
    median,
    mib,
    ms,
    require,
    run_child,
)
from bench.generate import write_layout
from bench.startup import _app_marker, _headless_once
from bench.store import _new_session

YEARS = (0, 1, 3, 10)
STARTUP_TARGET = 1.1
MEMORY_TARGET = 1.2
SAVE_TARGET_S = 0.020
STATUS_TARGET = 2.0
TICK_S = 0.005


def _days(config: Config, years: int) -> int:
    if config.tiny:
        return (0, 15, 30, 60)[YEARS.index(years)]
    return round(years * 365.25)


def _saves(data: Path, count: int) -> tuple[float, float, float]:
    """(median save after an exercise, median save of a new session, longest ticker gap
    while saving). After an exercise is what the app saves most: the session in progress
    with one more exercise; a new (or finished) session also changes the day's tally."""
    from backcoach.clock import SystemClock
    from backcoach.core.store import HistoryStore

    store = HistoryStore(data, SystemClock(), device="bench")
    store.load()
    gc.freeze()  # as launch() does once the history is loaded
    gaps: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(TICK_S)
            now = time.perf_counter()
            gaps.append(now - last - TICK_S)
            last = now

    thread = threading.Thread(target=ticker, daemon=True)
    thread.start()
    after_exercise, new = [], []
    try:
        for _ in range(max(3, count // 5)):
            record = _new_session(date.today())
            record.status = "in_progress"
            record.ended_at = None
            new.append(_timed_save(store, record))
            for step in range(5):
                done = record.model_copy(deep=True)
                done.exercises = [*record.exercises, _exercise(step)]
                done.updated_at = record.updated_at + timedelta(seconds=60 * (step + 1))
                after_exercise.append(_timed_save(store, done))
                record = done
    finally:
        stop.set()
        thread.join()
        gc.unfreeze()
    return median(after_exercise), median(new), max(gaps, default=0.0)


def _exercise(index: int) -> Any:
    from backcoach.core.history_models import ExerciseRecord, SetRecord

    return ExerciseRecord(
        exercise_id=f"ex{index}", name=f"Exercise {index}", status="completed",
        sets=[SetRecord(set=1, reps_done=10, holds_done=10)], seconds_spent=60.0,
    )  # fmt: skip


def _timed_save(store: Any, record: Any) -> float:
    started = time.perf_counter()
    report = store.save_session(record)
    if not report.ok:
        raise RuntimeError(f"a save failed: {report.message}")
    return time.perf_counter() - started


def run(config: Config) -> list[Row]:
    require("backcoach.core.store", "backcoach.tui.launch")
    root = config.workdir / "lengths"
    shutil.rmtree(root, ignore_errors=True)
    conf = root / "config"
    acknowledge_safety(conf)
    marker = _app_marker()
    floor = [run_child([PYTHON, "-c", "pass"]).cpu_s for _ in range(config.repeat + 1)][1:]
    pass_cpu = median(floor)
    rows: list[Row] = []
    none: dict[str, float] = {}
    for years in YEARS:
        data = root / f"years{years}"
        if years:
            history = write_layout(data, _days(config, years), end=date.today())
            sessions = len(history.sessions)
        else:
            data.mkdir(parents=True, mode=0o700)
            sessions = 0
        env = child_env(data, conf)
        _headless_once("backcoach", marker, env)  # warm the file cache
        runs = [_headless_once("backcoach", marker, env) for _ in range(config.repeat)]
        start_s, peak_kib = median([r[0] for r in runs]), median([float(r[1]) for r in runs])
        status = [run_child([PYTHON, "-m", "backcoach", "status"], env=env) for _ in range(2)]
        status_cpu = median(
            [
                run_child([PYTHON, "-m", "backcoach", "status"], env=env).cpu_s
                for _ in range(config.repeat)
            ]
        )
        if status[0].returncode != 0:
            raise RuntimeError(f"status failed: {status[0].stderr[-2000:]}")
        save_s, new_s, worst_gap = _saves(data, max(10, config.repeat * 4))
        if not years:
            none = {"start": start_s, "peak": peak_kib}
        label = f"{years} years" if years else "none"
        what = f"{label} ({sessions} sessions)"
        start_ratio, peak_ratio = start_s / none["start"], peak_kib / none["peak"]
        rows += [
            Row("8 lengths", f"start-up, {what}", ms(start_s), f"{ms(none['start'])} none",
                start_ratio, f"<= {STARTUP_TARGET}x", start_ratio <= STARTUP_TARGET),
            Row("8 lengths", f"peak RSS, {what}", mib(peak_kib), f"{mib(none['peak'])} none",
                peak_ratio, f"<= {MEMORY_TARGET}x", peak_ratio <= MEMORY_TARGET),
            Row("8 lengths", f"save after an exercise, {what}", ms(save_s),
                f"{ms(SAVE_TARGET_S)} target", save_s / SAVE_TARGET_S,
                f"<= {ms(SAVE_TARGET_S)}", save_s <= SAVE_TARGET_S),
            Row("8 lengths", f"save of a new session, {what}", ms(new_s),
                f"{ms(SAVE_TARGET_S)} target", new_s / SAVE_TARGET_S,
                f"<= {ms(SAVE_TARGET_S)}", new_s <= SAVE_TARGET_S,
                note="also rewrites the summary (the day's tally changed)"),
            Row("8 lengths", f"status CPU, {what}", ms(status_cpu), f"{ms(pass_cpu)} pass",
                status_cpu / pass_cpu, f"<= {STATUS_TARGET}x",
                status_cpu / pass_cpu <= STATUS_TARGET),
            Row("8 lengths", f"save ticker gap, {what}", ms(worst_gap), "100 ms",
                worst_gap / 0.1, "<= 100 ms", worst_gap <= 0.1),
        ]  # fmt: skip
    return rows

"""Benchmark 1: start-up to the first painted exercise list, and peak memory.

backcoach against ``bench.bare_app`` (a bare Textual app with a ten-item list), both
headless (``bench.child``: same autopilot exit point) and both in a real terminal
(tmux at 80x24, polling ``capture-pane`` until the list's first item shows). Runs
alternate app/baseline so drift in machine load hits both alike.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

from bench.common import (
    PYTHON,
    Config,
    Row,
    Skipped,
    Tmux,
    acknowledge_safety,
    child_env,
    have_tmux,
    median,
    mib,
    ms,
    proc_cpu_seconds,
    proc_peak_rss_kib,
    require,
    run_child,
)
from bench.generate import exercises_from_content, write_layout

TIME_TARGET = 1.2
MEMORY_TARGET = 1.3
BARE_MARKER = "Bridges"
#: On the status line, drawn once the history is loaded: home is complete.
COMPLETE_MARKER = "Streak "


def _app_marker() -> str:
    """The first exercise's name: on screen once the list is painted."""
    return exercises_from_content()[0].name


def _dirs(config: Config) -> tuple[Path, Path]:
    root = config.workdir / "startup"
    shutil.rmtree(root, ignore_errors=True)
    data, conf = root / "data", root / "config"
    data.mkdir(parents=True, mode=0o700)
    acknowledge_safety(conf)
    return data, conf


Run = tuple[float, int, float]  # (seconds to the marker, peak RSS KiB, CPU seconds)


def _headless_once(target: str, marker: str, env: dict[str, str]) -> Run:
    """CPU is the child's whole life (it exits once the marker is on screen)."""
    launched = time.monotonic()
    result = run_child([PYTHON, "-m", "bench.child", marker, "--", target], env=env)
    ready = [line for line in result.stdout.splitlines() if line.startswith("READY ")]
    if result.returncode != 0 or not ready:
        raise RuntimeError(
            f"{target} did not paint {marker!r} (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        )
    return float(ready[0].split()[1]) - launched, result.maxrss_kib, result.cpu_s


def _tmux_once(
    argv: list[str], markers: tuple[str, ...], env: dict[str, str], workdir: Path, name: str
) -> list[Run]:
    """One run per marker, in order: CPU and peak RSS are read from /proc the moment
    each marker shows."""
    tmux = Tmux(workdir, name)
    try:
        launched = tmux.start(argv, env)
        runs = []
        for marker in markers:
            painted, _ = tmux.wait_for(lambda screen, m=marker: m in screen, deadline_s=60)
            pid = tmux.pane_pid()
            runs.append((painted - launched, proc_peak_rss_kib(pid), proc_cpu_seconds(pid)))
        return runs
    finally:
        tmux.kill()


def _complete_rows(app: list[Run], bare: list[Run]) -> list[Row]:
    """Not a target: until home shows today's figures (the status line), which may come
    a moment after the first frame; against the bare app's first (and only) frame."""
    app_s, bare_s = median([a[0] for a in app]), median([b[0] for b in bare])
    app_cpu, bare_cpu = median([a[2] for a in app]), median([b[2] for b in bare])
    app_kib, bare_kib = median([a[1] for a in app]), median([b[1] for b in bare])
    note = f"informational: {COMPLETE_MARKER.strip()!r} on the status line; bare: its list"
    return [
        Row("1 start-up", "CPU to complete home, tmux", ms(app_cpu), ms(bare_cpu),
            app_cpu / bare_cpu, note=note),
        Row("1 start-up", "to complete home, tmux", ms(app_s), ms(bare_s), app_s / bare_s),
        Row("1 start-up", "peak RSS to complete home, tmux", mib(app_kib), mib(bare_kib),
            app_kib / bare_kib),
    ]  # fmt: skip


def _rows(mode: str, app: list[Run], bare: list[Run]) -> list[Row]:
    app_s, bare_s = median([a[0] for a in app]), median([b[0] for b in bare])
    app_kib, bare_kib = median([a[1] for a in app]), median([b[1] for b in bare])
    app_cpu, bare_cpu = median([a[2] for a in app]), median([b[2] for b in bare])
    return [
        Row(
            "1 start-up", f"CPU to first list, {mode}", ms(app_cpu), ms(bare_cpu),
            app_cpu / bare_cpu, f"<= {TIME_TARGET}x", app_cpu / bare_cpu <= TIME_TARGET,
        ),
        Row(
            "1 start-up", f"to first list, {mode}", ms(app_s), ms(bare_s),
            app_s / bare_s, f"<= {TIME_TARGET}x", app_s / bare_s <= TIME_TARGET,
        ),
        Row(
            "1 start-up", f"peak RSS, {mode}", mib(app_kib), mib(bare_kib),
            app_kib / bare_kib, f"<= {MEMORY_TARGET}x", app_kib / bare_kib <= MEMORY_TARGET,
        ),
    ]  # fmt: skip


def _with_history_row(config: Config, conf: Path, marker: str, bare_s: float) -> Row:
    """Not a target: the same start-up after years of use, to show what loading costs."""
    data = config.workdir / "startup" / "data-years"
    history = write_layout(data, config.days, end=date.today())
    data.chmod(0o700)
    env = child_env(data, conf)
    runs = [_headless_once("backcoach", marker, env) for _ in range(config.repeat)]
    app_s, peak_kib = median([r[0] for r in runs]), median([r[1] for r in runs])
    return Row(
        "1 start-up", f"to first list, headless, {len(history.sessions)} sessions", ms(app_s),
        ms(bare_s), app_s / bare_s, note="informational (no target): the same start-up with "
        f"the generated history in the data dir; peak RSS {mib(peak_kib)}",
    )  # fmt: skip


def run(config: Config) -> list[Row]:
    require("backcoach.tui.launch", "backcoach.tui.app")
    data, conf = _dirs(config)
    env = child_env(data, conf)
    marker = _app_marker()
    rows: list[Row] = []

    _headless_once("bare", BARE_MARKER, env)  # warm the OS file cache for both
    _headless_once("backcoach", marker, env)
    app: list[Run] = []
    bare: list[Run] = []
    for _ in range(config.repeat):
        bare.append(_headless_once("bare", BARE_MARKER, env))
        app.append(_headless_once("backcoach", marker, env))
    rows += _rows("headless", app, bare)
    rows.append(_with_history_row(config, conf, marker, median([b[0] for b in bare])))

    if not have_tmux():
        rows.append(Row("1 start-up", "real terminal (tmux)", "skipped: no tmux"))
        return rows
    app_argv = [PYTHON, "-m", "backcoach"]
    bare_argv = [PYTHON, "-m", "bench.bare_app"]
    app, bare, complete = [], [], []
    for index in range(config.repeat):
        bare += _tmux_once(bare_argv, (BARE_MARKER,), env, config.workdir, f"bare{index}")
        first, whole = _tmux_once(
            app_argv, (marker, COMPLETE_MARKER), env, config.workdir, f"app{index}"
        )
        app.append(first)
        complete.append(whole)
    rows += _rows("tmux", app, bare)
    rows += _complete_rows(complete, bare)
    return rows


__all__ = ["Skipped", "run"]

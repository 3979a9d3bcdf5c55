"""Benchmark 2: ``backcoach status`` on ten years of history, against ``python -c pass``.

Both are fresh interpreters; runs alternate; CPU time (user + system) of each child is
compared, as a shell prompt pays it. A third run with ``-X importtime`` lists every
module ``status`` imports, to show that neither textual nor pydantic is one.
"""

from __future__ import annotations

import shutil
from datetime import date

from bench.common import (
    PYTHON,
    Config,
    Row,
    acknowledge_safety,
    child_env,
    median,
    ms,
    require,
    run_child,
)
from bench.generate import write_layout

TARGET = 2.0


def _imported_modules(importtime_stderr: str) -> set[str]:
    """Module names from ``-X importtime`` output (``import time: self | cumulative | name``)."""
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def run(config: Config) -> list[Row]:
    require("backcoach.commands.status")
    root = config.workdir / "status"
    shutil.rmtree(root, ignore_errors=True)
    data, conf = root / "data", root / "config"
    data.mkdir(parents=True, mode=0o700)
    acknowledge_safety(conf)
    history = write_layout(data, config.days, end=date.today())
    env = child_env(data, conf)
    status_argv = [PYTHON, "-m", "backcoach", "status"]
    json_argv = [PYTHON, "-c", "pass"]

    first = run_child(status_argv, env=env)  # warms the file cache, and shows it works
    if first.returncode != 0:
        raise RuntimeError(f"backcoach status failed:\n{first.stdout}\n{first.stderr[-2000:]}")
    run_child(json_argv, env=env)
    app_s, base_s = [], []
    for _ in range(config.repeat):
        base_s.append(run_child(json_argv, env=env).cpu_s)
        app_s.append(run_child(status_argv, env=env).cpu_s)
    app, base = median(app_s), median(base_s)

    traced = run_child([PYTHON, "-X", "importtime", "-m", "backcoach", "status"], env=env)
    modules = _imported_modules(traced.stderr)
    textual = sorted(m for m in modules if m == "textual" or m.startswith("textual."))
    pydantic = sorted(m for m in modules if m == "pydantic" or m.startswith("pydantic."))
    sessions = len(history.sessions)
    return [
        Row(
            "2 status", f"CPU, {sessions} sessions", ms(app), f"{ms(base)} python -c pass",
            app / base, f"<= {TARGET}x", app / base <= TARGET,
            note=f"output: {first.stdout.strip()[:100]}",
        ),
        Row(
            "2 status", "imports pydantic?", "yes" if pydantic else "no", "", None, "no",
            not pydantic,
        ),
        Row(
            "2 status", "imports textual?", "yes" if textual else "no", "", None, "no",
            not textual, note=f"{len(modules)} modules imported",
        ),
    ]  # fmt: skip

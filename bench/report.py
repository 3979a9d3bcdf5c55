"""Benchmark 7: ``backcoach report`` (PDF) on ten years of history, against reading it.

Three fresh interpreters on the same history file, runs alternating: the floor reads
and validates the history as every command does (``history_io.decode``, the collector
paused: what any report must do),
then ``backcoach report`` for the default 8 weeks, then for the whole ten years. Each
figure is seconds, with its ratio to the floor. The PDFs' page counts are noted (with
poppler's pdfinfo where it is installed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

from bench.common import (
    PYTHON,
    Config,
    Row,
    acknowledge_safety,
    child_env,
    median,
    require,
    run_child,
)
from bench.generate import write_history

#: Targets against the floor: the 8-week report reads the same file and draws two pages;
#: ten years add the tables' hundreds of weeks and a chart of weekly medians.
EIGHT_WEEKS_TARGET = 1.6
TEN_YEARS_TARGET = 3.0
FLOOR = (
    "import sys\nfrom backcoach.core.history_io import decode\n"
    "from backcoach.core.history_models import History\n"
    "with open(sys.argv[1], 'rb') as f:\n    assert decode(f.read(), History).kind == 'ok'\n"
)


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def _pages(pdf: Path) -> str:
    tool = shutil.which("pdfinfo")
    if tool is None:
        return "pages: no pdfinfo"
    found = re.search(r"^Pages:\s+(\d+)$", subprocess.run(
        [tool, str(pdf)], capture_output=True, text=True
    ).stdout, re.MULTILINE)  # fmt: skip
    return f"{found.group(1)} pages" if found else "pages: unknown"


def run(config: Config) -> list[Row]:
    require("backcoach.commands.report", "reportlab")
    root = config.workdir / "report"
    shutil.rmtree(root, ignore_errors=True)
    data, conf, out = root / "data", root / "config", root / "out"
    data.mkdir(parents=True, mode=0o700)
    out.mkdir()
    acknowledge_safety(conf)
    today = date.today()
    history = write_history(data / "history.json", config.days, end=today)
    first_day = today - timedelta(days=config.days - 1)
    env = child_env(data, conf)
    base = [PYTHON, "-m", "backcoach", "report", "--force", "-o"]
    eight_argv = [*base, str(out / "eight-weeks.pdf")]
    years_argv = [*base, str(out / "all.pdf"), "--since", first_day.isoformat()]
    floor_argv = [PYTHON, "-c", FLOOR, str(data / "history.json")]

    for argv in (floor_argv, eight_argv, years_argv):  # warms the file cache; shows it works
        first = run_child(argv, env=env)
        if first.returncode != 0:
            raise RuntimeError(f"{argv[3:]} failed:\n{first.stdout}\n{first.stderr[-2000:]}")
    floor_s, eight_s, years_s = [], [], []
    for _ in range(config.repeat):
        floor_s.append(run_child(floor_argv, env=env).wall_s)
        eight_s.append(run_child(eight_argv, env=env).wall_s)
        years_s.append(run_child(years_argv, env=env).wall_s)
    floor, eight, years = median(floor_s), median(eight_s), median(years_s)
    sessions = len(history.sessions)
    return [
        Row(
            "7 report", f"8 weeks (of {sessions} sessions)", _seconds(eight), _seconds(floor),
            eight / floor, f"<= {EIGHT_WEEKS_TARGET}x", eight / floor <= EIGHT_WEEKS_TARGET,
            note=f"baseline: read and validate the history; {_pages(out / 'eight-weeks.pdf')}",
        ),
        Row(
            "7 report", f"{config.days} days", _seconds(years), _seconds(floor), years / floor,
            f"<= {TEN_YEARS_TARGET}x", years / floor <= TEN_YEARS_TARGET,
            note=_pages(out / "all.pdf"),
        ),
    ]  # fmt: skip

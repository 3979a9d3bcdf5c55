"""``python -m bench``: run every benchmark and print one table.

python -m bench            full sizes (ten years of history, 5 repetitions, 20 s windows)
python -m bench --tiny     everything once at a tiny size (the CI smoke test)
python -m bench --only status store
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.common import Config, Row, Skipped

BENCHMARKS = {
    "startup": "bench.startup",
    "status": "bench.status",
    "store": "bench.store",
    "history": "bench.history_screen",
    "hold": "bench.hold_timer",
    "speech": "bench.speech",
    "report": "bench.report",
    "lengths": "bench.history_length",
}
COLUMNS = ("benchmark", "measure", "value", "baseline", "ratio", "target", "verdict")


def format_table(rows: list[Row]) -> str:
    """A plain fixed-width table, one row per figure, notes underneath."""
    cells = [COLUMNS]
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
        cells.append(
            (row.benchmark, row.measure, row.value, row.baseline, ratio, row.target, row.verdict)
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for index, line in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    notes = [f"  [{row.benchmark}] {row.measure}: {row.note}" for row in rows if row.note]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(line.rstrip() for line in lines)


def run_all(config: Config, names: list[str]) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        started = time.perf_counter()
        print(f"... {name}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(BENCHMARKS[name])
            rows += module.run(config)
        except (Skipped, NotImplementedError, ImportError) as why:
            rows.append(Row(name, "skipped", f"skipped: {why or type(why).__name__}"))
        except Exception as error:  # one broken benchmark must not hide the others
            traceback.print_exc()
            first_line = (str(error).strip().splitlines() or [""])[0]
            rows.append(Row(name, "error", f"ERROR: {type(error).__name__}: {first_line}"[:100]))
        print(f"    {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--tiny", action="store_true", help="tiny sizes, one repetition")
    parser.add_argument("--repeat", type=int, help="repetitions per figure (median reported)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run just these")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-") as tmp:
        config = Config.make(args.tiny, Path(tmp), args.repeat)
        rows = run_all(config, args.only or list(BENCHMARKS))
    print(format_table(rows))
    return 1 if any(row.measure == "error" for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())

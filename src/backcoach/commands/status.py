"""``backcoach status``: one line for a shell prompt, or JSON for scripts.

Imports no textual and reads through a lean model, so it stays quick on years of
history. Reading never creates the data dir; problems go to stderr and the line is
still printed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from backcoach.clock import Clock, SystemClock
from backcoach.core.settings_peek import days_per_week
from backcoach.core.status_summary import read_status
from backcoach.core.visible_text import visible
from backcoach.paths import AppPaths


def run(
    paths: AppPaths,
    as_json: bool = False,
    *,
    clock: Clock | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    today = (clock or SystemClock()).now().date()
    status = read_status(paths.data_dir, today, days_per_week=days_per_week(paths.settings_file))
    for notice in status.notices:
        print(f"backcoach: {visible(notice)}", file=err)
    print(status.as_json() if as_json else status.line(), file=out)
    return 0


def quick_run(argv: Sequence[str]) -> int | None:
    """``status`` without building the full command line parser (argparse, its help
    formatter and the run flags cost more CPU than the status itself, and a shell prompt
    pays it every time). Only the plain forms are taken: ``[--data-dir D]
    [--config-dir C] status [--json]``; anything else returns None for the full parser."""
    given: dict[str, str] = {}
    rest = list(argv)
    while rest and rest[0] in {"--data-dir", "--config-dir"} and len(rest) > 1:
        given[rest[0]] = rest[1]
        rest = rest[2:]
    if rest not in (["status"], ["status", "--json"]):
        return None
    from backcoach.paths import resolve_paths

    paths = resolve_paths(given.get("--data-dir"), given.get("--config-dir"))
    return run(paths, as_json=rest == ["status", "--json"])

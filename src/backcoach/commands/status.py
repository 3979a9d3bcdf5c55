"""``backcoach status``: one line for a shell prompt, or JSON for scripts.

Imports no textual and reads through a lean model, so it stays quick on years of
history. Reading never creates the data dir; problems go to stderr and the line is
still printed.
"""

from __future__ import annotations

import sys
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

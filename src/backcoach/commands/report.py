"""``backcoach report``: the report to take to a doctor or physiotherapist.

Reads the history without repairing or creating anything, as ``export`` does, and the
content (the user's overlay, and the packaged content alone for the source's figures).
Writes one file (PDF by default) outside the data dir, as 0600, never over an existing
file without ``--force``; Markdown and HTML may also go to standard output (``-o -``).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from backcoach.clock import Clock, SystemClock
from backcoach.core.content_loader import load_catalog
from backcoach.core.history_models import History
from backcoach.core.report.build import build_report, choose_period
from backcoach.core.report.output import (
    Format,
    Paper,
    ReportRefused,
    default_name,
    format_from_name,
    render_report,
    write_report,
)
from backcoach.core.store import describe_os_error
from backcoach.core.store.display import read_history_for_display
from backcoach.paths import AppPaths


def run(
    paths: AppPaths,
    *,
    since: date | None = None,
    until: date | None = None,
    fmt: Format | None = None,
    output: str | None = None,
    force: bool = False,
    paper: Paper = "a4",
    clock: Clock | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    now = (clock or SystemClock()).now()
    to_stdout = output == "-"
    target = None if output is None or to_stdout else Path(output).expanduser()
    chosen: Format = fmt or (format_from_name(target) if target else None) or "pdf"
    if to_stdout and chosen == "pdf":
        print("backcoach: a PDF is not written to standard output; give a file name.", file=err)
        return 2
    try:
        period = choose_period(now.date(), since, until)
    except ValueError as problem:
        print(f"backcoach: {problem}.", file=err)
        return 2
    shown = read_history_for_display(paths.data_dir)
    for notice in shown.notices:
        print(f"backcoach: {notice}", file=err)
    if shown.model is None and shown.notices:
        print("backcoach: no report made, as the history could not be read.", file=err)
        return 1
    content = load_catalog(paths)
    if content.problem_count:
        print(
            f"backcoach: {content.tally}: the report uses the content that loaded; "
            "run backcoach check-content for the details.",
            file=err,
        )
    source = load_catalog()
    report = build_report(
        shown.model or History(), content.catalog, period, now, source_catalog=source.catalog
    )
    data = render_report(report, chosen, paper)
    if to_stdout:
        out.write(data.decode("utf-8"))
        out.flush()
        return 0
    target = target or Path(default_name(report, chosen))
    try:
        write_report(target, data, paths.data_dir, force=force)
    except ReportRefused as refused:
        print(f"backcoach: {refused}", file=err)
        return 1
    except OSError as problem:
        print(f"backcoach: cannot write {target}: {describe_os_error(problem)}.", file=err)
        return 1
    print(f"backcoach: wrote {target} ({report.period.since} to {report.period.until})", file=err)
    return 0

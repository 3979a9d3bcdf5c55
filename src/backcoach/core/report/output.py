"""Rendering a report to bytes in the chosen format, and writing it where it may go.

A report is health data: written atomically as 0600, never inside the data dir (where
the history is kept), and never over an existing file unless asked (``force``).
The PDF and HTML renderers (reportlab, Jinja2) are imported only here, when asked for.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from backcoach.core.atomic import PRIVATE_FILE_MODE, replace_file
from backcoach.core.content_models import Catalog
from backcoach.core.history_models import History
from backcoach.core.report.build import build_report, default_period
from backcoach.core.report.model import Report

Format = Literal["pdf", "html", "md"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md")
Paper = Literal["a4", "letter"]


class ReportRefused(Exception):
    """The report may not be written there; the message says why and what to do."""


def render_report(report: Report, fmt: Format, paper: Paper = "a4") -> bytes:
    if fmt == "pdf":
        from backcoach.core.report.as_pdf import render_pdf

        return render_pdf(report, paper)
    if fmt == "html":
        from backcoach.core.report.as_html import render_html

        return render_html(report).encode("utf-8")
    from backcoach.core.report.as_markdown import render_markdown

    return render_markdown(report).encode("utf-8")


def format_from_name(path: Path) -> Format | None:
    """``report.html`` -> html; None when the suffix names no format."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "markdown":
        return "md"
    return suffix if suffix in FORMATS else None


def default_name(report: Report, fmt: Format) -> str:
    return f"backcoach-report-{report.period.until.isoformat()}.{fmt}"


def is_inside(target: Path, directory: Path) -> bool:
    """Whether ``target`` is ``directory`` or lies within it (after symlinks)."""
    resolved = target.expanduser().resolve()
    home = directory.expanduser().resolve()
    return resolved == home or home in resolved.parents


def check_target(target: Path, data_dir: Path, *, force: bool) -> None:
    """Raise ReportRefused unless a report may be written at ``target``."""
    if is_inside(target, data_dir):
        raise ReportRefused(
            f"will not write {target}: it is inside the data dir {data_dir}, where the "
            "history is kept. Choose a file elsewhere."
        )
    if target.is_dir():
        raise ReportRefused(f"{target} is a directory; give a file name.")
    if not target.parent.is_dir():
        raise ReportRefused(f"cannot write {target}: {target.parent} does not exist.")
    if target.exists() and not force:
        raise ReportRefused(
            f"{target} already exists; give another --output, or --force to replace it."
        )


def write_report(target: Path, data: bytes, data_dir: Path, *, force: bool = False) -> None:
    """Write ``data`` to ``target`` atomically as 0600, after ``check_target``.
    Raises ReportRefused, or OSError from the write (nothing is left half-written)."""
    check_target(target, data_dir, force=force)
    replace_file(target, data, PRIVATE_FILE_MODE)


def free_name(directory: Path, name: str) -> Path:
    """``name`` in ``directory``, or ``name-2``, ``name-3``... if taken (never replaced)."""
    candidate = directory / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def save_default_report(
    history: History,
    catalog: Catalog,
    source_catalog: Catalog | None,
    now: datetime,
    directory: Path,
    data_dir: Path,
    fmt: Format = "pdf",
) -> Path:
    """The last eight weeks' report in ``directory`` under a free name (the TUI's key).
    Returns the path written; raises ReportRefused or OSError."""
    report = build_report(
        history, catalog, default_period(now.date()), now, source_catalog=source_catalog
    )
    target = free_name(directory, default_name(report, fmt))
    write_report(target, render_report(report, fmt), data_dir)
    return target


def default_report_dir() -> Path:
    """Where the app puts a report: the user's documents folder, else the home folder."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()

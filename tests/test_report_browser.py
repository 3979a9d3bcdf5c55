"""The HTML report in a real browser (Debian's chromium, headless): it draws, prints to
two pages, and nothing in it runs or fetches anything.

Two launches, about a second or two each: a screenshot (with a network log and the
console on stderr), then a print to PDF. Without chromium (or pdfinfo) the tests skip,
except under CI (``CI=true``), where ``.ci/run`` installs them and a missing one fails.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from audio_support import require_tool
from backcoach.core.report.as_html import render_html
from backcoach.core.report.build import build_report
from backcoach.core.report.model import Period
from backcoach.paths import AppPaths
from report_seed import FIRST_DAY, LAST_DAY, MADE_AT, seeded_catalogs, seeded_history

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
LAUNCH_TIMEOUT_S = 60  # a bound on a hung browser, not a measured time
#: The chart's gridlines are #bbb; rows with this many such pixels are gridlines.
GRIDLINE_PIXELS = 250
#: Dark pixels between the gridlines: the series' lines and marks (the empty chart's
#: caption alone has a few hundred).
DRAWN_PIXELS = 1500
NET_LOG_BEGIN = 1  # a net log event's phase: 1 begins it, 2 ends it


def chromium() -> str:
    return require_tool("chromium")


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """One headless run of chromium on ``page``, with an empty profile of its own."""
    profile.mkdir()
    result = subprocess.run(
        [chromium(), *BROWSER_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=LAUNCH_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture
def report_page(app_paths: AppPaths, tmp_path: Path) -> Path:
    used, source = seeded_catalogs(app_paths)
    period = Period(FIRST_DAY, LAST_DAY)
    report = build_report(seeded_history(used), used, period, MADE_AT, source_catalog=source)
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def page_requests(net_log: Path) -> list[str]:
    """URLs the page asked for. The browser's own requests (none should be made with
    the flags above, but some builds still try) have no origin as their initiator."""
    log = json.loads(net_log.read_text())
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    return [
        str(event["params"].get("url"))
        for event in log["events"]
        if names.get(event["type"]) == "URL_REQUEST_START_JOB"
        and event.get("phase") == NET_LOG_BEGIN
        and event["params"].get("initiator") != "not an origin"
    ]


def test_a_fetch_by_the_page_would_be_seen(tmp_path: Path) -> None:
    """The check above on a log in chromium's format, where the page asked for an image."""
    log = tmp_path / "net.json"
    start = {"type": 7, "phase": NET_LOG_BEGIN, "source": {"id": 1}}
    log.write_text(
        json.dumps(
            {
                "constants": {"logEventTypes": {"URL_REQUEST_START_JOB": 7}},
                "events": [
                    {**start, "params": {"initiator": "not an origin", "url": "https://x/"}},
                    {**start, "params": {"initiator": "null", "url": "http://127.0.0.1/a.png"}},
                    {"type": 7, "phase": 2, "source": {"id": 1}, "params": {"net_error": -105}},
                ],
            }
        )
    )
    assert page_requests(log) == ["http://127.0.0.1/a.png"]


def test_the_browser_draws_the_report_and_nothing_runs(report_page: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot, net_log = tmp_path / "shot.png", tmp_path / "net.json"
    result = browse(
        report_page,
        tmp_path / "profile-shot",
        "--window-size=900,3200",
        f"--screenshot={shot}",
        f"--log-net-log={net_log}",
        "--enable-logging=stderr",
        "--v=0",
    )
    # Nothing ran or was refused (a CSP violation or a script error is logged here).
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == []
    assert "Content Security Policy" not in result.stderr
    assert page_requests(net_log) == [], "the page fetched something"

    image = Image.open(shot).convert("L")
    width, height = image.size
    histogram = image.histogram()
    assert sum(histogram[:60]) > 0 and sum(histogram[240:]) > 0  # not blank: black on white
    grey_rows = [
        y
        for y in range(height)
        if sum(image.crop((0, y, width, y + 1)).histogram()[150:237]) > GRIDLINE_PIXELS
    ]
    # a gridline may spread over two rows: count runs of rows, not rows
    gridlines = [y for y in grey_rows if y - 1 not in grey_rows]
    assert len(gridlines) >= 5, "the chart's 0-10 gridlines are not on the screenshot"
    top, bottom = min(gridlines), max(grey_rows)
    dark = sum(image.crop((0, top + 2, width, bottom - 2)).histogram()[:100])
    assert dark > DRAWN_PIXELS, "the chart's lines and marks are not drawn"


def test_the_browser_prints_it_to_two_pages(report_page: Path, tmp_path: Path) -> None:
    printed = tmp_path / "printed.pdf"
    browse(
        report_page,
        tmp_path / "profile-print",
        "--no-pdf-header-footer",
        f"--print-to-pdf={printed}",
    )
    info = subprocess.run(
        [require_tool("pdfinfo"), str(printed)], capture_output=True, text=True, check=True
    )
    pages = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert pages is not None and int(pages.group(1)) == 2
    text = subprocess.run(
        [require_tool("pdftotext"), str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Pain (0-10)" in text and "05 Jan" in text  # the SVG chart's own labels
    assert '<script>alert(1)</script>[bold]=HYPERLINK("x")' in text

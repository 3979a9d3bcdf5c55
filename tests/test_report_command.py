"""``backcoach report``: the files it writes (where, how, what they say), the PDF's text
and pages read back with poppler's pdftotext and pdfinfo, and bad input."""

from __future__ import annotations

import io
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from audio_support import require_tool
from backcoach.clock import FakeClock
from backcoach.commands import report
from backcoach.core.history_models import History
from backcoach.core.report.as_pdf import render_pdf
from backcoach.core.report.build import build_report
from backcoach.core.report.model import Period
from backcoach.core.report.pdf_fonts import register_fonts
from backcoach.paths import AppPaths
from report_seed import CLEARED_NOTE, INJECTION, MADE_AT, seeded_catalogs, seeded_history

SINCE, UNTIL = date(2026, 1, 5), date(2026, 3, 1)
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def seeded(app_paths: AppPaths) -> History:
    """The seeded history written where the command reads it, and the overlay in place."""
    used, _source = seeded_catalogs(app_paths)
    history = seeded_history(used)
    app_paths.data_dir.mkdir(mode=0o700)
    app_paths.history_file.write_text(history.model_dump_json(), encoding="utf-8")
    return history


@pytest.fixture
def run(app_paths: AppPaths) -> Run:
    def go(**options: object) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        clock = FakeClock(start=MADE_AT)
        code = report.run(app_paths, clock=clock, out=out, err=err, **options)  # type: ignore[arg-type]
        return code, out.getvalue(), err.getvalue()

    return go


def pdf_text(path: Path) -> str:
    """The PDF's text in drawing order, each wrapped cell joined back into one line."""
    tool = require_tool("pdftotext")
    result = subprocess.run([tool, "-raw", str(path), "-"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def squash(text: str) -> str:
    """Text without whitespace: a cell wrapped over lines reads as one again."""
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> int:
    tool = require_tool("pdfinfo")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", result.stdout, re.MULTILINE)
    assert found, result.stdout
    return int(found.group(1))


def test_the_pdf_holds_every_flag_and_weekly_figure(
    seeded: History, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    code, _out, err = run(since=SINCE, until=UNTIL, output=str(target))
    assert code == 0, err
    assert str(target) in err
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = pdf_text(target)
    joined = squash(text)
    for flag in (
        "2026-01-20",
        INJECTION,
        "set 2, rep 7, phase 3 (Hold the bridge), 2.5 s in",
        "7 of 10",
        "cleared 2026-01-23 by a clinician",
        CLEARED_NOTE.replace("\x1b", "\\x1b").replace("\x07", "\\x07"),
        "2026-02-19",
        "Knee-to-chest stretch",
        "left leg, rep 2, phase 2 (Hold…), 3 s in",
        "6 of 10",
        "still flagged: left out of sessions",
        "2026-02-24",
        "withdrawn (pressed by mistake)",
    ):
        assert squash(flag) in joined, flag
    # every week's row: its dates, sessions done / planned and both medians, in order
    for week in (
        "2026-01-05 to 01-11 7 / 7 7 / 7 0 4 2 7",
        "2026-01-12 to 01-18 5 / 5 5 / 5 2 4 2 5",
        "2026-01-19 to 01-25 6 / 7 6 / 7 0 3.5 1.5 6",
        "2026-02-23 to 03-01 7 / 7 7 / 7 0 4 1.5 7",
    ):
        assert week in text, week
    assert squash("Shown on 2 days: 2026-01-20 (pain before 8 of 10)") in joined
    assert squash("stop it at once and consult a doctor") in joined
    assert pdf_pages(target) == 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_eight_weeks_fit_two_pages_on_either_paper(
    seeded: History, run: Run, tmp_path: Path, paper: str
) -> None:
    target = tmp_path / f"{paper}.pdf"
    assert run(since=SINCE, until=UNTIL, output=str(target), paper=paper)[0] == 0
    assert 1 <= pdf_pages(target) <= 2
    size = "(A4)" if paper == "a4" else "(letter)"
    info = subprocess.run(
        [require_tool("pdfinfo"), str(target)], capture_output=True, text=True
    ).stdout
    assert size in info


def test_user_text_is_literal_in_every_format(seeded: History, run: Run, tmp_path: Path) -> None:
    for fmt in ("md", "html", "pdf"):
        target = tmp_path / f"report.{fmt}"
        assert run(since=SINCE, until=UNTIL, output=str(target))[0] == 0
    markdown = (tmp_path / "report.md").read_text()
    assert r"\<script\>alert(1)\</script\>\[bold\]=HYPERLINK(" in markdown
    html = (tmp_path / "report.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[bold]=HYPERLINK(&#34;x&#34;)" in html
    assert "<script" not in html
    assert squash(INJECTION) in squash(pdf_text(tmp_path / "report.pdf"))
    for fmt in ("md", "html"):
        assert "\x1b" not in (tmp_path / f"report.{fmt}").read_text()


def test_an_empty_history_still_makes_a_valid_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "empty.pdf"
    code, _out, err = run(output=str(target))
    assert code == 0, err
    assert "Nothing was recorded in this period" in pdf_text(target)
    assert pdf_pages(target) <= 2


def test_the_format_follows_the_suffix_and_md_goes_to_stdout(
    seeded: History, run: Run, tmp_path: Path
) -> None:
    assert run(since=SINCE, until=UNTIL, output=str(tmp_path / "r.html"))[0] == 0
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    code, out, _err = run(since=SINCE, until=UNTIL, output="-", fmt="md")
    assert code == 0 and out.startswith("# Lower back exercises")
    code, out, err = run(output="-", fmt="pdf")
    assert code == 2 and out == "" and "give a file name" in err


def test_the_default_name_is_in_the_current_folder(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run()[0] == 0
    assert (tmp_path / "backcoach-report-2026-03-01.pdf").is_file()


def test_never_overwrites_without_force(seeded: History, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("the user's own file")
    code, _out, err = run(output=str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text() == "the user's own file"
    assert run(output=str(target), force=True)[0] == 0
    assert target.read_text().startswith("# Lower back exercises")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("name", ["report.pdf", "history.json"])
def test_never_inside_the_data_dir(
    seeded: History, run: Run, app_paths: AppPaths, name: str
) -> None:
    before = app_paths.history_file.read_bytes()
    code, _out, err = run(output=str(app_paths.data_dir / name), force=True)
    assert code == 1 and "inside the data dir" in err
    assert app_paths.history_file.read_bytes() == before
    assert not (app_paths.data_dir / "report.pdf").exists()


def test_bad_input_is_a_clear_message(run: Run, app_paths: AppPaths, tmp_path: Path) -> None:
    code, _out, err = run(since=date(2026, 3, 5), until=date(2026, 3, 1))
    assert code == 2 and "2026-03-05 is after the end 2026-03-01" in err
    code, _out, err = run(output=str(tmp_path / "missing" / "r.pdf"))
    assert code == 1 and str(tmp_path / "missing") in err and "does not exist" in err


def test_an_unreadable_history_is_named_and_loses_nothing(
    run: Run, app_paths: AppPaths, tmp_path: Path
) -> None:
    app_paths.data_dir.mkdir(mode=0o700)
    app_paths.history_file.write_bytes(b"{ not json")
    code, _out, err = run(output=str(tmp_path / "r.pdf"))
    assert code == 1
    assert str(app_paths.history_file) in err and "no report made" in err
    assert app_paths.history_file.read_bytes() == b"{ not json"
    assert not (tmp_path / "r.pdf").exists()


def test_without_a_unicode_font_the_pdf_escapes_what_it_cannot_show(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    fonts = register_fonts(candidates=())
    assert not fonts.unicode
    assert fonts.printable("Knie → Brust é") == "Knie \\u2192 Brust é"
    used, source = seeded_catalogs(app_paths)
    period = Period(SINCE, UNTIL)
    built = build_report(seeded_history(used), used, period, MADE_AT, source_catalog=source)
    assert render_pdf(built).startswith(b"%PDF-")


def test_the_real_command_line(seeded: History, app_paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "cli.pdf"
    result = subprocess.run(
        [
            sys.executable, "-m", "backcoach", "--data-dir", str(app_paths.data_dir),
            "--config-dir", str(app_paths.config_dir),
            "report", "--since", "2026-01-05", "--until", "2026-03-01", "-o", str(target),
        ],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    bad = subprocess.run(
        [sys.executable, "-m", "backcoach", "report", "--since", "2026-02-30"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "'2026-02-30' is not a date" in bad.stderr


def test_content_problems_are_said_and_the_report_still_made(
    run: Run, app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "superman"\n[dosage\n', encoding="utf-8")
    code, _out, err = run(output=str(tmp_path / "r.md"))
    assert code == 0
    assert "1 problem in 1 file" in err and "check-content" in err
    assert (tmp_path / "r.md").read_text().startswith("# Lower back exercises")

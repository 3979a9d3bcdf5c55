"""The report from the history screen (r): written as a PDF in the documents folder,
its path shown after; never over an earlier report; never inside the data dir; and
neither reportlab nor Jinja2 is imported before it is asked for."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from history_seed import TODAY, seed, seeded_history
from shell_support import MakeApp
from textual.command import CommandPalette

from backcoach.services import Services
from backcoach.tui.app import BackcoachApp
from backcoach.tui.history.screen import HistoryScreen


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The documents folder platformdirs finds (``XDG_DOCUMENTS_DIR``)."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


async def _report(app: BackcoachApp, *keys: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", *keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_r_writes_the_pdf_and_says_where(
    services: Services, make_app: MakeApp, documents: Path
) -> None:
    seed(services.store, seeded_history())
    app = make_app(first_run_check=False)
    await _report(app, "r")
    written = documents / f"backcoach-report-{TODAY.isoformat()}.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    said = app.notices[-1]
    assert said.severity == "information" and str(written) in said.text
    assert said.problems == 0  # not counted among the problems to read


async def test_a_second_report_gets_a_new_name(
    services: Services, make_app: MakeApp, documents: Path
) -> None:
    earlier = documents / f"backcoach-report-{TODAY.isoformat()}.pdf"
    earlier.write_bytes(b"the report taken to the doctor last time")
    app = make_app(first_run_check=False)
    await _report(app, "r")
    assert earlier.read_bytes() == b"the report taken to the doctor last time"
    again = documents / f"backcoach-report-{TODAY.isoformat()}-2.pdf"
    assert again.read_bytes().startswith(b"%PDF-")
    assert str(again) in app.notices[-1].text


async def test_never_inside_the_data_dir(
    services: Services, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.paths.data_dir.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(services.paths.data_dir))
    before = sorted(p.name for p in services.paths.data_dir.iterdir())
    app = make_app(first_run_check=False)
    await _report(app, "r")
    assert "No report written" in app.notices[-1].text
    assert "inside the data dir" in app.notices[-1].text
    assert sorted(p.name for p in services.paths.data_dir.iterdir()) == before


async def test_the_palette_offers_the_report(
    services: Services, make_app: MakeApp, documents: Path
) -> None:
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "ctrl+p")
        await pilot.press(*"pdf report")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert list(documents.glob("backcoach-report-*.pdf"))


def test_start_up_and_history_import_no_pdf_or_template_library() -> None:
    code = (
        "import sys, backcoach.tui.launch, backcoach.tui.app, backcoach.tui.history.screen\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in {'reportlab', 'jinja2'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []

"""``backcoach export``: rows per exercise per session, CSV a spreadsheet opens, JSON."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date
from pathlib import Path

import pytest

from backcoach.clock import FakeClock
from backcoach.commands import export
from backcoach.core.export import COLUMNS
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from store_factory import session_on


def _run(paths: AppPaths, fmt: str, output: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = export.run(paths, fmt, output, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _fill(store: HistoryStore) -> None:
    first = session_on(date(2026, 11, 24), pain=(5, 3), exercises=2, zone="Europe/London")
    first.exercises[1].name = 'Cat, "camel" stretch — é'
    first.exercises[1].status = "stopped_for_pain"
    store.save_session(first)
    store.save_session(session_on(date(2026, 11, 25), "interrupted", exercises=0))


def test_empty_data_dir_gives_a_header_only_and_creates_nothing(app_paths: AppPaths) -> None:
    code, out, err = _run(app_paths, "csv")
    assert code == 0 and err == ""
    assert out == ",".join(COLUMNS) + "\r\n"
    assert _run(app_paths, "json")[1] == "[]\n"
    assert not app_paths.data_dir.exists()


def test_csv_rows_per_exercise_per_session(app_paths: AppPaths, store: HistoryStore) -> None:
    _fill(store)
    _code, out, _err = _run(app_paths, "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 3  # two exercises, and one row for the session without any
    first, second, empty = rows
    assert first["date"] == "2026-11-24"
    assert first["started_at"] == "2026-11-24T09:00:00+00:00"
    assert first["routine"] == "Daily routine"
    assert (first["exercise"], first["status"]) == ("Exercise 0", "completed")
    assert (first["sets"], first["reps_done"], first["holds_done"]) == ("1", "10", "10")
    assert (first["pain_before"], first["pain_after"]) == ("5", "3")
    assert first["seconds"] == "60.0"
    assert second["exercise"] == 'Cat, "camel" stretch — é'
    assert second["status"] == "stopped_for_pain"
    assert (empty["exercise"], empty["pain_before"], empty["session_status"]) == (
        "",
        "",
        "interrupted",
    )


def test_json_has_the_same_rows_with_numbers(app_paths: AppPaths, store: HistoryStore) -> None:
    _fill(store)
    _code, out, _err = _run(app_paths, "json")
    rows = json.loads(out)
    assert [r["exercise"] for r in rows] == ["Exercise 0", 'Cat, "camel" stretch — é', None]
    assert rows[0]["reps_done"] == 10 and rows[0]["pain_before"] == 5
    assert set(rows[0]) == set(COLUMNS)


def test_output_file_is_private_and_spreadsheet_friendly(
    app_paths: AppPaths, store: HistoryStore, tmp_path: Path
) -> None:
    _fill(store)
    target = tmp_path / "out" / "history.csv"
    target.parent.mkdir(mode=0o755)
    code, out, err = _run(app_paths, "csv", str(target))
    assert code == 0 and out == ""
    assert str(target) in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o755  # the user's folder keeps its mode
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM tells spreadsheets it is UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1]["exercise"] == 'Cat, "camel" stretch — é'
    assert not list(target.parent.glob(".*.tmp"))


def test_output_replaces_an_existing_file(app_paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "history.json"
    target.write_text("old")
    assert _run(app_paths, "json", str(target))[0] == 0
    assert json.loads(target.read_text()) == []


@pytest.mark.parametrize("where", ["missing-dir/out.csv", "."])
def test_a_bad_output_path_is_a_clear_message(
    app_paths: AppPaths, tmp_path: Path, where: str
) -> None:
    code, _out, err = _run(app_paths, "csv", str(tmp_path / where))
    assert code == 1
    assert str(tmp_path) in err


def test_a_bad_history_file_is_named_and_the_backup_exported(
    app_paths: AppPaths, store: HistoryStore, clock: FakeClock
) -> None:
    store.save_session(session_on(date(2026, 11, 24)))
    store.save_session(session_on(date(2026, 11, 25)))
    month = store.month_path("2026-11")
    month.write_bytes(b"")
    code, out, err = _run(app_paths, "csv")
    assert code == 0
    assert str(month) in err and "empty" in err
    assert len(out.splitlines()) == 2  # header + the backup's one session
    assert month.read_bytes() == b""


def test_the_v1_fixture_exports(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir()
    fixture = Path(__file__).parent / "fixtures" / "history_v1.json"
    (app_paths.data_dir / "history.json").write_bytes(fixture.read_bytes())
    _code, out, err = _run(app_paths, "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert err == ""
    sessions = [r for r in rows if r["record"] in {"exercise", "session"}]
    assert [r["exercise"] for r in sessions] == ["Pelvic tilt", "Knee to chest", "Superman", ""]
    assert [r["record"] for r in rows[len(sessions) :]] == ["flag", "flag", "rest_day"]
    rows = sessions
    assert rows[2]["started_at"] == "2026-03-29T07:10:00+01:00"
    assert rows[2]["reps_done"] == "3"


def test_the_real_command_line(app_paths: AppPaths, store: HistoryStore) -> None:
    import subprocess
    import sys

    _fill(store)
    result = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(app_paths.data_dir), "export"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    assert len(result.stdout.splitlines()) == 4


@pytest.mark.parametrize("name", ["history.json", "history.json.bak", "new.csv", "."])
def test_export_refuses_to_write_inside_the_data_dir(
    app_paths: AppPaths, store: HistoryStore, name: str
) -> None:
    _fill(store)
    before = store.summary_path.read_bytes()
    code, _out, err = _run(app_paths, "csv", str(app_paths.data_dir / name))
    assert code == 1
    assert "inside the data dir" in err and str(app_paths.data_dir) in err
    assert store.summary_path.read_bytes() == before
    assert not (app_paths.data_dir / "new.csv").exists()


def test_export_refuses_a_symlink_into_the_data_dir(
    app_paths: AppPaths, store: HistoryStore, tmp_path: Path
) -> None:
    _fill(store)
    before = store.summary_path.read_bytes()
    link = tmp_path / "looks-harmless.csv"
    link.symlink_to(store.summary_path)
    code, _out, err = _run(app_paths, "csv", str(link))
    assert code == 1 and "inside the data dir" in err
    assert store.summary_path.read_bytes() == before


def test_export_into_an_existing_folder_keeps_its_mode(
    app_paths: AppPaths, store: HistoryStore, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    assert _run(app_paths, "csv", str(folder / "out.csv"))[0] == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "out.csv").stat().st_mode) == 0o600


def _seeded(store: HistoryStore) -> None:
    from backcoach.core.content_loader import load_catalog
    from report_seed import INJECTION, seeded_history
    from store_factory import put_history

    history = seeded_history(load_catalog().catalog)
    for flag in history.flags:
        flag.exercise_name = INJECTION if flag.exercise_id == "bridges" else flag.exercise_name
    put_history(store, history)


def test_flags_and_rest_days_are_exported(app_paths: AppPaths, store: HistoryStore) -> None:
    from report_seed import CLEARED_NOTE

    _seeded(store)
    _code, out, err = _run(app_paths, "csv")
    assert err == ""
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    flags = [r for r in rows if r["record"] == "flag"]
    assert [f["status"] for f in flags] == ["cleared", "active", "withdrawn"]
    cleared = flags[0]
    assert cleared["stopped_where"] == "set 2, rep 7, phase 3 (Hold the bridge), 2.5 s in"
    assert (cleared["stopped_set"], cleared["stopped_rep"], cleared["stopped_phase"]) == (
        "2",
        "7",
        "3",
    )
    assert (cleared["stopped_seconds"], cleared["flag_pain"]) == ("2.5", "7")
    assert cleared["cleared_by_clinician"] == "yes"
    assert cleared["note"] == CLEARED_NOTE.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert flags[1]["stopped_side"] == "left leg" and flags[1]["cleared_at"] == ""
    rest = [r for r in rows if r["record"] == "rest_day"]
    assert [(r["date"], r["note"]) for r in rest] == [
        ("2026-01-15", "flare-up"),
        ("2026-01-16", "flare-up"),
        ("2026-02-14", "flare-up"),
    ]
    stopped = [r for r in rows if r["status"] == "stopped_for_pain"]
    assert stopped and stopped[0]["stopped_where"].startswith("set 2, rep 7")
    as_json = json.loads(_run(app_paths, "json")[1])
    json_flags = [r for r in as_json if r["record"] == "flag"]
    assert json_flags[0]["flag_pain"] == 7 and json_flags[0]["cleared_by_clinician"] is True
    # Control characters from the history come out as visible escapes here too.
    assert json_flags[0]["note"] == CLEARED_NOTE.replace("\x1b", "\\x1b").replace("\x07", "\\x07")


def test_the_csv_guards_against_formulas(app_paths: AppPaths, store: HistoryStore) -> None:
    from report_seed import INJECTION

    _seeded(store)
    _code, out, _err = _run(app_paths, "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    bridges = next(r for r in rows if r["record"] == "flag")
    assert bridges["exercise"] == INJECTION  # starts with "<": no formula, kept as is
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
            assert "\x1b" not in cell


@pytest.mark.parametrize("name", ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)"])
def test_a_formula_name_is_quoted(app_paths: AppPaths, store: HistoryStore, name: str) -> None:
    session = session_on(date(2026, 11, 24))
    session.exercises[0].name = name
    store.save_session(session)
    rows = list(csv.DictReader(io.StringIO(_run(app_paths, "csv")[1], newline="")))
    assert rows[0]["exercise"] == "'" + name


def test_every_column_is_documented() -> None:
    documented = (Path(__file__).parent.parent / "docs" / "export.md").read_text()
    for column in COLUMNS:
        assert f"| `{column}` |" in documented, column

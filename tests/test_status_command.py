"""``backcoach status``: one line or JSON, on empty, filled and bad data dirs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from backcoach.clock import FakeClock
from backcoach.commands import status
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from store_factory import flag_for, session_on


def _run(paths: AppPaths, clock: FakeClock, as_json: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = status.run(paths, as_json, clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _fill(store: HistoryStore, clock: FakeClock) -> None:
    today = clock.now().date()
    for back in (1, 2, 3, 4):
        store.save_session(session_on(today - timedelta(days=back)))
    for back in range(10, 22):
        store.save_session(session_on(today - timedelta(days=back)))
    store.save_session(session_on(today, target_per_day=2))
    store.add_flag(flag_for("superman", "Superman", clock.now()))


def test_empty_data_dir_prints_zeros_and_creates_nothing(
    app_paths: AppPaths, clock: FakeClock
) -> None:
    code, out, err = _run(app_paths, clock)
    assert code == 0
    assert out == "backcoach: streak 0 (best 0) · today 0/1\n"
    assert err == ""
    assert not app_paths.data_dir.exists()


def test_filled_data_dir(app_paths: AppPaths, clock: FakeClock, store: HistoryStore) -> None:
    _fill(store, clock)
    code, out, _err = _run(app_paths, clock)
    assert code == 0
    assert out == "backcoach: streak 5 (best 12) · today 1/2 · flagged: Superman\n"


def test_json_for_scripts(app_paths: AppPaths, clock: FakeClock, store: HistoryStore) -> None:
    _fill(store, clock)
    store.save_session(session_on(clock.now().date() + timedelta(days=2)))
    _code, out, err = _run(app_paths, clock, as_json=True)
    data = json.loads(out)
    assert data["streak"] == 5 and data["best"] == 12
    assert (data["today_done"], data["today_target"]) == (1, 2)
    assert data["flagged"] == ["Superman"]
    assert data["today"] == "2026-11-25"
    assert data["future_sessions"] == ["2026-11-27"]
    assert "2026-11-27" in err


def test_cleared_flags_are_not_listed(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore
) -> None:
    flag = flag_for("bridge", "Bridge", clock.now())
    store.add_flag(flag)
    store.clear_flag(flag.id, "ok now", by_clinician=False)
    _code, out, _err = _run(app_paths, clock)
    assert "flagged" not in out


def test_a_rest_day_shows(app_paths: AppPaths, clock: FakeClock, store: HistoryStore) -> None:
    store.mark_rest_day(clock.now().date())
    _code, out, _err = _run(app_paths, clock)
    assert "rest day" in out


def test_a_bad_summary_is_named_on_stderr_and_left_in_place(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore
) -> None:
    """The summary is never trusted over the month files: the days come from them."""
    store.save_session(session_on(clock.now().date() - timedelta(days=1)))
    store.save_session(session_on(clock.now().date()))
    store.summary_path.write_bytes(b"{not json")
    code, out, err = _run(app_paths, clock)
    assert code == 0
    assert str(store.summary_path) in err and "not valid JSON" in err
    assert out.startswith("backcoach: streak 2 ")  # tallied from the month file
    assert store.summary_path.read_bytes() == b"{not json"  # status repairs nothing
    assert not list(app_paths.data_dir.rglob("*.corrupt-*"))


def test_a_month_synced_in_after_the_summary_is_counted(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore
) -> None:
    """Another machine's month file arrives (a sync) after this summary was written:
    status tallies it from the file instead of trusting the stale summary."""
    store.save_session(session_on(clock.now().date() - timedelta(days=2)))
    other = HistoryStore(app_paths.data_dir, clock, device="desktop")
    other.load()
    before = store.summary_path.read_bytes()
    other_summary = other.summary_path
    assert other.save_session(session_on(clock.now().date() - timedelta(days=1))).ok
    other_summary.unlink()  # its summary has not synced yet; its month file has
    assert store.summary_path.read_bytes() == before
    _code, out, _err = _run(app_paths, clock)
    assert out.startswith("backcoach: streak 2 "), out


def test_a_newer_file_still_prints(app_paths: AppPaths, clock: FakeClock) -> None:
    app_paths.data_dir.mkdir()
    (app_paths.data_dir / "history.json").write_text('{"schema_version": 7, "sessions": 3}')
    code, out, err = _run(app_paths, clock)
    assert code == 0 and out.startswith("backcoach: streak 0")
    assert "newer backcoach" in err


def test_the_real_command_does_not_import_textual(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from backcoach.cli import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, 'status'])\n"
        "assert 'textual' not in sys.modules, 'status imported textual'\n"
        "assert 'filelock' not in sys.modules, 'status imported the lock'\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("backcoach: streak 0 (best 0) · today 0/")
    assert not (tmp_path / "data").exists()


def test_lean_status_reads_the_v1_fixture(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir()
    fixture = Path(__file__).parent / "fixtures" / "history_v1.json"
    (app_paths.data_dir / "history.json").write_bytes(fixture.read_bytes())
    clock = FakeClock()
    out, err = io.StringIO(), io.StringIO()
    status.run(app_paths, True, clock=clock, out=out, err=err)
    data = json.loads(out.getvalue())
    assert data["flagged"] == ["Superman"]
    assert data["best"] == 1  # 28th counted, 29th ended early
    assert err.getvalue() == ""
    assert date.fromisoformat(data["today"]) == clock.now().date()


def test_a_weekly_goal_adds_the_week_streak_to_the_line_and_the_json(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, write_settings: Any
) -> None:
    today = clock.now().date()  # Wednesday 2026-11-25
    last_monday = today - timedelta(days=today.weekday() + 7)
    for offset in (0, 2, 4):  # three days last week
        store.save_session(session_on(last_monday + timedelta(days=offset)))
    store.save_session(session_on(today))
    write_settings(days_per_week=3)
    _code, out, _err = _run(app_paths, clock)
    assert out == (
        "backcoach: streak 1 (best 1) · today 1/1 · week streak 1 (best 1) · this week 1/3\n"
    )
    _code, out, _err = _run(app_paths, clock, as_json=True)
    weekly = json.loads(out)["weekly"]
    assert weekly == {
        "days_per_week": 3,
        "current": 1,
        "longest": 1,
        "this_week_done": 1,
        "this_week_needed": 3,
    }


def test_every_day_keeps_the_line_as_it_was_and_a_bad_settings_file_is_left_alone(
    app_paths: AppPaths, clock: FakeClock
) -> None:
    app_paths.config_dir.mkdir()
    app_paths.settings_file.write_text('{"days_per_week": 12')
    code, out, _err = _run(app_paths, clock)
    assert code == 0 and out == "backcoach: streak 0 (best 0) · today 0/1\n"
    assert app_paths.settings_file.read_text() == '{"days_per_week": 12'


def test_the_quick_path_takes_only_the_plain_forms(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """``backcoach status`` skips the full parser; anything unusual goes to it."""
    _fill(store, clock)
    argv = ["--data-dir", str(app_paths.data_dir), "--config-dir", str(app_paths.config_dir)]
    assert status.quick_run([*argv, "status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["flagged"] == ["Superman"]
    for unusual in (["status", "--help"], ["status", "extra"], ["export"], [], ["--data-dir"]):
        assert status.quick_run(unusual) is None


def test_the_summary_alone_matches_the_full_history(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore
) -> None:
    """The day tallies give the same streaks as the sessions themselves."""
    from backcoach.core.streaks import summarize

    _fill(store, clock)
    today = clock.now().date()
    history = HistoryStore(app_paths.data_dir, clock).load().history
    full = summarize(history.sessions, [r.local_date for r in history.rest_days], today)
    _code, out, _err = _run(app_paths, clock, as_json=True)
    shown = json.loads(out)
    assert (shown["streak"], shown["best"]) == (full.current, full.longest)
    assert (shown["today_done"], shown["today_target"]) == (full.today_done, full.today_target)

"""launch(): content problems said (never a traceback), stale sessions marked interrupted."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backcoach.clock import FakeClock, SystemClock
from backcoach.core.atomic import atomic_write_bytes
from backcoach.core.content_loader import ContentProblem
from backcoach.core.history_models import SessionRecord
from backcoach.core.store import HistoryStore
from backcoach.core.store import layout_files as store_module
from backcoach.paths import AppPaths
from backcoach.tui import launch as launch_module
from backcoach.tui.app import BackcoachApp
from backcoach.tui.notices import content_notice


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[BackcoachApp]:
    """Replace ``App.run`` so launch builds everything but draws nothing."""
    apps: list[BackcoachApp] = []

    def fake_run(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(BackcoachApp, "run", fake_run)
    return apps


def test_launch_builds_the_app_with_the_system_clock(
    app_paths: AppPaths, ran: list[BackcoachApp]
) -> None:
    assert launch_module.launch(app_paths) == 0
    (app,) = ran
    assert isinstance(app.services.clock, SystemClock)
    assert app.services.paths == app_paths
    assert len(app.services.content.catalog.exercises) == 10
    assert not app_paths.data_dir.exists(), "nothing is created just by starting"


def test_content_problems_are_printed_and_shown_in_the_app(
    app_paths: AppPaths, ran: list[BackcoachApp], capsys: pytest.CaptureFixture[str]
) -> None:
    app_paths.user_exercises_dir.mkdir(parents=True)
    bad = app_paths.user_exercises_dir / "broken.toml"
    bad.write_text('id = "broken"\nname = \n', encoding="utf-8")
    assert launch_module.launch(app_paths) == 0
    err = capsys.readouterr().err
    assert "broken.toml" in err
    assert "Traceback" not in err
    (app,) = ran
    assert any("broken.toml" in notice.text for notice in app._pending_notices)
    assert len(app.services.content.catalog.exercises) == 10, "the rest still loads"


def test_a_session_left_in_progress_by_a_dead_process_becomes_interrupted(
    app_paths: AppPaths, ran: list[BackcoachApp], clock: FakeClock
) -> None:
    # One fixed clock for the record and the launch: passing midnight cannot matter.
    store = HistoryStore(app_paths.data_dir, clock)
    record = SessionRecord.begin(
        routine_id="daily",
        routine_name="Daily routine",
        now=clock.now(),
        pid=None,  # no owner: nobody is running it
    )
    assert store.save_session(record).ok
    launch_module.launch(app_paths, clock=clock)
    (app,) = ran
    statuses = {s.id: s.status for s in app.history.sessions}
    assert statuses[record.id] == "interrupted"
    assert app.interrupted_session_today() is not None


def test_content_notice_lists_a_few_counts_them_and_points_to_check_content() -> None:
    problems = [ContentProblem(Path(f"file{n % 2}.toml"), f"bad {n}") for n in range(5)]
    notice = content_notice(problems)
    assert notice is not None
    assert "bad 0" in notice.text and "bad 2" in notice.text
    assert "bad 3" not in notice.text
    assert "... and 2 more." in notice.text
    assert "(5 problems in 2 files)" in notice.text
    assert "check-content" in notice.text
    assert notice.problems == 5
    assert notice.files == ("file0.toml", "file1.toml")
    assert content_notice([]) is None


def _a_session(now: datetime) -> SessionRecord:
    return SessionRecord.begin(routine_id="daily", routine_name="Daily routine", now=now, pid=None)


def test_a_change_that_failed_to_save_is_written_at_exit(
    app_paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = atomic_write_bytes
    calls: list[int] = []

    def fail_first_time(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_write(*args, **kwargs)

    monkeypatch.setattr(store_module, "atomic_write_bytes", fail_first_time)
    record = _a_session(clock.now())

    def run_and_save(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        report = self.services.store.save_session(record)
        assert not report.ok and report.pending == 1

    monkeypatch.setattr(BackcoachApp, "run", run_and_save)
    assert launch_module.launch(app_paths, clock=clock) == 0
    saved = HistoryStore(app_paths.data_dir, clock).load().history
    assert record.id in {s.id for s in saved.sessions}


def test_changes_that_still_cannot_be_saved_are_reported(
    app_paths: AppPaths,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def always_fail(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write_bytes", always_fail)

    def run_and_save(self: BackcoachApp, *args: Any, **kwargs: Any) -> None:
        assert not self.services.store.save_session(_a_session(clock.now())).ok

    monkeypatch.setattr(BackcoachApp, "run", run_and_save)
    assert launch_module.launch(app_paths, clock=clock) == 1
    err = capsys.readouterr().err
    assert "1 change(s) could not be saved" in err
    assert "the disk is full" in err


def test_interrupted_sessions_from_before_today_are_closed_at_launch(
    app_paths: AppPaths, ran: list[BackcoachApp], clock: FakeClock
) -> None:
    store = HistoryStore(app_paths.data_dir, clock)
    yesterday = SessionRecord.begin(
        routine_id="daily",
        routine_name="Daily routine",
        now=clock.now() - timedelta(days=1),
        pid=None,
    )
    yesterday.status = "interrupted"
    today = SessionRecord.begin(
        routine_id="daily", routine_name="Daily routine", now=clock.now(), pid=None
    )
    today.status = "interrupted"
    assert store.save_session(yesterday).ok
    assert store.save_session(today).ok
    launch_module.launch(app_paths, clock=clock)
    (app,) = ran
    statuses = {s.id: s.status for s in app.history.sessions}
    assert statuses[yesterday.id] == "ended_early", "no longer offered: closed for good"
    assert statuses[today.id] == "interrupted", "today's is still offered"
    saved = {
        s.id: s.status for s in HistoryStore(app_paths.data_dir, clock).load().history.sessions
    }
    assert saved[yesterday.id] == "ended_early"

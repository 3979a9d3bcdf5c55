"""Start-up: the safety notice once, the resume offer, notices from bad files, quitting."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from shell_support import MakeApp, opened_session, seed, session_on, session_screens
from textual.widgets import Button, Static

from backcoach.clock import FakeClock
from backcoach.core.history_models import SessionRecord
from backcoach.core.settings import Settings, SettingsStore
from backcoach.core.store import HistoryStore, SaveReport
from backcoach.paths import AppPaths
from backcoach.services import Services
from backcoach.tui.app import RESUME_RECHECK_TRIES, BackcoachApp
from backcoach.tui.screens.first_run import SafetyNoticeScreen
from backcoach.tui.screens.help import HelpScreen
from backcoach.tui.screens.home import HomeScreen
from backcoach.tui.screens.messages import MessagesScreen
from backcoach.tui.screens.resume import ResumeScreen

TODAY = date(2026, 11, 25)


async def test_safety_notice_is_shown_until_acknowledged_then_never_again(
    make_app: MakeApp, services: Services, app_paths: AppPaths
) -> None:
    app = make_app(acknowledged=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoticeScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "not medical advice" in text
        assert "see a doctor" in text
        assert "makes your pain worse, stop it" in text
        assert "Medical News Today" in text
        await pilot.press("escape")  # cannot be waved away unread
        assert isinstance(app.screen, SafetyNoticeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = SettingsStore(app_paths.settings_file).load().settings
    assert saved.safety_acknowledged is True

    again = BackcoachApp(services)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        assert not any(isinstance(s, SafetyNoticeScreen) for s in again.screen_stack)


async def test_safety_notice_can_be_declined_by_quitting(
    make_app: MakeApp, app_paths: AppPaths
) -> None:
    app = make_app(acknowledged=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert not app_paths.settings_file.exists(), "nothing acknowledged, nothing saved"


async def test_safety_notice_is_reachable_from_help(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark", "s")
        assert isinstance(app.screen, SafetyNoticeScreen)
        assert app.screen.first_run is False
        await pilot.pause()
        footer_keys = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Close" in footer_keys
        shown = [
            b.binding.description
            for b in app.screen.active_bindings.values()
            if app.screen.check_action(b.binding.action, ()) is not False
        ]
        assert "I understand" not in shown, "footer and button agree: Close"
        assert str(app.screen.query_one("#acknowledge", Button).label) == "Close"
        await pilot.press("enter")  # the focused Close button
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_q_quits_from_home(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_resume_is_offered_for_an_interrupted_session_from_today(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(
        clock,
        TODAY,
        status="interrupted",
        done=("bridges", "knee-to-chest"),
        not_started=("draw-in",),
    )
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Daily routine" in shown
        assert "Started 08:00" in shown
        assert "Resume at the start of draw-in (2 of 3 exercises done)" in shown
        assert "starts again from its beginning" in shown
        await pilot.press("r")
        await pilot.pause()
        assert session_screens(app) != []
        opened = opened_session(app)
        assert opened.resume is not None and opened.resume.id == record.id
        assert opened.plan.routine_id == "daily"


async def test_closing_an_interrupted_session_ends_it_early_and_keeps_it(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(clock, TODAY, status="interrupted")
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert session_screens(app) == []
    saved = {s.id: s for s in store.load().history.sessions}
    assert saved[record.id].status == "ended_early"
    assert saved[record.id].exercises[0].status == "completed", "what was done is kept"
    assert saved[record.id].ended_at is not None


async def test_a_closed_session_ends_when_its_exercises_ended_not_at_the_next_launch(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(clock, TODAY, status="interrupted", done=("bridges", "draw-in"))
    record.exercises[0].seconds_spent = 150
    record.exercises[1].seconds_spent = 90
    record.updated_at = record.started_at + timedelta(hours=5)  # marked at a later launch
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
    saved = {s.id: s for s in store.load().history.sessions}
    assert saved[record.id].ended_at == record.started_at + timedelta(minutes=4)


async def test_a_closed_session_ends_at_its_last_save_when_known(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(clock, TODAY, status="interrupted")
    record.last_saved_at = record.started_at + timedelta(minutes=6)
    record.updated_at = record.started_at + timedelta(hours=5)
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
    saved = {s.id: s for s in store.load().history.sessions}
    assert saved[record.id].ended_at == record.started_at + timedelta(minutes=6)


async def test_resuming_a_session_whose_routine_is_gone_closes_it_and_says_why(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(
        clock, TODAY, status="interrupted", routine_id="my-routne", routine_name="My routine"
    )
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "no traceback, back on home"
        assert session_screens(app) == []
        said = " ".join(str(n.message) for n in app._notifications)
        assert "My routine cannot be resumed" in said
        assert "my-routne" in said
    saved = {s.id: s for s in store.load().history.sessions}
    assert saved[record.id].status == "ended_early"


async def test_resume_offer_can_be_put_off(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = session_on(clock, TODAY, status="interrupted")
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert store.load().history.sessions[0].status == "interrupted"


async def test_no_resume_offer_for_yesterday_or_when_checks_are_off(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, session_on(clock, TODAY - timedelta(days=1), status="interrupted"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    seed(store, session_on(clock, TODAY, status="interrupted"))
    quiet = make_app(first_run_check=False)
    async with quiet.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(quiet.screen, HomeScreen)


async def test_a_bad_settings_file_is_reported_and_defaults_used(
    make_app: MakeApp, app_paths: AppPaths
) -> None:
    app_paths.config_dir.mkdir(parents=True)
    app_paths.settings_file.write_text("{ not json")
    app = make_app(acknowledged=False, first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.text for n in app.notices]
        assert any("settings.json" in m and "moved aside" in m for m in messages), messages
        assert app.settings.sound is True
    assert (app_paths.config_dir / "settings.json.bad").read_text() == "{ not json"


async def test_a_bad_history_file_is_reported_as_a_message(
    make_app: MakeApp, app_paths: AppPaths
) -> None:
    app_paths.data_dir.mkdir(parents=True)
    app_paths.history_file.write_text(json.dumps({"schema_version": 1, "sessions": "oops"}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.text for n in app.notices]
        assert any("history.json" in m for m in messages), messages
        assert isinstance(app.screen, HomeScreen)
        notice_line = app.screen.query_one("#notice-line", Static)
        assert notice_line.display
        assert "press m" in str(notice_line.render())


async def test_startup_notices_wait_in_messages_not_toasts_over_the_dialogs(
    services: Services,
    write_settings: Callable[..., Settings],
    store: HistoryStore,
    clock: FakeClock,
) -> None:
    write_settings(safety_acknowledged=True)
    seed(store, session_on(clock, TODAY, status="interrupted"))
    long_path = "/home/someone/.local/share/backcoach/" + "a-very-long-folder-name/" * 4
    notice = f"content problem: [bold]x[/bold] in {long_path}broken.toml"
    app = BackcoachApp(services, startup_notices=[notice])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert not app._notifications, "no toast covers the resume offer"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 message" in str(app.screen.query_one("#notice-line", Static).render())
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MessagesScreen)
        texts = [str(s.render()) for s in app.screen.query(".message-text")]
        assert notice in texts, "shown literally, in full"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_no_notice_line_without_messages(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#notice-line", Static).display


async def test_a_failed_save_is_a_toast_and_a_message(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.take_save(
            SaveReport(ok=False, message="Could not save /x/history.json: the disk is full.")
        )
        await pilot.pause()
        assert any(n.severity == "error" for n in app._notifications)
        assert app.notices[-1].severity == "error"
        assert "Messages" in [c.title for c in app.get_system_commands(app.screen)]


def test_start_up_imports_only_home_and_no_pydantic_before_the_first_frame() -> None:
    """Other screens are imported when first opened, not at start-up; the app and home
    import no pydantic: the first frame may be drawn before any model exists."""
    import subprocess
    import sys

    code = (
        "import sys, backcoach.tui.launch, backcoach.tui.app, backcoach.tui.screens.home\n"
        "print(' '.join(m for m in sys.modules if m.startswith(('backcoach.tui.screens.', "
        "'pydantic', 'backcoach.core.content_models', 'backcoach.core.history_models'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["backcoach.tui.screens.home"]


async def test_resume_opens_the_real_session_screen_where_it_stopped(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    session = pytest.importorskip("backcoach.tui.session.screen")
    record = session_on(
        clock, TODAY, status="interrupted", done=("bridges",), not_started=("knee-to-chest",)
    )
    seed(store, record)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, session.SessionScreen)
        assert app.screen.resume is not None and app.screen.resume.id == record.id


# The window buttons rich draws around every SVG screenshot (not the app's output).
SVG_CHROME_COLOURS = {"#ff5f57", "#febc2e", "#28c840"}
# How far apart red, green and blue may be and still count as a grey.
GREY_TOLERANCE = 8


def coloured_fills(svg: str) -> set[str]:
    """The hex colours in a screenshot that are not (near) grey, window buttons aside."""
    found = set()
    for hex_colour in re.findall(r"#[0-9a-fA-F]{6}\b", svg):
        colour = hex_colour.lower()
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        if colour not in SVG_CHROME_COLOURS and max(channels) - min(channels) > GREY_TOLERANCE:
            found.add(colour)
    return found


@pytest.mark.parametrize("no_color", [True, False])
async def test_no_color_is_respected(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    """With NO_COLOR the screen as drawn has no colour at all (only greys); without it
    the same screen has colours, so the check can tell the difference."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color is no_color
        colours = coloured_fills(app.export_screenshot())
        if no_color:
            assert colours == set()
        else:
            assert colours


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_resume_buttons_are_centred(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock, size: tuple[int, int]
) -> None:
    seed(store, session_on(clock, TODAY, status="interrupted"))
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        row = app.screen.query_one(".dialog-buttons").content_region
        first = app.screen.query_one("#resume").region
        last = app.screen.query_one("#close").region
        left_gap = first.x - row.x
        right_gap = row.right - last.right
        assert abs(left_gap - right_gap) <= 1, (left_gap, right_gap)


class FakeLiveness:
    """Stands in for the process check: the old owner is alive until told otherwise."""

    def __init__(self) -> None:
        self.alive = True
        self.asked: list[int] = []

    def __call__(self, pid: int, _started: object) -> bool:
        self.asked.append(pid)
        return self.alive


def running_elsewhere(clock: FakeClock, day: date = TODAY) -> SessionRecord:
    record = session_on(clock, day, status="in_progress", not_started=("draw-in",))
    record.pid = 424242  # not this process
    return record


async def test_resume_is_offered_once_the_old_process_is_gone(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    record = running_elsewhere(clock)
    seed(store, record)
    app = make_app()
    liveness = FakeLiveness()
    app.is_alive = liveness
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "its owner still runs: nothing to offer yet"
        assert 424242 in liveness.asked
        assert app.resume_checks_left == RESUME_RECHECK_TRIES
        assert app.recheck_interrupted() is False, "still alive on the first look"
        liveness.alive = False
        assert app.recheck_interrupted() is True
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert app.screen.record.id == record.id
        assert app.recheck_interrupted() is False, "offered once"
    saved = {s.id: s for s in store.load().history.sessions}
    assert saved[record.id].status == "interrupted"


async def test_rechecks_stop_after_a_few_tries_when_the_owner_keeps_running(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, running_elsewhere(clock))
    app = make_app()
    app.is_alive = FakeLiveness()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(RESUME_RECHECK_TRIES):
            assert app.recheck_interrupted() is False
        assert app.resume_checks_left <= 0
        assert app._resume_timer is None, "the timer is stopped"
        assert isinstance(app.screen, HomeScreen)
    assert store.load().history.sessions[0].status == "in_progress", "a live session is left alone"


async def test_no_rechecks_for_a_session_from_another_day(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, running_elsewhere(clock, TODAY - timedelta(days=1)))
    app = make_app()
    app.is_alive = FakeLiveness()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.resume_checks_left == 0
        assert app._resume_timer is None


def test_resume_wording_names_the_exercise_that_starts_again(clock: FakeClock) -> None:
    from backcoach.tui.screens.resume import describe_resume

    record = session_on(clock, TODAY, status="interrupted", not_started=("draw-in", "bridges"))
    record.exercises[1].name = "Draw-in maneuver"
    assert (
        describe_resume(record) == "Resume at the start of Draw-in maneuver (1 of 3 exercises done)"
    )
    finished = session_on(clock, TODAY, status="interrupted")
    assert describe_resume(finished) == "Resume to finish it (1 of 1 exercises done)"

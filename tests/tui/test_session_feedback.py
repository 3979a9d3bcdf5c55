"""What the session tells the user between steps: steady counters, rest lines, hints,
toasts, the high-pain recommendation and the summary's extra lines."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from session_support import (
    HelpStandIn,
    MemoryStore,
    SessionHost,
    a_view,
    exercise,
    make_services,
    plan_for,
    record_of,
    run_for,
    start,
    top_screen,
)
from textual.app import App
from textual.widgets import Header

from backcoach.clock import FakeClock
from backcoach.core.history_models import Flag, History
from backcoach.tui.session.coach import breath_text
from backcoach.tui.session.pain_stop import END_RECOMMENDED_TEXT, PainStopChoice, PainStopScreen
from backcoach.tui.session.summary import SummaryScreen, outcome_lines
from backcoach.tui.widgets.counters import counter_text
from backcoach.tui.widgets.hold_timer import kind_label, plain_countdown
from backcoach.tui.widgets.step_list import StepList

# -- counters -----------------------------------------------------------------------


def test_the_counter_has_one_form_on_both_sides_and_in_rests() -> None:
    """One form everywhere: rep first (never cut off), then the side, then the set."""
    left = a_view(set_count=1, rep_number=1, rep_count=2, side="left leg")
    right = a_view(set_count=1, rep_number=1, rep_count=2, side="right leg", side_number=2)
    assert counter_text(left) == "Rep 1 of 2 · left leg"
    assert counter_text(right) == "Rep 1 of 2 · right leg"
    between_sets = a_view(kind="rest", set_number=2, rep_number=1, phase_number=0)
    assert counter_text(between_sets) == "Next: Rep 1 of 15 · left leg · Set 2 of 3"
    between_reps = a_view(kind="rest", set_count=1, side=None, rep_number=2, phase_number=0)
    assert counter_text(between_reps) == "Next: Rep 2 of 15"


def test_rests_say_that_n_skips_them() -> None:
    assert "n skips the rest" in kind_label(a_view(kind="rest"))
    assert "n starts now" in kind_label(a_view(kind="rest", rest_reason="ready"))
    assert kind_label(a_view(kind="hold")) == "HOLD"


def test_reduced_motion_lines_share_one_form() -> None:
    assert plain_countdown(a_view(kind="rest", seconds_remaining=10, rest_reason="ready")) == (
        "Get ready: 0:10 left"
    )
    assert plain_countdown(a_view(kind="hold", seconds_remaining=5)) == "Hold: 0:05 left"


def test_breath_label_only_when_the_cue_does_not_say_it() -> None:
    assert breath_text(a_view(breath="in", cue="Breathe in deeply")) == ""
    assert breath_text(a_view(breath="out", cue="Lower slowly")) == "Breathe out"
    assert breath_text(a_view(breath=None, cue="Lower slowly")) == ""


# -- the screen -----------------------------------------------------------------------


async def test_skipping_says_what_gets_ready_next(tmp_path: Path, clock: FakeClock) -> None:
    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("s")
        await pilot.pause()
        note = app.screen.query_one("#session-note")
        assert note.display and str(note.render()) == "Test hold skipped · get ready for Test sides"
        notes = [str(n.message) for n in app._notifications]
        assert not any("get ready" in n for n in notes), notes  # a toast would cover the frame


async def test_finishing_an_exercise_says_what_gets_ready_next(
    tmp_path: Path, clock: FakeClock
) -> None:
    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await run_for(pilot, clock, 10 + 7 + 2 + 7 + 0.5)
        note = app.screen.query_one("#session-note")
        assert note.display and str(note.render()) == "Test hold done · get ready for Test sides"


async def test_paused_badge_shows_after_help(tmp_path: Path, clock: FakeClock) -> None:
    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpStandIn)
        await pilot.press("escape")
        await pilot.pause()
        assert top_screen(app) is screen
        assert screen.has_class("paused")
        assert "PAUSED" in str(screen.query_one("#session-state").render())


async def test_current_step_stays_in_view_after_a_resize(tmp_path: Path, clock: FakeClock) -> None:
    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 3 + 0.5)  # the third step: lower them
        steps = screen.query_one(StepList)
        assert steps.current == 3
        await pilot.resize_terminal(40, 14)
        await pilot.pause()
        await pilot.pause()
        line = steps.query(".step")[2]
        visible = steps.content_region
        assert visible.y <= line.region.y < visible.bottom  # its start is on screen


# -- the pain-stop modal ------------------------------------------------------------


class ModalHost(App[None]):
    def __init__(self, modal: PainStopScreen) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[PainStopChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


async def test_high_pain_recommends_ending_and_enter_ends() -> None:
    app = ModalHost(PainStopScreen("Pelvic tilt", next_name="Cat stretch"))
    async with app.run_test(size=(80, 24)) as pilot:
        recommend = app.screen.query_one("#pain-stop-recommend")
        assert not recommend.display
        await pilot.press("8")
        assert recommend.display
        assert END_RECOMMENDED_TEXT in str(recommend.render())
        choices = str(app.screen.query_one("#pain-stop-choices").render())
        assert choices.startswith("enter or e: end the session here (recommended)")
        await pilot.press("enter")
    assert app.results == [PainStopChoice(go_on=False, pain_now=8)]


async def test_lower_pain_enter_goes_on() -> None:
    app = ModalHost(PainStopScreen("Pelvic tilt", next_name="Cat stretch"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
    assert app.results == [PainStopChoice(go_on=True, pain_now=3)]


# -- the summary ----------------------------------------------------------------------


def test_summary_shows_the_pain_given_at_the_stop() -> None:
    record = record_of(exercise("Pelvic tilt", "stopped_for_pain"), status="ended_early")
    flag = Flag(
        exercise_id="pelvic-tilt",
        exercise_name="Pelvic tilt",
        flagged_at=record.started_at,
        local_date=record.local_date,
        session_id=record.id,
        pain=9,
    )
    history = History(sessions=[record], flags=[flag])
    screen = SummaryScreen(record, history=history, today=record.local_date)
    lines = dict(outcome_lines(record, screen._pains))
    assert lines["Stopped for pain (flagged): 1"] == ["Pelvic tilt — pain 9/10 at the time"]


def test_the_summary_groups_by_what_was_done() -> None:
    record = record_of(
        exercise("Bridges", "skipped"),
        exercise("Cat stretch", "partly_done", reps=2),
        exercise("Draw-in", "not_started"),
        status="ended_early",
    )
    lines = dict(outcome_lines(record))
    assert lines["Skipped: 1"] == ["Bridges"]
    assert lines["Partly done: 1"] == ["Cat stretch: 2 reps"]
    assert lines["Not started: 1"] == ["Draw-in"]


async def test_summary_has_a_header_and_counts_the_start_day(tmp_path: Path) -> None:
    """A session that began before midnight and ended after it counts on its start day."""
    clock = FakeClock(datetime(2026, 11, 25, 23, 59, 50, tzinfo=UTC))
    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services, "alternating"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 40)  # the whole routine, ending after midnight
        assert clock.now().date() > screen.engine.record.local_date  # type: ignore[union-attr]
        await pilot.press("enter")  # pain after: skipped
        await screen.settled()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.query(Header)
        assert summary.sub_title == "Summary"
        streak = str(summary.query_one("#summary-streak").render())
        assert "today 1 of" in streak

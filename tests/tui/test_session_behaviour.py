"""Session screen fixes: pausing under other screens, narrow footers, labels, wording,
saves off the event loop, and progression written once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
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
    view_of,
)
from textual.app import App

from backcoach.clock import FakeClock
from backcoach.services import Services
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.screen import (
    HOLD_NEXT_HINT,
    PAIN_AFTER_NOTHING_TITLE,
    SessionScreen,
)
from backcoach.tui.session.summary import SummaryScreen, heading_for, outcome_lines
from backcoach.tui.widgets.counters import Counters, counter_text
from backcoach.tui.widgets.hold_timer import HoldTimer

pytestmark = pytest.mark.tiny_content


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def footer_line(app: App[None]) -> str:
    return screen_text(app).splitlines()[-1]


# -- 1. anything over the session pauses it --------------------------------------------


async def test_help_over_a_hold_pauses_the_session(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)  # one second into the first hold
        before = view_of(screen)
        assert before.kind == "hold" and not before.paused
        await pilot.press("f1")
        assert isinstance(app.screen, HelpStandIn)
        clock.advance(48)
        screen.refresh_from_clock()
        await pilot.press("escape")
        assert top_screen(app) is screen
        screen.refresh_from_clock()
        after = view_of(screen)
        assert after.paused
        assert (after.kind, after.rep_number, after.phase_number) == ("hold", 1, 2)
        assert after.seconds_remaining == pytest.approx(before.seconds_remaining)
        await pilot.press("space")
        assert not view_of(screen).paused


# -- 2. the pain key always fits in the footer -----------------------------------------


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_pain_key_label_is_whole_in_the_footer(
    services: Services, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=size) as pilot:
        await start(pilot)
        await run_for(pilot, clock, 1)
        footer = footer_line(app)
        label = "w Pain worse" if size[0] < 80 else "w Made pain worse"
        assert label in footer
        assert "q End" in footer
        assert "? Help" in footer
        assert footer.rstrip().endswith("Help") or "palette" in footer


# -- 3. labels: get ready, resume, next during a hold, switch sides --------------------


async def test_get_ready_is_labelled_so(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 0.5)
        assert "GET READY" in str(screen.query_one("#timer-kind").render())
        await run_for(pilot, clock, 10 + 2)  # into the first rest between reps? no: a hold
        assert "GET READY" not in str(screen.query_one("#timer-kind").render())


async def test_reduced_motion_get_ready_line(tmp_path: Path, clock: FakeClock) -> None:
    from session_support import FakeSettings

    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services), FakeSettings(reduced_motion=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 0.5)
        assert screen.query_one(HoldTimer).plain_text == "Get ready: 0:10 left"


async def test_footer_says_resume_while_paused(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await run_for(pilot, clock, 1)
        assert "space Pause" in footer_line(app)
        await pilot.press("space")
        await pilot.pause()
        assert "space Resume" in footer_line(app)
        await pilot.press("space")
        await pilot.pause()
        assert "space Pause" in footer_line(app)


async def test_next_during_a_hold_explains_itself(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)
        before = view_of(screen)
        assert before.kind == "hold"
        await pilot.press("n")
        assert view_of(screen).kind == "hold"  # nothing moved
        assert str(screen.query_one("#session-note").render()) == HOLD_NEXT_HINT


async def test_switch_sides_banner_comes_before_the_new_side(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services, "alternating"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        banner = screen.query_one("#switch-sides")
        await run_for(pilot, clock, 10 + 1 + 0.5)  # left leg, hold
        assert (view_of(screen).side, view_of(screen).kind) == ("left leg", "hold")
        assert not banner.display
        await run_for(pilot, clock, 2)  # left leg, let it down: the change is next
        view = view_of(screen)
        assert (view.side, view.kind) == ("left leg", "move")
        assert banner.display
        assert "switch sides to right leg" in str(banner.render())
        await run_for(pilot, clock, 1)  # right leg, first step
        assert view_of(screen).side == "right leg"
        assert banner.display and "Switch sides: right leg" in str(banner.render())
        await run_for(pilot, clock, 1)  # right leg, the hold: nothing changes now
        assert (view_of(screen).side, view_of(screen).kind) == ("right leg", "hold")
        assert not banner.display


# -- 4, 6. summary and pain-after wording ---------------------------------------------


def test_summary_lists_each_exercise_with_its_own_counts() -> None:
    record = record_of(
        exercise("Lower back rotational stretch", "completed", reps=10, holds=10),
        exercise("Cat stretch", "completed", reps=1, holds=1),
    )
    (heading, names), *_ = outcome_lines(record)
    assert heading == "Done: 2"
    assert names == [
        "Lower back rotational stretch: 10 reps",
        "Cat stretch: 1 rep",
    ]


def test_summary_words_what_happened() -> None:
    skipped = record_of(exercise("Cat stretch", "skipped"), status="ended_early")
    assert heading_for(skipped) == "Nothing was done this time — that's OK."
    early = record_of(
        exercise("Cat stretch", "completed", reps=2),
        exercise("Bridge", "not_started"),
        status="ended_early",
    )
    assert heading_for(early) == "Session ended early: what you did is saved."
    done = record_of(exercise("Cat stretch", "completed", reps=2))
    assert heading_for(done) == "Well done: Stretches is complete."


async def test_skipping_everything_is_not_praised(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("s", "s")
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
        assert str(app.screen.query_one("#pain-rating-title").render()) == (
            PAIN_AFTER_NOTHING_TITLE
        )
        await pilot.press("escape")
        await screen.settled()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "Well done" not in text
        assert "Nothing was done this time" in text


# -- 5. counters and title fit -------------------------------------------------------


def test_counters_start_with_the_rep_count() -> None:
    """A narrow column cuts the end of the line, never the rep count."""
    assert counter_text(a_view()).startswith("Rep 4 of 15")


async def test_narrow_screen_keeps_counts_and_title(tmp_path: Path, clock: FakeClock) -> None:
    services = make_services(tmp_path, clock, MemoryStore())
    app = SessionHost(services, plan_for(services, "sides-only"))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10.5)
        counters = screen.query_one(Counters).text
        assert counters.startswith("Rep 1 of 1")
        assert counters in screen_text(app)
        # A one-exercise plan is titled with the exercise alone.
        assert str(screen.query_one("#session-title").render()) == "Test sides"
        assert "Exercise 1 of 1" not in screen_text(app)


# -- 7. saves off the event loop -----------------------------------------------------


async def test_saves_run_on_one_background_thread(
    services: Services, clock: FakeClock, store: MemoryStore
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 7 + 2 + 7)  # the first exercise, saved after it
        await screen.settled()
        assert store.saves >= 2
        assert threading.main_thread().name not in store.threads
        assert len(store.threads) == 1


async def test_quitting_with_a_save_queued_loses_nothing(
    services: Services, clock: FakeClock, store: MemoryStore
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 7 + 2 + 7)
        done = screen.engine.record.model_copy(deep=True) if screen.engine else None
        app.exit()
    assert done is not None
    saved = store.history.sessions[-1]
    assert saved.exercises[0].status == "completed"
    assert saved.exercises[0].reps_done == 2


# -- 8. progression written once, as states --------------------------------------------


async def test_progression_is_saved_as_states(
    services: Services, clock: FakeClock, store: MemoryStore
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 7 + 2 + 7)
        await pilot.press("q", "y")
        await pilot.pause()
        await pilot.press("escape")
        await screen.settled()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    [state] = store.progression_writes
    assert state.exercise_id == "holder"
    assert state.last_done_on == clock.now().date()
    assert store.history.progression["holder"] == state
    assert isinstance(screen, SessionScreen)

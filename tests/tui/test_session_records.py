"""Session records and screens tell the truth, tried as a new user would (issue 9's list).

Each test names the bug it pins: what the screen or the record said before, and what it
must say now.
"""

from __future__ import annotations

import pytest
from session_support import (
    SessionHost,
    plan_for,
    run_for,
    start,
    stored,
    top_screen,
    view_of,
)
from textual.widgets._toast import Toast

from backcoach.clock import FakeClock
from backcoach.core.history_models import ExerciseRecord, SessionRecord, SetRecord
from backcoach.services import Services
from backcoach.tui.history.session_detail import exercise_heading
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.screens.resume import describe_resume
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.pain_stop import PainStopScreen
from backcoach.tui.session.screen import SessionScreen
from backcoach.tui.session.summary import SummaryScreen, outcome_lines
from backcoach.tui.widgets.counters import Counters

pytestmark = pytest.mark.tiny_content


async def end_now(pilot: object, screen: object) -> None:
    """q, y, then skip the pain-after question (the header no longer says paused)."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot) and isinstance(screen, SessionScreen)
    await pilot.press("q")
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PainRatingScreen)
    state = str(screen.query_one("#session-state").render())
    assert state == "ENDED · what you did is saved"
    await pilot.press("escape")


async def test_an_exercise_left_after_one_rep_is_partly_done(
    services: Services, clock: FakeClock
) -> None:
    """Bug 1: one rep done, then q, y, was stored as "skipped" and listed so."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 7 + 0.5)  # rep 1 done, resting before rep 2
        await end_now(pilot, screen)
        await screen.settled()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        lines = dict(outcome_lines(summary.record))
        assert lines["Partly done: 1"] == ["Test hold: 1 rep"]
        assert "Skipped: 1" not in lines
    holder = stored(services).sessions[-1].exercises[0]
    assert (holder.status, holder.reps_done) == ("partly_done", 1)
    assert exercise_heading(1, holder).startswith("1. Test hold — partly done")


async def test_an_exercise_ended_in_its_get_ready_is_not_started_not_partly_done(
    services: Services, clock: FakeClock
) -> None:
    """Bug 1: ended during the get-ready (0 reps), it was "Ended early (partly done)";
    it was not skipped either: nothing of it was started."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 4)
        assert view_of(screen).get_ready
        await end_now(pilot, screen)
        await screen.settled()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        lines = dict(outcome_lines(summary.record))
        assert lines["Not started: 2"] == ["Test hold", "Test sides"]
        assert not any(heading.startswith(("Partly done", "Skipped")) for heading in lines)
    assert stored(services).sessions[-1].exercises[0].status == "not_started"


async def test_behind_the_pain_stop_modal_the_exercise_reads_stopped_not_paused(
    services: Services, clock: FakeClock
) -> None:
    """Bug 4: the header said "PAUSED · space resumes" though the exercise was stopped."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 12)
        await pilot.press("w")
        assert isinstance(app.screen, PainStopScreen)
        state = str(screen.query_one("#session-state").render())
        assert state == "STOPPED · flagged"
        assert "PAUSED" not in state


def _record(*exercises: tuple[str, str, int]) -> SessionRecord:
    record = SessionRecord.begin(
        routine_id="daily",
        routine_name="Daily",
        now=FakeClock().now(),
        pid=None,
    )
    record.status = "interrupted"
    for name, status, reps in exercises:
        sets = [SetRecord(set=1, reps_done=reps, holds_done=0)] if reps else []
        record.exercises.append(
            ExerciseRecord(exercise_id=name.lower(), name=name, status=status, sets=sets)
        )
    return record


def test_the_resume_offer_counts_a_skipped_exercise_as_skipped() -> None:
    """Bug 5: "(1 of 3 exercises done)" when that one exercise was skipped."""
    record = _record(
        ("Bridges", "skipped", 0), ("Cat", "not_started", 0), ("Tilt", "not_started", 0)
    )
    assert (
        describe_resume(record) == "Resume at the start of Cat (0 of 3 exercises done, 1 skipped)"
    )
    done = _record(
        ("Bridges", "completed", 5), ("Cat", "partly_done", 1), ("Tilt", "not_started", 0)
    )
    assert describe_resume(done) == (
        "Resume at the start of Tilt (1 of 3 exercises done, 1 partly done)"
    )


async def test_the_screen_and_the_summary_count_an_alternating_exercise_alike(
    services: Services, clock: FakeClock
) -> None:
    """Bug 8: knee-to-chest read "Rep 2/2" on screen and "4 reps, 4 holds" after."""
    app = SessionHost(services, plan_for(services, "alternating"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        seen: set[str] = set()
        for _ in range(80):
            if screen.engine is None or screen.engine.finished:
                break
            await run_for(pilot, clock, 0.5)
            if screen.engine.view() is not None:
                seen.add(screen.query_one(Counters).text)
        assert "Rep 2 of 2 · left leg" in seen and "Rep 2 of 2 · right leg" in seen
        await pilot.press("escape")  # pain after: skipped
        await screen.settled()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        lines = dict(outcome_lines(summary.record))
        assert lines["Done: 1"] == ["Test alternating: 2 reps each side"]


async def test_session_notes_stay_inside_the_frame(services: Services, clock: FakeClock) -> None:
    """Bug 9: toasts covered the session's bottom border at 80x24."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("s")  # skip: "Test hold skipped · get ready for Test sides"
        await pilot.pause()
        frame = screen.query_one("#session-frame").region
        note = screen.query_one("#session-note")
        assert note.display and "get ready for Test sides" in str(note.render())
        assert frame.contains_region(note.region)
        await pilot.pause()
        assert not any(frame.overlaps(toast.region) for toast in screen.query(Toast))


async def test_an_unflag_toast_does_not_cover_the_flag_details(services: Services) -> None:
    """Bug 9: the toast after unflagging covered the flag's details."""
    from history_seed import HistoryTestApp, seed, seeded_history

    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "u", "y")
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts, "the unflag is confirmed by a toast"
        detail = app.screen.query_one("#flag-detail").region
        assert all(not toast.region.overlaps(detail) for toast in toasts)


async def test_a_w_pressed_by_mistake_is_undone_and_kept_as_withdrawn(
    services: Services, clock: FakeClock
) -> None:
    """Issue 11: w sits beside q, s and e. "m" in the stop dialog takes it back: the
    exercise goes on where it stopped and the flag stays in the history as withdrawn."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1.5)
        remaining = view_of(screen).seconds_remaining
        await pilot.press("w")
        assert isinstance(app.screen, PainStopScreen)
        await pilot.press("m")
        await pilot.pause()
        assert top_screen(app) is screen
        view = view_of(screen)
        assert (view.kind, view.paused, view.stopped_for_pain) == ("hold", False, False)
        assert view.seconds_remaining == pytest.approx(remaining)
        assert "Not flagged" in str(screen.query_one("#session-note").render())
        await screen.settled()
    (flag,) = stored(services).flags
    assert flag.withdrawn and not flag.active
    assert stored(services).active_flags() == {}
    assert [p.exercise.id for p in plan_for(services).exercises] == ["holder", "sider"]


@pytest.mark.parametrize(
    ("key", "started", "rest_day"),
    [("g", True, False), ("r", False, True), ("escape", False, False)],
)
async def test_severe_pain_before_gets_the_sources_advice_and_three_ways_on(
    services: Services, clock: FakeClock, key: str, started: bool, rest_day: bool
) -> None:
    """Issue 11, rule 1: pain 8 or more before a session (the app's threshold) shows
    the source's advice to see a doctor, then go on, rest today, or go back."""
    from backcoach.tui.session.severe_pain import SeverePainScreen

    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SeverePainScreen)
        texts = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "8/10" in texts and "see a doctor" in texts and "the app's threshold" in texts
        await pilot.press(key)
        await pilot.pause()
        sessions = stored(services).sessions
        assert bool(sessions) is started
        if started:
            assert sessions[0].pain_before == 8
        days = [r.local_date for r in stored(services).rest_days]
        assert days == ([clock.now().date()] if rest_day else [])


async def test_pain_below_the_threshold_asks_nothing_more(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, pain_before="7")
        assert screen.engine is not None and screen.engine.record.pain_before == 7

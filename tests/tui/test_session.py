"""The session screen, driven with Pilot and a fake clock (no sleeps).

Time moves only when a test moves the ``FakeClock``; the test then calls
``screen.refresh_from_clock()`` itself, as the frame timer would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from session_support import (
    FakeSettings,
    MemoryStore,
    SessionHost,
    make_services,
    plan_for,
    run_for,
    session_screen,
    start,
    stored,
    top_screen,
    view_of,
)
from textual.command import CommandList, CommandPalette

from backcoach.audio.output import CueOutput, open_audio
from backcoach.clock import FakeClock
from backcoach.core.history_models import Flag
from backcoach.services import Services
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.pain_stop import PainStopScreen
from backcoach.tui.session.summary import SummaryScreen
from backcoach.tui.widgets.counters import Counters
from backcoach.tui.widgets.hold_timer import BAR_STEPS_PER_SECOND, HoldTimer, SmoothBar
from backcoach.tui.widgets.step_list import StepList

pytestmark = pytest.mark.tiny_content


async def test_asks_pain_before_then_starts_the_engine(services: Services) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
        screen = session_screen(app)
        assert screen.engine is None
        await pilot.press("4", "enter")
        assert screen.engine is not None
        assert screen.engine.record.pain_before == 4


async def test_short_routine_runs_to_the_summary(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert view_of(screen).exercise_name == "Test hold"
        assert screen.query_one(StepList).steps[0] == "Breathe in and lift your hips."
        await run_for(pilot, clock, 10)  # get ready
        view = view_of(screen)
        assert (view.kind, view.breath, view.rep_number) == ("breathe", "in", 1)
        # The cue ("Breathe in, lift") already says it: no second "Breathe in" line.
        assert "Breathe in" in str(screen.query_one("#cue").render())
        assert str(screen.query_one("#breath").render()) == ""
        assert screen.query_one(StepList).current == 1
        await run_for(pilot, clock, 2 + 3 + 2 + 2 + 2 + 3 + 2)  # two reps and a rest
        view = view_of(screen)
        assert view.exercise_name == "Test sides"
        await pilot.press("n")  # cut the get-ready short
        await run_for(pilot, clock, 2)
        assert view_of(screen).kind == "confirm"
        assert screen.query_one(HoldTimer).has_class("untimed")
        await pilot.press("enter")
        await run_for(pilot, clock, 3)  # rest to switch sides
        await run_for(pilot, clock, 2)
        await pilot.press("enter")  # the last step
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
        await pilot.press("2", "enter")
        await screen.settled()  # the closing saves run on a thread
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        record = app.screen.record
        assert record.status == "completed"
        assert (record.pain_before, record.pain_after) == (3, 2)
        assert [e.status for e in record.exercises] == ["completed", "completed"]
        assert app.reports and all(report.ok for report in app.reports)
        saved = stored(services).sessions
        assert len(saved) == 1 and saved[0].status == "completed"
        assert saved[0].pain_after == 2
        progress = stored(services).progression["holder"]
        assert progress.last_done_on == clock.now().date()
        assert progress.reps == 2
        text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "Done: 2" in text
        assert "Pain before: 3/10 · after: 2/10" in text
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1  # back where the session was started from


async def test_pause_and_resume(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)  # one second into the hold
        view = view_of(screen)
        assert view.kind == "hold"
        assert view.seconds_remaining == pytest.approx(2.0)
        assert screen.has_class("running") and not screen.has_class("paused")
        await pilot.press("space")
        assert screen.has_class("paused") and not screen.has_class("running")
        assert "PAUSED" in str(screen.query_one("#session-state").render())
        await run_for(pilot, clock, 30)  # paused time does not count
        assert view_of(screen).seconds_remaining == pytest.approx(2.0)
        assert view_of(screen).kind == "hold"
        await pilot.press("space")
        assert screen.has_class("running") and not screen.has_class("paused")
        await run_for(pilot, clock, 1.5)
        view = view_of(screen)
        assert view.kind == "hold"
        assert view.seconds_remaining == pytest.approx(0.5)
        assert screen.query_one(HoldTimer).digits_text == "0:01"


async def test_skip_moves_to_the_next_exercise(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("s")
        view = view_of(screen)
        assert view.exercise_name == "Test sides"
        assert "Exercise 2 of 2: Test sides" in str(screen.query_one("#session-title").render())
        assert screen.query_one(StepList).steps[0] == "Raise the top leg [not markup]."
        assert screen.engine is not None
        assert screen.engine.record.exercises[0].status == "skipped"


async def test_back_redoes_the_rep(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)  # in the hold of rep 1
        assert view_of(screen).kind == "hold"
        await pilot.press("b")
        view = view_of(screen)
        assert (view.kind, view.rep_number, view.phase_number) == ("breathe", 1, 1)
        assert view.seconds_remaining == pytest.approx(2.0)
        assert screen.query_one(StepList).current == 1


async def test_pain_stop_flags_and_next_plan_leaves_it_out(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1.5)  # 1.5 s into the first hold
        await pilot.press("w")
        # The stop is saved before the modal is even answered...
        await screen.settled()
        stopped = stored(services).sessions[0].exercises[0]
        assert stopped.status == "stopped_for_pain"
        stop = stopped.stopped_at
        assert stop is not None
        assert (stop.rep, stop.phase_kind) == (1, "hold")
        assert stop.seconds_into_phase == pytest.approx(1.5)
        assert isinstance(app.screen, PainStopScreen)
        await pilot.press("6", "n")
        await screen.settled()
        # ... and the flag is written once, with the pain given and the same stop.
        (flag,) = stored(services).flags
        assert (flag.exercise_id, flag.pain, flag.stopped_at) == ("holder", 6, stop)
        assert top_screen(app) is screen
        assert view_of(screen).exercise_name == "Test sides"
    next_plan = plan_for(services)
    assert [p.exercise.id for p in next_plan.exercises] == ["sider"]
    assert [item.exercise_id for item in next_plan.left_out] == ["holder"]


async def test_pain_stop_then_end_the_session(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 12)
        await pilot.press("w")
        await pilot.press("8", "e")
        await screen.settled()  # the closing saves run on a thread
        await pilot.pause()
        # Asked once: the pain given at the stop is the pain after, no second question.
        assert isinstance(app.screen, SummaryScreen)
        assert "after: 8/10" in str(app.screen.query_one("#summary-pain").render())
        assert screen.engine is not None and screen.engine.finished
    saved = stored(services).sessions[-1]
    assert saved.status == "ended_early"
    assert saved.pain_after == 8
    assert saved.exercises[0].status == "stopped_for_pain"
    assert [f.pain for f in stored(services).flags] == [8]


async def test_a_pain_stop_on_the_last_exercise_asks_once_and_keeps_the_pain(
    services: Services, clock: FakeClock
) -> None:
    """Bug 2: w, 6, enter on a one-exercise plan ends it there; the 6 is on the flag and
    is the session's pain after (no "Nothing was done... how is your pain?" after it)."""
    app = SessionHost(services, plan_for(services, "sides-only"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("w")
        assert isinstance(app.screen, PainStopScreen)
        await pilot.press("6", "enter")
        await screen.settled()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    saved = stored(services).sessions[-1]
    assert (saved.pain_after, saved.exercises[0].status) == (6, "stopped_for_pain")
    assert [f.pain for f in stored(services).flags] == [6]


async def test_left_out_exercises_are_named(services: Services, clock: FakeClock) -> None:
    services.store.add_flag(
        Flag(
            exercise_id="sider",
            exercise_name="Test sides",
            flagged_at=clock.now(),
            local_date=clock.now().date(),
        )
    )
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        notice = screen.query_one("#left-out")
        assert notice.display
        assert "Left out: Test sides (flagged on" in str(notice.render())


async def test_quit_mid_session_keeps_what_was_done(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 7 + 2 + 7)  # the first exercise, done
        assert view_of(screen).exercise_name == "Test sides"
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert view_of(screen).paused  # the clock stands still while asking
        await pilot.press("n")
        assert top_screen(app) is screen
        assert not view_of(screen).paused
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
        await pilot.press("escape")
        await screen.settled()  # the closing saves run on a thread
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    saved = stored(services).sessions[-1]
    assert saved.status == "ended_early"
    assert saved.exercises[0].status == "completed"
    assert saved.exercises[0].reps_done == 2
    assert saved.pain_after is None


@pytest.mark.parametrize("sound_on", [True, False])
async def test_no_sound_player_rings_the_bell_at_the_end_of_a_hold(
    services: Services, clock: FakeClock, sound_on: bool
) -> None:
    """With no player on the PATH the sounds fall back to the terminal bell."""

    def no_players(*, sound: bool, voice: bool, bell: Callable[[], None]) -> CueOutput:
        return open_audio(sound=sound, voice=voice, bell=bell, which=lambda _name: None)

    services = dataclasses.replace(services, audio=no_players)
    app = SessionHost(services, plan_for(services), FakeSettings(sound=sound_on))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 2.5)  # the get-ready rest ended: one bell
        bells_before_hold_end = app.bells
        assert view_of(screen).kind == "hold"
        await run_for(pilot, clock, 1)  # the hold ends
        assert view_of(screen).kind == "move"
        if sound_on:
            assert app.bells == bells_before_hold_end + 1
        else:
            assert app.bells == 0


async def test_switch_sides_cue(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services, "sides-only"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2)
        assert view_of(screen).side == "left"
        banner = screen.query_one("#switch-sides")
        assert not banner.display
        await pilot.press("enter")
        assert banner.display
        assert "Switch sides" in str(banner.render())
        # The rest names the rep that comes next, in the counter's one form.
        assert screen.query_one(Counters).text == "Next: Rep 1 of 1 · right"
        await run_for(pilot, clock, 3)  # the rest ends: the first step on the new side
        assert banner.display
        assert screen.query_one(Counters).text == "Rep 1 of 1 · right"
        await run_for(pilot, clock, 2)  # and after that one, it goes
        assert not banner.display


async def test_reduced_motion_shows_a_plain_countdown(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(reduced_motion=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)
        timer = screen.query_one(HoldTimer)
        assert timer.has_class("reduced-motion")
        assert timer.query_one("#timer-digits").styles.display == "none"
        assert timer.query_one("#timer-plain").styles.display == "block"
        assert timer.plain_text == "Hold: 0:02 left"
        assert timer.digits_text == ""


async def test_save_problem_is_shown(tmp_path: Path, clock: FakeClock) -> None:
    store = MemoryStore(fail_with="disk full: history.json could not be written")
    services = make_services(tmp_path, clock, store)
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await screen.settled()  # the failed save is reported when the thread is done
        await pilot.pause()
        # The report goes up to the app (which says it, and keeps it as a message).
        failed = [r.message for r in app.reports if not r.ok]
        assert failed and all("disk full" in (m or "") for m in failed)
    assert store.history.sessions  # handed over (the real store keeps it pending)


async def test_resume_starts_at_the_first_unfinished_exercise(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, pain_before="5")
        await run_for(pilot, clock, 10 + 7 + 2 + 7)  # the first exercise, done
        assert view_of(screen).exercise_name == "Test sides"
    # The app went away mid-session; start-up marks the session interrupted.
    record = stored(services).sessions[-1]
    record = record.model_copy(update={"status": "interrupted"})
    clock.advance(60)
    app = SessionHost(services, plan_for(services), resume=record)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        assert app.screen is screen  # no second pain-before question
        assert screen.engine is not None
        assert screen.engine.record.id == record.id
        assert screen.engine.record.pain_before == 5
        assert view_of(screen).exercise_name == "Test sides"


async def test_a_tick_repaints_only_the_timer(services: Services, clock: FakeClock) -> None:
    """Within one second of a hold only the bar changes, so only the bar repaints."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 0.25)  # just into the hold
        refreshed: list[str] = []
        for widget in screen.walk_children(with_self=True):
            original = widget.refresh

            def counting(*args: object, _w: object = widget, _o=original, **kw: object):  # type: ignore[no-untyped-def]
                refreshed.append(type(_w).__name__ + "#" + str(getattr(_w, "id", "")))
                return _o(*args, **kw)

            widget.refresh = counting  # type: ignore[method-assign]
        clock.advance(0.25)
        screen.refresh_from_clock()
        assert refreshed == ["SmoothBar#timer-bar"]
        refreshed.clear()
        clock.advance(0.6)  # into the next whole second: the digits change too
        screen.refresh_from_clock()
        assert sorted(set(refreshed)) == ["Digits#timer-digits", "SmoothBar#timer-bar"]


async def test_the_bar_moves_at_most_ten_times_a_second(
    services: Services, clock: FakeClock
) -> None:
    """Fifteen frames a second, but the bar (so the screen) repaints at most ten times."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 0.25)  # just into the hold
        bar = screen.query_one("#timer-bar", SmoothBar)
        repaints: list[float] = []
        original = bar.refresh

        def counting(*args: Any, **kw: Any) -> SmoothBar:
            repaints.append(bar.fraction)
            return original(*args, **kw)

        bar.refresh = counting  # type: ignore[method-assign]
        for _ in range(15):  # one second of frames
            clock.advance(1 / 15)
            screen.refresh_from_clock()
            await pilot.pause()
        assert 5 <= len(repaints) <= BAR_STEPS_PER_SECOND
        assert repaints == sorted(repaints)  # it only ever moves on


async def test_a_long_gap_pauses_and_says_so(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)
        clock.advance(600)  # the laptop slept
        screen.refresh_from_clock()
        await pilot.pause()
        assert screen.has_class("paused")
        assert view_of(screen).seconds_remaining == pytest.approx(2.0)
        assert "asleep" in str(screen.query_one("#session-note").render())


async def test_an_empty_plan_closes_at_once(services: Services, clock: FakeClock) -> None:
    for exercise_id, name in (("holder", "Test hold"), ("sider", "Test sides")):
        services.store.add_flag(
            Flag(
                exercise_id=exercise_id,
                exercise_name=name,
                flagged_at=clock.now(),
                local_date=clock.now().date(),
            )
        )
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # skip pain before
        await pilot.pause()
        assert len(app.screen_stack) == 1
    assert stored(services).sessions == []


async def test_session_keys_are_in_the_command_palette(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("ctrl+p")
        await pilot.press(*"session: pause")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        for _ in range(200):  # the palette searches in a worker: wait for its hits
            if palette.query_one(CommandList).option_count:
                break
            await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.has_class("paused")


async def test_reduced_motion_can_change_mid_session(services: Services, clock: FakeClock) -> None:
    settings = FakeSettings()
    app = SessionHost(services, plan_for(services), settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)
        timer = screen.query_one(HoldTimer)
        assert timer.digits_text == "0:02"
        settings.reduced_motion = True
        await run_for(pilot, clock, 0.5)
        assert timer.has_class("reduced-motion")
        assert timer.plain_text == "Hold: 0:02 left"
        settings.reduced_motion = False
        await run_for(pilot, clock, 0.5)
        assert not timer.has_class("reduced-motion")
        assert timer.digits_text == "0:01"


@pytest.mark.parametrize("size", [(60, 20), (40, 12), (120, 40)])
async def test_resizing_mid_hold_keeps_going(
    services: Services, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1)
        await pilot.resize_terminal(*size)
        await run_for(pilot, clock, 1)
        assert screen.query_one(HoldTimer).digits_text == "0:01"
        await pilot.press("space")
        assert screen.has_class("paused")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is screen


async def test_palette_then_enter_never_flags_the_exercise(
    services: Services, clock: FakeClock
) -> None:
    """The palette highlights its first entry before anything is typed: enter alone must
    do something harmless, never stop and flag the exercise."""
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 11)
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(CommandList)
        for _ in range(200):  # the palette gathers its entries in a worker
            if options.option_count >= 7:
                break
            await pilot.pause()
        titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        ours = [title for title in titles if title.startswith("Session: ")]
        assert ours[0].startswith("Session: Resume")
        assert "(it made my pain worse)" in ours[-1]
        assert "pain" not in titles[0].split("\n")[0]
        await pilot.press("enter")
        await pilot.pause()
        await screen.sink.drained()
        assert app.screen is screen
        assert not isinstance(app.screen, PainStopScreen)
        assert stored(services).flags == []
        engine = screen.engine
        assert engine is not None and not engine.awaiting_pain_choice

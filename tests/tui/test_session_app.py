"""The session screen inside the real app, with the real content and store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Label

from backcoach.audio.output import CueOutput
from backcoach.audio.recording import RecordingAudio
from backcoach.clock import FakeClock
from backcoach.core.store import HistoryStore
from backcoach.services import Services
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.screen import SessionScreen
from backcoach.tui.session.summary import SummaryScreen


async def run_session(pilot: Pilot[Any], screen: SessionScreen, clock: FakeClock) -> None:
    """Do the whole session as a user would: wait out timed steps, confirm the others."""
    engine = screen.engine
    assert engine is not None
    for _ in range(10_000):
        view = engine.view()
        if view is None:
            break
        if view.timed:
            clock.advance(0.5)
            screen.refresh_from_clock()
        else:
            await pilot.press("enter")
    await pilot.pause()


async def test_one_exercise_from_home_to_summary_and_back(
    make_app: Any, services: Services, clock: FakeClock
) -> None:
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert app.start_session(app.plan_for(exercise_id="draw-in"))
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
        await pilot.press("2", "enter")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_session(pilot, screen, clock)
        assert isinstance(app.screen, PainRatingScreen)
        await pilot.press("1", "enter")
        await screen.settled()  # the closing saves run on a thread
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "Done: 1" in text
        assert "Streak: 1 day" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home
        assert [s.status for s in app.history.sessions] == ["completed"]
    saved = HistoryStore(services.paths.data_dir, clock).load().history.sessions
    assert len(saved) == 1
    assert saved[0].exercises[0].status == "completed"
    assert saved[0].exercises[0].reps_done == 5
    assert (saved[0].pain_before, saved[0].pain_after) == (2, 1)


async def test_palette_then_enter_in_the_real_app_flags_nothing(
    make_app: Any, services: Services, clock: FakeClock
) -> None:
    """With every provider of the real app, enter on the freshly opened palette does
    something harmless: it never stops and flags the exercise."""
    from textual.command import CommandList, CommandPalette

    from backcoach.tui.session.pain_stop import PainStopScreen

    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.start_session(app.plan_for(exercise_id="draw-in"))
        await pilot.pause()
        await pilot.press("enter")  # pain before: skipped
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        clock.advance(12)
        screen.refresh_from_clock()
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(CommandList)
        for _ in range(200):  # the palette gathers its entries in a worker
            if any("pain" in str(o.prompt) for o in options.options):
                break
            await pilot.pause()
        first = str(options.get_option_at_index(0).prompt).split("\n")[0]
        assert "pain" not in first.lower()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PainStopScreen)
        await screen.sink.drained()
        engine = screen.engine
        assert engine is not None and not engine.awaiting_pain_choice
        assert HistoryStore(services.paths.data_dir, clock).load().history.flags == []


async def test_hands_free_runs_to_the_summary_without_a_key_and_rates_pain_there(
    make_app: Any, services: Services, clock: FakeClock
) -> None:
    """Hands-free: once started, no key is pressed until the summary (own-pace steps get
    a tempo, the end asks nothing); the pain after can then be given from the summary."""
    heard = RecordingAudio(clock.monotonic)

    def recorder(*, sound: bool, voice: bool, bell: Callable[[], None]) -> CueOutput:
        return heard

    services.audio = recorder
    app = make_app(first_run_check=False, hands_free=True, far_view=True, voice="cues")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.start_session(app.plan_for(routine_id="stretches"))
        await pilot.pause()
        await pilot.press("4", "enter")  # pain before, at the keyboard
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        assert engine is not None
        assert screen.has_class("-far"), "followed in the far view"
        while (view := engine.view()) is not None:
            assert view.timed, "hands-free: no step waits for a key"
            clock.advance(0.5)
            screen.refresh_from_clock()
        await screen.settled()
        await pilot.pause()
        said = [str(c.arg) for c in heard.calls if c.action == "say"]
        assert said[0] == "Get ready: on your back" and said[-1].endswith("Session complete")
        assert said.count("Three") == said.count("One") > 0, "each hold counted down aloud"
        summary = app.screen
        assert isinstance(summary, SummaryScreen), "straight to the summary, nothing asked"
        pain = summary.query_one("#summary-pain", Label)
        assert "after: not rated (p rates it now)" in str(pain.render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PainRatingScreen)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert summary.is_current, "back on the summary"
        assert str(pain.render()) == "Pain before: 4/10 · after: 3/10"
        assert summary.check_action("rate_pain", ()) is False, "rated: the key is gone"
    saved = HistoryStore(services.paths.data_dir, clock).load().history.sessions
    assert [(s.status, s.pain_before, s.pain_after) for s in saved] == [("completed", 4, 3)]

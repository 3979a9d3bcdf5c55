"""Worse the next day (issue 11, rule 1): the session start says so and holds progression.

On the made-up catalog: "holder" progresses (2, then 3, up to 4 reps). Yesterday's pain
before was 3; today's is given at the pain question.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from session_support import SessionHost, plan_for, start
from textual.widgets import Label

from backcoach.clock import FakeClock
from backcoach.core.history_models import ProgressionState
from backcoach.core.store import HistoryStore
from backcoach.services import Services
from store_factory import session_on

pytestmark = pytest.mark.tiny_content


def yesterday_at_pain_3(store: HistoryStore, today: date) -> None:
    yesterday = today - timedelta(days=1)
    assert store.save_session(session_on(yesterday, pain=(3, 2), routine_id="short")).ok
    state = ProgressionState(
        exercise_id="holder", reps=2, last_advanced_on=yesterday, last_done_on=yesterday
    )
    assert store.set_progression(state).ok


def holder_reps(screen: object) -> int:
    from backcoach.tui.session.screen import SessionScreen

    assert isinstance(screen, SessionScreen) and screen.engine is not None
    (holder,) = [p for p in screen.engine.plan.exercises if p.exercise.id == "holder"]
    return holder.reps


@pytest.mark.parametrize(("pain_today", "risen"), [("4", False), ("5", True), ("6", True)])
async def test_a_rise_of_2_is_said_at_the_start_and_holds_the_reps(
    services: Services, clock: FakeClock, pain_today: str, risen: bool
) -> None:
    """Up 1 (4 after 3): nothing said, the reps go up to 3. Up 2 or 3: the start says by
    how much and since when, marks the app's part as the app's, and the reps stay at 2."""
    yesterday_at_pain_3(services.store, clock.now().date())
    plan = plan_for(services)
    assert [p.reps for p in plan.exercises if p.exercise.id == "holder"] == [3]
    app = SessionHost(services, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, pain_before=pain_today)
        label = screen.query_one("#pain-rise", Label)
        assert label.display is risen
        assert holder_reps(screen) == (2 if risen else 3)
        if risen:
            text = str(label.render())
            assert f"Pain before today: {pain_today}/10, up from 3/10 on 2026-11-24." in text
            assert "should settle by the next morning" in text
            assert "not the article's: today's reps do not go up" in text
        assert screen.engine is not None
        assert screen.engine.record.pain_before == int(pain_today)


async def test_the_rise_line_goes_once_the_first_exercise_is_over(
    services: Services, clock: FakeClock
) -> None:
    yesterday_at_pain_3(services.store, clock.now().date())
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, pain_before="7")
        assert screen.query_one("#pain-rise").display
        await pilot.press("s")  # skip the first exercise
        await pilot.pause()
        assert not screen.query_one("#pain-rise").display


async def test_the_rise_is_said_aloud_once_before_the_first_get_ready(
    services: Services, clock: FakeClock
) -> None:
    """From the floor the line may not be read: with voice on it is said, once."""
    import dataclasses

    from session_support import FakeSettings, run_for

    from backcoach.audio.output import CueOutput
    from backcoach.audio.recording import RecordingAudio

    yesterday_at_pain_3(services.store, clock.now().date())
    opened: list[RecordingAudio] = []

    def open_audio(*, sound: bool, voice: bool, bell: object) -> CueOutput:
        opened.append(RecordingAudio(clock.monotonic))
        return opened[-1]

    services = dataclasses.replace(services, audio=open_audio)
    app = SessionHost(services, plan_for(services), FakeSettings(voice="cues"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain_before="6")
        await run_for(pilot, clock, 12)
    said = [str(call.arg) for call in opened[-1].calls if call.action == "say"]
    assert said[0] == (
        "Your pain is 3 points higher than on your last session day. "
        "Today your reps do not go up. Get ready"
    )
    assert sum("Your pain is" in words for words in said) == 1

"""The session's sound and speech: what the screen plays and says, when, and when it stops.

A ``RecordingAudio`` on the fake clock stands in for the players, so every call is
checked with the clock time it was made at; nothing is played for real.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from session_support import (
    FakeSettings,
    SessionHost,
    plan_for,
    run_for,
    start,
    top_screen,
    view_of,
)

from backcoach.audio.output import CueOutput
from backcoach.audio.recording import AudioCall, RecordingAudio
from backcoach.clock import FakeClock
from backcoach.core.cues import CueCaller
from backcoach.core.engine import SessionEngine
from backcoach.core.plan import SessionPlan
from backcoach.core.session_events import Event
from backcoach.core.settings import Settings
from backcoach.services import Services
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.session.summary import SummaryScreen

pytestmark = pytest.mark.tiny_content

FRAME = 1 / 16  # exact in binary, about the screen's own rate


@dataclasses.dataclass
class Recorders:
    """Every output the session opened, with what it was opened for."""

    clock: FakeClock
    opened: list[tuple[RecordingAudio, bool, bool]] = dataclasses.field(default_factory=list)

    def open(self, *, sound: bool, voice: bool, bell: Callable[[], None]) -> CueOutput:
        audio = RecordingAudio(self.clock.monotonic)
        self.opened.append((audio, sound, voice))
        return audio

    @property
    def last(self) -> RecordingAudio:
        return self.opened[-1][0]


def host(
    services: Services, clock: FakeClock, plan: SessionPlan, settings: Settings
) -> tuple[SessionHost, Recorders]:
    recorders = Recorders(clock)
    services = dataclasses.replace(services, audio=recorders.open)
    return SessionHost(services, plan, settings), recorders


def spoken(calls: list[AudioCall], since: float = 0.0) -> list[str]:
    return [str(c.arg) for c in calls if c.action == "say" and c.time >= since]


def replayed(plan: SessionPlan, clock: FakeClock, seconds: float) -> list[tuple[float, str, str]]:
    """What the cue caller decides for ``plan`` on its own, frame by frame."""
    engine = SessionEngine(plan, clock, _NoSink())
    caller = CueCaller(plan, "cues")
    start = clock.monotonic()
    heard: list[tuple[float, str, str]] = []
    events: list[Event] = []
    while clock.monotonic() - start < seconds - 1e-9 and not engine.finished:
        cue = caller.cue_for(events, engine.view())
        if cue is not None:
            at = clock.monotonic() - start
            if cue.sound is not None and events:
                heard.append((at, "play", cue.sound.value))
            if cue.speech:
                heard.append((at, "say", cue.speech))
        clock.advance(FRAME)
        events = engine.tick()
    return heard


class _NoSink:
    def save_session(self, record: object) -> None:
        return None

    def add_flag(self, flag: object) -> None:
        return None


async def test_the_screen_plays_and_says_what_the_cues_decide_when_they_decide(
    services: Services, clock: FakeClock
) -> None:
    plan = plan_for(services, "alternating")
    app, recorders = host(services, clock, plan, FakeSettings(voice="cues"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        began = clock.monotonic()
        await run_for(pilot, clock, 20, step=FRAME)
        assert screen.engine is not None
    calls = [
        (round(c.time - began, 6), c.action, str(c.arg))
        for c in recorders.last.calls
        if c.action in ("play", "say") and c.time - began < 20 - 1e-9
    ]
    assert calls[:6] == [
        (0.0, "say", "Get ready"),
        (10.0, "play", "rest-end"),
        (10.0, "say", "Start"),
        (11.0, "play", "hold-start"),
        (11.0, "say", "Hold"),
        (13.0, "play", "hold-end"),
    ]
    expected = [(round(at, 6), what, arg) for at, what, arg in replayed(plan, FakeClock(), 20)]
    assert calls == expected


async def test_pausing_stops_speech_and_nothing_is_said_while_paused(
    services: Services, clock: FakeClock
) -> None:
    app, recorders = host(services, clock, plan_for(services), FakeSettings(voice="cues"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await run_for(pilot, clock, 11, step=FRAME)
        await pilot.press("space")
        paused_at = clock.monotonic()
        assert recorders.last.calls[-1].action == "hush"
        await run_for(pilot, clock, 30, step=FRAME)
        assert [c for c in recorders.last.calls if c.time > paused_at] == []


async def test_skip_and_back_cut_the_current_cue_short(
    services: Services, clock: FakeClock
) -> None:
    app, recorders = host(services, clock, plan_for(services), FakeSettings(voice="full"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2 + 1, step=FRAME)  # into the hold
        calls = recorders.last.calls
        before_back = len(calls)
        await pilot.press("b")
        assert [c.action for c in calls[before_back:]][:2] == ["hush", "say"]
        assert calls[before_back + 1].arg == "Breathe in, lift", "the rep's first step again"
        before_skip = len(calls)
        await pilot.press("s")
        assert view_of(screen).exercise_name == "Test sides"
        assert [c.action for c in calls[before_skip:]] == ["hush", "say"]
        assert str(calls[-1].arg).startswith("Next: Test sides. Lie on one side.")
        assert "play" not in [c.action for c in calls[before_back:]], "a key brings no sound"


async def test_ending_early_stops_sound_and_speech(services: Services, clock: FakeClock) -> None:
    app, recorders = host(services, clock, plan_for(services), FakeSettings(voice="cues"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 12, step=FRAME)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(top_screen(app), ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")  # pain after: skipped
        await screen.settled()
        assert recorders.last.calls[-1].action == "close"


async def test_the_last_cue_is_heard_out_after_a_session_that_ran_to_its_end(
    services: Services, clock: FakeClock
) -> None:
    app, recorders = host(
        services, clock, plan_for(services, "alternating"), FakeSettings(voice="cues")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 40, step=FRAME)
        await pilot.press("escape")  # pain after: skipped
        await screen.settled()
        await pilot.pause()
        assert isinstance(top_screen(app), SummaryScreen)
        calls = recorders.last.calls
        assert ("play", "session-done") in [(c.action, c.arg) for c in calls]
        assert spoken(calls)[-1] == "Test alternating done. Session complete"
        assert "close" not in [c.action for c in calls], "not cut off as the summary opens"


async def test_changing_sound_or_voice_in_a_session_reopens_the_output(
    services: Services, clock: FakeClock
) -> None:
    settings = FakeSettings(voice="cues")
    app, recorders = host(services, clock, plan_for(services), settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert [(sound, voice) for _, sound, voice in recorders.opened] == [(True, True)]
        first = recorders.last
        screen.settings = settings.model_copy(update={"voice": "off"})
        await pilot.pause()
        assert [(sound, voice) for _, sound, voice in recorders.opened] == [
            (True, True),
            (True, False),
        ]
        assert first.calls[-1].action == "close"
        since = clock.monotonic()
        await run_for(pilot, clock, 14, step=FRAME)
        assert spoken(recorders.last.calls, since) == [], "voice off: nothing more is said"
        assert recorders.last.actions("play"), "the sounds go on"

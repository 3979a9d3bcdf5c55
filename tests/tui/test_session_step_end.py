"""The one-shot timer at each timed step's end (``StepEndTimer``), and the session
screen keeping exactly one, aimed right, through pause, back, skip and pain stop.

No real time passes: the fake owner records the delays asked for, and the Pilot tests
read which delay the screen's timer was set to.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from session_support import (
    SessionHost,
    plan_for,
    run_for,
    start,
    view_of,
)

from backcoach.clock import FakeClock
from backcoach.core.session_events import StepView
from backcoach.services import Services
from backcoach.tui.session.step_end_timer import StepEndTimer

pytestmark = pytest.mark.tiny_content


class FakeTimer:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class FakeOwner:
    """Records every timer it is asked for instead of running one."""

    def __init__(self) -> None:
        self.timers: list[FakeTimer] = []
        self.callbacks: list[Callable[[], None]] = []

    def set_timer(self, delay: float, callback: Callable[[], None], *, name: str) -> Any:
        timer = FakeTimer(delay)
        self.timers.append(timer)
        self.callbacks.append(callback)
        return timer

    def live(self) -> list[FakeTimer]:
        return [t for t in self.timers if not t.stopped]


def hold_view(clock: FakeClock, services: Services) -> StepView:
    """Any real view, reshaped per test with ``dataclasses.replace``."""
    from backcoach.core.engine import SessionEngine

    engine = SessionEngine(plan_for(services), clock, services.store)
    view = engine.view()
    assert view is not None
    return dataclasses.replace(view, timed=True, paused=False, seconds_remaining=3.0)


def test_one_timer_per_step_end(clock: FakeClock, services: Services) -> None:
    owner, refreshed = FakeOwner(), []
    timer = StepEndTimer(owner, clock, lambda: refreshed.append(1))
    view = hold_view(clock, services)
    timer.follow(view)
    assert [t.delay for t in owner.live()] == [3.0]
    clock.advance(1)
    timer.follow(dataclasses.replace(view, seconds_remaining=2.0))  # same end: kept
    assert len(owner.timers) == 1 and timer.pending
    timer.follow(dataclasses.replace(view, seconds_remaining=3.0))  # back: end moved
    assert [t.delay for t in owner.live()] == [3.0] and len(owner.timers) == 2
    assert owner.timers[0].stopped


@pytest.mark.parametrize(
    "change",
    [{"paused": True}, {"timed": False}, {"seconds_remaining": 0.0}],
    ids=["paused", "untimed", "already-over"],
)
def test_nothing_to_wait_for_cancels(
    clock: FakeClock, services: Services, change: dict[str, Any]
) -> None:
    owner = FakeOwner()
    timer = StepEndTimer(owner, clock, lambda: None)
    view = hold_view(clock, services)
    timer.follow(view)
    timer.follow(dataclasses.replace(view, **change))
    assert owner.live() == [] and not timer.pending
    timer.follow(None)
    assert owner.live() == []


def test_firing_refreshes_and_frees_the_handle(clock: FakeClock, services: Services) -> None:
    owner, refreshed = FakeOwner(), []
    timer = StepEndTimer(owner, clock, lambda: refreshed.append(1))
    view = hold_view(clock, services)
    timer.follow(view)
    owner.callbacks[0]()
    assert refreshed == [1] and not timer.pending
    timer.follow(view)  # the next draw aims at the next step's end
    assert timer.pending and len(owner.timers) == 2


def step_end_delay(screen: Any) -> float | None:
    """The delay of the screen's live step-end timer, or None."""
    handle = screen._step_end._timer
    return None if handle is None else float(handle._interval)


async def test_screen_keeps_one_timer_through_pause_back_and_pain(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert step_end_delay(screen) == pytest.approx(10.0)  # the get-ready
        await run_for(pilot, clock, 10 + 2 + 1)  # one second into the 3 s hold
        assert view_of(screen).kind == "hold"
        assert step_end_delay(screen) == pytest.approx(3.0)  # set as the hold began
        await pilot.press("space")
        assert step_end_delay(screen) is None  # paused: no end to wait for
        clock.advance(30)
        await pilot.press("space")
        assert step_end_delay(screen) == pytest.approx(2.0)  # resumed: paused time left out
        await pilot.press("b")
        assert view_of(screen).kind == "breathe"
        assert step_end_delay(screen) == pytest.approx(2.0)  # the rep's first phase again
        await pilot.press("w")
        await pilot.pause()
        assert step_end_delay(screen) is None  # stopped for pain

"""SVG snapshots of the session screen and its modals at 80x24, fixed clock and data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from session_support import FakeSettings, SessionHost, make_services, plan_for
from textual.pilot import Pilot

from backcoach.clock import FakeClock
from backcoach.core.history_models import Flag
from backcoach.tui.session.screen import SessionScreen

SIZE = (80, 24)
SnapCompare = Callable[..., bool]


def host(tmp_path: Path, routine: str = "short", **settings: Any) -> tuple[SessionHost, FakeClock]:
    clock = FakeClock()
    services = make_services(tmp_path, clock)
    return SessionHost(services, plan_for(services, routine), FakeSettings(**settings)), clock


def steps(clock: FakeClock, *actions: float | str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Answer pain before with 3, then for each action: a number moves the clock that many
    seconds (in half-second frames), a string presses that key."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("3", "enter")
        screen = pilot.app.screen_stack[1]
        assert isinstance(screen, SessionScreen)
        for action in actions:
            if isinstance(action, str):
                await pilot.press(action)
                continue
            moved = 0.0
            while moved < action:
                clock.advance(min(0.5, action - moved))
                moved += min(0.5, action - moved)
                screen.refresh_from_clock()
        await screen.settled()  # saves run on a thread: wait for them, not for time
        await pilot.pause()

    return run


def test_session_mid_hold(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, 1.5))


def test_session_paused(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, 1, "space", 5))


def test_session_switch_sides(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path, "sides-only")
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, "enter", 1))


def test_session_reduced_motion(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path, reduced_motion=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, 1.5))


def test_pain_stop_modal(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, 1.5, "w", "4"))


def test_pain_rating_modal(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, _clock = host(tmp_path)

    async def choose(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("7")

    assert snap_compare(app, terminal_size=SIZE, run_before=choose)


def test_summary(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path)
    run = steps(clock, 10, 2, 1, "w", "5", "n", "n", 2, "enter", 3, 2, "enter", "2", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_end_session_confirm(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = host(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, 1, "q"))


def test_session_with_left_out_exercise(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = FakeClock()
    services = make_services(tmp_path, clock)
    services.store.add_flag(
        Flag(
            exercise_id="holder",
            exercise_name="Test hold",
            flagged_at=clock.now(),
            local_date=clock.now().date(),
        )
    )
    app = SessionHost(services, plan_for(services))
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 1))


def test_session_at_60x20(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The narrow footer: the pain key whole and first, short labels, no palette hint."""
    app, clock = host(tmp_path, "sides-only")
    assert snap_compare(app, terminal_size=(60, 20), run_before=steps(clock, 10.5, "space"))


def test_pain_stop_modal_high_pain(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Pain 8 after w: the modal recommends ending the session."""
    app, clock = host(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 2, 1.5, "w", "8"))


def test_session_rest_between_reps(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The rest after rep 1: what is done, what is next, and that n skips it."""
    app, clock = host(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps(clock, 10, 7, 0.5))


def test_severe_pain_before_a_session(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Pain 9 before: the source's advice, the app's threshold said as the app's."""
    app, _clock = host(tmp_path)

    async def severe(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("9", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=severe)

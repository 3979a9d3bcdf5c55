"""SVG snapshots of the far view: a hold, a rest and a switch of sides at 80x24, 120x40
and 60x20; a move (its cue instead of seconds); under NO_COLOR; with reduced motion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from session_support import FakeSettings, SessionHost, make_services, plan_for
from test_snapshots_session import SnapCompare, steps

from backcoach.clock import FakeClock

SIZES = [(80, 24), (120, 40), (60, 20)]
#: (routine, what to do after pain before): the clock in seconds, keys as strings.
PHASES: dict[str, tuple[str, tuple[float | str, ...]]] = {
    "hold": ("short", (10, 2, 1.5)),  # 1.5 s into the 3 s hold: 0:02
    "rest": ("short", (10, 7, 0.5)),  # the rest after rep 1
    "switch_sides": ("sides-only", (10, 2, "enter", 1)),  # the rest between sides
}


def far_host(tmp_path: Path, routine: str, **settings: Any) -> tuple[SessionHost, FakeClock]:
    clock = FakeClock()
    services = make_services(tmp_path, clock)
    plan = plan_for(services, routine)
    return SessionHost(services, plan, FakeSettings(far_view=True, **settings)), clock


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("phase", sorted(PHASES))
def test_far_view(
    snap_compare: SnapCompare, tmp_path: Path, phase: str, size: tuple[int, int]
) -> None:
    routine, actions = PHASES[phase]
    app, clock = far_host(tmp_path, routine)
    assert snap_compare(app, terminal_size=size, run_before=steps(clock, *actions))


def test_far_view_in_a_move_shows_the_cue(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = far_host(tmp_path, "short")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(clock, 10, 5, 1))


def test_far_view_paused(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = far_host(tmp_path, "short")
    run = steps(clock, 10, 2, 1, "space", 5)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


def test_far_view_under_no_color(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phase is in words, so it reads without colour. Textual reads NO_COLOR when the
    app is made: set it first."""
    monkeypatch.setenv("NO_COLOR", "1")
    app, clock = far_host(tmp_path, "short")
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(clock, 10, 2, 1.5))


def test_far_view_with_reduced_motion(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The big digits stay; the bar under them goes."""
    app, clock = far_host(tmp_path, "short", reduced_motion=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(clock, 10, 2, 1.5))

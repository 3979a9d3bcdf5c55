"""SVG snapshots of the shell's screens at 80x24 (and home and settings at 60x20).

The real packaged content, the shared fixed clock (2026-11-25 10:00, UTC+1) and fixed
history seeded through the store, so the pictures only change when the look does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from shell_support import flag_on, seed, session_on
from textual.pilot import Pilot

from backcoach.clock import FakeClock
from backcoach.core.content_loader import ContentProblem
from backcoach.core.run_overrides import RunOverrides
from backcoach.core.store import HistoryStore
from backcoach.services import Services
from backcoach.tui.app import BackcoachApp

SIZE = (80, 24)
TODAY = date(2026, 11, 25)
Snap = Callable[..., bool]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*pressed)
        await pilot.pause()

    return run_before


@pytest.fixture
def seeded(store: HistoryStore, clock: FakeClock) -> None:
    """A three-day streak, one of two sessions today, one flagged exercise."""
    seed(
        store,
        session_on(clock, TODAY - timedelta(days=2)),
        session_on(clock, TODAY - timedelta(days=1)),
        session_on(clock, TODAY, target=2, routine_id="stretches", routine_name="Stretches"),
        flag_on(clock, date(2026, 11, 20), "knee-to-chest", "Knee-to-chest stretch"),
    )


def test_home(snap_compare: Snap, make_app: Callable[..., BackcoachApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys())


def test_home_with_history_and_a_flag(
    snap_compare: Snap, make_app: Callable[..., BackcoachApp], seeded: None
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("j"))


def test_home_at_60x20(snap_compare: Snap, make_app: Callable[..., BackcoachApp]) -> None:
    assert snap_compare(make_app(), terminal_size=(60, 20), run_before=keys())


def test_routine_chooser(
    snap_compare: Snap, make_app: Callable[..., BackcoachApp], seeded: None
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("r"))


def test_first_run_safety_notice(snap_compare: Snap, make_app: Callable[..., BackcoachApp]) -> None:
    assert snap_compare(make_app(acknowledged=False), terminal_size=SIZE, run_before=keys())


def test_settings(snap_compare: Snap, make_app: Callable[..., BackcoachApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("comma"))


def test_settings_at_60x20(snap_compare: Snap, make_app: Callable[..., BackcoachApp]) -> None:
    assert snap_compare(make_app(), terminal_size=(60, 20), run_before=keys("comma"))


SPEECH_NOTE = "No speech program found (spd-say, espeak-ng, espeak or say); spoken cues are off."


def _with_flags_and_no_speech(
    services: Services, write_settings: Callable[..., object]
) -> BackcoachApp:
    """Run with ``--voice cues --far-view`` on a machine without a speech program."""
    write_settings(safety_acknowledged=True)
    app = BackcoachApp(
        services,
        overrides=RunOverrides(voice="cues", far_view=True),
        speech_note=SPEECH_NOTE,
    )
    app.base_animation_level = "none"
    app.animation_level = "none"
    return app


@pytest.mark.parametrize("size", [SIZE, (60, 20)], ids=["80x24", "60x20"])
def test_settings_with_run_flags_and_the_speech_note(
    snap_compare: Snap,
    services: Services,
    write_settings: Callable[..., object],
    size: tuple[int, int],
) -> None:
    app = _with_flags_and_no_speech(services, write_settings)
    assert snap_compare(app, terminal_size=size, run_before=keys("comma"))


def test_help(snap_compare: Snap, make_app: Callable[..., BackcoachApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys("question_mark"))


def test_resume_offer(
    snap_compare: Snap,
    make_app: Callable[..., BackcoachApp],
    store: HistoryStore,
    clock: FakeClock,
) -> None:
    record = session_on(
        clock,
        TODAY,
        status="interrupted",
        done=("bridges", "knee-to-chest"),
        not_started=("draw-in", "superman"),
    )
    record.exercises[2].name = "Draw-in maneuver"
    seed(
        store,
        record,
    )
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=keys())


def _with_notices(services: Services, write_settings: Callable[..., object]) -> BackcoachApp:
    """Three content problems in two files (one message) and a repaired history file."""
    write_settings(safety_acknowledged=True)
    user_dir = Path("/home/someone/.config/backcoach/exercises")
    long_file = user_dir / "my-very-long-exercise-file-name.toml"
    services.content = replace(
        services.content,
        problems=[
            ContentProblem(long_file, "line 3: reps must be a whole number above 0."),
            ContentProblem(long_file, "line 7: hold_seconds must be above 0."),
            ContentProblem(user_dir / "extra.toml", "name is missing."),
        ],
    )
    app = BackcoachApp(
        services,
        startup_notices=[
            "/home/someone/.local/share/backcoach/history.json could not be read; it was "
            "moved aside to history.json.bad-20261125-100000 and the backup was used.",
        ],
    )
    app.base_animation_level = "none"
    app.animation_level = "none"
    return app


def test_home_with_messages(
    snap_compare: Snap, services: Services, write_settings: Callable[..., object]
) -> None:
    assert snap_compare(_with_notices(services, write_settings), terminal_size=SIZE)


def test_messages_screen(
    snap_compare: Snap, services: Services, write_settings: Callable[..., object]
) -> None:
    app = _with_notices(services, write_settings)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("m"))

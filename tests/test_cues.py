"""The cues a session plays and says, replayed on a fake clock: what, and exactly when."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backcoach.core.cue_sounds import SoundName
from backcoach.core.cues import CueCaller
from backcoach.core.engine import SessionEngine
from backcoach.core.history_models import History
from backcoach.core.plan import SessionPlan, build_plan
from backcoach.core.session_events import Event
from backcoach.core.settings import VoiceLevel
from engine_helpers import (
    TODAY,
    MemorySink,
    advance_to,
    hold_phases,
    make_catalog,
    make_clock,
    make_exercise,
    real_catalog,
)

GOLDEN = Path(__file__).parent / "fixtures" / "cues"
FRAME = 1 / 15

Heard = tuple[float, str, str]  # (seconds since the start, sound, speech)


def replay(plan: SessionPlan, voice: VoiceLevel, step: float) -> list[Heard]:
    """Run the whole plan, a frame every ``step`` seconds, and keep every cue."""
    clock = make_clock()
    engine = SessionEngine(plan, clock, MemorySink())
    caller = CueCaller(plan, voice)
    start = clock.monotonic()
    heard: list[Heard] = []

    def take(events: list[Event]) -> None:
        cue = caller.cue_for(events, engine.view())
        if cue is not None:
            sound = cue.sound.value if cue.sound is not None else ""
            heard.append((clock.monotonic() - start, sound, cue.speech))

    take([])  # the first frame shows the get-ready
    while not engine.finished:
        clock.advance(step)
        take(engine.tick())
    return heard


def sides_and_sets_plan() -> SessionPlan:
    """Two sets of two reps on each leg, a 5 s hold in each rep."""
    exercise = make_exercise(
        "lifts",
        rep=hold_phases(hold_seconds=5, move_seconds=2),
        sets=2,
        reps=2,
        sides="each_side",
        side_labels=["left leg", "right leg"],
        rest_between_sides=5,
        rest_between_sets=10,
    )
    return build_plan(make_catalog(exercise), History(), TODAY, exercise_id="lifts")


def test_one_exercise_with_sides_and_sets_cues_exactly_this() -> None:
    heard = replay(sides_and_sets_plan(), "cues", step=0.125)  # exact in binary
    assert heard == [
        (0.0, "", "Get ready"),
        (10.0, "rest-end", "Set 1 of 2"),
        (12.0, "hold-start", "Hold"),
        (14.0, "tick", "Three"),
        (15.0, "tick", "Two"),
        (16.0, "tick", "One"),
        (17.0, "hold-end", "Relax"),
        (21.0, "hold-start", "Hold"),
        (23.0, "tick", "Three"),
        (24.0, "tick", "Two"),
        (25.0, "tick", "One"),
        (26.0, "hold-end", "Relax"),
        (28.0, "switch-sides", "Switch to your right leg"),
        (33.0, "rest-end", "Start"),
        (35.0, "hold-start", "Hold"),
        (37.0, "tick", "Three"),
        (38.0, "tick", "Two"),
        (39.0, "tick", "One"),
        (40.0, "hold-end", "Relax"),
        (44.0, "hold-start", "Hold"),
        (46.0, "tick", "Three"),
        (47.0, "tick", "Two"),
        (48.0, "tick", "One"),
        (49.0, "hold-end", "Relax"),
        (51.0, "switch-sides", "Rest 10 seconds. Switch to your left leg"),
        (61.0, "rest-end", "Set 2 of 2"),
        (63.0, "hold-start", "Hold"),
        (65.0, "tick", "Three"),
        (66.0, "tick", "Two"),
        (67.0, "tick", "One"),
        (68.0, "hold-end", "Relax"),
        (72.0, "hold-start", "Hold"),
        (74.0, "tick", "Three"),
        (75.0, "tick", "Two"),
        (76.0, "tick", "One"),
        (77.0, "hold-end", "Relax"),
        (79.0, "switch-sides", "Switch to your right leg"),
        (84.0, "rest-end", "Start"),
        (86.0, "hold-start", "Hold"),
        (88.0, "tick", "Three"),
        (89.0, "tick", "Two"),
        (90.0, "tick", "One"),
        (91.0, "hold-end", "Relax"),
        (95.0, "hold-start", "Hold"),
        (97.0, "tick", "Three"),
        (98.0, "tick", "Two"),
        (99.0, "tick", "One"),
        (100.0, "hold-end", "Relax"),
        (102.0, "session-done", "Lifts done. Session complete"),
    ]


def test_voice_off_keeps_the_sounds_and_says_nothing() -> None:
    with_voice = replay(sides_and_sets_plan(), "cues", step=0.125)
    silent = replay(sides_and_sets_plan(), "off", step=0.125)
    assert [(at, sound) for at, sound, _ in with_voice if sound] == [
        (at, sound) for at, sound, _ in silent
    ]
    assert all(speech == "" for _, _, speech in silent)


def routine_lines(voice: VoiceLevel) -> list[str]:
    heard = replay(
        build_plan(real_catalog(), History(), TODAY, routine_id="stretches"), voice, step=0.125
    )
    return [f"{at:8.3f}  {sound or '-':13}  {speech}" for at, sound, speech in heard]


@pytest.mark.parametrize("voice", ["cues", "full"])
def test_the_whole_stretches_routine_cues_as_recorded(voice: VoiceLevel) -> None:
    """The exact (time, sound, speech) list of the stretches routine, kept in a file a
    reviewer can read. BACKCOACH_WRITE_CUES=1 rewrites it after a deliberate change."""
    golden = GOLDEN / f"stretches-{voice}.txt"
    lines = routine_lines(voice)
    if os.environ.get("BACKCOACH_WRITE_CUES") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == golden.read_text(encoding="utf-8").splitlines()
    sounds = {line.split()[1] for line in lines} - {"-"}
    assert sounds == {s.value for s in SoundName}, "the stretches use every sound"


@pytest.mark.parametrize("voice", ["cues", "full"])
def test_no_cue_is_late_by_more_than_one_frame(voice: VoiceLevel) -> None:
    """At 15 frames a second every cue comes within a frame of when a near-continuous
    clock (1024 frames a second) gives it, and none comes early."""
    plan = build_plan(real_catalog(), History(), TODAY, routine_id="stretches")
    exact = replay(plan, voice, step=1 / 1024)
    framed = replay(plan, voice, step=FRAME)
    assert [(s, w) for _, s, w in framed] == [(s, w) for _, s, w in exact]
    lateness = [late - early for (late, _, _), (early, _, _) in zip(framed, exact, strict=True)]
    assert min(lateness) > -1 / 1024 - 1e-9
    assert max(lateness) <= FRAME + 1 / 1024 + 1e-9


def test_a_short_hold_gets_no_countdown() -> None:
    exercise = make_exercise("quick", rep=hold_phases(hold_seconds=3, move_seconds=1), reps=1)
    plan = build_plan(make_catalog(exercise), History(), TODAY, exercise_id="quick")
    heard = replay(plan, "cues", step=0.125)
    assert SoundName.TICK.value not in {sound for _, sound, _ in heard}
    assert ("Hold" in {speech for _, _, speech in heard}) is True


def test_a_paused_hold_counts_down_after_the_pause_not_during_it() -> None:
    plan = sides_and_sets_plan()
    clock = make_clock()
    engine = SessionEngine(plan, clock, MemorySink())
    caller = CueCaller(plan, "cues")
    caller.cue_for([], engine.view())
    advance_to(engine, clock, 12 + 1, hz=8)  # get ready 10 s, lift 2 s, 1 s into the hold
    view = engine.view()
    assert view is not None and view.kind == "hold"
    caller.cue_for([], view)
    engine.toggle_pause()
    clock.advance(4)  # paused past where "Three" would be
    assert caller.cue_for(engine.tick(), engine.view()) is None
    engine.toggle_pause()
    said: list[str] = []
    for _ in range(8):  # one second
        clock.advance(0.125)
        cue = caller.cue_for(engine.tick(), engine.view())
        if cue is not None:
            said.append(cue.speech)
    assert said == ["Three"], "the countdown goes on from where the hold was"


def test_back_starts_the_countdown_again() -> None:
    plan = sides_and_sets_plan()
    clock = make_clock()
    engine = SessionEngine(plan, clock, MemorySink())
    caller = CueCaller(plan, "cues")
    said: list[str] = []

    def frames(seconds: float) -> None:
        for _ in range(round(seconds * 8)):
            clock.advance(0.125)
            cue = caller.cue_for(engine.tick(), engine.view())
            if cue is not None:
                said.append(cue.speech)

    frames(12 + 4)  # into the hold, past "Three" and "Two"
    engine.back()  # redo the rep: lift, then the hold again
    said.clear()
    frames(2 + 5)
    assert said == ["Set 1 of 2", "Hold", "Three", "Two", "One", "Relax"]


def test_nothing_is_cued_while_stopped_for_pain() -> None:
    plan = sides_and_sets_plan()
    clock = make_clock()
    engine = SessionEngine(plan, clock, MemorySink())
    caller = CueCaller(plan, "cues")
    advance_to(engine, clock, 13, hz=8)
    caller.cue_for([], engine.view())
    events = engine.pain_stop()
    clock.advance(3)
    assert caller.cue_for(events + engine.tick(), engine.view()) is None

"""Shared helpers for the plan, engine and progression tests: hand-made exercises, the
real content, an in-memory sink, and a driver that runs a session on a fake clock."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from backcoach.clock import FakeClock
from backcoach.core.content_models import About, Catalog, Exercise, Routine
from backcoach.core.engine import SessionEngine
from backcoach.core.history_models import Flag, History, SessionRecord
from backcoach.core.session_events import Event, EventKind

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
TODAY = date(2026, 11, 25)

ABOUT = About(
    source="A test source",
    disclaimer="General information for tests, not medical advice.",
    safety=["Stop if it hurts."],
)


def hold_phases(hold_seconds: float = 5, move_seconds: float = 2) -> list[dict[str, Any]]:
    """A rep of move, hold, move: the usual shape."""
    return [
        {"kind": "move", "cue": "Lift", "seconds": move_seconds, "step": 1},
        {"kind": "hold", "cue": "Hold it", "seconds": hold_seconds, "step": 2},
        {"kind": "move", "cue": "Lower", "seconds": move_seconds, "step": 3},
    ]


def make_exercise(
    exercise_id: str = "lifts",
    *,
    rep: list[dict[str, Any]] | None = None,
    progression: dict[str, Any] | None = None,
    **dosage: Any,
) -> Exercise:
    """A valid exercise; dosage keys as in a content file (``reps`` defaults to 3)."""
    dosage.setdefault("reps", 3)
    data: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "kind": "strength",
        "works": "Some muscles.",
        "why": "Because it helps.",
        "start_position": "Lie on your back.",
        "steps": ["Lift.", "Hold.", "Lower."],
        "dosage": dosage,
        "rep": rep if rep is not None else hold_phases(),
    }
    if progression is not None:
        data["progression"] = progression
    return Exercise.model_validate(data)


def make_catalog(*exercises: Exercise, routines: list[Routine] | None = None) -> Catalog:
    """A catalog of ``exercises`` with one routine, ``all``, doing them in order."""
    if routines is None:
        routines = [
            Routine(
                id="all",
                name="All of them",
                description="Every exercise.",
                exercises=[e.id for e in exercises],
            )
        ]
    return Catalog(
        exercises={e.id: e for e in exercises},
        routines={r.id: r for r in routines},
        about=ABOUT,
    )


def load_exercise_file(name: str) -> Exercise:
    with (CONTENT_DIR / "exercises" / f"{name}.toml").open("rb") as handle:
        return Exercise.model_validate(tomllib.load(handle))


def real_catalog() -> Catalog:
    """The packaged content, through the real loader (which must report no problems)."""
    from backcoach.core.content_loader import load_catalog

    loaded = load_catalog(content_dir=CONTENT_DIR)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    return loaded.catalog


@dataclass
class MemorySink:
    """Keeps what the engine hands over, like the store would."""

    saved: list[SessionRecord] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def save_session(self, record: SessionRecord) -> None:
        self.saved.append(record)

    def add_flag(self, flag: Flag) -> None:
        self.flags.append(flag)

    @property
    def latest(self) -> SessionRecord:
        return self.saved[-1]

    def history(self) -> History:
        """A history as the store would hold it: the latest copy of each session."""
        latest = {record.id: record for record in self.saved}
        return History(sessions=list(latest.values()), flags=list(self.flags))


@dataclass
class TimedEvent:
    at: float  # clock seconds since the run started
    event: Event


def run_session(
    engine: SessionEngine,
    clock: FakeClock,
    hz: float = 15,
    *,
    limit_seconds: float = 4 * 3600,
    confirm_after: float = 0.0,
) -> list[TimedEvent]:
    """Tick at ``hz`` until the session is done, confirming self-paced steps after
    ``confirm_after`` seconds; returns every event with the clock time it was seen."""
    start = clock.monotonic()
    seen: list[TimedEvent] = []
    waited = 0.0
    while not engine.finished:
        now = clock.monotonic() - start
        assert now <= limit_seconds, "the session never ended"
        seen.extend(TimedEvent(now, e) for e in engine.tick())
        view = engine.view()
        if view is None:
            break
        if not view.timed and waited >= confirm_after:
            seen.extend(TimedEvent(now, e) for e in engine.next())
            waited = 0.0
            continue
        clock.advance(1 / hz)
        waited += 1 / hz
    return seen


def kinds(events: list[TimedEvent] | list[Event]) -> list[EventKind]:
    return [e.event.kind if isinstance(e, TimedEvent) else e.kind for e in events]


def advance_to(engine: SessionEngine, clock: FakeClock, seconds: float, hz: float = 4) -> None:
    """Tick at ``hz`` for ``seconds`` of clock time."""
    ticks = round(seconds * hz)
    for _ in range(ticks):
        clock.advance(1 / hz)
        engine.tick()


def make_clock() -> FakeClock:
    """Wednesday 2026-11-25, 10:00 local time at UTC+1."""
    return FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), tz=timezone(timedelta(hours=1)))

"""Fixed data and a tiny host app for the session screen tests.

The catalog here is made up for the tests (short holds, few reps) so that a whole
routine runs in a handful of clock steps and snapshots do not change when the real
content is edited.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Label

from backcoach.clock import FakeClock
from backcoach.core.content_loader import CatalogLoad
from backcoach.core.content_models import Catalog
from backcoach.core.history_models import (
    ExerciseRecord,
    Flag,
    History,
    ProgressionState,
    SessionRecord,
    SetRecord,
)
from backcoach.core.plan import SessionPlan, build_plan
from backcoach.core.progression import record_progression
from backcoach.core.session_events import StepView
from backcoach.core.settings import Settings
from backcoach.core.store import HistoryStore, LoadReport, SaveReport
from backcoach.paths import AppPaths
from backcoach.services import Services
from backcoach.tui.messages import HistorySaved, SessionOutcome
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.screen import SessionScreen
from backcoach.tui.session.summary import SummaryScreen

ABOUT = {
    "source": "Made-up test content.",
    "disclaimer": "General information, not medical advice.",
    "safety": ["If an exercise makes your pain worse, stop it and consult a doctor."],
}

HOLDER = {
    "id": "holder",
    "name": "Test hold",
    "kind": "strength",
    "works": "The test muscles.",
    "why": "It is short.",
    "start_position": "Lie on your back.",
    "steps": [
        "Breathe in and lift your hips.",
        "Hold them up, breathing out.",
        "Lower them slowly.",
    ],
    "dosage": {"reps": 2, "rest_between_reps": 2},
    "rep": [
        {"kind": "breathe", "cue": "Breathe in, lift", "seconds": 2, "breath": "in", "step": 1},
        {"kind": "hold", "cue": "Hold the lift", "seconds": 3, "step": 2},
        {"kind": "move", "cue": "Lower slowly", "seconds": 2, "step": 3},
    ],
    "progression": {"start_reps": 2, "step_per_day": 1, "max_reps": 4},
    "order": 1,
}

SIDER = {
    "id": "sider",
    "name": "Test sides",
    "kind": "stretch",
    "works": "Both sides.",
    "why": "Sides need a cue.",
    "start_position": "Lie on one side.",
    "steps": ["Raise the top leg [not markup].", "Lower it."],
    "dosage": {
        "reps": 1,
        "sides": "each_side",
        "side_labels": ["left", "right"],
        "rest_between_sides": 3,
    },
    "rep": [
        {"kind": "hold", "cue": "Raise and hold", "seconds": 2, "step": 1},
        {"kind": "confirm", "cue": "Lower it, then press enter", "step": 2},
    ],
    "order": 2,
}

ALTERNATOR = {
    "id": "alternator",
    "name": "Test alternating",
    "kind": "stretch",
    "works": "One side, then the other, every rep.",
    "why": "Alternating sides with no rest between them.",
    "start_position": "Lie on your back.",
    "steps": ["Bring one knee up.", "Hold it to your chest.", "Let it down."],
    "dosage": {"reps": 2, "sides": "alternating", "side_labels": ["left leg", "right leg"]},
    "rep": [
        {"kind": "move", "cue": "Bring the knee up", "seconds": 1, "step": 1},
        {"kind": "hold", "cue": "Hold the knee in", "seconds": 2, "step": 2},
        {"kind": "move", "cue": "Let it down", "seconds": 1, "step": 3},
    ],
    "order": 3,
}

ROUTINES = {
    "short": {
        "id": "short",
        "name": "Short test routine",
        "description": "Two short exercises.",
        "exercises": ["holder", "sider"],
    },
    "alternating": {
        "id": "alternating",
        "name": "Alternating",
        "description": "One exercise alternating sides.",
        "exercises": ["alternator"],
    },
    "sides-only": {
        "id": "sides-only",
        "name": "Sides only",
        "description": "One exercise with sides.",
        "exercises": ["sider"],
    },
}


def tiny_catalog() -> Catalog:
    return Catalog.model_validate(
        {
            "exercises": {"holder": HOLDER, "sider": SIDER, "alternator": ALTERNATOR},
            "routines": ROUTINES,
            "about": ABOUT,
        }
    )


@dataclass
class MemoryStore:
    """The store's interface, in memory, where every save can report a failure
    (``fail_with``) the way the real store does when the disk is full."""

    history: History = field(default_factory=History)
    fail_with: str | None = None
    saves: int = 0
    threads: set[str] = field(default_factory=set)  # where the writes ran
    progression_writes: list[ProgressionState] = field(default_factory=list)

    def load(self) -> LoadReport:
        return LoadReport(self.history.model_copy(deep=True))

    def update(self, change: Callable[[History], None]) -> SaveReport:
        self.threads.add(threading.current_thread().name)
        change(self.history)
        self.saves += 1
        if self.fail_with is not None:
            return SaveReport(ok=False, message=self.fail_with, pending=self.saves)
        return SaveReport(ok=True)

    def save_session(self, record: SessionRecord) -> SaveReport:
        def put(history: History) -> None:
            history.sessions = [s for s in history.sessions if s.id != record.id]
            history.sessions.append(record.model_copy(deep=True))

        return self.update(put)

    def advance_progression(self, record: SessionRecord, catalog: Catalog) -> SaveReport:
        def put(history: History) -> None:
            before = dict(history.progression)
            record_progression(history, catalog, record)
            self.progression_writes.extend(
                state for key, state in history.progression.items() if before.get(key) != state
            )

        return self.update(put)

    def add_flag(self, flag: Flag) -> SaveReport:
        return self.update(lambda history: history.flags.append(flag.model_copy(deep=True)))


def FakeSettings(**changes: Any) -> Settings:
    """The real settings with a few changed; the session reads nothing else."""
    return Settings(**changes)


def make_services(tmp_path: Path, clock: FakeClock, store: Any | None = None) -> Services:
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    return Services(
        paths=paths,
        clock=clock,
        content=CatalogLoad(tiny_catalog()),
        store=store if store is not None else HistoryStore(paths.data_dir, clock),
    )


def plan_for(services: Services, routine_id: str = "short") -> SessionPlan:
    history = services.store.load().history
    return build_plan(
        services.content.catalog,
        history,
        services.clock.now().date(),
        routine_id=routine_id,
    )


class HelpStandIn(ModalScreen[None]):
    """What F1 opens in the host: a screen over the session; escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help-stand-in.close", tooltip="Close")
    ]

    def compose(self) -> ComposeResult:
        yield Label("Help")


class SessionHost(App[None]):
    """Stands in for the real app around one session screen: opens it, shows the
    summary when it closes (as the app does), keeps every save's report, counts bells."""

    # The real app has a help key on every screen; it takes room in the footer too.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", key_display="?", id="app.help")
    ]

    def __init__(
        self,
        services: Services,
        plan: SessionPlan,
        settings: Settings | None = None,
        resume: SessionRecord | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self.settings = settings or FakeSettings()
        self.resume = resume
        self.bells = 0
        self.reports: list[SaveReport] = []
        self.outcome: SessionOutcome | None = None

    def on_mount(self) -> None:
        self.animation_level = "none"
        screen = SessionScreen(self.services, self.plan, self.settings, self.resume)
        self.push_screen(screen, self._session_done)

    def _session_done(self, outcome: SessionOutcome | None) -> None:
        self.outcome = outcome
        if outcome is not None:
            history = self.services.store.load().history
            record = outcome.record
            self.push_screen(SummaryScreen(record, history=history, today=record.local_date))

    @on(HistorySaved)
    def _saved(self, message: HistorySaved) -> None:
        self.reports.append(message.report)

    def action_help(self) -> None:
        self.push_screen(HelpStandIn())

    def bell(self) -> None:
        self.bells += 1


# -- driving a session in a test ----------------------------------------------------


def stored(services: Services) -> History:
    """What is on disk now (a fresh store reads the file)."""
    return HistoryStore(services.paths.data_dir, services.clock).load().history


def top_screen(app: App[Any]) -> Screen[Any]:
    """The screen on top now. A call, so mypy does not keep an earlier
    ``isinstance(app.screen, ...)`` narrowing after the keys that changed it."""
    return app.screen


def session_screen(app: SessionHost) -> SessionScreen:
    screen = app.screen_stack[1]
    assert isinstance(screen, SessionScreen)
    return screen


async def run_for(pilot: Pilot[None], clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Move the clock ``seconds`` forward in frame-sized steps, drawing after each."""
    app = pilot.app
    assert isinstance(app, SessionHost)
    screen = session_screen(app)
    moved = 0.0
    while moved < seconds - 1e-9:
        delta = min(step, seconds - moved)
        clock.advance(delta)
        moved += delta
        screen.refresh_from_clock()
    await pilot.pause()


async def start(pilot: Pilot[None], pain_before: str | None = "3") -> SessionScreen:
    """Answer the pain-before question and return the running session screen."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, PainRatingScreen)
    if pain_before is None:
        await pilot.press("escape")
    else:
        await pilot.press(pain_before, "enter")
    assert isinstance(pilot.app, SessionHost)
    screen = session_screen(pilot.app)
    assert top_screen(pilot.app) is screen
    assert screen.engine is not None
    return screen


def view_of(screen: SessionScreen):  # type: ignore[no-untyped-def]
    assert screen.engine is not None
    view = screen.engine.view()
    assert view is not None
    return view


def record_of(*exercises: ExerciseRecord, status: str = "completed") -> SessionRecord:
    started = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    return SessionRecord.model_validate(
        {
            "routine_id": "short",
            "routine_name": "Stretches",
            "started_at": started,
            "local_date": started.date(),
            "utc_offset_minutes": 0,
            "status": status,
            "exercises": [e.model_dump() for e in exercises],
        }
    )


def exercise(name: str, status: str, reps: int = 0, holds: int = 0) -> ExerciseRecord:
    sets = [SetRecord(set=1, side=None, reps_done=reps, holds_done=holds)] if reps else []
    return ExerciseRecord(
        exercise_id=name.lower().replace(" ", "-"), name=name, status=status, sets=sets
    )


def a_view(**changes: object) -> StepView:
    values: dict[str, object] = {
        "exercise_id": "x",
        "exercise_name": "X",
        "exercise_index": 1,
        "exercise_count": 1,
        "instruction_step": None,
        "set_number": 1,
        "set_count": 3,
        "side": "left leg",
        "side_number": 1,
        "side_count": 2,
        "rep_number": 4,
        "rep_count": 15,
        "phase_number": 1,
        "phase_count": 3,
        "kind": "hold",
        "cue": "",
        "breath": None,
        "timed": True,
        "seconds_total": 5.0,
        "seconds_remaining": 5.0,
        "fraction_done": 0.0,
        "paused": False,
        "next_up": "",
    }
    values.update(changes)
    return StepView(**values)  # type: ignore[arg-type]

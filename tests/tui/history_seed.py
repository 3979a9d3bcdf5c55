"""Fixed history data and a tiny app for the history screen tests and snapshots.

Today is Wednesday 2026-11-25 (the shared ``clock`` fixture's day); sessions are in UTC. The seeded
history has a five-day streak ending today with a rest day inside it (Nov 22), an older
ten-day run (Oct 1-10, the longest), one of two stretch sessions done today, an ended-early
session that does not count, one active flag with a pain stop and one cleared flag.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from textual import on
from textual.app import App
from textual.reactive import var

from backcoach.core.history_models import (
    ExerciseRecord,
    Flag,
    History,
    RestDay,
    SessionRecord,
    SetRecord,
    StopPosition,
)
from backcoach.core.store import HistoryStore, SaveReport
from backcoach.services import Services
from backcoach.tui.messages import HistorySaved
from store_factory import session_on as build_session

TODAY = date(2026, 11, 25)
REST_DAY = date(2026, 11, 22)
PAIN_STOP_SESSION = UUID("00000000-0000-4000-8000-000000001123")
ACTIVE_FLAG = UUID("00000000-0000-4000-8000-00000000f001")
CLEARED_FLAG = UUID("00000000-0000-4000-8000-00000000f002")

EXERCISES = (
    ("pelvic-tilt", "Pelvic tilt"),
    ("knee-to-chest", "Knee-to-chest stretch"),
    ("bridge", "Bridge"),
)

STOP = StopPosition(
    set=2,
    side="left",
    rep=3,
    phase=2,
    phase_kind="hold",
    phase_cue="Hold the knee [gently]",
    seconds_into_phase=4.5,
)


def _uuid(day: date, index: int) -> UUID:
    return UUID(f"00000000-0000-4000-8000-{day.strftime('%Y%m%d')}{index:04d}")


def _exercises(*, stop_last: bool = False) -> list[ExerciseRecord]:
    records = []
    for number, (exercise_id, name) in enumerate(EXERCISES):
        records.append(
            ExerciseRecord(
                exercise_id=exercise_id,
                name=name,
                status="completed",
                sets=[SetRecord(set=1, side=None, reps_done=10, holds_done=10)],
                seconds_spent=120.0 + number * 30,
            )
        )
    if stop_last:
        records[1] = ExerciseRecord(
            exercise_id="knee-to-chest",
            name="Knee-to-chest stretch",
            status="stopped_for_pain",
            sets=[
                SetRecord(set=1, side="left", reps_done=3, holds_done=3),
                SetRecord(set=1, side="right", reps_done=3, holds_done=3),
                SetRecord(set=2, side="left", reps_done=2, holds_done=2),
            ],
            seconds_spent=95.0,
            stopped_at=STOP,
        )
        records[2] = records[2].model_copy(update={"status": "skipped", "sets": []})
    return records


def session(
    day: date,
    *,
    index: int = 0,
    hour: int = 8,
    status: str = "completed",
    routine: str = "Daily routine",
    target: int = 1,
    pain: tuple[int | None, int | None] = (None, None),
    stop: bool = False,
    session_id: UUID | None = None,
) -> SessionRecord:
    """One session of the seeded history, built by the tests' one session builder."""
    return build_session(
        day,
        status,  # type: ignore[arg-type]
        hour=hour,
        target_per_day=target,
        pain=pain,
        exercises=_exercises(stop_last=stop),
        routine=routine,
        routine_id=routine.lower().replace(" ", "-"),
        session_id=session_id or _uuid(day, index),
        ended_after=12,
    )


def seeded_history() -> History:
    sessions = [session(date(2026, 10, 1) + timedelta(days=i)) for i in range(10)]
    sessions += [
        session(date(2026, 11, 19), status="ended_early", pain=(6, 6)),
        session(date(2026, 11, 20), pain=(5, 3)),
        session(date(2026, 11, 21), pain=(5, 4)),
        session(
            date(2026, 11, 23),
            pain=(4, 7),
            stop=True,
            session_id=PAIN_STOP_SESSION,
        ),
        session(date(2026, 11, 24), pain=(4, 2)),
        session(date(2026, 11, 24), index=1, hour=19, pain=(3, 2)),
        session(TODAY, hour=7, routine="Stretches", target=2, pain=(3, 1)),
    ]
    flags = [
        Flag(
            id=ACTIVE_FLAG,
            exercise_id="knee-to-chest",
            exercise_name="Knee-to-chest stretch",
            flagged_at=datetime(2026, 11, 23, 8, 6, tzinfo=UTC),
            local_date=date(2026, 11, 23),
            session_id=PAIN_STOP_SESSION,
            stopped_at=STOP,
            pain=7,
        ),
        Flag(
            id=CLEARED_FLAG,
            exercise_id="bridge",
            exercise_name="Bridge",
            flagged_at=datetime(2026, 10, 5, 8, 4, tzinfo=UTC),
            local_date=date(2026, 10, 5),
            pain=6,
            cleared_at=datetime(2026, 10, 9, 9, 0, tzinfo=UTC),
            cleared_note="Physio said fine",
            cleared_by_clinician=True,
        ),
    ]
    rest = [RestDay(local_date=REST_DAY, marked_at=datetime(2026, 11, 22, 9, 0, tzinfo=UTC))]
    return History(sessions=sessions, flags=flags, rest_days=rest)


def seed(store: HistoryStore, history: History) -> None:
    """Write ``history`` through the store, as the app would have."""

    def replace(target: History) -> None:
        target.sessions = list(history.sessions)
        target.flags = list(history.flags)
        target.rest_days = list(history.rest_days)

    report = store.update(replace)
    assert report.ok, report.message


class HistoryTestApp(App[None]):
    """Just enough app around the history screen (the real app is tested elsewhere):
    it hands the history down and takes every save's report, as the app does."""

    history: var[History] = var(History, always_update=True, init=False)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.animation_level = "none"
        self.reports: list[SaveReport] = []

    @property
    def store_problems(self) -> list[str]:
        return [r.message or "" for r in self.reports if not r.ok]

    def on_mount(self) -> None:
        from backcoach.tui.history.screen import HistoryScreen

        self.history = self.services.store.history
        screen = HistoryScreen(self.services.store, self.services.clock, self.history)
        self.push_screen(screen.data_bind(HistoryTestApp.history))

    @on(HistorySaved)
    def _saved(self, message: HistorySaved) -> None:
        self.reports.append(message.report)
        self.history = self.services.store.history

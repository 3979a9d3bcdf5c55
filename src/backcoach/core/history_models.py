"""What the history holds: sessions, flags, rest days, progression.

This is the in-memory shape the app uses; on disk (schema version 3) it is split into
month files of sessions and a summary of the rest (see ``backcoach.core.store``).

Timestamps are aware UTC; each session also keeps the UTC offset and the local date at
its start, fixed when written, so travelling never rewrites which day a past session
counted for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 3

PainScore = Annotated[int, Field(ge=0, le=10)]
SessionStatus = Literal["in_progress", "completed", "ended_early", "interrupted"]
#: ``partly_done``: reached and some of it done (a rep or a hold), then skipped or the
#: session ended; ``skipped``: reached but nothing of it done.
ExerciseStatus = Literal["completed", "partly_done", "skipped", "stopped_for_pain", "not_started"]


class _Record(BaseModel):
    """Records ignore unknown keys from a newer minor writer but keep strict types."""

    model_config = ConfigDict(extra="ignore")


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


class StopPosition(_Record):
    """Exactly where an exercise was stopped: set, side, rep, phase, seconds into it."""

    set: int = Field(ge=1)
    side: str | None = None
    rep: int = Field(ge=1)
    phase: int = Field(ge=1, description="1-based index of the phase within the rep")
    phase_kind: str
    phase_cue: str
    seconds_into_phase: float = Field(ge=0)


class SetRecord(_Record):
    """Reps and holds done in one set, on one side (side is None for two-sided work)."""

    set: int = Field(ge=1)
    side: str | None = None
    reps_done: int = Field(ge=0)
    holds_done: int = Field(ge=0)


class ExerciseRecord(_Record):
    """One exercise within a session."""

    exercise_id: str
    name: str
    status: ExerciseStatus = "not_started"
    sets: list[SetRecord] = Field(default_factory=list)
    seconds_spent: float = Field(default=0.0, ge=0)
    stopped_at: StopPosition | None = None
    planned_reps: int | None = None
    planned_sets: int | None = None

    @property
    def reps_done(self) -> int:
        return sum(s.reps_done for s in self.sets)

    @property
    def holds_done(self) -> int:
        return sum(s.holds_done for s in self.sets)


class SessionRecord(_Record):
    """One session: a routine (or a single exercise) from start to end."""

    id: UUID = Field(default_factory=uuid4)
    routine_id: str | None = None
    routine_name: str
    started_at: AwareDatetime
    utc_offset_minutes: int
    local_date: date
    ended_at: AwareDatetime | None = None
    status: SessionStatus = "in_progress"
    pain_before: PainScore | None = None
    pain_after: PainScore | None = None
    exercises: list[ExerciseRecord] = Field(default_factory=list)
    target_per_day: int = Field(
        default=1, ge=1, description="the routine's times a day, for 'today n/target'"
    )
    pid: int | None = Field(default=None, description="process that owns an in-progress session")
    updated_at: AwareDatetime | None = None
    last_saved_at: AwareDatetime | None = Field(
        default=None,
        description="the owner's last save, kept when the session is marked interrupted",
    )

    _utc_start = field_validator("started_at", "ended_at", "updated_at", "last_saved_at")(
        lambda v: None if v is None else _to_utc(v)
    )

    @classmethod
    def begin(
        cls,
        *,
        routine_id: str | None,
        routine_name: str,
        now: datetime,
        pid: int | None,
        target_per_day: int = 1,
    ) -> SessionRecord:
        """A new in-progress session; ``now`` is aware local time and fixes the day."""
        offset = now.utcoffset()
        if offset is None:
            raise ValueError("session start needs an aware time")
        return cls(
            routine_id=routine_id,
            routine_name=routine_name,
            started_at=now,
            utc_offset_minutes=int(offset.total_seconds() // 60),
            local_date=now.date(),
            pid=pid,
            target_per_day=target_per_day,
            updated_at=now,
        )


class Flag(_Record):
    """An exercise that made pain worse. Cleared flags stay, as history."""

    id: UUID = Field(default_factory=uuid4)
    exercise_id: str
    exercise_name: str
    flagged_at: AwareDatetime
    local_date: date
    session_id: UUID | None = None
    stopped_at: StopPosition | None = None
    pain: PainScore | None = None
    cleared_at: AwareDatetime | None = None
    cleared_note: str | None = None
    cleared_by_clinician: bool | None = None
    withdrawn_at: AwareDatetime | None = Field(
        default=None, description="when the user said the stop was pressed by mistake"
    )

    _utc = field_validator("flagged_at", "cleared_at", "withdrawn_at")(
        lambda v: None if v is None else _to_utc(v)
    )

    @property
    def active(self) -> bool:
        return self.cleared_at is None and self.withdrawn_at is None

    @property
    def withdrawn(self) -> bool:
        """Pressed by mistake: kept in the history, but never a pain stop."""
        return self.withdrawn_at is not None


class RestDay(_Record):
    """A day the user marked as too painful to exercise (a flare day)."""

    local_date: date
    marked_at: AwareDatetime
    note: str | None = None


class RestDayUnmarked(_Record):
    """A rest day taken back, and when: across machines the later of a marking and an
    unmarking of the same day wins, so the unmarking must be remembered."""

    local_date: date
    unmarked_at: AwareDatetime


class ProgressionState(_Record):
    """Where a progressing exercise stands (the pelvic tilt's reps)."""

    exercise_id: str
    reps: int = Field(ge=1)
    last_advanced_on: date | None = None
    last_done_on: date | None = None


class History(_Record):
    """The whole history. Every field but ``sessions`` is kept in the summary file, so a
    small new field needs no change to the store (lists and dicts merge by union)."""

    schema_version: int = SCHEMA_VERSION
    sessions: list[SessionRecord] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    rest_days: list[RestDay] = Field(default_factory=list)
    rest_days_unmarked: list[RestDayUnmarked] = Field(default_factory=list)
    progression: dict[str, ProgressionState] = Field(default_factory=dict)

    def active_flags(self) -> dict[str, Flag]:
        """The newest uncleared flag per exercise."""
        active: dict[str, Flag] = {}
        for flag in sorted(self.flags, key=lambda f: f.flagged_at):
            if flag.active:
                active[flag.exercise_id] = flag
        return active

"""What the history holds: sessions, flags, rest days, progression.

This is the in-memory shape the app uses; on disk (schema version 3) it is split into
month files of sessions and a summary of the rest (see ``backcoach.core.store``).

Timestamps are aware UTC; each session also keeps the UTC offset and the local date at
its start, fixed when written, so travelling never rewrites which day a past session
counted for.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, Self, TypeVar
from uuid import UUID, uuid4

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    ValidationInfo,
    model_validator,
)

from backcoach.core.visible_text import has_control_characters, visible

SCHEMA_VERSION = 3

#: The years a history may hold: wide enough for any clock, narrow enough that a time
#: moved by its UTC offset (or a day's start) never overflows ``datetime``.
FIRST_YEAR = 1900
LAST_YEAR = 9000
#: The UTC offsets in use on Earth: -12:00 to +14:00.
MIN_UTC_OFFSET_MINUTES = -12 * 60
MAX_UTC_OFFSET_MINUTES = 14 * 60
#: A process id: pid_t is a signed 32-bit number on every platform the app runs on.
MAX_PID = 2**31 - 1
#: Far above any real count (a rep a second for a day), low enough to stay a small int.
MAX_COUNT = 100_000
MAX_SECONDS = 10_000_000.0


def _not_a_number(value: Any) -> Any:
    """A timestamp or date is text in the file: a number (``12345``) would be read as
    seconds since 1970 and, say, silently clear an active flag."""
    if isinstance(value, int | float):
        raise ValueError("expected a date or time as text, got a number")
    return value


def _within_years(value: Any) -> Any:
    if isinstance(value, datetime | date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"the year {value.year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return value


def _aware_utc(value: datetime) -> datetime:
    """Stored in UTC. The year is checked before the offset is applied (near year 1 or
    9999 ``astimezone`` would overflow) and after it (the stored time must fit too)."""
    _within_years(value)
    in_utc = value.astimezone(UTC)
    _within_years(in_utc)
    return in_utc


#: The validation context key ``decode`` sets when the file's bytes may hold a control
#: character (see ``history_io``): only then are the texts walked (a fast path for the
#: usual file, which has none).
MAY_HOLD_CONTROLS = "may_hold_control_characters"

Timestamp = Annotated[AwareDatetime, BeforeValidator(_not_a_number), AfterValidator(_aware_utc)]
LocalDate = Annotated[date, BeforeValidator(_not_a_number), AfterValidator(_within_years)]
Count = Annotated[StrictInt, Field(ge=0, le=MAX_COUNT)]
Ordinal = Annotated[StrictInt, Field(ge=1, le=MAX_COUNT)]
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS)]
PainScore = Annotated[StrictInt, Field(ge=0, le=10)]
SessionStatus = Literal["in_progress", "completed", "ended_early", "interrupted"]
#: ``partly_done``: reached and some of it done (a rep or a hold), then skipped or the
#: session ended; ``skipped``: reached but nothing of it done.
ExerciseStatus = Literal["completed", "partly_done", "skipped", "stopped_for_pain", "not_started"]


class _Record(BaseModel):
    """Records ignore unknown keys from a newer minor writer but keep strict types."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)


class StopPosition(_Record):
    """Exactly where an exercise was stopped: set, side, rep, phase, seconds into it."""

    set: Ordinal
    side: str | None = None
    rep: Ordinal
    phase: Ordinal = Field(description="1-based index of the phase within the rep")
    phase_kind: str
    phase_cue: str
    seconds_into_phase: Seconds


class SetRecord(_Record):
    """Reps and holds done in one set, on one side (side is None for two-sided work)."""

    set: Ordinal
    side: str | None = None
    reps_done: Count
    holds_done: Count


class ExerciseRecord(_Record):
    """One exercise within a session."""

    exercise_id: str
    name: str
    status: ExerciseStatus = "not_started"
    sets: list[SetRecord] = Field(default_factory=list)
    seconds_spent: Seconds = 0.0
    stopped_at: StopPosition | None = None
    planned_reps: Count | None = None
    planned_sets: Count | None = None

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
    started_at: Timestamp
    utc_offset_minutes: StrictInt = Field(ge=MIN_UTC_OFFSET_MINUTES, le=MAX_UTC_OFFSET_MINUTES)
    local_date: LocalDate
    ended_at: Timestamp | None = None
    status: SessionStatus = "in_progress"
    pain_before: PainScore | None = None
    pain_after: PainScore | None = None
    exercises: list[ExerciseRecord] = Field(default_factory=list)
    target_per_day: StrictInt = Field(
        default=1, ge=1, le=100, description="the routine's times a day, for 'today n/target'"
    )
    pid: StrictInt | None = Field(
        default=None, ge=1, le=MAX_PID, description="process that owns an in-progress session"
    )
    updated_at: Timestamp | None = None
    last_saved_at: Timestamp | None = Field(
        default=None,
        description="the owner's last save, kept when the session is marked interrupted",
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


RecordT = TypeVar("RecordT")


def _merged_by_key(
    records: list[RecordT],
    key: Callable[[RecordT], Hashable],
    pick: Callable[[RecordT, RecordT], RecordT],
) -> list[RecordT]:
    """One record per key, in first-seen order; ``pick(kept, other)`` decides a clash."""
    if len({key(record) for record in records}) == len(records):
        return records  # the usual case: nothing to merge, nothing copied
    kept: dict[Hashable, RecordT] = {}
    for record in records:
        k = key(record)
        kept[k] = pick(kept[k], record) if k in kept else record
    return list(kept.values())


def _merged_text(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'} with an id already used"


def _newer_session(kept: SessionRecord, other: SessionRecord) -> SessionRecord:
    """The copy saved last (an unknown time loses to a known one), as a save merges."""
    if other.updated_at is None:
        return kept
    if kept.updated_at is None or other.updated_at >= kept.updated_at:
        return other
    return kept


class Flag(_Record):
    """An exercise that made pain worse. Cleared flags stay, as history."""

    id: UUID = Field(default_factory=uuid4)
    exercise_id: str
    exercise_name: str
    flagged_at: Timestamp
    local_date: LocalDate
    session_id: UUID | None = None
    stopped_at: StopPosition | None = None
    pain: PainScore | None = None
    cleared_at: Timestamp | None = None
    cleared_note: str | None = None
    cleared_by_clinician: StrictBool | None = None
    withdrawn_at: Timestamp | None = Field(
        default=None, description="when the user said the stop was pressed by mistake"
    )

    @property
    def active(self) -> bool:
        return self.cleared_at is None and self.withdrawn_at is None

    @property
    def withdrawn(self) -> bool:
        """Pressed by mistake: kept in the history, but never a pain stop."""
        return self.withdrawn_at is not None


def _settled_flag(kept: Flag, other: Flag) -> Flag:
    """A clearing or a withdrawal is never undone by a copy that lacks it."""
    if not kept.active and other.active:
        return kept
    return other


class RestDay(_Record):
    """A day the user marked as too painful to exercise (a flare day)."""

    local_date: LocalDate
    marked_at: Timestamp
    note: str | None = None


class RestDayUnmarked(_Record):
    """A rest day taken back, and when: across machines the later of a marking and an
    unmarking of the same day wins, so the unmarking must be remembered."""

    local_date: date
    unmarked_at: AwareDatetime


class ProgressionState(_Record):
    """Where a progressing exercise stands (the pelvic tilt's reps)."""

    exercise_id: str
    reps: Ordinal
    last_advanced_on: LocalDate | None = None
    last_done_on: LocalDate | None = None


def may_hold_controls(info: ValidationInfo) -> bool:
    """Without a context (built in code, not read from a file) every text is checked."""
    return info.context is None or bool(info.context.get(MAY_HOLD_CONTROLS, True))


#: The safety notices a user can hide for a while (rule 1's "not going away").
NoticeKind = Literal["not_easing"]


class NoticeDismissal(_Record):
    """The user hid a safety notice until ``hidden_until`` (that day it shows again).
    Kept, like cleared flags: when the app advised seeing a doctor, and when it was hidden."""

    id: UUID = Field(default_factory=uuid4)
    notice: NoticeKind
    dismissed_at: Timestamp
    local_date: LocalDate
    hidden_until: LocalDate


class History(_Record):
    """The whole history. Every field but ``sessions`` is kept in the summary file, so a
    small new field needs no change to the store (lists and dicts merge by union):
    ``dismissals`` is optional (older files have none) and is carried that way."""

    schema_version: StrictInt = SCHEMA_VERSION
    sessions: list[SessionRecord] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    rest_days: list[RestDay] = Field(default_factory=list)
    rest_days_unmarked: list[RestDayUnmarked] = Field(default_factory=list)
    progression: dict[str, ProgressionState] = Field(default_factory=dict)
    dismissals: list[NoticeDismissal] = Field(default_factory=list)

    #: What reading this changed, in words (empty: nothing): see ``repaired_on_read``.
    _repaired: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _merge_duplicates(self, info: ValidationInfo) -> Self:
        """Two records with one id (a sync tool's copy, a hand edit) become one, as a save
        would merge them: the newer session, the cleared (or withdrawn) flag, the later
        rest-day marking. Screens key rows by id, so duplicates must never get that far."""
        self._repaired = self.repair_in_place(may_hold_controls(info))
        return self

    def repair_in_place(self, may_hold_controls: bool) -> tuple[str, ...]:
        """Merge duplicate ids and (when the bytes may hold any) escape control
        characters; what was repaired, in words. Also used by the store's month files."""
        merged: list[str] = []
        sessions = _merged_by_key(self.sessions, lambda s: s.id, _newer_session)
        if len(sessions) != len(self.sessions):
            merged.append(_merged_text(len(self.sessions) - len(sessions), "session"))
            self.sessions = sessions
        flags = _merged_by_key(self.flags, lambda f: f.id, _settled_flag)
        if len(flags) != len(self.flags):
            merged.append(_merged_text(len(self.flags) - len(flags), "flag"))
            self.flags = flags
        rest_days = _merged_by_key(self.rest_days, lambda r: r.local_date, lambda a, b: b)
        if len(rest_days) != len(self.rest_days):
            merged.append(_merged_text(len(self.rest_days) - len(rest_days), "rest day"))
            self.rest_days = rest_days
        escaped = self._escape_control_characters() if may_hold_controls else 0
        if escaped:
            merged.append(
                f"{escaped} text{'' if escaped == 1 else 's'} with control characters"
                " (now shown as visible escapes)"
            )
        return tuple(merged)

    def _escape_control_characters(self) -> int:
        """Every text with a control character, as visible escapes; how many changed.

        A name holding ``ESC ]2;...`` would retitle the terminal wherever it is shown
        (the app, ``status``, an export): escaped here, once, on reading, no output can
        forget to. The store keeps the file as it was (``repaired_on_read`` says so)."""
        changed = 0

        def shown(record: BaseModel, *names: str) -> None:
            nonlocal changed
            for name in names:
                text = getattr(record, name)
                if isinstance(text, str) and has_control_characters(text):
                    setattr(record, name, visible(text))
                    changed += 1

        def stop(position: StopPosition | None) -> None:
            if position is not None:
                shown(position, "side", "phase_kind", "phase_cue")

        for session in self.sessions:
            shown(session, "routine_id", "routine_name")
            for exercise in session.exercises:
                shown(exercise, "exercise_id", "name")
                stop(exercise.stopped_at)
                for done in exercise.sets:
                    shown(done, "side")
        for flag in self.flags:
            shown(flag, "exercise_id", "exercise_name", "cleared_note")
            stop(flag.stopped_at)
        for rest_day in self.rest_days:
            shown(rest_day, "note")
        progression: dict[str, ProgressionState] = {}
        for key, state in self.progression.items():
            shown(state, "exercise_id")
            changed += has_control_characters(key)
            progression[visible(key)] = state
        self.progression = progression
        return changed

    @property
    def repaired_on_read(self) -> tuple[str, ...]:
        """What reading changed: duplicates merged (``2 sessions with an id already
        used``), control characters escaped. The store keeps the file as it was."""
        return self._repaired

    def active_flags(self) -> dict[str, Flag]:
        """The newest uncleared flag per exercise."""
        active: dict[str, Flag] = {}
        for flag in sorted(self.flags, key=lambda f: f.flagged_at):
            if flag.active:
                active[flag.exercise_id] = flag
        return active

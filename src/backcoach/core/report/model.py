"""The shape of a report: every figure a renderer shows, worked out once.

Renderers only lay these out; they compute nothing, so the Markdown, HTML and PDF of a
period always say the same numbers.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

#: The period a report covers when none is given: the last eight weeks.
DEFAULT_WEEKS = 8


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included."""

    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def holds(self, day: date) -> bool:
        return self.since <= day <= self.until


@dataclass(frozen=True)
class RoutineLine:
    """A routine done in the period and how often."""

    name: str
    planned: str  # "10 exercises, once a day"
    sessions_completed: int
    sessions_started: int


@dataclass(frozen=True)
class DosageLine:
    """One exercise done in the period: the figures used beside the source's.

    ``used`` marks an app default with ``*`` and the user's own figure with ``(yours)``;
    ``source`` is the source's dosage where the user's differs, else None.
    """

    name: str
    used: str
    source: str | None
    in_source: bool  # False: an exercise the user added


@dataclass(frozen=True)
class WeekLine:
    """One week (Monday to Sunday, cut to the period): adherence and weekly pain."""

    first_day: date
    last_day: date
    sessions_completed: int
    sessions_planned: int
    days_done: int
    days_open: int  # days in the period that were not rest days
    rest_days: int
    pain_before_median: float | None
    pain_after_median: float | None
    rated_sessions: int


@dataclass(frozen=True)
class ExerciseTally:
    """How often an exercise ended each way in the period."""

    name: str
    completed: int
    partly_done: int
    skipped: int
    stopped_for_pain: int


@dataclass(frozen=True)
class PainReading:
    """One session's pain before and after (either may be missing), on the 0-10 scale."""

    day: date
    started_at: datetime  # local wall-clock time of the start
    before: int | None
    after: int | None


FlagState = Literal["active", "cleared", "withdrawn"]


@dataclass(frozen=True)
class FlagLine:
    """A "made my pain worse" stop: where, the pain then, and how it was cleared."""

    day: date
    exercise: str
    where: str  # "set 2, left side, rep 3, phase 2 (Hold still), 4.5 s in"
    pain: int | None
    state: FlagState
    cleared_on: date | None
    by_clinician: bool | None
    note: str | None

    @property
    def outcome(self) -> str:
        """ "still flagged: ...", "cleared 2026-05-03 by a clinician", "withdrawn (...)"."""
        if self.state == "withdrawn":
            return "withdrawn (pressed by mistake)"
        if self.state == "active":
            return "still flagged: left out of sessions"
        when = self.cleared_on.isoformat() if self.cleared_on else "on an unknown day"
        who = "by a clinician" if self.by_clinician else "without a clinician's clearance"
        return f"cleared {when} {who}"


NoticeKind = Literal["severe_pain", "not_easing"]


@dataclass(frozen=True)
class SafetyNotice:
    """A safety notice the app showed (or would have shown) on a day of the period."""

    day: date
    kind: NoticeKind
    detail: str  # "pain before 9 of 10", or ""


@dataclass(frozen=True)
class Report:
    """Everything one report says, in the order it says it."""

    title: str
    about: str  # who it is for, in one line
    disclaimer: str
    source: str
    generated_at: datetime
    period: Period
    routines: tuple[RoutineLine, ...]
    dosages: tuple[DosageLine, ...]
    dosage_legend: str
    weeks: tuple[WeekLine, ...]
    exercises: tuple[ExerciseTally, ...]
    pain: tuple[PainReading, ...]
    flags: tuple[FlagLine, ...]
    notices: tuple[SafetyNotice, ...]
    rest_days: tuple[date, ...]
    sessions: int  # sessions started in the period

    @property
    def empty(self) -> bool:
        """No session, flag or rest day in the period: the report says so."""
        return self.sessions == 0 and not self.flags and not self.rest_days

    @property
    def sessions_completed(self) -> int:
        return sum(w.sessions_completed for w in self.weeks)

    @property
    def sessions_planned(self) -> int:
        return sum(w.sessions_planned for w in self.weeks)

    @property
    def days_done(self) -> int:
        return sum(w.days_done for w in self.weeks)

    @property
    def days_open(self) -> int:
        return sum(w.days_open for w in self.weeks)

    @property
    def pain_before_median(self) -> float | None:
        return _median([r.before for r in self.pain])

    @property
    def pain_after_median(self) -> float | None:
        return _median([r.after for r in self.pain])


def _median(values: list[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(statistics.median(known)) if known else None

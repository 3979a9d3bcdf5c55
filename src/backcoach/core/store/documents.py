"""The files of the split layout as models: a month of one device's sessions, and the
summary (everything of ``History`` but its sessions, plus a tally per day).

``SummaryDocument`` extends ``History``, so a field added to ``History`` (a list of
dismissed notices, say) is carried in the summary with no change here.
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, model_validator

from backcoach.core.day_tally import DayTallies
from backcoach.core.history_models import History, SessionRecord, may_hold_controls

#: A file as last seen: (size, mtime in ns). What a month's tally was computed from.
Identity = list[int]


class MonthDocument(BaseModel):
    """``sessions/<month>.<device>.json``: the sessions of one month saved on one device."""

    model_config = ConfigDict(extra="ignore")

    schema_version: int  # no default, so a compact dump (defaults left out) keeps it
    month: str
    device: str
    sessions: list[SessionRecord] = Field(default_factory=list)

    _repaired: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _merge_duplicates(self, info: ValidationInfo) -> Self:
        """As ``History`` does on reading: sessions sharing an id merged (the newer
        kept), control characters in texts escaped; ``repaired_on_read`` says what."""
        history = History.model_construct(sessions=list(self.sessions))
        self._repaired = history.repair_in_place(may_hold_controls(info))
        self.sessions = history.sessions
        return self

    @property
    def repaired_on_read(self) -> tuple[str, ...]:
        return self._repaired


class MonthTally(BaseModel):
    """One month's day tallies and the month files (by name) they were computed from;
    a tally whose files changed since is recomputed, never trusted."""

    model_config = ConfigDict(extra="ignore")

    sources: dict[str, Identity] = Field(default_factory=dict)
    days: DayTallies = Field(default_factory=dict)


class SummaryDocument(History):
    """``summary.<device>.json``: flags, rest days, progression (and any other field of
    ``History`` but ``sessions``) as this device last saw them, and the day tallies."""

    device: str = ""
    months: dict[str, MonthTally] = Field(default_factory=dict)


#: The fields of ``History`` the summary carries (all but the sessions).
SUMMARY_FIELDS = tuple(name for name in History.model_fields if name != "sessions")


def summary_of(history: History, device: str, months: dict[str, MonthTally]) -> SummaryDocument:
    values = {name: getattr(history, name) for name in SUMMARY_FIELDS}
    return SummaryDocument.model_construct(device=device, months=months, sessions=[], **values)


def fields_of(summary: History) -> History:
    """The ``History`` part of a summary (no sessions), sharing its records."""
    values = {name: getattr(summary, name) for name in SUMMARY_FIELDS}
    return History.model_construct(sessions=[], **values)


def summary_payload(summary: SummaryDocument) -> bytes:
    return summary.model_dump_json(exclude={"sessions"}).encode("utf-8")


def month_payload(document: MonthDocument) -> bytes:
    """Defaults are left out (a compact record; reading fills them in again)."""
    return document.model_dump_json(exclude_defaults=True).encode("utf-8")

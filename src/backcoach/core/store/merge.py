"""Merging two views of the history (two devices' files, a sync-conflict copy, an old
single file) so that nothing either one holds is lost.

Sessions and flags merge by id: the session saved later (``updated_at``) wins, and a
flag once cleared or withdrawn stays so. A rest day and its unmarking merge by the later
change; a progressing exercise by the later state. Any other field of ``History`` is
merged generically: lists by union, dicts by key (so small additions need no code here).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from backcoach.core.history_models import (
    Flag,
    History,
    ProgressionState,
    RestDay,
    RestDayUnmarked,
    SessionRecord,
)

#: Fields merged by the rules above; any other (besides schema_version) generically.
_KNOWN = {"schema_version", "sessions", "flags", "rest_days", "rest_days_unmarked", "progression"}


def saved_later(candidate: SessionRecord, existing: SessionRecord) -> bool:
    """Whether ``candidate`` replaces ``existing`` (an unknown time loses to a known one)."""
    if existing.updated_at is None:
        return True
    if candidate.updated_at is None:
        return False
    return candidate.updated_at > existing.updated_at


def merge_session_lists(groups: Iterable[Iterable[SessionRecord]]) -> dict[UUID, SessionRecord]:
    """One record per id across ``groups``: the one saved last (the first on a tie)."""
    merged: dict[UUID, SessionRecord] = {}
    for group in groups:
        for record in group:
            existing = merged.get(record.id)
            if existing is None or saved_later(record, existing):
                merged[record.id] = record
    return merged


def merged_flag(kept: Flag, other: Flag) -> Flag:
    """The same flag seen twice: a clearing or a withdrawal is never undone (the later
    clearing wins when both have one), and a pain score is kept once given."""
    update: dict[str, Any] = {}
    if other.cleared_at is not None and (
        kept.cleared_at is None or other.cleared_at > kept.cleared_at
    ):
        update |= {
            "cleared_at": other.cleared_at,
            "cleared_note": other.cleared_note,
            "cleared_by_clinician": other.cleared_by_clinician,
        }
    if kept.withdrawn_at is None and other.withdrawn_at is not None:
        update["withdrawn_at"] = other.withdrawn_at
    if kept.pain is None and other.pain is not None:
        update["pain"] = other.pain
    return kept.model_copy(update=update) if update else kept


def merge_flags(ours: list[Flag], theirs: Iterable[Flag]) -> list[Flag]:
    by_id = {flag.id: flag for flag in ours}
    for flag in theirs:
        existing = by_id.get(flag.id)
        by_id[flag.id] = flag if existing is None else merged_flag(existing, flag)
    return list(by_id.values())


def merge_rest_days(
    marks: Iterable[RestDay], unmarks: Iterable[RestDayUnmarked]
) -> tuple[list[RestDay], list[RestDayUnmarked]]:
    """Per day, the later of its markings and unmarkings wins."""
    latest: dict[date, tuple[datetime, RestDay | RestDayUnmarked]] = {}
    events: list[tuple[datetime, RestDay | RestDayUnmarked]] = [(m.marked_at, m) for m in marks]
    events += [(u.unmarked_at, u) for u in unmarks]
    for when, event in events:
        seen = latest.get(event.local_date)
        if seen is None or when > seen[0]:
            latest[event.local_date] = (when, event)
    days = sorted(latest)
    kept_marks = [e for d in days if isinstance(e := latest[d][1], RestDay)]
    kept_unmarks = [e for d in days if isinstance(e := latest[d][1], RestDayUnmarked)]
    return kept_marks, kept_unmarks


def _progress_key(state: ProgressionState) -> tuple[date, date, int]:
    return (state.last_done_on or date.min, state.last_advanced_on or date.min, state.reps)


def merge_progression(
    ours: dict[str, ProgressionState], theirs: dict[str, ProgressionState]
) -> dict[str, ProgressionState]:
    merged = dict(ours)
    for exercise_id, state in theirs.items():
        existing = merged.get(exercise_id)
        if existing is None or _progress_key(state) > _progress_key(existing):
            merged[exercise_id] = state
    return merged


def _merge_generic(ours: object, theirs: object) -> object:
    if isinstance(ours, list) and isinstance(theirs, list):
        seen = [_plain(item) for item in ours]
        return ours + [item for item in theirs if _plain(item) not in seen]
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return {**theirs, **ours}
    return ours


def _plain(item: object) -> object:
    dump = getattr(item, "model_dump", None)
    return dump(mode="json") if callable(dump) else item


def merge_summary_fields(ours: History, theirs: History) -> dict[str, object]:
    """What ``ours`` becomes (as field updates) once ``theirs`` is merged in; sessions
    are not touched."""
    marks, unmarks = merge_rest_days(
        [*ours.rest_days, *theirs.rest_days],
        [*ours.rest_days_unmarked, *theirs.rest_days_unmarked],
    )
    update: dict[str, object] = {
        "flags": merge_flags(ours.flags, theirs.flags),
        "rest_days": marks,
        "rest_days_unmarked": unmarks,
        "progression": merge_progression(ours.progression, theirs.progression),
    }
    for name in type(ours).model_fields:
        if name not in _KNOWN and name in type(theirs).model_fields:
            update[name] = _merge_generic(getattr(ours, name), getattr(theirs, name))
    return update


def absorb(history: History, other: History) -> int:
    """Merge ``other`` into ``history`` (the store's private copy: its lists are
    replaced, records never edited). Returns how many sessions ``other`` added or
    replaced."""
    for name, value in merge_summary_fields(history, other).items():
        setattr(history, name, value)
    by_id = {record.id: index for index, record in enumerate(history.sessions)}
    taken = 0
    for record in other.sessions:
        index = by_id.get(record.id)
        if index is None:
            by_id[record.id] = len(history.sessions)
            history.sessions.append(record)
            taken += 1
        elif saved_later(record, history.sessions[index]):
            history.sessions[index] = record
            taken += 1
    return taken

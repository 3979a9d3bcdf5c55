"""What ``backcoach status`` shows, from the summary files alone.

``status`` runs at every shell prompt, so it reads the small summaries (per device:
flags, rest days, a tally per day) with the standard library: no pydantic, no textual,
no session record. A month whose files changed since a summary was written (a sync
brought the other machine's sessions) is tallied from its month files, never taken from
a stale summary. Nothing is written, nothing is created; problems become notices.

It can be lean and still agree with the app because the store only ever writes a
summary from history the app's own model validated (``History``: strict values,
duplicate ids merged, control characters escaped on reading; a file that fails is moved
aside, never summarised), so what the summary holds has passed the same checks the app
makes. Names from the files are still shown with visible escapes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from backcoach.core.day_tally import (
    DayTallies,
    counted_days,
    future_days,
    streaks_from_tallies,
    tally_days,
)
from backcoach.core.history_layout import HistoryLayout, month_in_name
from backcoach.core.visible_text import visible
from backcoach.core.weekly_streaks import EVERY_DAY, WeeklySummary, weekly_summary_of_days

#: The newest schema this reader knows (the store's; kept here to avoid importing it).
KNOWN_SCHEMA = 3


@dataclass
class Status:
    today: date
    streak: int
    best: int
    today_done: int
    today_target: int
    rest_day_today: bool
    flagged: list[str]
    future_sessions: list[str]  # ISO dates of sessions dated after today
    notices: list[str] = field(default_factory=list)
    read_only: bool = False
    weekly: WeeklySummary | None = None  # the weekly goal's streak, when one is set

    def line(self) -> str:
        parts = [
            f"streak {self.streak} (best {self.best})",
            f"today {self.today_done}/{self.today_target}",
        ]
        if self.weekly is not None and not self.weekly.every_day:
            parts.append(self.weekly.text().lower())
        if self.rest_day_today:
            parts.append("rest day")
        if self.flagged:
            parts.append("flagged: " + ", ".join(self.flagged))
        return "backcoach: " + " · ".join(parts)

    def as_json(self) -> str:
        data: dict[str, Any] = asdict(self)
        data["today"] = self.today.isoformat()
        return json.dumps(data, ensure_ascii=False)


class _LeanSession:
    """What a day's tally needs of a session (a plain class: cheaper to define than a
    dataclass, and ``status`` pays for every definition at each prompt)."""

    __slots__ = ("local_date", "routine_id", "status", "target_per_day", "updated_at")

    def __init__(self, raw: dict[str, Any]) -> None:
        updated = raw.get("updated_at")
        self.local_date = date.fromisoformat(raw["local_date"])
        self.status: str = raw.get("status", "in_progress")
        self.target_per_day = int(raw.get("target_per_day", 1))
        self.routine_id: str | None = raw.get("routine_id")
        self.updated_at = datetime.fromisoformat(updated) if updated else None


class _Found:
    __slots__ = ("notices", "read_only", "summaries")

    def __init__(self) -> None:
        self.summaries: list[dict[str, Any]] = []
        self.notices: list[str] = []
        self.read_only = False


def read_status(
    data_dir: Path, today: date, target: int | None = None, days_per_week: int = EVERY_DAY
) -> Status:
    """The status for ``today`` from ``<data_dir>/history/`` (never raises on bad data)."""
    layout = HistoryLayout(data_dir, "status")
    if not layout.has_layout() and (
        layout.legacy_path.exists() or layout.legacy_path.with_suffix(".json.bak").exists()
    ):
        from backcoach.core.status_legacy import read_legacy  # not upgraded yet

        days, rest, flagged, notices, read_only = read_legacy(data_dir)
        return _status(today, target, days, rest, flagged, list(notices), read_only, days_per_week)
    found = _Found()
    for path in layout.summary_files():
        document = _load_json(path, found)
        if document is not None:
            found.summaries.append(document)
    try:
        days = _days(layout, found)
        rest = _rest_days(found.summaries)
        flagged = _flagged_names(found.summaries)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        found.notices.append(f"{layout.root} cannot be read for the status ({err}).")
        days, rest, flagged = {}, [], []
    return _status(
        today, target, days, rest, flagged, found.notices, found.read_only, days_per_week
    )


def _status(
    today: date,
    target: int | None,
    days: DayTallies,
    rest: list[date],
    flagged: list[str],
    notices: list[str],
    read_only: bool,
    days_per_week: int = EVERY_DAY,
) -> Status:
    current, best = streaks_from_tallies(days, rest, today)
    tally = days.get(today.isoformat(), [0, 0, 0, 0])
    future = future_days(days, today)
    if future:
        notices.append(
            f"{sum(future.values())} session(s) dated after today ({', '.join(sorted(future))}) "
            "are not counted; is the clock or time zone right?"
        )
    return Status(
        today=today,
        streak=current,
        best=best,
        today_done=tally[2],
        today_target=max(1, target if target is not None else tally[3]),
        rest_day_today=today in set(rest),
        flagged=[visible(name) for name in flagged],
        future_sessions=sorted(future),
        notices=[visible(notice) for notice in notices],  # they may quote the file
        read_only=read_only,
        weekly=weekly_summary_of_days(counted_days(days, today), rest, today, days_per_week),
    )


def _load_json(path: Path, found: _Found) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError) as err:
        what = "it is not valid JSON" if isinstance(err, ValueError) else "it cannot be read"
        found.notices.append(f"{path}: {what} ({err}). Start backcoach to repair it safely.")
        return None
    version = document.get("schema_version") if isinstance(document, dict) else None
    if not isinstance(version, int):
        found.notices.append(f"{path} is not a backcoach file. Start backcoach to repair it.")
        return None
    if version > KNOWN_SCHEMA:
        found.read_only = True
        found.notices.append(
            f"{path} was written by a newer backcoach (schema version {version}); shown "
            "as far as this one understands it."
        )
    return dict(document)


def _days(layout: HistoryLayout, found: _Found) -> DayTallies:
    """Every day's tally: from a summary computed from the month's current files, else
    from the month files themselves."""
    files: dict[str, dict[str, list[int]]] = {}
    paths: dict[str, list[Path]] = {}
    for path in layout.month_files():
        month = month_in_name(path.name)
        try:
            stat = path.stat()
        except OSError:
            continue
        if month is not None:
            files.setdefault(month, {})[path.name] = [stat.st_size, stat.st_mtime_ns]
            paths.setdefault(month, []).append(path)
    days: DayTallies = {}
    for month, sources in sorted(files.items()):
        tallied = next(
            (
                summary["months"][month]["days"]
                for summary in found.summaries
                if (summary.get("months") or {}).get(month, {}).get("sources") == sources
            ),
            None,
        )
        if tallied is None:
            tallied = tally_days(_month_sessions(paths[month], found))
        days.update({day: list(tally) for day, tally in tallied.items()})
    return days


def _month_sessions(paths: list[Path], found: _Found) -> list[_LeanSession]:
    """The month's sessions across devices' files, one per id (the one saved last)."""
    merged: dict[str, _LeanSession] = {}
    for path in paths:
        document = _load_json(path, found)
        if document is None:
            continue
        for raw in document.get("sessions") or []:
            session = _LeanSession(raw)
            seen = merged.get(raw["id"])
            if seen is None or _later(session.updated_at, seen.updated_at):
                merged[raw["id"]] = session
    return list(merged.values())


def _later(candidate: datetime | None, existing: datetime | None) -> bool:
    if existing is None:
        return True
    return candidate is not None and candidate > existing


def _rest_days(summaries: list[dict[str, Any]]) -> list[date]:
    """Per day, the later of a marking and an unmarking wins (as the store merges)."""
    latest: dict[str, tuple[datetime, bool]] = {}
    for summary in summaries:
        events = [(r, "marked_at", True) for r in summary.get("rest_days") or []]
        events += [(u, "unmarked_at", False) for u in summary.get("rest_days_unmarked") or []]
        for event, key, marked in events:
            when = datetime.fromisoformat(event[key])
            seen = latest.get(event["local_date"])
            if seen is None or when > seen[0]:
                latest[event["local_date"]] = (when, marked)
    return sorted(date.fromisoformat(day) for day, (_, marked) in latest.items() if marked)


def _flagged_names(summaries: list[dict[str, Any]]) -> list[str]:
    """Names of exercises with an uncleared flag, oldest flag first; a flag cleared or
    withdrawn in any summary is cleared."""
    flags: dict[str, dict[str, Any]] = {}
    ended: set[str] = set()
    for summary in summaries:
        for flag in summary.get("flags") or []:
            flags.setdefault(flag["id"], flag)
            if flag.get("cleared_at") or flag.get("withdrawn_at"):
                ended.add(flag["id"])
    newest: dict[str, tuple[datetime, str]] = {}
    for flag_id, flag in flags.items():
        if flag_id in ended:
            continue
        when = datetime.fromisoformat(flag["flagged_at"])
        seen = newest.get(flag["exercise_id"])
        if seen is None or when >= seen[0]:
            newest[flag["exercise_id"]] = (when, str(flag["exercise_name"]))
    return [name for _, name in sorted(newest.values())]

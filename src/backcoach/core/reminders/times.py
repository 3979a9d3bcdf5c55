"""The times and durations ``backcoach remind`` is given, and the next reminder time."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta

_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_DURATION = re.compile(r"^(\d+)\s*(s|m|min|h)?$")
_UNIT_SECONDS = {"s": 1, "m": 60, "min": 60, "h": 3600, None: 60}
#: A snooze longer than a day would skip a day's reminder entirely.
MAX_SNOOZE_SECONDS = 24 * 3600


class TimeError(ValueError):
    """A time or duration the user typed that cannot be used (the message says why)."""


def parse_clock_time(text: str) -> time:
    """``08:00``, ``8:00`` or ``18:30`` (24-hour clock)."""
    match = _CLOCK_TIME.match(text.strip())
    if match is None:
        raise TimeError(f"'{text}' is not a time of day: give it as HH:MM, e.g. 08:00 or 18:30")
    return time(int(match.group(1)), int(match.group(2)))


def parse_clock_times(texts: Iterable[str]) -> list[time]:
    """Each time once, earliest first; at least one."""
    times = sorted({parse_clock_time(text) for text in texts})
    if not times:
        raise TimeError("give at least one time, e.g. --at 08:00")
    return times


def parse_duration(text: str) -> float:
    """``30m``, ``45 min``, ``2h``, ``90s`` or a bare ``30`` (minutes), in seconds."""
    match = _DURATION.match(text.strip().lower())
    if match is None:
        raise TimeError(f"'{text}' is not a duration: give it as e.g. 30m, 1h or 90s")
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if not 0 < seconds <= MAX_SNOOZE_SECONDS:
        raise TimeError(f"'{text}': a snooze is more than 0 and at most 24 hours")
    return float(seconds)


def clock_text(at: time) -> str:
    return at.strftime("%H:%M")


def next_reminder(times: Iterable[time], now: datetime) -> datetime | None:
    """The first of ``times`` after ``now`` (local wall time), today or tomorrow."""
    ordered = sorted(times)
    for day in (now.date(), now.date() + timedelta(days=1)):
        for at in ordered:
            candidate = datetime.combine(day, at, tzinfo=now.tzinfo)
            if candidate > now:
                return candidate
    return None

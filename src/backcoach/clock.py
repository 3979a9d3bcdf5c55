"""The one source of time: a monotonic clock for durations, a wall clock for records.

Everything that needs time takes a ``Clock`` so that tests can drive a ``FakeClock``
instead of sleeping.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds for durations; aware wall time for what gets recorded."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime:
        """Aware local wall time (carries the UTC offset in force)."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FakeClock:
    """A clock that only moves when told to, for tests and benchmarks."""

    def __init__(
        self,
        start: datetime | None = None,
        tz: tzinfo | None = None,
        monotonic_start: float = 1000.0,
    ) -> None:
        base = start or datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
        if base.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self._utc = base.astimezone(UTC)
        self._tz = tz
        self._mono = monotonic_start

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        if self._tz is not None:
            return self._utc.astimezone(self._tz)
        return self._utc

    def advance(self, seconds: float) -> None:
        """Move both clocks forward together."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._mono += seconds
        self._utc += timedelta(seconds=seconds)

    def set_timezone(self, tz: tzinfo | None) -> None:
        """Travel: the wall clock's zone changes, time itself does not."""
        self._tz = tz

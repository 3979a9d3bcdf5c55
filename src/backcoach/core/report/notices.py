"""The safety notices of a period: severe pain before a session, and pain not easing.

Severe pain uses the app's own threshold (``core.safety.SEVERE_PAIN_FROM``), the one the
session screen acts on. "Not easing" is the app's rule too, not the article's (which says
only "does not go away with gentle stretches and exercise"); it lives in
``pain_not_easing`` alone, so that it can later call the shared pain rules instead.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from datetime import date, timedelta

from backcoach.core.report.model import PainReading, Period, SafetyNotice
from backcoach.core.safety import SEVERE_PAIN_FROM, severe_now

#: The app's "not easing" windows: the last 14 days against the 14 days before them.
EASING_WINDOW_DAYS = 14
#: Ratings needed in each window before the rule says anything (the app's choice).
EASING_MIN_RATINGS = 3

SEVERE_RULE = (
    f"Severe pain: pain before a session of {SEVERE_PAIN_FROM} or more on the 0-10 scale "
    "(the app's threshold, from Boonstra et al., Frontiers in Psychology, 2016; not the "
    "article's)."
)
NOT_EASING_RULE = (
    f"Pain not easing: the median pain before sessions over the last {EASING_WINDOW_DAYS} "
    f"days is above 0 and no lower than over the {EASING_WINDOW_DAYS} days before them, "
    f"with at least {EASING_MIN_RATINGS} ratings in each (the app's rule, not the article's)."
)


def severe_pain_notices(readings: Sequence[PainReading], period: Period) -> list[SafetyNotice]:
    """One notice per session whose pain before was severe by the app's threshold."""
    return [
        SafetyNotice(r.day, "severe_pain", f"pain before {r.before} of 10")
        for r in readings
        if period.holds(r.day) and severe_now(r.before)
    ]


def pain_not_easing(ratings: Sequence[tuple[date, int]], day: date) -> bool:
    """Whether pain before sessions has not eased by ``day`` (the app's rule, above).

    ``ratings`` are (day, pain before) pairs sorted by day."""

    def window(last: date) -> list[int]:
        first = last - timedelta(days=EASING_WINDOW_DAYS - 1)
        lo = bisect.bisect_left(ratings, first, key=_day)
        hi = bisect.bisect_right(ratings, last, key=_day)
        return [pain for _, pain in ratings[lo:hi]]

    recent = window(day)
    earlier = window(day - timedelta(days=EASING_WINDOW_DAYS))
    if len(recent) < EASING_MIN_RATINGS or len(earlier) < EASING_MIN_RATINGS:
        return False
    recent_median = statistics.median(recent)
    return recent_median > 0 and recent_median >= statistics.median(earlier)


def _day(rating: tuple[date, int]) -> date:
    return rating[0]


def not_easing_notices(readings: Sequence[PainReading], period: Period) -> list[SafetyNotice]:
    """A notice on each session day of the period where the rule starts to hold (a run of
    days on which it holds is one notice, not one a day)."""
    ratings = sorted((r.day, r.before) for r in readings if r.before is not None)
    session_days = sorted({r.day for r in readings if period.holds(r.day)})
    notices: list[SafetyNotice] = []
    holding = False
    for day in session_days:
        now = pain_not_easing(ratings, day)
        if now and not holding:
            notices.append(SafetyNotice(day, "not_easing", ""))
        holding = now
    return notices


def safety_notices(readings: Sequence[PainReading], period: Period) -> tuple[SafetyNotice, ...]:
    """Every notice of the period, by day (severe first on a day with both)."""
    found = severe_pain_notices(readings, period) + not_easing_notices(readings, period)
    order = {"severe_pain": 0, "not_easing": 1}
    return tuple(sorted(found, key=lambda n: (n.day, order[n.kind])))

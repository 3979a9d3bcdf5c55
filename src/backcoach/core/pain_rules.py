"""The article's rule 1, read from the pain the user records: pure functions over a history.

The article: see a doctor when lower back pain is severe, or does not go away with gentle
stretches and exercise. It gives no numbers; the app's (``content_models.Thresholds``,
each citing its basis) turn the pain-before ratings into three findings:

- severe now: a pain before at or above the severe threshold (``safety.severe_now``);
- not easing: the median pain before of the last ``days`` days is no lower than that of
  the ``days`` before them (each span with at least ``min_ratings`` ratings), and is
  above 0: the pain is still there;
- worse the next day: a day's pain before is ``points`` or more above the previous
  session day's. A day's pain before is its first rating (the one nearest the morning,
  which the pain monitoring model looks at); the previous session day is the last
  earlier day with a rating.

Only what the user rated counts: a session without a pain before is not a rating. The
home screen, History, the session start and a report all ask these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from uuid import UUID

from backcoach.core.content_models import NextDayThreshold, NotEasingThreshold, SevereThreshold
from backcoach.core.history_models import History, NoticeDismissal, NoticeKind
from backcoach.core.safety import severe_now
from backcoach.core.wording import number_text


@dataclass(frozen=True)
class PainRating:
    """One pain before, given at the start of a session."""

    local_date: date
    started_at: datetime
    pain: int
    session_id: UUID


def pain_before_ratings(history: History) -> list[PainRating]:
    """Every pain before in the history, oldest first (by the session's start)."""
    ratings = [
        PainRating(session.local_date, session.started_at, session.pain_before, session.id)
        for session in history.sessions
        if session.pain_before is not None
    ]
    return sorted(ratings, key=lambda rating: rating.started_at)


def first_ratings(history: History) -> dict[date, PainRating]:
    """Each rated day's first rating: the day's pain before. One pass, no sorting: the
    home screen asks on every redraw, over however many years of sessions."""
    firsts: dict[date, PainRating] = {}
    for session in history.sessions:
        pain = session.pain_before
        if pain is None:
            continue
        known = firsts.get(session.local_date)
        if known is None or session.started_at < known.started_at:
            firsts[session.local_date] = PainRating(
                session.local_date, session.started_at, pain, session.id
            )
    return firsts


def severe_ratings(history: History, threshold: SevereThreshold) -> list[PainRating]:
    """The pains before at or above the severe threshold, oldest first: each got the
    article's advice before its session (a report can list them)."""
    return [
        rating
        for rating in pain_before_ratings(history)
        if severe_now(rating.pain, threshold.pain_from)
    ]


# -- worse the next day -----------------------------------------------------------------


@dataclass(frozen=True)
class PainRise:
    """A day whose pain before is well above the previous session day's."""

    day: date
    pain: int
    previous_day: date
    previous_pain: int
    #: The session whose pain before it is (None: a rating not yet in the history).
    session_id: UUID | None = None

    @property
    def points(self) -> int:
        return self.pain - self.previous_pain


def next_day_rise(
    history: History,
    day: date,
    threshold: NextDayThreshold,
    pain_before: int | None = None,
) -> PainRise | None:
    """The rise of ``day``'s pain before over the previous session day's, or None.

    ``pain_before``: the rating just given for a session not yet in ``history``; it is
    the day's pain before only when the history has none for ``day`` yet (a day's first
    rating is its figure, so a later session of the day keeps the day's finding).
    """
    firsts = first_ratings(history)
    first = firsts.get(day)
    pain = first.pain if first is not None else pain_before
    earlier = [d for d in firsts if d < day]
    if pain is None or not earlier:
        return None
    previous = firsts[max(earlier)]
    if pain - previous.pain < threshold.points:
        return None
    session_id = first.session_id if first is not None else None
    return PainRise(day, pain, previous.local_date, previous.pain, session_id)


def risen_days(history: History, threshold: NextDayThreshold) -> dict[date, PainRise]:
    """Every day of the history whose pain before rose by the threshold or more, from
    one pass over the rated days in order."""
    found: dict[date, PainRise] = {}
    previous: PainRating | None = None
    for day, rating in sorted(first_ratings(history).items()):
        if previous is not None and rating.pain - previous.pain >= threshold.points:
            found[day] = PainRise(
                day, rating.pain, previous.local_date, previous.pain, rating.session_id
            )
        previous = rating
    return found


# -- not going away ----------------------------------------------------------------------


@dataclass(frozen=True)
class NotEasing:
    """Pain before that has not eased: the two spans' medians and how many ratings each had."""

    today: date
    days: int
    earlier_median: float
    recent_median: float
    earlier_ratings: int
    recent_ratings: int

    def span(self) -> str:
        """``two weeks`` (or ``3 weeks``, ``10 days``): how long each span is."""
        return _span_words(self.days)

    def figures(self) -> str:
        """``median 6 → 6 over two weeks``: the earlier span's median, then the recent's."""
        return (
            f"median {number_text(self.earlier_median)} → {number_text(self.recent_median)}"
            f" over {self.span()}"
        )


def _span_words(days: int) -> str:
    if days % 7:
        return f"{days} days"
    weeks = days // 7
    return {1: "one week", 2: "two weeks"}.get(weeks, f"{weeks} weeks")


def not_easing(history: History, today: date, threshold: NotEasingThreshold) -> NotEasing | None:
    """The finding when the last ``days`` days (today included) have a median pain before
    no lower than the ``days`` before them, and above 0; None when the pain eased, is
    gone, or either span has fewer than ``min_ratings`` ratings."""
    recent_from = today - timedelta(days=threshold.days - 1)
    earlier_from = recent_from - timedelta(days=threshold.days)
    recent: list[int] = []
    earlier: list[int] = []
    for session in history.sessions:
        pain, day = session.pain_before, session.local_date
        if pain is None or not earlier_from <= day <= today:
            continue
        (recent if day >= recent_from else earlier).append(pain)
    if len(recent) < threshold.min_ratings or len(earlier) < threshold.min_ratings:
        return None
    recent_median, earlier_median = float(median(recent)), float(median(earlier))
    if recent_median < earlier_median or recent_median == 0:
        return None
    return NotEasing(
        today=today,
        days=threshold.days,
        earlier_median=earlier_median,
        recent_median=recent_median,
        earlier_ratings=len(earlier),
        recent_ratings=len(recent),
    )


def notice_hidden(history: History, today: date, notice: NoticeKind = "not_easing") -> bool:
    """Whether the user hid this notice and the days it stays hidden have not run out."""
    return any(
        d.notice == notice and d.local_date <= today < d.hidden_until for d in history.dismissals
    )


def not_easing_notice(
    history: History, today: date, threshold: NotEasingThreshold
) -> NotEasing | None:
    """The "not going away" finding to show today: None when there is none or it is hidden."""
    if notice_hidden(history, today):
        return None
    return not_easing(history, today, threshold)


def dismissals_of(history: History, notice: NoticeKind) -> list[NoticeDismissal]:
    """When the user hid this notice, oldest first (a report can list them)."""
    return sorted(
        (d for d in history.dismissals if d.notice == notice), key=lambda d: d.dismissed_at
    )

"""Rule 1 read from the recorded pain (issue 11): severe now, not going away, worse the
next day; on fixed histories with the shared fixed clock's day, and as properties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.clock import FakeClock
from backcoach.core.content_models import Thresholds
from backcoach.core.history_models import History, NoticeDismissal
from backcoach.core.pain_rules import (
    dismissals_of,
    next_day_rise,
    not_easing,
    not_easing_notice,
    notice_hidden,
    risen_days,
    severe_ratings,
)
from backcoach.core.safety import severe_now
from backcoach.core.store import HistoryStore
from store_factory import session_on

THRESHOLDS = Thresholds()
NEXT_DAY = THRESHOLDS.next_day
NOT_EASING = THRESHOLDS.not_easing
TODAY = date(2026, 11, 25)  # the shared clock's day


def history_of(pains: dict[date, int | None], *, hour: int = 9) -> History:
    return History(
        sessions=[session_on(day, pain=(pain, None), hour=hour) for day, pain in pains.items()]
    )


def daily(first: date, values: Sequence[int | None]) -> dict[date, int | None]:
    """One session a day from ``first``, with these pains before."""
    return {first + timedelta(days=n): value for n, value in enumerate(values)}


# -- severe now -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pain", "severe"), [(None, False), (0, False), (7, False), (8, True), (10, True)]
)
def test_severe_from_the_apps_threshold_of_8(pain: int | None, severe: bool) -> None:
    assert severe_now(pain, THRESHOLDS.severe.pain_from) is severe


def test_the_severe_threshold_follows_the_content() -> None:
    assert severe_now(7, 7) and not severe_now(7, 8)


def test_severe_ratings_are_listed_oldest_first_for_a_report() -> None:
    history = history_of(daily(TODAY - timedelta(days=3), [9, 7, 8, None]))
    found = severe_ratings(history, THRESHOLDS.severe)
    assert [(r.local_date, r.pain) for r in found] == [
        (TODAY - timedelta(days=3), 9),
        (TODAY - timedelta(days=1), 8),
    ]


# -- worse the next day -----------------------------------------------------------------


@pytest.mark.parametrize(("rise", "found"), [(1, False), (2, True), (3, True)])
def test_a_rise_of_2_or_more_over_the_previous_session_day(rise: int, found: bool) -> None:
    history = history_of({TODAY - timedelta(days=3): 3})
    result = next_day_rise(history, TODAY, NEXT_DAY, pain_before=3 + rise)
    assert (result is not None) is found
    if result is not None:
        assert (result.previous_day, result.previous_pain, result.points) == (
            TODAY - timedelta(days=3),
            3,
            rise,
        )


def test_no_rise_without_an_earlier_rated_day_or_a_rating_today() -> None:
    assert next_day_rise(History(), TODAY, NEXT_DAY, pain_before=9) is None
    assert next_day_rise(history_of({TODAY - timedelta(days=1): 2}), TODAY, NEXT_DAY) is None
    unrated = History(sessions=[session_on(TODAY - timedelta(days=1))])
    assert next_day_rise(unrated, TODAY, NEXT_DAY, pain_before=9) is None


def test_a_days_figure_is_its_first_rating() -> None:
    """The morning's 6 over yesterday's 3 is a rise; a later 3 the same day keeps it, and
    yesterday's evening 5 does not replace its morning 3."""
    yesterday = TODAY - timedelta(days=1)
    history = History(
        sessions=[
            session_on(yesterday, pain=(3, None), hour=8),
            session_on(yesterday, pain=(5, None), hour=19),
            session_on(TODAY, pain=(6, None), hour=8),
        ]
    )
    rise = next_day_rise(history, TODAY, NEXT_DAY, pain_before=3)
    assert rise is not None and (rise.pain, rise.previous_pain) == (6, 3)
    assert set(risen_days(history, NEXT_DAY)) == {TODAY}


def test_sessions_out_of_order_in_the_file_are_read_by_their_start() -> None:
    history = history_of(daily(TODAY - timedelta(days=2), [2, 5, 5]))
    history.sessions.reverse()
    assert set(risen_days(history, NEXT_DAY)) == {TODAY - timedelta(days=1)}


def test_the_rise_follows_the_contents_points() -> None:
    history = history_of({TODAY - timedelta(days=1): 3})
    three = NEXT_DAY.model_copy(update={"points": 3})
    assert next_day_rise(history, TODAY, three, pain_before=5) is None
    assert next_day_rise(history, TODAY, three, pain_before=6) is not None


# -- not going away ---------------------------------------------------------------------


def two_windows(earlier: list[int], recent: list[int]) -> History:
    """Ratings one a day: ``earlier`` in the 14 days before the last 14, ``recent`` in
    the last 14 (today included), both ending on their span's last day."""
    recent_first = TODAY - timedelta(days=13)
    pains = daily(recent_first - timedelta(days=len(earlier)), earlier)
    pains |= daily(TODAY - timedelta(days=len(recent) - 1), recent)
    return history_of(pains)


def test_two_weeks_of_unchanged_pain_is_not_easing() -> None:
    finding = not_easing(two_windows([6] * 7, [6] * 7), TODAY, NOT_EASING)
    assert finding is not None
    assert finding.figures() == "median 6 → 6 over two weeks"
    assert (finding.earlier_ratings, finding.recent_ratings) == (7, 7)


def test_worse_is_not_easing_either() -> None:
    finding = not_easing(two_windows([4, 4, 5, 5, 5], [6, 6, 7, 5, 6]), TODAY, NOT_EASING)
    assert finding is not None and finding.figures() == "median 5 → 6 over two weeks"


def test_eased_pain_shows_nothing() -> None:
    assert not_easing(two_windows([6] * 7, [5] * 7), TODAY, NOT_EASING) is None


def test_pain_gone_shows_nothing() -> None:
    assert not_easing(two_windows([0] * 7, [0] * 7), TODAY, NOT_EASING) is None


@pytest.mark.parametrize(("earlier", "recent"), [(4, 5), (5, 4), (4, 4)])
def test_too_few_ratings_in_either_span_shows_nothing(earlier: int, recent: int) -> None:
    history = two_windows([6] * earlier, [6] * recent)
    found = not_easing(history, TODAY, NOT_EASING)
    assert (found is not None) is (earlier >= 5 and recent >= 5)


def test_ratings_older_than_four_weeks_do_not_count() -> None:
    old = history_of(daily(TODAY - timedelta(days=60), [6] * 20))
    recent = two_windows([], [6] * 7)
    assert not_easing(History(sessions=old.sessions + recent.sessions), TODAY, NOT_EASING) is None


def test_a_half_point_median_is_shown_as_it_is() -> None:
    finding = not_easing(two_windows([5, 5, 6, 6, 5, 6], [6] * 5), TODAY, NOT_EASING)
    assert finding is not None and finding.figures() == "median 5.5 → 6 over two weeks"


def test_a_dismissal_hides_the_notice_for_14_days_and_is_kept(
    store: HistoryStore, clock: FakeClock
) -> None:
    history = two_windows([6] * 7, [6] * 7)
    store.update(lambda h: h.sessions.extend(history.sessions))
    assert not_easing_notice(store.history, TODAY, NOT_EASING) is not None
    report = store.dismiss_notice("not_easing", hidden_days=14)
    assert report.ok
    (dismissal,) = dismissals_of(store.load().history, "not_easing")
    assert (dismissal.local_date, dismissal.hidden_until) == (TODAY, TODAY + timedelta(days=14))
    for days_later, hidden in [(0, True), (13, True), (14, False)]:
        day = TODAY + timedelta(days=days_later)
        assert notice_hidden(store.history, day) is hidden
    # The finding itself is still there for whoever asks (a report): only the notice hides.
    assert not_easing_notice(store.history, TODAY, NOT_EASING) is None
    assert not_easing(store.history, TODAY, NOT_EASING) is not None


def test_an_old_file_without_dismissals_reads_as_none() -> None:
    history = History.model_validate({"schema_version": 2, "sessions": []})
    assert history.dismissals == []
    assert not notice_hidden(history, TODAY)


def test_a_dismissal_from_the_future_does_not_hide_today() -> None:
    """A clock set back (or a file from another machine) never hides it for longer."""
    later = TODAY + timedelta(days=3)
    dismissal = NoticeDismissal(
        notice="not_easing",
        dismissed_at=datetime(2026, 11, 28, 9, tzinfo=UTC),
        local_date=later,
        hidden_until=later + timedelta(days=14),
    )
    assert not notice_hidden(History(dismissals=[dismissal]), TODAY)


# -- properties -------------------------------------------------------------------------

pains = st.integers(min_value=0, max_value=10)


@settings(max_examples=60, deadline=None)
@given(previous=pains, today=pains, gap=st.integers(min_value=1, max_value=30))
def test_a_rise_is_found_exactly_when_the_difference_reaches_the_threshold(
    previous: int, today: int, gap: int
) -> None:
    history = history_of({TODAY - timedelta(days=gap): previous})
    found = next_day_rise(history, TODAY, NEXT_DAY, pain_before=today)
    assert (found is not None) is (today - previous >= NEXT_DAY.points)


@settings(max_examples=60, deadline=None)
@given(
    earlier=st.lists(pains, min_size=5, max_size=14),
    recent=st.lists(pains, min_size=5, max_size=14),
    lower_by=st.integers(min_value=1, max_value=3),
)
def test_lowering_every_recent_rating_never_makes_pain_look_less_eased(
    earlier: list[int], recent: list[int], lower_by: int
) -> None:
    """If the pain is found eased, it stays eased when the last two weeks were lower still."""
    if not_easing(two_windows(earlier, recent), TODAY, NOT_EASING) is None:
        lowered = [max(0, pain - lower_by) for pain in recent]
        assert not_easing(two_windows(earlier, lowered), TODAY, NOT_EASING) is None

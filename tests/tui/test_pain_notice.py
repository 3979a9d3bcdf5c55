"""Rule 1 on home and History (issue 11): the "not going away" notice, its d key and
its recorded dismissal; risen days marked in History; severe pain at the threshold.

The real app, the packaged content and the shared fixed clock (2026-11-25, UTC+1).
"""

from __future__ import annotations

from datetime import date, timedelta

from shell_support import MakeApp, plain
from textual.widgets import DataTable
from textual.widgets._toast import Toast

from backcoach.clock import FakeClock
from backcoach.core.history_models import SessionRecord
from backcoach.core.safety import SEE_A_DOCTOR_RULE
from backcoach.core.store import HistoryStore
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.screens.home import HomeScreen
from store_factory import session_on

TODAY = date(2026, 11, 25)


def daily_pain(clock: FakeClock, values: list[int], *, last: date = TODAY) -> list[SessionRecord]:
    """One completed session a day at 08:00 local, the last on ``last``."""
    zone = clock.now().tzinfo
    assert zone is not None
    first = last - timedelta(days=len(values) - 1)
    return [
        session_on(first + timedelta(days=n), pain=(pain, max(0, pain - 1)), hour=8, zone=zone)
        for n, pain in enumerate(values)
    ]


def seed(store: HistoryStore, sessions: list[SessionRecord]) -> None:
    report = store.update(lambda history: history.sessions.extend(sessions))
    assert report.ok, report.message


def notice_text(screen: object) -> str:
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    notice = screen.query_one("#pain-notice")
    return plain(notice) if notice.display else ""


async def test_two_weeks_of_unchanged_pain_shows_the_notice_on_home_and_in_history(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    """Done when: four weeks at 6 show "median 6 → 6 over two weeks" and the article's
    advice on home and in History; d in History hides it on both, and it is recorded."""
    seed(store, daily_pain(clock, [6] * 28))
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        text = notice_text(home)
        assert "has not eased: median 6 → 6 over two weeks." in text
        assert SEE_A_DOCTOR_RULE in text
        assert "(Two weeks against the two weeks before: the app's rule, after NHS inform" in text
        assert "d hides this for 14 days" in text
        await pilot.press("h")
        await pilot.pause()
        history_screen = app.screen
        assert isinstance(history_screen, HistoryScreen)
        assert "median 6 → 6 over two weeks" in notice_text(history_screen)
        await pilot.press("d")
        await pilot.pause()
        assert notice_text(history_screen) == ""
        await pilot.press("escape")
        await pilot.pause()
        assert notice_text(app.screen) == ""
    (dismissal,) = HistoryStore(store.path.parent, clock).load().history.dismissals
    assert (dismissal.notice, dismissal.local_date) == ("not_easing", TODAY)
    assert dismissal.hidden_until == TODAY + timedelta(days=14)


async def test_d_on_home_hides_the_notice_and_a_restart_keeps_it_hidden(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, daily_pain(clock, [5] * 14 + [6] * 14))
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "median 5 → 6" in notice_text(app.screen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        assert notice_text(app.screen) == ""
        # The toast says for how long, and that the advice stands.
        toasts = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "hidden for 14 days" in toasts and "see a doctor" in toasts
    again = make_app(first_run_check=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert notice_text(again.screen) == ""


async def test_eased_pain_or_too_few_ratings_show_no_notice_and_d_does_nothing(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    seed(store, daily_pain(clock, [7] * 14 + [4] * 10 + [6] * 4))  # median 7 → 4: eased
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert notice_text(app.screen) == ""
        await pilot.press("d")
        await pilot.pause()
    assert HistoryStore(store.path.parent, clock).load().history.dismissals == []


async def test_history_marks_a_day_whose_pain_before_rose_by_2(
    make_app: MakeApp, store: HistoryStore, clock: FakeClock
) -> None:
    """3 then 4 (up 1) is not marked; 4 then 6 (up 2) is, with ↑, and the note says why."""
    seed(store, daily_pain(clock, [3, 4, 6]))
    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h", "2")
        await pilot.pause()
        table = app.screen.query_one("#sessions-table", DataTable)
        pains = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        assert pains == ["↑6 → 5", "4 → 3", "3 → 2"]
        note = plain(app.screen.query_one("#sessions-note"))
        assert "↑: pain before 2 or more above the previous session day's" in note


async def test_pain_before_at_the_threshold_gets_the_calm_screen(make_app: MakeApp) -> None:
    """Done when: 8, the content's severe threshold, gets the article's advice and the
    threshold said as the app's, with its source."""
    from backcoach.tui.session.severe_pain import SeverePainScreen

    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the highlighted exercise, on its own
        await pilot.pause()
        await pilot.press("8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SeverePainScreen)
        texts = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "You gave your pain as 8/10" in texts
        assert SEE_A_DOCTOR_RULE in texts
        assert "the app's threshold, not the article's" in texts
        assert "Boonstra et al., Frontiers in Psychology, 2016" in texts


async def test_help_lists_the_three_thresholds_as_the_apps_with_their_basis(
    make_app: MakeApp,
) -> None:
    from backcoach.tui.screens.help import THRESHOLDS_HEADING, HelpScreen

    app = make_app(first_run_check=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        texts = [plain(point) for point in app.screen.query(".threshold-point")]
        headings = [plain(h) for h in app.screen.query(".help-heading")]
        assert THRESHOLDS_HEADING in headings and "not the article's" in THRESHOLDS_HEADING
        assert len(texts) == 3
        severe, easing, next_day = texts
        assert "of 8 or more" in severe and "Boonstra et al." in severe
        assert "14 days against the 14 before" in easing and "(NHS inform)" in easing
        assert "2 or more above" in next_day and "Thomeé 1997" in next_day
        assert "What the article says exercise can do" in headings

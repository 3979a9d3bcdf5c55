"""The history screen with Pilot: figures, heatmap, session details, unflag, rest day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from history_seed import (
    ACTIVE_FLAG,
    CLEARED_FLAG,
    REST_DAY,
    TODAY,
    HistoryTestApp,
    seed,
    seeded_history,
    session,
)
from textual.color import Color
from textual.widgets import DataTable, Footer, Input, Static

from backcoach.core.history_models import History
from backcoach.core.status_summary import read_status
from backcoach.core.store import SaveReport
from backcoach.core.streaks import summarize, weekly_adherence
from backcoach.services import Services
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.history.session_detail import SessionDetailScreen
from backcoach.tui.history.sessions import PAGE_SIZE
from backcoach.tui.history.unflag import UnflagScreen
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.widgets.heatmap import GLYPH_LEVELS, GLYPH_REST, Heatmap
from backcoach.tui.widgets.pain_trend import PainTrend


def static_text(screen: object, selector: str) -> str:
    widget = screen.query_one(selector, Static)  # type: ignore[attr-defined]
    return str(widget.render())


def stored(services: Services) -> History:
    return services.store.load().history


async def test_figures_equal_the_stores(services: Services) -> None:
    seed(services.store, seeded_history())
    history = stored(services)
    expected = summarize(history.sessions, [r.local_date for r in history.rest_days], TODAY)
    status = read_status(services.paths.data_dir, TODAY)  # what `backcoach status` says
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        line = static_text(screen, "#history-figures")
        assert f"Streak {expected.current} days" in line
        assert f"Longest {expected.longest}" in line
        assert f"Today {expected.today_done}/{expected.today_target}" in line
        figures = screen.figures
        assert (figures.current_streak, figures.longest_streak) == (status.streak, status.best)
        assert (figures.today_done, figures.today_target) == (
            status.today_done,
            status.today_target,
        )
        # And they are the figures the seed was built to have.
        assert (expected.current, expected.longest) == (5, 10)
        assert (expected.today_done, expected.today_target) == (1, 2)
        weeks = weekly_adherence(history.sessions, [REST_DAY], TODAY, weeks=4)
        labels, values = static_text(screen, "#weeks-table").split("\n")
        assert labels.split("  ")[0] == "This week"
        assert "Last week" in labels and "3 weeks ago" in labels
        newest_first = [f"{w.days_counted}/{w.days_in_scope - w.rest_days}" for w in weeks][::-1]
        assert values.split() == newest_first
        assert max(len(labels), len(values)) <= 56  # fits 60 columns


async def test_heatmap_counts_known_days_and_marks_rest_days(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.weeks_shown == 26
        two = heatmap.cell(TODAY.replace(day=24))
        assert two is not None and two.count == 2 and two.glyph == GLYPH_LEVELS[1]
        ended_early = heatmap.cell(TODAY.replace(day=19))
        assert ended_early is not None and ended_early.count == 0
        rest = heatmap.cell(REST_DAY)
        assert rest is not None and rest.rest and rest.glyph == GLYPH_REST
        today = heatmap.cell(TODAY)
        assert today is not None and today.is_today and today.count == 1
        rendered = str(heatmap.render())
        assert GLYPH_REST in rendered and "rest day" in rendered


async def test_enter_opens_the_session_details_with_the_pain_stop(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        table = app.screen.query_one("#sessions-table", DataTable)
        assert table.has_focus
        await pilot.press("down", "down", "down", "enter")
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.session.local_date == TODAY.replace(day=23)
        texts = [str(s.render()) for s in detail.query(Static)]
        assert any("stopped (pain)" in t for t in texts)
        stop = "Stopped at set 2, left side, rep 3, phase 2 (Hold the knee [gently]), 4.5 s in"
        # The cue already says "Hold" (not "hold: Hold"); the pain given at the stop follows.
        assert f"{stop}; pain 7/10 at the time" in texts
        assert "Still flagged: left out of sessions until you unflag it" in texts
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_unflag_asks_and_records_a_clinicians_clearance(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.press("u")
        modal = app.screen
        assert isinstance(modal, UnflagScreen)
        assert modal.flag.id == ACTIVE_FLAG
        await pilot.press("e")
        assert isinstance(modal.focused, Input)
        await pilot.press(*"Dr Lee: yes, go on", "enter")  # 'y', 'n' and 'e' typed as letters
        assert modal.query_one(Input).value == "Dr Lee: yes, go on"
        assert isinstance(app.screen, UnflagScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        detail = static_text(app.screen, "#flag-detail")
        assert "Unflagged 2026-11-25, cleared by a clinician.\nNote: Dr Lee: yes, go on" in detail
        await pilot.press("2", "down", "down", "down", "enter")  # the session that raised it
        assert isinstance(app.screen, SessionDetailScreen)
        texts = [str(s.render()) for s in app.screen.query(Static)]
        assert "Unflagged 2026-11-25, cleared by a clinician." in texts
        assert "Note: Dr Lee: yes, go on" in texts
    history = stored(services)
    assert len(history.flags) == 2  # the flag stays, as history
    flag = next(f for f in history.flags if f.id == ACTIVE_FLAG)
    assert flag.cleared_at is not None
    assert flag.cleared_by_clinician is True
    assert flag.cleared_note == "Dr Lee: yes, go on"
    assert history.active_flags() == {}


async def test_unflag_without_a_clinician_and_cancel(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")  # not on the overview: u is a flags-tab key
        assert isinstance(app.screen, HistoryScreen)
        assert not app.screen.query_one("#flags-table", DataTable).has_focus
        await pilot.press("3", "u", "escape")
        assert isinstance(app.screen, HistoryScreen)
        assert "knee-to-chest" in stored(services).active_flags()
        await pilot.press("u", "n")
        await pilot.pause()
        assert static_text(app.screen, "#flags-note").startswith("0 active, 2 cleared")
        detail = static_text(app.screen, "#flag-detail")  # the cursor stays on that flag
        assert "Unflagged 2026-11-25, no clinician's clearance. No note." in detail
    flag = next(f for f in stored(services).flags if f.id == ACTIVE_FLAG)
    assert flag.cleared_at is not None
    assert flag.cleared_by_clinician is False
    assert not flag.cleared_note


async def test_an_already_cleared_flag_is_not_cleared_again(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    before = next(f for f in stored(services).flags if f.id == CLEARED_FLAG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "down", "u")
        assert isinstance(app.screen, HistoryScreen)
    after = next(f for f in stored(services).flags if f.id == CLEARED_FLAG)
    assert after == before


async def test_x_marks_today_as_a_rest_day_and_again_unmarks_it(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "down", "down", "x")
        await pilot.pause()
        assert app.screen.query_one("#sessions-table", DataTable).cursor_row == 2  # kept
        assert TODAY in {r.local_date for r in stored(services).rest_days}
        assert "Rest day today" in static_text(app.screen, "#history-figures")
        cell = app.screen.query_one(Heatmap).cell(TODAY)
        assert cell is not None and cell.rest
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert TODAY in {r.local_date for r in stored(services).rest_days}
        await pilot.press("x", "y")
        await pilot.pause()
        assert TODAY not in {r.local_date for r in stored(services).rest_days}
        assert REST_DAY in {r.local_date for r in stored(services).rest_days}
        assert "Rest day" not in static_text(app.screen, "#history-figures")


async def test_long_history_fills_the_session_list_a_page_at_a_time(services: Services) -> None:
    days = [TODAY - timedelta(days=i) for i in range(PAGE_SIZE + 30)]
    seed(services.store, History(sessions=[session(d) for d in days]))
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        table = app.screen.query_one("#sessions-table", DataTable)
        assert table.row_count == PAGE_SIZE
        assert "newest 100 of 130" in static_text(app.screen, "#sessions-note")
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == len(days)


async def test_empty_history_and_resizing_to_60x20(services: Services) -> None:
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Streak 0 days" in static_text(app.screen, "#history-figures")
        await pilot.resize_terminal(60, 20)
        for tab in ("2", "3", "1"):
            await pilot.press(tab)
            await pilot.pause()
        assert app.screen.query_one(Heatmap).weeks_shown >= 25
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_seeded_history_at_60x20_every_tab_and_modal(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("2", "down", "enter")
        assert isinstance(app.screen, SessionDetailScreen)
        await pilot.press("escape", "3", "u")
        assert isinstance(app.screen, UnflagScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.resize_terminal(60, 20)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_a_failed_save_is_shown_and_the_change_kept(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = services.store

    def full_disk(change: Callable[[History], None]) -> SaveReport:
        change(store.history)  # kept in memory, as the store does when it cannot write
        return SaveReport(ok=False, message="history.json: the disk is full", pending=1)

    monkeypatch.setattr(store, "update", full_disk)
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert app.store_problems == ["history.json: the disk is full"]
        assert "Rest day today" in static_text(app.screen, "#history-figures")
        assert len(app.reports) == 1


async def test_one_session_is_singular_and_one_rated_session(services: Services) -> None:
    seed(services.store, History(sessions=[session(TODAY, pain=(3, 2))]))
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert static_text(app.screen, "#sessions-note").startswith("1 session, newest first")
        assert "Streak 1 day ·" in static_text(app.screen, "#history-figures")


async def test_modals_show_their_own_keys_and_u_only_on_the_flags_tab(services: Services) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.check_action("unflag", ()) is False  # overview: no u in the footer
        assert screen.check_action("rest_day", ()) is True
        await pilot.press("3")
        assert screen.check_action("unflag", ()) is True
        await pilot.press("u")
        modal = app.screen
        assert isinstance(modal, UnflagScreen)
        assert modal.query_one(Footer) is not None
        shown = {b.binding.action for b in modal.active_bindings.values()}
        assert {"answer(True)", "answer(False)", "cancel"} <= shown
        assert "rest_day" not in shown


@pytest.mark.parametrize("theme", ["solarized-light", "textual-light", "textual-dark", "nord"])
async def test_heatmap_colours_contrast_with_the_background(services: Services, theme: str) -> None:
    """No white-on-cream: every part of the map and the pain bars stands out."""
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        heatmap = app.screen.query_one(Heatmap)
        background = heatmap.get_visual_style().background
        assert background is not None
        for component in ("label", "empty", "level-1", "level-2", "level-3", "rest"):
            colour = heatmap.get_visual_style(f"heatmap--{component}").foreground
            assert colour is not None
            seen = background + colour  # what the terminal shows (muted text is translucent)
            assert _contrast(seen, background) > 1.6, (theme, component, seen, background)
        trend = app.screen.query_one(PainTrend)
        for component in ("label", "before", "after"):
            colour = trend.get_visual_style(f"pain-trend--{component}").foreground
            assert colour is not None
            seen = background + colour
            assert _contrast(seen, background) > 1.6, (theme, component, seen, background)


def _contrast(one: Color, two: Color) -> float:
    """WCAG contrast ratio between two opaque colours."""
    bright = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (bright[0] + 0.05) / (bright[1] + 0.05)


def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


@pytest.mark.parametrize("width", [60, 70, 80, 120])
async def test_the_sessions_table_fits_the_width(services: Services, width: int) -> None:
    """No sideways scrolling; below 80 columns the counts go, Pain always stays."""
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#sessions-table", DataTable)
        titles = [str(column.label) for column in table.columns.values()]
        assert titles[-1] == "Pain"
        assert ("Done/Part/Skip/Stop" in titles) == (width >= 80)
        assert table.max_scroll_x == 0
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert len(table.get_row_at(0)) == len(titles)


async def test_resizing_refits_the_sessions_table_and_keeps_the_selection(
    services: Services,
) -> None:
    seed(services.store, seeded_history())
    app = HistoryTestApp(services)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("2", "down", "down")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        chosen = screen.selected_session()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        table = screen.query_one("#sessions-table", DataTable)
        assert "Done/Part/Skip/Stop" not in [str(c.label) for c in table.columns.values()]
        assert table.max_scroll_x == 0
        assert screen.selected_session() == chosen

"""The history: streaks, a calendar heatmap, pain trend, past sessions and flags.

Three tabs so it all fits 80x24 (and 60x20). Every figure comes from the core through
``history.figures``; the session list is filled a page at a time so ten years of
sessions open as fast as one week. The screen is handed the history and the app sets
``history`` from above after every save; the screen's own writes (unflag, rest day)
go to the store and their report goes up as ``HistorySaved``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import ClassVar
from uuid import UUID

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent

from backcoach.clock import Clock
from backcoach.core.content_models import Thresholds
from backcoach.core.history_models import Flag, History, SessionRecord
from backcoach.core.history_queries import active_flags_for, sessions_newest_first
from backcoach.core.pain_rules import NotEasing, PainRise, not_easing_notice, risen_days
from backcoach.core.store import HistoryStore, SaveReport
from backcoach.core.weekly_streaks import EVERY_DAY
from backcoach.tui.commands import EntryCommands, PaletteEntry
from backcoach.tui.history.figures import HistoryFigures, compute_figures
from backcoach.tui.history.flags import FlagsPane, planned_sets_by_flag
from backcoach.tui.history.overview import OverviewPane, figures_line
from backcoach.tui.history.sessions import NARROW_WIDTH, SessionsPane
from backcoach.tui.history.unflag import UnflagDecision, UnflagScreen
from backcoach.tui.messages import HidePainNotice, HistorySaved, MakeReport
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.widgets.pain_notice import PainNotice

STYLES = Path(__file__).parent.parent / "styles" / "history.tcss"
WEEKS_SHOWN = 4
TAB_KEYS = Binding.Group("Tabs", compact=True)


class HistoryCommands(EntryCommands):
    """The history screen's keys, also in the command palette while it is shown."""

    def _commands(self) -> list[PaletteEntry]:
        screen = self.screen
        if not isinstance(screen, HistoryScreen):
            return []
        return [
            ("History: mark today as a rest day (or unmark it)", "key x", screen.action_rest_day),
            ("History: unflag the selected flag", "key u", screen.action_unflag),
            (
                "History: a PDF report for your doctor or physiotherapist",
                "key r",
                screen.action_report,
            ),
            ("History: overview", "key 1", partial(screen.action_show_tab, "tab-overview")),
            ("History: sessions", "key 2", partial(screen.action_show_tab, "tab-sessions")),
            ("History: flags", "key 3", partial(screen.action_show_tab, "tab-flags")),
        ]


class HistoryScreen(Screen[None]):
    """Figures, heatmap and pain trend; sessions (enter for details); flags (u to unflag)."""

    SUB_TITLE = "History"
    CSS_PATH = STYLES
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {HistoryCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "back", "Back", id="history.back", tooltip="Back to the exercises"),
        Binding(
            "u",
            "unflag",
            "Unflag",
            id="history.unflag",
            tooltip="Unflag the selected flag (asks whether a clinician cleared it)",
        ),
        Binding(
            "x",
            "rest_day",
            "Rest day",
            id="history.rest_day",
            tooltip="Mark today as a rest day (press again to unmark)",
        ),
        Binding(
            "r",
            "report",
            "Report",
            id="history.report",
            tooltip="Write a PDF of the last 8 weeks for your doctor or physiotherapist",
        ),
        Binding(
            "d",
            "hide_pain_notice",
            "Hide notice",
            id="history.hide-pain-notice",
            tooltip="Hide the notice that your pain has not eased, for 14 days",
        ),
        Binding(
            "enter",
            "open_session",
            "Details",
            id="history.open_session",
            tooltip="Open the selected session's details",
            show=False,
        ),
        Binding(
            "1",
            "show_tab('tab-overview')",
            "Overview",
            id="history.tab_overview",
            tooltip="Streaks, calendar and pain trend",
            group=TAB_KEYS,
        ),
        Binding(
            "2",
            "show_tab('tab-sessions')",
            "Sessions",
            id="history.tab_sessions",
            tooltip="The list of past sessions",
            group=TAB_KEYS,
        ),
        Binding(
            "3",
            "show_tab('tab-flags')",
            "Flags",
            id="history.tab_flags",
            tooltip="Exercises that made pain worse",
            group=TAB_KEYS,
        ),
    ]

    #: Set from above (the app binds its own) after every save.
    history: var[History] = var(History, always_update=True, init=False)

    def __init__(
        self,
        store: HistoryStore,
        clock: Clock,
        history: History,
        *,
        days_per_week: int = EVERY_DAY,
        thresholds: Thresholds | None = None,
    ) -> None:
        """``days_per_week``: the weekly goal (7, every day: no week streak shown);
        ``thresholds``: the content's (rule 1's notice and the ↑ marks of risen days)."""
        super().__init__()
        self.store = store
        self.clock = clock
        self.days_per_week = days_per_week
        self.thresholds = thresholds or Thresholds()
        self.set_reactive(HistoryScreen.history, history)
        self._sessions_newest_first: list[SessionRecord] = []
        self._sets_by_flag: dict[UUID, int | None] = {}
        self.figures: HistoryFigures
        self.pain_finding: NotEasing | None = None
        self.rises: dict[date, PainRise] = {}
        self._work_out()

    def _today(self) -> date:
        return self.clock.now().date()

    def _work_out(self) -> None:
        """The figures, the session order and the flags' sets, once per history."""
        self.figures = compute_figures(
            self.history, self._today(), weeks=WEEKS_SHOWN, days_per_week=self.days_per_week
        )
        self._sessions_newest_first = sessions_newest_first(self.history)
        self._sets_by_flag = planned_sets_by_flag(self.history)
        today = self._today()
        self.pain_finding = not_easing_notice(self.history, today, self.thresholds.not_easing)
        self.rises = risen_days(self.history, self.thresholds.next_day)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(figures_line(self.figures), id="history-figures", markup=False)
        yield PainNotice(id="pain-notice")
        with TabbedContent(initial="tab-overview", id="history-tabs"):
            yield OverviewPane(self.figures, id="tab-overview")
            yield SessionsPane(
                self._sessions_newest_first,
                rises=self.rises,
                rise_points=self.thresholds.next_day.points,
                id="tab-sessions",
            )
            yield FlagsPane(id="tab-flags")
        yield Footer()

    def on_mount(self) -> None:
        self._show_pain_notice()
        self.query_one(SessionsPane).fill(self.size.width)
        self._fill_flags()
        self.set_class(self.figures.rest_day_today, "rest-today")
        self.query_one("#overview-scroll", VerticalScroll).focus()

    # -- filling -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Below 80 columns the footer packs its keys closer; both tables re-fit."""
        self.query_one(Footer).compact = event.size.width < NARROW_WIDTH
        self._fill_flags()
        self.query_one(SessionsPane).refit(event.size.width)

    def _fill_flags(self) -> None:
        self.query_one(FlagsPane).fill(self.history.flags, self._sets_by_flag, self.size.width)

    def _show_pain_notice(self) -> None:
        self.query_one(PainNotice).show(self.pain_finding, self.thresholds.not_easing)
        self.refresh_bindings()  # d is offered only while the notice is shown

    def _refresh_figures(self) -> None:
        figures = self.figures
        self.query_one("#history-figures", Static).update(figures_line(figures))
        self.set_class(figures.rest_day_today, "rest-today")
        self.query_one(OverviewPane).show(figures)

    def watch_history(self) -> None:
        """A save anywhere (this screen's own included): work it out and redraw once."""
        self._work_out()
        if not self.is_mounted:
            return
        self._refresh_figures()
        self._show_pain_notice()
        self._fill_flags()
        self.query_one(SessionsPane).replace(
            self._sessions_newest_first, self.size.width, rises=self.rises
        )

    # -- selection -----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#sessions-table")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_session()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # u belongs to the flags tab only
        pane = event.pane.id
        if pane == "tab-sessions":
            self.query_one("#sessions-table", DataTable).focus()
        elif pane == "tab-flags":
            self.query_one("#flags-table", DataTable).focus()
        else:
            self.query_one("#overview-scroll", VerticalScroll).focus()

    def selected_session(self) -> SessionRecord | None:
        return self.query_one(SessionsPane).selected_session()

    def selected_flag(self) -> Flag | None:
        return self.query_one(FlagsPane).selected_flag()

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """u (unflag) only while the flags tab is shown, so the footer offers it only there;
        r (report) on the other tabs, so that a 60-column footer still shows ? Help;
        d (hide the pain notice) only while the notice is shown."""
        if action == "hide_pain_notice":
            return self.pain_finding is not None
        if action not in {"unflag", "report"}:
            return True
        tabs = self.query(TabbedContent)
        on_flags = bool(tabs) and tabs.first().active == "tab-flags"
        return on_flags if action == "unflag" else not on_flags

    def action_back(self) -> None:
        self.dismiss(None)

    def action_hide_pain_notice(self) -> None:
        if self.pain_finding is not None:
            self.post_message(HidePainNotice())

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_report(self) -> None:
        """The app writes it (it holds the content and the paths) and says where."""
        self.notify("Writing the report…", markup=False)
        self.post_message(MakeReport())

    def action_open_session(self) -> None:
        if self.query_one(TabbedContent).active != "tab-sessions":
            return
        session = self.selected_session()
        if session is None:
            return
        from backcoach.tui.history.session_detail import SessionDetailScreen  # when opened

        flags = [f for f in self.history.flags if f.session_id == session.id]
        self.app.push_screen(SessionDetailScreen(session, flags))

    def action_unflag(self) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != "tab-flags":
            tabs.active = "tab-flags"
            self.notify("Choose a flag, then press u.", markup=False)
            return
        flag = self.selected_flag()
        if flag is None:
            self.notify("There is no flag to clear.", markup=False)
            return
        if not flag.active:
            said = "withdrawn (pressed by mistake)" if flag.withdrawn else "already cleared"
            self.notify(f"That flag is {said}.", markup=False)
            return

        def answered(decision: UnflagDecision | None) -> None:
            if decision is None:
                return
            self._after_save(
                self._clear(flag, decision), f"{flag.exercise_name} is back in your sessions."
            )

        self.app.push_screen(UnflagScreen(flag, self._sets_by_flag.get(flag.id)), answered)

    def _clear(self, flag: Flag, decision: UnflagDecision) -> SaveReport:
        """Clear the flag; if the exercise has other active flags, clear them all too,
        since the exercise only comes back once none is left."""
        store, note = self.store, decision.note or ""
        if len(active_flags_for(store.history, flag.exercise_id)) > 1:
            return store.clear_exercise_flags(
                flag.exercise_id, note=note, by_clinician=decision.by_clinician
            )
        return store.clear_flag(flag.id, note=note, by_clinician=decision.by_clinician)

    def action_rest_day(self) -> None:
        today = self._today()
        if today not in self.figures.rest_days:
            report = self.store.mark_rest_day(today)
            self._after_save(report, "Today is a rest day. Rest days do not break a streak.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                report = self.store.unmark_rest_day(today)
                self._after_save(report, "Today is no longer a rest day.")

        self.app.push_screen(
            ConfirmScreen(
                "Today is marked as a rest day. Unmark it?",
                yes_label="Unmark",
                no_label="Keep",
            ),
            answered,
        )

    def _after_save(self, report: SaveReport, success: str) -> None:
        """Say it worked, and send the report up: the app says what went wrong (if
        anything) and hands the new history down to this screen and home."""
        if report.ok:
            self.notify(success, markup=False)
        self.post_message(HistorySaved(report))

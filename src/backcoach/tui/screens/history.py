"""The history: streaks, a calendar heatmap, pain trend, past sessions and flags.

Three tabs so it all fits 80x24 (and 60x20). Every figure comes from the core through
``history_figures``; the session list is filled a page at a time so ten years of
sessions open as fast as one week.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from backcoach.core.history_models import Flag, History, SessionRecord
from backcoach.core.history_queries import active_flags_for, sessions_newest_first
from backcoach.core.store import SaveReport
from backcoach.core.wording import plural
from backcoach.services import Services
from backcoach.tui import history_figures
from backcoach.tui.commands import EntryCommands, PaletteEntry
from backcoach.tui.history_figures import HistoryFigures
from backcoach.tui.history_text import (
    SESSION_STATUS,
    clearance,
    exercise_counts,
    pain_text,
    session_when,
    short_stop,
    stopped_line,
)
from backcoach.tui.widgets.heatmap import Heatmap
from backcoach.tui.widgets.pain_trend import PainTrend

if TYPE_CHECKING:
    from backcoach.tui.screens.unflag import UnflagDecision

STYLES = Path(__file__).parent.parent / "styles" / "history.tcss"
PAGE_SIZE = 100
WEEKS_SHOWN = 4
ROUTINE_WIDTH = 18
MIN_ROUTINE_WIDTH = 10
# Below this width the sessions table leaves out its done/skipped/stopped column.
NARROW_WIDTH = 80
# The sessions table: the pane's padding and a vertical scrollbar, around the columns.
SESSION_TABLE_GUTTER = 2 + 2
WHEN_WIDTH = len("2026-01-01 00:00")
STATUS_WIDTH = max(len(words) for words in SESSION_STATUS.values())
COUNTS_TITLE = "Done/Skip/Stop"
PAIN_WIDTH = len("10 → 10")
WEEKS_TITLE = "Days done per week (rest days left out)"
# The flags table: cell padding each side of four columns, the pane's padding, a scrollbar.
FLAG_TABLE_GUTTER = 4 * 2 + 2 + 2
STATE_WIDTH = len("cleared")
DATE_WIDTH = len("2026-01-01")
MIN_STOP_WIDTH = 12
STOP_TITLE = "Where it stopped"
SHORT_STOP_TITLE = "Stopped at"  # when the column is too narrow for the full title
MIN_EXERCISE_WIDTH = 10
TAB_KEYS = Binding.Group("Tabs", compact=True)


def figures_line(figures: HistoryFigures) -> str:
    line = (
        f"Streak {plural(figures.current_streak, 'day')} · Longest {figures.longest_streak}"
        f" · Today {figures.today_done}/{figures.today_target}"
    )
    if figures.rest_day_today:
        line += " · Rest day today"
    return line


def week_label(weeks_ago: int) -> str:
    if weeks_ago == 0:
        return "This week"
    if weeks_ago == 1:
        return "Last week"
    return f"{weeks_ago} weeks ago"


def weeks_table(figures: HistoryFigures) -> str:
    """A two-line table, this week first: labels above, days done / days to do below.

    Aligned left: a line's leading spaces would not survive the Static's wrapping."""
    newest_first = list(reversed(figures.weeks))
    if not newest_first:
        return ""
    labels = [week_label(n) for n in range(len(newest_first))]
    values = [f"{w.days_counted}/{w.days_in_scope - w.rest_days}" for w in newest_first]
    widths = [max(len(label), len(value)) for label, value in zip(labels, values, strict=True)]
    top = "  ".join(label.ljust(w) for label, w in zip(labels, widths, strict=True))
    bottom = "  ".join(value.ljust(w) for value, w in zip(values, widths, strict=True))
    return f"{top.rstrip()}\n{bottom.rstrip()}"


def planned_sets_by_flag(history: History) -> dict[UUID, int | None]:
    """Each flag's planned number of sets (from the session it stopped), so a stop in a
    one-set exercise does not say "set 1". Only the flags' own sessions are looked at."""
    wanted = {f.session_id for f in history.flags if f.session_id is not None}
    sessions = {s.id: s for s in history.sessions if s.id in wanted}
    found: dict[UUID, int | None] = {}
    for flag in history.flags:
        source = sessions.get(flag.session_id) if flag.session_id else None
        records = source.exercises if source else []
        record = next((e for e in records if e.exercise_id == flag.exercise_id), None)
        found[flag.id] = record.planned_sets if record else None
    return found


def flag_stop(flag: Flag, sets_by_flag: dict[UUID, int | None]) -> str:
    if flag.stopped_at is None:
        return ""
    return short_stop(flag.stopped_at, sets_by_flag.get(flag.id))


def flag_column_widths(
    flags: list[Flag], screen_width: int, sets_by_flag: dict[UUID, int | None]
) -> tuple[int, int]:
    """(exercise, where it stopped): names in full when they fit, the stop gets the rest."""
    room = max(0, screen_width - FLAG_TABLE_GUTTER - STATE_WIDTH - DATE_WIDTH)
    longest_name = max([len("Exercise"), *(len(f.exercise_name) for f in flags)])
    longest_stop = max([len(STOP_TITLE), *(len(flag_stop(f, sets_by_flag)) for f in flags)])
    exercise = max(MIN_EXERCISE_WIDTH, min(longest_name, room - MIN_STOP_WIDTH))
    stop = max(MIN_STOP_WIDTH, min(longest_stop, room - exercise))
    return exercise, stop


def flag_order(flags: list[Flag]) -> list[Flag]:
    """Active flags first, newest first within each group."""
    newest_first = sorted(flags, key=lambda f: f.flagged_at, reverse=True)
    return [f for f in newest_first if f.active] + [f for f in newest_first if not f.active]


def session_columns(screen_width: int) -> list[tuple[str, int]]:
    """(title, width) of each sessions column, so the table fits without a sideways
    scrollbar: below 80 columns the done/skipped/stopped counts are left out (the
    details show them) and the routine name gets what is left."""
    columns = [("Date", WHEN_WIDTH), ("Routine", 0), ("Status", STATUS_WIDTH)]
    if screen_width >= NARROW_WIDTH:
        columns.append((COUNTS_TITLE, len(COUNTS_TITLE)))
    columns.append(("Pain", PAIN_WIDTH))
    used = SESSION_TABLE_GUTTER + sum(width + 2 for _, width in columns)
    routine = max(MIN_ROUTINE_WIDTH, min(ROUTINE_WIDTH, screen_width - used))
    return [(title, width or routine) for title, width in columns]


def session_row(session: SessionRecord, with_counts: bool = True) -> tuple[Text, ...]:
    done, skipped, stopped = exercise_counts(session)
    cells = [
        session_when(session),
        session.routine_name,
        SESSION_STATUS.get(session.status, session.status),
        pain_text(session.pain_before, session.pain_after),
    ]
    if with_counts:
        cells.insert(3, f"{done}/{skipped}/{stopped}")
    return tuple(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells)


def flag_row(flag: Flag, sets_by_flag: dict[UUID, int | None]) -> tuple[Text, ...]:
    cells = (
        "active" if flag.active else "cleared",
        flag.local_date.isoformat(),
        flag.exercise_name,
        flag_stop(flag, sets_by_flag),
    )
    return tuple(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells)


def flag_detail(flag: Flag, planned_sets: int | None = None) -> str:
    first = f"{flag.exercise_name}, flagged {flag.local_date.isoformat()}"
    if flag.pain is not None:
        first += f" (pain {flag.pain}/10)"
    if flag.active:
        first += ", still active"
    lines = [first]
    if not flag.active:
        lines.append(clearance(flag))
    if flag.stopped_at is not None:
        lines.append(stopped_line(flag.stopped_at, planned_sets))
    return "\n".join(lines)


class HistoryCommands(EntryCommands):
    """The history screen's keys, also in the command palette while it is shown."""

    def _commands(self) -> list[PaletteEntry]:
        screen = self.screen
        if not isinstance(screen, HistoryScreen):
            return []
        return [
            ("History: mark today as a rest day (or unmark it)", "key x", screen.action_rest_day),
            ("History: unflag the selected flag", "key u", screen.action_unflag),
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

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.history = History()
        self._sessions_newest_first: list[SessionRecord] = []
        self._sessions_by_key: dict[str, SessionRecord] = {}
        self._flags_by_key: dict[str, Flag] = {}
        self._sets_by_flag: dict[UUID, int | None] = {}
        self._session_layout: list[tuple[str, int]] = []
        self.figures: HistoryFigures
        self._load()

    def _session_versions(self) -> list[tuple[UUID, datetime | None]]:
        """Cheap to compare (no deep model equality over years of sessions)."""
        return [(s.id, s.updated_at) for s in self._sessions_newest_first]

    def _today(self) -> date:
        return self.services.clock.now().date()

    def _load(self) -> None:
        """The store's cached history: already loaded at start-up, updated by each save."""
        self.history = self.services.store.history
        self.figures = history_figures.compute_figures(
            self.history, self._today(), weeks=WEEKS_SHOWN
        )
        self._sessions_newest_first = sessions_newest_first(self.history)
        self._sets_by_flag = planned_sets_by_flag(self.history)

    def compose(self) -> ComposeResult:
        figures = self.figures
        yield Header()
        yield Static(figures_line(figures), id="history-figures", markup=False)
        with TabbedContent(initial="tab-overview", id="history-tabs"):
            with TabPane("Overview", id="tab-overview"), VerticalScroll(id="overview-scroll"):
                yield Heatmap(
                    figures.sessions_per_day, figures.rest_days, figures.today, id="heatmap"
                )
                yield Static(WEEKS_TITLE, classes="section-title", markup=False)
                yield Static(weeks_table(figures), id="weeks-table", markup=False)
                yield Static(
                    "Pain before and after (0-10), latest session at the right",
                    classes="section-title",
                    markup=False,
                )
                yield PainTrend(figures.pain, id="pain-trend")
            with TabPane("Sessions", id="tab-sessions"):
                yield Static("", id="sessions-note", classes="tab-note", markup=False)
                yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Flags", id="tab-flags"):
                yield Static("", id="flags-note", classes="tab-note", markup=False)
                yield DataTable(id="flags-table", cursor_type="row")
                yield Static("", id="flag-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill_sessions()
        self._fill_flags()
        self.set_class(self.figures.rest_day_today, "rest-today")
        self.query_one("#overview-scroll", VerticalScroll).focus()

    # -- filling -------------------------------------------------------------------------

    def _fill_sessions(self, rows: int = PAGE_SIZE) -> None:
        """(Re)build the sessions table for the current width with at least ``rows`` rows,
        keeping the selected session selected."""
        sessions = self.query_one("#sessions-table", DataTable)
        keep = self.selected_session()
        columns = session_columns(self.size.width or NARROW_WIDTH)
        self._session_layout = columns
        sessions.clear(columns=True)
        for title, width in columns:
            sessions.add_column(title, width=width)
        self._sessions_by_key.clear()
        self._add_session_page()
        while sessions.row_count < min(rows, len(self._sessions_newest_first)):
            self._add_session_page()
        if keep is not None and str(keep.id) in self._sessions_by_key:
            sessions.move_cursor(row=sessions.get_row_index(str(keep.id)), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """Below 80 columns the footer packs its keys closer; both tables re-fit."""
        self.query_one(Footer).compact = event.size.width < NARROW_WIDTH
        self._fill_flags()
        if session_columns(event.size.width) != self._session_layout:
            self._fill_sessions(self.query_one("#sessions-table", DataTable).row_count)

    def _fill_flags(self) -> None:
        flags = self.query_one("#flags-table", DataTable)
        keep = self.selected_flag()
        flags.clear(columns=True)
        self._flags_by_key.clear()
        ordered = flag_order(self.history.flags)
        exercise_width, stop_width = flag_column_widths(
            ordered, self.size.width or 80, self._sets_by_flag
        )
        flags.add_column("State", width=STATE_WIDTH)
        flags.add_column("Flagged", width=DATE_WIDTH)
        flags.add_column("Exercise", width=exercise_width)
        stop_title = STOP_TITLE if stop_width >= len(STOP_TITLE) else SHORT_STOP_TITLE
        flags.add_column(stop_title, width=stop_width)
        for flag in ordered:
            key = str(flag.id)
            self._flags_by_key[key] = flag
            flags.add_row(*flag_row(flag, self._sets_by_flag), key=key)
        if keep is not None and str(keep.id) in self._flags_by_key:
            flags.move_cursor(row=flags.get_row_index(str(keep.id)), animate=False)
        active = sum(1 for f in ordered if f.active)
        note = f"{active} active, {len(ordered) - active} cleared. u unflags the selected one."
        if not ordered:
            note = "No exercise has been flagged."
        self.query_one("#flags-note", Static).update(note)
        self._show_flag_detail()

    def _add_session_page(self) -> None:
        """Append the next page of sessions (newest first)."""
        table = self.query_one("#sessions-table", DataTable)
        start = table.row_count
        page = self._sessions_newest_first[start : start + PAGE_SIZE]
        with_counts = any(title == COUNTS_TITLE for title, _ in self._session_layout)
        for session in page:
            key = str(session.id)
            self._sessions_by_key[key] = session
            table.add_row(*session_row(session, with_counts), key=key)
        self._update_sessions_note()

    def _update_sessions_note(self) -> None:
        total = len(self._sessions_newest_first)
        shown = self.query_one("#sessions-table", DataTable).row_count
        if total == 0:
            note = "No sessions yet."
        elif shown < total:
            note = f"Showing the newest {shown} of {total}; more load as you scroll. Enter opens."
        else:
            note = f"{plural(total, 'session')}, newest first. Enter opens one."
        self.query_one("#sessions-note", Static).update(note)

    def _refresh_figures(self) -> None:
        figures = self.figures
        self.query_one("#history-figures", Static).update(figures_line(figures))
        self.set_class(figures.rest_day_today, "rest-today")
        self.query_one(Heatmap).set_data(figures.sessions_per_day, figures.rest_days, figures.today)
        self.query_one("#weeks-table", Static).update(weeks_table(figures))
        self.query_one(PainTrend).set_points(figures.pain)

    def reload(self) -> None:
        """Re-read the store after a change and redraw; keeps the home screen in step."""
        sessions_before = self._session_versions()
        self._load()
        self._refresh_figures()
        self._fill_flags()
        if self._session_versions() != sessions_before:  # another terminal saved one
            self._fill_sessions()
        reload_app: Callable[[], object] | None = getattr(self.app, "reload_history", None)
        if callable(reload_app):
            reload_app()

    # -- selection -----------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#sessions-table")
    def _more_sessions(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if event.cursor_row >= table.row_count - 1 and table.row_count < len(
            self._sessions_newest_first
        ):
            self._add_session_page()

    @on(DataTable.RowSelected, "#sessions-table")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_session()

    @on(DataTable.RowHighlighted, "#flags-table")
    def _flag_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_flag_detail()

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
        table = self.query_one("#sessions-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._sessions_by_key.get(key or "")

    def selected_flag(self) -> Flag | None:
        table = self.query_one("#flags-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._flags_by_key.get(key or "")

    def _show_flag_detail(self) -> None:
        flag = self.selected_flag()
        text = flag_detail(flag, self._sets_by_flag.get(flag.id)) if flag else ""
        self.query_one("#flag-detail", Static).update(text)

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """u (unflag) only while the flags tab is shown, so the footer offers it only there."""
        if action != "unflag":
            return True
        tabs = self.query(TabbedContent)
        return bool(tabs) and tabs.first().active == "tab-flags"

    def action_back(self) -> None:
        self.dismiss(None)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_open_session(self) -> None:
        if self.query_one(TabbedContent).active != "tab-sessions":
            return
        session = self.selected_session()
        if session is None:
            return
        from backcoach.tui.screens.session_detail import SessionDetailScreen

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
            self.notify("That flag is already cleared.", markup=False)
            return
        from backcoach.tui.screens.unflag import UnflagScreen

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
        store, note = self.services.store, decision.note or ""
        if len(active_flags_for(store.history, flag.exercise_id)) > 1:
            return store.clear_exercise_flags(
                flag.exercise_id, note=note, by_clinician=decision.by_clinician
            )
        return store.clear_flag(flag.id, note=note, by_clinician=decision.by_clinician)

    def action_rest_day(self) -> None:
        today = self._today()
        if today not in self.figures.rest_days:
            report = self.services.store.mark_rest_day(today)
            self._after_save(report, "Today is a rest day. Rest days do not break a streak.")
            return
        from backcoach.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                report = self.services.store.unmark_rest_day(today)
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
        show_notices = getattr(self.app, "show_store_notices", None)
        if report.notices and callable(show_notices):
            show_notices(report.notices)  # a repair made on the way (moved aside...)
        if report.ok:
            self.notify(success, markup=False)
        else:
            message = report.message or "The history could not be saved."
            tell: Callable[[str], object] | None = getattr(self.app, "notify_store_problem", None)
            if callable(tell):
                tell(message)
            else:
                self.notify(message, severity="error", markup=False, timeout=15)
        self.reload()

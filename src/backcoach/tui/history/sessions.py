"""The history's sessions tab: past sessions newest first, filled a page at a time.

Paging keeps ten years of sessions as quick to open as one week; the columns are
re-fitted to the screen width so the table never needs a sideways scrollbar.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from uuid import UUID

from rich.text import Text
from textual import on
from textual.widgets import DataTable, Static, TabPane

from backcoach.core.history_models import SessionRecord
from backcoach.core.pain_rules import PainRise
from backcoach.core.wording import plural
from backcoach.tui.history.text import SESSION_STATUS, exercise_counts, pain_text, session_when

PAGE_SIZE = 100
ROUTINE_WIDTH = 18
MIN_ROUTINE_WIDTH = 10
# Below this width the sessions table leaves out its done/partly/skipped/stopped column.
NARROW_WIDTH = 80
# The sessions table: the pane's padding and a vertical scrollbar, around the columns.
SESSION_TABLE_GUTTER = 2 + 2
WHEN_WIDTH = len("2026-01-01 00:00")
STATUS_WIDTH = max(len(words) for words in SESSION_STATUS.values())
COUNTS_TITLE = "Done/Part/Skip/Stop"
PAIN_WIDTH = len("10 → 10")
#: Marks the pain of a session whose pain before rose since the previous session day.
RISE_MARK = "↑"


def session_columns(screen_width: int, pain_width: int = PAIN_WIDTH) -> list[tuple[str, int]]:
    """(title, width) of each sessions column, so the table fits without a sideways
    scrollbar: below 80 columns the done/partly/skipped/stopped counts are left out (the
    details show them) and the routine name gets what is left."""
    columns = [("Date", WHEN_WIDTH), ("Routine", 0), ("Status", STATUS_WIDTH)]
    if screen_width >= NARROW_WIDTH:
        columns.append((COUNTS_TITLE, len(COUNTS_TITLE)))
    columns.append(("Pain", pain_width))
    used = SESSION_TABLE_GUTTER + sum(width + 2 for _, width in columns)
    routine = max(MIN_ROUTINE_WIDTH, min(ROUTINE_WIDTH, screen_width - used))
    return [(title, width or routine) for title, width in columns]


def session_row(
    session: SessionRecord, with_counts: bool = True, *, risen: bool = False
) -> tuple[Text, ...]:
    """One row; ``risen``: its pain before rose since the previous session day (↑)."""
    done, partly, skipped, stopped = exercise_counts(session)
    pain = pain_text(session.pain_before, session.pain_after)
    cells = [
        session_when(session),
        session.routine_name,
        SESSION_STATUS.get(session.status, session.status),
        f"{RISE_MARK}{pain}" if risen else pain,
    ]
    if with_counts:
        cells.insert(3, f"{done}/{partly}/{skipped}/{stopped}")
    return tuple(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells)


def session_versions(sessions: list[SessionRecord]) -> list[tuple[UUID, datetime | None]]:
    """Cheap to compare (no deep model equality over years of sessions)."""
    return [(s.id, s.updated_at) for s in sessions]


class SessionsPane(TabPane):
    """A note and the sessions table; Enter on a row is handled by the screen."""

    def __init__(
        self,
        sessions: list[SessionRecord],
        *,
        rises: Mapping[date, PainRise] | None = None,
        rise_points: int = 2,
        id: str | None = None,
    ) -> None:
        """``rises``: the days whose pain before rose by ``rise_points`` or more."""
        super().__init__(
            "Sessions",
            Static("", id="sessions-note", classes="tab-note", markup=False),
            DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True),
            id=id,
        )
        self.sessions = sessions  # newest first
        self.rises = dict(rises or {})
        self.rise_points = rise_points
        self._by_key: dict[str, SessionRecord] = {}
        self._layout: list[tuple[str, int]] = []

    @property
    def table(self) -> DataTable[object]:
        return self.query_one("#sessions-table", DataTable)

    def fill(self, width: int, rows: int = PAGE_SIZE) -> None:
        """(Re)build the table for ``width`` with at least ``rows`` rows, keeping the
        selected session selected."""
        table = self.table
        keep = self.selected_session()
        columns = session_columns(width or NARROW_WIDTH, self.pain_width())
        self._layout = columns
        table.clear(columns=True)
        for title, column_width in columns:
            table.add_column(title, width=column_width)
        self._by_key.clear()
        self._add_page()
        while table.row_count < min(rows, len(self.sessions)):
            self._add_page()
        if keep is not None and str(keep.id) in self._by_key:
            table.move_cursor(row=table.get_row_index(str(keep.id)), animate=False)

    def refit(self, width: int) -> None:
        """Rebuild only when the width calls for other columns, keeping the rows loaded."""
        if session_columns(width, self.pain_width()) != self._layout:
            self.fill(width, self.table.row_count)

    def replace(
        self,
        sessions: list[SessionRecord],
        width: int,
        *,
        rises: Mapping[date, PainRise] | None = None,
    ) -> None:
        """Take a re-read list; rebuild only if a session was added or changed."""
        changed = session_versions(sessions) != session_versions(self.sessions)
        self.sessions = sessions
        self.rises = dict(rises or {})
        if changed:  # another terminal saved one
            self.fill(width)

    def pain_width(self) -> int:
        """Wide enough for a marked pain: ``↑10 → 10`` needs one more column than the
        unmarked ``10 → 10``, ``↑9 → 10`` none; the routine's name gets the rest."""
        return PAIN_WIDTH + int(any(rise.pain >= 10 for rise in self.rises.values()))

    def _add_page(self) -> None:
        """Append the next page of sessions (newest first)."""
        table = self.table
        start = table.row_count
        page = self.sessions[start : start + PAGE_SIZE]
        with_counts = any(title == COUNTS_TITLE for title, _ in self._layout)
        risen = {rise.session_id for rise in self.rises.values()}
        for session in page:
            key = str(session.id)
            self._by_key[key] = session
            row = session_row(session, with_counts, risen=session.id in risen)
            table.add_row(*row, key=key)
        self._update_note()

    def _update_note(self) -> None:
        total = len(self.sessions)
        shown = self.table.row_count
        if total == 0:
            note = "No sessions yet."
        elif shown < total:
            note = f"Showing the newest {shown} of {total}; more load as you scroll. Enter opens."
        else:
            note = f"{plural(total, 'session')}, newest first. Enter opens one."
        if self.rises:
            note += (
                f" {RISE_MARK}: pain before {self.rise_points} or more above the"
                " previous session day's."
            )
        self.query_one("#sessions-note", Static).update(note)

    @on(DataTable.RowHighlighted, "#sessions-table")
    def _more_sessions(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if event.cursor_row >= table.row_count - 1 and table.row_count < len(self.sessions):
            self._add_page()

    def selected_session(self) -> SessionRecord | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._by_key.get(key or "")

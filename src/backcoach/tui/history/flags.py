"""The history's flags tab: every exercise that made pain worse, active ones first.

The selected flag's details show under the table; clearing one (u) is the screen's job
because it asks a question and saves.
"""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.widgets import DataTable, Static, TabPane

from backcoach.core.history_models import Flag, History
from backcoach.core.stop_words import short_stop, stopped_line
from backcoach.tui.history.text import clearance

# The flags table: cell padding each side of four columns, the pane's padding, a scrollbar.
FLAG_TABLE_GUTTER = 4 * 2 + 2 + 2
STATE_WIDTH = len("withdrawn")
DATE_WIDTH = len("2026-01-01")
MIN_STOP_WIDTH = 12
STOP_TITLE = "Where it stopped"
SHORT_STOP_TITLE = "Stopped at"  # when the column is too narrow for the full title
MIN_EXERCISE_WIDTH = 10
DEFAULT_WIDTH = 80


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


def flag_state(flag: Flag) -> str:
    if flag.withdrawn:
        return "withdrawn"
    return "active" if flag.active else "cleared"


def flag_row(flag: Flag, sets_by_flag: dict[UUID, int | None]) -> tuple[Text, ...]:
    cells = (
        flag_state(flag),
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
    if flag.withdrawn and flag.withdrawn_at is not None:
        when = flag.withdrawn_at.strftime("%Y-%m-%d %H:%M")
        lines.append(f"Withdrawn {when}: w was pressed by mistake; not a pain stop.")
    elif not flag.active:
        lines.append(clearance(flag))
    if flag.stopped_at is not None:
        lines.append(stopped_line(flag.stopped_at, planned_sets))
    return "\n".join(lines)


class FlagsPane(TabPane):
    """A note, the flags table and the selected flag's details."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "Flags",
            Static("", id="flags-note", classes="tab-note", markup=False),
            DataTable(id="flags-table", cursor_type="row"),
            Static("", id="flag-detail", markup=False),
            id=id,
        )
        self.sets_by_flag: dict[UUID, int | None] = {}
        self._by_key: dict[str, Flag] = {}

    @property
    def table(self) -> DataTable[object]:
        return self.query_one("#flags-table", DataTable)

    def fill(self, flags: list[Flag], sets_by_flag: dict[UUID, int | None], width: int) -> None:
        """(Re)build the table for ``width``, keeping the selected flag selected.

        ``sets_by_flag`` comes from ``planned_sets_by_flag``, worked out once per load."""
        self.sets_by_flag = sets_by_flag
        table = self.table
        keep = self.selected_flag()
        table.clear(columns=True)
        self._by_key.clear()
        ordered = flag_order(flags)
        exercise_width, stop_width = flag_column_widths(
            ordered, width or DEFAULT_WIDTH, self.sets_by_flag
        )
        table.add_column("State", width=STATE_WIDTH)
        table.add_column("Flagged", width=DATE_WIDTH)
        table.add_column("Exercise", width=exercise_width)
        stop_title = STOP_TITLE if stop_width >= len(STOP_TITLE) else SHORT_STOP_TITLE
        table.add_column(stop_title, width=stop_width)
        for flag in ordered:
            key = str(flag.id)
            self._by_key[key] = flag
            table.add_row(*flag_row(flag, self.sets_by_flag), key=key)
        if keep is not None and str(keep.id) in self._by_key:
            table.move_cursor(row=table.get_row_index(str(keep.id)), animate=False)
        active = sum(1 for f in ordered if f.active)
        withdrawn = sum(1 for f in ordered if f.withdrawn)
        cleared = len(ordered) - active - withdrawn
        note = f"{active} active, {cleared} cleared. u unflags the selected one."
        if withdrawn:
            note = f"{active} active, {cleared} cleared, {withdrawn} withdrawn. u unflags one."
        if not ordered:
            note = "No exercise has been flagged."
        self.query_one("#flags-note", Static).update(note)
        self._show_detail()

    def selected_flag(self) -> Flag | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._by_key.get(key or "")

    @on(DataTable.RowHighlighted, "#flags-table")
    def _flag_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        flag = self.selected_flag()
        text = flag_detail(flag, self.sets_by_flag.get(flag.id)) if flag else ""
        self.query_one("#flag-detail", Static).update(text)

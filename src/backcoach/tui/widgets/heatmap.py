"""A calendar heatmap: one column per week, one row per weekday, sessions per day.

Each cell has a distinct glyph as well as a colour, so the map still reads without
colour (NO_COLOR, monochrome terminals, snapshots). Rest days and today are marked.
Every colour comes from the theme through component classes (never a fixed colour), so
the map reads on light themes as well as dark ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_WIDTH = 4
CELL_WIDTH = 2
DEFAULT_WEEKS = 26

GLYPH_NONE = "·"
GLYPH_REST = "○"
GLYPH_LEVELS = ("▪", "■", "█")  # 1 session, 2 sessions, 3 or more
GLYPH_FUTURE = " "


@dataclass(frozen=True)
class HeatCell:
    """One day in the grid."""

    day: date
    count: int
    rest: bool
    is_today: bool
    future: bool

    @property
    def glyph(self) -> str:
        if self.future:
            return GLYPH_FUTURE
        if self.count > 0:
            return GLYPH_LEVELS[min(self.count, len(GLYPH_LEVELS)) - 1]
        if self.rest:
            return GLYPH_REST
        return GLYPH_NONE

    @property
    def component(self) -> str:
        """The component class that colours this cell."""
        if self.future:
            return "heatmap--empty"
        if self.count > 0:
            return f"heatmap--level-{min(self.count, len(GLYPH_LEVELS))}"
        if self.rest:
            return "heatmap--rest"
        return "heatmap--empty"


def first_shown_day(today: date, weeks: int) -> date:
    """The Monday that starts the first column, so the last column holds today."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=weeks - 1)


def build_grid(
    counts: Mapping[date, int], rest_days: Set[date], today: date, weeks: int
) -> list[list[HeatCell]]:
    """Columns (weeks, oldest first) of seven cells (Monday first)."""
    start = first_shown_day(today, weeks)
    columns: list[list[HeatCell]] = []
    for week in range(weeks):
        column: list[HeatCell] = []
        for weekday in range(7):
            day = start + timedelta(days=week * 7 + weekday)
            column.append(
                HeatCell(
                    day=day,
                    count=counts.get(day, 0),
                    rest=day in rest_days,
                    is_today=day == today,
                    future=day > today,
                )
            )
        columns.append(column)
    return columns


def month_header(columns: list[list[HeatCell]]) -> str:
    """Month names above the first column whose Monday falls in a new month."""
    header = [" "] * (len(columns) * CELL_WIDTH)
    previous_month: int | None = None
    free_from = 0
    for index, column in enumerate(columns):
        month = column[0].day.month
        position = index * CELL_WIDTH
        if month != previous_month and position >= free_from:
            name = MONTH_NAMES[month - 1]
            if position + len(name) <= len(header):
                header[position : position + len(name)] = list(name)
                free_from = position + len(name) + 1
        previous_month = month
    return " " * LABEL_WIDTH + "".join(header).rstrip()


class Heatmap(Widget):
    """Sessions per day over the last weeks; fits as many weeks as the width allows."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heatmap--empty",
        "heatmap--level-1",
        "heatmap--level-2",
        "heatmap--level-3",
        "heatmap--rest",
        "heatmap--today",
        "heatmap--label",
    }

    # More sessions stand out more: brighter on a dark theme, darker on a light one.
    # Not scoped, so the rules can look at the App's :light pseudo-class.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    Heatmap {
        height: 9;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    Heatmap > .heatmap--empty { color: $text-muted; }
    Heatmap > .heatmap--level-1 { color: $success-darken-2; }
    Heatmap > .heatmap--level-2 { color: $success; }
    Heatmap > .heatmap--level-3 { color: $success-lighten-2; }
    App:light Heatmap > .heatmap--level-1 { color: $success-darken-1; }
    App:light Heatmap > .heatmap--level-2 { color: $success-darken-2; }
    App:light Heatmap > .heatmap--level-3 { color: $success-darken-3; }
    Heatmap > .heatmap--rest { color: $accent; }
    App:light Heatmap > .heatmap--rest { color: $accent-darken-2; }
    Heatmap > .heatmap--today { background: $foreground 35%; text-style: bold; }
    Heatmap > .heatmap--label { color: $text-muted; }
    """

    def __init__(
        self,
        counts: Mapping[date, int],
        rest_days: Set[date],
        today: date,
        *,
        weeks: int = DEFAULT_WEEKS,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.max_weeks = weeks
        self.counts: Mapping[date, int] = counts
        self.rest_days: Set[date] = rest_days
        self.today = today

    def set_data(self, counts: Mapping[date, int], rest_days: Set[date], today: date) -> None:
        """New figures (after a save); redraws only this widget."""
        self.counts = counts
        self.rest_days = rest_days
        self.today = today
        self.refresh()

    @property
    def weeks_shown(self) -> int:
        """As many weeks as fit, up to the maximum (all of them before the first layout)."""
        width = self.content_size.width
        if width <= 0:
            return self.max_weeks
        return max(1, min(self.max_weeks, (width - LABEL_WIDTH) // CELL_WIDTH))

    def grid(self) -> list[list[HeatCell]]:
        return build_grid(self.counts, self.rest_days, self.today, self.weeks_shown)

    def cell(self, day: date) -> HeatCell | None:
        """The cell shown for ``day``, or None when it is off the map."""
        for column in self.grid():
            for cell in column:
                if cell.day == day:
                    return cell
        return None

    def _style(self, name: str) -> Style:
        """The component's style resolved against the theme and this widget's background
        (a partial rich style would turn "auto" colours such as $text-muted into white)."""
        return self.get_visual_style(name)

    def render(self) -> Content:
        columns = self.grid()
        label_style = self._style("heatmap--label")
        today_style = self.get_visual_style("heatmap--today", partial=True)
        parts: list[str | tuple[str, Style]] = [(month_header(columns), label_style)]
        for weekday in range(7):
            parts.append("\n")
            parts.append((WEEKDAY_LABELS[weekday].ljust(LABEL_WIDTH), label_style))
            for column in columns:
                cell = column[weekday]
                style = self._style(cell.component)
                if cell.is_today:
                    style = style + today_style
                parts.append((cell.glyph, style))
                parts.append(" ")
        parts.append("\n")
        return Content.assemble(*parts) + self.legend()

    def legend(self) -> Content:
        legend: list[str | tuple[str, Style]] = [" " * LABEL_WIDTH]
        entries = (
            (GLYPH_NONE, "heatmap--empty", "none"),
            (GLYPH_LEVELS[0], "heatmap--level-1", "1"),
            (GLYPH_LEVELS[1], "heatmap--level-2", "2"),
            (GLYPH_LEVELS[2], "heatmap--level-3", "3+"),
            (GLYPH_REST, "heatmap--rest", "rest day"),
        )
        for glyph, component, label in entries:
            legend.append((glyph, self._style(component)))
            legend.append((f" {label}  ", self._style("heatmap--label")))
        legend.append((" ", self.get_visual_style("heatmap--today", partial=True)))
        legend.append((" today", self._style("heatmap--label")))
        return Content.assemble(*legend)

"""The history's first tab: the calendar heatmap, days done per week and the pain trend.

Also the one-line figures (streaks, today) shown above the tabs; both are drawn from
the same ``HistoryFigures`` so they always agree.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane

from backcoach.core.wording import plural
from backcoach.tui.history.figures import HistoryFigures
from backcoach.tui.widgets.heatmap import Heatmap
from backcoach.tui.widgets.pain_trend import PainTrend

WEEKS_TITLE = "Days done per week (rest days left out)"
PAIN_TITLE = "Pain before and after (0-10), latest session at the right"


def figures_line(figures: HistoryFigures) -> str:
    line = (
        f"Streak {plural(figures.current_streak, 'day')} · Longest {figures.longest_streak}"
        f" · Today {figures.today_done}/{figures.today_target}"
    )
    if figures.rest_day_today:
        line += " · Rest day today"
    if not figures.weekly.every_day:
        line += f" · {figures.weekly.text()}"
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


class OverviewPane(TabPane):
    """Heatmap, weeks table and pain trend in one scroll, so they fit 60x20 too."""

    def __init__(self, figures: HistoryFigures, *, id: str | None = None) -> None:
        scroll = VerticalScroll(
            Heatmap(figures.sessions_per_day, figures.rest_days, figures.today, id="heatmap"),
            Static(WEEKS_TITLE, classes="section-title", markup=False),
            Static(weeks_table(figures), id="weeks-table", markup=False),
            Static(PAIN_TITLE, classes="section-title", markup=False),
            PainTrend(figures.pain, id="pain-trend"),
            id="overview-scroll",
        )
        super().__init__("Overview", scroll, id=id)

    def show(self, figures: HistoryFigures) -> None:
        """Redraw after the history changed (a rest day, a cleared flag, a new session)."""
        self.query_one(Heatmap).set_data(figures.sessions_per_day, figures.rest_days, figures.today)
        self.query_one("#weeks-table", Static).update(weeks_table(figures))
        self.query_one(PainTrend).set_points(figures.pain)

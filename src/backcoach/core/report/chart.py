"""The pain chart, drawn once as shapes that the HTML (SVG) and the PDF both draw.

Pain before and after on a 0-10 axis against the date. Before and after differ in more
than colour, so the chart reads in black and white: before is a solid line with filled
circles, after a dashed line with open squares. Over long periods (more readings than
fit as separate marks) each point is a week's median, or a month's, as the caption says.

Coordinates are in points (1/72 inch), y growing downwards as in SVG; the PDF flips them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from backcoach.core.report.model import PainReading, Period
from backcoach.core.streaks import monday_of

MAX_PAIN = 10
#: Above this many readings (or weeks), the chart shows weekly (or monthly) medians: the
#: app's choice, so that the marks stay apart on a page.
MOST_READINGS_DRAWN = 120
MOST_DATE_LABELS = 9
LEFT, RIGHT, TOP, BOTTOM = 34.0, 8.0, 8.0, 30.0

SeriesName = Literal["before", "after"]
Grouping = Literal["session", "week", "month"]
Marker = Literal["circle", "square"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    value: float


@dataclass(frozen=True)
class Series:
    name: SeriesName
    label: str
    marker: Marker
    dashed: bool
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Tick:
    at: float  # x for a date, y for a pain score
    label: str


@dataclass(frozen=True)
class PainChart:
    width: float
    height: float
    left: float
    top: float
    right: float  # the plot's right edge
    bottom: float  # the plot's bottom edge (pain 0)
    pain_ticks: tuple[Tick, ...]
    date_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]
    caption: str
    grouping: Grouping

    @property
    def empty(self) -> bool:
        return not any(s.points for s in self.series)


def pain_chart(
    readings: Sequence[PainReading], period: Period, width: float = 500, height: float = 170
) -> PainChart:
    """The chart for ``readings`` over ``period``."""
    left, top, right, bottom = LEFT, TOP, width - RIGHT, height - BOTTOM
    start = datetime.combine(period.since, time())
    span = timedelta(days=period.days).total_seconds()

    def x_of(moment: datetime) -> float:
        return left + (right - left) * (moment - start).total_seconds() / span

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / MAX_PAIN

    by = grouping(readings)
    series = []
    looks: tuple[tuple[SeriesName, str, Marker, bool], ...] = (
        ("before", "Pain before", "circle", False),
        ("after", "Pain after", "square", True),
    )
    for name, label, marker, dashed in looks:
        values = _values(readings, name, by, period)
        points = tuple(Point(x_of(moment), y_of(v), moment.date(), v) for moment, v in values)
        series.append(Series(name, label, marker, dashed, points))
    pain_ticks = tuple(Tick(y_of(v), str(v)) for v in range(0, MAX_PAIN + 1, 2))
    date_ticks = tuple(
        Tick(x_of(datetime.combine(day, time())), label) for day, label in date_labels(period)
    )
    if not readings:
        caption = "No pain ratings in this period."
    elif by != "session":
        caption = f"Each point is one {by}'s median (0-10)."
    else:
        caption = "Each point is one session (0-10)."
    return PainChart(
        width,
        height,
        left,
        top,
        right,
        bottom,
        pain_ticks,
        date_ticks,
        tuple(series),
        caption,
        by,
    )


def grouping(readings: Sequence[PainReading]) -> Grouping:
    """Each session while they fit as separate marks, else weeks, else months."""
    if len(readings) <= MOST_READINGS_DRAWN:
        return "session"
    weeks = {monday_of(r.day) for r in readings}
    return "week" if len(weeks) <= MOST_READINGS_DRAWN else "month"


def _group_start(day: date, by: Grouping) -> date:
    return monday_of(day) if by == "week" else day.replace(day=1)


def _group_middle(start: date, by: Grouping) -> datetime:
    if by == "week":
        return datetime.combine(start, time()) + timedelta(days=3, hours=12)
    following = (start + timedelta(days=32)).replace(day=1)
    return datetime.combine(start, time()) + (following - start) / 2


def _values(
    readings: Sequence[PainReading], name: str, by: Grouping, period: Period
) -> list[tuple[datetime, float]]:
    """(when, pain) for one series: each session's, or each week's or month's median,
    placed at the middle of its week or month (kept inside the period)."""
    own = [
        (r.started_at.replace(tzinfo=None), v)
        for r in readings
        if (v := (r.before if name == "before" else r.after)) is not None
    ]
    if by == "session":
        return [(moment, float(v)) for moment, v in own]
    groups: dict[date, list[int]] = defaultdict(list)
    for moment, v in own:
        groups[_group_start(moment.date(), by)].append(v)
    first = datetime.combine(period.since, time())
    last = datetime.combine(period.until + timedelta(days=1), time())
    return [
        (min(last, max(first, _group_middle(start, by))), statistics.median(vs))
        for start, vs in sorted(groups.items())
    ]


def date_labels(period: Period) -> list[tuple[date, str]]:
    """Dates along the bottom: days, Mondays, first of months, of quarters or of years,
    whichever is the finest that gives at most ``MOST_DATE_LABELS`` labels."""
    days = [period.since + timedelta(days=i) for i in range(period.days)]
    choices: list[tuple[list[date], str]] = [
        (days, "%d %b"),
        ([d for d in days if d.isoweekday() == 1], "%d %b"),
        ([d for d in days if d.day == 1], "%b %Y"),
        ([d for d in days if d.day == 1 and d.month in (1, 4, 7, 10)], "%b %Y"),
        ([d for d in days if d.day == 1 and d.month == 1], "%Y"),
    ]
    for chosen, form in choices:
        if 0 < len(chosen) <= MOST_DATE_LABELS:
            return [(d, d.strftime(form)) for d in chosen]
    years = [d for d in days if d.day == 1 and d.month == 1]
    step = -(-len(years) // MOST_DATE_LABELS) if years else 1
    return [(d, d.strftime("%Y")) for d in years[::step]] or [
        (period.since, period.since.strftime("%d %b %Y"))
    ]


# -- SVG ---------------------------------------------------------------------------------


def chart_svg(chart: PainChart, title: str = "Pain before and after sessions") -> str:
    """The chart as inline SVG: black lines and marks, no script, no external reference."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart" role="img" '
        f'viewBox="0 0 {chart.width:g} {chart.height:g}" width="{chart.width:g}" '
        f'height="{chart.height:g}" font-family="sans-serif" font-size="9">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in chart.pain_ticks:
        out.append(
            f'<line class="grid" x1="{chart.left:.1f}" y1="{tick.at:.1f}" x2="{chart.right:.1f}" '
            f'y2="{tick.at:.1f}" stroke="#bbb" stroke-width="0.8"/>'
            f'<text x="{chart.left - 4:.1f}" y="{tick.at + 3:.1f}" '
            f'text-anchor="end">{escape(tick.label)}</text>'
        )
    for tick in chart.date_ticks:
        out.append(
            f'<line x1="{tick.at:.1f}" y1="{chart.bottom:.1f}" x2="{tick.at:.1f}" '
            f'y2="{chart.bottom + 4:.1f}" stroke="#000" stroke-width="0.7"/>'
            f'<text class="date" x="{tick.at:.1f}" y="{chart.bottom + 14:.1f}" '
            f'text-anchor="middle">{escape(tick.label)}</text>'
        )
    out.append(
        f'<path d="M{chart.left:.1f} {chart.top:.1f}V{chart.bottom:.1f}H{chart.right:.1f}" '
        'fill="none" stroke="#000" stroke-width="0.8"/>'
    )
    out.append(
        f'<text x="10" y="{(chart.top + chart.bottom) / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 10 {(chart.top + chart.bottom) / 2:.1f})">Pain (0-10)</text>'
    )
    for series in chart.series:
        out.append(_svg_series(series))
    if chart.empty:
        out.append(
            f'<text class="empty" x="{(chart.left + chart.right) / 2:.1f}" '
            f'y="{(chart.top + chart.bottom) / 2:.1f}" '
            f'text-anchor="middle">{escape(chart.caption)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _svg_series(series: Series) -> str:
    if not series.points:
        return ""
    dash = ' stroke-dasharray="4 3"' if series.dashed else ""
    path = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in series.points)
    parts = [
        f'<g class="series {series.name}">',
        f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1"{dash}/>',
    ]
    for p in series.points:
        label = quoteattr(f"{series.label} {p.day.isoformat()}: {p.value:g}")
        data = f'data-day="{p.day.isoformat()}" data-value="{p.value:g}" aria-label={label}'
        if series.marker == "circle":
            parts.append(
                f'<circle class="point" cx="{p.x:.1f}" cy="{p.y:.1f}" r="2.2" fill="#000" {data}/>'
            )
        else:
            parts.append(
                f'<rect class="point" x="{p.x - 2.2:.1f}" y="{p.y - 2.2:.1f}" '
                'width="4.4" height="4.4" '
                f'fill="#fff" stroke="#000" stroke-width="0.9" {data}/>'
            )
    parts.append("</g>")
    return "\n".join(parts)

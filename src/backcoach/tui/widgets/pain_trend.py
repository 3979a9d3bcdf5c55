"""Pain before and after, session by session, as a small chart with a 0-10 scale.

One column per rated session, the newest at the right, as many as the width allows;
rows are the 0-10 scale in steps of two (an odd score sits on the row above). Before is
a filled dot ``●`` and after a ring ``○`` (``◉`` where they meet), so the two are told
apart without colour; the session's dates run along the bottom. Textual's Sparkline
draws one series with no scale and no gap for a missing rating, hence this widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from backcoach.core.wording import plural

MAX_PAIN = 10
LEVELS = tuple(range(MAX_PAIN, -1, -2))  # the rows, top down: 10, 8, ..., 0
BEFORE, AFTER, BOTH, EMPTY = "●", "○", "◉", " "
LABEL_WIDTH = 4  # "10 ┤"
DATE_FORMAT = "%d %b"  # "05 Jan"
DATE_GAP = 2  # spaces at least between two dates along the bottom
UNKNOWN_WIDTH_LIMIT = 1000  # columns drawn before the widget knows its width
LEGEND = f"{BEFORE} before  {AFTER} after  {BOTH} both"


@dataclass(frozen=True)
class PainPoint:
    """One session's ratings (either may be missing)."""

    day: date
    before: int | None
    after: int | None


def level(value: int) -> int:
    """The row a score is drawn on: 0-10 in steps of two, odd scores rounded up."""
    clamped = max(0, min(MAX_PAIN, value))
    return clamped + clamped % 2


def mark(point: PainPoint, row: int) -> str:
    """What a session's column shows on the row for ``row`` (a level)."""
    before = point.before is not None and level(point.before) == row
    after = point.after is not None and level(point.after) == row
    if before and after:
        return BOTH
    return BEFORE if before else AFTER if after else EMPTY


def date_line(days: Sequence[date]) -> str:
    """The dates of some columns along the bottom, left to right, never overlapping;
    the newest session's date is always shown, at the right end."""
    width = len(days)
    if not width:
        return ""
    line = [" "] * width
    label_width = len(days[0].strftime(DATE_FORMAT))
    last_start = max(0, width - label_width)
    starts = list(range(0, last_start - label_width - DATE_GAP + 1, label_width + DATE_GAP * 2))
    starts.append(last_start)
    for start in starts:
        text = days[start if start < last_start else width - 1].strftime(DATE_FORMAT)
        for offset, char in enumerate(text[: width - start]):
            line[start + offset] = char
    return "".join(line)


def average(values: Sequence[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return sum(known) / len(known)


class PainTrend(Widget):
    """The latest sessions that have a rating, as many as the width allows."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pain-trend--before",
        "pain-trend--after",
        "pain-trend--label",
    }

    # Not scoped, so the rules can look at the App's :light pseudo-class.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    PainTrend {
        height: auto;
        width: 1fr;
    }
    PainTrend > .pain-trend--before { color: $warning; }
    PainTrend > .pain-trend--after { color: $success; }
    App:light PainTrend > .pain-trend--before { color: $warning-darken-2; }
    App:light PainTrend > .pain-trend--after { color: $success-darken-2; }
    PainTrend > .pain-trend--label { color: $text-muted; }
    """

    def __init__(
        self,
        points: Sequence[PainPoint],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.points: Sequence[PainPoint] = points

    def set_points(self, points: Sequence[PainPoint]) -> None:
        self.points = points
        self.refresh(layout=True)

    def shown_points(self) -> Sequence[PainPoint]:
        """Rated sessions only, newest at the right, cut to the width.

        Walks back from the newest and stops once the width is full: years of history
        hold thousands of ratings, and only a few dozen ever fit."""
        width = self.content_size.width - LABEL_WIDTH
        if width <= 0:  # not laid out yet: no terminal is wider than this
            width = UNKNOWN_WIDTH_LIMIT
        shown: list[PainPoint] = []
        for point in reversed(self.points):
            if point.before is not None or point.after is not None:
                shown.append(point)
                if len(shown) == width:
                    break
        shown.reverse()
        return shown

    def render(self) -> Content:
        """The scale's rows, the axis, the dates, then the legend and summary (which
        wrap when narrow). Styles are resolved against the theme (``get_visual_style``),
        so the marks and labels read on light and dark themes alike."""
        points = self.shown_points()
        label = self.get_visual_style("pain-trend--label")
        if not points:
            return Content.styled("No pain ratings yet.", label)
        styles = {
            BEFORE: self.get_visual_style("pain-trend--before"),
            AFTER: self.get_visual_style("pain-trend--after"),
            BOTH: self.get_visual_style("pain-trend--before"),
        }
        parts: list[str | tuple[str, Style]] = []
        for row in LEVELS:
            parts.append((f"{row:>2} ┤", label))
            parts += [self._styled(mark(p, row), styles) for p in points]
            parts.append("\n")
        parts.append(("   └" + "─" * len(points) + "\n", label))
        parts.append((" " * LABEL_WIDTH + date_line([p.day for p in points]) + "\n", label))
        before = [p.before for p in points]
        after = [p.after for p in points]
        parts.append((f"{LEGEND} · {self.summary(before, after)}", label))
        return Content.assemble(*parts)

    @staticmethod
    def _styled(char: str, styles: dict[str, Style]) -> str | tuple[str, Style]:
        return (char, styles[char]) if char in styles else char

    @staticmethod
    def summary(before: Sequence[int | None], after: Sequence[int | None]) -> str:
        rated = plural(len(before), "rated session")
        mean_before = average(before)
        mean_after = average(after)
        parts = [rated]
        if mean_before is not None:
            parts.append(f"average before {mean_before:.1f}")
        if mean_after is not None:
            parts.append(f"after {mean_after:.1f}")
        return ", ".join(parts) + " (0-10)"

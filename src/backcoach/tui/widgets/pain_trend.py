"""Pain before and after, session by session, as two aligned sparklines.

Textual's Sparkline has no notion of a missing value and draws one series; pain ratings
are optional and come in pairs, so this draws both rows from the same columns and
leaves a gap where a rating was skipped.
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

BARS = "▁▂▃▄▅▆▇█"
MISSING = " "
LABEL_WIDTH = 8
MAX_PAIN = 10
UNKNOWN_WIDTH_LIMIT = 1000  # columns drawn before the widget knows its width


@dataclass(frozen=True)
class PainPoint:
    """One session's ratings (either may be missing)."""

    day: date
    before: int | None
    after: int | None


def bar(value: int | None) -> str:
    """0 is the lowest bar, 10 the highest; a missing rating is a gap."""
    if value is None:
        return MISSING
    clamped = max(0, min(MAX_PAIN, value))
    return BARS[round(clamped * (len(BARS) - 1) / MAX_PAIN)]


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
        self.refresh()

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
        """Two bar rows cut to the width; the summary under them wraps when narrow.

        Styles are resolved against the theme (see ``get_visual_style``), so the bars
        and labels read on light and dark themes alike."""
        points = self.shown_points()
        label = self.get_visual_style("pain-trend--label")
        if not points:
            return Content.styled("No pain ratings yet.", label)
        before = [p.before for p in points]
        after = [p.after for p in points]
        return Content.assemble(
            *self._row("before", before, self.get_visual_style("pain-trend--before")),
            "\n",
            *self._row("after", after, self.get_visual_style("pain-trend--after")),
            "\n",
            (self.summary(before, after), label),
        )

    @staticmethod
    def _row(
        name: str, values: Sequence[int | None], style: Style
    ) -> list[str | tuple[str, Style]]:
        return [name.ljust(LABEL_WIDTH), ("".join(bar(v) for v in values), style)]

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

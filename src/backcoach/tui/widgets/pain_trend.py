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

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

BARS = "▁▂▃▄▅▆▇█"
MISSING = " "
LABEL_WIDTH = 8
MAX_PAIN = 10


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

    DEFAULT_CSS = """
    PainTrend {
        height: 3;
        width: 1fr;
    }
    PainTrend > .pain-trend--before { color: $warning; }
    PainTrend > .pain-trend--after { color: $success; }
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
        """Rated sessions only, newest at the right, cut to the width."""
        rated = [p for p in self.points if p.before is not None or p.after is not None]
        width = self.content_size.width - LABEL_WIDTH
        if width <= 0:
            return rated
        return rated[-width:]

    def render(self) -> Text:
        points = self.shown_points()
        label = self.get_component_rich_style("pain-trend--label", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        if not points:
            text.append("No pain ratings yet.", label)
            return text
        before = [p.before for p in points]
        after = [p.after for p in points]
        self._row(text, "before", before, self.get_component_rich_style("pain-trend--before"))
        text.append("\n")
        self._row(text, "after", after, self.get_component_rich_style("pain-trend--after"))
        text.append("\n")
        text.append(self.summary(before, after), label)
        return text

    @staticmethod
    def _row(text: Text, name: str, values: Sequence[int | None], style: Style) -> None:
        text.append(name.ljust(LABEL_WIDTH))
        text.append("".join(bar(v) for v in values), style)

    @staticmethod
    def summary(before: Sequence[int | None], after: Sequence[int | None]) -> str:
        rated = f"{len(before)} rated sessions"
        mean_before = average(before)
        mean_after = average(after)
        parts = [rated]
        if mean_before is not None:
            parts.append(f"average before {mean_before:.1f}")
        if mean_after is not None:
            parts.append(f"after {mean_after:.1f}")
        return " " * LABEL_WIDTH + ", ".join(parts) + " (0-10)"

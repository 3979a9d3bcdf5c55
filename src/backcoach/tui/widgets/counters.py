"""Set, side and rep counters: one line, redrawn only when a number changes.

The line takes the longest form that fits the widget's width, so the rep count (the
figure people watch) is never cut off in a narrow terminal. The form is chosen once per
exercise (and width), for the widest line any of its sides and reps can give, so it
does not flip between long and short from one side to the other. During a rest the line
says what was just completed and what comes next.
"""

from __future__ import annotations

import dataclasses

from textual import events
from textual.widgets import Static

from backcoach.core.engine import StepView

#: Why a rest is there (``core.timeline.RestReason``); "ready" is the get-ready pause.
RestReason = str | None


def _rest_forms(view: StepView, rest_reason: RestReason, before: str | None) -> list[str]:
    """Forms for a rest between reps, sides or sets ([] for any other step)."""
    set_no, set_count = view.set_number, view.set_count
    rep_no, rep_count = view.rep_number, view.rep_count
    if rest_reason == "sets" and set_no > 1:
        return [
            f"Set {set_no - 1} done · next: set {set_no} of {set_count}",
            f"Set {set_no - 1} done · next {set_no}/{set_count}",
            f"S{set_no - 1} done · next {set_no}/{set_count}",
        ]
    prefix_full = [f"Set {set_no} of {set_count}"] if set_count > 1 else []
    prefix_short = [f"Set {set_no}/{set_count}"] if set_count > 1 else []
    if rest_reason == "sides" and view.side is not None:
        done = (before or "one side").capitalize()
        return [
            " · ".join([*prefix_full, f"{done} done · next: {view.side}"]),
            " · ".join([*prefix_short, f"{done} done · next: {view.side}"]),
            f"Side {view.side_number - 1} done · next {view.side_number}/{view.side_count}",
        ]
    if rest_reason == "reps" and rep_no > 1:
        side_full = [view.side] if view.side is not None else []
        return [
            " · ".join(
                [
                    *prefix_full,
                    *side_full,
                    f"Rep {rep_no - 1} done · next: rep {rep_no} of {rep_count}",
                ]
            ),
            " · ".join([*prefix_short, f"Rep {rep_no - 1} done · next {rep_no}/{rep_count}"]),
            f"Rep {rep_no - 1} done · next {rep_no}/{rep_count}",
        ]
    return []


def counter_forms(
    view: StepView, rest_reason: RestReason = None, side_before: str | None = None
) -> list[str]:
    """The line from longest to shortest, e.g. ``Set 1 of 3 · Side: left (1 of 2) · Rep 4
    of 15`` down to ``S1/3 · 1/2 · Rep 4/15``; a lone set is not mentioned. During a rest
    (``rest_reason``) e.g. ``Set 1 done · next: set 2 of 3``."""
    rest = _rest_forms(view, rest_reason, side_before)
    if rest:
        return rest
    sets = view.set_count > 1
    sides = view.side is not None
    full: list[str] = []
    short: list[str] = []
    tiny: list[str] = []
    if sets:
        full.append(f"Set {view.set_number} of {view.set_count}")
        short.append(f"Set {view.set_number}/{view.set_count}")
        tiny.append(f"S{view.set_number}/{view.set_count}")
    if sides:
        full.append(f"Side: {view.side} ({view.side_number} of {view.side_count})")
        short.append(f"{view.side} {view.side_number}/{view.side_count}")
        tiny.append(f"{view.side_number}/{view.side_count}")
    full.append(f"Rep {view.rep_number} of {view.rep_count}")
    short.append(f"Rep {view.rep_number}/{view.rep_count}")
    tiny.append(f"Rep {view.rep_number}/{view.rep_count}")
    return [" · ".join(parts) for parts in (full, short, tiny)]


def counters_text(view: StepView, width: int | None = None) -> str:
    """The longest form that fits ``width`` cells (the shortest if none does)."""
    forms = counter_forms(view)
    if width is None or width <= 0:
        return forms[0]
    return next((form for form in forms if len(form) <= width), forms[-1])


def steady_level(view: StepView, sides: tuple[str, ...], width: int | None) -> int:
    """Which form (0 longest) fits ``width`` for every side and the biggest numbers of
    this exercise, so the chosen form holds for the whole exercise."""
    if width is None or width <= 0:
        return 0
    widest = dataclasses.replace(
        view, set_number=view.set_count, rep_number=view.rep_count, side_number=view.side_count
    )
    candidates = [dataclasses.replace(widest, side=side) for side in sides] or [widest]
    level_count = len(counter_forms(widest))
    for level in range(level_count):
        if all(len(counter_forms(c)[level]) <= width for c in candidates):
            return level
    return level_count - 1


class Counters(Static):
    """Shows the counter line; ``show`` is cheap to call every frame."""

    DEFAULT_CSS = """
    Counters {
        width: 100%;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._text = ""
        self._view: StepView | None = None
        self._rest_reason: RestReason = None
        self._sides: tuple[str, ...] = ()
        self._level_key: tuple[int, str, int] | None = None
        self._level = 0

    @property
    def text(self) -> str:
        return self._text

    def show(
        self, view: StepView, rest_reason: RestReason = None, sides: tuple[str, ...] = ()
    ) -> None:
        """Draw ``view``; ``rest_reason`` says why a rest is there, ``sides`` names every
        side of the exercise (for the steady form)."""
        self._view, self._rest_reason, self._sides = view, rest_reason, sides
        width = self.content_region.width or None
        key = (view.exercise_index, view.exercise_id, width or 0)
        if key != self._level_key:
            self._level_key = key
            self._level = steady_level(view, sides, width)
        before = _side_before(view, sides)
        forms = counter_forms(view, rest_reason, before)
        level = min(self._level, len(forms) - 1)
        text = forms[level]
        if width is not None and len(text) > width:  # a rest line may be longer
            text = next((form for form in forms[level:] if len(form) <= width), forms[-1])
        if text != self._text:
            self._text = text
            self.update(text, layout=False)

    def on_resize(self, event: events.Resize) -> None:
        if self._view is not None:
            self.show(self._view, self._rest_reason, self._sides)


def _side_before(view: StepView, sides: tuple[str, ...]) -> str | None:
    """The side worked just before ``view``'s side, when the sides are named."""
    index = view.side_number - 2
    return sides[index] if 0 <= index < len(sides) else None

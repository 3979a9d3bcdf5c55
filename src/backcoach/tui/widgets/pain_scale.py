"""A 0-10 pain scale picked with the number keys, shared by the pain modals.

Digits choose a score at once; ``1`` followed by ``0`` (or ``t``) gives 10, so a user who
types "10" gets what they meant. Nothing here is timed: the modal decides when to confirm.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

PAIN_MAX = 10
PAIN_KEYS_HELP = "0-9 choose · 1 then 0 (or t) for 10 · ← → adjust"


def next_pain_value(current: int | None, key: str) -> int | None:
    """The score after pressing ``key`` (a digit, ``t``, ``left`` or ``right``); None if ignored."""
    if key == "t":
        return PAIN_MAX
    if key.isdigit() and len(key) == 1:
        digit = int(key)
        if digit == 0 and current == 1:
            return PAIN_MAX
        return digit
    if key == "left":
        return max(0, (current if current is not None else 1) - 1)
    if key == "right":
        return min(PAIN_MAX, (current if current is not None else -1) + 1)
    return None


def pain_key_bindings(prefix: str = "pain-scale") -> list[BindingType]:
    """Hidden bindings for 0-9, t and the arrows, all routed to ``action_pick``."""
    bindings: list[BindingType] = [
        Binding(
            str(digit),
            f"pick('{digit}')",
            show=False,
            id=f"{prefix}.pick-{digit}",
            tooltip=f"Choose {digit} (after 1, 0 gives 10)",
        )
        for digit in range(10)
    ]
    bindings += [
        Binding("t", "pick('t')", "10", id=f"{prefix}.pick-10", tooltip="Choose 10"),
        Binding("left", "pick('left')", show=False, id=f"{prefix}.down", tooltip="One less"),
        Binding("right", "pick('right')", show=False, id=f"{prefix}.up", tooltip="One more"),
    ]
    return bindings


class PainScale(Widget, can_focus=True):
    """Eleven cells, 0 to 10, with the chosen one marked; takes the number keys itself
    (it has the focus in the pain modals), the modal decides when to confirm."""

    BINDINGS: ClassVar[list[BindingType]] = pain_key_bindings()

    class Changed(Message):
        """The chosen score changed (a modal may word its choices after it)."""

        def __init__(self, scale: PainScale, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

    DEFAULT_CSS = """
    PainScale {
        height: 1;
        width: auto;
    }
    """

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value

    @property
    def value(self) -> int | None:
        return self._value

    @value.setter
    def value(self, new: int | None) -> None:
        if new != self._value:
            self._value = new
            self.refresh()
            self.post_message(self.Changed(self, new))

    def action_pick(self, key: str) -> None:
        """A digit, ``t`` or an arrow: the new score (see ``next_pain_value``)."""
        chosen = next_pain_value(self._value, key)
        if chosen is not None:
            self.value = chosen

    def render(self) -> Text:
        text = Text()
        for score in range(PAIN_MAX + 1):
            label = f" {score} "
            if score == self._value:
                text.append(f"[{score}]", style="bold reverse")
            else:
                text.append(label, style="dim" if self._value is not None else "")
            if score < PAIN_MAX:
                text.append(" ")
        return text

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return sum(len(f" {score} ") for score in range(PAIN_MAX + 1)) + PAIN_MAX

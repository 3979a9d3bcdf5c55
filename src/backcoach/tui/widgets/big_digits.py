"""A countdown in block digits that fill the space they are given.

Textual's ``Digits`` is three rows tall at any size; from two metres away that is too
small. ``BigDigits`` draws ``0:05`` in the project's block font at the largest scale the
widget's width and height allow, so the digits grow with the terminal. Every digit is
as wide as every other, so the size holds steady while the seconds count down.
"""

from __future__ import annotations

from backcoach.tui.widgets.big_text import BigText

COUNTDOWN_CHARACTERS = frozenset("0123456789:")
#: No limit worth having: the widget's own size decides.
MAX_SCALE = 32


class BigDigits(BigText):
    """Digits and colons only (``format_countdown``'s ``m:ss``), as big as they fit."""

    DEFAULT_CSS = """
    BigDigits {
        height: 1fr;
        min-height: 3;
    }
    """

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        _check(text)
        super().__init__(text, max_scale=MAX_SCALE, id=id, classes=classes)

    def update(self, text: str) -> None:
        _check(text)
        super().update(text)


def _check(text: str) -> None:
    if not COUNTDOWN_CHARACTERS.issuperset(text):
        raise ValueError(f"BigDigits shows digits and colons only, not {text!r}")

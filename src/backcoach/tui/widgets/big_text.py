"""Text in the project's block font, as big as the widget's space allows.

``BigText`` picks the largest scale at which its text fits (``block_font.fit_scale``)
and, when even the smallest does not fit or a character is not in the font, shows the
text as it is, in bold. With ``height: auto`` the text is as big as the width and
``max_scale`` allow; with a fixed or fractional height it also fits that height.

``update`` is cheap to call every frame: nothing is drawn again until the text or the
widget's size changes, and the drawing itself is cached per (text, size).
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from backcoach.tui.block_font import Scale, block_lines, fit_scale, text_size


class BigText(Widget):
    """One or more lines (split at ``\\n``) of block letters, centred in the widget."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: auto;
        content-align: center middle;
        text-align: center;
        text-style: bold;
    }
    """

    def __init__(
        self,
        text: str = "",
        *,
        max_scale: int = 4,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._max_scale = max_scale
        self._drawn_for: tuple[str, int, int | None] | None = None
        self._drawn: Content = Content("")
        self._scale: Scale | None = None

    @property
    def text(self) -> str:
        return self._text

    @property
    def scale(self) -> Scale | None:
        """The scale of the last drawing; None when it was plain text."""
        return self._scale

    @property
    def max_scale(self) -> int:
        """The largest pixel height (in half-rows) to draw at; 0 for plain text only."""
        return self._max_scale

    @max_scale.setter
    def max_scale(self, max_scale: int) -> None:
        if max_scale != self._max_scale:
            self._max_scale = max_scale
            self._drawn_for = None
            self.refresh(layout=True)

    def update(self, text: str) -> None:
        """Show ``text``; nothing happens when it is what is shown already."""
        if text == self._text:
            return
        self._text = text
        self.refresh(layout=self._height_limit() is None)

    def _height_limit(self) -> int | None:
        """The height to fit into: none when the widget takes the height of its text."""
        height = self.styles.height
        return None if height is None or height.is_auto else self.size.height

    def _fit(self, width: int, height: int | None) -> Scale | None:
        return fit_scale(self._text, width, height, self._max_scale)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        scale = self._fit(width, None)
        if scale is not None:
            return text_size(self._text, scale)[1]
        if not self._text:
            return 0
        return Content(self._text).get_height(self.styles.get_render_rules(), width)

    def render(self) -> RenderResult:
        width, limit = self.size.width, self._height_limit()
        key = (self._text, width, limit)
        if key != self._drawn_for:
            self._drawn_for = key
            self._scale = self._fit(width, limit)
            if self._scale is None:
                self._drawn = Content(self._text)
            else:
                self._drawn = Content("\n".join(block_lines(self._text, self._scale)))
        return self._drawn

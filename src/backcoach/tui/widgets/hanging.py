"""Text whose wrapped lines keep their hanging indent.

Textual wraps a line back to column 0; in a list of steps or figures that hides where
one item ends. Each block here is a prefix (``"  1. "``, or just spaces) and a body;
the body is wrapped to the width left after the prefix, so its continuation lines
start under the body's first character. Used for the home list and the detail pane.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

#: A prefix (shown on the first line) and the body that wraps under it.
Block = tuple[Content, Content]

#: Below this many cells for the body, the indent is dropped rather than folding words.
MIN_BODY_WIDTH = 8


#: Leading spaces get a style of their own (invisible on a space) so they are drawn as
#: their own run: SVG viewers drop spaces that start a run of text, which made
#: screenshots show wrapped lines without their indent.
INDENT_STYLE = "italic"


def _set_apart(lead: Content) -> Content:
    spaces = len(lead.plain) - len(lead.plain.lstrip(" "))
    return lead.stylize(INDENT_STYLE, 0, spaces) if spaces else lead


def block(body: Content | str, indent: Content | str = "") -> Block:
    return (
        Content(indent) if isinstance(indent, str) else indent,
        Content(body) if isinstance(body, str) else body,
    )


class HangingText(Visual):
    """A list of blocks, laid out for the width it is drawn at."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self.blocks = list(blocks)
        self._cache: tuple[int, Content] | None = None

    @property
    def plain(self) -> str:
        """The text without wrapping: what the blocks say, one block a line."""
        return "\n".join(prefix.plain + body.plain for prefix, body in self.blocks)

    def lay_out(self, width: int) -> Content:
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        lines: list[Content] = []
        for prefix, body in self.blocks:
            indent = prefix.cell_length
            if indent and width - indent < MIN_BODY_WIDTH:
                prefix, indent = Content(prefix.plain.lstrip()), 0
            if not body.plain:
                lines.append(prefix)
                continue
            for number, line in enumerate(body.wrap(max(1, width - indent))):
                lead = prefix if number == 0 else Content(" " * indent)
                lines.append(_set_apart(lead) + line.rstrip())
        laid_out = Content("\n").join(lines)
        self._cache = (width, laid_out)
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        pad = options.rules.get("line_pad", 0) * 2
        return self.lay_out(width - pad).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return Content(self.plain).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        pad = rules.get("line_pad", 0) * 2
        return self.lay_out(width - pad).get_height(rules, width)

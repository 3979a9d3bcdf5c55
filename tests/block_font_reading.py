"""Reading block-font text back from a screen, for tests that only see characters.

The inverse of ``block_font.block_lines``: half-block characters become pixels, the
scale is the shortest run of ink (every glyph has a one-pixel stroke somewhere), and
each group of inked columns is looked up in the font. A tmux test uses it to read the
far view's countdown from ``capture-pane`` output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from backcoach.tui.block_font import BLOCK_CHARACTERS, FONT, GLYPH_ROWS

DIGITS = "0123456789:"
#: Blank pixel columns that stand for a space: its own two and the gaps either side.
SPACE_GAP = 4


def _trimmed(glyph: Sequence[str]) -> tuple[str, ...]:
    inked = [c for c in range(len(glyph[0])) if any(row[c] == "#" for row in glyph)]
    return tuple(row[inked[0] : inked[-1] + 1] for row in glyph)


def _runs(cells: Iterable[bool]) -> list[int]:
    runs, count = [], 0
    for inked in [*cells, False]:
        if inked:
            count += 1
        elif count:
            runs.append(count)
            count = 0
    return runs


def read_block_text(lines: Sequence[str], alphabet: str) -> str | None:
    """The text drawn in ``lines`` (one band of block text; other characters count as
    blank), read with the glyphs of ``alphabet``; None when it is not such text.

    Reads text whose glyphs ink the top and the bottom pixel row somewhere (digits do).
    """
    halves = [
        row for line in lines for row in ([c in "▀█" for c in line], [c in "▄█" for c in line])
    ]
    width = max((len(row) for row in halves), default=0)
    halves = [row + [False] * (width - len(row)) for row in halves]
    inked_rows = [y for y, row in enumerate(halves) if any(row)]
    inked_columns = [x for x in range(width) if any(row[x] for row in halves)]
    if not inked_rows:
        return None
    halves = [row[inked_columns[0] : inked_columns[-1] + 1] for row in halves]
    halves = halves[inked_rows[0] : inked_rows[-1] + 1]
    if len(halves) % GLYPH_ROWS:
        return None
    down = len(halves) // GLYPH_ROWS
    across = min(run for row in halves for run in _runs(row))
    pixels = [
        "".join("#" if halves[y * down][x] else "." for x in range(0, len(halves[0]), across))
        for y in range(GLYPH_ROWS)
    ]
    wanted = {_trimmed(FONT[c]): c for c in alphabet if c != " "}
    text, column, blank = "", 0, 0
    while column < len(pixels[0]):
        if all(row[column] == "." for row in pixels):
            blank += 1
            column += 1
            continue
        if blank >= SPACE_GAP and " " in alphabet:
            text += " "
        blank = 0
        end = column
        while end < len(pixels[0]) and any(row[end] == "#" for row in pixels):
            end += 1
        character = wanted.get(tuple(row[column:end] for row in pixels))
        if character is None:
            return None
        text += character
        column = end
    return text


def block_bands(screen: str) -> list[list[str]]:
    """Groups of consecutive lines of ``screen`` that hold block characters."""
    bands: list[list[str]] = []
    current: list[str] = []
    for line in screen.splitlines():
        if BLOCK_CHARACTERS.intersection(line):
            current.append(line)
        elif current:
            bands.append(current)
            current = []
    if current:
        bands.append(current)
    return bands

"""The project's block font: letters and digits five pixels tall, scaled by whole cells.

A pixel is ``across`` columns wide and ``down`` half-rows tall; a terminal cell holds two
half-rows (``▀``, ``▄``, ``█``), and is about twice as tall as it is wide, so
``across == down`` gives square pixels. ``fit_scale`` picks the largest scale at which a
text fits a box, preferring height (a narrower pixel before a shorter one), and
``block_lines`` draws it. Both are pure and cached: the session asks fifteen times a
second and the answer only changes once a second.

Text is drawn in capitals (the font has no lower case), like CSS ``text-transform``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

GLYPH_ROWS = 5
INK = "#"

#: Five rows per glyph, ``#`` for ink. No glyph has an empty column inside, so a reader
#: can split drawn text at empty columns. Digits are all four pixels wide, so a
#: countdown keeps its width from second to second.
FONT: dict[str, tuple[str, ...]] = {
    "A": (".##.", "#..#", "####", "#..#", "#..#"),
    "B": ("###.", "#..#", "###.", "#..#", "###."),
    "C": (".###", "#...", "#...", "#...", ".###"),
    "D": ("###.", "#..#", "#..#", "#..#", "###."),
    "E": ("####", "#...", "###.", "#...", "####"),
    "F": ("####", "#...", "###.", "#...", "#..."),
    "G": (".###", "#...", "#.##", "#..#", ".###"),
    "H": ("#..#", "#..#", "####", "#..#", "#..#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("...#", "...#", "...#", "#..#", ".##."),
    "K": ("#..#", "#.#.", "##..", "#.#.", "#..#"),
    "L": ("#...", "#...", "#...", "#...", "####"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": (".##.", "#..#", "#..#", "#..#", ".##."),
    "P": ("###.", "#..#", "###.", "#...", "#..."),
    "Q": (".##.", "#..#", "#..#", "#.#.", ".#.#"),
    "R": ("###.", "#..#", "###.", "#.#.", "#..#"),
    "S": (".###", "#...", ".##.", "...#", "###."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#..#", "#..#", "#..#", "#..#", ".##."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("####", "...#", ".##.", "#...", "####"),
    "0": ("####", "#..#", "#..#", "#..#", "####"),
    "1": ("..#.", ".##.", "..#.", "..#.", ".###"),
    "2": ("####", "...#", "####", "#...", "####"),
    "3": ("####", "...#", ".###", "...#", "####"),
    "4": ("#..#", "#..#", "####", "...#", "...#"),
    "5": ("####", "#...", "####", "...#", "####"),
    "6": ("####", "#...", "####", "#..#", "####"),
    "7": ("####", "...#", "..#.", ".#..", ".#.."),
    "8": ("####", "#..#", "####", "#..#", "####"),
    "9": ("####", "#..#", "####", "...#", "####"),
    ":": (".", "#", ".", "#", "."),
    "·": (".", ".", "#", ".", "."),
    ".": (".", ".", ".", ".", "#"),
    ",": ("..", "..", "..", ".#", "#."),
    "'": ("#", "#", ".", ".", "."),
    "!": ("#", "#", "#", ".", "#"),
    "?": ("###.", "...#", ".##.", "....", ".#.."),
    "-": ("...", "...", "###", "...", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    "(": (".#", "#.", "#.", "#.", ".#"),
    ")": ("#.", ".#", ".#", ".#", "#."),
    "⇄": ("...#.", "#####", ".....", "#####", ".#..."),
    " ": ("..", "..", "..", "..", ".."),
}

#: (top half inked, bottom half inked) -> the cell's character.
CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
BLOCK_CHARACTERS = frozenset("▀▄█")


@dataclass(frozen=True, order=True)
class Scale:
    """How big one pixel of the font is drawn."""

    down: int  # half-rows per pixel (two make a terminal row)
    across: int  # columns per pixel


def can_draw(text: str) -> bool:
    """Whether every character of ``text`` is in the font."""
    return all(character in FONT for character in text.upper())


def pixel_width(line: str) -> int:
    """Width in pixels of one line: its glyphs and a one-pixel gap between them."""
    glyphs = [FONT[character] for character in line.upper()]
    return sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)


def line_rows(scale: Scale) -> int:
    """Terminal rows that one line of text takes at ``scale``."""
    return math.ceil(GLYPH_ROWS * scale.down / 2)


def text_size(text: str, scale: Scale) -> tuple[int, int]:
    """(columns, rows) of ``text`` (lines split at ``\\n``, one blank row between)."""
    lines = text.split("\n")
    width = max(pixel_width(line) for line in lines) * scale.across
    return width, line_rows(scale) * len(lines) + len(lines) - 1


def candidate_scales(max_down: int) -> list[Scale]:
    """Largest first: taller before shorter, and at one height square before narrow
    (down to half as wide as tall, beyond which letters get hard to read)."""
    return [
        Scale(down, across)
        for down in range(max_down, 0, -1)
        for across in range(down, max(1, math.ceil(down / 2)) - 1, -1)
    ]


@lru_cache(maxsize=256)
def fit_scale(text: str, width: int, height: int | None, max_down: int) -> Scale | None:
    """The largest scale at which ``text`` fits ``width`` x ``height`` (no height limit
    when None), or None when it does not fit even at the smallest or cannot be drawn."""
    if not text or not can_draw(text) or width <= 0:
        return None
    for scale in candidate_scales(max_down):
        columns, rows = text_size(text, scale)
        if columns <= width and (height is None or rows <= height):
            return scale
    return None


@lru_cache(maxsize=256)
def block_lines(text: str, scale: Scale) -> tuple[str, ...]:
    """``text`` drawn in block characters at ``scale``; every line as wide as the widest
    (each text line centred), lines of text apart by one blank row."""
    width, _rows = text_size(text, scale)
    drawn: list[str] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            drawn.append(" " * width)
        drawn.extend(row.center(width) for row in _draw_line(line, scale))
    return tuple(drawn)


def _draw_line(line: str, scale: Scale) -> list[str]:
    glyphs = [FONT[character] for character in line.upper()]
    pixel_rows = [".".join(glyph[row] for glyph in glyphs) for row in range(GLYPH_ROWS)]
    wide_rows = ["".join(pixel * scale.across for pixel in row) for row in pixel_rows]
    half_rows = [row for row in wide_rows for _ in range(scale.down)]
    if len(half_rows) % 2:
        half_rows.append("." * len(half_rows[0]))
    return [
        "".join(CELLS[top == INK, bottom == INK] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(half_rows[0::2], half_rows[1::2], strict=True)
    ]

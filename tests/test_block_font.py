"""The block font: its glyphs, its sizes, its fitting, and reading it back."""

from __future__ import annotations

import pytest

from backcoach.tui.block_font import (
    FONT,
    GLYPH_ROWS,
    Scale,
    block_lines,
    can_draw,
    candidate_scales,
    fit_scale,
    line_rows,
    text_size,
)
from backcoach.tui.widgets.hold_timer import GET_READY_LABEL, KIND_LABELS
from block_font_reading import DIGITS, block_bands, read_block_text

PHASE_WORDS = [*KIND_LABELS.values(), GET_READY_LABEL, "PAUSED", "STOPPED"]


@pytest.mark.parametrize("character", sorted(FONT))
def test_every_glyph_is_five_even_rows_of_ink_and_blank(character: str) -> None:
    glyph = FONT[character]
    assert len(glyph) == GLYPH_ROWS
    assert len({len(row) for row in glyph}) == 1
    assert set("".join(glyph)) <= {"#", "."}
    if character == " ":
        return
    inked = [c for c in range(len(glyph[0])) if any(row[c] == "#" for row in glyph)]
    # No empty column between inked ones: a reader splits glyphs at empty columns.
    assert inked == list(range(inked[0], inked[-1] + 1))


def test_glyphs_differ_from_each_other_without_their_empty_edges() -> None:
    def trimmed(glyph: tuple[str, ...]) -> tuple[str, ...]:
        inked = [c for c in range(len(glyph[0])) if any(row[c] == "#" for row in glyph)]
        return tuple(row[inked[0] : inked[-1] + 1] for row in glyph)

    shapes = {trimmed(glyph) for character, glyph in FONT.items() if character != " "}
    assert len(shapes) == len(FONT) - 1


def test_every_digit_is_as_wide_as_every_other() -> None:
    """So a countdown keeps its size and place from second to second."""
    assert {len(FONT[d][0]) for d in "0123456789"} == {4}
    assert text_size("0:09", Scale(3, 3)) == text_size("1:11", Scale(3, 3))


def test_the_phase_words_are_all_in_the_font() -> None:
    assert all(can_draw(word) for word in PHASE_WORDS)
    assert can_draw("Rep 4 of 15 · left leg · Set 1 of 3")
    assert can_draw("⇄ Switch sides: right leg")
    assert not can_draw("→ Switch sides")


@pytest.mark.parametrize(
    ("scale", "rows"),
    [(Scale(1, 1), 3), (Scale(2, 2), 5), (Scale(2, 1), 5), (Scale(3, 3), 8), (Scale(4, 4), 10)],
)
def test_a_line_is_two_and_a_half_rows_per_pixel_of_height(scale: Scale, rows: int) -> None:
    drawn = block_lines("0:05", scale)
    assert len(drawn) == rows == line_rows(scale)
    pixel_columns = 4 + 1 + 1 + 1 + 4 + 1 + 4  # 0, gap, colon, gap, 0, gap, 5
    assert {len(line) for line in drawn} == {pixel_columns * scale.across}


def test_two_lines_of_text_are_a_blank_row_apart() -> None:
    drawn = block_lines("HOLD\n0:05", Scale(2, 2))
    assert len(drawn) == 5 + 1 + 5
    assert drawn[5].strip() == ""
    assert read_block_text(drawn[:5], "HOLD") == "HOLD"
    assert read_block_text(drawn[6:], DIGITS) == "0:05"


@pytest.mark.parametrize("scale", [Scale(1, 1), Scale(2, 1), Scale(3, 2), Scale(5, 5), Scale(6, 3)])
@pytest.mark.parametrize("text", ["0:05", "1:00", "12:34", "9:58", "0:10"])
def test_drawn_digits_read_back(text: str, scale: Scale) -> None:
    assert read_block_text(block_lines(text, scale), DIGITS) == text


@pytest.mark.parametrize("word", PHASE_WORDS)
def test_drawn_words_read_back(word: str) -> None:
    letters = "".join(sorted(set(word)))
    assert read_block_text(block_lines(word, Scale(2, 2)), letters) == word


def test_reading_refuses_what_is_not_in_the_alphabet() -> None:
    assert read_block_text(block_lines("HOLD", Scale(2, 2)), DIGITS) is None
    assert read_block_text(["no blocks here"], DIGITS) is None


def test_bands_are_runs_of_lines_with_blocks() -> None:
    screen = "title\n" + "\n".join(block_lines("0:05", Scale(2, 2))) + "\ncue\n██ bar"
    bands = block_bands(screen)
    assert [len(band) for band in bands] == [5, 1]
    assert read_block_text(bands[0], DIGITS) == "0:05"


def test_scales_are_tried_tallest_first_then_squarest() -> None:
    assert candidate_scales(4) == [
        Scale(4, 4),
        Scale(4, 3),
        Scale(4, 2),
        Scale(3, 3),
        Scale(3, 2),
        Scale(2, 2),
        Scale(2, 1),
        Scale(1, 1),
    ]


def test_the_fit_is_the_largest_that_fits_the_box() -> None:
    width_at_one = text_size("0:05", Scale(1, 1))[0]  # 19 columns
    assert fit_scale("0:05", width_at_one * 3, 8, 8) == Scale(3, 3)
    assert fit_scale("0:05", width_at_one * 3, 10, 8) == Scale(4, 3)  # taller, narrower
    assert fit_scale("0:05", width_at_one * 2, 10, 8) == Scale(4, 2)
    assert fit_scale("0:05", width_at_one * 3, 10, 3) == Scale(3, 3)  # capped
    assert fit_scale("0:05", width_at_one * 3, None, 8) == Scale(6, 3)  # no height limit
    assert fit_scale("0:05", width_at_one, 100, 8) == Scale(2, 1)


def test_no_fit_when_too_small_or_not_drawable() -> None:
    width_at_one = text_size("0:05", Scale(1, 1))[0]
    assert fit_scale("0:05", width_at_one - 1, 10, 8) is None
    assert fit_scale("0:05", 200, 2, 8) is None
    assert fit_scale("→ right", 200, 20, 8) is None
    assert fit_scale("", 200, 20, 8) is None

"""BigText and BigDigits in a small app: sizes measured on the screen, the plain-text
fallback, and no repaint when nothing changed."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult, RenderResult
from textual.containers import Vertical

from backcoach.tui.block_font import BLOCK_CHARACTERS, Scale
from backcoach.tui.widgets.big_digits import BigDigits
from backcoach.tui.widgets.big_text import BigText
from block_font_reading import DIGITS, block_bands, read_block_text


class CountingDigits(BigDigits):
    """BigDigits that counts how often Textual asks it to render."""

    renders = 0

    def render(self) -> RenderResult:
        self.renders += 1
        return super().render()


class Box(App[None]):
    """One widget in a box of a given size."""

    CSS = "#box { width: auto; height: auto; }"

    def __init__(self, widget: BigText, width: int, height: int) -> None:
        super().__init__()
        self.widget = widget
        self.box_size = (width, height)

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.styles.width, box.styles.height = self.box_size
            yield self.widget


def screen_lines(app: App[None]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def inked_rows(app: App[None]) -> int:
    return sum(1 for line in screen_lines(app) if BLOCK_CHARACTERS.intersection(line))


@pytest.mark.parametrize(
    ("width", "height", "rows"), [(30, 4, 3), (30, 6, 5), (60, 9, 8), (100, 20, 20)]
)
async def test_digits_grow_with_their_box(width: int, height: int, rows: int) -> None:
    app = Box(BigDigits("0:05"), width, height)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert inked_rows(app) == rows
        (band,) = block_bands("\n".join(screen_lines(app)))
        assert read_block_text(band, DIGITS) == "0:05"


async def test_a_text_too_wide_for_blocks_is_shown_plain_and_literally() -> None:
    text = BigText("[b]GET READY[/b]")  # "[" is not in the font
    async with Box(text, 40, 5).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text.scale is None
        assert "[b]GET READY[/b]" in "\n".join(screen_lines(pilot.app))
        text.update("GET READY")  # 42 columns at the smallest: wider than 40
        await pilot.pause()
        assert text.scale is None
        assert "GET READY" in "\n".join(screen_lines(pilot.app))


async def test_a_word_too_wide_for_one_scale_takes_a_smaller_one() -> None:
    text = BigText("GET READY", max_scale=2)
    async with Box(text, 60, 10).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text.scale == Scale(2, 1)  # 84 columns at (2, 2): too wide
        assert inked_rows(pilot.app) == 5
        assert read_block_text(screen_lines(pilot.app)[:5], "GET RADY") == "GET READY"


async def test_auto_height_follows_the_width_and_the_cap() -> None:
    text = BigText("HOLD", max_scale=3)
    async with Box(text, 70, 30).run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert text.scale == Scale(3, 3)
        assert text.region.height == 8
        text.update("BREATHE")  # 33 pixels: 99 columns at 3, too wide; 66 at 2
        await pilot.pause()
        assert text.scale == Scale(3, 2)
        assert text.region.height == 8


async def test_the_same_text_again_draws_nothing() -> None:
    digits = CountingDigits("0:05")
    async with Box(digits, 40, 8).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drawn = digits.renders
        assert drawn >= 1
        for _ in range(30):
            digits.update("0:05")
        await pilot.pause()
        assert digits.renders == drawn
        digits.update("0:04")
        await pilot.pause()
        assert digits.renders == drawn + 1
        (band,) = block_bands("\n".join(screen_lines(pilot.app)))
        assert read_block_text(band, DIGITS) == "0:04"


def test_big_digits_take_digits_only() -> None:
    with pytest.raises(ValueError, match="digits and colons only"):
        BigDigits("HOLD")
    digits = BigDigits("0:05")
    with pytest.raises(ValueError, match="digits and colons only"):
        digits.update("0:0x")
    assert digits.text == "0:05"

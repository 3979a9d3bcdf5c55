"""The one function every output uses to keep control characters and formulas inert."""

from __future__ import annotations

import pytest

from backcoach.core.visible_text import has_control_characters, spreadsheet_cell, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]2;TITLE\x07", "\\x1b]2;TITLE\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x9bb", "a\\x9bb"),
        ("del\x7f", "del\\x7f"),
        ("two\nlines", "two\\x0alines"),
        ("plain words", "plain words"),
    ],
)
def test_visible_writes_every_control_character_as_an_escape(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert not has_control_characters(visible(raw))


def test_keep_layout_lets_newline_and_tab_through_but_not_escape() -> None:
    assert visible("a\n\tb\x1b", keep_layout=True) == "a\n\tb\\x1b"
    assert has_control_characters("a\nb") and not has_control_characters("a\nb", keep_layout=True)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_spreadsheet_cell_quotes_a_formula_start(start: str) -> None:
    cell = spreadsheet_cell(start + 'HYPERLINK("x")')
    assert cell.startswith("'")


def test_spreadsheet_cell_leaves_plain_text_alone() -> None:
    assert spreadsheet_cell("Bridges") == "Bridges"

"""One place that makes text from a file safe to show: no control character reaches an output.

Content, settings and history are files a user (or a sync tool, or an attacker) can edit. A
terminal obeys ESC sequences (title changes, screen clears, OSC 52 clipboard writes) and a
spreadsheet obeys a cell that starts with ``=``; every output path (the TUI, ``status``,
``check-content``, ``export``, reports) passes such text through these functions, so the text is
shown literally instead of being obeyed.
"""

from __future__ import annotations

import re

# C0 controls, DEL and the C1 block. Newline and tab are allowed only where the output allows
# line breaks (``keep_layout=True``).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# OWASP's rule for CSV injection: a cell that starts with one of these is read as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def has_control_characters(text: str, *, keep_layout: bool = False) -> bool:
    """Whether the text holds a character a terminal could act on (for loaders that refuse it)."""
    pattern = _CONTROL_BUT_LAYOUT if keep_layout else _CONTROL
    return pattern.search(text) is not None


def visible(text: str, *, keep_layout: bool = False) -> str:
    """The text with every control character written as a visible escape (ESC becomes ``\\x1b``).

    ``keep_layout`` lets newline and tab through, for outputs that show several lines.
    """
    pattern = _CONTROL_BUT_LAYOUT if keep_layout else _CONTROL
    return pattern.sub(_escape, text)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: visible escapes, and a formula start quoted."""
    shown = visible(text)
    if text.startswith(_FORMULA_STARTS):
        return "'" + shown
    return shown

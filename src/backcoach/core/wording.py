"""Small wording helpers shared by the CLI and the screens, so counts read naturally."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``1 rep``, ``2 reps``, ``1 rated session``; pass ``plural_noun`` for irregular words."""
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{count} {word}"


def number_text(number: float) -> str:
    """``12`` for a whole number, ``2.5`` otherwise: figures read as the content wrote them."""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'cat-stretch'?)`` for the closest of ``known``, or "" if none is close.

    One typo in a hand-edited file should point to the fix, wherever the word is reported.
    """
    match = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""

"""Small wording helpers shared by the CLI and the screens, so counts read naturally."""

from __future__ import annotations


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``1 rep``, ``2 reps``, ``1 rated session``; pass ``plural_noun`` for irregular words."""
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{count} {word}"


def number_text(number: float) -> str:
    """``12`` for a whole number, ``2.5`` otherwise: figures read as the content wrote them."""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"

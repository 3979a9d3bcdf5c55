"""Counts read naturally: one rep, two reps."""

import pytest

from backcoach.core.wording import plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "rep", "0 reps"),
        (1, "rep", "1 rep"),
        (2, "hold", "2 holds"),
        (1, "rated session", "1 rated session"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_irregular_plural() -> None:
    assert plural(3, "body", "bodies") == "3 bodies"

"""TUI test set-up: every test starts from the same terminal environment.

Colour and size variables from the runner (``NO_COLOR`` on CI, ``COLUMNS``, Textual's
own switches) would change what the app draws; tests that check them set them again
themselves with ``monkeypatch``. The snapshot plugin's own ``TEXTUAL_SNAPSHOT_*``
variables are kept: it needs them to collect results.
"""

from __future__ import annotations

import os

import pytest

_FIXED_NAMES = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


@pytest.fixture(autouse=True)
def plain_terminal_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the runner's colour, size and Textual variables for this test."""
    for name in list(os.environ):
        textual_switch = name.startswith("TEXTUAL_") and not name.startswith("TEXTUAL_SNAPSHOT")
        if name in _FIXED_NAMES or textual_switch:
            monkeypatch.delenv(name, raising=False)

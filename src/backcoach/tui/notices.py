"""The messages of one run: what the app had to tell the user, kept until it quits.

Separate from the messages screen so start-up does not import that screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    """One message: what it is about, the text, how serious, and when it came."""

    title: str
    text: str
    severity: Severity
    at: datetime


def messages_summary(count: int) -> str:
    """``⚠ 1 message: press m to read it`` for the home screen's notice line."""
    if count == 1:
        return "⚠ 1 message: press m to read it"
    return f"⚠ {count} messages: press m to read them"

"""The messages of one run: what the app had to tell the user, kept until it quits.

Separate from the messages screen so start-up does not import that screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

Severity = Literal["information", "warning", "error"]

#: How many content problems one message lists before pointing to check-content.
MAX_PROBLEMS_SHOWN = 3


class FileProblem(Protocol):
    """A problem in one file (the core's ``ContentProblem``)."""

    @property
    def path(self) -> object: ...


@dataclass(frozen=True)
class Pending:
    """A message waiting for the app to start: its text, how many problems it holds
    and which files they are in (so the home line counts what the user will read)."""

    text: str
    problems: int = 1
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """One message: what it is about, the text, how serious, and when it came."""

    title: str
    text: str
    severity: Severity
    at: datetime
    problems: int = 1
    files: tuple[str, ...] = ()


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def messages_summary(notices: Sequence[Notice]) -> str:
    """The home screen's notice line, counting what the messages hold:
    ``⚠ 3 problems in 2 files: press m to read them``, ``⚠ 1 message: press m to read it``
    or both (``⚠ 3 problems in 2 files + 1 message: ...``).
    """
    in_files = [n for n in notices if n.files]
    problems = sum(n.problems for n in in_files)
    files = {f for n in in_files for f in n.files}
    others = sum(n.problems for n in notices if not n.files)
    parts = []
    if problems:
        parts.append(f"{plural(problems, 'problem')} in {plural(len(files), 'file')}")
    if others:
        parts.append(plural(others, "message"))
    them = "it" if problems + others == 1 else "them"
    return f"⚠ {' + '.join(parts)}: press m to read {them}"


def content_notice(problems: Sequence[FileProblem]) -> Pending | None:
    """One message for every content problem: the first few, and where to see them all."""
    if not problems:
        return None
    shown = "\n".join(str(p) for p in problems[:MAX_PROBLEMS_SHOWN])
    more = len(problems) - MAX_PROBLEMS_SHOWN
    tail = f"\n... and {more} more." if more > 0 else ""
    files = tuple(dict.fromkeys(str(p.path) for p in problems))
    word = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
    text = (
        f"Some content could not be loaded and is left out ({word} in "
        f"{plural(len(files), 'file')}):\n{shown}{tail}\n"
        "Run `backcoach check-content` for the full list."
    )
    return Pending(text, problems=len(problems), files=files)

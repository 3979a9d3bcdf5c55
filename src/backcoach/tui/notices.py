"""The messages of one run: what the app had to tell the user, kept until it quits.

Separate from the messages screen so start-up does not import that screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from backcoach.core.wording import plural

if TYPE_CHECKING:  # the app imports this module before its first frame: no pydantic
    from backcoach.core.content_loader import ContentProblem

Severity = Literal["information", "warning", "error"]

#: How many content problems one message lists before pointing to check-content.
MAX_PROBLEMS_SHOWN = 3


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


def content_notice(problems: Sequence[ContentProblem]) -> Pending | None:
    """One message for every content problem: the first few, and where to see them all.

    Counted by the core's ``tally_problems``, as ``check-content`` counts them. The heading
    claims nothing about what was done: the lines saying it (the packaged exercise is used,
    or the exercise is left out) follow the problems of their file and are kept with them.
    """
    if not problems:
        return None
    from backcoach.core.content_loader import tally_problems

    tally = tally_problems(problems)
    lines: list[str] = []
    shown_files: set[object] = set()
    shown = 0
    for problem in problems:
        if not problem.counted:
            if problem.path in shown_files:
                lines.append(str(problem))
        elif shown < MAX_PROBLEMS_SHOWN:
            lines.append(str(problem))
            shown_files.add(problem.path)
            shown += 1
    more = tally.problems - shown
    tail = f"\n... and {more} more." if more > 0 else ""
    text = (
        f"Some content could not be used as written ({tally}):\n"
        + "\n".join(lines)
        + f"{tail}\nRun `backcoach check-content` for the full list."
    )
    return Pending(text, problems=tally.problems, files=tuple(str(f) for f in tally.files))

"""The report as Markdown, for pasting into a message.

User text is escaped so that a Markdown viewer shows it as typed: ``<script>`` stays
text (``\\<script\\>``), ``[bold]`` is no link, ``|`` does not split a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backcoach.core.report import words
from backcoach.core.report.model import Report

# Any ASCII punctuation may be backslash-escaped in CommonMark; these can start or end
# markup anywhere in a line (emphasis, code, a link, an HTML tag, an entity, a table cell).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
# These only at the start of a line: a heading, a list item, a setext underline.
_LINE_START_MARK = re.compile(r"^([#+\-=])")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def md_text(text: str, *, in_cell: bool = False) -> str:
    """Text that a Markdown renderer shows literally (one line: newlines become spaces).

    ``in_cell``: a table cell, where nothing starts a line, so only inline marks matter."""
    escaped = _INLINE.sub(r"\\\1", " ".join(text.splitlines()))
    if in_cell:
        return escaped
    escaped = _LIST_NUMBER.sub(r"\1\\\2", escaped)
    return _LINE_START_MARK.sub(r"\\\1", escaped)


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    if not rows:
        return [words.NONE]
    lines = [
        "| " + " | ".join(md_text(c, in_cell=True) for c in columns) + " |",
        "|" + "|".join(" --- " for _ in columns) + "|",
    ]
    lines += ["| " + " | ".join(md_text(cell, in_cell=True) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report) -> str:
    out: list[str] = [f"# {md_text(report.title)}", "", md_text(report.about), ""]
    out += [
        md_text(report.source),
        "",
        md_text(report.disclaimer),
        "",
        md_text(words.made_line(report)),
        "",
    ]
    if report.empty:
        out += [f"**{md_text(words.EMPTY_PERIOD)}**", ""]
    out += [f"## {words.SECTION_SUMMARY}", ""]
    out += [f"- {md_text(line)}" for line in words.summary_lines(report)]
    out += ["", f"## {words.SECTION_DOSAGE}", ""]
    out += _table(words.ROUTINE_COLUMNS, words.routine_rows(report))
    out += [""]
    out += _table(words.DOSAGE_COLUMNS, words.dosage_rows(report))
    if report.dosages:
        out += ["", md_text(report.dosage_legend)]
    out += ["", f"## {words.SECTION_WEEKS}", ""]
    out += _table(words.WEEK_COLUMNS, [words.week_row(w) for w in report.weeks])
    out += ["", f"## {words.SECTION_EXERCISES}", ""]
    out += _table(words.EXERCISE_COLUMNS, words.exercise_rows(report))
    out += ["", f"## {words.SECTION_PAIN}", "", md_text(words.NO_CHART_IN_MARKDOWN)]
    out += ["", f"## {md_text(words.SECTION_FLAGS)}", "", md_text(words.FLAGS_RULE), ""]
    out += _table(words.FLAG_COLUMNS, words.flag_rows(report))
    out += ["", f"## {words.SECTION_NOTICES}", "", md_text(words.NOTICES_RULE), ""]
    for group in words.notice_groups(report):
        out += [f"### {md_text(group.title)}", "", md_text(group.rule), ""]
        out += [md_text(group.shown_on())]
        out += [""]
    out += [f"## {words.SECTION_REST}", "", md_text(words.rest_days_text(report)), ""]
    return "\n".join(out)

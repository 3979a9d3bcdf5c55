"""The report as one self-contained HTML file: inline CSS and SVG, no script, no network.

Rendered by Jinja2 with autoescaping on, so user text is always text; the chart's SVG is
the only markup passed in as such, and ``chart.chart_svg`` escapes every label it writes.
A Content-Security-Policy forbids scripts and every fetch, should anything slip through.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from backcoach.core.report import words
from backcoach.core.report.chart import chart_svg, pain_chart
from backcoach.core.report.model import Report

TEMPLATE = "report.html.j2"


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(report: Report) -> str:
    chart = pain_chart(report.pain, report.period, width=640, height=200)
    template = _environment().get_template(TEMPLATE)
    return template.render(
        report=report,
        words=words,
        chart=chart,
        chart_svg=Markup(chart_svg(chart)),
        summary=words.summary_lines(report),
        routine_rows=words.routine_rows(report),
        dosage_rows=words.dosage_rows(report),
        week_rows=[words.week_row(w) for w in report.weeks],
        exercise_rows=words.exercise_rows(report),
        flag_rows=words.flag_rows(report),
        notice_groups=words.notice_groups(report),
    )

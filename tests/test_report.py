"""The report's core: figures from a seeded history, the Markdown in full, the HTML's
sections, tables and chart points, the chart's geometry and an empty period."""

from __future__ import annotations

import os
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from backcoach.core.content_models import Catalog
from backcoach.core.history_models import History
from backcoach.core.report.as_html import render_html
from backcoach.core.report.as_markdown import md_text, render_markdown
from backcoach.core.report.build import build_report, choose_period
from backcoach.core.report.chart import (
    MOST_DATE_LABELS,
    MOST_READINGS_DRAWN,
    date_labels,
    pain_chart,
)
from backcoach.core.report.model import PainReading, Period, Report
from backcoach.core.report.notices import pain_not_easing
from backcoach.paths import AppPaths
from report_seed import (
    CLEARED_NOTE,
    FIRST_DAY,
    INJECTION,
    LAST_DAY,
    MADE_AT,
    seeded_catalogs,
    seeded_history,
)

GOLDEN = Path(__file__).parent / "golden" / "report.md"
PERIOD = Period(FIRST_DAY, LAST_DAY)


@pytest.fixture
def catalogs(app_paths: AppPaths) -> tuple[Catalog, Catalog]:
    return seeded_catalogs(app_paths)


@pytest.fixture
def report(catalogs: tuple[Catalog, Catalog]) -> Report:
    used, source = catalogs
    return build_report(seeded_history(used), used, PERIOD, MADE_AT, source_catalog=source)


def test_the_weeks_count_as_the_streaks_do(report: Report) -> None:
    assert len(report.weeks) == 8
    first, second, third = report.weeks[:3]
    assert (first.first_day, first.last_day) == (date(2026, 1, 5), date(2026, 1, 11))
    assert (first.sessions_completed, first.sessions_planned, first.days_done) == (7, 7, 7)
    # days 10 and 11 are rest days (no session): neither open nor missed
    assert (second.rest_days, second.days_open, second.sessions_planned) == (2, 5, 5)
    # day 20 was missed: open, not done
    assert (third.days_done, third.days_open) == (6, 7)
    assert report.sessions == 52 and report.sessions_completed == 51  # day 30 ended early
    assert report.rest_days == (date(2026, 1, 15), date(2026, 1, 16), date(2026, 2, 14))


def test_weekly_pain_medians(report: Report) -> None:
    first = report.weeks[0]
    # before 3,4,5,4,3,2,4 -> median 4; after: day 0 unrated, then 2,3,2,1,0,2 -> 2
    assert (first.pain_before_median, first.pain_after_median, first.rated_sessions) == (4, 2, 7)


def test_each_exercise_is_tallied(report: Report) -> None:
    by_name = {t.name: t for t in report.exercises}
    # day 10 (one of the cat stretch's skip days) was a rest day; on day 30 it was not reached
    assert by_name["Cat stretch"].skipped == 7 and by_name["Cat stretch"].completed == 44
    assert by_name["Superman"].partly_done == 5
    assert by_name[INJECTION].stopped_for_pain == 1
    assert by_name["Knee-to-chest stretch"].stopped_for_pain == 1


def test_dosage_shows_the_users_figure_beside_the_sources(report: Report) -> None:
    bridges = next(d for d in report.dosages if d.name == INJECTION)
    assert bridges.used.startswith("3 sets x 12 (yours) reps")
    assert bridges.source is not None and bridges.source.startswith("3 sets x 15 reps")
    superman = next(d for d in report.dosages if d.name == "Superman")
    assert superman.source is None  # the same as the source's


def test_every_flag_says_where_it_stopped_and_how_it_was_cleared(report: Report) -> None:
    cleared, active, withdrawn = report.flags
    assert cleared.where == "set 2, rep 7, phase 3 (Hold the bridge), 2.5 s in"
    assert (cleared.pain, cleared.state, cleared.cleared_on) == (7, "cleared", date(2026, 1, 23))
    assert cleared.note == CLEARED_NOTE.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert cleared.outcome == "cleared 2026-01-23 by a clinician"
    assert active.where == "left leg, rep 2, phase 2 (Hold…), 3 s in"
    assert active.outcome.startswith("still flagged")
    assert withdrawn.outcome == "withdrawn (pressed by mistake)"


def test_safety_notices(report: Report) -> None:
    severe = [n for n in report.notices if n.kind == "severe_pain"]
    assert [(n.day, n.detail) for n in severe] == [
        (date(2026, 1, 20), "pain before 8 of 10"),
        (date(2026, 1, 21), "pain before 9 of 10"),
    ]
    assert any(n.kind == "not_easing" for n in report.notices)


def test_pain_not_easing_rule() -> None:
    day = date(2026, 2, 1)
    ratings = [(day - timedelta(days=d), 4) for d in range(27, -1, -1)]
    assert pain_not_easing(ratings, day)  # the same pain for four weeks
    eased = [(d, 5 if d <= day - timedelta(days=14) else 2) for d, _ in ratings]
    assert not pain_not_easing(eased, day)
    assert not pain_not_easing(ratings[-2:], day)  # too few ratings to say
    assert not pain_not_easing([(d, 0) for d, _ in ratings], day)  # no pain


def test_the_markdown_in_full(report: Report) -> None:
    text = render_markdown(report)
    if os.environ.get("BACKCOACH_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_articles_rules_are_said_in_full_in_every_format(report: Report) -> None:
    from backcoach.core.safety import SEE_A_DOCTOR_RULE, STOP_RULE

    for text in (render_markdown(report), render_html(report).replace("&#39;", "'")):
        assert STOP_RULE in text and SEE_A_DOCTOR_RULE in text


def test_the_markdown_shows_user_text_literally(report: Report) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(render_markdown(report))
    assert "<script>" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[bold]=HYPERLINK(&quot;x&quot;)" in rendered
    assert "\x1b" not in rendered and "\\x1b]0;owned\\x07" in rendered


@pytest.mark.parametrize(
    "text", ["# heading", "- item", "1. item", "a | b", "*x*", "[a](b)", "<i>", "&amp;", "`c`"]
)
def test_md_text_is_shown_as_typed(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(md_text(text))
    assert (
        rendered
        == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>\n"
    )


class _Page(HTMLParser):
    """Sections, tables (rows of cell text), chart points and anything that could run."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.points: list[tuple[str, str, str]] = []  # (series, day, value)
        self.scripts = 0
        self.external: list[str] = []
        self._table: str | None = None
        self._series = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" or any(k.startswith("on") for k in found):
            self.scripts += 1
        for key in ("src", "href"):
            if found.get(key):
                self.external.append(str(found[key]))
        if tag == "section":
            self.sections.append(str(found["id"]))
        elif tag == "table":
            self._table = str(found["id"])
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "g" and "series" in (found.get("class") or ""):
            self._series = str(found["class"]).split()[1]
        elif tag in {"circle", "rect"} and found.get("class") == "point":
            self.points.append((self._series, str(found["data-day"]), str(found["data-value"])))

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None


def test_the_html_sections_tables_and_chart(report: Report) -> None:
    page = _Page()
    page.feed(render_html(report))
    assert page.sections == [
        "summary", "dosage", "weeks", "exercises", "pain", "flags", "notices", "rest-days",
    ]  # fmt: skip
    weeks = page.tables["weeks-table"]
    assert weeks[0][0] == "Week" and len(weeks) == 9
    assert weeks[2] == ["2026-01-12 to 01-18", "5 / 5", "5 / 5", "2", "4", "2", "5"]
    flags = page.tables["flags-table"]
    assert [row[1] for row in flags[1:]] == [INJECTION, "Knee-to-chest stretch", "Superman"]
    assert flags[1][5] == CLEARED_NOTE.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    before = [p for p in page.points if p[0] == "before"]
    after = [p for p in page.points if p[0] == "after"]
    assert len(before) == 52 and before[0] == ("before", "2026-01-05", "3")
    assert len(after) == len([r for r in report.pain if r.after is not None])
    assert page.scripts == 0 and page.external == []


def test_the_html_shows_user_text_literally(report: Report) -> None:
    html = render_html(report)
    assert "<script>" not in html and "<b>ok" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[bold]=HYPERLINK(&#34;x&#34;)" in html
    assert "\x1b" not in html


def test_an_empty_period_says_so_in_every_format(catalogs: tuple[Catalog, Catalog]) -> None:
    used, source = catalogs
    report = build_report(History(), used, PERIOD, MADE_AT, source_catalog=source)
    assert report.empty
    assert "Nothing was recorded in this period" in render_markdown(report)
    page = _Page()
    page.feed(render_html(report))
    assert page.points == [] and "summary" in page.sections
    assert pain_chart(report.pain, report.period).caption == "No pain ratings in this period."


def test_choose_period() -> None:
    today = date(2026, 3, 1)
    assert choose_period(today, None, None) == Period(date(2026, 1, 5), today)
    assert choose_period(today, date(2025, 1, 1), date(2025, 1, 31)).days == 31
    with pytest.raises(ValueError, match="after the end"):
        choose_period(today, date(2026, 3, 2), None)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    length=st.integers(min_value=1, max_value=4000),
)
def test_date_labels_are_few_and_inside_the_period(start: date, length: int) -> None:
    period = Period(start, start + timedelta(days=length - 1))
    labels = date_labels(period)
    assert 1 <= len(labels) <= MOST_DATE_LABELS
    assert all(period.holds(day) for day, _ in labels)
    assert [d for d, _ in labels] == sorted(d for d, _ in labels)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10), st.none() | st.integers(0, 10))))
def test_chart_points_stay_on_the_axes(values: list[tuple[int, int, int | None]]) -> None:
    from datetime import datetime, time

    readings = sorted(
        (
            PainReading(
                FIRST_DAY + timedelta(days=d),
                datetime.combine(FIRST_DAY + timedelta(days=d), time(9)),
                b,
                a,
            )
            for d, b, a in values
            if d < PERIOD.days
        ),
        key=lambda r: r.started_at,
    )
    chart = pain_chart(readings, PERIOD)
    assert (chart.grouping == "session") == (len(readings) <= MOST_READINGS_DRAWN)
    assert sum(len(s.points) for s in chart.series) <= 2 * max(MOST_READINGS_DRAWN, 60)
    for series in chart.series:
        for point in series.points:
            assert chart.left <= point.x <= chart.right
            assert chart.top <= point.y <= chart.bottom
            assert 0 <= point.value <= 10


def test_ten_years_are_drawn_as_monthly_medians() -> None:
    from datetime import datetime, time

    period = Period(date(2016, 11, 25), date(2026, 11, 24))
    readings = [
        PainReading(day, datetime.combine(day, time(8)), 3 + day.month % 4, 2)
        for day in (period.since + timedelta(days=i) for i in range(period.days))
    ]
    chart = pain_chart(readings, period)
    assert chart.grouping == "month"
    before = chart.series[0].points
    assert len(before) == 121  # Nov 2016 to Nov 2026
    assert before[1].day == date(2016, 12, 16) and before[1].value == 3 + 12 % 4
    assert chart.caption == "Each point is one month's median (0-10)."
    eight_weeks = Period(date(2026, 9, 30), date(2026, 11, 24))
    twice_a_day = [r for r in readings if eight_weeks.holds(r.day)] * 3
    assert pain_chart(twice_a_day, eight_weeks).grouping == "week"

"""The words and figures every format says the same way: headings, column names, a
week's dates, a median, the summary lines and the notices grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.report.model import Report, SafetyNotice, WeekLine
from backcoach.core.report.notices import NOT_EASING_RULE, SEVERE_RULE
from backcoach.core.safety import SEE_A_DOCTOR_RULE, STOP_RULE
from backcoach.core.wording import plural

NONE = "None."
EMPTY_PERIOD = "Nothing was recorded in this period: no session, flag or rest day."
NO_CHART_IN_MARKDOWN = (
    "The PDF and HTML reports draw this as a chart; the weekly medians are in the table above."
)

#: The article's two safety rules, as the app states them everywhere (``core.safety``).
FLAGS_RULE = f"The article's advice: {STOP_RULE}"
NOTICES_RULE = f"The article's advice: {SEE_A_DOCTOR_RULE}"

ROUTINE_COLUMNS = ("Routine", "Planned", "Sessions completed / started")
DOSAGE_COLUMNS = ("Exercise", "Dosage used", "The source's dosage")
WEEK_COLUMNS = (
    "Week",
    "Sessions done / planned",
    "Days done / open",
    "Rest days",
    "Pain before (median)",
    "Pain after (median)",
    "Rated sessions",
)
EXERCISE_COLUMNS = ("Exercise", "Completed", "Partly done", "Skipped", "Stopped for pain")
FLAG_COLUMNS = ("Date", "Exercise", "Where it stopped", "Pain then", "Outcome", "Note")

SECTION_SUMMARY = "Summary"
SECTION_DOSAGE = "Routines and dosage"
SECTION_WEEKS = "Adherence and pain by week"
SECTION_EXERCISES = "Each exercise"
SECTION_PAIN = "Pain before and after"
SECTION_FLAGS = 'Flags: exercises stopped with "made my pain worse"'
SECTION_NOTICES = "Safety notices in the period"
SECTION_REST = "Rest days"


def score(value: float | None) -> str:
    """ "4", "4.5", or "-" for no rating."""
    return "-" if value is None else f"{value:g}"


def week_label(week: WeekLine) -> str:
    """ "2026-01-12 to 01-18": the week's days within the period."""
    if week.first_day == week.last_day:
        return week.first_day.isoformat()
    return f"{week.first_day.isoformat()} to {week.last_day.strftime('%m-%d')}"


def week_row(week: WeekLine) -> tuple[str, ...]:
    return (
        week_label(week),
        f"{week.sessions_completed} / {week.sessions_planned}",
        f"{week.days_done} / {week.days_open}",
        str(week.rest_days),
        score(week.pain_before_median),
        score(week.pain_after_median),
        str(week.rated_sessions),
    )


def summary_lines(report: Report) -> list[str]:
    """The few lines a clinician reads first."""
    active = sum(1 for f in report.flags if f.state == "active")
    flags = plural(sum(1 for f in report.flags if f.state != "withdrawn"), "flag")
    if active:
        flags += f" ({active} still active)"
    return [
        f"Sessions completed: {report.sessions_completed} of {report.sessions_planned} planned "
        f"({plural(report.sessions, 'session')} started).",
        f"Days with a completed session: {report.days_done} of {report.days_open} "
        f"({plural(len(report.rest_days), 'rest day')} marked as too painful to exercise).",
        f"Pain before sessions, median: {score(report.pain_before_median)}; after: "
        f"{score(report.pain_after_median)} (0-10, {plural(len(report.pain), 'rated session')}).",
        f"Exercises stopped for pain: {flags}. Safety notices: {len(report.notices)}.",
    ]


def routine_rows(report: Report) -> list[tuple[str, ...]]:
    return [
        (r.name, r.planned or "-", f"{r.sessions_completed} / {r.sessions_started}")
        for r in report.routines
    ]


def dosage_rows(report: Report) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for line in report.dosages:
        if not line.in_source:
            source = "not in the source (your own exercise)"
        else:
            source = line.source or "the same"
        rows.append((line.name, line.used, source))
    return rows


def exercise_rows(report: Report) -> list[tuple[str, ...]]:
    return [
        (e.name, str(e.completed), str(e.partly_done), str(e.skipped), str(e.stopped_for_pain))
        for e in report.exercises
    ]


def flag_rows(report: Report) -> list[tuple[str, ...]]:
    return [
        (
            f.day.isoformat(),
            f.exercise,
            f.where,
            "-" if f.pain is None else f"{f.pain} of 10",
            f.outcome,
            f.note or "-",
        )
        for f in report.flags
    ]


@dataclass(frozen=True)
class NoticeGroup:
    """The notices of one kind, with the rule that decides them."""

    title: str
    rule: str
    notices: tuple[SafetyNotice, ...]

    def line(self, notice: SafetyNotice) -> str:
        """ "2026-01-05 (pain before 9 of 10)", or just the day."""
        day = notice.day.isoformat()
        return f"{day} ({notice.detail})" if notice.detail else day

    def shown_on(self) -> str:
        """All of them in one line: "Shown on 2 days: 2026-01-05 (...), 2026-01-09 (...)"."""
        if not self.notices:
            return NONE
        days = len({n.day for n in self.notices})
        lines = ", ".join(self.line(n) for n in self.notices)
        return f"Shown on {plural(days, 'day')}: {lines}."


def notice_groups(report: Report) -> list[NoticeGroup]:
    return [
        NoticeGroup(
            "Severe pain before a session (the app showed the see-a-doctor advice)",
            SEVERE_RULE,
            tuple(n for n in report.notices if n.kind == "severe_pain"),
        ),
        NoticeGroup(
            "Pain not easing (the first day of each run of days)",
            NOT_EASING_RULE,
            tuple(n for n in report.notices if n.kind == "not_easing"),
        ),
    ]


def rest_days_text(report: Report) -> str:
    return ", ".join(d.isoformat() for d in report.rest_days) or NONE


def made_line(report: Report) -> str:
    period = report.period
    return (
        f"Period: {period.since.isoformat()} to {period.until.isoformat()} "
        f"({plural(period.days, 'day')}). Made {report.generated_at.strftime('%Y-%m-%d %H:%M')}."
    )

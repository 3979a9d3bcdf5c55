"""Exercise content turned into literal ``Content`` for the list and the detail pane.

Content text is never parsed as markup: it is wrapped in ``Content`` as it is, and
only our own headings carry styles. Every figure says where it comes from when it is
not the source's own (an app default, or the user's figure).
"""

from __future__ import annotations

from textual.content import Content

from backcoach.core.content_models import Amount, Exercise, Origin
from backcoach.core.describe import describe_dosage
from backcoach.core.history_models import Flag

ORIGIN_NOTE: dict[Origin, str] = {"source": "", "app": "app default", "user": "your figure"}


def minutes_text(seconds: float) -> str:
    """``~45 s``, ``~4 min``: an estimate, so rounded and marked as one."""
    if seconds < 60:
        return f"~{max(1, round(seconds))} s"
    return f"~{round(seconds / 60)} min"


def flag_text(flag: Flag) -> str:
    return f"flagged {flag.local_date.isoformat()}"


def list_prompt(
    exercise: Exercise, *, estimated_seconds: float | None, flag: Flag | None
) -> Content:
    """Three short lines: name, dosage and time (or the flag), what it works."""
    if flag is not None:
        name = Content.assemble(("⚑ ", "bold $error"), (exercise.name, "bold"))
        second = Content.assemble(
            "  ", (f"{flag_text(flag)}: left out until cleared", "bold $error")
        )
    else:
        name = Content.assemble((exercise.name, "bold"))
        figures = describe_dosage(exercise)
        if estimated_seconds is not None:
            figures = f"{minutes_text(estimated_seconds)} · {figures}"
        second = Content.assemble("  ", (figures, "$text-muted"))
    works = Content.assemble("  ", (exercise.works, "$text-muted italic"))
    return Content("\n").join([name, second, works])


def _figure(label: str, amount: Amount, unit: str = "") -> Content:
    note = ORIGIN_NOTE[amount.origin]
    return Content.assemble(
        f"  {label}: ",
        (amount.describe(unit), "bold"),
        (f" ({note})" if note else "", "$text-muted"),
    )


def figure_lines(exercise: Exercise) -> list[Content]:
    """Every dosage figure, each marked app default or user's where it is."""
    dosage = exercise.dosage
    lines = [_figure("Reps", dosage.reps)]
    if dosage.sets.high > 1 or dosage.sets.origin != "source":
        lines.insert(0, _figure("Sets", dosage.sets))
    if dosage.side_labels is not None:
        how = "alternating" if dosage.sides == "alternating" else "one side, then the other"
        lines.append(Content(f"  Sides: {' / '.join(dosage.side_labels)} ({how})"))
    for label, rest in (
        ("Rest between reps", dosage.rest_between_reps),
        ("Rest between sides", dosage.rest_between_sides),
        ("Rest between sets", dosage.rest_between_sets),
    ):
        if rest is not None:
            lines.append(_figure(label, rest, "s"))
    if dosage.times_per_day is not None:
        lines.append(_figure("Times a day", dosage.times_per_day))
    if exercise.progression is not None:
        progression = exercise.progression
        lines.append(_figure("Reps on the first day", progression.start_reps))
        lines.append(_figure("Reps added each day", progression.step_per_day))
        lines.append(_figure("Up to", progression.max_reps, "reps"))
    for number, phase in enumerate(exercise.rep, start=1):
        if phase.seconds is not None:
            lines.append(_figure(f"Rep part {number}, {phase.kind}", phase.seconds, "s"))
    return lines


def _heading(text: str) -> Content:
    return Content.assemble(("\n" + text, "bold $accent"))


def detail_content(
    exercise: Exercise,
    *,
    source: str,
    estimated_seconds: float | None,
    reps: int | None,
    flag: Flag | None,
) -> Content:
    """The whole detail pane: works, why, start position, steps, figures, cautions, source."""
    parts: list[Content] = [
        Content.assemble((exercise.name, "bold $primary")),
        Content.assemble((f"{exercise.kind} · works: ", "$text-muted"), exercise.works),
    ]
    if flag is not None:
        parts.append(
            Content.assemble(
                (
                    f"\n⚑ Flagged on {flag.local_date.isoformat()}: it made your pain worse.",
                    "bold $error",
                ),
                "\nIt is left out of sessions until you clear it in History (h). "
                "If an exercise makes pain worse, stop it and consult a doctor.",
            )
        )
    parts += [_heading("Dosage"), Content("  " + describe_dosage(exercise))]
    today = []
    if reps is not None and exercise.progression is not None:
        today.append(f"{reps} reps")
    if estimated_seconds is not None:
        today.append(f"about {minutes_text(estimated_seconds).lstrip('~')}")
    if today:
        parts.append(Content.assemble(("  Today: ", "bold"), " · ".join(today)))
    parts += figure_lines(exercise)
    parts += [_heading("Why it helps"), Content(exercise.why)]
    parts += [_heading("Start position"), Content(exercise.start_position)]
    parts.append(_heading("Steps"))
    parts += [Content(f"  {n}. {step}") for n, step in enumerate(exercise.steps, start=1)]
    if exercise.cautions:
        parts.append(_heading("Cautions"))
        parts += [Content(f"  • {caution}") for caution in exercise.cautions]
    parts += [Content(""), Content.assemble((source, "$text-muted"))]
    return Content("\n").join(parts)

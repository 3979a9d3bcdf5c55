"""Exercise content turned into literal ``Content`` for the list and the detail pane.

Content text is never parsed as markup: it is wrapped in ``Content`` as it is, and
only our own headings carry styles. Every figure says where it comes from when it is
not the source's own (an app default, or the user's figure). Indented lines keep their
indent when they wrap (``HangingText``), so the dosage reads in full at 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from backcoach.core.content_models import Amount, Exercise, Origin
from backcoach.core.describe import describe_dosage
from backcoach.core.history_models import Flag
from backcoach.core.safety import STOP_RULE
from backcoach.tui.widgets.hanging import Block, HangingText, block

GENERAL_HEADING = "What the article says exercise can do"
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
) -> HangingText:
    """Name, then time and dosage (or the flag), then what it works; the last two wrap
    under their indent rather than being cut off."""
    if flag is not None:
        name = Content.assemble(("⚑ ", "bold $error"), (exercise.name, "bold"))
        second = Content.assemble((f"{flag_text(flag)}: left out until cleared", "bold $error"))
    else:
        name = Content.assemble((exercise.name, "bold"))
        figures = describe_dosage(exercise)
        if estimated_seconds is not None:
            figures = f"{minutes_text(estimated_seconds)} · {figures}"
        second = Content.assemble((figures, "$text-muted"))
    works = Content.assemble((exercise.works, "$text-muted italic"))
    return HangingText([block(name), block(second, "  "), block(works, "  ")])


def _figure(label: str, amount: Amount, unit: str = "") -> Block:
    note = ORIGIN_NOTE[amount.origin]
    # The space before the note ends the figure's span: a span that starts with a
    # space loses it in some renderers (the figure and its note ran together).
    body = Content.assemble(
        f"{label}: ",
        (amount.describe(unit) + (" " if note else ""), "bold"),
        (f"({note})" if note else "", "$text-muted"),
    )
    return block(body, "  ")


def _same_figure(one: Amount, other: Amount) -> bool:
    return (one.low, one.high, one.default, one.origin) == (
        other.low,
        other.high,
        other.default,
        other.origin,
    )


def figure_lines(exercise: Exercise) -> list[Block]:
    """Every dosage figure, each marked app default or user's where it is. A rep part is
    named by its cue (what the user hears), and reps that only restate the first day of
    a progression are shown once."""
    dosage = exercise.dosage
    progression = exercise.progression
    lines: list[Block] = []
    if progression is None or not _same_figure(dosage.reps, progression.start_reps):
        lines.append(_figure("Reps", dosage.reps))
    if dosage.sets.high > 1 or dosage.sets.origin != "source":
        lines.insert(0, _figure("Sets", dosage.sets))
    if dosage.side_labels is not None:
        how = "alternating" if dosage.sides == "alternating" else "one side, then the other"
        lines.append(block(f"Sides: {' / '.join(dosage.side_labels)} ({how})", "  "))
    for label, rest in (
        ("Rest between reps", dosage.rest_between_reps),
        ("Rest between sides", dosage.rest_between_sides),
        ("Rest between sets", dosage.rest_between_sets),
    ):
        if rest is not None:
            lines.append(_figure(label, rest, "s"))
    if dosage.times_per_day is not None:
        lines.append(_figure("Times a day", dosage.times_per_day))
    if progression is not None:
        lines.append(_figure("Reps on the first day", progression.start_reps))
        lines.append(_figure("Reps added each day", progression.step_per_day))
        lines.append(_figure("Up to", progression.max_reps, "reps"))
    for phase in exercise.rep:
        if phase.seconds is not None:
            lines.append(_figure(phase.cue, phase.seconds, "s"))
    return lines


def _heading(text: str) -> list[Block]:
    return [block(""), block(Content.assemble((text, "bold $accent")))]


def detail_content(
    exercise: Exercise,
    *,
    source: str,
    estimated_seconds: float | None,
    reps: int | None,
    flag: Flag | None,
    general: Sequence[str] = (),
) -> HangingText:
    """The whole detail pane: works, why, start position, steps, figures, cautions, and at
    its foot what the article says exercise in general can do (``general``), then the
    source."""
    parts: list[Block] = [
        block(Content.assemble((exercise.name, "bold $primary"))),
        block(Content.assemble((f"{exercise.kind} · works: ", "$text-muted"), exercise.works)),
    ]
    if flag is not None:
        parts += [
            block(""),
            block(
                Content.assemble(
                    (
                        f"⚑ Flagged on {flag.local_date.isoformat()}: it made your pain worse.",
                        "bold $error",
                    )
                )
            ),
            block(f"It is left out of sessions until you clear it in History (h). {STOP_RULE}"),
        ]
    parts += [*_heading("Dosage"), block(describe_dosage(exercise), "  ")]
    today = []
    if reps is not None and exercise.progression is not None:
        today.append(f"{reps} reps")
    if estimated_seconds is not None:
        today.append(f"about {minutes_text(estimated_seconds).lstrip('~')}")
    if today:
        parts.append(block(Content.assemble(("Today: ", "bold"), " · ".join(today)), "  "))
    parts += figure_lines(exercise)
    parts += [*_heading("Why it helps"), block(exercise.why)]
    parts += [*_heading("Start position"), block(exercise.start_position)]
    parts += _heading("Steps")
    parts += [block(step, f"  {n}. ") for n, step in enumerate(exercise.steps, start=1)]
    if exercise.cautions:
        parts += _heading("Cautions")
        parts += [block(caution, "  • ") for caution in exercise.cautions]
    if general:
        parts += _heading(GENERAL_HEADING)
        parts += [block(point, "  • ") for point in general]
    parts += [block(""), block(Content.assemble((source, "$text-muted")))]
    return HangingText(parts)

"""The source's two safety rules, in the app's words, kept at full strength in one place.

The article: see a doctor when lower back pain is severe or does not go away with gentle
stretches and exercise; if an exercise makes the pain worse, stop it immediately and
consult a doctor. Every screen that states the second rule uses ``STOP_RULE``, so none
of them can drop "at once" or soften "consult a doctor". Advice the app adds on its own
is prefixed with ``APP_ADVICE`` so it is never read as the source's, and so is every
threshold the app uses to act on rule 1 (defaults below; the content's copy cites each).
"""

from __future__ import annotations

SEE_A_DOCTOR_RULE = (
    "If your lower back pain is severe, or it does not go away with gentle stretches and "
    "exercise, see a doctor."
)
STOP_RULE = "If an exercise makes your pain worse, stop it at once and consult a doctor."
#: Marks the app's own advice (a threshold, a suggestion), as against the source's.
APP_ADVICE = "backcoach's own suggestion, not the article's:"

#: The app's defaults for rule 1 (the content's ``[thresholds]`` in about.toml says the
#: same, each with its published basis; these are used when that file cannot be read).
#: Severe: pain before a session at or above this, on the 0-10 numeric rating scale.
SEVERE_PAIN_FROM = 8
#: Not going away: the last this-many days against the same span before them...
NOT_EASING_DAYS = 14
#: ... with at least this many pain-before ratings in each span.
NOT_EASING_MIN_RATINGS = 5
#: Worse the next day: pain before at least this many points above the previous session
#: day's pain before.
NEXT_DAY_RISE = 2
#: A dismissed "not going away" notice stays hidden this many days (the app's choice).
NOTICE_HIDDEN_DAYS = 14


def severe_now(pain_before: int | None, severe_from: int = SEVERE_PAIN_FROM) -> bool:
    """Whether the pain given before a session is severe by the app's threshold."""
    return pain_before is not None and pain_before >= severe_from


def severe_threshold_text(severe_from: int, cites: str) -> str:
    """The threshold said as the app's, never as the article's, with its basis."""
    return (
        f"{severe_from} or more counts as severe pain on the 0-10 scale: the app's threshold, "
        f"not the article's (from {cites})."
    )

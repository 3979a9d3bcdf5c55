"""The source's two safety rules, in the app's words, kept at full strength in one place.

The article: see a doctor when lower back pain is severe or does not go away with gentle
stretches and exercise; if an exercise makes the pain worse, stop it immediately and
consult a doctor. Every screen that states the second rule uses ``STOP_RULE``, so none
of them can drop "at once" or soften "consult a doctor". Advice the app adds on its own
is prefixed with ``APP_ADVICE`` so it is never read as the source's.
"""

from __future__ import annotations

SEE_A_DOCTOR_RULE = (
    "If your lower back pain is severe, or it does not go away with gentle stretches and "
    "exercise, see a doctor."
)
STOP_RULE = "If an exercise makes your pain worse, stop it at once and consult a doctor."
#: Marks the app's own advice (a threshold, a suggestion), as against the source's.
APP_ADVICE = "backcoach's own suggestion, not the article's:"

#: The app's threshold for "severe" pain before a session, on the 0-10 scale. From the
#: pain literature, not the article: Boonstra AM et al., "Cut-Off Points for Mild,
#: Moderate, and Severe Pain on the Numeric Rating Scale for Pain in Patients with
#: Chronic Musculoskeletal Pain", Front. Psychol. 2016;7:1466 (scores of 8 or more
#: correspond to severe pain in terms of interference with functioning).
SEVERE_PAIN_FROM = 8
SEVERE_PAIN_SOURCE = (
    "8 or more counts as severe pain on the 0-10 scale (Boonstra et al., Frontiers in "
    "Psychology, 2016): the app's threshold, not the article's."
)


def severe_now(pain_before: int | None) -> bool:
    """Whether the pain given before a session is severe by the app's threshold."""
    return pain_before is not None and pain_before >= SEVERE_PAIN_FROM

"""The source's two safety rules, in the app's words, kept at full strength in one place.

The article: see a doctor when lower back pain is severe or does not go away with gentle
stretches and exercise; if an exercise makes the pain worse, stop it immediately and
consult a doctor. Every screen that states the second rule uses ``STOP_RULE``, so none
of them can drop "at once" or soften "consult a doctor". Advice the app adds on its own
is prefixed with ``APP_ADVICE`` so it is never read as the source's.
"""

from __future__ import annotations

SEE_A_DOCTOR_RULE = (
    "If your lower back pain is severe or will not go away with gentle exercise, see a doctor."
)
STOP_RULE = "If an exercise makes your pain worse, stop it at once and consult a doctor."
#: Marks the app's own advice (a threshold, a suggestion), as against the source's.
APP_ADVICE = "backcoach's own suggestion, not the article's:"

"""The "not going away" notice: the article's advice when the pain before has not eased.

Home and History both show it (handed the finding from ``core.pain_rules``); ``d`` on
either screen hides it for a while, and that goes up to the app as ``HidePainNotice``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from backcoach.core.safety import NOTICE_HIDDEN_DAYS, SEE_A_DOCTOR_RULE

if TYPE_CHECKING:  # home shows this widget in its first frame, before pydantic is imported
    from backcoach.core.content_models import NotEasingThreshold
    from backcoach.core.pain_rules import NotEasing


def pain_notice_text(finding: NotEasing, threshold: NotEasingThreshold) -> str:
    """The two figures, the article's words, and the app's part said as the app's."""
    span = finding.span()
    return (
        f"⚠ Your pain before has not eased: {finding.figures()}. {SEE_A_DOCTOR_RULE} "
        f"({span.capitalize()} against the {span} before: the app's rule, after "
        f"{threshold.cites}.) "
        f"d hides this for {NOTICE_HIDDEN_DAYS} days."
    )


class PainNotice(Static):
    """Shown only while there is a finding; the text is literal (no markup)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, finding: NotEasing | None, threshold: NotEasingThreshold) -> None:
        self.display = finding is not None
        if finding is not None:
            self.update(pain_notice_text(finding, threshold))

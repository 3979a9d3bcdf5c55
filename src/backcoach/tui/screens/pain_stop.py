"""The calm modal shown after "made my pain worse".

The session screen has already stopped and flagged the exercise (through the engine)
before this opens: nothing here is needed for the stop to take effect. The modal says
what happened, asks for an optional pain score, and lets the user go on or end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from backcoach.tui.widgets.pain_scale import PAIN_KEYS_HELP, PainScale

DOCTOR_ADVICE = "If an exercise makes your pain worse, stop it and consult a doctor."
#: From this score on, the modal recommends ending the session (enter ends it).
END_RECOMMENDED_FROM = 7
END_RECOMMENDED_TEXT = "With pain this strong, it is wiser to stop for today."


@dataclass(frozen=True)
class PainStopChoice:
    """What the user chose: go on (True) or end the session, and the optional pain now."""

    go_on: bool
    pain_now: int | None


def stopped_message(exercise_name: str) -> str:
    return (
        f"{exercise_name} is stopped and flagged. It will be left out of your later "
        "sessions until you clear the flag in the history."
    )


class PainStopScreen(ModalScreen[PainStopChoice]):
    """Say the exercise is stopped and flagged; then go on (n) or end (e). Enter goes on,
    unless the pain given is 7 or more: then the modal recommends ending and enter ends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "go_on", "Go on", id="pain-stop.go-on", tooltip="Continue"),
        Binding("e", "end", "End session", id="pain-stop.end", tooltip="End the session now"),
        Binding(
            "enter",
            "default",
            show=False,
            id="pain-stop.default",
            tooltip="Go on; with pain 7 or more, end the session",
        ),
        Binding("escape", "go_on", show=False, id="pain-stop.close", tooltip="Continue"),
    ]

    def __init__(self, exercise_name: str, *, has_next: bool = True) -> None:
        super().__init__()
        self._exercise_name = exercise_name
        self._has_next = has_next

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-stop-box", classes="pain-dialog"):
            yield Label("Exercise stopped", id="pain-stop-title", markup=False)
            yield Label(stopped_message(self._exercise_name), id="pain-stop-text", markup=False)
            yield Label(DOCTOR_ADVICE, id="pain-stop-advice", markup=False)
            yield Label("How is your pain now? (optional)", classes="pain-question", markup=False)
            yield PainScale(id="pain-stop-scale")
            yield Label(PAIN_KEYS_HELP, classes="pain-keys", markup=False)
            yield Label(END_RECOMMENDED_TEXT, id="pain-stop-recommend", markup=False)
            yield Label(self._choices_text(), id="pain-stop-choices", markup=False)

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pain-stop-recommend").display = False

    @property
    def pain_now(self) -> int | None:
        return self.query_one(PainScale).value

    @property
    def end_recommended(self) -> bool:
        pain = self.pain_now
        return pain is not None and pain >= END_RECOMMENDED_FROM

    def _choices_text(self) -> str:
        go_on = "go on to the next exercise" if self._has_next else "finish the session"
        if self.is_mounted and self.end_recommended:
            anyway = "go on" if self._has_next else "finish"
            return f"enter or e: end the session (recommended) · n: {anyway}"
        return f"enter or n: {go_on} · e: end the session"

    def on_pain_scale_changed(self, event: PainScale.Changed) -> None:
        recommend = self.end_recommended
        self.query_one("#pain-stop-recommend").display = recommend
        self.set_class(recommend, "end-recommended")
        self.query_one("#pain-stop-choices", Label).update(self._choices_text())

    def action_default(self) -> None:
        """Enter: go on, or end when the pain given is high (the recommended choice)."""
        if self.end_recommended:
            self.action_end()
        else:
            self.action_go_on()

    def action_go_on(self) -> None:
        self.dismiss(PainStopChoice(go_on=True, pain_now=self.pain_now))

    def action_end(self) -> None:
        self.dismiss(PainStopChoice(go_on=False, pain_now=self.pain_now))

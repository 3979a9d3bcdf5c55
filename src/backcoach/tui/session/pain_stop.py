"""The calm modal shown after "made my pain worse".

The session screen has already stopped the exercise (through the engine) before this
opens: the timer stands still and the stop is saved. The modal says what happened,
asks for an optional pain score (asked once: it goes on the exercise's flag, and is the
session's pain after when the session ends there), and offers what can happen next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from backcoach.core.safety import APP_ADVICE, STOP_RULE
from backcoach.tui.widgets.pain_scale import PAIN_KEYS_HELP, PainScale

DOCTOR_ADVICE = STOP_RULE
#: From this score on, the modal recommends ending the session (enter ends it).
END_RECOMMENDED_FROM = 7
MISTAKE_TEXT = "m: w was pressed by mistake (no flag; the exercise goes on where it stopped)"
END_RECOMMENDED_TEXT = f"{APP_ADVICE} with pain this strong, stop for today."


@dataclass(frozen=True)
class PainStopChoice:
    """What the user chose: go on (True) or end the session, and the optional pain now."""

    go_on: bool
    pain_now: int | None
    mistake: bool = False  # "pressed by mistake": not a pain stop at all


def stopped_message(exercise_name: str) -> str:
    return (
        f"{exercise_name} is stopped and flagged. It will be left out of your later "
        "sessions until you clear the flag in the history."
    )


class PainStopScreen(ModalScreen[PainStopChoice]):
    """Say the exercise is stopped and flagged, then offer what can happen next.

    With an exercise still to come there are two choices: go on with it (n) or end
    the session (e); enter goes on, unless the pain given is 7 or more: then ending is
    recommended and enter ends. On the last exercise there is one: end the session.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n", "go_on", "Go on", id="pain-stop.go-on", tooltip="Go on with the next exercise"
        ),
        Binding("e", "end", "End session", id="pain-stop.end", tooltip="End the session now"),
        Binding(
            "m",
            "mistake",
            "By mistake",
            id="pain-stop.mistake",
            tooltip="w was pressed by mistake: no flag, the exercise goes on where it stopped",
        ),
        Binding(
            "enter",
            "default",
            show=False,
            id="pain-stop.default",
            tooltip="Go on; with pain 7 or more, or on the last exercise, end the session",
        ),
        Binding("escape", "default", show=False, id="pain-stop.close", tooltip="As enter"),
    ]

    def __init__(self, exercise_name: str, *, next_name: str | None) -> None:
        super().__init__()
        self._exercise_name = exercise_name
        self._next_name = next_name

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
            yield Label(MISTAKE_TEXT, id="pain-stop-mistake", markup=False)

        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pain-stop-recommend").display = False

    @property
    def pain_now(self) -> int | None:
        return self.query_one(PainScale).value

    @property
    def end_recommended(self) -> bool:
        pain = self.pain_now
        return self._next_name is not None and pain is not None and pain >= END_RECOMMENDED_FROM

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On the last exercise there is nothing to go on with: only "end" is offered."""
        if action == "go_on":
            return self._next_name is not None
        return True

    def _choices_text(self) -> str:
        """The choices, each worded by what happens next."""
        if self._next_name is None:
            return "enter: end the session (what you did is saved)"
        go_on = f"go on with {self._next_name}"
        if self.is_mounted and self.end_recommended:
            return f"enter or e: end the session here (recommended) · n: {go_on}"
        return f"enter or n: {go_on} · e: end the session here"

    def on_pain_scale_changed(self, event: PainScale.Changed) -> None:
        recommend = self.end_recommended
        self.query_one("#pain-stop-recommend").display = recommend
        self.set_class(recommend, "end-recommended")
        self.query_one("#pain-stop-choices", Label).update(self._choices_text())

    def action_default(self) -> None:
        """Enter: go on, or end when the pain given is high or nothing comes next."""
        if self._next_name is None or self.end_recommended:
            self.action_end()
        else:
            self.action_go_on()

    def action_go_on(self) -> None:
        if self._next_name is not None:
            self.dismiss(PainStopChoice(go_on=True, pain_now=self.pain_now))

    def action_mistake(self) -> None:
        self.dismiss(PainStopChoice(go_on=True, pain_now=None, mistake=True))

    def action_end(self) -> None:
        self.dismiss(PainStopChoice(go_on=False, pain_now=self.pain_now))

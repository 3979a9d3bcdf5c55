"""Help: the keys of the screen it was opened from, the safety notice and the source.

The key list is read from the screen's live bindings, so it can never drift from
what the keys actually do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from backcoach.core.content_models import About
from backcoach.core.safety import NOTICE_HIDDEN_DAYS
from backcoach.tui.exercise_text import GENERAL_HEADING
from backcoach.tui.screens.first_run import SafetyNoticeScreen
from backcoach.tui.today import STREAK_RULES

SPELLED_OUT = {"enter": "enter", "escape": "esc", "space": "space"}

EVERYWHERE = (
    ("f1", "This help, from any screen"),
    ("ctrl+p", "Command palette: every action by name"),
    ("ctrl+q", "Quit backcoach (asks first during a session)"),
)


THRESHOLDS_HEADING = "When backcoach says to see a doctor (the app's figures, not the article's)"


def threshold_lines(about: About) -> list[str]:
    """Each of rule 1's thresholds: what the app does, at what figure, and its basis."""
    thresholds = about.thresholds
    severe, easing, next_day = thresholds.severe, thresholds.not_easing, thresholds.next_day
    return [
        f"Pain before a session of {severe.pain_from} or more: the article's advice first, "
        f"then go on, rest today or go back. {severe.basis} ({severe.cites})",
        f"Pain before not eased over {easing.days} days against the {easing.days} before "
        f"(at least {easing.min_ratings} ratings in each): a notice on home and in History, "
        f"which d hides for {NOTICE_HIDDEN_DAYS} days. {easing.basis} ({easing.cites})",
        f"Pain before {next_day.points} or more above the previous session day's: the "
        f"session start says so, today's reps do not go up, and History marks it with ↑. "
        f"{next_day.basis} ({next_day.cites})",
    ]


@dataclass(frozen=True)
class KeyRow:
    keys: str
    description: str
    tooltip: str


def key_rows(screen: Screen[Any]) -> list[KeyRow]:
    """One row per binding shown to the user (keys joined: ``F1 / ?``)."""
    app = screen.app
    grouped: dict[tuple[str, str], tuple[list[str], Binding]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.priority or not (binding.show or binding.id):
            continue
        group_key = (binding.action.removeprefix("app."), binding.description)
        shown = SPELLED_OUT.get(binding.key) or app.get_key_display(
            replace(binding, key_display=None)
        )
        keys, _ = grouped.setdefault(group_key, ([], binding))
        if shown not in keys:
            keys.append(shown)
    return [
        KeyRow(" / ".join(keys), binding.description, binding.tooltip)
        for keys, binding in grouped.values()
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark",
            "close",
            "Close",
            key_display="esc",
            id="help.close",
            tooltip="Back to where you were",
        ),
        Binding(
            "s",
            "safety_notice",
            "Safety notice",
            id="help.safety",
            tooltip="Show the safety notice on its own",
        ),
        Binding(
            "m",
            "app.messages",
            "Messages",
            id="help.messages",
            tooltip="Every message of this run: content problems, repairs, failed saves",
        ),
    ]

    def __init__(self, screen_title: str, rows: list[KeyRow], about: About) -> None:
        super().__init__()
        self.screen_title = screen_title
        self.rows = rows
        self.about = about

    @classmethod
    def for_screen(cls, screen: Screen[Any], about: About) -> HelpScreen:
        name = type(screen).__name__.removesuffix("Screen")
        title = screen.sub_title or (screen.title if screen.title != screen.app.title else name)
        return cls(str(title or name), key_rows(screen), about)

    def compose(self) -> ComposeResult:
        about = self.about
        with Vertical(id="help-box", classes="dialog"):
            yield Static(
                Content.assemble("Help: ", self.screen_title),
                classes="dialog-title",
                markup=False,
            )
            with VerticalScroll(id="help-text"):
                yield Static("Keys on this screen", classes="help-heading")
                with Grid(id="help-keys", classes="key-grid"):
                    yield from self._key_cells(self.rows)
                yield Static("Everywhere", classes="help-heading")
                with Grid(id="help-everywhere", classes="key-grid"):
                    yield from self._key_cells([KeyRow(k, d, "") for k, d in EVERYWHERE])
                yield Static("Streaks and today's count", classes="help-heading")
                yield Static(STREAK_RULES, markup=False, id="help-streaks")
                yield Static("Safety", classes="help-heading")
                yield Static(about.disclaimer, markup=False, classes="safety-disclaimer")
                for point in about.safety:
                    yield Static(f"• {point}", markup=False, classes="safety-point")
                yield Static(THRESHOLDS_HEADING, classes="help-heading")
                for line in threshold_lines(about):
                    yield Static(f"• {line}", markup=False, classes="threshold-point")
                if about.general:
                    yield Static(GENERAL_HEADING, classes="help-heading")
                    for point in about.general:
                        yield Static(f"• {point}", markup=False, classes="general-point")
                yield Static("Source", classes="help-heading")
                credit = about.source.removeprefix("Source:").strip()
                yield Static(credit, markup=False, classes="source-credit")
        yield Footer()

    @staticmethod
    def _key_cells(rows: list[KeyRow]) -> Iterator[Static]:
        for row in rows:
            yield Static(row.keys, markup=False, classes="key-name")
            yield Static(
                Content.assemble(
                    row.description,
                    (f" - {row.tooltip}" if row.tooltip else "", "$text-muted"),
                ),
                classes="key-text",
            )

    def action_close(self) -> None:
        self.dismiss()

    def action_safety_notice(self) -> None:
        self.app.push_screen(SafetyNoticeScreen(self.about, first_run=False))

"""Settings: sound, voice, far view, hands-free, reduced motion, the weekly goal, the
reminders and the theme. Each change is applied and saved at once.

The screen is handed a copy of the settings this run uses, the theme names, the
settings given on the command line for this run and, when spoken cues cannot be heard,
why. Every change goes up as ``SettingsChanged`` naming the one setting changed; the
app applies it and saves it (and it is no longer overridden for this run). The
reminders are not a setting but files of the system's scheduler: the app hands down
what is installed (``reminders``) and installs or removes them when asked
(``InstallReminders``, ``RemoveReminders``).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static, Switch

from backcoach.core.reminders.schedulers import ReminderState
from backcoach.core.reminders.times import TimeError, clock_text, parse_clock_times
from backcoach.core.run_overrides import RunOverrides
from backcoach.core.settings import VOICE_LEVELS, Settings, VoiceLevel
from backcoach.core.weekly_streaks import EVERY_DAY
from backcoach.tui.keys import HELP_BINDING
from backcoach.tui.messages import InstallReminders, RemoveReminders, SettingsChanged

#: The voice levels as the list offers them.
VOICE_OPTIONS: list[tuple[str, VoiceLevel]] = [
    ("Off", "off"),
    ("Short cues", "cues"),
    ("Full", "full"),
]

#: What each switch sets: the widget id and the setting's name.
SWITCHES = {
    "sound": "sound",
    "far-view": "far_view",
    "hands-free": "hands_free",
    "reduced-motion": "reduced_motion",
}

SOUND_LABEL = "Sounds: hold, relax, rest over, switch sides, done, a 3-2-1 tick (else the bell)"
VOICE_LABEL = "Voice: short cues, or full: also each step's cue and the next start position"
FAR_VIEW_LABEL = "Far view: big phase, seconds and counts to follow from the floor (f in a session)"
HANDS_FREE_LABEL = "Hands-free: no step waits for a key; own-pace steps get a tempo (app default)"
REDUCED_MOTION_LABEL = "Reduced motion: no animation; a plain countdown in the normal view"
REMINDERS_LABEL = "Reminders (HH:MM): a notification while today is not done"
REMINDER_TIMES_PLACEHOLDER = "08:00 18:30"
WEEKLY_GOAL_LABEL = "Weekly goal: fewer than every day adds a streak of weeks that met it"

#: The weekly goal as the list offers it: every day first (the default).
WEEKLY_GOAL_OPTIONS: list[tuple[str, int]] = [("Every day", EVERY_DAY)] + [
    (f"{n} day{'s' if n > 1 else ''} a week", n) for n in range(EVERY_DAY - 1, 0, -1)
]


def switch_state(on: bool, widget_id: str) -> Static:
    """``On``/``Off`` beside a switch: in some themes the switch alone looks the same
    both ways."""
    state = Static("On" if on else "Off", id=widget_id, classes="switch-state")
    state.set_class(on, "-on")
    return state


class SettingsScreen(ModalScreen[None]):
    TITLE = "Settings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="settings.close", tooltip="Back; changes are saved"),
        HELP_BINDING,
    ]

    #: Set from above (the app binds its own): what reminders are installed here.
    reminders: var[ReminderState | None] = var(None, init=False)

    def __init__(
        self,
        settings: Settings,
        themes: list[str],
        *,
        overrides: RunOverrides | None = None,
        speech_note: str | None = None,
        reminders: ReminderState | None = None,
    ) -> None:
        """``overrides``: what the command line sets for this run (said in one line);
        ``speech_note``: why spoken cues cannot be heard, shown under the voice row."""
        super().__init__()
        self.settings = settings
        self.themes = themes
        self.overrides = overrides or RunOverrides()
        self.speech_note = speech_note
        self.set_reactive(SettingsScreen.reminders, reminders)

    def compose(self) -> ComposeResult:
        settings, themes = self.settings, self.themes
        with VerticalScroll(id="settings-box", classes="dialog"):
            yield Static("Settings", classes="dialog-title")
            overridden = Static(self.overrides.note() or "", id="run-overrides", markup=False)
            overridden.display = bool(self.overrides.given())
            yield overridden
            yield self._switch_row("sound", settings.sound, SOUND_LABEL)
            with Horizontal(classes="setting"):
                yield Select(
                    VOICE_OPTIONS,
                    value=settings.voice,
                    allow_blank=False,
                    compact=True,
                    id="voice",
                )
                yield Static(VOICE_LABEL, classes="setting-label", markup=False)
            if self.speech_note:
                yield Static(self.speech_note, id="speech-note", markup=False)
            yield self._switch_row("far-view", settings.far_view, FAR_VIEW_LABEL)
            yield self._switch_row("hands-free", settings.hands_free, HANDS_FREE_LABEL)
            yield self._switch_row("reduced-motion", settings.reduced_motion, REDUCED_MOTION_LABEL)
            with Horizontal(classes="setting"):
                yield Select(
                    WEEKLY_GOAL_OPTIONS,
                    value=settings.days_per_week,
                    allow_blank=False,
                    compact=True,
                    id="days-per-week",
                )
                yield Static(WEEKLY_GOAL_LABEL, classes="setting-label", markup=False)
            yield from self._reminder_rows()
            with Horizontal(classes="setting"):
                yield Select(
                    [(name, name) for name in themes],
                    value=settings.theme if settings.theme in themes else Select.NULL,
                    allow_blank=False,
                    compact=True,
                    id="theme",
                )
                yield Static("Theme (applied at once)", classes="setting-label")
            yield Static(
                "Saved at once, to settings.json in the config folder.",
                classes="settings-where",
            )
        yield Footer()

    def _reminder_rows(self) -> ComposeResult:
        """Times to type, Install and Remove, and what is installed now."""
        state = self.reminders
        installed = state.installed if state is not None else None
        times = " ".join(clock_text(at) for at in installed.times) if installed else ""
        with Horizontal(classes="setting", id="reminder-row"):
            yield Input(
                times, placeholder=REMINDER_TIMES_PLACEHOLDER, compact=True, id="reminder-times"
            )
            yield Button("Install", compact=True, id="install-reminders")
            yield Button("Remove", compact=True, id="remove-reminders")
            yield Static(REMINDERS_LABEL, classes="setting-label", markup=False)
        yield Static(self._reminder_text(), id="reminder-state", markup=False)

    def _reminder_text(self) -> str:
        if self.reminders is None:
            return "Reminders are not available here"
        return self.reminders.text()

    def watch_reminders(self) -> None:
        if self.is_mounted:
            self.query_one("#reminder-state", Static).update(self._reminder_text())
            installed = self.reminders.installed if self.reminders else None
            self.query_one("#remove-reminders", Button).disabled = installed is None

    @on(Button.Pressed, "#install-reminders")
    @on(Input.Submitted, "#reminder-times")
    def _install_reminders(self) -> None:
        """The times typed, checked here; a mistake is said under the row."""
        text = self.query_one("#reminder-times", Input).value
        try:
            times = parse_clock_times(text.replace(",", " ").split())
        except TimeError as error:
            self.query_one("#reminder-state", Static).update(str(error))
            return
        self.post_message(InstallReminders(times))

    @on(Button.Pressed, "#remove-reminders")
    def _remove_reminders(self) -> None:
        self.post_message(RemoveReminders())

    @staticmethod
    def _switch_row(widget_id: str, on: bool, label: str) -> Horizontal:
        return Horizontal(
            Switch(value=on, id=widget_id),
            switch_state(on, f"{widget_id}-state"),
            Static(label, classes="setting-label", markup=False),
            classes="setting",
        )

    def on_mount(self) -> None:
        self.query_one("#sound", Switch).focus()
        self.watch_reminders()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        name = SWITCHES.get(event.switch.id or "")
        if name is None:
            return
        setattr(self.settings, name, event.value)
        state = self.query_one(f"#{event.switch.id}-state", Static)
        state.update("On" if event.value else "Off")
        state.set_class(event.value, "-on")
        self._apply_and_save(name)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A list changed: sent up only when the value really is new (not at mount)."""
        value = event.value
        if event.select.id == "theme" and isinstance(value, str) and value != self.settings.theme:
            self.settings.theme = value
            self._apply_and_save("theme")
        elif event.select.id == "voice" and value in VOICE_LEVELS and value != self.settings.voice:
            self.settings.voice = VOICE_LEVELS[VOICE_LEVELS.index(value)]
            self._apply_and_save("voice")
        elif (
            event.select.id == "days-per-week"
            and isinstance(value, int)
            and value != self.settings.days_per_week
        ):
            self.settings.days_per_week = value
            self._apply_and_save("days_per_week")

    def _apply_and_save(self, name: str) -> None:
        """Send the one changed setting up; it is no longer set for this run alone."""
        self.post_message(SettingsChanged(self.settings.model_copy(), changed=[name]))
        if name in self.overrides.given():
            self.overrides = self.overrides.without([name])
            note = self.query_one("#run-overrides", Static)
            note.update(self.overrides.note() or "")
            note.display = bool(self.overrides.given())

    def action_close(self) -> None:
        self.dismiss()

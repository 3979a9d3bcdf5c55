"""Settings: bell, reduced motion, theme. Each change is applied and saved at once.

The screen is handed a copy of the settings and the theme names; every change goes up
as ``SettingsChanged`` and the app applies and saves it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Select, Static, Switch

from backcoach.core.settings import Settings
from backcoach.tui.keys import HELP_BINDING
from backcoach.tui.messages import SettingsChanged


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

    def __init__(self, settings: Settings, themes: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.themes = themes

    def compose(self) -> ComposeResult:
        settings, themes = self.settings, self.themes
        with Vertical(id="settings-box", classes="dialog"):
            yield Static("Settings", classes="dialog-title")
            with VerticalScroll(id="settings-fields"):
                with Horizontal(classes="setting"):
                    yield Switch(value=settings.sound, id="sound")
                    yield switch_state(settings.sound, "sound-state")
                    yield Static(
                        "Sound cues (hold, relax, switch sides, done)",
                        classes="setting-label",
                    )
                with Horizontal(classes="setting"):
                    yield Switch(value=settings.reduced_motion, id="reduced-motion")
                    yield switch_state(settings.reduced_motion, "reduced-motion-state")
                    yield Static(
                        "Reduced motion: no animation, a plain text countdown",
                        classes="setting-label",
                    )
                with Horizontal(classes="setting"):
                    yield Select(
                        [(name, name) for name in themes],
                        value=settings.theme if settings.theme in themes else Select.NULL,
                        allow_blank=False,
                        id="theme",
                    )
                    yield Static("Theme (applied at once)", classes="setting-label")
            yield Static(
                "Saved at once, in settings.json in backcoach's config folder.",
                classes="settings-where",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sound", Switch).focus()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        settings = self.settings
        if event.switch.id == "sound":
            settings.sound = event.value
        elif event.switch.id == "reduced-motion":
            settings.reduced_motion = event.value
        state = self.query_one(f"#{event.switch.id}-state", Static)
        state.update("On" if event.value else "Off")
        state.set_class(event.value, "-on")
        self._apply_and_save()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "theme" and isinstance(event.value, str):
            self.settings.theme = event.value
            self._apply_and_save()

    def _apply_and_save(self) -> None:
        self.post_message(SettingsChanged(self.settings.model_copy()))

    def action_close(self) -> None:
        self.dismiss()

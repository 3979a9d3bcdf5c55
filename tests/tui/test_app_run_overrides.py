"""Settings given for one run (``backcoach --voice full --far-view``): what the screens
see is the saved settings with the overrides; what is written stays the saved ones,
except a setting the user changes in the settings screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from shell_support import opened_session, plain
from textual.widget import Widget
from textual.widgets import Select, Static, Switch

from backcoach.core.run_overrides import RunOverrides
from backcoach.core.settings import Settings, SettingsStore
from backcoach.paths import AppPaths
from backcoach.services import Services
from backcoach.tui import launch as launch_module
from backcoach.tui.app import BackcoachApp, changed_settings
from backcoach.tui.messages import SettingsChanged
from backcoach.tui.screens.home import HomeScreen
from backcoach.tui.screens.settings import SettingsScreen

#: What settings.json holds before each test: all four overridable settings differ from
#: the overrides below, so a leak of an override into the file shows.
SAVED: dict[str, Any] = {
    "sound": True,
    "voice": "off",
    "far_view": False,
    "hands_free": False,
    "safety_acknowledged": True,
}
OVERRIDES = RunOverrides(sound=False, voice="full", far_view=True, hands_free=True)
SPEECH_NOTE = "No speech program found (spd-say, espeak-ng, espeak or say); spoken cues are off."

MakeOverridden = Callable[..., BackcoachApp]


@pytest.fixture
def make_overridden(services: Services, write_settings: Callable[..., Settings]) -> MakeOverridden:
    """The app over settings.json = ``SAVED`` (plus ``saved``), run with ``overrides``."""

    def make(
        overrides: RunOverrides = OVERRIDES,
        *,
        speech_note: str | None = None,
        **saved: Any,
    ) -> BackcoachApp:
        write_settings(**{**SAVED, **saved})
        app = BackcoachApp(services, overrides=overrides, speech_note=speech_note)
        app.base_animation_level = "none"
        app.animation_level = "none"
        return app

    return make


def on_disk(app_paths: AppPaths) -> Settings:
    return SettingsStore(app_paths.settings_file).load().settings


def overridable(settings: Settings) -> tuple[bool, str, bool, bool]:
    return (settings.sound, settings.voice, settings.far_view, settings.hands_free)


async def test_the_screens_get_the_overridden_values(make_overridden: MakeOverridden) -> None:
    app = make_overridden()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert overridable(app.settings) == (False, "full", True, True)
        assert overridable(app.saved_settings) == (True, "off", False, False)
        await pilot.press("comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#sound", Switch).value is False
        assert screen.query_one("#voice", Select).value == "full"
        assert screen.query_one("#far-view", Switch).value is True
        assert screen.query_one("#hands-free", Switch).value is True
        assert plain(screen.query_one("#far-view-state", Static)) == "On"
        await pilot.press("escape")
        await pilot.press("enter")  # start the highlighted exercise
        await pilot.pause()
        session = opened_session(app)
        assert overridable(session.settings) == (False, "full", True, True)


async def test_a_change_saves_that_setting_only_and_the_overrides_stay(
    make_overridden: MakeOverridden, app_paths: AppPaths
) -> None:
    app = make_overridden()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        app.screen.query_one("#reduced-motion", Switch).value = True
        await pilot.pause()
        saved = on_disk(app_paths)
        assert saved.reduced_motion is True
        assert overridable(saved) == (True, "off", False, False), "the flags are not saved"
        assert overridable(app.settings) == (False, "full", True, True), "still this run's"
        assert app.has_class("reduced-motion")
        await pilot.press("escape")
        await app.action_quit()
        await pilot.pause()
    assert not app.is_running
    saved = on_disk(app_paths)
    assert overridable(saved) == (True, "off", False, False), "nor at quitting"
    assert saved.reduced_motion is True


async def test_changing_an_overridden_setting_saves_it_and_ends_its_override(
    make_overridden: MakeOverridden, app_paths: AppPaths
) -> None:
    app = make_overridden()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        note = screen.query_one("#run-overrides", Static)
        assert note.display
        assert plain(note) == OVERRIDES.note()
        screen.query_one("#voice", Select).value = "cues"
        await pilot.pause()
        assert on_disk(app_paths).voice == "cues"
        assert app.settings.voice == "cues"
        assert app.overrides == RunOverrides(sound=False, far_view=True, hands_free=True)
        assert "Voice" not in plain(note) and "--voice" not in plain(note)
        assert "--far-view" in plain(note), "the others are still said"
        # Turning far view off again matches the saved value, yet it is the user's now.
        screen.query_one("#far-view", Switch).value = False
        await pilot.pause()
        screen.query_one("#far-view", Switch).value = True
        await pilot.pause()
        assert on_disk(app_paths).far_view is True
        assert app.overrides == RunOverrides(sound=False, hands_free=True)
        saved = on_disk(app_paths)
        assert (saved.sound, saved.hands_free) == (True, False), "untouched: as saved"


async def test_when_every_override_is_changed_the_note_goes(
    make_overridden: MakeOverridden,
) -> None:
    app = make_overridden(RunOverrides(hands_free=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        note = app.screen.query_one("#run-overrides", Static)
        assert plain(note) == (
            "Hands-free is set for this run by --hands-free; a change here is saved."
        )
        app.screen.query_one("#hands-free", Switch).value = False
        await pilot.pause()
        assert not note.display
        assert app.overrides == RunOverrides()


async def test_without_overrides_the_screen_says_nothing_about_them(
    make_overridden: MakeOverridden,
) -> None:
    app = make_overridden(RunOverrides())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        assert not app.screen.query_one("#run-overrides", Static).display
        assert not app.screen.query("#speech-note"), "no note given, none shown"


async def test_the_speech_note_is_shown_once_under_the_voice_row(
    make_overridden: MakeOverridden,
) -> None:
    app = make_overridden(RunOverrides(), speech_note=SPEECH_NOTE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        screen = app.screen
        (note,) = screen.query("#speech-note")
        assert plain(note) == SPEECH_NOTE
        voice_row = screen.query_one("#voice", Select).parent
        assert isinstance(voice_row, Widget)
        rows = list(screen.query_one("#settings-box").children)
        assert rows.index(note) == rows.index(voice_row) + 1, "right under the voice row"


async def test_the_safety_acknowledgement_is_saved_without_the_overrides(
    make_overridden: MakeOverridden, app_paths: AppPaths
) -> None:
    app = make_overridden(safety_acknowledged=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # I understand
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.settings.safety_acknowledged is True
        assert overridable(app.settings) == (False, "full", True, True)
    saved = on_disk(app_paths)
    assert saved.safety_acknowledged is True
    assert overridable(saved) == (True, "off", False, False)


async def test_a_theme_from_the_palette_is_saved_without_the_overrides(
    make_overridden: MakeOverridden, app_paths: AppPaths
) -> None:
    app = make_overridden()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "gruvbox"
        await pilot.pause()
        assert app.settings.theme == "gruvbox"
        assert app.settings.far_view is True, "the overrides stay"
    saved = on_disk(app_paths)
    assert saved.theme == "gruvbox"
    assert overridable(saved) == (True, "off", False, False)


async def test_a_change_without_its_names_saves_what_differs(
    make_overridden: MakeOverridden, app_paths: AppPaths
) -> None:
    """``SettingsChanged`` without ``changed`` (another screen's toggle): the settings
    that differ from this run's are the change."""
    app = make_overridden()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        toggled = app.settings.model_copy(update={"far_view": False})
        app.post_message(SettingsChanged(toggled))
        await pilot.pause()
        assert app.settings.far_view is False
        assert app.overrides == RunOverrides(sound=False, voice="full", hands_free=True)
    saved = on_disk(app_paths)
    assert overridable(saved) == (True, "off", False, False)


def test_changed_settings_names_the_fields_that_differ() -> None:
    before = Settings(voice="off", theme="nord")
    assert changed_settings(before, before.model_copy()) == frozenset()
    after = before.model_copy(update={"voice": "cues", "reduced_motion": True})
    assert changed_settings(before, after) == {"voice", "reduced_motion"}


def test_launch_hands_the_overrides_to_the_app(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[BackcoachApp] = []
    monkeypatch.setattr(BackcoachApp, "run", lambda self, *a, **k: ran.append(self))
    assert launch_module.launch(app_paths, overrides=RunOverrides(voice="cues")) == 0
    (app,) = ran
    assert app.overrides == RunOverrides(voice="cues")
    assert app.settings.voice == "cues"
    assert app.saved_settings.voice == "off"
    assert not app_paths.settings_file.exists(), "nothing written by starting"


async def test_the_palette_entry_lists_the_settings(make_overridden: MakeOverridden) -> None:
    app = make_overridden(RunOverrides())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (entry,) = [c for c in app.get_system_commands(app.screen) if c.title == "Settings"]
        for name in ("Sound", "voice", "far view", "hands-free", "reduced motion", "theme"):
            assert name in entry.help

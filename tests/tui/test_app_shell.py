"""The shell: help, settings, the command palette, history, bindings, resizing."""

from __future__ import annotations

from typing import Any

import pytest
from shell_support import MakeApp, opened_session, plain, session_screens
from textual.binding import Binding
from textual.widgets import Select, Static, Switch

from backcoach.core.settings import SettingsStore
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from backcoach.services import Services
from backcoach.tui.app import BackcoachApp
from backcoach.tui.history.screen import HistoryScreen
from backcoach.tui.screens.first_run import SafetyNoticeScreen
from backcoach.tui.screens.help import HelpScreen
from backcoach.tui.screens.home import ExerciseList, HomeScreen
from backcoach.tui.screens.resume import ResumeScreen
from backcoach.tui.screens.routine_chooser import RoutineChooserScreen, RoutineList
from backcoach.tui.screens.settings import SettingsScreen

SHELL_BINDING_OWNERS: list[Any] = [
    BackcoachApp,
    HomeScreen,
    ExerciseList,
    RoutineChooserScreen,
    RoutineList,
    HelpScreen,
    SafetyNoticeScreen,
    SettingsScreen,
    ResumeScreen,
]


@pytest.mark.parametrize("owner", SHELL_BINDING_OWNERS, ids=lambda o: o.__name__)
def test_every_binding_has_an_id_and_a_tooltip(owner: Any) -> None:
    bindings = [b for b in owner.BINDINGS if isinstance(b, Binding)]
    assert bindings, "each of these declares its keys"
    assert len(bindings) == len(owner.BINDINGS)
    for binding in bindings:
        assert binding.id, f"{owner.__name__}: {binding.key} has no id"
        assert binding.tooltip, f"{owner.__name__}: {binding.key} has no tooltip"


def help_keys(app: BackcoachApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query("#help-keys Static"))


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_the_keys_of_the_current_screen(make_app: MakeApp, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        keys = help_keys(app)
        for words in (
            "Routine",
            "History",
            "Settings",
            "Quit",
            "Start the highlighted exercise",
            "Next exercise",
        ):
            assert words in keys
        assert "Choose a routine: its exercises and time" in keys, "tooltips are shown"
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "not medical advice" in text
        assert "Medical News Today" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_f1_opens_help_even_over_a_modal(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Close" in help_keys(app)
        everywhere = " ".join(str(s.render()) for s in app.screen.query("#help-everywhere Static"))
        assert "f1 This help, from any screen" in everywhere
        await pilot.press("f1")
        assert isinstance(app.screen, SettingsScreen)


async def test_help_from_the_chooser_lists_the_chooser_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = help_keys(app)
        assert "Start routine" in keys
        assert "highlighted exercise" not in keys
        await pilot.press("question_mark")  # the same key closes it
        assert isinstance(app.screen, RoutineChooserScreen)


async def test_settings_are_applied_at_once_and_saved(
    make_app: MakeApp, app_paths: AppPaths, services: Services
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        assert not app.has_class("reduced-motion")
        bell_state = app.screen.query_one("#sound-state", Static)
        motion_state = app.screen.query_one("#reduced-motion-state", Static)
        assert (plain(bell_state), plain(motion_state)) == ("On", "Off"), "said, not only drawn"
        assert bell_state.has_class("-on") and not motion_state.has_class("-on")
        app.screen.query_one("#sound", Switch).value = False
        app.screen.query_one("#reduced-motion", Switch).value = True
        app.screen.query_one("#theme", Select).value = "nord"
        await pilot.pause()
        assert (plain(bell_state), plain(motion_state)) == ("Off", "On")
        assert motion_state.has_class("-on") and not bell_state.has_class("-on")
        assert app.settings.sound is False
        assert app.settings.reduced_motion is True
        assert app.has_class("reduced-motion")
        assert app.animation_level == "none"
        assert app.theme == "nord"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

    saved = SettingsStore(app_paths.settings_file).load().settings
    assert (saved.sound, saved.reduced_motion, saved.theme) == (False, True, "nord")
    assert saved.safety_acknowledged is True, "other settings are kept"

    again = BackcoachApp(services)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert again.has_class("reduced-motion")
        assert again.settings.sound is False


async def test_space_toggles_a_switch_from_the_keyboard(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("space")
        await pilot.pause()
        assert app.settings.sound is False


async def test_theme_picked_in_the_palette_is_remembered(
    make_app: MakeApp, app_paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "gruvbox"
        await pilot.pause()
    assert SettingsStore(app_paths.settings_file).load().settings.theme == "gruvbox"


async def test_an_unknown_theme_falls_back_and_says_so(make_app: MakeApp) -> None:
    app = make_app(theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in n.text for n in app.notices)


async def test_h_opens_the_history_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.store is app.services.store


async def test_h_opens_the_real_history_screen_when_present(make_app: MakeApp) -> None:
    history = pytest.importorskip("backcoach.tui.history.screen")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, history.HistoryScreen)


def command_titles(app: BackcoachApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_palette_offers_every_action(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = command_titles(app)
        for wanted in ("Help", "Safety notice", "Settings", "History", "Choose a routine", "Quit"):
            assert wanted in titles


async def test_palette_starts_a_routine_by_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Start routine: Strength")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session_screens(app) != []
        assert opened_session(app).plan.routine_id == "strength"
        assert "Choose a routine" not in command_titles(app), "not while a session runs"


async def test_palette_starts_a_single_exercise_by_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Start exercise: Cat stretch")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session_screens(app) != []
        assert [e.exercise.id for e in opened_session(app).plan.exercises] == ["cat-stretch"]


async def test_only_one_session_at_a_time(make_app: MakeApp) -> None:

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.start_session(app.plan_for(routine_id="daily")) is False
        assert len(session_screens(app)) == 1


@pytest.mark.parametrize(
    "sizes",
    [[(60, 20), (40, 12), (120, 40), (80, 24)], [(20, 6), (200, 60), (61, 21)]],
    ids=["shrink-and-grow", "extremes"],
)
async def test_resizing_never_crashes(make_app: MakeApp, sizes: list[tuple[int, int]]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for screen_keys in ([], ["r"], ["escape", "question_mark"], ["escape", "comma"]):
            await pilot.press(*screen_keys)
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                assert app.size == (width, height)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_usable_at_60_by_20(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        home = app.screen
        exercise_list = home.query_one(ExerciseList)
        detail = home.query_one("#detail-pane")
        assert exercise_list.size.width >= 24
        assert detail.size.width >= 24
        assert exercise_list.size.height >= 10
        await pilot.press("j", "r")
        assert isinstance(app.screen, RoutineChooserScreen)
        assert app.screen.query_one(RoutineList).size.height >= 6


async def test_help_over_a_session_lists_the_session_keys(make_app: MakeApp) -> None:
    session = pytest.importorskip("backcoach.tui.session.screen")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        assert isinstance(app.screen, session.SessionScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = help_keys(app)
        assert "Pause" in keys or "pause" in keys
        assert "Made pain worse" in keys
        await pilot.press("escape")
        assert isinstance(app.screen, session.SessionScreen)


async def test_help_over_a_session_lists_the_far_view_key(make_app: MakeApp) -> None:
    """Help reads the session's live bindings, so ``f`` shows once the session binds it."""
    session = pytest.importorskip("backcoach.tui.session.screen")
    bindings = [b for b in session.SessionScreen.BINDINGS if isinstance(b, Binding)]
    if not any("f" in binding.key.split(",") for binding in bindings):
        pytest.skip("the session screen has no f (far view) binding yet")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        names = [plain(s) for s in app.screen.query("#help-keys .key-name")]
        texts = [plain(s).lower() for s in app.screen.query("#help-keys .key-text")]
        assert any(
            "f" in name.split(" / ") and "far view" in text
            for name, text in zip(names, texts, strict=True)
        )


async def test_palette_leaves_out_textual_keys_and_screenshot(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = command_titles(app)
        assert "Keys" not in titles
        assert "Screenshot" not in titles
        assert "Theme" in titles and "Quit" in titles


async def test_quit_during_a_session_asks_then_ends_it_and_saves(
    make_app: MakeApp, store: HistoryStore
) -> None:
    session = pytest.importorskip("backcoach.tui.session.screen")
    from backcoach.tui.screens.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        assert isinstance(app.screen, session.SessionScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "asks before quitting"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, session.SessionScreen), "keep going"
        assert app.is_running
        await app.action_quit()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code is None, "not before the session is closed"
        await pilot.press("escape")  # skip the pain-after question
        await pilot.pause()
        assert app.return_code == 0, "left once the session was saved"
    (record,) = store.load().history.sessions
    assert record.status == "ended_early", "not left in progress"
    assert record.ended_at is not None


async def test_quit_without_a_session_leaves_at_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_help_and_the_status_line_explain_what_counts_for_a_streak(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tooltip = str(app.screen.query_one("#status-line", Static).tooltip)
        assert "reaches its end" in tooltip and "ending early does not count" in tooltip
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rules = plain(app.screen.query_one("#help-streaks", Static))
        assert "pain stops are fine" in rules
        assert "ended early does not count" in rules
        assert "Rest days" in rules and "break a streak" in rules


async def test_help_shows_what_the_article_says_exercise_can_do(make_app: MakeApp) -> None:
    """Issue 11: the content's ``about.general`` points were never shown anywhere."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = [plain(s).removeprefix("• ") for s in app.screen.query(".general-point")]
        assert shown == list(app.services.content.catalog.about.general)
        assert any("can help ease" in point for point in shown)  # the hedge stays

"""The application object: holds the services, settings and latest history; routes screens.

Kept small on purpose: screens draw, ``tui.actions`` does the work on the user's
behalf, the core keeps the data. Screens other than home are imported when first
opened, so start-up loads only what it shows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from backcoach.core.history_models import History, SessionRecord
from backcoach.core.history_queries import in_progress_sessions, interrupted_today
from backcoach.core.liveness import pid_alive
from backcoach.core.settings import DEFAULT_THEME, Settings, SettingsStore
from backcoach.services import Services
from backcoach.tui.keys import F1_BINDING, HELP_BINDING
from backcoach.tui.notices import Notice, Pending, Severity, content_notice
from backcoach.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from backcoach.core.plan import SessionPlan

ScreenFactory = Callable[..., Screen[Any]]
AnimationLevel = Literal["none", "basic", "full"]
IsAlive = Callable[[int, datetime], bool]

#: A process killed just before a restart can linger for a second or so: while
#: today's unfinished session still has a live owner, look again this often...
RESUME_RECHECK_SECONDS = 0.5
#: ... this many times (about five seconds in all), then stop asking.
RESUME_RECHECK_TRIES = 10


def _content_commands() -> type[Provider]:
    """The palette's routine and exercise entries, imported when the palette first opens."""
    from backcoach.tui.commands import ContentCommands

    return ContentCommands


class BackcoachApp(App[None]):
    """A calm, keyboard-driven coach for lower back exercises."""

    CSS_PATH = "app.tcss"
    TITLE = "backcoach"
    COMMANDS = App.COMMANDS | {lambda: _content_commands()}
    # Screens get -narrow/-wide and -short/-tall classes; app.tcss tightens small layouts.
    # (Textual declares these as instance variables, so no ClassVar here.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (78, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [HELP_BINDING, F1_BINDING]

    def __init__(
        self,
        services: Services,
        settings_store: SettingsStore | None = None,
        *,
        first_run_check: bool = True,
        startup_notices: Iterable[str] = (),
    ) -> None:
        """``first_run_check=False`` skips the safety notice and the resume offer (tests)."""
        super().__init__()
        self.services = services
        self.settings_store = settings_store or SettingsStore(services.paths.settings_file)
        loaded = self.settings_store.load()
        self.settings: Settings = loaded.settings
        self.first_run_check = first_run_check
        self._quit_asked = False
        self._quit_after_session = False
        self.base_animation_level: AnimationLevel = self.animation_level
        self._notices_shown: set[str] = set()
        self._pending_notices: list[Pending] = []
        #: Every message of this run, oldest first (the messages screen lists them).
        self.messages: list[Notice] = []
        self._started = False
        problems = content_notice(services.content.problems)
        if problems is not None:
            self._queue_pending(problems)
        #: Whether a session's owning process still runs (tests put a fake here).
        self.is_alive: IsAlive = pid_alive
        self.resume_checks_left = 0
        self._resume_timer: Timer | None = None
        self._queue_notices([*loaded.notices, *startup_notices])
        # The store's view: loaded once (by launch, or here on first use), not re-read.
        self.history: History = services.store.history
        self._queue_notices(services.store.notices)

    # -- start-up -------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    def on_mount(self) -> None:
        self.apply_settings()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # Start-up notices become messages (see the home screen's notice line), not
        # toasts: a toast would cover the safety notice or the resume offer.
        self._show_pending_notices()
        self._started = True
        if self.first_run_check:
            self.call_after_refresh(self._startup_checks)

    def _startup_checks(self) -> None:
        if self.settings.safety_acknowledged:
            self._offer_resume()
            return
        from backcoach.tui.screens.first_run import SafetyNoticeScreen

        self.push_screen(SafetyNoticeScreen(first_run=True), self._after_safety_notice)

    def _after_safety_notice(self, acknowledged: bool | None) -> None:
        if acknowledged and not self.settings.safety_acknowledged:
            self.settings.safety_acknowledged = True
            self.save_settings()
        self._offer_resume()

    def _offer_resume(self) -> None:
        record = self.interrupted_session_today()
        if record is not None:
            self._push_resume_offer(record)
        elif self.sessions_owned_elsewhere_today():
            # Probably the process we replace, still on its way out: look again soon.
            self.resume_checks_left = RESUME_RECHECK_TRIES
            self._resume_timer = self.set_interval(RESUME_RECHECK_SECONDS, self.recheck_interrupted)

    def _push_resume_offer(self, record: SessionRecord) -> None:
        from backcoach.tui import actions
        from backcoach.tui.screens.resume import ResumeScreen

        if any(isinstance(screen, ResumeScreen) for screen in self.screen_stack):
            return
        self.push_screen(ResumeScreen(record), partial(actions.after_resume_choice, self, record))

    def sessions_owned_elsewhere_today(self) -> list[SessionRecord]:
        """Today's in-progress sessions of another process that still runs."""
        today = self.services.clock.now().date()
        own_pid = os.getpid()
        return [
            session
            for session in in_progress_sessions(self.history)
            if session.local_date == today
            and session.pid is not None
            and session.pid != own_pid
            and self.is_alive(session.pid, session.updated_at or session.started_at)
        ]

    def recheck_interrupted(self) -> bool:
        """One of the few looks after start-up: once the other process is gone, its
        session is marked interrupted and offered. True when the offer was made."""
        self.resume_checks_left -= 1
        offered = False
        if not self.sessions_owned_elsewhere_today():
            report = self.services.store.mark_interrupted(self.is_alive)
            self.show_store_notices(report.notices)
            if not report.ok and report.message:
                self.notify_store_problem(report.message)
            self.sync_history()
            record = self.interrupted_session_today()
            if record is None:
                self.resume_checks_left = 0  # it ended properly: nothing to offer
            elif isinstance(self.screen, HomeScreen):
                self._push_resume_offer(record)
                offered = True
                self.resume_checks_left = 0
            # elsewhere (help, settings...): offered on a later look, back on home
        if self.resume_checks_left <= 0 and self._resume_timer is not None:
            self._resume_timer.stop()
            self._resume_timer = None
        return offered

    def interrupted_session_today(self) -> SessionRecord | None:
        """The newest session from today that stopped without being finished."""
        found = interrupted_today(self.history, self.services.clock.now().date())
        return found[0] if found else None

    # -- history and the store ----------------------------------------------------------

    def _queue_notices(self, notices: Iterable[str]) -> None:
        for notice in notices:
            self._queue_pending(Pending(notice))

    def _queue_pending(self, notice: Pending) -> None:
        if notice.text not in self._notices_shown:
            self._notices_shown.add(notice.text)
            self._pending_notices.append(notice)

    def _show_pending_notices(self) -> None:
        for notice in self._pending_notices:
            self.add_message(
                notice.text, toast=self._started, problems=notice.problems, files=notice.files
            )
        self._pending_notices.clear()

    def add_message(
        self,
        text: str,
        *,
        title: str = "Please note",
        severity: Severity = "warning",
        toast: bool = True,
        timeout: float = 8,
        problems: int = 1,
        files: tuple[str, ...] = (),
    ) -> None:
        """Keep ``text`` in this run's messages (press m on home) and, unless ``toast``
        is False, also show it briefly as a toast. ``problems`` and ``files``: what
        the text lists, so the home screen counts what there is to read."""
        now = self.services.clock.now()
        self.messages.append(Notice(title, text, severity, now, problems, files))
        if toast:
            self.notify(text, title=title, severity=severity, timeout=timeout, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen) and screen.is_mounted:
                screen.show_messages_line()

    def action_messages(self) -> None:
        from backcoach.tui.screens.messages import MessagesScreen

        if not isinstance(self.screen, MessagesScreen):
            self.push_screen(MessagesScreen(self.messages))

    def reload_history(self) -> History:
        """Re-read the history from the store's file (another process may have written)."""
        report = self.services.store.load()
        self._queue_notices(report.notices)
        return self._take_history(report.history)

    def sync_history(self) -> History:
        """Take the store's in-memory view (it includes our own saves); no file read."""
        return self._take_history(self.services.store.history)

    def _take_history(self, history: History) -> History:
        self.history = history
        if self.is_running:
            self._show_pending_notices()
            for screen in self.screen_stack:
                if isinstance(screen, HomeScreen) and screen.is_mounted:
                    screen.show_history()
        return history

    def retry_pending_saves(self) -> None:
        """Write changes an earlier failed save kept in memory, if that works now."""
        store = self.services.store
        if not store.pending_count:
            return
        report = store.flush_pending()
        if report.ok:
            self.notify("Changes that could not be saved before are saved now.", markup=False)

    def show_store_notices(self, notices: Iterable[str]) -> None:
        """Repairs a successful save made on the way (a bad file or backup moved
        aside...): kept as messages and shown now, each once."""
        self._queue_notices(notices)
        if self.is_running:
            self._show_pending_notices()

    def notify_store_problem(self, message: str) -> None:
        """A save that failed: said plainly, on screen long enough to read, and kept."""
        self.add_message(message, title="Not saved yet", severity="error", timeout=30)

    # -- settings -------------------------------------------------------------------------

    def apply_settings(self) -> None:
        """Make the look match ``self.settings`` (theme, reduced motion)."""
        if self.settings.theme not in self.available_themes:
            self.add_message(
                f"Theme '{self.settings.theme}' is not available; using {DEFAULT_THEME}.",
                title="Settings",
                toast=self._started,
            )
            self.settings.theme = DEFAULT_THEME
        self.theme = self.settings.theme
        reduced = self.settings.reduced_motion
        self.set_class(reduced, "reduced-motion")
        self.animation_level = "none" if reduced else self.base_animation_level

    def save_settings(self) -> bool:
        problem = self.settings_store.save(self.settings)
        if problem is not None:
            self.add_message(problem, title="Settings", severity="error", timeout=20)
        return problem is None

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked anywhere (settings or the palette) is kept for next time."""
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            self.save_settings()

    # -- navigation ------------------------------------------------------------------------

    def start_session(self, plan: SessionPlan, resume: SessionRecord | None = None) -> bool:
        """Open the session screen for ``plan``; False (and says why) when it cannot start."""
        from backcoach.tui import actions

        return actions.start_session(self, plan, resume)

    def open_history(self) -> None:
        from backcoach.tui import actions

        actions.open_history(self)

    def session_screen_factory(self) -> ScreenFactory | None:
        """The session screen class, imported on first use (None if unavailable)."""
        try:
            from backcoach.tui.screens.session import SessionScreen
        except ImportError:
            return None
        return SessionScreen

    def history_screen_factory(self) -> ScreenFactory | None:
        try:
            from backcoach.tui.screens.history import HistoryScreen
        except ImportError:
            return None
        return HistoryScreen

    def session_running(self) -> bool:
        return self.running_session_screen() is not None

    def running_session_screen(self) -> Screen[Any] | None:
        factory = self.session_screen_factory()
        if not isinstance(factory, type):
            return None
        found = [s for s in self.screen_stack if isinstance(s, factory)]
        return found[-1] if found else None

    # -- quitting ----------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """ctrl+q, the palette's Quit, q on home: during a session, ask first and end it
        properly (saved as ended early) before leaving."""
        session = self.running_session_screen()
        if session is None:
            self.exit()
            return
        from backcoach.tui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen) and self._quit_asked:
            return
        self._quit_asked = True
        self.push_screen(
            ConfirmScreen(
                "Quit backcoach?",
                detail="A session is running: it will be ended early. What you have done "
                "so far is saved.",
                yes_label="End and quit",
                no_label="Keep going",
            ),
            partial(self._after_quit_answer, session),
        )

    def _after_quit_answer(self, session: Screen[Any], quit_now: bool | None) -> None:
        self._quit_asked = False
        if not quit_now:
            return
        if getattr(session, "engine", None) is None:
            self.exit()  # still at the pain-before question: nothing was recorded yet
            return
        # The session screen's own ending: pain after, save, then the summary replaces it;
        # the app leaves as soon as the session screen is gone.
        self._quit_after_session = True
        self.screen_change_signal.subscribe(self, self._quit_once_session_closed)
        end = getattr(session, "session_over", None)
        if callable(end):
            end(ended_early=True)
        else:
            self.exit()

    def _quit_once_session_closed(self, _screen: Screen[Any]) -> None:
        if self._quit_after_session and self.running_session_screen() is None:
            self._quit_after_session = False
            self.exit()

    def action_help(self) -> None:
        from backcoach.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen.for_screen(self.screen))

    def action_safety_notice(self) -> None:
        from backcoach.tui.screens.first_run import SafetyNoticeScreen

        self.push_screen(SafetyNoticeScreen(first_run=False))

    def action_open_settings(self) -> None:
        from backcoach.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_choose_routine(self) -> None:
        from backcoach.tui.screens.routine_chooser import RoutineChooserScreen

        if not self.session_running() and not isinstance(self.screen, RoutineChooserScreen):
            self.push_screen(RoutineChooserScreen())

    def action_open_history(self) -> None:
        self.open_history()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own entries are left out (its keys panel and screenshot do not fit
        here) except the theme; Quit is ours, so it asks during a session."""
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        yield SystemCommand(
            "Quit", "Leave backcoach (asks first during a session)", self.action_quit
        )
        yield SystemCommand("Help", "Keys of this screen, safety notice, source", self.action_help)
        yield SystemCommand(
            "Safety notice", "General information, not medical advice", self.action_safety_notice
        )
        yield SystemCommand("Settings", "Bell, reduced motion, theme", self.action_open_settings)
        yield SystemCommand(
            "Messages", "Every message of this run (problems, repairs)", self.action_messages
        )
        yield SystemCommand("History", "Streaks, calendar, pain trend, flags", self.open_history)
        if not self.session_running():
            yield SystemCommand(
                "Choose a routine",
                "Each routine with its exercises and time",
                self.action_choose_routine,
            )

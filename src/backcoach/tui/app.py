"""The application: holds the services, the settings and the history; composes screens
and routes their messages.

Data goes down: each screen is handed what it shows in its constructor, and the
history, this run's messages and the settings are reactive attributes here that the
screens showing them bind to (``data_bind``). Results come up: a screen dismisses with
a typed answer or posts one of ``tui.messages``, handled below with ``@on``. No screen
imports this module. Screens other than home are imported when first opened, so
start-up loads only what it shows.

``launch`` may hand the app a first frame to draw before anything is loaded
(``LoadAfterFirstFrame``): home lists it, the content and the history are loaded in a
thread worker, then home is handed the catalog and bound to the history, and only then
does the app do what it does at start-up with its services. This module imports no
pydantic for that reason (the models are imported where used).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from backcoach.core.liveness import pid_alive
from backcoach.core.run_overrides import RunOverrides
from backcoach.services import LoadAfterFirstFrame, Loaded, Services
from backcoach.tui import messages
from backcoach.tui.keys import F1_BINDING, HELP_BINDING
from backcoach.tui.notices import Notice, Pending, Severity, content_notice

if TYPE_CHECKING:
    from backcoach.core.history_models import History, SessionRecord
    from backcoach.core.plan import SessionPlan
    from backcoach.core.reminders.schedulers import ReminderState, Scheduler
    from backcoach.core.settings import Settings, SettingsStore
    from backcoach.core.store import SaveReport
    from backcoach.tui.screens.home import HomeScreen
    from backcoach.tui.session.screen import SessionScreen

AnimationLevel = Literal["none", "basic", "full"]
IsAlive = Callable[[int, datetime], bool]

#: A process killed just before a restart can linger for a second or so: while
#: today's unfinished session still has a live owner, look again this often...
RESUME_RECHECK_SECONDS = 0.5
#: ... this many times (about five seconds in all), then stop asking.
RESUME_RECHECK_TRIES = 10
#: The thread worker that loads the content and the history after the first frame.
LOAD_WORKER = "load-after-first-frame"


class BackcoachApp(App[None]):
    """A calm, keyboard-driven coach for lower back exercises."""

    CSS_PATH = "app.tcss"
    TITLE = "backcoach"
    # Screens get -narrow/-wide and -short/-tall classes; app.tcss tightens small layouts.
    # (Textual declares these as instance variables, so no ClassVar here.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (78, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [HELP_BINDING, F1_BINDING]

    # ``history`` and ``settings`` are set by ``_take``, before anything reads them: their
    # placeholder is None because a real default would import pydantic before the first
    # frame (Textual builds every default at mount).
    #: The one history of the front end: the store's view, handed down to every screen
    #: that shows it. Set after every save (``HistorySaved``) and every re-read.
    history: var[History] = var(cast("History", None), always_update=True, init=False)
    #: Every message of this run, oldest first (home counts them, m lists them).
    notices: var[tuple[Notice, ...]] = var((), init=False)
    #: The settings this run uses: the saved ones with this run's command-line
    #: overrides (``backcoach --voice cues``); the session screen binds them.
    settings: var[Settings] = var(cast("Settings", None), always_update=True, init=False)
    #: What reminders are installed (None until the settings first ask).
    reminders: var[ReminderState | None] = var(None, init=False)

    def __init__(
        self,
        services: Services | Loaded | LoadAfterFirstFrame,
        settings_store: SettingsStore | None = None,
        *,
        first_run_check: bool = True,
        startup_notices: Iterable[str] = (),
        overrides: RunOverrides | None = None,
        speech_note: str | None = None,
    ) -> None:
        """``first_run_check=False`` skips the safety notice and the resume offer (tests).

        ``overrides``: settings given on the command line for this run, never saved.
        ``speech_note``: why spoken cues cannot be heard (no speech program found),
        said once in the settings. ``Loaded``: the services with what a load found
        (notices, settings). A ``LoadAfterFirstFrame``: its frame is drawn first, and
        its load gives the ``Loaded`` just after.
        """
        super().__init__()
        self.services: Services
        self.settings_store: SettingsStore
        #: This run's overrides; a setting the user changes in the settings is dropped.
        self.overrides = overrides or RunOverrides()
        self.speech_note = speech_note
        self.first_run_check = first_run_check
        self._quit_after_session = False
        self.base_animation_level: AnimationLevel = self.animation_level
        self._notices_shown: set[str] = set()
        self._pending_notices: list[Pending] = []
        self._started = False
        #: Whether a session's owning process still runs (tests put a fake here).
        self.is_alive: IsAlive = pid_alive
        self.resume_checks_left = 0
        self._resume_timer: Timer | None = None
        self._settings_store = settings_store
        #: False while the first frame waits for the content and the history.
        self.loaded = False
        self._first_home: HomeScreen | None = None  # the home of the first frame
        self._later = services if isinstance(services, LoadAfterFirstFrame) else None
        if isinstance(services, Services):
            self._take(Loaded(services, tuple(startup_notices), speech_note))
        elif isinstance(services, Loaded):
            self._take(services)

    def _take(self, loaded: Loaded) -> None:
        """Hold the loaded services: the settings, the history and what to tell the user."""
        from backcoach.core.settings import SettingsStore

        services = self.services = loaded.services
        self.loaded = True
        if loaded.speech_note is not None:
            self.speech_note = loaded.speech_note
        self.settings_store = (
            loaded.settings_store
            or self._settings_store
            or SettingsStore(services.paths.settings_file)
        )
        settings = loaded.settings or self.settings_store.load()
        #: What settings.json holds, and all that a save writes: never the overrides.
        self.saved_settings = settings.settings
        self.set_reactive(BackcoachApp.settings, self.overrides.applied_to(self.saved_settings))
        problems = content_notice(services.content.problems)
        if problems is not None:
            self._queue_pending(problems)
        self._queue_notices([*settings.notices, *loaded.notices])
        # The store's view: loaded once (by launch, or here on first use), not re-read.
        self.set_reactive(BackcoachApp.history, services.store.history)
        self._queue_notices(services.store.notices)

    # -- start-up -------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        from backcoach.tui.screens.home import HomeScreen

        if self._later is not None and not self.loaded:
            # The first frame: filled in, and bound, once the load is done.
            self._first_home = HomeScreen(None, self._later.clock, first_frame=self._later.frame)
            return self._first_home
        home = HomeScreen(self.services.content.catalog, self.services.clock, self.history)
        return home.data_bind(BackcoachApp.history, BackcoachApp.notices, BackcoachApp.settings)

    def on_mount(self) -> None:
        if self.loaded:
            self._start()
            return
        assert self._later is not None
        if self._later.frame.theme in self.available_themes:
            self.theme = self._later.frame.theme  # the saved theme (checked once loaded)
        self.call_after_refresh(self._load_after_first_frame)

    def _load_after_first_frame(self) -> None:
        assert self._later is not None
        self.run_worker(self._later.load, name=LOAD_WORKER, thread=True, exit_on_error=True)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """The load after the first frame is done: home gets the catalog and the history."""
        if event.worker.name != LOAD_WORKER or event.state is not WorkerState.SUCCESS:
            return
        loaded = event.worker.result
        assert isinstance(loaded, Loaded) and self._first_home is not None
        self._take(loaded)
        self._first_home.show_catalog(loaded.services.content.catalog)
        self._first_home.data_bind(
            BackcoachApp.history, BackcoachApp.notices, BackcoachApp.settings
        )
        self._start()

    def _start(self) -> None:
        """What start-up does once the services are here: settings, notices, questions."""
        self.apply_settings()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # Start-up notices become messages (see the home screen's notice line), not
        # toasts: a toast would cover the safety notice or the resume offer.
        self._show_pending_notices()
        self._started = True
        if self.first_run_check:
            self.call_after_refresh(self.startup_questions)

    @work(exclusive=True, group="startup")
    async def startup_questions(self) -> None:
        """The safety notice (until acknowledged once), then the resume offer."""
        if not self.settings.safety_acknowledged:
            from backcoach.tui.screens.first_run import SafetyNoticeScreen

            about = self.services.content.catalog.about
            if await self.push_screen_wait(SafetyNoticeScreen(about, first_run=True)):
                self.change_settings({"safety_acknowledged": True})
        record = self.interrupted_session_today()
        if record is not None:
            await self.offer_resume(record)
        elif self.sessions_owned_elsewhere_today():
            # Probably the process we replace, still on its way out: look again soon.
            self.resume_checks_left = RESUME_RECHECK_TRIES
            self._resume_timer = self.set_interval(RESUME_RECHECK_SECONDS, self.recheck_interrupted)

    async def offer_resume(self, record: SessionRecord) -> None:
        """Ask whether to resume an interrupted session, close it, or decide later."""
        from backcoach.tui.screens.resume import ResumeScreen

        if any(isinstance(screen, ResumeScreen) for screen in self.screen_stack):
            return
        choice = await self.push_screen_wait(ResumeScreen(record))
        if choice == "resume":
            self.resume_session(record)
        elif choice == "close":
            self.close_session(record)

    def sessions_owned_elsewhere_today(self) -> list[SessionRecord]:
        """Today's in-progress sessions of another process that still runs."""
        from backcoach.core.history_queries import in_progress_sessions

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
        from backcoach.tui.screens.home import HomeScreen

        self.resume_checks_left -= 1
        offered = False
        if not self.sessions_owned_elsewhere_today():
            self.take_save(self.services.store.mark_interrupted(self.is_alive))
            record = self.interrupted_session_today()
            if record is None:
                self.resume_checks_left = 0  # it ended properly: nothing to offer
            elif isinstance(self.screen, HomeScreen):
                self.run_worker(self.offer_resume(record), group="resume")
                offered = True
                self.resume_checks_left = 0
            # elsewhere (help, settings...): offered on a later look, back on home
        if self.resume_checks_left <= 0 and self._resume_timer is not None:
            self._resume_timer.stop()
            self._resume_timer = None
        return offered

    def interrupted_session_today(self) -> SessionRecord | None:
        """The newest session from today that stopped without being finished."""
        from backcoach.core.history_queries import interrupted_today

        found = interrupted_today(self.history, self.services.clock.now().date())
        return found[0] if found else None

    # -- messages and notices -------------------------------------------------------------

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
        self.notices = (*self.notices, Notice(title, text, severity, now, problems, files))
        if toast:
            self.notify(text, title=title, severity=severity, timeout=timeout, markup=False)

    def action_messages(self) -> None:
        if not self.loaded:
            return
        from backcoach.tui.screens.messages import MessagesScreen

        if not isinstance(self.screen, MessagesScreen):
            self.push_screen(MessagesScreen(list(self.notices)))

    # -- the history ----------------------------------------------------------------------

    @on(messages.HistorySaved)
    def _history_saved(self, message: messages.HistorySaved) -> None:
        self.take_save(message.report)

    def take_save(self, report: SaveReport) -> None:
        """What a save did: repairs made on the way and a failure are said (each once),
        and the store's history, which holds the save, goes down to the screens."""
        self._queue_notices(report.notices)
        if self.is_running:
            self._show_pending_notices()
        if not report.ok:
            message = report.message or "your history could not be saved just now"
            self.add_message(message, title="Not saved yet", severity="error", timeout=30)
        self.history = self.services.store.history

    @on(messages.HidePainNotice)
    def _hide_pain_notice(self) -> None:
        """Hide the "not going away" notice for a while; the dismissal is recorded."""
        from backcoach.core.safety import NOTICE_HIDDEN_DAYS

        report = self.services.store.dismiss_notice("not_easing", NOTICE_HIDDEN_DAYS)
        self.take_save(report)
        if report.ok:
            self.notify(
                f"The pain notice is hidden for {NOTICE_HIDDEN_DAYS} days. The advice stands: "
                "if your pain does not go away, see a doctor.",
                markup=False,
            )

    def reload_history(self) -> None:
        """Re-read the history from the store's file (another process may have written)."""
        report = self.services.store.load()
        self._queue_notices(report.notices)
        if self.is_running:
            self._show_pending_notices()
        self.history = report.history

    def retry_pending_saves(self) -> None:
        """Write changes an earlier failed save kept in memory, if that works now."""
        store = self.services.store
        if not store.pending_count:
            return
        report = store.flush_pending()
        self.take_save(report)
        if report.ok:
            self.notify("Changes that could not be saved before are saved now.", markup=False)

    # -- settings -------------------------------------------------------------------------

    def apply_settings(self) -> None:
        """Make the look match ``self.settings`` (theme, reduced motion)."""
        from backcoach.core.settings import DEFAULT_THEME

        if self.settings.theme not in self.available_themes:
            self.add_message(
                f"Theme '{self.settings.theme}' is not available; using {DEFAULT_THEME}.",
                title="Settings",
                toast=self._started,
            )
            self.settings.theme = DEFAULT_THEME
            self.saved_settings.theme = DEFAULT_THEME  # written by the next save, if any
        self.theme = self.settings.theme
        reduced = self.settings.reduced_motion
        self.set_class(reduced, "reduced-motion")
        self.animation_level = "none" if reduced else self.base_animation_level

    def save_settings(self) -> bool:
        """Write the saved settings (this run's overrides are never written)."""
        problem = self.settings_store.save(self.saved_settings)
        if problem is not None:
            self.add_message(problem, title="Settings", severity="error", timeout=20)
        return problem is None

    def change_settings(self, changes: Mapping[str, object]) -> bool:
        """The user set these: they are saved and, for this run, no longer overridden.
        The other settings keep their saved values on disk (and their overrides)."""
        saved = self.saved_settings.model_copy()
        for name, value in changes.items():
            setattr(saved, name, value)  # validated: Settings validates assignments
        self.saved_settings = saved
        self.overrides = self.overrides.without(changes)
        self.settings = self.overrides.applied_to(saved)
        self.apply_settings()
        return self.save_settings()

    @on(messages.SettingsChanged)
    def _settings_changed(self, message: messages.SettingsChanged) -> None:
        changed = message.changed
        if changed is None:  # not said: whatever differs from what this run uses
            changed = changed_settings(self.settings, message.settings)
        self.change_settings({name: getattr(message.settings, name) for name in changed})

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked anywhere (settings or the palette) is kept for next time."""
        if theme.name != self.settings.theme:
            self.change_settings({"theme": theme.name})

    # -- sessions -------------------------------------------------------------------------

    def plan_for(
        self, *, routine_id: str | None = None, exercise_id: str | None = None
    ) -> SessionPlan:
        """Today's plan from the latest history (flagged exercises are left out)."""
        from backcoach.core.plan import build_plan

        return build_plan(
            self.services.content.catalog,
            self.history,
            self.services.clock.now().date(),
            routine_id=routine_id,
            exercise_id=exercise_id,
            hands_free=self.settings.hands_free,
        )

    @on(messages.StartRoutine)
    def _start_routine(self, message: messages.StartRoutine) -> None:
        self.reload_history()
        self.start_session(self.plan_for(routine_id=message.routine_id))

    @on(messages.StartExercise)
    def _start_exercise(self, message: messages.StartExercise) -> None:
        self.reload_history()
        self.start_session(self.plan_for(exercise_id=message.exercise_id))

    def start_session(self, plan: SessionPlan, resume: SessionRecord | None = None) -> bool:
        """Open the session screen for ``plan``; False (and says why) when it cannot start."""
        if self.running_session() is not None:
            self.notify("A session is already running: finish or end it first.", severity="warning")
            return False
        if not plan.exercises:
            self.notify(
                plan.nothing_to_do(),
                title="Left out",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return False
        from backcoach.tui.session.screen import SessionScreen

        screen = SessionScreen(self.services, plan, self.settings, resume=resume)
        self.push_screen(screen.data_bind(BackcoachApp.settings), self._session_closed)
        return True

    def _session_closed(self, outcome: messages.SessionOutcome | None) -> None:
        """The session screen is gone, its records written: the summary, or quit."""
        self.history = self.services.store.history
        self.retry_pending_saves()
        if self._quit_after_session:
            self.exit()
            return
        if outcome is None:
            return
        from backcoach.tui.session.summary import SummaryScreen

        record = outcome.record
        # The session's own day: one that crosses midnight counts on the day it began.
        self.push_screen(SummaryScreen(record, history=self.history, today=record.local_date))

    @on(messages.PainAfterGiven)
    def _pain_after_given(self, message: messages.PainAfterGiven) -> None:
        """Pain after, rated from the summary: saved on that session."""
        from backcoach.core.history_models import SessionRecord

        changed = {"pain_after": message.pain, "updated_at": self.services.clock.now()}
        record = SessionRecord.model_validate({**message.record.model_dump(), **changed})
        self.take_save(self.services.store.save_session(record))

    def resume_session(self, record: SessionRecord) -> bool:
        """Carry on an interrupted session where it stopped.

        When its routine or exercise is gone from the content (renamed, or a user file
        that no longer loads) it cannot go on: the user is told and it is closed.
        """
        from backcoach.core.plan import PlanError

        try:
            if record.routine_id is not None:
                plan = self.plan_for(routine_id=record.routine_id)
            elif record.exercises:
                plan = self.plan_for(exercise_id=record.exercises[0].exercise_id)
            else:
                self.close_session(record)
                return False
        except PlanError as err:
            self.notify(
                f"{record.routine_name} cannot be resumed: {err}",
                title="Cannot resume",
                severity="warning",
                markup=False,
            )
            self.close_session(record)
            return False
        return self.start_session(plan, resume=record)

    def close_session(self, record: SessionRecord) -> None:
        """Mark an interrupted session as ended early; what was done stays in the history."""
        from backcoach.core.history_changes import close_interrupted

        closed = close_interrupted(record)  # ends at its last save, not at this launch
        self.take_save(self.services.store.save_session(closed))
        self.notify("The interrupted session is closed; what you did is kept.")

    def running_session(self) -> SessionScreen | None:
        """The session screen on the stack, if one is open. Until the session module is
        first imported no session can have been opened, so this never imports it."""
        module = sys.modules.get("backcoach.tui.session.screen")
        if module is None:
            return None
        found = [s for s in self.screen_stack if isinstance(s, module.SessionScreen)]
        return found[-1] if found else None

    # -- other screens ----------------------------------------------------------------------

    @on(messages.OpenHistory)
    def action_open_history(self) -> None:
        from backcoach.tui.history.screen import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            return
        thresholds = self.services.content.catalog.about.thresholds
        screen = HistoryScreen(
            self.services.store,
            self.services.clock,
            self.history,
            days_per_week=self.settings.days_per_week,
            thresholds=thresholds,
        )
        self.push_screen(screen.data_bind(BackcoachApp.history), self._history_closed)

    def _history_closed(self, _result: None) -> None:
        self.retry_pending_saves()

    @on(messages.MakeReport)
    def _make_report(self) -> None:
        self._write_report(self.history, self.services.clock.now())

    @work(thread=True, exclusive=True, group="report")
    def _write_report(self, history: History, now: datetime) -> None:
        """The last eight weeks as a PDF in the documents folder, under a new name; its
        path (or what went wrong) becomes a message. reportlab is imported only here."""
        from backcoach.core.content_loader import load_catalog
        from backcoach.core.report.output import (
            ReportRefused,
            default_report_dir,
            save_default_report,
        )
        from backcoach.core.store import describe_os_error

        catalog = self.services.content.catalog
        try:
            path = save_default_report(
                history,
                catalog,
                load_catalog().catalog,
                now,
                default_report_dir(),
                self.services.paths.data_dir,
            )
        except ReportRefused as refused:
            self.call_from_thread(self.add_message, f"No report written: {refused}")
            return
        except OSError as problem:
            said = f"No report written: {describe_os_error(problem)}."
            self.call_from_thread(self.add_message, said, severity="error")
            return
        self.call_from_thread(
            self.add_message,
            f"Report written to {path}",
            title="Report for your doctor or physiotherapist",
            severity="information",
            timeout=30,
            problems=0,
        )

    @on(messages.OpenSettings)
    def action_open_settings(self) -> None:
        from backcoach.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            themes = sorted(self.available_themes)
            self.reminders = self.reminder_state()
            screen = SettingsScreen(
                self.settings.model_copy(),
                themes,
                overrides=self.overrides,
                speech_note=self.speech_note,
                reminders=self.reminders,
            )
            self.push_screen(screen.data_bind(BackcoachApp.reminders))

    # -- reminders --------------------------------------------------------------------------

    def reminder_scheduler(self) -> Scheduler:
        """The machine's (systemd, launchd or cron) unless the services bring one."""
        if self.services.reminder_scheduler is None:
            from backcoach.core.reminders.setup import default_scheduler

            self.services.reminder_scheduler = default_scheduler()
        return self.services.reminder_scheduler

    def reminder_state(self) -> ReminderState:
        from backcoach.core.reminders.schedulers import reminder_state

        return reminder_state(self.reminder_scheduler())

    @on(messages.InstallReminders)
    def _install_reminders(self, message: messages.InstallReminders) -> None:
        from backcoach.core.reminders.schedulers import ScheduleError
        from backcoach.core.reminders.setup import reminder_command

        command = reminder_command(self.services.paths)
        try:
            outcome = self.reminder_scheduler().install(message.times, command)
        except (ScheduleError, OSError) as error:
            self.add_message(str(error), title="Reminders not installed", severity="error")
        else:
            severity: Severity = "information" if outcome.ok else "warning"
            self.add_message("\n".join(outcome.lines), title="Reminders", severity=severity)
        self.reminders = self.reminder_state()

    @on(messages.RemoveReminders)
    def _remove_reminders(self) -> None:
        from backcoach.core.reminders.schedulers import ScheduleError

        try:
            outcome = self.reminder_scheduler().uninstall()
        except (ScheduleError, OSError) as error:
            self.add_message(str(error), title="Reminders not removed", severity="error")
        else:
            self.add_message("\n".join(outcome.lines), title="Reminders", severity="information")
        self.reminders = self.reminder_state()

    @on(messages.ChooseRoutine)
    def action_choose_routine(self) -> None:
        from backcoach.tui.screens.routine_chooser import RoutineChooserScreen

        if self.running_session() is not None or isinstance(self.screen, RoutineChooserScreen):
            return
        catalog = self.services.content.catalog
        plans = {
            routine_id: self.plan_for(routine_id=routine_id) for routine_id in catalog.routines
        }
        self.push_screen(RoutineChooserScreen(catalog, plans), self._routine_chosen)

    def _routine_chosen(self, plan: SessionPlan | None) -> None:
        if plan is not None:
            self.start_session(plan)

    def action_help(self) -> None:
        if not self.loaded:
            return
        from backcoach.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            about = self.services.content.catalog.about
            self.push_screen(HelpScreen.for_screen(self.screen, about))

    def action_safety_notice(self) -> None:
        from backcoach.tui.screens.first_run import SafetyNoticeScreen

        self.push_screen(SafetyNoticeScreen(self.services.content.catalog.about, first_run=False))

    # -- quitting ----------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """ctrl+q, the palette's Quit, q on home: during a session, ask first and end it
        properly (saved as ended early) before leaving."""
        if self.running_session() is None:
            self.exit()
            return
        self.ask_to_quit()

    @work(exclusive=True, group="quit")
    async def ask_to_quit(self) -> None:
        from backcoach.tui.screens.confirm import ConfirmScreen

        question = ConfirmScreen(
            "Quit backcoach?",
            detail="A session is running: it will be ended early. What you have done "
            "so far is saved.",
            yes_label="End and quit",
            no_label="Keep going",
        )
        if not await self.push_screen_wait(question):
            return
        session = self.running_session()
        if session is None or not session.started:
            self.exit()  # still at the pain-before question: nothing was recorded yet
            return
        # The session screen's own ending (pain after, save); the app leaves once the
        # session screen has dismissed itself (see ``_session_closed``).
        self._quit_after_session = True
        session.end_early()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own entries are left out (its keys panel and screenshot do not fit
        here) except the theme; Quit is ours, so it asks during a session. Before the
        data is loaded (the first frame), Quit is all there is."""
        if not self.loaded:
            yield SystemCommand("Quit", "Leave backcoach", self.action_quit)
            return
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        yield SystemCommand(
            "Quit", "Leave backcoach (asks first during a session)", self.action_quit
        )
        yield SystemCommand("Help", "Keys of this screen, safety notice, source", self.action_help)
        yield SystemCommand(
            "Safety notice", "General information, not medical advice", self.action_safety_notice
        )
        yield SystemCommand(
            "Settings",
            "Sound, voice, far view, hands-free, reduced motion, theme",
            self.action_open_settings,
        )
        yield SystemCommand(
            "Messages", "Every message of this run (problems, repairs)", self.action_messages
        )
        yield SystemCommand(
            "History", "Streaks, calendar, pain trend, flags", self.action_open_history
        )
        if self.running_session() is None:
            yield SystemCommand(
                "Choose a routine",
                "Each routine with its exercises and time",
                self.action_choose_routine,
            )


def changed_settings(before: Settings, after: Settings) -> frozenset[str]:
    """The names of the settings whose values differ between ``before`` and ``after``."""
    old, new = before.model_dump(), after.model_dump()
    return frozenset(name for name in new if new[name] != old.get(name))

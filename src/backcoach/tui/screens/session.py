"""The session screen: step-by-step coaching of a plan, driven by the engine and a clock.

The screen keeps no time of its own. Fifteen times a second ``refresh_from_clock`` ticks
the engine, reacts to its events (bell, switch-sides cue, end of session) and hands the
new ``StepView`` to the few widgets that show it; each of those repaints only when what
it shows has changed. Pilot tests call ``refresh_from_clock`` directly after moving a
``FakeClock``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label

from backcoach.core.engine import Event, EventKind, SessionEngine, SessionSink, StepView
from backcoach.core.history_models import Flag, History, PainScore, SessionRecord
from backcoach.core.plan import SessionPlan
from backcoach.core.store import SaveReport
from backcoach.services import Services
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.screens.pain_rating import PainRatingScreen
from backcoach.tui.screens.pain_stop import PainStopChoice, PainStopScreen
from backcoach.tui.screens.session_commands import SessionCommands
from backcoach.tui.widgets.counters import Counters
from backcoach.tui.widgets.hold_timer import HoldTimer
from backcoach.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from backcoach.clock import Clock

FRAME_SECONDS = 1 / 15
PAIN_BEFORE_TITLE = "Before you start: how is your back pain right now?"
PAIN_AFTER_TITLE = "All done: how is your back pain now?"
PAIN_AFTER_EARLY_TITLE = "Session ended: how is your back pain now?"


class SessionSettings(Protocol):
    """What the screen reads from the settings (``backcoach.core.settings.Settings``)."""

    @property
    def bell(self) -> bool: ...

    @property
    def reduced_motion(self) -> bool: ...


class EngineFactory(Protocol):
    """Builds the engine; tests and the benchmark may hand in their own."""

    def __call__(
        self,
        plan: SessionPlan,
        clock: Clock,
        sink: SessionSink,
        *,
        pain_before: PainScore | None = None,
        record: SessionRecord | None = None,
    ) -> SessionEngine: ...


class ReportingSink:
    """Passes records to the store and reports failed saves (the store keeps them pending)."""

    def __init__(self, store: SessionSink, on_problem: Callable[[str], None]) -> None:
        self._store = store
        self._on_problem = on_problem
        self.last_flag: Flag | None = None

    def save_session(self, record: SessionRecord) -> object:
        return self._check(self._store.save_session(record))

    def add_flag(self, flag: Flag) -> object:
        self.last_flag = flag
        return self._check(self._store.add_flag(flag))

    def _check(self, report: object) -> object:
        if isinstance(report, SaveReport) and not report.ok:
            self._on_problem(report.message or "your history could not be saved just now")
        return report


def left_out_text(plan: SessionPlan) -> str:
    """One line naming what the plan left out and why, or "" when nothing was."""
    if not plan.left_out:
        return ""
    items = "; ".join(f"{item.exercise_name} ({item.reason})" for item in plan.left_out)
    return f"Left out: {items}"


class SessionScreen(Screen[None]):
    """Coach one session; see the module docstring for how time flows."""

    CSS_PATH = "../styles/session.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SessionCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_pause",
            "Pause",
            key_display="space",
            id="session.pause",
            tooltip="Pause or resume the timer (paused time is not counted)",
        ),
        Binding(
            "enter,n",
            "next",
            "Next",
            key_display="n",
            id="session.next",
            tooltip="Confirm a step done at your own pace, or cut a rest short",
        ),
        Binding("b", "back", "Back", id="session.back", tooltip="Redo this rep from its start"),
        Binding("s", "skip", "Skip", id="session.skip", tooltip="Skip this exercise"),
        Binding(
            "w",
            "pain_worse",
            "Made pain worse",
            id="session.pain-worse",
            tooltip="Stop this exercise now and flag it; it is left out until you clear it",
        ),
        Binding(
            "q",
            "end_session",
            "End",
            id="session.end",
            tooltip="End the session (asks first; what is done is saved)",
        ),
    ]

    def __init__(
        self,
        services: Services,
        plan: SessionPlan,
        settings: SessionSettings,
        resume: SessionRecord | None = None,
        *,
        engine_factory: EngineFactory | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self.settings = settings
        self.resume = resume
        self._engine_factory: EngineFactory = engine_factory or SessionEngine
        self.engine: SessionEngine | None = None
        self.sink = ReportingSink(services.store, self._report_save_problem)
        self._timer: Timer | None = None
        self._over = False
        self._paused_shown: bool | None = None
        self._exercise_shown: int | None = None
        self._title_text = ""
        self._cue_text = ""
        self._breath_text = ""
        self._next_text = ""
        self._switch_text = ""
        self._switch_step: tuple[int, int, int, int, str] | None = None
        self._switch_steps_seen = 0
        self._flagged_exercise: str | None = None
        self._steps = StepList(id="steps")
        self._hold_timer = HoldTimer(reduced_motion=settings.reduced_motion, id="timer")
        self._counters = Counters(id="counters")

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="session-frame"):
            with Horizontal(id="session-top"):
                yield Label(self.plan.routine_name, id="session-title", markup=False)
                yield Label("", id="session-state", markup=False)
            yield Label(left_out_text(self.plan), id="left-out", markup=False)
            with Horizontal(id="session-body"):
                yield self._steps
                with Vertical(id="coach"):
                    yield Label("", id="cue", markup=False)
                    yield Label("", id="breath", markup=False)
                    yield self._hold_timer
                    yield self._counters
                    yield Label("", id="switch-sides", markup=False)
            yield Label("", id="next-up", markup=False)
        yield Footer(compact=True)  # seven keys and help must fit in 80 columns

    def on_mount(self) -> None:
        self.query_one("#left-out").display = bool(self.plan.left_out)
        self.query_one("#switch-sides").display = False
        if self.resume is not None:
            self.start_engine(self.resume.pain_before)
        else:
            self.app.push_screen(PainRatingScreen(PAIN_BEFORE_TITLE), self.start_engine)

    def start_engine(self, pain_before: int | None) -> None:
        """Build the engine (after the pain-before question) and start the frame timer."""
        if self.engine is not None:
            return
        self.engine = self._engine_factory(
            self.plan,
            self.services.clock,
            self.sink,
            pain_before=pain_before,
            record=self.resume,
        )
        if self.engine.finished and self.engine.view() is None and not self.plan.exercises:
            self._over = True  # nothing to run (everything left out): nothing was saved
            self.notify("Nothing to do in this session.", severity="warning", markup=False)
            self.app.pop_screen()
            return
        self._timer = self.set_interval(FRAME_SECONDS, self.refresh_from_clock)
        self.refresh_from_clock()

    # -- the frame --------------------------------------------------------------------

    def refresh_from_clock(self) -> None:
        """Tick the engine and update what changed; called 15 times a second."""
        engine = self.engine
        if engine is None or self._over:
            return
        self.handle_events(engine.tick(), from_clock=True)
        self.draw()

    def handle_events(self, events: Iterable[Event], *, from_clock: bool = False) -> None:
        for event in events:
            kind = event.kind
            if kind in (EventKind.HOLD_ENDED, EventKind.REST_ENDED):
                if from_clock and self.settings.bell:
                    self.app.bell()
            elif kind == EventKind.SWITCH_SIDES:
                self._show_switch_sides(event)
            elif kind == EventKind.AUTO_PAUSED:
                self.notify(
                    event.message or "Paused: the clock jumped (did the computer sleep?).",
                    title="Paused",
                    markup=False,
                )
            elif kind == EventKind.SESSION_DONE:
                self.session_over(ended_early=False)
                return

    def draw(self) -> None:
        """Hand the engine's current view to the widgets; each repaints only on change."""
        engine = self.engine
        view = engine.view() if engine is not None else None
        if view is None or self._over:
            return
        self._draw_state(view.paused)
        if view.exercise_index != self._exercise_shown:
            self._exercise_shown = view.exercise_index
            self._draw_exercise(view)
        self._steps.highlight(view.instruction_step)
        self._set_label("#cue", "_cue_text", view.cue)
        self._set_label("#breath", "_breath_text", _breath_text(view))
        self._hold_timer.set_reduced_motion(self.settings.reduced_motion)
        self._hold_timer.show(view)
        self._counters.show(view)
        self._set_label("#next-up", "_next_text", f"↳ {view.next_up}" if view.next_up else "")
        self._update_switch_sides(view)

    def _draw_state(self, paused: bool) -> None:
        if paused == self._paused_shown:
            return
        self._paused_shown = paused
        self.set_class(paused, "paused")
        self.set_class(not paused, "running")
        state = self.query_one("#session-state", Label)
        state.update("PAUSED · space resumes" if paused else "RUNNING")

    def _draw_exercise(self, view: StepView) -> None:
        planned = self.plan.exercises[view.exercise_index - 1] if self._plan_has(view) else None
        title = (
            f"{self.plan.routine_name} · Exercise {view.exercise_index} of "
            f"{view.exercise_count}: {view.exercise_name}"
        )
        self._set_label("#session-title", "_title_text", title)
        steps = planned.exercise.steps if planned is not None else []
        self._steps.set_steps(steps)

    def _plan_has(self, view: StepView) -> bool:
        index = view.exercise_index - 1
        return (
            0 <= index < len(self.plan.exercises)
            and self.plan.exercises[index].exercise.id == view.exercise_id
        )

    def _set_label(self, selector: str, attribute: str, text: str) -> None:
        if getattr(self, attribute) != text:
            setattr(self, attribute, text)
            label = self.query_one(selector, Label)
            label.update(text)
            if selector == "#breath":
                label.set_class(text != "", "active")

    # -- switch sides -----------------------------------------------------------------

    def _show_switch_sides(self, event: Event) -> None:
        text = event.message or "Switch sides"
        self._switch_text = text
        self._switch_step = None
        banner = self.query_one("#switch-sides", Label)
        banner.update(f"⇄ {text}")
        banner.display = True

    def _update_switch_sides(self, view: StepView) -> None:
        """The cue stays up for the step it appeared in and the one after it."""
        if not self._switch_text:
            return
        step = (view.set_number, view.side_number, view.rep_number, view.phase_number, view.kind)
        if self._switch_step is None:
            self._switch_step = step
            self._switch_steps_seen = 1
            return
        if step != self._switch_step:
            self._switch_step = step
            self._switch_steps_seen += 1
            if self._switch_steps_seen > 2:
                self._switch_text = ""
                self.query_one("#switch-sides", Label).display = False

    # -- keys -----------------------------------------------------------------------

    def _running_engine(self) -> SessionEngine | None:
        engine = self.engine
        if engine is None or self._over or engine.finished:
            return None
        return engine

    def action_toggle_pause(self) -> None:
        engine = self._running_engine()
        if engine is not None:
            engine.toggle_pause()
            self.draw()

    def action_next(self) -> None:
        engine = self._running_engine()
        if engine is not None:
            self.handle_events(engine.next())
            self.draw()

    def action_back(self) -> None:
        engine = self._running_engine()
        if engine is not None:
            engine.back()
            self.draw()

    def action_skip(self) -> None:
        engine = self._running_engine()
        if engine is not None:
            self.handle_events(engine.skip_exercise())
            self.draw()

    def action_pain_worse(self) -> None:
        """Stop at once (the engine records and flags it), then explain in a modal."""
        engine = self._running_engine()
        if engine is None:
            return
        view = engine.view()
        events = engine.pain_stop()
        self.draw()
        name = view.exercise_name if view is not None else "This exercise"
        has_next = view is not None and view.exercise_index < view.exercise_count
        self._flagged_exercise = view.exercise_id if view is not None else None
        self.app.push_screen(PainStopScreen(name, has_next=has_next), self._after_pain_stop_modal)
        self._pending_pain_events = events

    def _after_pain_stop_modal(self, choice: PainStopChoice | None) -> None:
        engine = self.engine
        if engine is None:
            return
        choice = choice or PainStopChoice(go_on=True, pain_now=None)
        if choice.pain_now is not None and self._flagged_exercise is not None:
            self._record_pain_now(self._flagged_exercise, choice.pain_now)
        if choice.go_on:
            self.handle_events(engine.continue_after_pain())
            if engine.finished:
                self.session_over(ended_early=False)
            self.draw()
        else:
            self.session_over(ended_early=True, pain_hint=choice.pain_now)

    def _record_pain_now(self, exercise_id: str, pain: int) -> None:
        """Put the pain score on the flag the engine just wrote (same id: it replaces it)."""
        flag = self.sink.last_flag
        if flag is None or flag.exercise_id != exercise_id:
            return
        self.sink.add_flag(flag.model_copy(update={"pain": pain}))

    def action_end_session(self) -> None:
        engine = self._running_engine()
        if engine is None:
            return
        view = engine.view()
        paused_here = view is not None and not view.paused
        if paused_here:
            engine.toggle_pause()
            self.draw()

        def answered(end: bool | None) -> None:
            if end:
                self.session_over(ended_early=True)
            elif paused_here and self._running_engine() is not None:
                engine.toggle_pause()
                self.draw()

        self.app.push_screen(
            ConfirmScreen(
                "End the session now?",
                detail="What you have done so far is saved.",
                yes_label="End it",
                no_label="Keep going",
            ),
            answered,
        )

    # -- the end ---------------------------------------------------------------------

    def session_over(self, *, ended_early: bool, pain_hint: int | None = None) -> None:
        """Stop the frames, ask for pain after, save, then show the summary."""
        if self._over:
            return
        self._over = True
        if self._timer is not None:
            self._timer.stop()
        title = PAIN_AFTER_EARLY_TITLE if ended_early else PAIN_AFTER_TITLE

        def rated(pain_after: int | None) -> None:
            self._close_session(ended_early, pain_after)

        self.app.push_screen(PainRatingScreen(title, value=pain_hint), rated)

    def _close_session(self, ended_early: bool, pain_after: int | None) -> None:
        engine = self.engine
        if engine is None:
            return
        if ended_early and not engine.finished:
            engine.end_early(pain_after)
        else:
            engine.finish(pain_after)
        record = engine.record
        self._advance_progression(record)
        history = self._reload_history()
        from backcoach.tui.screens.summary import SummaryScreen

        today = self.services.clock.now().date()
        self.app.switch_screen(SummaryScreen(record, history=history, today=today))

    def _advance_progression(self, record: SessionRecord) -> None:
        from backcoach.core.progression import advance_progression, apply_progression

        catalog = self.services.content.catalog
        today = record.local_date

        def advance(history: History) -> None:
            apply_progression(history, advance_progression(history, catalog, record, today))

        self._check_report(self.services.store.update(advance))

    def _reload_history(self) -> History | None:
        reload = getattr(self.app, "reload_history", None)
        if callable(reload):
            history = reload()
            if isinstance(history, History):
                return history
        return self.services.store.load().history

    # -- save problems ---------------------------------------------------------------

    def _check_report(self, report: object) -> None:
        if isinstance(report, SaveReport) and not report.ok:
            self._report_save_problem(report.message or "your history could not be saved")

    def _report_save_problem(self, message: str) -> None:
        notify_problem = getattr(self.app, "notify_store_problem", None)
        if callable(notify_problem):
            notify_problem(message)
        else:
            self.notify(message, title="Not saved yet", severity="warning", markup=False)


def _breath_text(view: StepView) -> str:
    if view.breath == "in":
        return "Breathe in"
    if view.breath == "out":
        return "Breathe out"
    return ""

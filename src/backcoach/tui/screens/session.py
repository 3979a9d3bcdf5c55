"""The session screen: step-by-step coaching of a plan, driven by the engine and a clock.

The screen keeps no time of its own. Fifteen times a second ``refresh_from_clock`` ticks
the engine, reacts to its events (bell, switch-sides cue, end of session) and hands the
new ``StepView`` to the few widgets that show it; each of those repaints only when what
it shows has changed. A one-shot timer (``StepEndTimer``) adds a refresh at the exact
end of each running timed step, so a hold ends on time rather than up to a frame late.
Pilot tests call ``refresh_from_clock`` directly after moving a ``FakeClock``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label

from backcoach.core.engine import Event, EventKind, SessionEngine, StepView
from backcoach.core.history_models import SessionRecord
from backcoach.core.plan import SessionPlan
from backcoach.services import Services
from backcoach.tui.screens.pain_rating import PainRatingScreen
from backcoach.tui.screens.session_commands import SessionCommands
from backcoach.tui.screens.session_drawing import SessionDrawing, breath_text, left_out_text
from backcoach.tui.screens.session_ending import PAIN_AFTER_NOTHING_TITLE, SessionEnding
from backcoach.tui.screens.session_inputs import EngineFactory, SessionSettings
from backcoach.tui.screens.session_pain_stop import PainStopFlow
from backcoach.tui.screens.session_saving import BackgroundSink
from backcoach.tui.screens.session_steps import StepFinder
from backcoach.tui.screens.step_end_timer import StepEndTimer

FRAME_SECONDS = 1 / 15
PAIN_BEFORE_TITLE = "Before you start: how is your back pain right now?"
TOAST_SECONDS = 4
HOLD_NEXT_HINT = "Timed steps move on by themselves; space pauses."
# Names other modules import from here (some now live in the session_* modules).
__all__ = [
    "FRAME_SECONDS",
    "HOLD_NEXT_HINT",
    "PAIN_AFTER_NOTHING_TITLE",
    "PAIN_BEFORE_TITLE",
    "EngineFactory",
    "SessionScreen",
    "SessionSettings",
    "breath_text",
    "left_out_text",
]


class SessionScreen(Screen[None]):
    """Coach one session; see the module docstring for how time flows."""

    CSS_PATH = "../styles/session.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SessionCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "w",
            "pain_worse",
            "Made pain worse",
            id="session.pain-worse",
            tooltip="Stop this exercise now and flag it; it is left out until you clear it",
        ),
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
        self.sink = BackgroundSink(
            services.store, self._report_save_problem, self._report_save_notices
        )
        self._drawing = SessionDrawing(self, plan, settings, StepFinder(plan))
        self._ending = SessionEnding(self)
        self._timer: Timer | None = None
        self._step_end = StepEndTimer(self, services.clock, self.refresh_from_clock)
        self._over = False
        self._pain_stop = PainStopFlow(self)

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="session-frame"):
            with Horizontal(id="session-top"):
                yield Label(self.plan.routine_name, id="session-title", markup=False)
                yield Label("", id="session-state", markup=False)
            yield Label(left_out_text(self.plan), id="left-out", markup=False)
            with Horizontal(id="session-body"):
                yield self._drawing.steps
                with VerticalScroll(id="coach", can_focus=False):
                    yield Label("", id="cue", markup=False)
                    yield Label("", id="breath", markup=False)
                    yield self._drawing.hold_timer
                    yield self._drawing.counters
                    yield Label("", id="switch-sides", markup=False)
            yield Label("", id="next-up", markup=False)
        yield Footer(compact=True)  # seven keys and help must fit in 80 columns

    def on_mount(self) -> None:
        self.query_one("#left-out").display = bool(self.plan.left_out)
        self.query_one("#switch-sides").display = False
        self._fit_width(self.app.size.width)
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
            if kind == EventKind.EXERCISE_DONE or (
                kind == EventKind.EXERCISE_STOPPED and event.status == "skipped"
            ):
                self._toast_next(event, "done" if kind == EventKind.EXERCISE_DONE else "skipped")
            if kind in (EventKind.HOLD_ENDED, EventKind.REST_ENDED):
                if from_clock and self.settings.bell:
                    self.app.bell()
            elif kind == EventKind.AUTO_PAUSED:
                self.notify(
                    event.message or "Paused: the clock jumped (did the computer sleep?).",
                    title="Paused",
                    markup=False,
                )
            elif kind == EventKind.SESSION_DONE:
                self.session_over(ended_early=False)
                return

    def _toast_next(self, event: Event, how: str) -> None:
        """A short note that an exercise is over and which one gets ready next."""
        name = next(
            (p.exercise.name for p in self.plan.exercises if p.exercise.id == event.exercise_id),
            event.message if how == "done" else "",
        )
        engine = self.engine
        view = engine.view() if engine is not None and not engine.finished else None
        if not name or view is None or view.exercise_id == event.exercise_id:
            return  # the session is over: the summary says it all
        self.notify(
            f"{name} {how} · get ready for {view.exercise_name}",
            timeout=TOAST_SECONDS,
            markup=False,
        )

    def draw(self) -> None:
        """Hand the engine's current view to the widgets; each repaints only on change."""
        engine = self.engine
        view = engine.view() if engine is not None else None
        if view is None or self._over:
            self._step_end.cancel()
            return
        self._step_end.follow(view)  # refresh at the step's exact end, not a frame later
        self._drawing.show(view)

    # -- width and footer labels -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        """Short footer labels and title below ``NARROW_WIDTH`` columns."""
        self._drawing.fit_width(width, self._current_view)

    def _current_view(self) -> StepView | None:
        return self.engine.view() if self.engine is not None else None

    # -- keys -----------------------------------------------------------------------

    def running_engine(self) -> SessionEngine | None:
        """The engine while keys may act on it: started, not finished, not closing."""
        engine = self.engine
        if engine is None or self._over or engine.finished:
            return None
        return engine

    def action_toggle_pause(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            engine.toggle_pause()
            self.draw()

    def action_pause(self) -> None:
        engine = self.running_engine()
        if engine is not None and not engine.paused:
            self.action_toggle_pause()

    def action_resume(self) -> None:
        engine = self.running_engine()
        if engine is not None and engine.paused:
            self.action_toggle_pause()

    def action_next(self) -> None:
        engine = self.running_engine()
        if engine is None:
            return
        view = engine.view()
        if view is not None and view.timed and view.kind != "rest":
            self.notify(HOLD_NEXT_HINT, timeout=3, markup=False)
            return
        self.handle_events(engine.next())
        self.draw()

    def action_back(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            engine.back()
            self.draw()

    def action_skip(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            self.handle_events(engine.skip_exercise())
            self.draw()

    def action_pain_worse(self) -> None:
        """Stop at once and explain (see ``PainStopFlow``)."""
        engine = self.running_engine()
        if engine is not None:
            self._pain_stop.stop(engine)

    def action_end_session(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            self._ending.confirm_end(engine)

    # -- leaving and coming back -------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Anything over the session (help, settings, a dialog) pauses it: holds must not
        run out unseen. Space resumes; the pain modal has already stopped the exercise."""
        engine = self.running_engine()
        if engine is not None and not engine.paused and not engine.awaiting_pain_choice:
            engine.toggle_pause()
            self.draw()

    def on_unmount(self) -> None:
        """Write everything still queued before the screen (or the app) goes."""
        self.sink.close()

    # -- the end ---------------------------------------------------------------------

    def session_over(self, *, ended_early: bool, pain_hint: int | None = None) -> None:
        """Stop the frames, ask for pain after, save, then show the summary."""
        if self._over:
            return
        self._over = True
        if self._timer is not None:
            self._timer.stop()
        self._step_end.cancel()
        self._ending.ask_pain_after(ended_early, pain_hint)

    async def settled(self) -> None:
        """Wait for the closing saves and the summary (tests await this; no sleeping)."""
        await self._ending.settled()

    # -- save problems ---------------------------------------------------------------

    def _report_save_notices(self, notices: list[str]) -> None:
        show = getattr(self.app, "show_store_notices", None)
        if callable(show):
            show(notices)
        else:
            for notice in notices:
                self.notify(notice, severity="warning", markup=False)

    def _report_save_problem(self, message: str) -> None:
        notify_problem = getattr(self.app, "notify_store_problem", None)
        if callable(notify_problem):
            notify_problem(message)
        else:
            self.notify(message, title="Not saved yet", severity="warning", markup=False)

"""The session screen: step-by-step coaching of a plan, driven by the engine and a clock.

The screen keeps no time of its own. Fifteen times a second ``refresh_from_clock`` ticks
the engine, reacts to its events (bell, switch-sides cue, end of session) and hands the
new ``StepView`` to the few widgets that show it; each of those repaints only when what
it shows has changed. A one-shot timer (``StepEndTimer``) adds a refresh at the exact
end of each running timed step, so a hold ends on time rather than up to a frame late.
Pilot tests call ``refresh_from_clock`` directly after moving a ``FakeClock``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label
from textual.worker import Worker

from backcoach.core.engine import Event, EventKind, SessionEngine, SessionSink, StepView
from backcoach.core.history_models import History, PainScore, SessionRecord
from backcoach.core.plan import SessionPlan
from backcoach.services import Services
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.screens.pain_rating import PainRatingScreen
from backcoach.tui.screens.pain_stop import PainStopChoice, PainStopScreen
from backcoach.tui.screens.session_commands import SessionCommands
from backcoach.tui.screens.session_saving import BackgroundSink
from backcoach.tui.screens.session_steps import StepFinder
from backcoach.tui.screens.step_end_timer import StepEndTimer
from backcoach.tui.screens.summary import SummaryScreen, did_something
from backcoach.tui.widgets.counters import Counters
from backcoach.tui.widgets.hold_timer import HoldTimer
from backcoach.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from backcoach.clock import Clock

FRAME_SECONDS = 1 / 15
PAIN_BEFORE_TITLE = "Before you start: how is your back pain right now?"
PAIN_AFTER_TITLE = "All done: how is your back pain now?"
PAIN_AFTER_EARLY_TITLE = "Session ended early: what you did is saved. How is your back pain now?"
PAIN_AFTER_FINISHED_TITLE = "Finished: how is your back pain now?"
PAIN_AFTER_NOTHING_TITLE = "Nothing was done this time — that's OK. How is your back pain now?"
TOAST_SECONDS = 4
HOLD_NEXT_HINT = "Timed steps move on by themselves; space pauses."
NARROW_WIDTH = 80  # below this the footer uses short labels and leaves out "Back"
TINY_WIDTH = 60  # below this the steps and the coach share the width evenly
# Footer labels: (wide, narrow); the pain key comes first so it is never cut off.
KEY_LABELS: dict[str, tuple[str, str]] = {
    "pain_worse": ("Made pain worse", "Pain worse"),
    "toggle_pause": ("Pause", "Pause"),
    "next": ("Next", "Next"),
    "back": ("Back", ""),
    "skip": ("Skip", "Skip"),
    "end_session": ("End", "End"),
}


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
        self._finder = StepFinder(plan)
        self._close_worker: Worker[None] | None = None
        self._narrow: bool | None = None
        self._timer: Timer | None = None
        self._step_end = StepEndTimer(self, services.clock, self.refresh_from_clock)
        self._over = False
        self._paused_shown: bool | None = None
        self._exercise_shown: int | None = None
        self._title_text = ""
        self._cue_text = ""
        self._breath_text = ""
        self._next_text = ""
        self._switch_text = ""
        self._flagged_exercise: str | None = None
        self._sides: tuple[str, ...] = ()
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
                with VerticalScroll(id="coach", can_focus=False):
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
                kind == EventKind.EXERCISE_STOPPED and event.message == "Skipped"
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
        self._draw_state(view.paused)
        if view.exercise_index != self._exercise_shown:
            self._exercise_shown = view.exercise_index
            self._draw_exercise(view)
        self._steps.highlight(view.instruction_step)
        self._set_label("#cue", "_cue_text", view.cue)
        self._set_label("#breath", "_breath_text", breath_text(view))
        self._hold_timer.set_reduced_motion(self.settings.reduced_motion)
        self._hold_timer.show(view, get_ready=self._finder.is_get_ready(view))
        self._counters.show(view, self._finder.rest_reason(view), self._sides)
        self._set_label("#next-up", "_next_text", f"↳ {view.next_up}" if view.next_up else "")
        self._show_switch_sides(self._finder.switch_sides_text(view))

    def _draw_state(self, paused: bool) -> None:
        if paused == self._paused_shown:
            return
        self._paused_shown = paused
        self.set_class(paused, "paused")
        self.set_class(not paused, "running")
        state = self.query_one("#session-state", Label)
        state.update("PAUSED · space resumes" if paused else "RUNNING")
        self._set_key_label("toggle_pause", "Resume" if paused else "Pause")

    def _draw_exercise(self, view: StepView) -> None:
        planned = self.plan.exercises[view.exercise_index - 1] if self._plan_has(view) else None
        self._set_label("#session-title", "_title_text", self._title_for(view))
        steps = planned.exercise.steps if planned is not None else []
        self._sides = tuple(s for s in planned.sides if s) if planned is not None else ()
        self._steps.set_steps(steps)

    def _title_for(self, view: StepView) -> str:
        """The exercise's name alone in a one-exercise plan; else where it sits."""
        if view.exercise_count == 1:
            return view.exercise_name
        where = f"Exercise {view.exercise_index} of {view.exercise_count}: {view.exercise_name}"
        return where if self._narrow else f"{self.plan.routine_name} · {where}"

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

    def _show_switch_sides(self, text: str) -> None:
        """The banner follows the step (see ``StepFinder.switch_sides_text``)."""
        if text == self._switch_text:
            return
        self._switch_text = text
        banner = self.query_one("#switch-sides", Label)
        banner.update(text)
        banner.display = bool(text)

    # -- width and footer labels -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        """Short footer labels and title below ``NARROW_WIDTH`` columns."""
        narrow = width < NARROW_WIDTH
        self.set_class(width < TINY_WIDTH, "tiny")
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.set_class(narrow, "narrow")
        for action, (wide, short) in KEY_LABELS.items():
            if action != "toggle_pause":
                self._set_key_label(action, short if narrow else wide)
        for footer in self.query(Footer):
            footer.show_command_palette = not narrow
        if self._exercise_shown is not None and self.engine is not None:
            view = self.engine.view()
            if view is not None:
                self._draw_exercise(view)

    def _set_key_label(self, action: str, label: str) -> None:
        """Change a key's footer label ("" hides it; the key still works)."""
        changed = False
        for key, bindings in self._bindings.key_to_bindings.items():
            new = [
                dataclasses.replace(b, description=label or b.description, show=bool(label))
                if b.action == action and (b.description != label or b.show != bool(label))
                else b
                for b in bindings
            ]
            if new != bindings:
                self._bindings.key_to_bindings[key] = new
                changed = True
        if changed:
            self.refresh_bindings()

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

    def action_pause(self) -> None:
        engine = self._running_engine()
        if engine is not None and not engine.paused:
            self.action_toggle_pause()

    def action_resume(self) -> None:
        engine = self._running_engine()
        if engine is not None and engine.paused:
            self.action_toggle_pause()

    def action_next(self) -> None:
        engine = self._running_engine()
        if engine is None:
            return
        view = engine.view()
        if view is not None and view.timed and view.kind != "rest":
            self.notify(HOLD_NEXT_HINT, timeout=3, markup=False)
            return
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
        engine.pain_stop()
        self.draw()
        name = view.exercise_name if view is not None else "This exercise"
        has_next = view is not None and view.exercise_index < view.exercise_count
        self._flagged_exercise = view.exercise_id if view is not None else None
        self.app.push_screen(PainStopScreen(name, has_next=has_next), self._after_pain_stop_modal)

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

    # -- leaving and coming back -------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Anything over the session (help, settings, a dialog) pauses it: holds must not
        run out unseen. Space resumes; the pain modal has already stopped the exercise."""
        engine = self._running_engine()
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
        title = self._pain_after_title(ended_early)

        def rated(pain_after: int | None) -> None:
            self._close_worker = self.run_worker(
                self._close_session(ended_early, pain_after), exclusive=True, group="close"
            )

        self.app.push_screen(PainRatingScreen(title, value=pain_hint), rated)

    def _pain_after_title(self, ended_early: bool) -> str:
        """Worded from what actually happened, not from how the session ended."""
        engine = self.engine
        if engine is None or not did_something(engine.record):
            return PAIN_AFTER_NOTHING_TITLE
        exercises = engine.record.exercises
        if ended_early:
            return PAIN_AFTER_EARLY_TITLE
        if any(e.status != "completed" for e in exercises):
            return PAIN_AFTER_FINISHED_TITLE
        return PAIN_AFTER_TITLE

    async def settled(self) -> None:
        """Wait for the closing saves and the summary (tests await this; no sleeping)."""
        if self._close_worker is not None:
            await self._close_worker.wait()
        await self.sink.drained()

    async def _close_session(self, ended_early: bool, pain_after: int | None) -> None:
        engine = self.engine
        if engine is None:
            return
        if ended_early and not engine.finished:
            engine.end_early(pain_after)
        else:
            engine.finish(pain_after)
        record = engine.record
        await self._advance_progression(record)
        await self.sink.drained()  # the summary's streak must count this session
        history = self._reload_history()
        # The session's own day: one that crosses midnight counts on the day it began.
        self.app.switch_screen(SummaryScreen(record, history=history, today=record.local_date))

    async def _advance_progression(self, record: SessionRecord) -> None:
        """Work the new states out once, from the saved history, and store each as it is
        (a change re-applied to a newer history must not move anything twice)."""
        from backcoach.core.progression import advance_progression

        store = self.services.store
        history = await self.sink.run(lambda: store.load().history)
        states = advance_progression(
            history, self.services.content.catalog, record, record.local_date
        )
        for state in states:
            self.sink.submit(store.set_progression, state)

    def _reload_history(self) -> History | None:
        reload = getattr(self.app, "reload_history", None)
        if callable(reload):
            history = reload()
            if isinstance(history, History):
                return history
        return self.services.store.load().history

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


def breath_text(view: StepView) -> str:
    """ "Breathe in" / "Breathe out", or "" when the cue already says so."""
    if view.breath is None:
        return ""
    text = f"Breathe {view.breath}"
    return "" if text.lower() in view.cue.lower() else text

"""The session screen: step-by-step coaching of a plan, driven by the engine and a clock.

The screen keeps no time of its own. Fifteen times a second ``refresh_from_clock`` ticks
the engine, reacts to its events (bell, end of session) and hands the new ``StepView``
to the widgets that show it; each repaints only when what it shows has changed. A
one-shot timer (``StepEndTimer``) adds a refresh at the exact end of each running timed
step, so a hold ends on time rather than up to a frame late. Pilot tests call
``refresh_from_clock`` directly after moving a ``FakeClock``.

The questions a session asks are workers that read top to bottom with
``push_screen_wait``: pain before, the pain stop, "end now?", and the ending (pain
after, the last saves). Each question is asked once and each record written once; the
screen then dismisses with a ``SessionOutcome`` and the app shows the summary.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label
from textual.worker import Worker, get_current_worker

from backcoach.audio.output import CueOutput
from backcoach.core.cues import CueCaller
from backcoach.core.engine import SessionEngine
from backcoach.core.history_models import SessionRecord
from backcoach.core.pain_rules import PainRise, next_day_rise
from backcoach.core.plan import SessionPlan, with_progression_held
from backcoach.core.safety import APP_ADVICE, severe_now, severe_threshold_text
from backcoach.core.session_events import Event, EventKind, StepView
from backcoach.core.settings import Settings
from backcoach.core.store import SaveReport
from backcoach.services import Services
from backcoach.tui.messages import HistorySaved, SessionOutcome
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.session.coach import CoachColumn, SessionTop
from backcoach.tui.session.commands import SessionCommands
from backcoach.tui.session.far_view import FarView
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.pain_stop import PainStopChoice, PainStopScreen
from backcoach.tui.session.saving import BackgroundSink
from backcoach.tui.session.severe_pain import SeverePainScreen
from backcoach.tui.session.step_end_timer import StepEndTimer
from backcoach.tui.session.summary import did_something
from backcoach.tui.widgets.step_list import StepList

FRAME_SECONDS = 1 / 15
FINAL_CUE_SECONDS = 5.0  # time left for the last cue ("... done. Session complete")
NOTE_SECONDS = 4  # how long a note ("Cat stretch done · get ready for ...") stays
HOLD_NEXT_HINT = "Timed steps move on by themselves; space pauses."
NARROW_WIDTH = 80  # below this the footer uses short labels and leaves out "Back"
TINY_WIDTH = 60  # below this the steps and the coach share the width evenly
#: The wide footer is full at 80 columns: the far view key gets its label from here (and
#: below NARROW_WIDTH, where the labels are short); between, it works unlabelled.
FAR_LABEL_WIDTH = 88

PAIN_BEFORE_TITLE = "Before you start: how is your back pain right now?"
PAIN_AFTER_TITLE = "All done: how is your back pain now?"
PAIN_AFTER_EARLY_TITLE = "Session ended early: what you did is saved. How is your back pain now?"
PAIN_AFTER_FINISHED_TITLE = "Finished: how is your back pain now?"
PAIN_AFTER_NOTHING_TITLE = "Nothing was done this time — that's OK. How is your back pain now?"

#: Footer labels: (wide, narrow); "" hides the key (it still works).
KEY_LABELS: dict[str, tuple[str, str]] = {
    "pain_worse": ("Made pain worse", "Pain worse"),
    "next": ("Next", "Next"),
    "back": ("Back", ""),
    "skip": ("Skip", "Skip"),
    "toggle_far_view": ("Far view", "Far"),
    "end_session": ("End", "End"),
}


def left_out_text(plan: SessionPlan) -> str:
    """One line naming what the plan left out and why, or "" when nothing was."""
    if not plan.left_out:
        return ""
    items = "; ".join(f"{item.exercise_name} ({item.reason})" for item in plan.left_out)
    return f"Left out: {items}"


def pain_rise_text(rise: PainRise, plan: SessionPlan) -> str:
    """What the session start says when the pain before rose since the last session day:
    the figures, the model's point, and the app's part (no progression today) as the app's."""
    text = (
        f"↑ Pain before today: {rise.pain}/10, up from {rise.previous_pain}/10 on "
        f"{rise.previous_day.isoformat()}. In the pain monitoring model, pain from exercise "
        "should settle by the next morning."
    )
    if any(item.exercise.progression is not None for item in plan.exercises):
        text += f" {APP_ADVICE} today's reps do not go up."
    return text


def pain_rise_speech(rise: PainRise, plan: SessionPlan) -> str:
    """The same, said aloud at the first get-ready, for a user already on the floor."""
    said = f"Your pain is {rise.points} points higher than on your last session day"
    if any(item.exercise.progression is not None for item in plan.exercises):
        said += ". Today your reps do not go up"
    return said


def pain_after_title(record: SessionRecord, ended_early: bool) -> str:
    """Worded from what actually happened, not from how the session ended."""
    if not did_something(record):
        return PAIN_AFTER_NOTHING_TITLE
    if ended_early:
        return PAIN_AFTER_EARLY_TITLE
    if any(e.status != "completed" for e in record.exercises):
        return PAIN_AFTER_FINISHED_TITLE
    return PAIN_AFTER_TITLE


class SessionScreen(Screen[SessionOutcome | None]):
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
            "f",
            "toggle_far_view",
            "Far view",
            id="session.far-view",
            tooltip="Big phase, seconds and counts, to follow from the floor, or back; for "
            "this session only (the saved far view setting is not changed)",
        ),
        Binding(
            "q",
            "end_session",
            "End",
            id="session.end",
            tooltip="End the session (asks first; what is done is saved)",
        ),
    ]

    #: Set from above (the app binds its own): sound, voice, far view, reduced motion.
    settings: var[Settings] = var(None, always_update=True, init=False)  # type: ignore[arg-type]

    def __init__(
        self,
        services: Services,
        plan: SessionPlan,
        settings: Settings,
        resume: SessionRecord | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.plan = plan
        self.set_reactive(SessionScreen.settings, settings)
        self.resume = resume
        self.engine: SessionEngine | None = None
        self.sink = BackgroundSink(services.store, self._saved)
        self._frames: Timer | None = None
        self._step_end = StepEndTimer(self, services.clock, self.refresh_from_clock)
        self._over = False
        self._narrow = False
        self._far_label = True
        self._paused_shown: bool | None = None
        self._exercise_shown: int | None = None
        self._note_timer: Timer | None = None
        self._next_up_shown = ""
        self._closing_flow: Worker[None] | None = None
        # Sound and speech: the caller decides what is due each frame, the output plays
        # it (opened when the engine starts, closed when the session ends).
        self._cues = CueCaller(plan, settings.voice)
        self._audio: CueOutput | None = None
        self._audio_opened_for: tuple[bool, bool] | None = None
        # The parts redrawn every frame, held rather than queried fifteen times a second.
        self._top = SessionTop(plan.routine_name, id="session-top")
        self._steps = StepList(id="steps")
        self._coach = CoachColumn(reduced_motion=settings.reduced_motion, id="coach")
        self._far_view = FarView(id="far-view")
        self._far = settings.far_view  # this session's layout: the setting, or f
        self._far_setting = settings.far_view  # the setting last seen, to follow changes
        self.set_class(self._far, "-far")

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="session-frame"):
            yield self._top
            yield Label(left_out_text(self.plan), id="left-out", markup=False)
            yield Label("", id="pain-rise", markup=False)
            with Horizontal(id="session-body"):
                yield self._steps
                yield self._coach
            yield self._far_view
            yield Label("", id="session-note", markup=False)
            yield Label("", id="next-up", markup=False)
        yield Footer(compact=True)  # seven keys and help must fit in 80 columns

    def on_mount(self) -> None:
        self.query_one("#left-out").display = bool(self.plan.left_out)
        self.query_one("#pain-rise").display = False
        self.query_one("#session-note").display = False
        self._fit_width(self.app.size.width)
        self.watch(self, "settings", self._follow_far_view_setting, init=False)
        self.begin()

    @property
    def started(self) -> bool:
        """Whether the engine runs (the pain-before question has been answered)."""
        return self.engine is not None

    @work(group="session-begin")
    async def begin(self) -> None:
        """Ask how the back is (not when resuming: that was asked), then start. Severe
        pain first gets the source's advice and a choice: go on, rest today, go back."""
        if self.resume is not None:
            self.follow_pain_rise(self.resume.pain_before)
            self.start_engine(self.resume.pain_before)
            return
        pain_before = await self.app.push_screen_wait(PainRatingScreen(PAIN_BEFORE_TITLE))
        severe = self.services.content.catalog.about.thresholds.severe
        if pain_before is not None and severe_now(pain_before, severe.pain_from):
            threshold_text = severe_threshold_text(severe.pain_from, severe.cites)
            choice = await self.app.push_screen_wait(SeverePainScreen(pain_before, threshold_text))
            if choice == "rest_day":
                today = self.services.clock.now().date()
                self._saved(self.services.store.mark_rest_day(today, note=f"pain {pain_before}/10"))
                self.notify("Today is a rest day. Rest days do not break a streak.", markup=False)
            if choice != "go_on":
                self._over = True  # nothing was started, nothing is recorded
                self.dismiss(None)
                return
        self.follow_pain_rise(pain_before)
        self.start_engine(pain_before)

    def follow_pain_rise(self, pain_before: int | None) -> PainRise | None:
        """Worse than the last session day (rule 1, the app's next-day threshold): say so
        at the start, and hold progression today (the plan keeps yesterday's reps)."""
        history = self.services.store.history
        today = self.services.clock.now().date()
        threshold = self.services.content.catalog.about.thresholds.next_day
        rise = next_day_rise(history, today, threshold, pain_before)
        if rise is None:
            return None
        self.plan = with_progression_held(self.plan, history, today)
        self._cues = CueCaller(
            self.plan, self.settings.voice, opening=pain_rise_speech(rise, self.plan)
        )
        label = self.query_one("#pain-rise", Label)
        label.update(pain_rise_text(rise, self.plan))
        label.display = True
        return rise

    def start_engine(self, pain_before: int | None) -> None:
        """Build the engine and start the frame timer."""
        if self.engine is not None:
            return
        self.engine = SessionEngine(
            self.plan,
            self.services.clock,
            self.sink,
            pain_before=pain_before,
            record=self.resume,
        )
        if self.engine.finished and self.engine.view() is None and not self.plan.exercises:
            self._over = True  # nothing to run (everything left out): nothing was saved
            self.notify("Nothing to do in this session.", severity="warning", markup=False)
            self.dismiss(None)
            return
        self._open_audio()
        self._frames = self.set_interval(FRAME_SECONDS, self.refresh_from_clock)
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
        events = list(events)
        self._play_cues(events, from_clock=from_clock)
        for event in events:
            kind = event.kind
            if kind == EventKind.EXERCISE_DONE or (
                kind == EventKind.EXERCISE_STOPPED and event.status != "stopped_for_pain"
            ):
                self._note_next(event)
            if kind == EventKind.AUTO_PAUSED:
                self.show_note(event.message or "Paused: the clock jumped (did it sleep?).")
            elif kind == EventKind.SESSION_DONE and not self._over:
                self.close_session(ended_early=False)
                return

    # -- sound and speech ------------------------------------------------------------

    def _play_cues(self, events: list[Event], *, from_clock: bool) -> None:
        """Play and say what is due now. Sounds mark what the clock did; a key the user
        pressed (next, skip) gets the words for the new step but no sound."""
        audio, engine = self._audio, self.engine
        if audio is None or engine is None:
            return
        cue = self._cues.cue_for(events, engine.view())
        if cue is None:
            return
        if cue.sound is not None and from_clock:
            audio.play(cue.sound)
        if cue.speech:
            audio.say(cue.speech)

    def _open_audio(self) -> None:
        """Open the output for the current sound and voice settings (again if they
        changed: the old output is closed first)."""
        settings = self.settings
        wanted = (settings.sound, settings.voice != "off")
        self._cues.voice = settings.voice
        if wanted == self._audio_opened_for:
            return
        self._close_audio()
        self._audio = self.services.audio(sound=wanted[0], voice=wanted[1], bell=self.app.bell)
        self._audio_opened_for = wanted

    def _close_audio(self, *, let_finish: bool = False) -> None:
        """Close the output now, or (``let_finish``: the session ran to its end) once
        "Session complete" has been heard; the app's timer outlives this screen, and
        quitting ends the speech at exit anyway."""
        audio, self._audio, self._audio_opened_for = self._audio, None, None
        if audio is None:
            return
        if let_finish:
            self.app.set_timer(FINAL_CUE_SECONDS, audio.close)
        else:
            audio.close()

    def _hush(self) -> None:
        """Stop speaking now (paused, skipped, back): what is said next is about now."""
        if self._audio is not None:
            self._audio.hush()

    def watch_settings(self) -> None:
        """Settings changed from above during the session: sound and voice follow."""
        if self.engine is not None and not self._over:
            self._open_audio()

    def _note_next(self, event: Event) -> None:
        """A short note that an exercise is over and which one gets ready next."""
        how = {"completed": "done", "partly_done": "partly done"}.get(event.status or "", "skipped")
        name = next(
            (p.exercise.name for p in self.plan.exercises if p.exercise.id == event.exercise_id),
            "",
        )
        engine = self.engine
        view = engine.view() if engine is not None and not engine.finished else None
        if not name or view is None or view.exercise_id == event.exercise_id:
            return  # the session is over: the summary says it all
        self.show_note(f"{name} {how} · get ready for {view.exercise_name}")

    def show_note(self, text: str) -> None:
        """A note inside the frame for a few seconds (a toast would cover the frame)."""
        note = self.query_one("#session-note", Label)
        note.update(text)
        note.display = True
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE_SECONDS, self._clear_note)

    def _clear_note(self) -> None:
        self._note_timer = None
        self.query_one("#session-note").display = False

    def draw(self) -> None:
        """Hand the engine's current view to the widgets; each repaints only on change."""
        engine = self.engine
        view = engine.view() if engine is not None else None
        if view is None or self._over:
            self._step_end.cancel()
            return
        self._step_end.follow(view)  # refresh at the step's exact end, not a frame later
        if view.paused != self._paused_shown:
            self._paused_shown = view.paused
            self.set_class(view.paused, "paused")
            self.set_class(not view.paused, "running")
            self.refresh_bindings()  # the footer says Resume while paused
        if view.exercise_index != self._exercise_shown:
            if self._exercise_shown is not None:  # the rise was said for the first one
                self.query_one("#pain-rise").display = False
            self._exercise_shown = view.exercise_index
            self._steps.set_steps(self._steps_of(view))
        self._top.show(view, narrow=self._narrow)
        if self._far:  # only the view on screen is drawn
            self._far_view.show(view, reduced_motion=self.settings.reduced_motion)
            return
        self._steps.highlight(view.instruction_step)
        self._coach.show(view, reduced_motion=self.settings.reduced_motion)
        next_up = f"↳ {view.next_up}" if view.next_up and not view.stopped_for_pain else ""
        if next_up != self._next_up_shown:
            self._next_up_shown = next_up
            self.query_one("#next-up", Label).update(next_up)

    def _steps_of(self, view: StepView) -> list[str]:
        index = view.exercise_index - 1
        exercises = self.plan.exercises
        if 0 <= index < len(exercises) and exercises[index].exercise.id == view.exercise_id:
            return list(exercises[index].exercise.steps)
        return []

    # -- width and footer labels -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        """Short footer labels and title below ``NARROW_WIDTH`` columns."""
        self.set_class(width < TINY_WIDTH, "tiny")
        narrow = width < NARROW_WIDTH
        far_label = narrow or width >= FAR_LABEL_WIDTH
        if (narrow, far_label) == (self._narrow, self._far_label):
            return
        self._narrow, self._far_label = narrow, far_label
        self.set_class(narrow, "narrow")
        for footer in self.query(Footer):
            footer.show_command_palette = not narrow
        self.refresh_bindings()
        self.draw()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer's labels: short ones when narrow, "Resume" while paused."""
        paused = bool(self._paused_shown)
        relabeled: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():
            binding = active.binding
            if active.node is self:
                label = self._label_for(binding.action, paused)
                if label is not None:
                    binding = dataclasses.replace(
                        binding, description=label or binding.description, show=bool(label)
                    )
                    active = active._replace(binding=binding)
            relabeled[key] = active
        return relabeled

    def _label_for(self, action: str, paused: bool) -> str | None:
        if action == "toggle_pause":
            return "Resume" if paused else "Pause"
        labels = KEY_LABELS.get(action)
        if labels is None:
            return None
        if action == "toggle_far_view" and not self._far_label:
            return ""
        return labels[1] if self._narrow else labels[0]

    # -- keys -----------------------------------------------------------------------

    def running_engine(self) -> SessionEngine | None:
        """The engine while keys may act on it: started, not finished, not closing."""
        engine = self.engine
        if engine is None or self._over or engine.finished or engine.awaiting_pain_choice:
            return None
        return engine

    def action_toggle_pause(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            engine.toggle_pause()
            if engine.paused:
                self._hush()
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
            self.show_note(HOLD_NEXT_HINT)
            return
        self.handle_events(engine.next())
        self.draw()

    def action_back(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            self._hush()
            engine.back()
            self.handle_events([])  # the rep's first step is said again
            self.draw()

    def action_skip(self) -> None:
        engine = self.running_engine()
        if engine is not None:
            self._hush()
            self.handle_events(engine.skip_exercise())
            self.draw()

    def action_pain_worse(self) -> None:
        """Stop at once (the engine records where), then explain and ask what next."""
        engine = self.running_engine()
        if engine is None:
            return
        view = engine.view()
        self._hush()
        self.handle_events(engine.pain_stop())
        self.draw()
        if view is not None:
            self.pain_stop(view)

    # -- far view ---------------------------------------------------------------------

    @property
    def far(self) -> bool:
        """Whether the far view is shown (rather than the steps and the coach column)."""
        return self._far

    def action_toggle_far_view(self) -> None:
        """Switch between the far view and the normal one, for this session only."""
        self.set_far_view(not self._far)

    def set_far_view(self, far: bool) -> None:
        """Show the far view or the normal one, drawn at once."""
        if far == self._far:
            return
        self._far = far
        self.set_class(far, "-far")
        self.draw()

    def _follow_far_view_setting(self, settings: Settings) -> None:
        """A changed far view setting wins over f; other changes leave the layout be."""
        if settings.far_view != self._far_setting:
            self._far_setting = settings.far_view
            self.set_far_view(settings.far_view)

    def action_end_session(self) -> None:
        if self.running_engine() is not None:
            self.confirm_end()

    # -- the questions ---------------------------------------------------------------

    @work(group="session-question", exclusive=True)
    async def pain_stop(self, stopped: StepView) -> None:
        """After the pain key: the modal says what happened and asks the pain (once);
        then the next exercise, or the end of the session with that pain as pain after."""
        engine = self.engine
        if engine is None:
            return
        upcoming = engine.plan.exercises[stopped.exercise_index :]
        next_name = upcoming[0].exercise.name if upcoming else None
        choice: PainStopChoice = await self.app.push_screen_wait(
            PainStopScreen(stopped.exercise_name, next_name=next_name)
        )
        if choice.mistake:
            self.handle_events(engine.withdraw_pain_stop())
            self.draw()
            self.show_note(f"Not flagged: {stopped.exercise_name} goes on where it stopped.")
            return
        if choice.go_on and next_name is not None:
            self.handle_events(engine.continue_after_pain(choice.pain_now))
            self.draw()
            return
        # The session ends here: the pain just given is its pain after; no second question.
        if next_name is None:
            self.handle_events(engine.continue_after_pain(choice.pain_now))
            await self._close(ended_early=False, pain_after=choice.pain_now, ask=False)
        else:
            await self._close(ended_early=True, pain_after=choice.pain_now, ask=False)

    @work(group="session-question", exclusive=True)
    async def confirm_end(self) -> None:
        """Ask before ending early; the timer is paused while the question is up."""
        engine = self.engine
        if engine is None:
            return
        paused_here = not engine.paused
        if paused_here:
            engine.toggle_pause()
            self.draw()
        end = await self.app.push_screen_wait(
            ConfirmScreen(
                "End the session now?",
                detail="What you have done so far is saved.",
                yes_label="End it",
                no_label="Keep going",
            )
        )
        if end:
            await self._close(ended_early=True)
        elif paused_here and self.running_engine() is not None:
            engine.toggle_pause()
            self.draw()

    def end_early(self) -> None:
        """End the session as if "end" had been confirmed (the app's quit asks first)."""
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()  # a question still open over the session
        self.close_session(ended_early=True)

    @work(group="session-close")
    async def close_session(self, ended_early: bool) -> None:
        await self._close(ended_early=ended_early)

    async def _close(
        self, *, ended_early: bool, pain_after: int | None = None, ask: bool = True
    ) -> None:
        """Stop the frames, ask for pain after (unless given), write the last records
        and the progression, then dismiss with the outcome."""
        engine = self.engine
        if engine is None or self._over:
            return
        self._over = True
        if self._frames is not None:
            self._frames.stop()
        self._step_end.cancel()
        self._close_audio(let_finish=not ended_early)
        self._top.show_ended()
        self.set_class(False, "paused")
        self.query_one("#next-up", Label).update("")
        if ask and (ended_early or not self.settings.hands_free):
            # Hands-free: a session that ran to its end asks nothing; the summary offers it.
            title = pain_after_title(engine.record, ended_early)
            pain_after = await self.app.push_screen_wait(PainRatingScreen(title))
        self._closing_flow = get_current_worker()  # from here on nothing waits for the user
        if ended_early and not engine.finished:
            engine.end_early(pain_after)
        else:
            engine.finish(pain_after)
        self.sink.advance_progression(engine.record, self.services.content.catalog)
        await self.sink.drained()  # the summary's streak must count this session
        self.dismiss(SessionOutcome(engine.record.model_copy(deep=True)))

    async def settled(self) -> None:
        """Wait for the closing saves once every question is answered, and for the
        writes under way (tests await this instead of sleeping)."""
        if self._closing_flow is not None:
            await self._closing_flow.wait()
        await self.sink.drained()

    # -- leaving and coming back -------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Anything over the session (help, settings, a dialog) pauses it: holds must not
        run out unseen. Space resumes; the pain key has already stopped the exercise."""
        engine = self.running_engine()
        if engine is not None and not engine.paused:
            engine.toggle_pause()
            self._hush()
            self.draw()

    def on_unmount(self) -> None:
        """Write everything still queued before the screen (or the app) goes; stop
        any sound or speech."""
        self._close_audio()
        self.sink.close()

    def _saved(self, report: SaveReport) -> None:
        """Every write's result goes up to the app, which shows problems and history.
        Posted to the app itself: the last report may come as this screen closes."""
        self.app.post_message(HistorySaved(report))

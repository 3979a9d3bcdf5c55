"""The session engine: turns a plan into a clock-driven, step-by-step coach.

The TUI only draws ``engine.view()`` and forwards keys to the control methods; it never
keeps time itself. The engine walks the flat list of steps from ``core.timeline``. Each
step's remaining time is worked out from timestamps (its start, the clock now, and the
time spent paused), never by counting ticks; when a step ends, the next one starts at
the exact moment it ended, so ticking at any rate neither loses nor gains time.

Controls that move the session on (``next``, ``back``, ``skip_exercise``) also resume a
paused session: acting on it means the user is back.
"""

from __future__ import annotations

from datetime import datetime

from backcoach.clock import Clock
from backcoach.core.history_models import ExerciseStatus, PainScore, SessionRecord, StopPosition
from backcoach.core.plan import SessionPlan
from backcoach.core.planned_exercise import PlannedExercise
from backcoach.core.session_events import Event, EventKind, StepView
from backcoach.core.session_recorder import SessionRecorder, SessionSink
from backcoach.core.timeline import Step, exercise_steps
from backcoach.core.wording import number_text

# Ticks come several times a second; a gap this long means the machine slept (or the
# process was stopped), so the session pauses rather than finishing holds unseen.
AUTO_PAUSE_GAP_SECONDS = 5.0


class SessionEngine:
    """Runs a ``SessionPlan`` against a ``Clock``; hands records to ``sink`` as it goes
    (at the start, after every exercise, at a pain stop and at the end).

    A plan with no exercises (all left out) is finished from the start and saves nothing.
    """

    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        sink: SessionSink,
        *,
        pain_before: PainScore | None = None,
        record: SessionRecord | None = None,  # resume this in-progress record
    ) -> None:
        self._plan = plan
        self._clock = clock
        self._timeline = tuple(exercise_steps(p, i) for i, p in enumerate(plan.exercises))
        self._recorder = SessionRecorder(plan, clock, sink, pain_before=pain_before, resume=record)
        self._events: list[Event] = []
        self._ex = -1  # index of the current exercise in the plan
        self._pos = 0  # index of the current step in its exercise's timeline
        self._step_started = 0.0
        self._step_paused = 0.0
        self._exercise_started = 0.0
        self._exercise_paused = 0.0
        self._paused_since: float | None = None
        self._awaiting_pain_choice = False
        self._pending_flag: tuple[str, StopPosition, datetime] | None = None
        self._finished = False
        self._step_serial = 0
        now = clock.monotonic()
        self._last_tick = now
        if not plan.exercises and record is None:
            self._finished = True
            return
        self._recorder.save()
        self._start_next_exercise(now)

    # -- state --------------------------------------------------------------------

    @property
    def record(self) -> SessionRecord:
        return self._recorder.record

    @property
    def plan(self) -> SessionPlan:
        return self._plan

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def paused(self) -> bool:
        return self._paused_since is not None and not self._awaiting_pain_choice

    @property
    def awaiting_pain_choice(self) -> bool:
        """After a pain stop: waiting for ``continue_after_pain()`` or ``end_early()``."""
        return self._awaiting_pain_choice

    def view(self) -> StepView | None:
        """The current step, or None once the session is over."""
        if self._finished:
            return None
        planned, step = self._planned, self._step
        now = self._clock.monotonic()
        total = step.seconds or 0.0
        elapsed = self._step_elapsed(now)
        timed = step.seconds is not None
        return StepView(
            exercise_id=planned.exercise.id,
            exercise_name=planned.exercise.name,
            exercise_index=self._ex + 1,
            exercise_count=len(self._plan.exercises),
            instruction_step=step.instruction_step,
            set_number=step.set_number,
            set_count=planned.sets,
            side=step.side,
            side_number=step.side_index + 1,
            side_count=planned.side_count,
            rep_number=step.rep_number,
            rep_count=planned.reps,
            phase_number=0 if step.phase_index is None else step.phase_index + 1,
            phase_count=len(planned.phases),
            kind=step.kind,
            cue=step.cue,
            breath=step.breath,
            timed=timed,
            seconds_total=total,
            seconds_remaining=max(0.0, total - elapsed) if timed else 0.0,
            fraction_done=min(1.0, max(0.0, elapsed / total)) if timed and total > 0 else 0.0,
            paused=self._paused_since is not None,
            next_up=self._next_up(),
            rest_reason=step.rest_reason,
            switch_sides=self._switch_sides_text(),
            stopped_for_pain=self._awaiting_pain_choice,
            step_serial=self._step_serial,
        )

    # -- controls -----------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Advance by the clock; call it at any rate (1-60 Hz). Returns what happened."""
        self._sync()
        return self._drain()

    def toggle_pause(self) -> None:
        if self._finished or self._awaiting_pain_choice:
            return
        was_paused = self._paused_since is not None
        now = self._sync()
        if was_paused:
            self._resume(now)
        elif self._paused_since is None:  # (a gap may just have paused it)
            self._paused_since = now

    def next(self) -> list[Event]:
        """Confirm a self-paced step, or cut a rest short."""
        now = self._sync()
        if not self._running:
            return self._drain()
        step = self._step
        if step.seconds is None or step.is_rest:
            self._resume(now)
            self._complete_step(now)
            self._catch_up(now)
        return self._drain()

    def back(self) -> None:
        """Redo the current rep from its first phase (nothing to redo during a rest)."""
        now = self._sync()
        step = self._step if self._running else None
        if step is None or step.phase_index is None:
            return
        self._resume(now)
        self._recorder.rep_restarted(self._exercise_id, step.set_number, step.side)
        self._enter_step(self._pos - step.phase_index, now, previous=step)

    def skip_exercise(self) -> list[Event]:
        now = self._sync()
        if not self._running:
            return self._drain()
        self._resume(now)
        exercise_id = self._exercise_id
        self._recorder.close_exercise(exercise_id, "skipped", self._exercise_seconds(now))
        self._emit(EventKind.EXERCISE_STOPPED, "Skipped", self._recorder.status_of(exercise_id))
        self._start_next_exercise(now)
        return self._drain()

    def pain_stop(self) -> list[Event]:
        """Stop the exercise at once and record exactly where (through ``sink``).

        The engine then waits: call ``continue_after_pain()`` or ``end_early()``; either
        writes the exercise's flag, once, with the pain the user gave at the stop.
        A stop during a rest records the rest (phase 1, kind ``rest``) before the rep
        shown.
        """
        now = self._sync()
        if not self._running:
            return self._drain()
        step, exercise_id = self._step, self._exercise_id
        position = StopPosition(
            set=step.set_number,
            side=step.side,
            rep=step.rep_number,
            phase=1 if step.phase_index is None else step.phase_index + 1,
            phase_kind=step.kind,
            phase_cue=step.cue,
            seconds_into_phase=max(0.0, self._step_elapsed(now)),
        )
        seconds = self._exercise_seconds(now)
        self._recorder.close_exercise(exercise_id, "stopped_for_pain", seconds, position)
        self._pending_flag = (exercise_id, position, self._clock.now())
        if self._paused_since is None:
            self._paused_since = now  # the clock stands still until the user chooses
        self._awaiting_pain_choice = True
        self._emit(
            EventKind.EXERCISE_STOPPED, "Stopped: it made the pain worse", "stopped_for_pain"
        )
        return self._drain()

    def continue_after_pain(self, pain_now: PainScore | None = None) -> list[Event]:
        """Flag the stopped exercise (with ``pain_now``) and go on with the next one."""
        if not self._awaiting_pain_choice or self._finished:
            return self._drain()
        self._write_pending_flag(pain_now)
        self._awaiting_pain_choice = False
        now = self._clock.monotonic()
        self._last_tick = now
        self._paused_since = None
        self._start_next_exercise(now)
        return self._drain()

    def withdraw_pain_stop(self) -> list[Event]:
        """ "Pressed by mistake": the exercise goes on exactly where it stopped (the time
        since the stop is not counted) and its flag is kept only as withdrawn history."""
        if not self._awaiting_pain_choice or self._finished or self._pending_flag is None:
            return self._drain()
        exercise_id, position, stopped_at = self._pending_flag
        self._pending_flag = None
        self._recorder.flag(exercise_id, position, None, at=stopped_at, withdrawn=True)
        self._recorder.reopen(exercise_id)
        self._awaiting_pain_choice = False
        self._resume(self._clock.monotonic())
        return self._drain()

    def end_early(self, pain_after: PainScore | None = None) -> None:
        """End now; what is done stays done. The exercise the user was in is kept as
        partly done or skipped (with its counts and time); exercises never reached stay
        not started. After a pain stop, ``pain_after`` is also the pain on its flag."""
        if self._finished:
            self._recorder.set_pain_after(pain_after)
            return
        now = self._sync()
        if self._finished:  # the last step ended before the key was pressed
            self._recorder.set_pain_after(pain_after)
            return
        if self._awaiting_pain_choice:
            self._write_pending_flag(pain_after)
        else:
            self._resume(now)
            begun = self._step.rest_reason != "ready"  # past the get-ready: under way
            self._recorder.note_partial(self._exercise_id, self._exercise_seconds(now), begun=begun)
        self._awaiting_pain_choice = False
        self._finished = True
        self._recorder.end("ended_early", pain_after)

    def _write_pending_flag(self, pain: PainScore | None) -> None:
        if self._pending_flag is not None:
            exercise_id, position, stopped_at = self._pending_flag
            self._pending_flag = None
            self._recorder.flag(exercise_id, position, pain, at=stopped_at)

    def finish(self, pain_after: PainScore | None = None) -> None:
        """Record pain after and save the completed session (ends it early if it is not)."""
        if not self._finished:
            self.end_early(pain_after)
            return
        self._recorder.set_pain_after(pain_after)

    # -- time ---------------------------------------------------------------------

    @property
    def _running(self) -> bool:
        return not self._finished and not self._awaiting_pain_choice

    def _paused_for(self, now: float) -> float:
        return 0.0 if self._paused_since is None else now - self._paused_since

    def _step_elapsed(self, now: float) -> float:
        return now - self._step_started - self._step_paused - self._paused_for(now)

    def _exercise_seconds(self, now: float) -> float:
        return now - self._exercise_started - self._exercise_paused - self._paused_for(now)

    def _resume(self, now: float) -> None:
        if self._paused_since is not None:
            paused = now - self._paused_since
            self._step_paused += paused
            self._exercise_paused += paused
            self._paused_since = None
        self._last_tick = now

    def _sync(self) -> float:
        """Bring the session up to the clock; every control starts here."""
        now = self._clock.monotonic()
        if self._running and self._paused_since is None:
            if now - self._last_tick > AUTO_PAUSE_GAP_SECONDS:
                # Time after the last tick is not counted: the user never saw it.
                self._paused_since = self._last_tick
                self._emit(EventKind.AUTO_PAUSED, "Paused: the computer was asleep")
            else:
                self._catch_up(now)
        self._last_tick = now
        return now

    def _catch_up(self, now: float) -> None:
        """Finish every timed step that ended by ``now``, each at its exact end time."""
        while self._running and self._paused_since is None:
            seconds = self._step.seconds
            if seconds is None:
                return
            ends_at = self._step_started + self._step_paused + seconds
            if now < ends_at:
                return
            self._complete_step(ends_at)

    # -- moving through steps ------------------------------------------------------

    @property
    def _planned(self) -> PlannedExercise:
        return self._plan.exercises[self._ex]

    @property
    def _step(self) -> Step:
        return self._timeline[self._ex][self._pos]

    @property
    def _exercise_id(self) -> str:
        return self._planned.exercise.id

    def _complete_step(self, at: float) -> None:
        step, steps, exercise_id = self._step, self._timeline[self._ex], self._exercise_id
        if step.kind == "hold":
            self._recorder.hold_done(exercise_id, step.set_number, step.side)
            self._emit(EventKind.HOLD_ENDED, step.cue)
        elif step.is_rest:
            self._emit(EventKind.REST_ENDED, step.cue)
        if step.phase_index == len(self._planned.phases) - 1:
            self._recorder.rep_done(exercise_id, step.set_number, step.side)
        following = steps[self._pos + 1] if self._pos + 1 < len(steps) else None
        if following is None or following.set_number != step.set_number:
            self._emit(EventKind.SET_DONE, f"Set {step.set_number} of {self._planned.sets} done")
        if following is not None:
            self._enter_step(self._pos + 1, at, previous=step)
            return
        seconds = at - self._exercise_started - self._exercise_paused
        self._recorder.close_exercise(exercise_id, "completed", seconds)
        self._emit(EventKind.EXERCISE_DONE, self._planned.exercise.name, "completed")
        self._start_next_exercise(at)

    def _enter_step(self, pos: int, at: float, previous: Step | None) -> None:
        self._pos, self._step_started, self._step_paused = pos, at, 0.0
        self._step_serial += 1
        step = self._step
        if previous is not None and previous.side_index != step.side_index:
            self._emit(EventKind.SWITCH_SIDES, f"Switch sides: {step.side}")
        if step.is_rest:
            self._emit(EventKind.REST_STARTED, step.cue)
        else:
            self._recorder.start_set_side(self._exercise_id, step.set_number, step.side)
        if step.kind == "hold":
            self._emit(EventKind.HOLD_STARTED, step.cue)

    def _next_unfinished(self, after: int) -> int | None:
        for index in range(after + 1, len(self._plan.exercises)):
            if self._recorder.is_unfinished(self._plan.exercises[index].exercise.id):
                return index
        return None

    def _start_next_exercise(self, at: float) -> None:
        index = self._next_unfinished(self._ex)
        if index is None:
            self._finished = True
            self._paused_since = None
            # Reaching the end with every exercise skipped is not a session done: it
            # must not count for the streak.
            done_any = self._recorder.any_rep_done()
            self._recorder.end("completed" if done_any else "ended_early")
            self._emit(EventKind.SESSION_DONE, "Session complete")
            return
        self._ex = index
        self._exercise_started, self._exercise_paused = at, 0.0
        self._paused_since = None
        self._recorder.new_exercise()
        self._enter_step(0, at, previous=None)

    # -- text and events -----------------------------------------------------------

    def _next_up(self) -> str:
        steps, planned = self._timeline[self._ex], self._planned
        if self._pos + 1 >= len(steps):
            index = self._next_unfinished(self._ex)
            if index is None:
                return "Then the session is done"
            return f"Next: {self._plan.exercises[index].exercise.name}"
        current, following = self._step, steps[self._pos + 1]
        if following.is_rest:
            seconds = number_text(following.nominal_seconds)
            if following.rest_reason == "sides":
                return f"Switch sides ({seconds} s): {following.side}"
            return f"Rest {seconds} s"
        if following.phase_index != 0:
            return f"Then: {following.cue}"
        text = f"Rep {following.rep_number} of {planned.reps}"
        if following.set_number != current.set_number or current.rest_reason == "sets":
            text = f"Set {following.set_number} of {planned.sets}, rep {following.rep_number}"
        if following.side is not None:
            text += f", {following.side}"
        return text

    def _switch_sides_text(self) -> str:
        """A banner while the side changes: the step before, the rest between, the first
        step on the new side; "" otherwise."""
        if self._planned.side_count < 2:
            return ""
        steps, pos = self._timeline[self._ex], self._pos
        current = steps[pos]
        worked = next((s.side_index for s in reversed(steps[:pos]) if not s.is_rest), None)
        if worked is None:
            return ""
        if current.is_rest:
            coming = next((s for s in steps[pos + 1 :] if not s.is_rest), None)
            if coming is not None and coming.side_index != worked:
                return f"⇄ Switch sides: {coming.side}"
            return ""
        if current.side_index != worked:
            return f"⇄ Switch sides: {current.side}"
        following = steps[pos + 1] if pos + 1 < len(steps) else None
        if (
            following is not None
            and not following.is_rest
            and following.side_index != current.side_index
        ):
            return f"⇄ Next: switch sides to {following.side}"
        return ""

    def _emit(self, kind: EventKind, message: str, status: ExerciseStatus | None = None) -> None:
        """An event about the current exercise (None once the session is over)."""
        exercise_id = None if self._finished or self._ex < 0 else self._exercise_id
        self._events.append(Event(kind, exercise_id, message, status))

    def _drain(self) -> list[Event]:
        events, self._events = self._events, []
        return events

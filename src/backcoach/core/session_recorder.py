"""Builds the session record as the engine runs, and hands copies of it to the sink.

Kept apart from the engine so the engine only decides *when* something happened; this
module knows how that is written down (per exercise: status, a ``SetRecord`` per set and
side, seconds spent, where a pain stop happened).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Protocol

from backcoach.clock import Clock
from backcoach.core.history_models import (
    ExerciseRecord,
    ExerciseStatus,
    Flag,
    PainScore,
    SessionRecord,
    SessionStatus,
    SetRecord,
    StopPosition,
)
from backcoach.core.plan import SessionPlan
from backcoach.core.planned_exercise import PlannedExercise


class SessionSink(Protocol):
    """Where the engine hands what must be kept (the store, or a list in a test)."""

    def save_session(self, record: SessionRecord) -> object: ...

    def add_flag(self, flag: Flag) -> object: ...


class SessionRecorder:
    """Owns the ``SessionRecord`` of one running session."""

    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        sink: SessionSink,
        *,
        pain_before: PainScore | None,
        resume: SessionRecord | None,
    ) -> None:
        self.clock = clock
        self.sink = sink
        if resume is None:
            self.record = SessionRecord.begin(
                routine_id=plan.routine_id,
                routine_name=plan.routine_name,
                now=clock.now(),
                pid=os.getpid(),
                target_per_day=plan.target_per_day,
            )
        else:
            self.record = resume.model_copy(deep=True)
            self.record.status = "in_progress"
            self.record.ended_at = None
            self.record.last_saved_at = None
            self.record.pid = os.getpid()
        if pain_before is not None:
            self.record.pain_before = pain_before
        self._by_id = {e.exercise_id: e for e in self.record.exercises}
        for planned in plan.exercises:
            self._prepare(planned)
        self._holds_in_rep = 0

    def _prepare(self, planned: PlannedExercise) -> None:
        """Every planned exercise gets an entry up front; an unfinished one starts afresh."""
        exercise = planned.exercise
        entry = self._by_id.get(exercise.id)
        if entry is None:
            entry = ExerciseRecord(exercise_id=exercise.id, name=exercise.name)
            self.record.exercises.append(entry)
            self._by_id[exercise.id] = entry
        if entry.status == "not_started":
            entry.sets = []
            entry.seconds_spent = 0.0
            entry.stopped_at = None
            entry.planned_reps = planned.reps
            entry.planned_sets = planned.sets

    def is_unfinished(self, exercise_id: str) -> bool:
        return self._by_id[exercise_id].status == "not_started"

    def status_of(self, exercise_id: str) -> ExerciseStatus:
        return self._by_id[exercise_id].status

    def any_rep_done(self) -> bool:
        """Whether at least one rep of any exercise was done (skips alone do not count)."""
        return any(entry.reps_done > 0 for entry in self.record.exercises)

    # -- counting -------------------------------------------------------------------

    def _set_record(self, exercise_id: str, set_number: int, side: str | None) -> SetRecord:
        entry = self._by_id[exercise_id]
        for existing in entry.sets:
            if existing.set == set_number and existing.side == side:
                return existing
        created = SetRecord(set=set_number, side=side, reps_done=0, holds_done=0)
        entry.sets.append(created)
        return created

    def start_set_side(self, exercise_id: str, set_number: int, side: str | None) -> None:
        self._set_record(exercise_id, set_number, side)

    def hold_done(self, exercise_id: str, set_number: int, side: str | None) -> None:
        self._set_record(exercise_id, set_number, side).holds_done += 1
        self._holds_in_rep += 1

    def rep_done(self, exercise_id: str, set_number: int, side: str | None) -> None:
        self._set_record(exercise_id, set_number, side).reps_done += 1
        self._holds_in_rep = 0

    def rep_restarted(self, exercise_id: str, set_number: int, side: str | None) -> None:
        """``back``: the holds of the rep being redone no longer count."""
        target = self._set_record(exercise_id, set_number, side)
        target.holds_done = max(0, target.holds_done - self._holds_in_rep)
        self._holds_in_rep = 0

    def new_exercise(self) -> None:
        self._holds_in_rep = 0

    # -- endings --------------------------------------------------------------------

    def close_exercise(
        self,
        exercise_id: str,
        status: ExerciseStatus,
        seconds: float,
        stopped_at: StopPosition | None = None,
    ) -> None:
        """``skipped`` is stored as ``partly_done`` when a rep or a hold of it was done."""
        entry = self._by_id[exercise_id]
        entry.status = self._left_status(entry) if status == "skipped" else status
        entry.seconds_spent = max(0.0, seconds)
        entry.stopped_at = stopped_at
        self.save()

    def reopen(self, exercise_id: str) -> None:
        """A pain stop withdrawn: the exercise is under way again, as before the stop."""
        entry = self._by_id[exercise_id]
        entry.status = "not_started"
        entry.stopped_at = None
        self.save()

    def note_partial(self, exercise_id: str, seconds: float, *, begun: bool) -> None:
        """Ending early in the middle of an exercise: partly done, with the time spent,
        once it has ``begun`` (its first rep under way) or a rep or a hold of it is
        done; else not started (ended in its get-ready: the user did not skip it, and
        nothing of it was done)."""
        entry = self._by_id[exercise_id]
        if begun or self._left_status(entry) == "partly_done":
            entry.status = "partly_done"
            entry.seconds_spent = max(0.0, seconds)
        else:
            entry.status = "not_started"
            entry.seconds_spent = 0.0

    @staticmethod
    def _left_status(entry: ExerciseRecord) -> ExerciseStatus:
        """What an exercise left before its end was: partly done, or skipped."""
        return "partly_done" if entry.reps_done > 0 or entry.holds_done > 0 else "skipped"

    def flag(
        self,
        exercise_id: str,
        stopped_at: StopPosition,
        pain: PainScore | None,
        *,
        at: datetime | None = None,
        withdrawn: bool = False,
    ) -> Flag:
        """Write the flag of a pain stop; ``at``: when the key was pressed.
        ``withdrawn``: pressed by mistake, so kept only as history (withdrawn now)."""
        now = at or self.clock.now()
        flag = Flag(
            exercise_id=exercise_id,
            exercise_name=self._by_id[exercise_id].name,
            flagged_at=now,
            local_date=now.date(),
            session_id=self.record.id,
            stopped_at=stopped_at,
            pain=pain,
            withdrawn_at=self.clock.now() if withdrawn else None,
        )
        self.sink.add_flag(flag)
        return flag

    def end(self, status: SessionStatus, pain_after: PainScore | None = None) -> None:
        self.record.status = status
        self.record.ended_at = self.clock.now()
        if pain_after is not None:
            self.record.pain_after = pain_after
        self.save()

    def set_pain_after(self, pain_after: PainScore | None) -> None:
        if pain_after is not None:
            self.record.pain_after = pain_after
        self.save()

    def save(self) -> None:
        """Hand the sink a copy, so what it keeps never changes under it.

        ``updated_at`` never goes back, even if the wall clock does: the store keeps
        whichever copy of a session is newest.
        """
        now = self.clock.now()
        previous = self.record.updated_at
        self.record.updated_at = now if previous is None or now > previous else previous
        self.sink.save_session(self.record.model_copy(deep=True))

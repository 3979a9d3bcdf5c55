"""What the coach plays and says, and when: cues worked out from the engine.

Every frame the session screen hands ``CueCaller.cue_for`` the engine's events and the
``StepView`` after them; it answers with at most one ``Cue``: a sound and a line to
speak. The caller keeps no time: a cue is due when the engine says a step began or
ended, or when a hold's remaining time (from timestamps) crosses 3, 2 and 1 seconds.
So a cue is never later than the frame that shows the change, and speaking never moves
the clock. Plain Python, so tests can replay a whole routine on a fake clock.

The wording is the app's: short cues name what to do now ("Hold", "Relax", "Switch to
your right leg", "Set 2 of 3", "Three", "Two", "One"); the full level also reads each
step's cue from the content and, at the get-ready, the next exercise's name and start
position.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from backcoach.core.content_models import POSITION_WORDS
from backcoach.core.cue_sounds import SoundName
from backcoach.core.plan import SessionPlan
from backcoach.core.planned_exercise import PlannedExercise
from backcoach.core.session_events import Event, EventKind, StepView
from backcoach.core.settings import VoiceLevel
from backcoach.core.wording import number_text

#: When several things happen in one frame, one sound is played: the most telling.
SOUND_PRIORITY: tuple[SoundName, ...] = (
    SoundName.SESSION_DONE,
    SoundName.EXERCISE_DONE,
    SoundName.SWITCH_SIDES,
    SoundName.HOLD_END,
    SoundName.HOLD_START,
    SoundName.REST_END,
    SoundName.TICK,
)

#: The app counts down the last seconds of holds longer than this.
COUNTDOWN_FROM = 3
COUNT_WORDS = {3: "Three", 2: "Two", 1: "One"}

EVENT_SOUNDS = {
    EventKind.HOLD_STARTED: SoundName.HOLD_START,
    EventKind.HOLD_ENDED: SoundName.HOLD_END,
    EventKind.REST_ENDED: SoundName.REST_END,
    EventKind.SWITCH_SIDES: SoundName.SWITCH_SIDES,
    EventKind.EXERCISE_DONE: SoundName.EXERCISE_DONE,
    EventKind.SESSION_DONE: SoundName.SESSION_DONE,
}


@dataclass(frozen=True)
class Cue:
    sound: SoundName | None
    speech: str  # "" says nothing


def switch_words(side: str) -> str:
    """``Switch to your right leg``; a bare ``right`` reads ``Switch sides: right``."""
    return f"Switch to your {side}" if " " in side else f"Switch sides: {side}"


def hold_words(cue: str) -> str:
    """The full level's line for a hold: the cue, led by "Hold" unless it says so."""
    return cue if cue.lower().startswith("hold") else f"Hold. {cue}"


class CueCaller:
    """Turns each frame's events and view into the cue due now (see module docstring)."""

    def __init__(self, plan: SessionPlan, voice: VoiceLevel, opening: str = "") -> None:
        """``opening``: words said once, before the first step's (a rise in pain)."""
        self._plan = plan
        self.voice: VoiceLevel = voice
        self._opening = opening
        self._serial = -1  # the step last seen
        self._counted = COUNTDOWN_FROM + 1  # the lowest second counted in this hold

    def cue_for(self, events: Iterable[Event], view: StepView | None) -> Cue | None:
        """The cue for what just happened; None when nothing did."""
        kinds = [event.kind for event in events]
        sounds = [EVENT_SOUNDS[kind] for kind in kinds if kind in EVENT_SOUNDS]
        words: list[str] = []
        if EventKind.HOLD_ENDED in kinds and EventKind.EXERCISE_DONE not in kinds:
            words.append("Relax")
        for event in events:
            if event.kind == EventKind.EXERCISE_DONE:
                words.append(f"{event.message} done")
            elif event.kind == EventKind.SESSION_DONE:
                words.append("Session complete")
        if view is not None and not view.stopped_for_pain:
            if view.step_serial != self._serial:
                self._serial = view.step_serial
                self._counted = COUNTDOWN_FROM + 1
                after_ready = EventKind.REST_ENDED in kinds
                if self._opening:
                    words.append(self._opening)
                    self._opening = ""
                words.extend(self._step_words(view, EventKind.SWITCH_SIDES in kinds, after_ready))
            count = self._countdown(view)
            if count:
                sounds.append(SoundName.TICK)
                words.append(count)
        sound = next((s for s in SOUND_PRIORITY if s in sounds), None)
        speech = ". ".join(words) if self.voice != "off" else ""
        if sound is None and not speech:
            return None
        return Cue(sound, speech)

    def _countdown(self, view: StepView) -> str:
        """ "Three", "Two", "One" as a long enough hold's remaining time crosses each."""
        if view.kind != "hold" or not view.timed or view.paused:
            return ""
        if view.seconds_total <= COUNTDOWN_FROM:
            return ""
        left = math.ceil(view.seconds_remaining - 1e-9)
        if left < 1 or left > COUNTDOWN_FROM or left >= self._counted:
            return ""
        self._counted = left
        return COUNT_WORDS[left]

    def _step_words(self, view: StepView, switched: bool, after_rest: bool) -> list[str]:
        """What to say as a step begins."""
        full = self.voice == "full"
        if view.get_ready:
            return [self._get_ready_words(self._planned(view), full)]
        if view.kind == "rest":
            if view.rest_reason == "sides" and view.side is not None:
                return [switch_words(view.side)]
            if view.rest_reason == "sets":
                rest = f"Rest {number_text(view.seconds_total)} seconds"
                if switched and view.side is not None:
                    return [rest, switch_words(view.side)]  # the next set starts on the other side
                return [rest]
            return ["Rest"] if full else []
        words: list[str] = []
        if switched and view.side is not None:
            words.append(switch_words(view.side))
        first_rep = view.rep_number == 1 and view.phase_number == 1
        first_of_set = first_rep and view.side_number == 1
        if first_of_set and view.set_count > 1:
            words.append(f"Set {view.set_number} of {view.set_count}")
        if view.kind == "hold":
            words.append(hold_words(view.cue) if full else "Hold")
        elif full:
            words.append(view.cue)
        elif not words and after_rest and first_rep:
            words.append("Start")
        return words

    def _get_ready_words(self, planned: PlannedExercise | None, full: bool) -> str:
        """Short: "Get ready", with the new position when it changes. Full: the next
        exercise's name and its start position, in the content's words."""
        if planned is None:
            return "Get ready"
        exercise = planned.exercise
        if full:
            return f"Next: {exercise.name}. {exercise.start_position}"
        if planned.new_position and exercise.position is not None:
            return f"Get ready: {POSITION_WORDS[exercise.position]}"
        return "Get ready"

    def _planned(self, view: StepView) -> PlannedExercise | None:
        index = view.exercise_index - 1
        exercises = self._plan.exercises
        if 0 <= index < len(exercises) and exercises[index].exercise.id == view.exercise_id:
            return exercises[index]
        return None

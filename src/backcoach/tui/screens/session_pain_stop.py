"""The "made my pain worse" key on the session screen: stop, explain, go on or end.

The engine stops and flags the exercise the moment the key is pressed; this module
only shows the modal that says so, puts the pain score the user gives on that flag,
and then goes on with the next exercise or ends the session, as the user chose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.tui.screens.pain_stop import PainStopChoice, PainStopScreen

if TYPE_CHECKING:
    from backcoach.core.engine import SessionEngine
    from backcoach.tui.screens.session import SessionScreen


class PainStopFlow:
    """One per session screen; remembers which exercise the last stop flagged."""

    def __init__(self, screen: SessionScreen) -> None:
        self._screen = screen
        self._flagged_exercise: str | None = None

    def stop(self, engine: SessionEngine) -> None:
        """Stop at once (the engine records and flags it), then explain in a modal."""
        screen = self._screen
        view = engine.view()
        engine.pain_stop()
        screen.draw()
        name = view.exercise_name if view is not None else "This exercise"
        has_next = view is not None and view.exercise_index < view.exercise_count
        self._flagged_exercise = view.exercise_id if view is not None else None
        screen.app.push_screen(PainStopScreen(name, has_next=has_next), self._after_modal)

    def _after_modal(self, choice: PainStopChoice | None) -> None:
        screen = self._screen
        engine = screen.engine
        if engine is None:
            return
        choice = choice or PainStopChoice(go_on=True, pain_now=None)
        if choice.pain_now is not None and self._flagged_exercise is not None:
            self._record_pain_now(self._flagged_exercise, choice.pain_now)
        if choice.go_on:
            screen.handle_events(engine.continue_after_pain())
            if engine.finished:
                screen.session_over(ended_early=False)
            screen.draw()
        else:
            screen.session_over(ended_early=True, pain_hint=choice.pain_now)

    def _record_pain_now(self, exercise_id: str, pain: int) -> None:
        """Put the pain score on the flag the engine just wrote (same id: it replaces it)."""
        sink = self._screen.sink
        flag = sink.last_flag
        if flag is None or flag.exercise_id != exercise_id:
            return
        sink.add_flag(flag.model_copy(update={"pain": pain}))

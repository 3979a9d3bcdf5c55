"""The end of a session: the "end now?" question, pain after, the progression save
and the summary.

Kept out of the session screen because it runs once, after the frames have stopped,
and mostly waits on the store: the screen only decides *that* the session is over
(``SessionScreen.session_over``); this module asks before an early end, asks how the
back feels afterwards, closes the record, works out the new progression states and
swaps in the summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.core.history_models import History, SessionRecord
from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.screens.pain_rating import PainRatingScreen
from backcoach.tui.screens.summary import SummaryScreen, did_something

if TYPE_CHECKING:
    from textual.worker import Worker

    from backcoach.core.engine import SessionEngine
    from backcoach.tui.screens.session import SessionScreen

PAIN_AFTER_TITLE = "All done: how is your back pain now?"
PAIN_AFTER_EARLY_TITLE = "Session ended early: what you did is saved. How is your back pain now?"
PAIN_AFTER_FINISHED_TITLE = "Finished: how is your back pain now?"
PAIN_AFTER_NOTHING_TITLE = "Nothing was done this time — that's OK. How is your back pain now?"


def pain_after_title(engine: SessionEngine | None, ended_early: bool) -> str:
    """Worded from what actually happened, not from how the session ended."""
    if engine is None or not did_something(engine.record):
        return PAIN_AFTER_NOTHING_TITLE
    exercises = engine.record.exercises
    if ended_early:
        return PAIN_AFTER_EARLY_TITLE
    if any(e.status != "completed" for e in exercises):
        return PAIN_AFTER_FINISHED_TITLE
    return PAIN_AFTER_TITLE


class SessionEnding:
    """Runs the closing steps for one screen, once its frames have stopped."""

    def __init__(self, screen: SessionScreen) -> None:
        self._screen = screen
        self._close_worker: Worker[None] | None = None

    def confirm_end(self, engine: SessionEngine) -> None:
        """Ask before ending early; the timer is paused while the question is up."""
        screen = self._screen
        view = engine.view()
        paused_here = view is not None and not view.paused
        if paused_here:
            engine.toggle_pause()
            screen.draw()

        def answered(end: bool | None) -> None:
            if end:
                screen.session_over(ended_early=True)
            elif paused_here and screen.running_engine() is not None:
                engine.toggle_pause()
                screen.draw()

        screen.app.push_screen(
            ConfirmScreen(
                "End the session now?",
                detail="What you have done so far is saved.",
                yes_label="End it",
                no_label="Keep going",
            ),
            answered,
        )

    def ask_pain_after(self, ended_early: bool, pain_hint: int | None) -> None:
        """Ask for pain after, then close the session in a worker (saves must not block)."""
        screen = self._screen
        title = pain_after_title(screen.engine, ended_early)

        def rated(pain_after: int | None) -> None:
            self._close_worker = screen.run_worker(
                self._close_session(ended_early, pain_after), exclusive=True, group="close"
            )

        screen.app.push_screen(PainRatingScreen(title, value=pain_hint), rated)

    async def settled(self) -> None:
        """Wait for the closing saves and the summary."""
        if self._close_worker is not None:
            await self._close_worker.wait()
        await self._screen.sink.drained()

    async def _close_session(self, ended_early: bool, pain_after: int | None) -> None:
        screen = self._screen
        engine = screen.engine
        if engine is None:
            return
        if ended_early and not engine.finished:
            engine.end_early(pain_after)
        else:
            engine.finish(pain_after)
        record = engine.record
        await self._advance_progression(record)
        await screen.sink.drained()  # the summary's streak must count this session
        history = self._reload_history()
        # The session's own day: one that crosses midnight counts on the day it began.
        screen.app.switch_screen(SummaryScreen(record, history=history, today=record.local_date))

    async def _advance_progression(self, record: SessionRecord) -> None:
        """Work the new states out once, from the saved history, and store each as it is
        (a change re-applied to a newer history must not move anything twice)."""
        from backcoach.core.progression import advance_progression

        services = self._screen.services
        sink = self._screen.sink
        store = services.store
        history = await sink.run(lambda: store.load().history)
        states = advance_progression(history, services.content.catalog, record, record.local_date)
        for state in states:
            sink.submit(store.set_progression, state)

    def _reload_history(self) -> History | None:
        reload = getattr(self._screen.app, "reload_history", None)
        if callable(reload):
            history = reload()
            if isinstance(history, History):
                return history
        return self._screen.services.store.load().history

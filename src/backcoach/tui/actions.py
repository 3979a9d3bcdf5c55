"""What the shell does on the user's behalf: plan and start sessions, resume, close.

Kept out of ``app.py`` so the app stays a small router; every function takes the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backcoach.core.history_changes import close_interrupted
from backcoach.core.history_models import SessionRecord
from backcoach.core.plan import PlanError, SessionPlan, build_plan

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp


def plan_for(
    app: BackcoachApp, *, routine_id: str | None = None, exercise_id: str | None = None
) -> SessionPlan:
    """Today's plan from the latest history (flagged exercises are left out)."""
    return build_plan(
        app.services.content.catalog,
        app.history,
        app.services.clock.now().date(),
        routine_id=routine_id,
        exercise_id=exercise_id,
    )


def start_routine(app: BackcoachApp, routine_id: str) -> bool:
    app.reload_history()
    return start_session(app, plan_for(app, routine_id=routine_id))


def start_exercise(app: BackcoachApp, exercise_id: str) -> bool:
    app.reload_history()
    return start_session(app, plan_for(app, exercise_id=exercise_id))


def start_session(
    app: BackcoachApp, plan: SessionPlan, resume: SessionRecord | None = None
) -> bool:
    """Push the session screen; refuse (and say why) when nothing can run."""
    if app.session_running():
        app.notify("A session is already running: finish or end it first.", severity="warning")
        return False
    if not plan.exercises:
        reasons = "; ".join(f"{item.exercise_name}: {item.reason}" for item in plan.left_out)
        app.notify(
            f"Nothing to do in {plan.routine_name}. {reasons}".strip(),
            title="Left out",
            severity="warning",
            timeout=10,
            markup=False,
        )
        return False
    factory = app.session_screen_factory()
    if factory is None:
        app.notify("The session screen is not available in this build.", severity="error")
        return False
    app.push_screen(factory(app.services, plan, app.settings, resume=resume))
    return True


def after_resume_choice(app: BackcoachApp, record: SessionRecord, choice: str | None) -> None:
    """What the resume offer's answer means: resume, close, or (None) decide later."""
    if choice == "resume":
        resume_session(app, record)
    elif choice == "close":
        close_session(app, record)


def resume_session(app: BackcoachApp, record: SessionRecord) -> bool:
    """Carry on an interrupted session where it stopped.

    When its routine or exercise is gone from the content (renamed, or a user file
    that no longer loads) it cannot go on: the user is told and it is closed.
    """
    try:
        if record.routine_id is not None:
            plan = plan_for(app, routine_id=record.routine_id)
        elif record.exercises:
            plan = plan_for(app, exercise_id=record.exercises[0].exercise_id)
        else:
            close_session(app, record)
            return False
    except PlanError as err:
        app.notify(
            f"{record.routine_name} cannot be resumed: {err}",
            title="Cannot resume",
            severity="warning",
            markup=False,
        )
        close_session(app, record)
        return False
    return start_session(app, plan, resume=record)


def close_session(app: BackcoachApp, record: SessionRecord) -> None:
    """Mark an interrupted session as ended early; what was done stays in the history."""
    closed = close_interrupted(record)  # ends at its last save, not at this launch
    report = app.services.store.save_session(closed)
    app.show_store_notices(report.notices)
    if not report.ok:
        app.notify_store_problem(report.message or "the session could not be closed")
    app.sync_history()
    app.notify("The interrupted session is closed; what you did is kept.")


def open_history(app: BackcoachApp) -> None:
    factory = app.history_screen_factory()
    if factory is None:
        app.notify("The history screen is not available in this build.", severity="error")
        return
    if isinstance(factory, type) and isinstance(app.screen, factory):
        return
    app.push_screen(factory(app.services))

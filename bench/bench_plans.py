"""Session plans made for measuring: real exercises from the content, reshaped.

Only the rep's phases and counts change; the plan goes through the real engine and
the real session screen like any other.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from backcoach.core.content_models import Catalog, Phase
from backcoach.core.history_models import History
from backcoach.core.plan import SessionPlan, build_plan

BENCH_HOLD_CUE = "Hold still for the benchmark"


def _phase(kind: str, cue: str, seconds: float) -> Phase:
    return Phase.model_validate({"kind": kind, "cue": cue, "seconds": seconds})


def reshaped_plan(
    catalog: Catalog, phases: tuple[Phase, ...], reps: int, get_ready_s: float | None = None
) -> SessionPlan:
    """One exercise (the first in the content), one set, no sides, ``reps`` of ``phases``."""
    exercise_id = catalog.ordered_exercises()[0].id
    plan = build_plan(catalog, History(), date.today(), exercise_id=exercise_id)
    first = plan.exercises[0]
    changes: dict[str, object] = dict(
        sets=1, reps=reps, sides=(None,), alternating=False, phases=phases,
        rest_between_reps_s=0.0, rest_between_sides_s=0.0, rest_between_sets_s=0.0,
        estimated_seconds=reps * sum(p.seconds.default for p in phases if p.seconds),
    )  # fmt: skip
    if get_ready_s is not None:
        changes["get_ready_s"] = get_ready_s
    return dataclasses.replace(plan, exercises=(dataclasses.replace(first, **changes),))  # type: ignore[arg-type]


def long_hold_plan(catalog: Catalog, seconds: float) -> SessionPlan:
    """A single hold long enough to measure the animation's CPU cost over a window."""
    return reshaped_plan(catalog, (_phase("hold", BENCH_HOLD_CUE, seconds),), 1, get_ready_s=0.0)


def many_holds_plan(catalog: Catalog, holds: int, hold_s: float, relax_s: float) -> SessionPlan:
    """``holds`` reps of a hold then a relax: many hold ends, evenly spaced, in one routine."""
    phases = (_phase("hold", "Hold", hold_s), _phase("relax", "Relax", relax_s))
    return reshaped_plan(catalog, phases, reps=holds, get_ready_s=0.0)

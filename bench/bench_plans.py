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


#: The content's longest hold (seated rotation, 10 s) and a short relax: over a 10 s hold
#: the bar moves at every frame, so this is what a morning's holds cost (a hold of a
#: minute, as the benchmark once used, barely moves the bar).
REAL_HOLD_S = 10.0
REAL_RELAX_S = 2.0


def real_holds_plan(catalog: Catalog, seconds: float) -> SessionPlan:
    """Back-to-back 10 s holds and 2 s relaxes for ``seconds``, one cue throughout.

    The cue stays the same in both phases so a benchmark can tell, from the screen
    alone, that the session is still running its holds.
    """
    phases = (
        _phase("hold", BENCH_HOLD_CUE, REAL_HOLD_S),
        _phase("relax", BENCH_HOLD_CUE, REAL_RELAX_S),
    )
    reps = int(seconds // (REAL_HOLD_S + REAL_RELAX_S)) + 1
    return reshaped_plan(catalog, phases, reps=reps, get_ready_s=0.0)


def many_holds_plan(catalog: Catalog, holds: int, hold_s: float, relax_s: float) -> SessionPlan:
    """``holds`` reps of a hold then a relax: many hold ends, evenly spaced, in one routine."""
    phases = (_phase("hold", "Hold", hold_s), _phase("relax", "Relax", relax_s))
    return reshaped_plan(catalog, phases, reps=holds, get_ready_s=0.0)

"""Lay a user's partial content file over the packaged one, marking the user's figures.

A user file may hold only what changes, e.g. ``id = "bridges"`` and ``[dosage] reps = 12``.
Tables merge key by key; lists (steps, cautions, ``[[rep]]``) are replaced whole. Every
figure the user gives is marked ``origin = "user"`` unless the file says otherwise, so the
app can show which numbers came from the user rather than from the source.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from backcoach.core.content_models import Amount, Dosage, Phase, Progression, Routine

Table = dict[str, Any]


def _amount_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` that hold an ``Amount`` (a figure with an origin)."""

    def holds_amount(annotation: object) -> bool:
        if isinstance(annotation, type):
            return issubclass(annotation, Amount)
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            return any(holds_amount(arg) for arg in typing.get_args(annotation))
        return False

    return frozenset(name for name, f in model.model_fields.items() if holds_amount(f.annotation))


#: Which tables of an exercise file hold figures, and which of their keys are figures.
_FIGURE_TABLES: dict[str, frozenset[str]] = {
    "dosage": _amount_fields(Dosage),
    "progression": _amount_fields(Progression),
}
_PHASE_FIGURES = _amount_fields(Phase)
_ROUTINE_FIGURES = _amount_fields(Routine)


def mark_user_figures(raw: Table) -> Table:
    """A copy of a user's exercise table with each figure it gives marked ``origin = "user"``."""
    marked = dict(raw)
    for table_name, figure_keys in _FIGURE_TABLES.items():
        table = marked.get(table_name)
        if isinstance(table, dict):
            marked[table_name] = _mark_keys(table, figure_keys)
    phases = marked.get("rep")
    if isinstance(phases, list):
        marked["rep"] = [
            _mark_keys(phase, _PHASE_FIGURES) if isinstance(phase, dict) else phase
            for phase in phases
        ]
    return marked


def mark_user_routine(raw: Table) -> Table:
    """A copy of a user's routine table with its figures (times a day) marked as theirs."""
    return _mark_keys(raw, _ROUTINE_FIGURES)


def _mark_keys(table: Table, figure_keys: frozenset[str]) -> Table:
    marked = dict(table)
    for key in figure_keys & marked.keys():
        marked[key] = _mark_figure(marked[key])
    return marked


def _mark_figure(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"value": value, "origin": "user"}
    if isinstance(value, dict) and "origin" not in value:
        return {**value, "origin": "user"}
    return value


def merge_exercise(base: Table, override: Table) -> Table:
    """``override`` laid over ``base``: tables key by key, figures by their parts, lists whole.

    On an exercise whose reps progress, sessions start from ``progression.start_reps``:
    a user's ``[dosage] reps`` sets that start too (and ``start_reps`` alone sets the
    dosage), so the number the user wrote is the one used.
    """
    merged = dict(base)
    for key, value in override.items():
        figure_keys = _FIGURE_TABLES.get(key)
        if figure_keys is not None and isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge_table(base[key], value, figure_keys)
        else:
            merged[key] = value
    _keep_start_reps_in_step(merged, override)
    return merged


def _keep_start_reps_in_step(merged: Table, override: Table) -> None:
    dosage, progression = merged.get("dosage"), merged.get("progression")
    if not isinstance(dosage, dict) or not isinstance(progression, dict):
        return
    given_dosage, given_progression = override.get("dosage"), override.get("progression")
    gave_reps = isinstance(given_dosage, dict) and "reps" in given_dosage
    gave_start = isinstance(given_progression, dict) and "start_reps" in given_progression
    if gave_reps and not gave_start and "reps" in dosage:
        merged["progression"] = {**progression, "start_reps": dosage["reps"]}
    elif gave_start and not gave_reps and "start_reps" in progression:
        merged["dosage"] = {**dosage, "reps": progression["start_reps"]}


def merge_tables(base: Table, override: Table) -> Table:
    """A shallow merge for small tables such as a routine: the override's keys win."""
    return {**base, **override}


def _merge_table(base: Table, override: Table, figure_keys: frozenset[str]) -> Table:
    merged = dict(base)
    for key, value in override.items():
        if key in figure_keys and key in base:
            merged[key] = _merge_figure(base[key], value)
        else:
            merged[key] = value
    return merged


def _merge_figure(base: Any, override: Any) -> Any:
    """``{default = 3}`` over ``2-3`` keeps the range; a number or ``value`` replaces it."""
    if not isinstance(override, dict) or "value" in override:
        return override
    expanded = _expand(base)
    if expanded is None:
        return override
    if "low" in override or "high" in override:
        expanded.pop("default", None)  # re-derived from the new range unless given
    return {**expanded, **override}


def _expand(figure: Any) -> Table | None:
    """A figure as an explicit ``low``/``high``/``default`` table (None if it is malformed)."""
    if isinstance(figure, int | float) and not isinstance(figure, bool):
        return {"low": figure, "high": figure, "default": figure}
    if not isinstance(figure, dict):
        return None
    table = dict(figure)
    if "value" in table:
        value = table.pop("value")
        table.update(low=value, high=value, default=value)
    return table

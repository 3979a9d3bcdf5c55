"""Schema migrations: one function per version step, applied in order.

``STEPS[n]`` turns a version ``n`` document into a version ``n + 1`` document. The store
keeps an old single ``history.json`` as ``history.json.v<n>.bak`` before it writes the
migrated history in the split layout of version 3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backcoach.core import history_models

Document = dict[str, Any]
Step = Callable[[Document], Document]

#: The version this code writes. Read at call time so tests can pretend to be newer.
SCHEMA_VERSION = history_models.SCHEMA_VERSION


def _partly_done_status(document: Document) -> Document:
    """Version 2 tells "partly done" from "skipped": an exercise stored as skipped with
    a rep or a hold done becomes ``partly_done`` (what was done decides, not the key)."""
    for session in document.get("sessions") or []:
        if not isinstance(session, dict):
            continue
        for exercise in session.get("exercises") or []:
            if not isinstance(exercise, dict) or exercise.get("status") != "skipped":
                continue
            sets = [s for s in exercise.get("sets") or [] if isinstance(s, dict)]
            done = any(
                (s.get("reps_done") or 0) > 0 or (s.get("holds_done") or 0) > 0 for s in sets
            )
            if done:
                exercise["status"] = "partly_done"
    return document


def _split_layout(document: Document) -> Document:
    """Version 3 keeps the same records but splits them across files (sessions by month
    and device, the rest in a summary). The split is the store's to write; the document
    itself gains only the (empty) list of unmarked rest days."""
    document.setdefault("rest_days_unmarked", [])
    return document


#: version n -> function producing version n + 1.
STEPS: dict[int, Step] = {1: _partly_done_status, 2: _split_layout}


class MigrationError(Exception):
    """A document cannot be brought up to date (a missing or failing step)."""


def migrate(document: Document, from_version: int, to_version: int | None = None) -> Document:
    """Apply every step from ``from_version`` up to ``to_version`` (default: current)."""
    target = SCHEMA_VERSION if to_version is None else to_version
    version = from_version
    while version < target:
        step = STEPS.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema version {version} to {version + 1}")
        try:
            document = step(dict(document))
        except Exception as err:  # a step is our code; report instead of crashing
            raise MigrationError(
                f"migrating from schema version {version} to {version + 1} failed: {err}"
            ) from err
        version += 1
        document["schema_version"] = version
    return document

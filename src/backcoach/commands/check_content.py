"""``backcoach check-content [DIR]``: validate the content and list each exercise's dosage.

Without DIR it checks the installed content plus the user's overlay in the config dir;
with DIR it checks that content folder alone. Problems go to stderr; exit 1 if any.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from backcoach.core.content_loader import CatalogLoad, load_catalog
from backcoach.core.describe import ORIGIN_LEGEND, describe_dosage, describe_routine
from backcoach.core.visible_text import visible
from backcoach.paths import AppPaths

REPORT_WIDTH = 100  # longer dosage lines wrap under the dosage column


def run(paths: AppPaths, directory: str | None = None) -> int:
    """Print the content report; 0 when everything is valid, 1 when anything is wrong."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")  # odd terminals never cause a traceback
    if directory is not None:
        loaded = load_catalog(None, content_dir=Path(directory).expanduser())
    else:
        loaded = load_catalog(paths)
    # Content text is refused with control characters, but folder names are the user's.
    print(visible(report(loaded, paths if directory is None else None), keep_layout=True))
    if loaded.problems:
        print(f"{loaded.tally}:", file=sys.stderr)
        for problem in loaded.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


def report(loaded: CatalogLoad, paths: AppPaths | None) -> str:
    """The stdout part: where content came from, the exercises and the routines."""
    catalog = loaded.catalog
    lines = [f"Content: {loaded.content_dir}"]
    if paths is not None:
        files = len(loaded.user_files)
        found = _plural(files, "file") if files else "none"
        lines.append(f"Your content: {paths.config_dir} ({found})")
    exercises = catalog.ordered_exercises()
    lines += ["", f"Exercises ({len(exercises)})"]
    width = max((len(e.name) for e in exercises), default=0)
    for exercise in exercises:
        note = ""
        if exercise.id in loaded.user_added:
            note = "  (your exercise)"
        elif exercise.id in loaded.user_overridden:
            note = "  (changed by your file)"
        dosage = _wrap_at_commas(
            describe_dosage(exercise, marks=True) + note, max(REPORT_WIDTH - width - 4, 40)
        )
        lines.append(f"  {exercise.name:<{width}}  {dosage[0]}")
        lines += [" " * (width + 4) + more for more in dosage[1:]]
    lines.append(f"  {ORIGIN_LEGEND}")
    lines += ["", f"Routines ({len(catalog.routines)})"]
    id_width = max((len(r) for r in catalog.routines), default=0)
    for routine in catalog.routines.values():
        lines.append(
            f"  {routine.id:<{id_width}}  {routine.name}: {describe_routine(routine, marks=True)}"
        )
    return "\n".join(lines)


def _wrap_at_commas(text: str, width: int) -> list[str]:
    """Split a dosage line between its comma-separated parts, never inside ``5 s``."""
    lines: list[str] = []
    for part in text.split(", "):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += ", " + part
        else:
            if lines:
                lines[-1] += ","
            lines.append(part)
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"

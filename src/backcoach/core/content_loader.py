"""Load the packaged content, then the user's overlay; never raise on a bad file.

Every file is read and checked on its own. A bad file becomes a ``ContentProblem`` (file,
field or line, what is wrong) and is skipped: a broken user file never hides the packaged
content, and a routine naming an unknown exercise is left out rather than half-run.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from backcoach.core.content_errors import describe_toml_error, describe_validation_error
from backcoach.core.content_files import (
    ABOUT_FILE,
    EXERCISES_DIR,
    ROUTINES_FILE,
    exercise_files,
    packaged_content_dir,
)
from backcoach.core.content_models import About, Catalog, Exercise, Routine
from backcoach.core.content_overlay import (
    mark_user_figures,
    mark_user_routine,
    merge_exercise,
    merge_tables,
)
from backcoach.core.safe_read import CONTENT_FILE_LIMIT, read_file, without_bom
from backcoach.core.safety import SEE_A_DOCTOR_RULE, STOP_RULE
from backcoach.core.visible_text import visible
from backcoach.core.wording import did_you_mean
from backcoach.paths import AppPaths

Table = dict[str, Any]
ModelT = TypeVar("ModelT", bound=BaseModel)

__all__ = ["CatalogLoad", "ContentProblem", "load_catalog", "packaged_content_dir"]

#: At most this many exercise files per folder, routines per file and bytes of content
#: in all: far above the article's (ten files, 18 KB), low enough that reading content
#: never freezes start-up (measured at the limits, on a busy 2-core machine: 0.2 s for
#: 512 KB in three files, 0.7 s for 100 small files).
MAX_EXERCISE_FILES = 100
MAX_ROUTINES = 100
MAX_CONTENT_BYTES = 512 * 1024

#: Shown if about.toml itself is missing or broken, so the credit and safety text never vanish.
FALLBACK_ABOUT = About(
    source=(
        'Source: "Exercises to ease lower back pain", Medical News Today, written by Bethany'
        " Cadman, medically reviewed by Gregory Minnis, DPT, 24 January 2020."
    ),
    disclaimer="This is general information, not medical advice.",
    safety=[SEE_A_DOCTOR_RULE, STOP_RULE],
)


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with one content file: shown to the user, never a traceback."""

    path: Path
    message: str  # names the field (or the TOML line) and what is wrong
    #: False for a line that only says what happened because of the problems above it
    #: (the packaged exercise is used, or the exercise is left out): shown, not counted.
    counted: bool = True

    def __str__(self) -> str:
        # A file name is the user's too: shown with visible escapes, like the message.
        return f"{visible(str(self.path))}: {self.message}"


@dataclass(frozen=True)
class ProblemTally:
    """How many problems there are and in which files, counted one way for everyone.

    ``check-content`` and the app both print this, so they never disagree about the same
    files: the lines that only say what followed (``counted=False``) are not problems.
    """

    problems: int
    files: tuple[Path, ...]  # the files holding counted problems, in the order found

    def __str__(self) -> str:
        return f"{_plural(self.problems, 'problem')} in {_plural(len(self.files), 'file')}"


def tally_problems(problems: Iterable[ContentProblem]) -> ProblemTally:
    """The one count of ``problems`` that ``check-content`` and the app both show."""
    counted = [problem for problem in problems if problem.counted]
    files = tuple(dict.fromkeys(problem.path for problem in counted))
    return ProblemTally(len(counted), files)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class CatalogLoad:
    catalog: Catalog
    problems: list[ContentProblem] = field(default_factory=list)
    content_dir: Path | None = None  # where the packaged (or given) content was read
    user_added: frozenset[str] = frozenset()  # exercise ids that exist only in the user's files
    user_overridden: frozenset[str] = frozenset()  # packaged exercises a user file changes
    user_files: tuple[Path, ...] = ()  # user content files that were read (good or bad)
    #: user files changing a packaged exercise that were not applied -> the exercise's name
    overrides_not_applied: dict[Path, str] = field(default_factory=dict)

    @property
    def problem_count(self) -> int:
        """How many problems there are (not counting the lines that say what followed)."""
        return tally_problems(self.problems).problems

    @property
    def tally(self) -> ProblemTally:
        """The problem count and files, as ``check-content`` and the app show them."""
        return tally_problems(self.problems)

    def problems_by_file(self) -> dict[Path, list[ContentProblem]]:
        """The counted problems of each file, files in the order they were found."""
        by_file: dict[Path, list[ContentProblem]] = {}
        for problem in self.problems:
            if problem.counted:
                by_file.setdefault(problem.path, []).append(problem)
        return by_file


def _cut(value: object, most: int = 60) -> str:
    """A value from a file, short enough to quote in a message (a name may be huge)."""
    text = str(value)
    return text if len(text) <= most else f"{text[: most - 10]}... ({len(text)} characters)"


def load_catalog(paths: AppPaths | None = None, content_dir: Path | None = None) -> CatalogLoad:
    """Packaged content (or ``content_dir``), then ``paths``' user overlay when given."""
    base_dir = content_dir if content_dir is not None else packaged_content_dir()
    return _Loader().load(base_dir, paths)


@dataclass
class _Entry:
    """A raw table read from a file, remembered for overlays and error messages."""

    path: Path
    raw: Table


class _Loader:
    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []
        self.files_read: list[Path] = []
        self.not_applied: dict[Path, str] = {}
        self.bytes_read = 0  # of every content file so far (MAX_CONTENT_BYTES)

    def problem(self, path: Path, message: str, *, counted: bool = True) -> None:
        # Messages quote ids, keys and names from the file: never a raw control character.
        self.problems.append(ContentProblem(path, visible(message), counted))

    def load(self, base_dir: Path, paths: AppPaths | None) -> CatalogLoad:
        if not base_dir.is_dir():
            self.problem(base_dir, "content directory not found")
        packaged = self._read_exercise_layer(base_dir / EXERCISES_DIR, required=True)
        exercises: dict[str, Exercise] = {}
        for exercise_id, entry in packaged.items():
            exercise = self._validate(Exercise, entry.path, entry.raw)
            if exercise is not None:
                exercises[exercise_id] = exercise
            else:
                self._say_what_followed(entry, None, kept=False)
        routines_file = base_dir / ROUTINES_FILE
        routine_entries = self._read_routines(routines_file, required=True)
        about = self._read_about(base_dir / ABOUT_FILE)

        added: set[str] = set()
        overridden: set[str] = set()
        packaged_files = len(self.files_read)
        user_routines: dict[str, _Entry] = {}
        if paths is not None:
            user_layer = self._read_exercise_layer(paths.user_exercises_dir, required=False)
            for exercise_id, entry in user_layer.items():
                base = packaged.get(exercise_id)
                marked = mark_user_figures(entry.raw)
                raw = merge_exercise(base.raw, marked) if base is not None else marked
                exercise = self._validate(Exercise, entry.path, raw)
                if exercise is not None:
                    exercises[exercise_id] = exercise
                    (overridden if base is not None else added).add(exercise_id)
                else:
                    self._say_what_followed(entry, base, kept=exercise_id in exercises)
            if paths.user_routines_file.exists():
                user_routines = self._read_routines(paths.user_routines_file, required=False)

        routines = self._build_routines(routine_entries, user_routines, exercises)
        return CatalogLoad(
            catalog=Catalog(exercises=exercises, routines=routines, about=about),
            problems=self.problems,
            content_dir=base_dir,
            user_added=frozenset(added),
            user_overridden=frozenset(overridden),
            user_files=tuple(self.files_read[packaged_files:]),
            overrides_not_applied=dict(self.not_applied),
        )

    # --- reading files -------------------------------------------------------------

    def _read_toml(self, path: Path) -> Table | None:
        self.files_read.append(path)
        try:
            data = read_file(path, CONTENT_FILE_LIMIT)
            if self.bytes_read + len(data) > MAX_CONTENT_BYTES:
                self.problem(
                    path,
                    f"not read: content files may hold {MAX_CONTENT_BYTES // 1024} KB in all,"
                    " and this one would go over",
                )
                return None
            self.bytes_read += len(data)
            return tomllib.loads(without_bom(data).decode("utf-8"))
        except tomllib.TOMLDecodeError as error:
            self.problem(path, describe_toml_error(error))
        except UnicodeDecodeError as error:
            self.problem(path, f"not UTF-8 text (bad byte at offset {error.start})")
        except RecursionError:
            self.problem(path, "nested too deeply (arrays or tables inside each other)")
        except ValueError:  # tomllib's int() of a number with thousands of digits
            self.problem(path, "a number has too many digits to be read")
        except OSError as error:
            self.problem(path, f"cannot be read: {error.strerror or error}")
        return None

    def _read_exercise_layer(self, folder: Path, *, required: bool) -> dict[str, _Entry]:
        """``id -> entry`` for every ``*.toml`` in ``folder``; the first file wins an id."""
        if not folder.exists():
            if required:
                self.problem(folder, "exercises folder not found: no exercises loaded")
            return {}
        if not folder.is_dir():
            self.problem(folder, "should be a folder of exercise files, but it is a file")
            return {}
        try:
            files = exercise_files(folder)
        except OSError as error:
            self.problem(folder, f"cannot be listed: {error.strerror or error}")
            return {}
        if required and not files:
            self.problem(folder, "no exercise files (*.toml) found")
        if len(files) > MAX_EXERCISE_FILES:
            self.problem(
                folder,
                f"{len(files)} exercise files, more than the limit of {MAX_EXERCISE_FILES}: "
                f"only the first {MAX_EXERCISE_FILES} by name are read",
            )
            files = files[:MAX_EXERCISE_FILES]
        entries: dict[str, _Entry] = {}
        for path in files:
            raw = self._read_toml(path)
            if raw is None:
                continue
            exercise_id = raw.get("id")
            if not isinstance(exercise_id, str) or not exercise_id.strip():
                self.problem(path, "'id' is missing: every exercise file needs id = \"...\"")
                continue
            if exercise_id in entries:
                first = entries[exercise_id].path.name
                self.problem(
                    path,
                    f"duplicate id '{_cut(exercise_id)}': {first} already uses it;"
                    " this file is skipped",
                )
                continue
            entries[exercise_id] = _Entry(path, raw)
        return entries

    def _read_routines(self, path: Path, *, required: bool) -> dict[str, _Entry]:
        if not path.exists():
            if required:
                self.problem(path, "routines file not found: no routines loaded")
            return {}
        raw = self._read_toml(path)
        if raw is None:
            return {}
        for key in raw:
            if key != "routine":
                self.problem(path, f"unknown key '{key}' (routines are [[routine]] tables)")
        tables = raw.get("routine", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            self.problem(path, "'routine' must be a list of [[routine]] tables")
            return {}
        if len(tables) > MAX_ROUTINES:
            self.problem(
                path,
                f"{len(tables)} routines, more than the limit of {MAX_ROUTINES}: "
                f"only the first {MAX_ROUTINES} are read",
            )
            tables = tables[:MAX_ROUTINES]
        entries: dict[str, _Entry] = {}
        for number, table in enumerate(tables, start=1):
            routine_id = table.get("id")
            if not isinstance(routine_id, str) or not routine_id.strip():
                self.problem(path, f"routine #{number}: 'id' is missing")
            elif routine_id in entries:
                self.problem(path, f"routine #{number}: duplicate id '{_cut(routine_id)}'; skipped")
            else:
                entries[routine_id] = _Entry(path, table)
        return entries

    def _read_about(self, path: Path) -> About:
        if not path.exists():
            self.problem(path, "about file not found: using the built-in credit and safety text")
            return FALLBACK_ABOUT
        raw = self._read_toml(path)
        about = self._validate(About, path, raw) if raw is not None else None
        return about if about is not None else FALLBACK_ABOUT

    # --- checking ------------------------------------------------------------------

    def _validate(
        self,
        model: type[ModelT],
        path: Path,
        raw: Table,
        *,
        where: str = "",
    ) -> ModelT | None:
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            lines = describe_validation_error(error, model)
            prefix = f"{where}: " if where else ""
            for line in lines:
                self.problem(path, prefix + line)
            return None

    def _say_what_followed(self, entry: _Entry, base: _Entry | None, *, kept: bool) -> None:
        """After an exercise file failed: say what the app does instead, truthfully.

        A user file changing a packaged exercise leaves the packaged one in use; any other
        file (a new exercise) is left out. Said once per file, not counted as a problem.
        """
        if base is not None and kept:
            name = _cut(base.raw.get("name") or base.raw.get("id"))
            self.not_applied[entry.path] = name
            message = (
                f"your changes in {entry.path.name} were not applied; the packaged {name} is used"
            )
        else:
            name = _cut(entry.raw.get("name") or entry.raw.get("id"))
            message = f"{name} from {entry.path.name} is left out"
        self.problem(entry.path, message, counted=False)

    def _build_routines(
        self,
        packaged: dict[str, _Entry],
        user: dict[str, _Entry],
        exercises: dict[str, Exercise],
    ) -> dict[str, Routine]:
        routines: dict[str, Routine] = {}
        for routine_id, entry in packaged.items():
            routine = self._check_routine(entry, entry.raw, exercises)
            if routine is not None:
                routines[routine_id] = routine
            else:
                self.problem(entry.path, f"routine '{_cut(routine_id)}' is left out", counted=False)
        for routine_id, entry in user.items():
            base = packaged.get(routine_id)
            marked = mark_user_routine(entry.raw)
            raw = merge_tables(base.raw, marked) if base is not None else marked
            if "exercises" in entry.raw and "origin" not in entry.raw:
                raw = {**raw, "origin": "user"}  # the user chose these exercises
            routine = self._check_routine(entry, raw, exercises)
            if routine is not None:
                routines[routine_id] = routine
                continue
            # Like an exercise: what happens instead is said, but is not another problem.
            if routine_id in routines:
                followed = f"routine '{_cut(routine_id)}': the packaged one is used"
            else:
                followed = f"routine '{_cut(routine_id)}' is left out"
            self.problem(entry.path, followed, counted=False)
        return routines

    def _check_routine(
        self, entry: _Entry, raw: Table, exercises: dict[str, Exercise]
    ) -> Routine | None:
        label = f"routine '{_cut(raw.get('id'))}'"
        routine = self._validate(Routine, entry.path, raw, where=label)
        if routine is None:
            return None
        unknown = [e for e in routine.exercises if e not in exercises]
        if unknown:
            names = ", ".join(f"'{e}'{did_you_mean(e, exercises)}" for e in unknown)
            noun = "exercise" if len(unknown) == 1 else "exercises"
            self.problem(entry.path, f"{label}.exercises: unknown {noun} {names}")
            return None
        return routine

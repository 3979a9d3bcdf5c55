"""Each kind of bad content file is reported by file, field (or line) and what is wrong.

A bad file is skipped, never a traceback, and never hides the good content around it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backcoach.core.content_loader import CatalogLoad, load_catalog, packaged_content_dir
from backcoach.paths import AppPaths

GOOD_EXERCISE = """\
id = "mine"
name = "My stretch"
kind = "stretch"
works = "The back."
why = "It helps."
start_position = "Lie down."
steps = ["Do it."]

[dosage]
reps = 5

[[rep]]
kind = "hold"
cue = "Hold"
seconds = 5
step = 1
"""

# (kind of mistake, text replaced in GOOD_EXERCISE, replacement, what the message must say)
BAD_EXERCISES = [
    ("toml-syntax", "[dosage]", "[dosage", ["TOML syntax error", "line 9"]),
    ("zero-hold", "seconds = 5", "seconds = 0", ["rep #1.seconds", "more than 0, got 0"]),
    ("negative-hold", "seconds = 5", "seconds = -5", ["rep #1.seconds", "more than 0, got -5"]),
    ("no-steps", 'steps = ["Do it."]', "steps = []", ["steps", "at least 1 entry"]),
    ("steps-missing", 'steps = ["Do it."]\n', "", ["'steps' is missing"]),
    (
        "range-low-above-high",
        "reps = 5",
        "reps = { low = 5, high = 3 }",
        ["dosage.reps", "low end 5 is above its high end 3"],
    ),
    (
        "default-outside-range",
        "reps = 5",
        "reps = { low = 2, high = 3, default = 4 }",
        ["dosage.reps", "default 4 is outside the range 2-3"],
    ),
    (
        "unknown-key",
        "name = ",
        "nmae = ",
        ["unknown key 'nmae'", "did you mean 'name'", "'name' is missing"],
    ),
    (
        "unknown-key-in-table",
        "reps = 5",
        "reps = 5\nrest_between_set = 30",
        ["dosage: unknown key 'rest_between_set'", "did you mean 'rest_between_sets'"],
    ),
    ("text-for-number", "reps = 5", 'reps = "five"', ["dosage.reps", "expected a number"]),
    ("fractional-reps", "reps = 5", "reps = 2.5", ["dosage.reps", "whole number, got 2.5"]),
    ("unknown-phase-kind", 'kind = "hold"', 'kind = "hodl"', ["rep #1.kind", "must be one of"]),
    (
        "origin-typo",
        "seconds = 5",
        'seconds = { value = 5, origin = "appp" }',
        ["rep #1.seconds.origin", "must be one of"],
    ),
    ("step-out-of-range", "step = 1", "step = 4", ["points at step 4", "only 1 steps"]),
    (
        "sides-without-labels",
        "reps = 5",
        'reps = 5\nsides = "each_side"',
        ["dosage", "needs side_labels"],
    ),
    ("sets-without-rest", "reps = 5", "reps = 5\nsets = 3", ["dosage", "rest_between_sets"]),
    ("bad-id", 'id = "mine"', 'id = "My Stretch"', ["id", "lowercase letters"]),
    ("id-missing", 'id = "mine"\n', "", ["'id' is missing"]),
    ("empty-name", 'name = "My stretch"', 'name = "  "', ["name", "must not be empty"]),
    (
        "too-many-sets",
        "reps = 5",
        "reps = 5\nsets = 100\nrest_between_sets = 30",
        ["dosage.sets", "must be at most 20, got 100"],
    ),
    (
        "too-many-reps",
        "reps = 5",
        "reps = 10000",
        ["dosage.reps", "must be at most 200, got 10000"],
    ),
    (
        "reps-range-too-high",
        "reps = 5",
        "reps = { low = 5, high = 500 }",
        ["dosage.reps", "high must be at most 200, got 500"],
    ),
    ("hold-too-long", "seconds = 5", "seconds = 3600", ["rep #1.seconds", "at most 600, got 3600"]),
    (
        "rest-too-long",
        "reps = 5",
        "reps = 5\nrest_between_reps = 601",
        ["dosage.rest_between_reps", "at most 600, got 601"],
    ),
    (
        "progression-cap-too-high",
        "reps = 5",
        "reps = 5\n[progression]\nstart_reps = 5\nstep_per_day = 1\nmax_reps = 1000",
        ["progression.max_reps", "at most 200, got 1000"],
    ),
    (
        "dosage-differs-from-start-reps",
        "reps = 5",
        "reps = 5\n[progression]\nstart_reps = 8\nstep_per_day = 1\nmax_reps = 30",
        ["dosage.reps (5) differs from progression.start_reps (8)"],
    ),
]


def user_file(paths: AppPaths, name: str, text: str | bytes) -> Path:
    folder = paths.user_exercises_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages_for(loaded: CatalogLoad, path: Path) -> str:
    return "\n".join(p.message for p in loaded.problems if p.path == path)


def assert_packaged_intact(loaded: CatalogLoad) -> None:
    assert len(loaded.catalog.exercises) >= 10
    assert set(loaded.catalog.routines) >= {"daily", "stretches", "strength"}


def test_the_good_exercise_loads(app_paths: AppPaths) -> None:
    user_file(app_paths, "mine.toml", GOOD_EXERCISE)
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    assert "mine" in loaded.catalog.exercises


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [case[1:] for case in BAD_EXERCISES],
    ids=[case[0] for case in BAD_EXERCISES],
)
def test_bad_exercise_file_is_reported_and_skipped(
    app_paths: AppPaths, old: str, new: str, expected: list[str]
) -> None:
    assert old in GOOD_EXERCISE
    path = user_file(app_paths, "mine.toml", GOOD_EXERCISE.replace(old, new, 1))
    loaded = load_catalog(app_paths)
    said = messages_for(loaded, path)
    for fragment in expected:
        assert fragment in said
    assert "Traceback" not in said and "pydantic" not in said
    assert "mine" not in loaded.catalog.exercises
    assert_packaged_intact(loaded)


def test_file_that_is_not_utf8(app_paths: AppPaths) -> None:
    path = user_file(app_paths, "mine.toml", b'id = "mine"\nname = "\xff\xfe"\n')
    loaded = load_catalog(app_paths)
    assert "not UTF-8" in messages_for(loaded, path)
    assert_packaged_intact(loaded)


def test_exercises_path_that_is_a_file(app_paths: AppPaths) -> None:
    app_paths.config_dir.mkdir(parents=True)
    app_paths.user_exercises_dir.write_text("oops")
    loaded = load_catalog(app_paths)
    assert "is a file" in messages_for(loaded, app_paths.user_exercises_dir)
    assert_packaged_intact(loaded)


def test_duplicate_ids_in_the_same_layer(app_paths: AppPaths) -> None:
    first = user_file(app_paths, "a.toml", GOOD_EXERCISE)
    second = user_file(app_paths, "b.toml", GOOD_EXERCISE.replace("My stretch", "Other"))
    loaded = load_catalog(app_paths)
    said = messages_for(loaded, second)
    assert "duplicate id 'mine'" in said and first.name in said
    assert messages_for(loaded, first) == ""
    assert loaded.catalog.exercises["mine"].name == "My stretch"


# --- the packaged layer (a content dir given to check, as `check-content DIR` does) ------


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(packaged_content_dir(), target)
    return target


def test_copied_content_is_clean(content_copy: Path) -> None:
    loaded = load_catalog(None, content_dir=content_copy)
    assert loaded.problems == []
    assert loaded.content_dir == content_copy


def test_duplicate_ids_across_packaged_files(content_copy: Path) -> None:
    original = content_copy / "exercises" / "superman.toml"
    copy = content_copy / "exercises" / "zz-superman-copy.toml"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_catalog(None, content_dir=content_copy)
    said = messages_for(loaded, copy)
    assert "duplicate id 'superman'" in said and "superman.toml" in said
    assert len(loaded.catalog.exercises) == 10


def test_routine_naming_an_unknown_exercise_is_left_out(content_copy: Path) -> None:
    routines = content_copy / "routines.toml"
    text = routines.read_text(encoding="utf-8")
    assert '"cat-stretch", "seated' in text
    routines.write_text(text.replace('"cat-stretch", "seated', '"cat-strech", "seated'), "utf-8")
    loaded = load_catalog(None, content_dir=content_copy)
    said = messages_for(loaded, routines)
    assert "routine 'stretches'.exercises" in said
    assert "unknown exercise 'cat-strech'" in said
    assert "stretches" not in loaded.catalog.routines
    assert {"daily", "strength"} <= set(loaded.catalog.routines)


def test_routine_naming_a_misspelled_exercise_suggests_the_right_id(
    content_copy: Path,
) -> None:
    """A typo in an exercise id points to the id that was meant, like a typo in a key."""
    routines = content_copy / "routines.toml"
    text = routines.read_text(encoding="utf-8")
    routines.write_text(text.replace('"cat-stretch", "seated', '"cat-strech", "seated'), "utf-8")
    said = messages_for(load_catalog(None, content_dir=content_copy), routines)
    assert (
        "routine 'stretches'.exercises: unknown exercise 'cat-strech' (did you mean 'cat-stretch'?)"
    ) in said


def test_routine_with_a_typo_key(content_copy: Path) -> None:
    routines = content_copy / "routines.toml"
    text = routines.read_text(encoding="utf-8")
    assert text.count("times_per_day = 2") == 1
    routines.write_text(text.replace("times_per_day = 2", "times_a_day = 2"), "utf-8")
    loaded = load_catalog(None, content_dir=content_copy)
    said = messages_for(loaded, routines)
    assert "routine 'stretches': unknown key 'times_a_day'" in said


def test_broken_packaged_exercise_is_a_problem_too(content_copy: Path) -> None:
    broken = content_copy / "exercises" / "cat-stretch.toml"
    text = broken.read_text(encoding="utf-8")
    assert "{ value = 2, origin" in text
    broken.write_text(text.replace("{ value = 2, origin", "{ value = 0, origin"), "utf-8")
    loaded = load_catalog(None, content_dir=content_copy)
    assert "rep #3.seconds: must be more than 0" in messages_for(loaded, broken)
    assert "cat-stretch" not in loaded.catalog.exercises
    assert len(loaded.catalog.exercises) == 9


def test_missing_about_falls_back_to_the_built_in_credit(content_copy: Path) -> None:
    about = content_copy / "about.toml"
    about.unlink()
    loaded = load_catalog(None, content_dir=content_copy)
    assert "not found" in messages_for(loaded, about)
    assert "Medical News Today" in loaded.catalog.about.source


def test_missing_content_dir(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    loaded = load_catalog(None, content_dir=missing)
    assert "content directory not found" in messages_for(loaded, missing)
    assert loaded.catalog.exercises == {}


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ('pain_from = 8\norigin = "app"', "thresholds.severe.origin"),
        ("pain_from = 8", "thresholds.severe.pain_from"),
    ],
    ids=["said-to-be-the-source", "off-the-scale"],
)
def test_a_bad_threshold_names_the_file_and_the_field_and_keeps_the_safety_text(
    content_copy: Path, change: str, said: str
) -> None:
    """A threshold can only be the app's (the article gives none) and must be on the
    0-10 scale; a bad one is reported and the built-in text and thresholds are used."""
    about = content_copy / "about.toml"
    text = about.read_text(encoding="utf-8")
    assert change in text
    bad = 'pain_from = 8\norigin = "source"' if "origin" in change else "pain_from = 11"
    about.write_text(text.replace(change, bad), "utf-8")
    loaded = load_catalog(None, content_dir=content_copy)
    assert said in messages_for(loaded, about)
    assert loaded.catalog.about.thresholds.severe.pain_from == 8
    assert "Medical News Today" in loaded.catalog.about.source

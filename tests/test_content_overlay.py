"""The user's overlay: add an exercise, override a dosage, survive a broken file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from backcoach.core.content_errors import describe_validation_error
from backcoach.core.content_loader import load_catalog, packaged_content_dir
from backcoach.core.content_models import Exercise
from backcoach.core.content_overlay import mark_user_figures, merge_exercise
from backcoach.paths import AppPaths

NEW_EXERCISE = """\
id = "wall-sit"
name = "Wall sit"
kind = "strength"
works = "The thighs."
why = "My physiotherapist asked for it."
start_position = "Back against a wall."
steps = ["Slide down the wall.", "Hold.", "Stand up."]

[dosage]
sets = 2
reps = 3
rest_between_sets = 45

[[rep]]
kind = "move"
cue = "Slide down"
seconds = 2
step = 1

[[rep]]
kind = "hold"
cue = "Hold"
seconds = 20
step = 2
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def exercise_file(paths: AppPaths, name: str, text: str) -> Path:
    return write(paths.user_exercises_dir / name, text)


def test_no_config_dir_means_packaged_content_only(app_paths: AppPaths) -> None:
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    assert len(loaded.catalog.exercises) == 10
    assert loaded.user_files == ()
    assert not app_paths.config_dir.exists()  # loading never creates a directory


def test_user_adds_an_exercise(app_paths: AppPaths) -> None:
    exercise_file(app_paths, "wall-sit.toml", NEW_EXERCISE)
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    wall_sit = loaded.catalog.exercises["wall-sit"]
    assert loaded.user_added == {"wall-sit"}
    assert loaded.user_overridden == frozenset()
    assert wall_sit.dosage.reps.default == 3
    assert wall_sit.dosage.reps.origin == "user"
    assert wall_sit.rep[1].seconds is not None and wall_sit.rep[1].seconds.origin == "user"
    assert loaded.catalog.ordered_exercises()[-1].id == "wall-sit"  # after the packaged ten
    assert len(loaded.catalog.exercises) == 11


def test_user_overrides_only_the_reps(app_paths: AppPaths) -> None:
    exercise_file(app_paths, "my-bridges.toml", 'id = "bridges"\n[dosage]\nreps = 12\n')
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    bridges = loaded.catalog.exercises["bridges"]
    assert (bridges.dosage.reps.default, bridges.dosage.reps.origin) == (12, "user")
    assert (bridges.dosage.sets.default, bridges.dosage.sets.origin) == (3, "source")
    rest = bridges.dosage.rest_between_sets
    assert rest is not None and (rest.default, rest.origin) == (60, "source")
    assert bridges.name == "Bridges" and len(bridges.steps) == 4
    assert loaded.user_overridden == {"bridges"}
    assert loaded.user_files == (app_paths.user_exercises_dir / "my-bridges.toml",)


def test_user_picks_a_default_inside_the_sources_range(app_paths: AppPaths) -> None:
    text = 'id = "lower-back-rotation"\n[[rep]]\nkind = "hold"\ncue = "Hold"\n'
    text += "seconds = { low = 5, high = 10, default = 10 }\n"
    exercise_file(app_paths, "rotation.toml", text)
    exercise_file(app_paths, "knee.toml", 'id = "knee-to-chest"\n[dosage]\nreps = {default = 3}\n')
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    knee = loaded.catalog.exercises["knee-to-chest"].dosage.reps
    assert (knee.low, knee.high, knee.default, knee.origin) == (2, 3, 3, "user")
    # [[rep]] is a list: the user's phases replace the packaged ones whole.
    rotation = loaded.catalog.exercises["lower-back-rotation"]
    assert [p.kind for p in rotation.rep] == ["hold"]
    assert rotation.rep[0].seconds is not None
    assert rotation.rep[0].seconds.default == 10


def test_user_may_keep_their_own_origin(app_paths: AppPaths) -> None:
    text = 'id = "superman"\n[dosage]\nreps = { value = 8, origin = "app" }\n'
    exercise_file(app_paths, "superman.toml", text)
    reps = load_catalog(app_paths).catalog.exercises["superman"].dosage.reps
    assert (reps.default, reps.origin) == (8, "app")


def test_user_can_set_a_rest_to_zero_but_not_a_hold(app_paths: AppPaths) -> None:
    exercise_file(app_paths, "bridges.toml", 'id = "bridges"\n[dosage]\nrest_between_reps = 0\n')
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    rest = loaded.catalog.exercises["bridges"].dosage.rest_between_reps
    assert rest is not None and rest.default == 0


def test_bad_override_keeps_the_packaged_exercise(app_paths: AppPaths) -> None:
    path = exercise_file(app_paths, "superman.toml", 'id = "superman"\n[dosage]\nreps = -3\n')
    loaded = load_catalog(app_paths)
    said = [p.message for p in loaded.problems if p.path == path]
    assert "dosage.reps: must be more than 0, got -3" in said
    assert "your changes in superman.toml were not applied; the packaged Superman is used" in said
    assert loaded.problem_count == 1
    assert loaded.overrides_not_applied == {path: "Superman"}
    superman = loaded.catalog.exercises["superman"]
    assert (superman.dosage.reps.default, superman.dosage.reps.origin) == (10, "source")
    assert loaded.user_overridden == frozenset()


def test_broken_user_file_next_to_good_ones(app_paths: AppPaths) -> None:
    exercise_file(app_paths, "a-bridges.toml", 'id = "bridges"\n[dosage]\nreps = 12\n')
    broken = exercise_file(app_paths, "b-broken.toml", 'id = "cat-stretch"\n[dosage\n')
    exercise_file(app_paths, "c-wall-sit.toml", NEW_EXERCISE)
    loaded = load_catalog(app_paths)
    assert [p.path for p in loaded.problems] == [broken]
    assert "TOML syntax error at line 2" in loaded.problems[0].message
    exercises = loaded.catalog.exercises
    assert exercises["bridges"].dosage.reps.default == 12
    assert "wall-sit" in exercises
    assert exercises["cat-stretch"].dosage.reps.origin == "source"  # packaged, untouched
    assert len(exercises) == 11
    assert len(loaded.user_files) == 3


def test_user_routine_added_and_overridden(app_paths: AppPaths) -> None:
    exercise_file(app_paths, "wall-sit.toml", NEW_EXERCISE)
    write(
        app_paths.user_routines_file,
        '[[routine]]\nid = "physio"\nname = "Physio"\ndescription = "Mine."\n'
        'exercises = ["wall-sit", "bridges"]\n\n'
        '[[routine]]\nid = "strength"\nexercises = ["bridges", "superman"]\n',
    )
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    routines = loaded.catalog.routines
    assert routines["physio"].exercises == ["wall-sit", "bridges"]
    assert routines["strength"].exercises == ["bridges", "superman"]
    assert routines["strength"].name == "Strength"  # merged: only the list changed
    assert routines["physio"].origin == routines["strength"].origin == "user"
    assert routines["daily"].origin == "source"


def test_user_routine_with_unknown_exercise_keeps_the_packaged_one(app_paths: AppPaths) -> None:
    path = write(
        app_paths.user_routines_file,
        '[[routine]]\nid = "daily"\nexercises = ["bridges", "yoga"]\n',
    )
    loaded = load_catalog(app_paths)
    said = " | ".join(p.message for p in loaded.problems if p.path == path)
    assert "unknown exercise 'yoga'" in said
    assert "the packaged one is used" in said
    assert len(loaded.catalog.routines["daily"].exercises) == 10


def test_broken_user_routines_file(app_paths: AppPaths) -> None:
    path = write(app_paths.user_routines_file, "[[routine]\n")
    loaded = load_catalog(app_paths)
    assert [p.path for p in loaded.problems] == [path]
    assert "line 1" in loaded.problems[0].message
    assert set(loaded.catalog.routines) == {"daily", "stretches", "strength", "ten-minutes"}


def test_markup_looking_names_are_plain_text(app_paths: AppPaths) -> None:
    for number, name in enumerate(["[/bold", "[@click=app.quit]x"]):
        text = NEW_EXERCISE.replace('"wall-sit"', f'"odd-{number}"')
        text = text.replace('"Wall sit"', repr(name))
        exercise_file(app_paths, f"odd-{number}.toml", text)
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    assert loaded.catalog.exercises["odd-0"].name == "[/bold"
    assert loaded.catalog.exercises["odd-1"].name == "[@click=app.quit]x"


# --- whatever a user writes, the result is content or plain messages, never a crash -----

KEYS = ["dosage", "reps", "sets", "low", "high", "default", "value", "origin", "seconds"]
KEYS += ["rest_between_sets", "sides", "side_labels", "rep", "kind", "steps", "progression"]
SCALARS = st.one_of(
    st.integers(-5, 50),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["", "app", "user", "each_side", "hold", "x"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(override=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=4))
def test_any_override_gives_an_exercise_or_plain_messages(override: dict[str, Any]) -> None:
    base = tomllib.loads((packaged_content_dir() / "exercises" / "knee-to-chest.toml").read_text())
    raw = merge_exercise(base, mark_user_figures({"id": "knee-to-chest", **override}))
    try:
        Exercise.model_validate(raw)
    except ValidationError as error:
        lines = describe_validation_error(error, Exercise)
        assert lines
        assert all(line and "pydantic" not in line and "\n" not in line for line in lines)


def test_a_dosage_reps_override_on_the_pelvic_tilt_sets_where_it_starts(
    app_paths: AppPaths,
) -> None:
    from datetime import date

    from backcoach.core.history_models import History
    from backcoach.core.progression import reps_for_today

    exercise_file(app_paths, "pelvic-tilt.toml", 'id = "pelvic-tilt"\n[dosage]\nreps = 15\n')
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    tilt = loaded.catalog.exercises["pelvic-tilt"]
    assert tilt.progression is not None
    start = tilt.progression.start_reps
    assert (start.default, start.origin) == (15, "user")
    assert reps_for_today(tilt, History(), date(2026, 11, 25)) == 15


def test_a_start_reps_override_alone_also_sets_the_dosage(app_paths: AppPaths) -> None:
    exercise_file(
        app_paths, "pelvic-tilt.toml", 'id = "pelvic-tilt"\n[progression]\nstart_reps = 12\n'
    )
    loaded = load_catalog(app_paths)
    assert loaded.problems == []
    assert loaded.catalog.exercises["pelvic-tilt"].dosage.reps.default == 12


def test_a_start_above_the_cap_is_reported_and_the_packaged_tilt_kept(
    app_paths: AppPaths,
) -> None:
    path = exercise_file(app_paths, "pelvic-tilt.toml", 'id = "pelvic-tilt"\n[dosage]\nreps = 40\n')
    loaded = load_catalog(app_paths)
    said = [p.message for p in loaded.problems if p.path == path]
    assert any("start_reps (40) is above max_reps (30)" in m for m in said)
    assert loaded.catalog.exercises["pelvic-tilt"].dosage.reps.default == 10


def test_every_packaged_progression_starts_at_its_dosage_reps() -> None:
    loaded = load_catalog(None)
    assert loaded.problems == []
    progressing = [e for e in loaded.catalog.exercises.values() if e.progression is not None]
    assert progressing, "the pelvic tilt progresses"
    for exercise in progressing:
        assert exercise.progression is not None
        assert exercise.dosage.reps.default == exercise.progression.start_reps.default


def test_a_huge_override_is_refused_and_the_packaged_exercise_used(app_paths: AppPaths) -> None:
    text = 'id = "bridges"\n[dosage]\nsets = 100\nreps = 10000\nrest_between_sets = 30\n'
    path = exercise_file(app_paths, "bridges.toml", text)
    loaded = load_catalog(app_paths)
    said = "\n".join(p.message for p in loaded.problems if p.path == path)
    assert "dosage.sets: must be at most 20, got 100" in said
    assert "dosage.reps: must be at most 200, got 10000" in said
    assert "your changes in bridges.toml were not applied; the packaged Bridges is used" in said
    assert loaded.problem_count == 2
    assert loaded.problems_by_file() == {path: [p for p in loaded.problems if p.counted]}
    assert loaded.catalog.exercises["bridges"].dosage.reps.origin == "source"


def test_bad_new_user_exercise_is_said_to_be_left_out_but_counted_once(
    app_paths: AppPaths,
) -> None:
    """A new exercise has no packaged one to fall back on: it is left out, and said so."""
    path = exercise_file(app_paths, "wall-sit.toml", NEW_EXERCISE.replace("sets = 2", "setz = 2"))
    loaded = load_catalog(app_paths)
    said = [p.message for p in loaded.problems if p.path == path]
    assert said[-1] == "Wall sit from wall-sit.toml is left out"
    assert loaded.problem_count == 1
    assert str(loaded.tally) == "1 problem in 1 file"
    assert "wall-sit" not in loaded.catalog.exercises


def test_bad_user_routine_override_is_one_problem_and_the_packaged_one_is_used(
    app_paths: AppPaths,
) -> None:
    """'the packaged one is used' says what followed; it is not a second problem."""
    path = write(
        app_paths.user_routines_file,
        '[[routine]]\nid = "daily"\nexercises = ["bridges", "yoga"]\n',
    )
    loaded = load_catalog(app_paths)
    said = [p.message for p in loaded.problems if p.path == path]
    assert said == [
        "routine 'daily'.exercises: unknown exercise 'yoga'",
        "routine 'daily': the packaged one is used",
    ]
    assert loaded.problem_count == 1
    assert "left out" not in " ".join(said)

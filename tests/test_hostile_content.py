"""Hostile content files: control characters, strict numbers, sizes that would freeze
the app, non-regular files and deep nesting each give a message naming the file and
the field, never a traceback; the packaged content stays in use."""

from __future__ import annotations

import os

import pytest

from backcoach.core.content_loader import (
    MAX_CONTENT_BYTES,
    MAX_EXERCISE_FILES,
    CatalogLoad,
    load_catalog,
)
from backcoach.core.visible_text import has_control_characters
from backcoach.paths import AppPaths
from test_content_validation import GOOD_EXERCISE


def _load_user_file(app_paths: AppPaths, text: str, name: str = "mine.toml") -> CatalogLoad:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return load_catalog(app_paths)


def _messages(loaded: CatalogLoad) -> str:
    return "\n".join(str(problem) for problem in loaded.problems)


ESCAPES = {
    "title": "\x1b]2;TITLE\x07",
    "clear screen": "\x1b[2J",
    "clipboard": "\x1b]52;c;ZWNobyBoaQ==\x07",
    "C1 CSI": "\x9b2J",
    "DEL": "\x7f",
}


@pytest.mark.parametrize("kind", sorted(ESCAPES))
@pytest.mark.parametrize(
    ("field", "original"),
    [("name", 'name = "My stretch"'), ("cue", 'cue = "Hold"'), ("why", 'why = "It helps."')],
)
def test_a_control_character_in_content_text_is_refused_naming_file_and_field(
    app_paths: AppPaths, kind: str, field: str, original: str
) -> None:
    escape = ESCAPES[kind].encode("unicode_escape").decode().replace("\\x", "\\u00")
    text = GOOD_EXERCISE.replace(original, original[:-1] + escape + '"')
    loaded = _load_user_file(app_paths, text)
    assert "mine" not in loaded.catalog.exercises
    message = _messages(loaded)
    assert "mine.toml" in message and field in message and "control character" in message
    assert not has_control_characters(message, keep_layout=True)  # the message is safe too


def test_a_paragraph_may_hold_newline_and_tab(app_paths: AppPaths) -> None:
    text = GOOD_EXERCISE.replace('why = "It helps."', 'why = "It helps.\\n\\tA lot."')
    loaded = _load_user_file(app_paths, text)
    assert loaded.catalog.exercises["mine"].why == "It helps.\n\tA lot."


def test_a_name_may_not_hold_a_newline(app_paths: AppPaths) -> None:
    text = GOOD_EXERCISE.replace('name = "My stretch"', 'name = "My\\nstretch"')
    loaded = _load_user_file(app_paths, text)
    assert "name: holds a control character" in _messages(loaded)


def test_a_quoted_key_with_an_escape_is_reported_escaped(app_paths: AppPaths) -> None:
    loaded = _load_user_file(app_paths, GOOD_EXERCISE + '\n"\\u001b[2J" = 1\n')
    message = _messages(loaded)
    assert "unknown key" in message and "\\x1b[2J" in message
    assert not has_control_characters(message, keep_layout=True)


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        ("reps = 5", "reps = true", "true/false"),
        ("reps = 5", 'reps = "5"', "not the text '5'"),
        ("reps = 5", "reps = { low = true }", "low: expected a number, got true"),
        ("reps = 5", 'reps = { value = "5" }', "expected a number, got '5'"),
        ("step = 1", "step = true", "rep #1.step: expected a whole number, got true"),
        ("seconds = 5", "seconds = inf", "finite number"),
        ("seconds = 5", "seconds = nan", "finite number"),
        ("seconds = 5", "seconds = { value = 1e400 }", "finite number"),
    ],
)
def test_a_wrong_type_or_a_non_finite_number_is_refused(
    app_paths: AppPaths, before: str, after: str, words: str
) -> None:
    loaded = _load_user_file(app_paths, GOOD_EXERCISE.replace(before, after))
    assert "mine" not in loaded.catalog.exercises
    assert words in _messages(loaded)


@pytest.mark.parametrize(
    ("what", "change", "words"),
    [
        (
            "10,000 rep phases",
            lambda t: t + '\n[[rep]]\nkind = "confirm"\ncue = "Go"\n' * 10_000,
            "too large",
        ),
        (
            "100,000 steps",
            lambda t: t.replace('steps = ["Do it."]', "steps = [" + '"a",' * 100_000 + "]"),
            "too large",
        ),
        (
            "a 10 MB why",
            lambda t: t.replace('why = "It helps."', f'why = "{"x" * 10_000_000}"'),
            "too large",
        ),
        (
            "a 1 MB name",
            lambda t: t.replace('name = "My stretch"', f'name = "{"x" * 1_000_000}"'),
            "too large",
        ),
        (
            "41 rep phases",
            lambda t: t + '\n[[rep]]\nkind = "confirm"\ncue = "Go"\n' * 40,
            "rep: has too many entries (at most 40)",
        ),
        (
            "41 steps",
            lambda t: t.replace('steps = ["Do it."]', "steps = [" + '"a",' * 41 + "]"),
            "steps: has too many entries (at most 40)",
        ),
        (
            "a long why",
            lambda t: t.replace('why = "It helps."', f'why = "{"x" * 4001}"'),
            "why: is too long (at most 4000 characters)",
        ),
        (
            "a long name",
            lambda t: t.replace('name = "My stretch"', f'name = "{"x" * 101}"'),
            "name: is too long (at most 100 characters)",
        ),
    ],
)
def test_content_sizes_that_would_freeze_the_app_are_refused(
    app_paths: AppPaths, what: str, change: object, words: str
) -> None:
    assert callable(change)
    loaded = _load_user_file(app_paths, change(GOOD_EXERCISE))
    assert "mine" not in loaded.catalog.exercises, what
    message = _messages(loaded)
    assert "mine.toml" in message and words in message
    assert len(message) < 2000  # a huge value is never echoed


def test_ten_thousand_routines_are_cut_to_the_limit_with_a_message(app_paths: AppPaths) -> None:
    app_paths.config_dir.mkdir(parents=True)
    routine = '[[routine]]\nid = "r{n}"\nname = "R"\ndescription = "D"\nexercises = ["bridges"]\n'
    text = "".join(routine.format(n=n) for n in range(10_000))
    app_paths.user_routines_file.write_text(text)
    loaded = load_catalog(app_paths)
    assert "limit" in _messages(loaded) and "routines.toml" in _messages(loaded)
    assert len(loaded.catalog.routines) <= 103  # three packaged, at most 100 of the file


def test_more_exercise_files_than_the_limit_are_cut_with_a_message(app_paths: AppPaths) -> None:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    for n in range(MAX_EXERCISE_FILES + 5):
        (folder / f"e{n:05}.toml").write_text(GOOD_EXERCISE.replace('"mine"', f'"e{n:05}"'))
    loaded = load_catalog(app_paths)
    assert f"more than the limit of {MAX_EXERCISE_FILES}" in _messages(loaded)
    assert "e00000" in loaded.catalog.exercises
    assert f"e{MAX_EXERCISE_FILES + 4:05}" not in loaded.catalog.exercises


def test_a_toml_array_a_thousand_deep_is_a_message(app_paths: AppPaths) -> None:
    text = GOOD_EXERCISE.replace('steps = ["Do it."]', "steps = " + "[" * 1000 + "]" * 1000)
    loaded = _load_user_file(app_paths, text)
    assert "mine.toml: nested too deeply" in _messages(loaded)


@pytest.mark.parametrize("kind", ["fifo", "directory", "dev-zero", "dev-urandom"])
def test_a_content_file_that_is_not_a_regular_file_is_refused(
    app_paths: AppPaths, kind: str
) -> None:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    path = folder / "mine.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero" if kind == "dev-zero" else "/dev/urandom")
    loaded = load_catalog(app_paths)
    assert f"{path}: cannot be read: not a regular file" in _messages(loaded)
    assert len(loaded.catalog.exercises) == 10  # the packaged ones are all there


def test_a_content_file_with_a_bom_is_read(app_paths: AppPaths) -> None:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_bytes(b"\xef\xbb\xbf" + GOOD_EXERCISE.encode())
    loaded = load_catalog(app_paths)
    assert "mine" in loaded.catalog.exercises, _messages(loaded)


def test_a_file_name_with_an_escape_is_shown_escaped(app_paths: AppPaths) -> None:
    loaded = _load_user_file(app_paths, "id = 1\n", name="\x1b[2J.toml")
    assert "\\x1b[2J.toml" in _messages(loaded)
    assert not has_control_characters(_messages(loaded), keep_layout=True)


def test_a_long_name_is_cut_in_every_message(app_paths: AppPaths) -> None:
    long_name = "n" * 200_000  # under the file's size limit, over the name's
    loaded = _load_user_file(app_paths, GOOD_EXERCISE.replace("My stretch", long_name))
    assert "is too long" in _messages(loaded) and "(200000 characters)" in _messages(loaded)
    assert len(_messages(loaded)) < 2000


def test_content_over_the_total_size_is_not_read_with_a_message(app_paths: AppPaths) -> None:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    padding = "# " + "x" * 100_000 + "\n"  # a comment: each file is valid, and 100 KB
    count = MAX_CONTENT_BYTES // 100_000 + 2
    for n in range(count):
        (folder / f"e{n}.toml").write_text(padding + GOOD_EXERCISE.replace('"mine"', f'"e{n}"'))
    loaded = load_catalog(app_paths)
    assert "e0" in loaded.catalog.exercises
    assert f"e{count - 1}" not in loaded.catalog.exercises
    assert f"e{count - 1}.toml: not read: content files may hold 512 KB in all" in _messages(loaded)

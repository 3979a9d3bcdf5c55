"""``backcoach check-content``: lists every exercise with its dosage; exit 1 on any problem."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.core.content_loader import load_catalog, packaged_content_dir
from backcoach.paths import AppPaths
from backcoach.tui.notices import content_notice
from expected_content import EXERCISE_NAMES


def cli(paths: AppPaths, *args: str) -> int:
    return main(["--config-dir", str(paths.config_dir), "--data-dir", str(paths.data_dir), *args])


def test_lists_the_ten_exercises_with_their_dosage(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(app_paths, "check-content") == 0
    out, err = capsys.readouterr()
    assert err == ""
    positions = [out.index(name) for name in EXERCISE_NAMES]
    assert positions == sorted(positions)  # in the sheet's order
    assert "Bridges" in out and "3 sets x 15 reps, rest 3 s* between reps," in out
    assert "rest 60 s between sets" in out
    assert "10* reps" in out  # the pelvic tilt's start is marked as an app default
    assert "* app default" in out
    assert f"Content: {packaged_content_dir()}" in out
    assert "Routines (4)" in out and "daily" in out and "stretches" in out
    assert "Ten minutes: 3 exercises (the app's choice), once a day" in out
    assert not app_paths.config_dir.exists() and not app_paths.data_dir.exists()


def test_long_dosage_lines_wrap_between_parts(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(app_paths, "check-content")
    out = capsys.readouterr().out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "hold 5 s" in out  # never split inside a figure


def test_marks_user_overrides_and_exits_1_on_a_bad_user_file(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    (folder / "superman.toml").write_text('id = "superman"\n[dosage]\nreps = 12\n')
    (folder / "typo.toml").write_text('id = "bridges"\n[dosage]\nrepz = 12\n')
    assert cli(app_paths, "check-content") == 1
    out, err = capsys.readouterr()
    assert "12 (yours) reps" in out and "(changed by your file)" in out
    assert all(name in out for name in EXERCISE_NAMES)
    assert "1 problem in 1 file:" in err
    assert "your changes in typo.toml were not applied; the packaged Bridges is used" in err
    assert f"{folder / 'typo.toml'}: dosage: unknown key 'repz' (did you mean 'reps'?)" in err


def test_checks_a_given_directory_alone(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "mine"
    shutil.copytree(packaged_content_dir(), copy)
    (copy / "exercises" / "superman.toml").unlink()
    assert cli(app_paths, "check-content", str(copy)) == 1  # daily names the missing superman
    out, err = capsys.readouterr()
    assert f"Content: {copy}" in out
    assert "Exercises (9)" in out
    assert "unknown exercise 'superman'" in err and str(copy / "routines.toml") in err


def test_markup_looking_name_is_printed_as_is(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    bridges = (packaged_content_dir() / "exercises" / "bridges.toml").read_text()
    text = bridges.replace('id = "bridges"', 'id = "odd"').replace(
        'name = "Bridges"', 'name = "[@click=app.quit]x [/bold"'
    )
    app_paths.user_exercises_dir.mkdir(parents=True)
    (app_paths.user_exercises_dir / "odd.toml").write_text(text)
    assert cli(app_paths, "check-content") == 0
    out = capsys.readouterr().out
    # A user's exercise: every figure in it is the user's own, marked "(yours)".
    assert re.search(r"\[@click=app\.quit\]x \[/bold +3 \(yours\) sets x 15 \(yours\) reps", out)
    assert "(your exercise)" in out


def test_no_traceback_on_garbage(tmp_path: Path) -> None:
    """A real process on a content dir full of mistakes: messages, exit 1, no traceback."""
    content = tmp_path / "content"
    (content / "exercises").mkdir(parents=True)
    (content / "exercises" / "a.toml").write_bytes(b"\xff\xfe garbage")
    (content / "exercises" / "b.toml").write_text("id = [1, 2\n")
    (content / "exercises" / "c.toml").write_text('id = "c"\nsteps = 3\n[dosage]\nreps = "x"\n')
    (content / "routines.toml").write_text('routine = "daily"\n')
    (content / "about.toml").write_text("source = 1\n")
    env = {**os.environ, "BACKCOACH_CONFIG_DIR": str(tmp_path / "cfg")}
    env["BACKCOACH_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "backcoach", "check-content", str(content)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name in ["a.toml", "b.toml", "c.toml", "routines.toml", "about.toml"]:
        assert name in result.stderr
    assert "Exercises (0)" in result.stdout


def test_one_misspelled_key_is_one_problem_in_check_content_and_in_the_app(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app and check-content read the same file: they must give the same count."""
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    (folder / "bridges.toml").write_text('id = "bridges"\n[dosage]\nrepz = 12\n')
    assert cli(app_paths, "check-content") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "1 problem in 1 file:"
    notice = content_notice(load_catalog(app_paths).problems)
    assert notice is not None
    assert notice.problems == 1 and notice.files == (str(folder / "bridges.toml"),)
    assert "(1 problem in 1 file)" in notice.text
    # The packaged exercise is used: nothing may say the content is left out.
    assert "left out" not in notice.text
    assert "your changes in bridges.toml were not applied; the packaged Bridges is used" in (
        notice.text
    )


def test_a_users_figure_is_not_shown_as_12_plus(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """``12+`` reads as "12 or more"; the mark means "your own figure", so it says that."""
    folder = app_paths.user_exercises_dir
    folder.mkdir(parents=True)
    (folder / "bridges.toml").write_text(
        'id = "bridges"\n[dosage]\nreps = { low = 12, high = 15 }\n'
    )
    (folder / "superman.toml").write_text('id = "superman"\n[dosage]\ntimes_per_day = 2\n')
    assert cli(app_paths, "check-content") == 0
    out = capsys.readouterr().out
    assert "+" not in out
    assert "3 sets x 12-15 (yours) reps" in out
    assert "twice a day (yours)" in out
    assert "(yours) a figure from your file" in out


def test_a_user_routine_with_a_misspelled_exercise_gets_a_did_you_mean(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """check-content shows the loader's problem, with the suggestion, to the user."""
    app_paths.config_dir.mkdir(parents=True)
    app_paths.user_routines_file.write_text(
        '[[routine]]\nid = "mine"\nname = "Mine"\ndescription = "Mine."\n'
        'exercises = ["bridges", "cat-strech"]\n'
    )
    assert cli(app_paths, "check-content") == 1
    err = capsys.readouterr().err
    assert (
        f"{app_paths.user_routines_file}: routine 'mine'.exercises: unknown exercise"
        " 'cat-strech' (did you mean 'cat-stretch'?)"
    ) in err
    assert "routine 'mine' is left out" in err
    assert err.splitlines()[0] == "1 problem in 1 file:"

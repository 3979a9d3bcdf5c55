"""``backcoach --far-view --voice cues --sound off --hands-free``: settings for one run.

The flags are parsed into a ``RunOverrides`` handed to ``launch``; the app itself is
not started here (``launch`` is replaced by a recorder).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach import cli
from backcoach.core.run_overrides import RunOverrides
from backcoach.paths import AppPaths
from backcoach.tui import launch as launch_module


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[RunOverrides | None]:
    """The overrides each (recorded, not run) launch was given."""
    calls: list[RunOverrides | None] = []

    def fake_launch(paths: AppPaths, clock: object = None, *, overrides: RunOverrides) -> int:
        calls.append(overrides)
        return 0

    monkeypatch.setattr(launch_module, "launch", fake_launch)
    return calls


def dirs(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], RunOverrides()),
        (["run"], RunOverrides()),
        (
            ["--far-view", "--voice", "cues", "--sound", "off", "--hands-free"],
            RunOverrides(sound=False, voice="cues", far_view=True, hands_free=True),
        ),
        (["run", "--voice", "full", "--sound", "on"], RunOverrides(sound=True, voice="full")),
        (["--far-view", "run"], RunOverrides(far_view=True)),
        (["--far-view", "run", "--no-far-view"], RunOverrides(far_view=False)),
        (["--no-hands-free", "--voice", "off"], RunOverrides(voice="off", hands_free=False)),
    ],
    ids=["none", "run", "all-four", "after-run", "before-run", "last-wins", "negatives"],
)
def test_the_flags_become_this_runs_overrides(
    tmp_path: Path,
    launched: list[RunOverrides | None],
    argv: list[str],
    expected: RunOverrides,
) -> None:
    assert cli.main([*dirs(tmp_path), *argv]) == 0
    assert launched == [expected]


def test_an_unknown_voice_level_is_refused_with_the_choices(
    tmp_path: Path, launched: list[RunOverrides | None], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main([*dirs(tmp_path), "--voice", "loud"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --voice: invalid choice: 'loud'" in err
    assert "'off', 'cues', 'full'" in err
    assert launched == [], "the app is not started"


def test_sound_takes_on_or_off(
    tmp_path: Path, launched: list[RunOverrides | None], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main([*dirs(tmp_path), "--sound", "yes"])
    assert stopped.value.code == 2
    assert "argument --sound: invalid choice: 'yes'" in capsys.readouterr().err
    assert launched == []


@pytest.mark.parametrize("command", ["status", "export", "check-content"])
def test_the_flags_are_for_running_the_app_not_for_the_other_commands(
    tmp_path: Path,
    launched: list[RunOverrides | None],
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main([*dirs(tmp_path), "--far-view", "--voice", "cues", command])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--voice cues --far-view: for running the app (no command, or run)" in err
    assert f"not for {command}" in err
    assert launched == []
    assert not (tmp_path / "data").exists(), "nothing ran"


def test_after_a_command_the_flags_are_unknown_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main([*dirs(tmp_path), "status", "--far-view"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --far-view" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"]], ids=["backcoach", "run"])
def test_help_lists_the_flags_as_for_this_run_only(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for flag in (
        "--far-view, --no-far-view",
        "--voice {off,cues,full}",
        "--sound {on,off}",
        "--hands-free, --no-hands-free",
    ):
        assert flag in out
    assert "for this run only (the saved settings are not changed)" in out
    assert "(app default)" in out, "the hands-free tempo is marked as the app's"

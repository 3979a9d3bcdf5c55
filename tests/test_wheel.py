"""The wheel carries the content and the cue sounds: build it, install it into a fresh venv
outside the checkout, and run that venv's ``backcoach check-content`` from an unrelated
directory.

The fresh venv gets its dependencies from this test's own environment through a ``.pth``
file, so nothing is downloaded and the test stays quick.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from backcoach.core.cue_sounds import SoundName
from expected_content import EXERCISE_NAMES

REPO = Path(__file__).resolve().parents[1]


def run(
    args: list[str | Path], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env
    )


def build_wheel(out_dir: Path) -> Path:
    if importlib.util.find_spec("hatchling") is not None:
        command: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        command += ["--outdir", out_dir, REPO]
    else:  # needs the network for an isolated build environment
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out_dir, REPO]
    result = run(command, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out_dir.glob("backcoach-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the checkout, outside it."""
    root = tmp_path_factory.mktemp("wheel-build")
    assert not root.resolve().is_relative_to(REPO)
    return build_wheel(root / "dist")


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the built wheel installed; returns its bin directory."""
    root = tmp_path_factory.mktemp("wheel-test")
    assert not root.resolve().is_relative_to(REPO)
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site_packages = Path(run([bin_dir / "python", "-c", where]).stdout.strip())
    # Dependencies (pydantic, platformdirs, ...) from this environment, not the network.
    ours = sysconfig.get_paths()["purelib"]
    (site_packages / "zz_backcoach_test_deps.pth").write_text(ours + "\n")
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", bin_dir / "python"]
    result = run([*pip, "install", "--no-deps", "--no-index", "--quiet", wheel])
    assert result.returncode == 0, result.stdout + result.stderr
    return bin_dir


def test_wheel_ships_the_content(installed: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        HOME=str(tmp_path),
        BACKCOACH_CONFIG_DIR=str(tmp_path / "config"),
        BACKCOACH_DATA_DIR=str(tmp_path / "data"),
    )
    result = run([installed / "backcoach", "check-content"], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for name in EXERCISE_NAMES:
        assert name in out
    assert "Exercises (10)" in out
    content_line = next(line for line in out.splitlines() if line.startswith("Content: "))
    content_dir = Path(content_line.removeprefix("Content: "))
    venv_dir = installed.parent
    assert content_dir.is_relative_to(venv_dir), content_dir
    assert content_dir.parts[-2:] == ("backcoach", "content")
    assert not content_dir.is_relative_to(REPO)


def test_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    code = "import backcoach, sys; print(backcoach.__file__)"
    result = run([installed / "python", "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed.parent)


def test_wheel_ships_the_cue_sounds(wheel: Path) -> None:
    """Every sound's WAV is in the wheel, byte for byte the committed one."""
    wavs = REPO / "src" / "backcoach" / "audio" / "wavs"
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            name.removeprefix("backcoach/audio/wavs/"): archive.read(name)
            for name in archive.namelist()
            if name.startswith("backcoach/audio/wavs/")
        }
    assert sorted(shipped) == sorted(sound.file_name for sound in SoundName)
    for name, data in shipped.items():
        assert data == (wavs / name).read_bytes(), name


def test_installed_sounds_are_real_files_for_the_players(installed: Path, tmp_path: Path) -> None:
    code = (
        "from backcoach.audio.players import sound_file\n"
        "from backcoach.core.cue_sounds import SoundName\n"
        "for sound in SoundName:\n"
        "    print(sound_file(sound))\n"
    )
    result = run([installed / "python", "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == len(SoundName)
    for path in paths:
        assert path.is_file() and path.is_relative_to(installed.parent), path
        assert not path.is_relative_to(REPO)

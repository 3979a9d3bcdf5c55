"""``pipx install .`` and ``uv tool install .`` give a working ``backcoach``, where the tool
is installed (they are users' tools, not the CI's: skipped when absent).

Each installs into its own temporary homes, never the user's, and the installed
``backcoach`` runs ``check-content`` from an unrelated directory, like the wheel test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from expected_content import EXERCISE_NAMES

REPO = Path(__file__).resolve().parents[1]


def tool_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        HOME=str(tmp_path / "home"),
        BACKCOACH_DATA_DIR=str(tmp_path / "data"),
        BACKCOACH_CONFIG_DIR=str(tmp_path / "config"),
        **extra,
    )
    return env


def check_installed(program: Path, tmp_path: Path, env: dict[str, str]) -> None:
    assert program.exists(), f"{program} was not installed"
    result = subprocess.run(
        [str(program), "check-content"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Exercises (10)" in result.stdout
    assert all(name in result.stdout for name in EXERCISE_NAMES)
    content = next(line for line in result.stdout.splitlines() if line.startswith("Content: "))
    assert not Path(content.removeprefix("Content: ")).is_relative_to(REPO)


@pytest.mark.skipif(shutil.which("pipx") is None, reason="pipx is not installed")
def test_pipx_install(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    env = tool_env(
        tmp_path,
        PIPX_HOME=str(tmp_path / "pipx"),
        PIPX_BIN_DIR=str(bin_dir),
        PIPX_MAN_DIR=str(tmp_path / "man"),
    )
    result = subprocess.run(
        ["pipx", "install", str(REPO)], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    check_installed(bin_dir / "backcoach", tmp_path, env)


@pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")
def test_uv_tool_install(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    env = tool_env(tmp_path, UV_TOOL_DIR=str(tmp_path / "tools"), UV_TOOL_BIN_DIR=str(bin_dir))
    result = subprocess.run(
        ["uv", "tool", "install", str(REPO)], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    check_installed(bin_dir / "backcoach", tmp_path, env)

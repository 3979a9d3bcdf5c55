"""``make run`` in a fresh checkout installs only what the app needs: the test reads the
new venv's installed distributions (no pytest, mypy, ruff or hypothesis), and
``make test`` would add the dev extras on top.

The checkout is a copy of the files ``make`` and pip use, without any ``.venv``; pip
installs the runtime dependencies from the package index (its cache when warm).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECKOUT_FILES = ("Makefile", "pyproject.toml", "constraints.txt", "README.md", "src", "content")
DEV_TOOLS = ("pytest", "mypy", "ruff", "hypothesis", "pytest-textual-snapshot")

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

LIST_INSTALLED = (
    "import importlib.metadata as m, json; "
    "print(json.dumps(sorted({d.metadata['Name'].lower() for d in m.distributions()})))"
)


def fresh_checkout(root: Path) -> Path:
    checkout = root / "backcoach"
    checkout.mkdir()
    for name in CHECKOUT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, checkout / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(source, checkout / name)
    return checkout


def test_make_run_installs_the_app_and_none_of_the_dev_tools(tmp_path: Path) -> None:
    checkout = fresh_checkout(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(BACKCOACH_DATA_DIR=str(tmp_path / "data"), BACKCOACH_CONFIG_DIR=str(tmp_path / "c"))
    result = subprocess.run(
        ["make", "run", "ARGS=--version", f"PYTHON={sys.executable}"],
        cwd=checkout,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "backcoach " in result.stdout
    venv_python = checkout / ".venv" / "bin" / "python"
    listed = subprocess.run(
        [str(venv_python), "-c", LIST_INSTALLED], capture_output=True, text=True, check=True
    )
    installed = set(json.loads(listed.stdout))
    assert {"backcoach", "textual", "pydantic", "platformdirs"} <= installed
    assert installed.isdisjoint(DEV_TOOLS), sorted(installed & set(DEV_TOOLS))
    # ... and `make test` would install the dev extras next (dry run: nothing is run).
    planned = subprocess.run(
        ["make", "-n", "test"], cwd=checkout, capture_output=True, text=True, env=env
    )
    assert planned.returncode == 0, planned.stderr
    assert "-e '.[dev]'" in planned.stdout
    assert "-e .\n" not in planned.stdout, "the runtime level is not installed twice"

"""The core, the audio backends and the CLI commands never import textual, and importing
creates no directory (nor, for the audio, a thread).

Each check runs in a fresh interpreter, so modules imported by other tests (the TUI's)
cannot hide an import of textual.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

WALK = r"""
import importlib, importlib.util, json, pkgutil, sys
import backcoach

def walk(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.startswith("backcoach.tui") or info.name == "backcoach.__main__":
            continue  # the TUI may import textual; __main__ would start the app
        module = importlib.import_module(info.name)
        if info.ispkg:
            walk(module)

walk(backcoach)
"""

CLI_PATHS = r"""
from backcoach.cli import main
codes = {"check-content": main(["check-content"])}
if importlib.util.find_spec("backcoach.commands.status") is not None:
    codes["status"] = main(["status"])
    codes["status --json"] = main(["status", "--json"])
textual = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
imported = sorted(m for m in sys.modules if m.startswith("backcoach"))
import threading
threads = sorted(t.name for t in threading.enumerate())
print("RESULT " + json.dumps(
    {"codes": codes, "textual": textual, "imported": imported, "threads": threads}
))
"""

NO_DIRS = r"""
from backcoach.paths import resolve_paths
from backcoach.core.content_loader import load_catalog
paths = resolve_paths()
load_catalog(paths)
print("RESULT " + json.dumps({"data": str(paths.data_dir), "config": str(paths.config_dir)}))
"""


def run_python(code: str, home: Path, extra_env: dict[str, str] | None = None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BACKCOACH_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
        XDG_STATE_HOME=str(home / "xdg-state"),
        **(extra_env or {}),
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    data: dict[str, object] = json.loads(line.removeprefix("RESULT "))
    return data


def test_core_and_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run_python(WALK + CLI_PATHS, home, {"BACKCOACH_DATA_DIR": str(tmp_path / "data")})
    assert result["textual"] == []
    imported = result["imported"]
    assert isinstance(imported, list)
    for module in [
        "backcoach.cli",
        "backcoach.paths",
        "backcoach.core.content_loader",
        "backcoach.core.content_models",
        "backcoach.core.describe",
        "backcoach.commands.check_content",
        # The audio backends are plain Python too: no textual, and nothing started.
        "backcoach.audio.output",
        "backcoach.audio.players",
        "backcoach.audio.speakers",
        "backcoach.audio.recording",
        "backcoach.core.cue_sounds",
    ]:
        assert module in imported
    assert not any(m.startswith("backcoach.tui") for m in imported)
    assert result["threads"] == ["MainThread"]
    codes = result["codes"]
    assert isinstance(codes, dict)
    assert codes["check-content"] == 0


def test_importing_and_loading_create_no_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run_python(WALK + NO_DIRS, home)
    # The default paths lie under this temporary home, and none of them exists yet.
    assert str(result["data"]).startswith(str(home))
    assert str(result["config"]).startswith(str(home))
    assert list(home.iterdir()) == []

"""``backcoach completion bash|zsh|fish``: a script generated from the parser by shtab,
naming every command; syntax-checked by the shell itself where that shell is installed.
shtab is imported by this command alone (not by ``status`` nor the app's start-up)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from backcoach.cli import COMPLETION_SHELLS, main

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
COMMANDS = ("check-content", "status", "export", "remind", "completion", "run")


def script_for(shell: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["completion", shell]) == 0
    return out.getvalue()


@pytest.mark.parametrize("shell", COMPLETION_SHELLS)
def test_the_script_names_every_command(shell: str) -> None:
    script = script_for(shell)
    for command in COMMANDS:
        assert command in script, (shell, command)
    assert "--data-dir" in script and "--snooze" in script


@pytest.mark.parametrize("shell", COMPLETION_SHELLS)
def test_the_shell_reads_the_script(shell: str, tmp_path: Path) -> None:
    program = shutil.which(shell)
    if program is None:
        if IN_CI:  # .ci/run installs it: missing there is a failure, not a skip
            pytest.fail(f"{shell} is not installed (Debian package {shell})")
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / f"backcoach.{shell}"
    path.write_text(script_for(shell))
    result = subprocess.run([program, "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_neither_status_nor_the_app_imports_shtab_or_the_reminders(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from backcoach.cli import main\n"
        f"main(['--data-dir', {str(tmp_path / 'd')!r}, 'status'])\n"
        "import backcoach.tui.launch, backcoach.tui.app\n"
        "late = [m for m in sys.modules if m in ('shtab', 'plistlib') or '.reminders' in m]\n"
        "assert late == [], late\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

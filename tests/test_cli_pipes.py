"""Every subcommand's output into a pipe whose reader is gone (``| head``): no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.cli import BROKEN_PIPE_EXIT


@pytest.mark.parametrize(
    "command", [["check-content"], ["status"], ["status", "--json"], ["export"]]
)
def test_a_closed_pipe_gives_no_traceback(tmp_path: Path, command: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has already gone: the first write fails
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "backcoach",
                "--data-dir",
                str(tmp_path / "data"),
                "--config-dir",
                str(tmp_path / "config"),
                *command,
            ],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr
    assert "BrokenPipeError" not in done.stderr
    assert done.returncode == BROKEN_PIPE_EXIT

"""Helpers for the audio tests: fake programs on a fake PATH, and a spawn that keeps count.

The fake programs are real tiny shell scripts, so the processes the audio code starts,
kills and reaps are real ones; only their names are borrowed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from backcoach.audio.processes import spawn_quietly

IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}

#: Generous bounds for waiting on a background thread or a child; never asserted on.
WAIT_S = 10.0

#: A program that runs until it is killed (``exec``: the pid stays the script's).
SLEEPS = "exec sleep 30"


def require_tool(name: str) -> str:
    """The tool's path; skips without it, but fails under CI (``.ci/run`` installs it)."""
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed, but CI=true: .ci/run must install it")
        pytest.skip(f"{name} is not installed")
    return found


def fake_program(directory: Path, name: str, body: str) -> Path:
    """An executable ``/bin/sh`` script called ``name`` in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


class FakeWhich:
    """A ``which`` that finds exactly ``programs`` and records every name asked for."""

    def __init__(self, programs: dict[str, Path | str] | None = None) -> None:
        self.programs = dict(programs or {})
        self.asked: list[str] = []

    def __call__(self, name: str) -> str | None:
        self.asked.append(name)
        found = self.programs.get(name)
        return None if found is None else str(found)


def nothing_on_path(name: str) -> str | None:
    return None


class SpawnRecorder:
    """Starts processes as the audio code would, and keeps each one and its argv.

    ``hold`` makes the next spawn wait until ``release``: the caller can show it was not
    the one waiting.
    """

    def __init__(self, spawn: Callable[[Sequence[str]], subprocess.Popen[bytes]] | None = None):
        self._spawn = spawn or spawn_quietly
        self.processes: list[subprocess.Popen[bytes]] = []
        self.argvs: list[list[str]] = []
        self.started = threading.Semaphore(0)
        self._gate = threading.Event()
        self._hold_next = False
        self.entered = threading.Event()

    def hold(self) -> None:
        self._hold_next = True

    def release(self) -> None:
        self._gate.set()

    def __call__(self, argv: Sequence[str]) -> subprocess.Popen[bytes]:
        self.argvs.append(list(argv))
        self.entered.set()
        held, self._hold_next = self._hold_next, False
        if held:
            assert self._gate.wait(WAIT_S), "the test never released the held spawn"
        process = self._spawn(argv)
        self.processes.append(process)
        self.started.release()
        return process

    def wait_for_starts(self, count: int) -> None:
        """Block until ``count`` more processes were started (fails after ``WAIT_S``)."""
        for _ in range(count):
            assert self.started.acquire(timeout=WAIT_S), "a process was never started"


def raise_os_error(argv: Sequence[str]) -> subprocess.Popen[bytes]:
    raise FileNotFoundError(2, "No such file or directory", argv[0])

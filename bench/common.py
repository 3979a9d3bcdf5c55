"""Shared pieces: the result row, child processes with their own rusage, tmux, settings.

Every figure is measured by a child process or an in-process timer with
``time.perf_counter``; peak memory and CPU of a child come from ``os.wait4`` (that
child's own rusage, not the running maximum over all children).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = sys.executable
REPO = Path(__file__).resolve().parent.parent
TERMINAL_SIZE = (80, 24)


class Skipped(Exception):
    """A benchmark that cannot run here (no tmux, the app part not written yet)."""


@dataclass
class Row:
    """One line of the table. ``ratio`` and ``target`` stay empty where there is no baseline."""

    benchmark: str
    measure: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.ok is None:
            return ""
        return "ok" if self.ok else "MISSED"


@dataclass
class Config:
    """Sizes for one run; ``tiny`` shrinks everything so the CI smoke test is quick."""

    tiny: bool = False
    repeat: int = 5
    days: int = 3652
    cpu_window_s: float = 20.0
    holds: int = 100
    hold_seconds: float = 1.0
    workdir: Path = field(default_factory=lambda: Path("/tmp"))

    @classmethod
    def make(cls, tiny: bool, workdir: Path, repeat: int | None = None) -> Config:
        if tiny:
            return cls(
                tiny=True,
                repeat=repeat or 1,
                days=15,
                cpu_window_s=1.0,
                holds=3,
                hold_seconds=0.3,
                workdir=workdir,
            )
        return cls(repeat=repeat or 5, workdir=workdir)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


@dataclass
class ChildResult:
    wall_s: float
    cpu_s: float
    maxrss_kib: int
    returncode: int
    stdout: str
    stderr: str


def run_child(
    argv: Sequence[str], env: dict[str, str] | None = None, timeout: float = 120.0
) -> ChildResult:
    """Run ``argv`` to completion; wall time from spawn to exit, and its own peak RSS/CPU."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-child-{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # blocks without using CPU
        finally:
            watchdog.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    out_path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)
    return ChildResult(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        maxrss_kib=usage.ru_maxrss,
        returncode=proc.returncode,
        stdout=stdout,
        stderr=stderr,
    )


def child_env(data_dir: Path, config_dir: Path) -> dict[str, str]:
    """The environment for a backcoach child: its own dirs (the cache beside the data
    dir, never the user's), no colour surprises."""
    env = dict(os.environ)
    env.update(
        BACKCOACH_DATA_DIR=str(data_dir),
        BACKCOACH_CONFIG_DIR=str(config_dir),
        BACKCOACH_CACHE_DIR=str(data_dir.parent / "cache"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYTHONPATH=str(REPO),
    )
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    return env


def acknowledge_safety(config_dir: Path) -> None:
    """Write settings that skip the first-run notice, so the exercise list is the first screen."""
    config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings = {"bell": False, "reduced_motion": False, "safety_acknowledged": True}
    (config_dir / "settings.json").write_text(json.dumps(settings), encoding="utf-8")


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


class Tmux:
    """A private tmux server (its own socket) running one command in an 80x24 window."""

    def __init__(self, workdir: Path, name: str) -> None:
        self.socket = str(workdir / f"tmux-{name}.sock")
        self.session = name

    def _tmux(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=True
        )
        return out.stdout

    def start(self, argv: Sequence[str], env: dict[str, str]) -> float:
        """Start ``argv`` in a fresh 80x24 session; returns the perf_counter time of launch.

        The command goes through a small script (the environment is too long for one
        tmux command line); ``exec`` makes the app the pane's own process.
        """
        width, height = TERMINAL_SIZE
        script = Path(self.socket).with_suffix(".sh")
        lines = [f"export {k}={_quote(v)}" for k, v in sorted(env.items()) if _exportable(k)]
        lines.append("exec " + " ".join(_quote(a) for a in argv))
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        self._tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", self.session,
            "-x", str(width), "-y", str(height), f"sh {_quote(str(script))}",
        )  # fmt: skip
        return start

    def pane_pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", self.session, "#{pane_pid}").strip())

    def capture(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.session)

    def send_keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.session, *keys)

    def wait_for(
        self, predicate: Callable[[str], bool], deadline_s: float, poll_s: float = 0.005
    ) -> tuple[float, str]:
        """Poll the screen until ``predicate`` holds; returns (perf_counter time, screen)."""
        end = time.perf_counter() + deadline_s
        screen = ""
        while time.perf_counter() < end:
            try:
                screen = self.capture()
            except subprocess.CalledProcessError:
                screen = ""
            if predicate(screen):
                return time.perf_counter(), screen
            time.sleep(poll_s)
        raise TimeoutError(f"screen never matched within {deadline_s} s; last screen:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, check=False)
        Path(self.socket).unlink(missing_ok=True)
        Path(self.socket).with_suffix(".sh").unlink(missing_ok=True)


def _exportable(key: str) -> bool:
    return key.isidentifier() and not key.startswith("TMUX")


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` from /proc, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def proc_peak_rss_kib(pid: int) -> int:
    """VmHWM (peak resident set) of ``pid``, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for pid {pid}")


def require(*modules: str) -> None:
    """Skip (not fail) a benchmark whose part of the app does not exist yet."""
    import importlib.util

    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            raise Skipped(f"{name} not written yet")

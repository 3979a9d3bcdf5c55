"""End to end: the real ``backcoach`` in tmux, driven by keys, checked through the saved history.

A user routine with one short exercise (one rep, a 2 s hold) runs in a few seconds of
real time. The screen is read with ``capture-pane`` in a polling loop with a deadline;
nothing here asserts how long anything took. In the far view the countdown is block
characters; the test reads them back with the app's font (``block_font_reading``).
Without tmux the tests are skipped, except under CI (``CI=true``), where ``.ci/run``
installs tmux and a skip would hide a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach.core.history_models import History
from block_font_reading import DIGITS, block_bands, read_block_text

TMUX_MISSING = shutil.which("tmux") is None
IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX_MISSING and not IN_CI, reason="tmux is not installed"),
]

DEADLINE_SECONDS = 30.0
POLL_SECONDS = 0.1

USER_EXERCISE = """
id = "e2e-hold"
name = "Quick test hold"
order = 300
kind = "stability"
works = "Nothing much: it checks the app end to end."
why = "A short exercise so the test runs in seconds."
start_position = "Sit comfortably."
steps = ["Hold still for a moment."]

[dosage]
reps = { value = 1, origin = "user" }

[[rep]]
kind = "hold"
cue = "Hold still"
seconds = { value = 2, origin = "user" }
step = 1
"""

USER_ROUTINES = """
[[routine]]
id = "e2e-quick"
name = "E2E quick routine"
description = "One short hold, for the end-to-end test."
exercises = ["e2e-hold"]
"""


class Tmux:
    """One private tmux server (its own socket file) running one backcoach."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket
        self.session = "backcoach"

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=True
        )
        return out.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        settings = [f"{key}={value}" for key, value in env.items()]
        self.run(
            "new-session", "-d", "-s", self.session, "-x", "100", "-y", "30",
            "env", *settings, *command,
        )  # fmt: skip

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-S", str(self.socket), "has-session", "-t", self.session],
                capture_output=True,
            ).returncode
            == 0
        )

    def wait_for(self, text: str) -> str:
        """Poll the screen until ``text`` shows; fail with the last screen at the deadline."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen() if self.alive() else ""
            if text in screen:
                return screen
            time.sleep(POLL_SECONDS)  # polling a real terminal, not timing anything
        raise AssertionError(f"{text!r} did not appear; last screen:\n{screen}")

    def wait_until_gone(self) -> None:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"backcoach did not quit; last screen:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True)
        self.socket.unlink(missing_ok=True)

    def wait_for_reading(self, alphabet: str, pattern: str) -> str:
        """Poll until some block text on screen reads as ``pattern``; return it."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen() if self.alive() else ""
            reading = block_reading(screen, alphabet, pattern)
            if reading is not None:
                return reading
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"no block text read as {pattern!r}; last screen:\n{screen}")

    def countdown(self, readings: int) -> list[str]:
        """The first ``readings`` different countdowns in block digits, in order. A
        reading counts once seen on two captures in a row: a capture can catch tmux
        half-way through drawing a frame."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        seen: list[str] = []
        last: str | None = None
        screen = ""
        while time.monotonic() < deadline and len(seen) < readings:
            screen = self.screen() if self.alive() else ""
            reading = block_reading(screen, DIGITS, r"\d+:\d\d")
            if reading is not None and reading == last and (not seen or seen[-1] != reading):
                seen.append(reading)
            last = reading
            time.sleep(POLL_SECONDS / 2)  # polling a real terminal, not timing anything
        assert len(seen) == readings, f"read only {seen}; last screen:\n{screen}"
        return seen


def block_reading(screen: str, alphabet: str, pattern: str) -> str | None:
    """The first band of block text on ``screen`` that reads as ``pattern``."""
    for band in block_bands(screen):
        reading = read_block_text(band, alphabet)
        if reading is not None and re.fullmatch(pattern, reading):
            return reading
    return None


def seconds_of(reading: str) -> int:
    minutes, seconds = reading.split(":")
    return int(minutes) * 60 + int(seconds)


def make_dirs(tmp_path: Path, settings: dict[str, object]) -> tuple[Path, Path]:
    data, config = tmp_path / "data", tmp_path / "config"
    (config / "exercises").mkdir(parents=True)
    (config / "exercises" / "e2e-hold.toml").write_text(USER_EXERCISE, encoding="utf-8")
    (config / "routines.toml").write_text(USER_ROUTINES, encoding="utf-8")
    (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    return data, config


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return make_dirs(tmp_path, {"safety_acknowledged": True, "sound": False})


@pytest.fixture
def far_dirs(tmp_path: Path) -> tuple[Path, Path]:
    return make_dirs(tmp_path, {"safety_acknowledged": True, "far_view": True, "sound": False})


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    if TMUX_MISSING:
        pytest.fail("tmux is not installed, but CI=true: CI must run the end-to-end test")
    # A short path: unix socket paths are limited to about 100 characters.
    server = Tmux(Path(tempfile.gettempdir()) / f"backcoach-e2e-{uuid.uuid4().hex[:12]}.sock")
    try:
        yield server
    finally:
        server.kill()


def backcoach_command() -> list[str]:
    script = Path(sys.executable).with_name("backcoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "backcoach"]


def environment(data: Path, config: Path) -> dict[str, str]:
    return {
        "BACKCOACH_DATA_DIR": str(data),
        "BACKCOACH_CONFIG_DIR": str(config),
        "BACKCOACH_CACHE_DIR": str(data.parent / "cache"),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }


def start_the_quick_routine(tmux: Tmux) -> None:
    """From home, choose the user's routine and start it (up to the pain question)."""
    home = tmux.wait_for("Today 0/1 routine session")
    assert "Streak 0 days" in home
    tmux.keys("End")  # the user's exercise comes after the ten
    tmux.wait_for("Quick test hold")

    tmux.keys("r")
    tmux.wait_for("Choose a routine")
    tmux.keys("End")
    chooser = tmux.wait_for("1 exercise (yours), once a day")  # the highlighted routine's details
    assert "E2E quick routine" in chooser
    assert "One short hold, for the end-to-end" in chooser

    tmux.keys("Enter")


def test_a_short_routine_from_start_to_history(tmux: Tmux, dirs: tuple[Path, Path]) -> None:
    data, config = dirs
    tmux.start(backcoach_command(), environment(data, config))
    start_the_quick_routine(tmux)
    tmux.wait_for("how is your back pain right now?")
    tmux.keys("Escape")  # skip the pain rating
    tmux.wait_for("Get ready: Sit comfortably.")
    tmux.keys("n")  # cut the get-ready rest short
    tmux.wait_for("HOLD")
    tmux.wait_for("how is your back pain now?")  # the hold ran out on its own
    tmux.keys("3", "Enter")
    summary = tmux.wait_for("Well done: E2E quick routine is complete.")
    assert "Quick test hold" in summary

    tmux.keys("Enter")
    home = tmux.wait_for("Today 1/1 routine session")
    assert "Streak 1 day" in home
    tmux.keys("q")
    tmux.wait_until_gone()

    from backcoach.clock import SystemClock
    from backcoach.core.store import HistoryStore

    saved = HistoryStore(data, SystemClock()).load().history
    (session,) = saved.sessions
    assert session.status == "completed"
    assert session.routine_id == "e2e-quick"
    assert session.pain_before is None
    assert session.pain_after == 3
    (exercise,) = session.exercises
    assert exercise.exercise_id == "e2e-hold"
    assert exercise.status == "completed"
    assert exercise.reps_done == 1
    assert exercise.holds_done == 1
    assert saved.flags == []


def test_the_far_view_counts_down_in_big_digits_once_a_second(
    tmux: Tmux, far_dirs: tuple[Path, Path]
) -> None:
    """settings.json asks for the far view: the get-ready rest and the hold show their
    seconds in block digits, one second less at each change."""
    data, config = far_dirs
    tmux.start(backcoach_command(), environment(data, config))
    start_the_quick_routine(tmux)
    tmux.wait_for("how is your back pain right now?")
    tmux.keys("3", "Enter")

    assert tmux.wait_for_reading("GET RADY", "GET READY") == "GET READY"
    getting_ready = tmux.countdown(4)  # of the 10 s get-ready
    steps = [seconds_of(a) - seconds_of(b) for a, b in itertools.pairwise(getting_ready)]
    assert steps == [1, 1, 1], getting_ready
    assert seconds_of(getting_ready[0]) <= 10

    tmux.keys("n")  # start the 2 s hold now
    assert tmux.wait_for_reading("HOLD", "HOLD") == "HOLD"
    holding = tmux.countdown(2)
    assert [seconds_of(r) for r in holding] == [2, 1]
    tmux.wait_for("how is your back pain now?")  # the hold ran out on its own


def test_the_report_from_history_after_a_session(
    tmux: Tmux, dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """A session, then h and r: the PDF lands in the documents folder, the path is said."""
    data, config = dirs
    documents = tmp_path / "Documents"
    documents.mkdir()
    tmux.start(
        backcoach_command(), {**environment(data, config), "XDG_DOCUMENTS_DIR": str(documents)}
    )
    start_the_quick_routine(tmux)
    tmux.wait_for("how is your back pain right now?")
    tmux.keys("4", "Enter")
    tmux.wait_for("Get ready: Sit comfortably.")
    tmux.keys("n")
    tmux.wait_for("how is your back pain now?")
    tmux.keys("2", "Enter")
    tmux.wait_for("Well done: E2E quick routine is complete.")
    tmux.keys("Enter")
    tmux.wait_for("Today 1/1 routine session")
    tmux.keys("h")
    tmux.wait_for("Pain before and after")
    tmux.keys("r")
    tmux.wait_for("Report written to")
    (written,) = documents.glob("backcoach-report-*.pdf")
    assert written.read_bytes().startswith(b"%PDF-")
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    tmux.keys("q")
    tmux.wait_for("Today 1/1 routine session")
    tmux.keys("q")
    tmux.wait_until_gone()


def saved_history(data: Path) -> History:
    """The history as the real app saved it, read back through the store."""
    from backcoach.clock import SystemClock
    from backcoach.core.store import HistoryStore

    store = HistoryStore(data, SystemClock())
    store.load()
    return store.history


def seed_unchanged_pain(data: Path, days: int = 28, pain: int = 6) -> None:
    """A session a day with the same pain before, ending today on this machine's clock
    (the real app runs on the real clock), written through the real store."""
    from datetime import datetime, time, timedelta

    from backcoach.clock import SystemClock
    from backcoach.core.store import HistoryStore
    from store_factory import session_on

    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    today = datetime.now().astimezone().date()
    sessions = [
        session_on(today - timedelta(days=n), pain=(pain, pain), hour=time.min.hour, zone=zone)
        for n in range(days)
    ]
    report = HistoryStore(data, SystemClock()).update(lambda h: h.sessions.extend(sessions))
    assert report.ok, report.message


def test_unchanged_pain_shows_the_notice_d_hides_it_and_severe_pain_gets_the_calm_screen(
    tmux: Tmux, dirs: tuple[Path, Path]
) -> None:
    """Issue 11: four weeks at 6 show the notice on home; d hides it and the dismissal is
    in the saved history, so the next start shows none; a pain before of 8 gets the article's
    advice and r makes today a rest day without a session."""
    data, config = dirs
    seed_unchanged_pain(data)
    tmux.start(backcoach_command(), environment(data, config))
    home = tmux.wait_for("has not eased: median 6 → 6 over two weeks")
    assert "see a doctor" in home
    tmux.keys("d")
    hidden = tmux.wait_for("The pain notice is")  # the toast (its lines wrap)
    assert "has not eased" not in hidden
    tmux.keys("q")
    tmux.wait_until_gone()
    (dismissal,) = saved_history(data).dismissals
    assert dismissal.notice == "not_easing"

    tmux.start(backcoach_command(), environment(data, config))
    home = tmux.wait_for("Today 1/1 routine session")
    assert "has not eased" not in home
    tmux.keys("End")
    tmux.wait_for("Quick test hold")
    tmux.keys("Enter")  # the highlighted exercise, on its own
    tmux.wait_for("how is your back pain right now?")
    tmux.keys("8", "Enter")
    severe = tmux.wait_for("You gave your pain as 8/10")
    assert "r: rest today" in severe  # its lines wrap in the box: the choices are whole
    tmux.keys("r")
    tmux.wait_for("Today is a rest day")
    tmux.keys("q")
    tmux.wait_until_gone()
    saved = saved_history(data)
    assert len(saved.sessions) == 28  # no session was started
    assert [r.note for r in saved.rest_days] == ["pain 8/10"]

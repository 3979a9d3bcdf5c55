"""End to end in tmux: a routine done, then a weekly goal chosen in the settings with
keys alone; home shows the week's figures at once, and ``backcoach status`` agrees.
(Helpers and the tmux fixture are the end-to-end test's own; without tmux this is
skipped, except under CI, where it fails.)"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from test_e2e_tmux import (
    DEADLINE_SECONDS,
    IN_CI,
    POLL_SECONDS,
    TMUX_MISSING,
    Tmux,
    backcoach_command,
    dirs,
    environment,
    start_the_quick_routine,
    tmux,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(TMUX_MISSING and not IN_CI, reason="tmux is not installed"),
]
__all__ = ["dirs", "tmux"]  # the fixtures, used by name


def wait_for_line(tmux: Tmux, where: str, text: str) -> None:
    """Poll until the screen line holding ``where`` also shows ``text``."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux.screen() if tmux.alive() else ""
        if any(where in line and text in line for line in screen.splitlines()):
            return
        time.sleep(POLL_SECONDS)  # polling a real terminal, not timing anything
    raise AssertionError(f"no line with {where!r} and {text!r}; last screen:\n{screen}")


def test_a_weekly_goal_chosen_with_keys_shows_on_home_and_in_status(
    tmux: Tmux, dirs: tuple[Path, Path]
) -> None:
    data, config = dirs
    env = environment(data, config)
    tmux.start(backcoach_command(), env)
    start_the_quick_routine(tmux)
    tmux.wait_for("how is your back pain right now?")
    tmux.keys("Escape")
    tmux.wait_for("Get ready: Sit comfortably.")
    tmux.keys("n")
    tmux.wait_for("how is your back pain now?")
    tmux.keys("Escape")
    tmux.wait_for("Well done: E2E quick routine is complete.")
    tmux.keys("Enter")
    home = tmux.wait_for("Today 1/1 routine session")
    assert "Week streak" not in home, "every day: the daily streak alone"

    tmux.keys(",")
    tmux.wait_for("Weekly goal")
    tmux.keys("Tab", "Tab", "Tab", "Tab", "Tab")  # sound, voice, 3 switches: the goal
    tmux.keys("Enter")
    tmux.wait_for("3 days a week")
    tmux.keys("Down", "Down", "Down", "Down", "Enter")  # every day, 6, 5, 4, 3
    wait_for_line(tmux, "Weekly goal", "3 days a week")  # the list has closed
    tmux.keys("Escape")
    home = tmux.wait_for("Week streak 0 (best 0) · this week 1/3")
    assert "Streak 1 day" in home
    tmux.keys("q")
    tmux.wait_until_gone()

    assert json.loads((config / "settings.json").read_text())["days_per_week"] == 3
    status = subprocess.run(
        [*backcoach_command(), "status"],
        capture_output=True,
        text=True,
        env={**env, "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert status.returncode == 0, status.stderr
    assert "week streak 0 (best 0) · this week 1/3" in status.stdout

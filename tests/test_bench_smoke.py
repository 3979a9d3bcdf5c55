"""The benchmarks keep working: each runs once at a tiny size and prints its table rows.

Nothing here is about speed (that is ``make bench``); only that every benchmark runs to
the end, prints its rows, and the history generator stays valid and deterministic.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backcoach.core.history_models import History

REPO = Path(__file__).resolve().parent.parent

EXPECTED_ROWS = (
    "1 start-up",
    "2 status",
    "3 store",
    "4 history screen",
    "5 hold timer",
    "6 speech",
    "7 report",
    "8 lengths",
)


@pytest.fixture
def generator(monkeypatch: pytest.MonkeyPatch) -> object:
    """``bench.generate``: ``bench/`` sits at the repo root, outside the installed package."""
    monkeypatch.syspath_prepend(str(REPO))
    import bench.generate

    return bench.generate


def test_generated_history_is_valid_and_deterministic(tmp_path: Path, generator: Any) -> None:
    write_history = generator.write_history
    first = write_history(tmp_path / "a.json", 20, end=date(2026, 3, 29), seed=7)
    second = write_history(tmp_path / "b.json", 20, end=date(2026, 3, 29), seed=7)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert History.model_validate_json((tmp_path / "a.json").read_text()) == first
    assert len(first.sessions) + 2 * len(first.rest_days) == 40  # two a day, or a rest day
    assert all(len(s.exercises) == 10 for s in second.sessions)


def test_a_different_seed_gives_different_data(generator: Any) -> None:
    assert generator.generate(5, seed=1) != generator.generate(5, seed=2)


def test_every_benchmark_runs_once_at_tiny_size() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    table = done.stdout
    assert table.splitlines()[0].split()[:3] == ["benchmark", "measure", "value"]
    for name in EXPECTED_ROWS:
        assert name in table, f"no row for {name}:\n{table}\n{done.stderr[-3000:]}"
    assert "ERROR" not in table, table

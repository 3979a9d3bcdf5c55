"""Whether a session's owner still runs: a zombie counts as gone."""

import os
from pathlib import Path


def test_a_zombie_owner_counts_as_gone(tmp_path: Path) -> None:
    from backcoach.core.liveness import is_zombie, pid_alive

    (tmp_path / "41").mkdir()
    (tmp_path / "41" / "stat").write_text("41 (back coach) Z 1 41 41 0 -1\n")
    (tmp_path / "42").mkdir()
    (tmp_path / "42" / "stat").write_text("42 (odd) name) S 1 42 42 0 -1\n")
    assert is_zombie(41, tmp_path)
    assert not is_zombie(42, tmp_path), "a ')' in the name does not confuse it"
    assert not is_zombie(43, tmp_path), "no such process: not a zombie (pid_alive says gone)"
    assert pid_alive(os.getpid()), "this very process runs"

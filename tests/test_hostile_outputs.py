"""Outputs to places that are not regular files: written to in place, or refused."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from backcoach.commands import export
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from store_factory import session_on


def test_export_to_dev_stdout_writes_to_it_and_leaves_no_temp_file(
    app_paths: AppPaths, store: HistoryStore, tmp_path: Path
) -> None:
    store.save_session(session_on(date(2026, 11, 20)))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "backcoach",
            "--data-dir",
            str(app_paths.data_dir),
            "export",
            "--output",
            "/dev/stdout",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Daily routine" in result.stdout and result.stdout.startswith("\ufeffrecord,date,")
    assert not list(Path("/dev").glob(".stdout.*.tmp"))


def test_export_to_a_fifo_writes_to_the_reader(
    app_paths: AppPaths, store: HistoryStore, tmp_path: Path
) -> None:
    store.save_session(session_on(date(2026, 11, 20)))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the write may open
    try:
        err = io.StringIO()
        code = export.run(app_paths, "csv", str(fifo), err=err)
        received = os.read(reader, 1 << 16)  # small: it all fits in the pipe's buffer
    finally:
        os.close(reader)
    assert code == 0, err.getvalue()
    assert b"Daily routine" in received
    assert fifo.exists() and list(tmp_path.glob(".pipe.*")) == []  # no temp file beside it


def test_export_to_a_fifo_nobody_reads_is_refused_not_waited_on(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    err = io.StringIO()
    assert export.run(app_paths, "csv", str(fifo), err=err) == 1
    assert f"cannot write {fifo}: nothing is reading from that pipe" in err.getvalue()


def test_export_through_a_symlink_replaces_the_file_it_points_to(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert export.run(app_paths, "csv", str(link), err=io.StringIO()) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("record,date,")


def test_check_content_shows_a_folder_name_with_an_escape_escaped(tmp_path: Path) -> None:
    from backcoach.core.content_loader import packaged_content_dir

    folder = tmp_path / "content\x1b]2;x\x07"
    folder.symlink_to(packaged_content_dir())
    result = subprocess.run(
        [sys.executable, "-m", "backcoach", "check-content", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "content\\x1b]2;x\\x07" in result.stdout
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr

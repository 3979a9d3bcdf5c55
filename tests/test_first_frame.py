"""The first frame cache: used only for the very files it was built from, never trusted
over them, and a bad cache file reads as no cache (never a crash)."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from backcoach.core import content_loader
from backcoach.core.content_files import content_files, packaged_content_dir
from backcoach.core.content_loader import load_catalog
from backcoach.core.first_frame import (
    FirstFrame,
    build_first_frame,
    first_frame_key,
    read_first_frame,
    write_first_frame,
)
from backcoach.paths import AppPaths

MY_EXERCISE = """\
id = "mine"
name = "My stretch"
kind = "stretch"
works = "The back."
why = "It helps."
start_position = "Lie down."
steps = ["Do it."]

[dosage]
reps = 5

[[rep]]
kind = "hold"
cue = "Hold"
seconds = 5
step = 1
"""


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data", tmp_path / "config", cache_dir=tmp_path / "cache")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the packaged content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(packaged_content_dir(), target)
    return target


def _frame(content: Path, paths: AppPaths) -> FirstFrame:
    return build_first_frame(load_catalog(paths, content), "nord")


def _cache(paths: AppPaths) -> Path:
    assert paths.first_frame_file is not None
    return paths.first_frame_file


def test_a_written_frame_reads_back_under_its_key(content: Path, paths: AppPaths) -> None:
    frame = _frame(content, paths)
    key = first_frame_key(content, paths)
    write_first_frame(_cache(paths), key, frame)
    assert read_first_frame(_cache(paths), key) == frame
    assert [e.name for e in frame.exercises][:2] == ["Bridges", "Knee-to-chest stretch"]
    assert frame.theme == "nord"


def test_the_cache_is_private_and_in_the_cache_dir(content: Path, paths: AppPaths) -> None:
    write_first_frame(_cache(paths), first_frame_key(content, paths), _frame(content, paths))
    assert _cache(paths).parent == paths.cache_dir
    assert stat.S_IMODE(os.stat(_cache(paths)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(_cache(paths).parent).st_mode) == 0o700


@pytest.mark.parametrize(
    "change",
    ["edit an exercise", "same size edit", "add a user exercise", "change settings", "routines"],
)
def test_any_change_to_the_files_gives_another_key(
    content: Path, paths: AppPaths, change: str
) -> None:
    before = first_frame_key(content, paths)
    bridges = content / "exercises" / "bridges.toml"
    if change == "edit an exercise":
        bridges.write_text(bridges.read_text().replace("Bridges", "Bridge lifts"))
    elif change == "same size edit":  # same size, same mtime: only the bytes differ
        stat_before = bridges.stat()
        bridges.write_text(bridges.read_text().replace("Bridges", "Bridgez"))
        os.utime(bridges, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
        assert bridges.stat().st_size == stat_before.st_size
    elif change == "add a user exercise":
        paths.user_exercises_dir.mkdir(parents=True)
        (paths.user_exercises_dir / "mine.toml").write_text(MY_EXERCISE)
    elif change == "change settings":
        paths.config_dir.mkdir(parents=True)
        paths.settings_file.write_text('{"theme": "nord"}')
    else:
        routines = content / "routines.toml"
        routines.write_text(routines.read_text() + "\n# a comment\n")
    assert first_frame_key(content, paths) != before


def test_a_frame_from_files_that_changed_since_is_not_read(content: Path, paths: AppPaths) -> None:
    write_first_frame(_cache(paths), first_frame_key(content, paths), _frame(content, paths))
    bridges = content / "exercises" / "bridges.toml"
    bridges.write_text(bridges.read_text().replace("Bridges", "Bridge lifts"))
    assert read_first_frame(_cache(paths), first_frame_key(content, paths)) is None


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\x00\xff garbage",
        b'{"format": 1, "key": "KEY", "theme": "nord", "exercises": [',  # cut short
        b"[]",
        b'{"format": 99, "key": "KEY", "theme": "nord", "exercises": []}',
        b'{"format": 1, "key": "KEY", "theme": 3, "exercises": []}',
        b'{"format": 1, "key": "KEY", "theme": "nord", "exercises": [{"id": "x"}]}',
        b'{"format": 1, "key": "KEY", "theme": "nord", "exercises": [1]}',
        b'{"format": 1, "key": "KEY", "theme": "nord", "exercises": []}',
        b'{"format": 1, "key": "KEY", "theme": "nord", "exercises": [{"id": "x", "name": 1, '
        b'"dosage": "d", "works": "w"}]}',
    ],
)
def test_a_bad_cache_file_reads_as_no_cache(paths: AppPaths, body: bytes) -> None:
    _cache(paths).parent.mkdir(parents=True)
    _cache(paths).write_bytes(body)
    assert read_first_frame(_cache(paths), "KEY") is None


def test_a_huge_or_unreadable_cache_reads_as_no_cache(paths: AppPaths) -> None:
    assert read_first_frame(_cache(paths), "KEY") is None  # missing
    _cache(paths).mkdir(parents=True)  # a folder where the file should be
    assert read_first_frame(_cache(paths), "KEY") is None
    _cache(paths).rmdir()
    listed = {"id": "x", "name": "n", "dosage": "d", "works": "w" * (2 << 20)}
    body = {"format": 1, "key": "KEY", "theme": "nord", "exercises": [listed]}
    _cache(paths).write_text(json.dumps(body))
    assert read_first_frame(_cache(paths), "KEY") is None


def test_the_fingerprint_covers_every_file_the_loader_reads(
    content: Path, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.user_exercises_dir.mkdir(parents=True)
    (paths.user_exercises_dir / "mine.toml").write_text(MY_EXERCISE)
    (paths.user_exercises_dir / "bridges.toml").write_text('id = "bridges"\n[dosage]\nreps = 9\n')
    paths.user_routines_file.write_text('[[routine]]\nid = "daily"\nname = "Mine"\n')
    read: list[Path] = []
    real_read = content_loader._Loader._read_toml

    def spy(self: content_loader._Loader, path: Path) -> object:
        read.append(path)
        return real_read(self, path)

    monkeypatch.setattr(content_loader._Loader, "_read_toml", spy)
    load_catalog(paths, content)
    assert len(read) == 10 + 2 + 3
    assert set(read) <= set(content_files(content, paths))


def test_a_fifo_or_a_huge_file_among_the_content_never_stalls_the_key(
    content: Path, paths: AppPaths
) -> None:
    import threading

    paths.user_exercises_dir.mkdir(parents=True)
    os.mkfifo(paths.user_exercises_dir / "pipe.toml")  # opened for reading, it would block
    huge = paths.user_exercises_dir / "huge.toml"
    with huge.open("wb") as file:
        file.truncate(64 << 20)  # sparse: 64 MiB that are never read whole
    keys: list[str] = []
    worker = threading.Thread(target=lambda: keys.append(first_frame_key(content, paths)))
    worker.start()
    worker.join(10)
    assert keys, "the key was worked out without waiting on the FIFO"
    with huge.open("r+b") as file:  # a change past the hashed bytes, same size
        file.seek(60 << 20)
        file.write(b"x")
    assert first_frame_key(content, paths) != keys[0]

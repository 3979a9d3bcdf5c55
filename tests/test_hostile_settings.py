"""Hostile settings files: a clear message naming the file and what is wrong, defaults
used, and the file's bytes kept (moved aside) or left as they are, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backcoach.core.settings import Settings, SettingsStore


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir()
    return path


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{"sound": "false"}', "'sound'"),
        (b'{"sound": 0}', "'sound'"),
        (b'{"far_view": 1}', "'far_view'"),
        (b'{"theme": "\\u001b]2;x\\u0007"}', "'theme'"),
        (b'{"theme": 5}', "'theme'"),
        (b'{"sound": true, "sound": false}', "given twice"),
        (b'{"reduced_motion": NaN}', "NaN"),
        (b'{"sound": 1e400}', "'sound'"),
        (b'{"x": ' + b"9" * 5000 + b"}", "not usable JSON"),
        (b"[" * 30_000 + b"]" * 30_000, "nested too deeply"),
    ],
)
def test_a_bad_value_is_named_and_the_file_moved_aside(
    settings_path: Path, raw: bytes, words: str
) -> None:
    settings_path.write_bytes(raw)
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    (notice,) = loaded.notices
    assert str(settings_path) in notice and words in notice
    (moved,) = settings_path.parent.glob("settings.json.bad*")
    assert moved.read_bytes() == raw


def test_a_file_over_the_limit_is_moved_aside_unread(settings_path: Path) -> None:
    raw = b'{"sound": false, "pad": "' + b"x" * 100_000 + b'"}'
    settings_path.write_bytes(raw)
    loaded = SettingsStore(settings_path).load()
    assert "too large" in loaded.notices[0] and "limit is 64 KB" in loaded.notices[0]
    (moved,) = settings_path.parent.glob("settings.json.bad*")
    assert moved.read_bytes() == raw


def test_a_settings_file_with_a_bom_is_read(settings_path: Path) -> None:
    settings_path.write_bytes(b'\xef\xbb\xbf{"sound": false}')
    loaded = SettingsStore(settings_path).load()
    assert loaded.notices == [] and loaded.settings.sound is False


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-urandom"])
def test_a_settings_path_that_is_not_a_file_is_refused_and_never_read(
    settings_path: Path, kind: str
) -> None:
    if kind == "fifo":
        os.mkfifo(settings_path)
    else:
        settings_path.symlink_to("/dev/zero" if kind == "dev-zero" else "/dev/urandom")
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    assert "not a regular file" in loaded.notices[0] and str(settings_path) in loaded.notices[0]


def test_every_accepted_settings_file_round_trips(settings_path: Path) -> None:
    store = SettingsStore(settings_path)
    written = Settings(sound=False, voice="full", theme="nord", far_view=True)
    assert store.save(written) is None
    assert SettingsStore(settings_path).load().settings == written

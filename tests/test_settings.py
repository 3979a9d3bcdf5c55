"""Settings load and save: defaults, round trip, and bad files moved aside, never lost."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from backcoach.core.settings import Settings, SettingsStore


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def test_missing_file_gives_defaults_without_notice(settings_path: Path) -> None:
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    assert loaded.notices == []
    assert not settings_path.parent.exists(), "loading must not create directories"


def test_round_trip_keeps_every_field(settings_path: Path) -> None:
    store = SettingsStore(settings_path)
    wanted = Settings(sound=False, reduced_motion=True, theme="nord", safety_acknowledged=True)
    assert store.save(wanted) is None
    assert store.load().settings == wanted


def test_saved_file_and_dir_are_private(settings_path: Path) -> None:
    SettingsStore(settings_path).save(Settings())
    assert stat.S_IMODE(settings_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings_path.parent.stat().st_mode) == 0o700


def test_unknown_keys_from_a_newer_version_are_ignored(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({"bell": False, "sparkles": 3}))
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings.sound is False, "an older file's bell is the sound switch"
    assert loaded.notices == []


@pytest.mark.parametrize(
    ("text", "expected_words"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"sound": "loud"}', "'sound'"),
    ],
    ids=["broken-json", "not-an-object", "wrong-type"],
)
def test_bad_file_is_moved_aside_and_named(
    settings_path: Path, text: str, expected_words: str
) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(text)
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    assert len(loaded.notices) == 1
    notice = loaded.notices[0]
    assert str(settings_path) in notice
    assert expected_words in notice
    assert "moved aside to settings.json.bad" in notice
    assert not settings_path.exists()
    assert (settings_path.parent / "settings.json.bad").read_text() == text


def test_second_bad_file_does_not_overwrite_the_first(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text("{first")
    SettingsStore(settings_path).load()
    settings_path.write_text("{second")
    loaded = SettingsStore(settings_path).load()
    assert "settings.json.bad-2" in loaded.notices[0]
    assert (settings_path.parent / "settings.json.bad").read_text() == "{first"
    assert (settings_path.parent / "settings.json.bad-2").read_text() == "{second"


def test_a_file_named_like_the_target_is_never_replaced(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    bad = settings_path.parent / "settings.json.bad"
    bad.write_text("the user's own notes")
    settings_path.write_text("{broken")
    loaded = SettingsStore(settings_path).load()
    assert bad.read_text() == "the user's own notes"
    assert (settings_path.parent / "settings.json.bad-2").read_text() == "{broken"
    assert loaded.settings == Settings()


def test_invalid_utf8_is_moved_aside_not_a_crash(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    raw = b'{"bell": false, "theme": "\xff\xfe"}'
    settings_path.write_bytes(raw)
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    assert "not valid UTF-8" in loaded.notices[0] and str(settings_path) in loaded.notices[0]
    assert (settings_path.parent / "settings.json.bad").read_bytes() == raw


def test_deeply_nested_json_is_moved_aside_not_a_crash(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    raw = "[" * 30_000 + "]" * 30_000  # deep, and still under the size limit
    settings_path.write_text(raw)
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    assert "nested too deeply" in loaded.notices[0]
    assert not settings_path.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_save_failure_returns_a_message(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        message = SettingsStore(locked / "settings.json").save(Settings())
    finally:
        locked.chmod(0o700)
    assert message is not None
    assert "settings not saved" in message


def test_save_failure_when_parent_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the config dir should be")
    message = SettingsStore(blocker / "settings.json").save(Settings())
    assert message is not None
    assert str(blocker / "settings.json") in message
    assert blocker.read_text().startswith("a file")


def test_unreadable_settings_path_gives_defaults_and_a_notice(settings_path: Path) -> None:
    settings_path.mkdir(parents=True)
    loaded = SettingsStore(settings_path).load()
    assert loaded.settings == Settings()
    assert "could not be read" in loaded.notices[0]
    assert settings_path.is_dir(), "nothing is moved or deleted when it cannot be read"


def test_save_never_writes_over_a_path_load_could_not_read(settings_path: Path) -> None:
    settings_path.mkdir(parents=True)
    (settings_path / "keep.txt").write_text("user data")
    store = SettingsStore(settings_path)
    store.load()
    message = store.save(Settings(safety_acknowledged=True))
    assert message is not None
    assert "could not be read" in message and str(settings_path) in message
    assert (settings_path / "keep.txt").read_text() == "user data"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_save_moves_an_unreadable_file_aside_before_writing(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text('{"theme": "the user\'s own"}')
    settings_path.chmod(0o000)
    store = SettingsStore(settings_path)
    assert "could not be read" in store.load().notices[0]
    assert store.save(Settings(safety_acknowledged=True)) is None
    kept = settings_path.parent / "settings.json.bad"
    kept.chmod(0o600)
    assert kept.read_text() == '{"theme": "the user\'s own"}'
    assert store.load().settings.safety_acknowledged is True


def test_save_refuses_when_a_bad_file_still_cannot_be_moved_aside(
    settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text("{broken")

    def refuse(path: Path, suffix: str) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("backcoach.core.settings.move_aside", refuse)
    store = SettingsStore(settings_path)
    assert "could not move it aside" in store.load().notices[0]
    message = store.save(Settings(safety_acknowledged=True))
    assert message is not None and "left as it is" in message
    assert settings_path.read_text() == "{broken"

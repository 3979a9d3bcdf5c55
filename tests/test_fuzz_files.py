"""Fuzzing the files the app reads: valid history, settings and content files, mutated
(truncated, bytes flipped, invalid UTF-8, wrong types, huge and non-finite numbers, far
dates, duplicate ids and keys, control characters), read through the app's and the CLI's
own load paths. Whatever the file, there is no traceback; a file moved aside keeps its
bytes in the data dir; an accepted file round-trips; no output holds a control character.

A short profile runs with the suite; ``make fuzz`` runs the long one
(``BACKCOACH_FUZZ=long``). The history is driven through ``HistoryStore``'s public API
only, so the suite holds whatever the store's layout on disk.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.clock import FakeClock
from backcoach.commands import export
from backcoach.core.content_loader import load_catalog
from backcoach.core.content_models import Exercise
from backcoach.core.history_models import ExerciseRecord, History, SetRecord, StopPosition
from backcoach.core.settings import Settings, SettingsStore
from backcoach.core.status_summary import read_status
from backcoach.core.store import HistoryStore
from backcoach.core.visible_text import has_control_characters
from backcoach.paths import AppPaths
from store_factory import flag_for, session_on
from test_content_validation import GOOD_EXERCISE

LONG = os.environ.get("BACKCOACH_FUZZ") == "long"
FUZZ = settings(
    max_examples=1500 if LONG else 40,
    deadline=None,  # a slow example is not a failure; the run itself is bounded
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,  # CI sees the same examples every run
)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _valid_history() -> bytes:
    session = session_on(date(2026, 11, 20), pain=(3, 2))
    session.exercises.append(
        ExerciseRecord(
            exercise_id="superman",
            name="Superman",
            status="stopped_for_pain",
            sets=[SetRecord(set=1, side="left", reps_done=2, holds_done=2)],
            seconds_spent=12.5,
            stopped_at=StopPosition(
                set=1, rep=3, phase=2, phase_kind="hold", phase_cue="Hold", seconds_into_phase=1.5
            ),
        )
    )
    flag = flag_for("superman", "Superman", NOW - timedelta(days=5))
    history = History(sessions=[session, session_on(date(2026, 11, 21))], flags=[flag])
    return history.model_dump_json(indent=1).encode()


VALID_HISTORY = _valid_history()
VALID_SETTINGS = json.dumps(Settings(sound=False, voice="cues").model_dump(), indent=1).encode()
VALID_CONTENT = GOOD_EXERCISE.encode()

# Values that have broken readers before: wrong types, huge, non-finite, far, hostile text.
JSON_VALUES: list[object] = [
    True,
    False,
    None,
    "5",
    0,
    -1,
    12345,
    10**30,
    1e308,
    -1e308,
    [],
    {},
    "",
    "9999-12-31T23:00:00-14:00",
    "0001-01-01T00:00:00+14:00",
    "2026-13-45",
    "\x1b]2;TITLE\x07",
    "\x1b[2J",
    '=HYPERLINK("http://x"&A2,"Click me")',
    "\x9b\x7f\x00",
    "x" * 10_000,
]
RAW_JSON_VALUES = [b"Infinity", b"-Infinity", b"NaN", b"1e400", b"9" * 5000, b"[" * 2000]
TOML_VALUES = [
    "true",
    '"5"',
    "inf",
    "nan",
    "1e400",
    "-0",
    "12345678901234567890",
    '"\\u001b]2;TITLE\\u0007"',
    '"\\u009b2J"',
    "[" * 1000 + "]" * 1000,
    "1979-05-27T07:32:00Z",
    "{}",
    "[]",
]


# --- mutations ----------------------------------------------------------------------


@st.composite
def byte_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """Truncation, flipped bytes, inserted invalid UTF-8 or a raw value."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        kind = draw(st.sampled_from(["truncate", "flip", "utf8", "raw", "bom"]))
        if kind == "truncate":
            del data[where:]
        elif kind == "flip" and data:
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif kind == "utf8":
            data[where:where] = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"]))
        elif kind == "raw":
            data[where:where] = draw(st.sampled_from(RAW_JSON_VALUES))
        else:
            data[0:0] = b"\xef\xbb\xbf"
    return bytes(data)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _paths(value, (*prefix, index))


@st.composite
def json_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """A value anywhere replaced (wrong type, huge, far, hostile), a record duplicated,
    or a key given twice."""
    document = json.loads(original)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        path = draw(st.sampled_from(paths))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        kind = draw(st.sampled_from(["replace", "duplicate", "delete"]))
        if kind == "replace":
            parent[path[-1]] = draw(st.sampled_from(JSON_VALUES))
        elif kind == "duplicate" and isinstance(parent, list):
            parent.append(parent[path[-1]])
        elif isinstance(parent, dict):
            parent.pop(path[-1], None)
    text = json.dumps(document).encode()
    if draw(st.booleans()):  # a key given twice, as a hand edit or a bad merge leaves it
        text = text.replace(b'{"schema_version"', b'{"sessions": [], "schema_version"', 1)
    if draw(st.booleans()):  # raw values json.dumps cannot write
        text = text.replace(b"12345", draw(st.sampled_from(RAW_JSON_VALUES)), 1)
    return text


@st.composite
def toml_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    lines = original.decode().splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        if " = " in line and draw(st.booleans()):
            key = line.split(" = ", 1)[0]
            lines[index] = f"{key} = {draw(st.sampled_from(TOML_VALUES))}"
        elif draw(st.booleans()):
            lines.insert(index, line)  # a key or a table twice
        else:
            del lines[index]
    return ("\n".join(lines) + "\n").encode()


def mutated(original: bytes, structured: Any) -> st.SearchStrategy[bytes]:
    return st.one_of(byte_mutations(original), structured(original))


# --- the checks ---------------------------------------------------------------------


@contextmanager
def _data_dirs() -> Iterator[AppPaths]:
    with tempfile.TemporaryDirectory() as root:
        yield AppPaths(data_dir=Path(root) / "data", config_dir=Path(root) / "config")


def _all_bytes_in(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def _assert_shown_literally(*texts: str) -> None:
    for text in texts:
        assert not has_control_characters(text.replace("\r\n", "\n"), keep_layout=True), text


@FUZZ
@given(mutated(VALID_HISTORY, json_mutations))
def test_a_mutated_history_never_crashes_and_never_loses_its_bytes(raw: bytes) -> None:
    with _data_dirs() as paths:
        paths.data_dir.mkdir(mode=0o700)
        (paths.data_dir / "history.json").write_bytes(raw)
        clock = FakeClock(NOW, tz=timezone(timedelta(hours=1)))

        # The CLI first: it reads only, and shows nothing raw.
        status = read_status(paths.data_dir, clock.now().date())
        _assert_shown_literally(status.line(), status.as_json(), *status.notices)
        out, err = io.StringIO(), io.StringIO()
        assert export.run(paths, "csv", out=out, err=err) == 0
        _assert_shown_literally(out.getvalue(), err.getvalue())

        # Then the app's store: repairs, and keeps what it cannot use.
        store = HistoryStore(paths.data_dir, clock, lock_timeout=1)
        report = store.load()
        _assert_shown_literally(*report.notices)
        assert raw in _all_bytes_in(paths.data_dir)  # in place, moved aside or kept

        if report.read_only:
            return
        loaded = report.history.model_dump()
        assert store.update(lambda history: None).ok  # written as the app would
        again = HistoryStore(paths.data_dir, clock).load()
        assert again.history.model_dump() == loaded  # what was accepted reads back the same
        assert raw in _all_bytes_in(paths.data_dir)


@FUZZ
@given(mutated(VALID_SETTINGS, json_mutations))
def test_a_mutated_settings_file_never_crashes_and_never_loses_its_bytes(raw: bytes) -> None:
    with _data_dirs() as paths:
        paths.config_dir.mkdir(mode=0o700)
        paths.settings_file.write_bytes(raw)
        store = SettingsStore(paths.settings_file)
        loaded = store.load()
        _assert_shown_literally(*loaded.notices)
        assert raw in _all_bytes_in(paths.config_dir)
        assert store.save(loaded.settings) is None
        assert SettingsStore(paths.settings_file).load().settings == loaded.settings
        assert raw in _all_bytes_in(paths.config_dir) or not loaded.notices


@FUZZ
@given(mutated(VALID_CONTENT, toml_mutations))
def test_a_mutated_content_file_never_crashes_and_what_it_accepts_round_trips(
    raw: bytes,
) -> None:
    with _data_dirs() as paths:
        paths.user_exercises_dir.mkdir(parents=True)
        (paths.user_exercises_dir / "mine.toml").write_bytes(raw)
        loaded = load_catalog(paths)
        _assert_shown_literally(*(str(problem) for problem in loaded.problems))
        assert len(loaded.catalog.exercises) >= 10  # the packaged content is never hidden
        for exercise in loaded.catalog.exercises.values():
            _assert_shown_literally(exercise.name, *(phase.cue for phase in exercise.rep))
            assert Exercise.model_validate(exercise.model_dump()) == exercise


@FUZZ
@given(
    st.builds(
        History,
        sessions=st.lists(
            st.builds(
                session_on,
                st.dates(date(1990, 1, 1), date(2100, 1, 1)),
                st.sampled_from(["completed", "ended_early", "interrupted"]),
                routine=st.text(max_size=30),
                pain=st.tuples(st.none() | st.integers(0, 10), st.none() | st.integers(0, 10)),
            ),
            max_size=4,
        ),
    )
)
def test_every_history_the_model_accepts_is_written_and_read_back(history: History) -> None:
    with _data_dirs() as paths:
        store = HistoryStore(paths.data_dir, FakeClock(NOW))
        expected = History.model_validate_json(history.model_dump_json())  # as a file would
        assert store.update(lambda current: current.sessions.extend(history.sessions)).ok
        again = HistoryStore(paths.data_dir, FakeClock(NOW)).load()
        kept = sorted(expected.sessions, key=lambda s: (s.started_at, str(s.id)))  # as stored
        assert [s.model_dump() for s in again.history.sessions] == [s.model_dump() for s in kept]

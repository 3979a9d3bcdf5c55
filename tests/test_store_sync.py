"""Two machines on one data dir through a sync tool: nothing is lost.

Conflict copies (each tool's naming) are merged and moved to ``merged/``; each device
writes its own files, so conflicts are rare; and a hypothesis harness plays the sync
tool between two data dirs through random interleavings of saves and syncs.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.clock import FakeClock
from backcoach.core.history_layout import conflict_original
from backcoach.core.history_models import SessionRecord
from backcoach.core.store import HistoryStore
from store_factory import flag_for, session_on
from sync_tool import SyncTool, Tool, conflict_name

TOOLS: list[Tool] = ["syncthing", "dropbox", "nextcloud"]
FIXTURE = Path(__file__).parent / "fixtures" / "history_v1.json"


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("2026-11.laptop.sync-conflict-20261125-101010-7ZKQ3BX.json", "2026-11.laptop.json"),
        ("summary.laptop (Ann's conflicted copy 2026-11-25).json", "summary.laptop.json"),
        ("summary.desk (conflicted copy 2026-11-25 101010).json", "summary.desk.json"),
        ("history (Ann's conflicted copy 2026-11-25) (1).json", "history.json"),
        ("history.sync-conflict-20261125-101010-ABC.json", "history.json"),
        ("2026-11.laptop.json", None),
        ("notes (copy).json", None),
    ],
)
def test_conflict_copies_are_recognised_by_each_tools_naming(
    name: str, original: str | None
) -> None:
    assert conflict_original(name) == original


def _other_version(store: HistoryStore, path: Path, tool: Tool) -> Path:
    """What a sync tool leaves when the other machine changed ``path`` too: a copy."""
    copy = path.with_name(conflict_name(path.name, tool, 1))
    copy.write_bytes(path.read_bytes())
    return copy


@pytest.mark.parametrize("tool", TOOLS)
def test_a_month_files_conflict_copy_is_merged_and_moved_to_merged(
    store: HistoryStore, clock: FakeClock, tool: Tool
) -> None:
    kept = session_on(date(2026, 11, 24))
    assert store.save_session(kept).ok
    month = store.month_path("2026-11")
    # the other machine's version of the same file: one more session in it
    theirs = HistoryStore(store.data_dir, clock, device=store.layout.device)
    extra = session_on(date(2026, 11, 23))
    assert theirs.save_session(extra).ok
    copy = _other_version(store, month, tool)
    copy_bytes = copy.read_bytes()
    month_data = json.loads(month.read_bytes())
    month_data["sessions"] = [s for s in month_data["sessions"] if s["id"] != str(extra.id)]
    month.write_text(json.dumps(month_data))  # the version the tool kept: without it
    report = HistoryStore(store.data_dir, clock).load()
    assert {kept.id, extra.id} <= {s.id for s in report.history.sessions}
    moved = list(store.layout.merged_dir.iterdir())
    assert len(moved) == 1 and moved[0].read_bytes() == copy_bytes  # kept, byte for byte
    assert not copy.exists()
    assert any("sync-conflict copy" in n and copy.name in n for n in report.notices)
    again = HistoryStore(store.data_dir, clock).load()
    assert again.notices == []  # told once
    assert {kept.id, extra.id} <= {s.id for s in again.history.sessions}


def test_a_summary_conflict_keeps_a_clearing_and_both_rest_days(
    store: HistoryStore, clock: FakeClock
) -> None:
    flag = flag_for("bridges", "Bridges", clock.now())
    assert store.add_flag(flag).ok
    assert store.mark_rest_day(date(2026, 11, 20)).ok
    clock.advance(60)
    assert store.clear_flag(flag.id, "fine now", by_clinician=False).ok
    assert store.mark_rest_day(date(2026, 11, 21)).ok
    cleared = store.summary_path.read_bytes()
    copy = store.summary_path.with_name(conflict_name(store.summary_path.name, "dropbox", 1))
    copy.write_bytes(cleared)
    older = json.loads(cleared)
    older["flags"][0]["cleared_at"] = None
    older["rest_days"] = [r for r in older["rest_days"] if r["local_date"] == "2026-11-20"]
    store.summary_path.write_text(json.dumps(older))  # the tool kept the older version
    history = HistoryStore(store.data_dir, clock).load().history
    assert not history.flags[0].active
    assert [r.local_date for r in history.rest_days] == [date(2026, 11, 20), date(2026, 11, 21)]
    assert not copy.exists() and len(list(store.layout.merged_dir.iterdir())) == 1


@pytest.mark.parametrize("tool", TOOLS)
def test_a_conflict_copy_of_a_version_1_file_is_migrated_and_merged(
    store: HistoryStore, clock: FakeClock, tool: Tool
) -> None:
    assert store.save_session(session_on(date(2026, 11, 24))).ok
    copy = store.data_dir / conflict_name("history.json", tool, 1)
    copy.write_bytes(FIXTURE.read_bytes())
    report = HistoryStore(store.data_dir, clock).load()
    assert len(report.history.sessions) == 4  # the three of the old file, and ours
    assert set(report.history.active_flags()) == {"superman"}
    (moved,) = store.layout.merged_dir.iterdir()
    assert moved.read_bytes() == FIXTURE.read_bytes()


def test_two_devices_on_one_data_dir_write_their_own_files(tmp_path: Path) -> None:
    clock = FakeClock()
    laptop = HistoryStore(tmp_path, clock, device="laptop")
    desk = HistoryStore(tmp_path, clock, device="desk")
    a, b = session_on(date(2026, 11, 24)), session_on(date(2026, 11, 25))
    assert laptop.save_session(a).ok and desk.save_session(b).ok
    assert laptop.month_path("2026-11") != desk.month_path("2026-11")
    assert laptop.month_path("2026-11").exists() and desk.month_path("2026-11").exists()
    for store in (laptop, desk):
        assert {s.id for s in store.load().history.sessions} == {a.id, b.id}


@dataclass
class Expected:
    """What the two machines were told was saved."""

    sessions: dict[UUID, SessionRecord] = field(default_factory=dict)
    flags: set[UUID] = field(default_factory=set)
    cleared: set[UUID] = field(default_factory=set)
    rest: dict[date, bool] = field(default_factory=dict)  # the day's last change


STEP = st.one_of(
    st.tuples(st.just("session"), st.integers(0, 1), st.integers(0, 40)),
    st.tuples(st.just("update"), st.integers(0, 1), st.integers(0, 40)),
    st.tuples(st.just("flag"), st.integers(0, 1), st.integers(0, 40)),
    st.tuples(st.just("clear"), st.integers(0, 1), st.integers(0, 40)),
    st.tuples(st.just("rest"), st.integers(0, 1), st.integers(0, 3)),
    st.tuples(st.just("unrest"), st.integers(0, 1), st.integers(0, 3)),
    st.tuples(st.just("sync"), st.integers(0, 1), st.integers(0, 0)),
)


def _play(step: tuple[str, int, int], stores: list[HistoryStore], clock: FakeClock,
          tool: SyncTool, expected: Expected) -> None:  # fmt: skip
    kind, side, value = step
    store = stores[side]
    clock.advance(61)
    if kind == "sync":
        tool.sync(left_wins=bool(side))
        return
    if kind == "session":
        record = session_on(date(2026, 10, 1) + timedelta(days=value), updated_after=value)
        record.updated_at = clock.now()
        assert store.save_session(record).ok
        expected.sessions[record.id] = record
    elif kind == "update":
        known = store.load().history.sessions
        if not known:
            return
        record = known[value % len(known)].model_copy(update={"updated_at": clock.now()})
        assert store.save_session(record).ok
        expected.sessions[record.id] = record
    elif kind == "flag":
        flag = flag_for(f"ex{value}", f"Exercise {value}", clock.now())
        assert store.add_flag(flag).ok
        expected.flags.add(flag.id)
    elif kind == "clear":
        active = [f for f in store.load().history.flags if f.active]
        if not active:
            return
        flag = active[value % len(active)]
        assert store.clear_flag(flag.id, "better", by_clinician=False).ok
        expected.cleared.add(flag.id)
    else:
        day = date(2026, 11, 20) + timedelta(days=value)
        marked = kind == "rest"
        report = store.mark_rest_day(day) if marked else store.unmark_rest_day(day)
        assert report.ok
        expected.rest[day] = marked


@pytest.mark.parametrize("devices", [("laptop", "desk"), ("same", "same")])
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(STEP, min_size=1, max_size=14),
    tool_name=st.sampled_from(TOOLS),
)
def test_two_synced_data_dirs_lose_nothing(
    devices: tuple[str, str], steps: list[tuple[str, int, int]], tool_name: Tool
) -> None:
    """Random saves on two machines and syncs between them; once the tool has synced
    and each app has loaded, both machines hold every session (its latest version),
    every flag (a clearing kept) and every rest day's last change. With one device
    name on both machines their files collide, so conflict copies are made and merged."""
    with tempfile.TemporaryDirectory() as tmp:
        left, right = Path(tmp) / "left", Path(tmp) / "right"
        left.mkdir(mode=0o700)
        right.mkdir(mode=0o700)
        clock = FakeClock()
        stores = [HistoryStore(left, clock, device=devices[0]),
                  HistoryStore(right, clock, device=devices[1])]  # fmt: skip
        tool = SyncTool(left, right, tool_name)
        expected = Expected()
        for step in steps:
            _play(step, stores, clock, tool, expected)
        for round_ in range(4):  # settle: sync, each side loads (merging copies), again
            tool.sync(left_wins=bool(round_ % 2))
            for store in stores:
                clock.advance(1)
                store.load()
                assert store.flush_pending().ok
        tool.sync()
        for store in stores:
            history = store.load().history
            by_id = {s.id: s for s in history.sessions}
            for session_id, record in expected.sessions.items():
                assert session_id in by_id, "a saved session was lost"
                assert by_id[session_id].updated_at >= record.updated_at  # type: ignore[operator]
            flags = {f.id: f for f in history.flags}
            assert expected.flags <= set(flags), "a flag was lost"
            assert all(not flags[f].active for f in expected.cleared), "a clearing was undone"
            rest = {r.local_date for r in history.rest_days}
            assert rest == {day for day, marked in expected.rest.items() if marked}
            assert not store.layout.conflict_copies(), "a conflict copy was left unmerged"

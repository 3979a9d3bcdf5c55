"""The real check: two Syncthing instances on 127.0.0.1, each with its own home, keep
one data dir in step while backcoach processes save on both sides; nothing is lost.

Each side saves from its own process, first under its own device name (no conflict is
possible) and then, at the same moment, under one shared name (Syncthing may keep a
``.sync-conflict-`` copy, which the store merges). Discovery, relays, NAT and reporting
are off: the two instances only talk to each other over loopback.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest

from audio_support import require_tool
from backcoach.clock import FakeClock
from backcoach.core.store import HistoryStore

pytestmark = pytest.mark.slow

#: A hang guard, not a timing check: syncing that has not happened by then has failed.
SYNC_DEADLINE_S = 240.0

SAVER = r"""
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from backcoach.clock import SystemClock
from backcoach.core.history_models import SessionRecord
from backcoach.core.store import HistoryStore

store = HistoryStore(Path(sys.argv[1]), SystemClock(), device=sys.argv[2], lock_timeout=10)
base = datetime(2026, 11, 1, 8, tzinfo=UTC) + timedelta(days=int(sys.argv[4]))
for n in range(int(sys.argv[3])):
    record = SessionRecord.begin(
        routine_id="daily", routine_name="Daily", now=base + timedelta(hours=n), pid=None
    )
    assert store.save_session(record).ok
    print(record.id, flush=True)
"""


@dataclass
class Side:
    home: Path
    data: Path
    listen: int
    gui: int
    device_id: str = ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _set(options: ET.Element, name: str, value: str) -> None:
    element = options.find(name)
    if element is None:
        element = ET.SubElement(options, name)
    element.text = value


def _configure(syncthing: str, me: Side, other: Side) -> None:
    config_path = me.home / "config.xml"
    tree = ET.parse(config_path)
    root = tree.getroot()
    options = root.find("options")
    assert options is not None
    for name, value in {
        "listenAddress": f"tcp://127.0.0.1:{me.listen}",
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "startBrowser": "false",
        "urAccepted": "-1",
        "crashReportingEnabled": "false",
        "autoUpgradeIntervalH": "0",
    }.items():
        _set(options, name, value)
    gui = root.find("gui")
    assert gui is not None
    _set(gui, "address", f"127.0.0.1:{me.gui}")
    peer = ET.SubElement(root, "device", id=other.device_id, name="peer", compression="metadata")
    ET.SubElement(peer, "address").text = f"tcp://127.0.0.1:{other.listen}"
    folder = ET.SubElement(
        root, "folder", id="backcoach", label="backcoach", path=str(me.data),
        type="sendreceive", rescanIntervalS="2", fsWatcherEnabled="true", fsWatcherDelayS="1",
    )  # fmt: skip
    for device in (me.device_id, other.device_id):
        ET.SubElement(folder, "device", id=device)
    ET.SubElement(folder, "minDiskFree", unit="%").text = "0"
    ET.SubElement(folder, "maxConflicts").text = "10"  # keep the other version (the default)
    tree.write(config_path)
    # the lock is per machine: syncing it would swap the file under a holder
    (me.data / ".stignore").write_text("history/.lock\n")


@contextlib.contextmanager
def _two_instances(syncthing: str, root: Path) -> Iterator[tuple[Side, Side]]:
    sides = [Side(root / f"home{i}", root / f"data{i}", _free_port(), _free_port()) for i in (1, 2)]
    for side in sides:
        side.data.mkdir(mode=0o700)
        subprocess.run(
            [syncthing, "generate", f"--home={side.home}", "--no-default-folder"],
            check=True, capture_output=True,
        )  # fmt: skip
        found = subprocess.run(
            [syncthing, f"--home={side.home}", "--device-id"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        side.device_id = found.stdout.strip().splitlines()[-1]
    _configure(syncthing, sides[0], sides[1])
    _configure(syncthing, sides[1], sides[0])
    env = {**os.environ, "STNOUPGRADE": "1", "HOME": str(root)}
    procs = [
        subprocess.Popen(
            [syncthing, "serve", f"--home={side.home}", "--no-browser", "--no-restart"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for side in sides
    ]
    try:
        yield sides[0], sides[1]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _save(data: Path, device: str, count: int, day: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(data), device, str(count), str(day)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip


def _acknowledged(procs: list[subprocess.Popen[str]]) -> set[UUID]:
    ids: set[UUID] = set()
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, "a save failed"
        ids |= {UUID(line) for line in out.split()}
    return ids


def _wait_until_both_hold(sides: tuple[Side, Side], wanted: set[UUID]) -> dict[str, set[UUID]]:
    """Load each side (merging conflict copies) until both hold ``wanted`` or the hang
    guard passes; returns what each held last."""
    clock = FakeClock()
    held: dict[str, set[UUID]] = {}
    give_up = time.monotonic() + SYNC_DEADLINE_S
    while time.monotonic() < give_up:
        for side in sides:
            store = HistoryStore(side.data, clock, device="checker")
            held[str(side.data)] = {s.id for s in store.load().history.sessions}
        if all(wanted <= ids for ids in held.values()):
            return held
        time.sleep(1.0)  # polling the sync, not timing it
    return held


def test_two_syncthing_instances_keep_every_session(tmp_path: Path) -> None:
    syncthing = require_tool("syncthing")
    with _two_instances(syncthing, tmp_path) as (left, right):
        saved = _acknowledged([_save(left.data, "laptop", 5, 0), _save(right.data, "desk", 5, 1)])
        held = _wait_until_both_hold((left, right), saved)
        assert all(saved <= ids for ids in held.values()), "a session did not arrive"
        # both at once, one device name: the same file changed on both sides
        saved |= _acknowledged([_save(left.data, "same", 3, 2), _save(right.data, "same", 3, 3)])
        held = _wait_until_both_hold((left, right), saved)
        missing = {name: len(saved - ids) for name, ids in held.items()}
        assert all(count == 0 for count in missing.values()), f"sessions lost: {missing}"
    for side in (left, right):
        leftovers = HistoryStore(side.data, FakeClock()).layout.conflict_copies()
        assert leftovers == [] or all(p.exists() for p, _, _ in leftovers)

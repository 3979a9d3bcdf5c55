"""Behaviours of issues 11, 13 and 14 carried into the split layout: dismissals kept in
the summary and merged across devices, another device's month file repaired on reading
(moved aside, its sessions kept), and the weekly goal in ``status`` from the tallies."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from backcoach.clock import FakeClock
from backcoach.commands import status
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths
from store_factory import session_on


def test_a_dismissal_is_kept_in_the_summary_and_merged_from_another_device(
    app_paths: AppPaths, clock: FakeClock
) -> None:
    laptop = HistoryStore(app_paths.data_dir, clock, device="laptop")
    desk = HistoryStore(app_paths.data_dir, clock, device="desk")
    assert laptop.dismiss_notice("not_easing", 14).ok
    clock.advance(20 * 86400)
    assert desk.dismiss_notice("not_easing", 14).ok
    summary = json.loads(laptop.layout.summary_path_of("laptop").read_text())
    assert [d["notice"] for d in summary["dismissals"]] == ["not_easing"]
    both = HistoryStore(app_paths.data_dir, clock, device="third").load().history
    assert len({d.id for d in both.dismissals}) == 2


def test_another_devices_month_file_with_a_duplicate_id_is_moved_aside_and_kept(
    app_paths: AppPaths, clock: FakeClock
) -> None:
    desk = HistoryStore(app_paths.data_dir, clock, device="desk")
    record = session_on(clock.now().date())
    assert desk.save_session(record).ok
    path = desk.month_path(clock.now().date().isoformat()[:7])
    document = json.loads(path.read_bytes())
    document["sessions"].append(dict(document["sessions"][0], routine_name="Newer copy"))
    document["sessions"][1]["updated_at"] = "2099-01-01T00:00:00Z"
    raw = json.dumps(document).encode()
    path.write_bytes(raw)

    laptop = HistoryStore(app_paths.data_dir, clock, device="laptop")
    report = laptop.load()
    assert [s.routine_name for s in report.history.sessions] == ["Newer copy"]
    assert "1 session with an id already used" in " ".join(report.notices)
    (kept,) = path.parent.glob(f"{path.name}.repaired-*")
    assert kept.read_bytes() == raw and not path.exists()
    again = HistoryStore(app_paths.data_dir, clock, device="laptop").load()
    assert again.notices == [] and [s.id for s in again.history.sessions] == [record.id]


def test_status_shows_the_weekly_goal_from_the_summary(
    app_paths: AppPaths, clock: FakeClock, store: HistoryStore
) -> None:
    today = clock.now().date()
    for offset in (0, 1):
        assert store.save_session(session_on(today - timedelta(days=offset))).ok
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings_file.write_text(json.dumps({"days_per_week": 2}))
    out = io.StringIO()
    status.run(app_paths, as_json=True, clock=clock, out=out, err=io.StringIO())
    weekly = json.loads(out.getvalue())["weekly"]
    expected_done = min(2, today.weekday() + 1)
    assert weekly["days_per_week"] == 2 and weekly["this_week_done"] == expected_done

"""Reading the whole history for showing only (``export``): nothing moved or written.

Files that need repair are left out and named, with a word on how to repair them; an
old single ``history.json`` not yet upgraded is read as it is.
"""

from __future__ import annotations

from pathlib import Path

from backcoach.clock import SystemClock
from backcoach.core.history_io import DisplayRead, read_for_display
from backcoach.core.history_layout import HistoryLayout, device_name
from backcoach.core.history_models import History
from backcoach.core.store.history_store import build_history
from backcoach.core.store.layout_files import LayoutFiles
from backcoach.core.store.merge import absorb
from backcoach.core.store.repair import describe_os_error


def read_history_for_display(data_dir: Path) -> DisplayRead[History]:
    layout = HistoryLayout(data_dir, device_name())
    shown = DisplayRead[History](None)
    if layout.legacy_path.exists() or not layout.has_layout():
        shown = read_for_display(
            layout.legacy_path, layout.legacy_path.with_name("history.json.bak"), History
        )
    if not layout.has_layout():
        return shown
    notices = list(shown.notices)
    try:
        read = LayoutFiles(layout, SystemClock()).read(notices, locked=False)
    except OSError as err:
        notices.append(f"Cannot read {layout.root}: {describe_os_error(err)}.")
        return DisplayRead(shown.model, notices, shown.read_only)
    history = build_history(read)
    if shown.model is not None:
        absorb(history, shown.model)
    notices += [f"{problem}; start backcoach to repair it safely." for problem in read.needs_repair]
    notices += read.read_only
    return DisplayRead(history, notices, shown.read_only or bool(read.read_only))

"""Everything a front end needs, built once at start-up and passed in (no globals).

Plain Python: the TUI receives a ``Services`` and never builds paths, clocks or stores
itself, so Pilot tests can hand it temporary dirs and a ``FakeClock``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backcoach.audio.output import AudioFactory, silent_audio
from backcoach.clock import Clock
from backcoach.core.content_loader import CatalogLoad
from backcoach.core.store import HistoryStore
from backcoach.paths import AppPaths

if TYPE_CHECKING:  # the reminders are imported when the settings first need them
    from backcoach.core.reminders.schedulers import Scheduler


@dataclass
class Services:
    paths: AppPaths
    clock: Clock
    content: CatalogLoad
    store: HistoryStore
    # How a session opens sound and speech: the real players in ``launch``, silence
    # unless asked (so no test ever plays through the speakers by accident).
    audio: AudioFactory = silent_audio
    # What installs the daily reminders: None, the machine's own (systemd, launchd,
    # cron), found when the settings first need it; tests hand in one over a temp dir.
    reminder_scheduler: Scheduler | None = None

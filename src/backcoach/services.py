"""Everything a front end needs, built once at start-up and passed in (no globals).

Plain Python: the TUI receives a ``Services`` and never builds paths, clocks or stores
itself, so Pilot tests can hand it temporary dirs and a ``FakeClock``. Importing this
module imports no pydantic: the app's first frame may be drawn before the content and
the history are loaded (``LoadAfterFirstFrame``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backcoach.clock import Clock
from backcoach.paths import AppPaths

if TYPE_CHECKING:
    from backcoach.audio.output import AudioFactory, CueOutput
    from backcoach.core.content_loader import CatalogLoad
    from backcoach.core.first_frame import FirstFrame
    from backcoach.core.reminders.schedulers import Scheduler
    from backcoach.core.settings import SettingsLoad, SettingsStore
    from backcoach.core.store import HistoryStore


def silent_audio(*, sound: bool, voice: bool, bell: Callable[[], None]) -> CueOutput:
    """``audio.output.silent_audio``, imported when a session first opens its output."""
    from backcoach.audio.output import silent_audio

    return silent_audio(sound=sound, voice=voice, bell=bell)


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


@dataclass(frozen=True)
class Loaded:
    """What a full load gives the app: its services, and what to tell the user."""

    services: Services
    notices: tuple[str, ...] = ()  # repairs made on the way, failed saves
    speech_note: str | None = None  # why spoken cues cannot be heard, if they cannot
    #: The settings as read by the load (None: the app reads them itself).
    settings_store: SettingsStore | None = None
    settings: SettingsLoad | None = None


@dataclass(frozen=True)
class LoadAfterFirstFrame:
    """Draw ``frame`` first, then run ``load`` (in a thread) for everything else."""

    frame: FirstFrame
    clock: Clock  # the one the load's services hold
    load: Callable[[], Loaded]

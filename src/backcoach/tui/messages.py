"""Every message a screen sends up to the app: what the user asked for, what a save did.

Screens never call the app: they post one of these, and the app, which composes the
screens, handles it with ``@on`` (see ``BackcoachApp``). Data goes the other way, down,
through constructor arguments and reactive attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the app imports this module before its first frame: no pydantic
    from backcoach.core.history_models import SessionRecord
    from backcoach.core.settings import Settings
    from backcoach.core.store import SaveReport


class StartExercise(Message):
    """Start a session of one exercise on its own."""

    def __init__(self, exercise_id: str) -> None:
        super().__init__()
        self.exercise_id = exercise_id


class StartRoutine(Message):
    """Start a session of a whole routine."""

    def __init__(self, routine_id: str) -> None:
        super().__init__()
        self.routine_id = routine_id


class OpenHistory(Message):
    """Show the history screen."""


class MakeReport(Message):
    """Write the last eight weeks' report for a doctor or physiotherapist (the history's
    r key): the app writes it away from the screen and says where it is."""


class OpenSettings(Message):
    """Show the settings."""


class ChooseRoutine(Message):
    """Show the routine chooser."""


class HidePainNotice(Message):
    """The user hid the "pain not going away" notice (d): the app records the
    dismissal, which hides it for a while on every screen."""


class HistorySaved(Message):
    """A write to the history finished (or failed): the one message every save sends.

    The app shows what the report says (a failure, a repair made on the way) and hands
    the store's new history down to every screen that shows it.
    """

    def __init__(self, report: SaveReport) -> None:
        super().__init__()
        self.report = report


class SettingsChanged(Message):
    """The user changed a setting: the app applies it at once and saves it.

    ``changed`` names the settings the user changed: only those are saved (a setting
    given for this run on the command line keeps its saved value on disk). None: every
    setting whose value differs from what the app now uses.
    """

    def __init__(self, settings: Settings, changed: Iterable[str] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.changed = None if changed is None else frozenset(changed)


class InstallReminders(Message):
    """Install the daily reminders at these times (already checked), replacing any."""

    def __init__(self, times: Iterable[time]) -> None:
        super().__init__()
        self.times = tuple(times)


class RemoveReminders(Message):
    """Remove the reminders backcoach installed."""


class PainAfterGiven(Message):
    """The user rated their pain after a session from its summary (hands-free sessions
    end without asking): the app saves it on that session."""

    def __init__(self, record: SessionRecord, pain: int) -> None:
        super().__init__()
        self.record = record
        self.pain = pain


@dataclass(frozen=True)
class SessionOutcome:
    """What the session screen dismisses with once its records are all written."""

    record: SessionRecord  # as the history now holds it

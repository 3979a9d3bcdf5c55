"""``backcoach remind``: a desktop notification only while today's target is not met.

Exit status, for scripts: 0 a reminder was shown; 1 nothing to remind (today's target is
met, or today is a rest day); 3 a reminder was due but could not be shown (why, in one
line on stderr); 2 a mistake on the command line. ``install``, ``uninstall`` and
``status`` manage the timer that runs it; they exit 0, or 1 when something is left to do.
"""

from __future__ import annotations

import sys
import time as time_module
from collections.abc import Callable, Sequence
from datetime import time
from typing import TextIO

from backcoach.clock import Clock, SystemClock
from backcoach.core.history_models import History
from backcoach.core.reminders.due import reminder_due
from backcoach.core.reminders.notifiers import NoNotifier, Notifier, NotifyError, find_notifier
from backcoach.core.reminders.schedulers import ScheduleError, Scheduler
from backcoach.core.reminders.times import clock_text, next_reminder
from backcoach.core.store.display import read_history_for_display
from backcoach.core.visible_text import visible
from backcoach.paths import AppPaths

REMINDED = 0
NOTHING_DUE = 1
CANNOT_NOTIFY = 3

Sleep = Callable[[float], None]


def wait(seconds: float, clock: Clock, sleep: Sleep) -> None:
    """Wait ``seconds`` by the clock's timestamps (a sleep cut short sleeps again)."""
    deadline = clock.monotonic() + seconds
    while (left := deadline - clock.monotonic()) > 0:
        sleep(left)


def check(
    paths: AppPaths,
    *,
    snooze_seconds: float | None = None,
    clock: Clock | None = None,
    notifier: Callable[[], Notifier | NoNotifier] = find_notifier,
    sleep: Sleep = time_module.sleep,
    err: TextIO | None = None,
) -> int:
    """Remind if today is not done (after waiting ``snooze_seconds``, if given)."""
    clock = clock or SystemClock()
    err = err or sys.stderr
    if snooze_seconds:
        wait(snooze_seconds, clock, sleep)
    shown = read_history_for_display(paths.data_dir)
    for notice in shown.notices:
        print(f"backcoach: {visible(notice)}", file=err)
    history = shown.model or History()
    today = clock.now().date()
    reminder = reminder_due(history.sessions, [r.local_date for r in history.rest_days], today)
    if reminder is None:
        return NOTHING_DUE
    found = notifier()
    if isinstance(found, NoNotifier):
        print(f"backcoach: reminder not shown: {found.reason} ({reminder.body})", file=err)
        return CANNOT_NOTIFY
    try:
        found.send(reminder.title, reminder.body)
    except NotifyError as error:
        print(f"backcoach: reminder not shown: {error} ({reminder.body})", file=err)
        return CANNOT_NOTIFY
    return REMINDED


def install(
    scheduler: Scheduler, times: Sequence[time], command: Sequence[str], out: TextIO, err: TextIO
) -> int:
    try:
        outcome = scheduler.install(times, command)
    except (ScheduleError, OSError) as error:
        print(f"backcoach: {_why(error)}", file=err)
        return 1
    for line in outcome.lines:
        print(line, file=out)
    if outcome.ok and scheduler.kind != "crontab":
        print(f"Reminders at {', '.join(clock_text(at) for at in times)}.", file=out)
    return 0 if outcome.ok else 1


def uninstall(scheduler: Scheduler, out: TextIO, err: TextIO) -> int:
    try:
        outcome = scheduler.uninstall()
    except (ScheduleError, OSError) as error:
        print(f"backcoach: {_why(error)}", file=err)
        return 1
    for line in outcome.lines:
        print(line, file=out)
    return 0 if outcome.ok else 1


def status(scheduler: Scheduler, clock: Clock, out: TextIO, err: TextIO) -> int:
    try:
        installed = scheduler.installed()
    except (ScheduleError, OSError) as error:
        print(f"backcoach: {_why(error)}", file=err)
        return 1
    if installed is None:
        if scheduler.kind == "crontab":
            print("No timer is installed by backcoach here (cron lines are yours).", file=out)
        else:
            print("No reminders installed. Add some: backcoach remind install --at 08:00", file=out)
        return 0
    at = ", ".join(clock_text(t) for t in installed.times) or "no times"
    print(f"Reminders at {at} ({installed.kind})", file=out)
    upcoming = next_reminder(installed.times, clock.now())
    if upcoming is not None:
        day = "today" if upcoming.date() == clock.now().date() else "tomorrow"
        print(f"Next: {day} at {clock_text(upcoming.time())}, if today is not done", file=out)
    for path in installed.files:
        print(f"  {path}", file=out)
    return 0


def _why(error: Exception) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    return str(error)

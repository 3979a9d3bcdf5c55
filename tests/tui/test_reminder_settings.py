"""Reminders from the settings: the installed times are shown; Install writes the timer
(with a fake systemctl, into a temp dir) and Remove takes it away again; a mistyped
time is said under the row and nothing is installed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from shell_support import MakeApp, plain
from textual.widgets import Button, Input, Static

from backcoach.core.reminders.schedulers import SystemdTimer
from backcoach.services import Services
from backcoach.tui.screens.settings import SettingsScreen


class FakeSystemctl:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, command: Sequence[str], env: Mapping[str, str]) -> tuple[int, str]:
        self.calls.append(list(command))
        return 0, ""


def with_timer(services: Services, tmp_path: Path) -> tuple[SystemdTimer, FakeSystemctl]:
    systemctl = FakeSystemctl()
    timer = SystemdTimer(tmp_path / "systemd-user", systemctl, {})
    services.reminder_scheduler = timer
    return timer, systemctl


def state_text(app: object) -> str:
    return plain(app.screen.query_one("#reminder-state", Static))  # type: ignore[attr-defined]


async def test_install_and_remove_reminders_from_the_settings(
    make_app: MakeApp, services: Services, tmp_path: Path
) -> None:
    timer, systemctl = with_timer(services, tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        assert isinstance(app.screen, SettingsScreen)
        assert state_text(app) == "Not installed (they would be a systemd user timer)"
        assert app.screen.query_one("#remove-reminders", Button).disabled
        field = app.screen.query_one("#reminder-times", Input)
        field.focus()
        field.value = "08:00, 18:30"
        await pilot.press("enter")
        await pilot.pause()
        assert state_text(app) == "Installed: 08:00, 18:30 (systemd user timer)"
        assert timer.timer.exists() and timer.service.exists()
        assert "--config-dir" in timer.service.read_text()
        assert ["systemctl", "--user", "enable", "--now", "backcoach-remind.timer"] in (
            systemctl.calls
        )
        assert any("Enabled" in n.text for n in app.notices)
        remove = app.screen.query_one("#remove-reminders", Button)
        assert not remove.disabled
        remove.press()
        await pilot.pause()
        assert state_text(app).startswith("Not installed")
        assert sorted(timer.unit_dir.iterdir()) == []


async def test_installed_times_are_shown_when_the_settings_open(
    make_app: MakeApp, services: Services, tmp_path: Path
) -> None:
    from datetime import time

    timer, _ = with_timer(services, tmp_path)
    timer.install([time(7, 15)], ["/bin/backcoach", "remind"])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        assert state_text(app) == "Installed: 07:15 (systemd user timer)"
        assert app.screen.query_one("#reminder-times", Input).value == "07:15"


async def test_a_mistyped_time_is_said_and_nothing_is_installed(
    make_app: MakeApp, services: Services, tmp_path: Path
) -> None:
    timer, systemctl = with_timer(services, tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        app.screen.query_one("#reminder-times", Input).value = "8am"
        app.screen.query_one("#install-reminders", Button).press()
        await pilot.pause()
        assert "'8am' is not a time of day" in state_text(app)
        assert not timer.timer.exists() and systemctl.calls == []

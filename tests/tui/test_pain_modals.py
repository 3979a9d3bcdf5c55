"""The pain rating and pain stop modals: number keys, 10, skipping, the two ways out."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.screen import ModalScreen

from backcoach.tui.screens.confirm import ConfirmScreen
from backcoach.tui.session.pain_rating import PainRatingScreen
from backcoach.tui.session.pain_stop import DOCTOR_ADVICE, PainStopChoice, PainStopScreen
from backcoach.tui.widgets.pain_scale import PainScale, next_pain_value


class ModalHost(App[None]):
    """Pushes one modal and keeps what it dismissed with."""

    def __init__(self, modal: ModalScreen[Any]) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


@pytest.mark.parametrize(
    ("current", "key", "expected"),
    [
        (None, "7", 7),
        (3, "0", 0),
        (1, "0", 10),
        (10, "0", 0),
        (None, "t", 10),
        (5, "left", 4),
        (0, "left", 0),
        (9, "right", 10),
        (10, "right", 10),
        (None, "right", 0),
        (4, "x", None),
    ],
)
def test_next_pain_value(current: int | None, key: str, expected: int | None) -> None:
    assert next_pain_value(current, key) == expected


async def test_digit_then_enter_records_the_score() -> None:
    app = ModalHost(PainRatingScreen("How is it?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        assert app.screen.query_one(PainScale).value == 4
        await pilot.press("6", "enter")
    assert app.results == [6]


async def test_one_then_zero_gives_ten() -> None:
    app = ModalHost(PainRatingScreen("How is it?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "0", "enter")
    assert app.results == [10]


async def test_t_gives_ten_and_arrows_adjust() -> None:
    app = ModalHost(PainRatingScreen("How is it?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "left", "left", "enter")
    assert app.results == [8]


@pytest.mark.parametrize("keys", [("escape",), ("enter",), ("3", "escape")])
async def test_rating_can_be_skipped(keys: tuple[str, ...]) -> None:
    app = ModalHost(PainRatingScreen("How is it?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
    assert app.results == [None]


async def test_title_is_shown_literally() -> None:
    app = ModalHost(PainRatingScreen("[b]not markup[/b]"))
    async with app.run_test(size=(80, 24)):
        title = app.screen.query_one("#pain-rating-title")
        assert "[b]not markup[/b]" in str(title.render())


async def test_pain_stop_says_what_happened_and_goes_on() -> None:
    app = ModalHost(PainStopScreen("Bridges", next_name="Cat stretch"))
    async with app.run_test(size=(80, 24)) as pilot:
        texts = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "Bridges is stopped and flagged" in texts
        assert "left out of your later sessions" in texts
        assert DOCTOR_ADVICE in texts
        await pilot.press("7", "n")
    assert app.results == [PainStopChoice(go_on=True, pain_now=7)]


async def test_pain_stop_can_end_without_a_score() -> None:
    app = ModalHost(PainStopScreen("Bridges", next_name="Cat stretch"))
    async with app.run_test(size=(80, 24)) as pilot:
        choices = str(app.screen.query_one("#pain-stop-choices").render())
        assert choices == "enter or n: go on with Cat stretch · e: end the session here"
        await pilot.press("e")
    assert app.results == [PainStopChoice(go_on=False, pain_now=None)]


async def test_on_the_last_exercise_the_pain_stop_offers_one_plain_choice() -> None:
    """Nothing comes next: no "go on" beside "end" that would do the same (bug 3)."""
    app = ModalHost(PainStopScreen("Bridges", next_name=None))
    async with app.run_test(size=(80, 24)) as pilot:
        choices = str(app.screen.query_one("#pain-stop-choices").render())
        assert choices == "enter: end the session (what you did is saved)"
        keys = {active.binding.key for active in app.screen.active_bindings.values()}
        assert "n" not in keys and "e" in keys
        await pilot.press("n")  # not offered: does nothing
        assert isinstance(app.screen, PainStopScreen)
        await pilot.press("6", "enter")
    assert app.results == [PainStopChoice(go_on=False, pain_now=6)]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(("y",), True), (("n",), False), (("escape",), False), (("enter",), False)],
)
async def test_confirm_answers(keys: tuple[str, ...], expected: bool) -> None:
    app = ModalHost(ConfirmScreen("End the session now?", detail="[i]saved[/i]"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "[i]saved[/i]" in str(app.screen.query_one("#confirm-detail").render())
        await pilot.press(*keys)
    assert app.results == [expected]

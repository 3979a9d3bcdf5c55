"""The far view: the f key and the setting, what it shows in each phase, its phase colours
(shared with the normal view), its sizes measured on the screen, and the footer."""

from __future__ import annotations

import pytest
from session_support import FakeSettings, SessionHost, plan_for, run_for, start
from textual.app import App
from textual.color import Color
from textual.widget import Widget

from backcoach.clock import FakeClock
from backcoach.services import Services
from backcoach.tui.block_font import BLOCK_CHARACTERS
from backcoach.tui.session.far_view import FarView
from backcoach.tui.session.screen import SessionScreen
from backcoach.tui.widgets.big_digits import BigDigits
from backcoach.tui.widgets.big_text import BigText
from backcoach.tui.widgets.hold_timer import HoldTimer, SmoothBar
from block_font_reading import DIGITS, read_block_text

pytestmark = pytest.mark.tiny_content

# The short routine's first exercise: a 10 s get-ready, then breathe 2 s, hold 3 s,
# move 2 s, a 2 s rest, and the second rep.
IN_BREATHE = 10.5
IN_HOLD = 13.5
IN_MOVE = 16.0
IN_REST = 17.5


def screen_lines(app: App[None]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def far_view(screen: SessionScreen) -> FarView:
    return screen.query_one(FarView)


def digits_rows(app: App[None], screen: SessionScreen) -> list[str]:
    """The screen rows inside the far view's digits that hold block characters."""
    region = screen.query_one("#far-digits", BigDigits).region
    lines = screen_lines(app)[region.y : region.bottom]
    return [
        line[region.x : region.right]
        for line in lines
        if BLOCK_CHARACTERS.intersection(line[region.x : region.right])
    ]


def shown(screen: SessionScreen, selector: str) -> bool:
    widget = screen.query_one(selector)
    return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))


async def test_f_swaps_the_normal_view_and_the_far_view(
    services: Services, clock: FakeClock
) -> None:
    settings = FakeSettings()
    app = SessionHost(services, plan_for(services), settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, IN_HOLD)
        assert shown(screen, "#session-body") and not shown(screen, "#far-view")
        await pilot.press("f")
        assert screen.far and screen.has_class("-far")
        assert shown(screen, "#far-view") and not shown(screen, "#session-body")
        assert not shown(screen, "#next-up")  # the far view has its own
        # Drawn at once, before the next frame.
        assert far_view(screen).digits.text == "0:02"
        await pilot.press("f")
        assert not screen.far
        assert shown(screen, "#session-body") and not shown(screen, "#far-view")
        assert not settings.far_view  # the key is for this session; nothing is saved


async def test_the_setting_starts_the_session_in_the_far_view(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert screen.far
        assert shown(screen, "#far-view") and not shown(screen, "#session-body")
        assert far_view(screen).phase.text == "GET READY"
        assert far_view(screen).digits.text == "0:10"


async def test_a_changed_setting_is_followed_and_other_changes_leave_the_key_be(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        screen.settings = FakeSettings(far_view=True)
        await pilot.pause()
        assert screen.far
        await pilot.press("f")
        screen.settings = FakeSettings(far_view=True, reduced_motion=True)
        await pilot.pause()
        assert not screen.far  # far_view did not change: what f chose stays
        screen.settings = FakeSettings(far_view=False)
        await pilot.pause()
        assert not screen.far
        screen.settings = FakeSettings(far_view=True)
        await pilot.pause()
        assert screen.far


async def test_seconds_are_big_for_holds_and_rests_and_a_move_shows_its_cue(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        view = far_view(screen)
        big_cue = screen.query_one("#far-big-cue", BigText)
        checks = [
            (IN_BREATHE, "BREATHE", None, "Breathe in, lift"),
            (IN_HOLD - IN_BREATHE, "HOLD", "0:02", None),
            (IN_MOVE - IN_HOLD, "MOVE", None, "Lower slowly"),
            (IN_REST - IN_MOVE, "REST", "0:02", None),
        ]
        for seconds, word, digits, cue in checks:
            await run_for(pilot, clock, seconds)
            assert view.phase.text == word
            assert shown(screen, "#far-digits") == (digits is not None)
            assert shown(screen, "#far-big-cue") == (cue is not None)
            if digits is not None:
                assert read_block_text(digits_rows(app, screen), DIGITS) == digits
                assert shown(screen, "#far-cue")  # the cue as a line under the counters
            else:
                assert big_cue.text == cue
                assert not shown(screen, "#far-cue")  # not twice


async def test_a_step_at_your_own_pace_shows_its_cue_and_no_bar(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services, "sides-only"), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, 10 + 2.5)
        assert far_view(screen).phase.text == "YOUR PACE"
        assert screen.query_one("#far-big-cue", BigText).text == "Lower it, then press enter"
        assert not shown(screen, "#far-digits") and not shown(screen, "#far-bar")


async def test_the_phase_class_follows_the_phase_in_both_views(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        view = far_view(screen)
        phase, digits = view.phase, view.digits
        timer = screen.query_one(HoldTimer)
        label, normal_digits = timer.query_one("#timer-kind"), timer.query_one("#timer-digits")
        steps = [
            (0.0, "-phase-ready"),
            (IN_BREATHE, "-phase-breathe"),
            (IN_HOLD - IN_BREATHE, "-phase-hold"),
            (IN_MOVE - IN_HOLD, "-phase-move"),
            (IN_REST - IN_MOVE, "-phase-rest"),
        ]
        for seconds, phase_class in steps:
            await run_for(pilot, clock, seconds)
            assert phase.has_class(phase_class)
            await pilot.press("f")  # the normal view carries the same class
            assert label.has_class(phase_class)
            await pilot.press("f")
        assert digits.has_class("-phase-rest") and normal_digits.has_class("-phase-rest")
        # Told apart by colour from the theme, not only by class.
        assert phase.styles.color != screen.query_one("#far-next-up").styles.color


async def test_held_and_rested_phases_have_different_colours(
    services: Services, clock: FakeClock
) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        phase = far_view(screen).phase
        await run_for(pilot, clock, IN_HOLD)
        hold_colour = phase.styles.color
        await run_for(pilot, clock, IN_REST - IN_HOLD)
        assert phase.text == "REST"
        assert phase.styles.color != hold_colour
        assert hold_colour == Color.parse(app.get_css_variables()["text-warning"])


async def test_paused_says_so_in_big_letters(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, IN_HOLD)
        await pilot.press("space")
        view = far_view(screen)
        assert view.phase.text == "PAUSED" and view.phase.has_class("-paused")
        assert view.digits.text == "0:02"  # still shown, dimmed
        await run_for(pilot, clock, 5)
        assert view.digits.text == "0:02"
        await pilot.press("space")
        assert view.phase.text == "HOLD"


async def test_reduced_motion_keeps_the_big_digits_and_drops_the_bar(
    services: Services, clock: FakeClock
) -> None:
    settings = FakeSettings(far_view=True, reduced_motion=True)
    app = SessionHost(services, plan_for(services), settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, IN_HOLD)
        assert shown(screen, "#far-digits") and not shown(screen, "#far-bar")
        assert len(digits_rows(app, screen)) >= 5
        assert read_block_text(digits_rows(app, screen), DIGITS) == "0:02"
        await run_for(pilot, clock, 1)
        assert read_block_text(digits_rows(app, screen), DIGITS) == "0:01"
        screen.settings = FakeSettings(far_view=True)
        await run_for(pilot, clock, 0.25)
        assert shown(screen, "#far-bar")
        assert screen.query_one("#far-bar", SmoothBar).fraction == pytest.approx(2.75 / 3)


async def test_only_the_view_on_screen_is_drawn(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        timer = screen.query_one(HoldTimer)
        await run_for(pilot, clock, IN_HOLD)
        assert far_view(screen).digits.text == "0:02"
        assert timer.digits_text == ""  # the hidden normal view was left alone
        await pilot.press("f")
        assert timer.digits_text == "0:02"
        await run_for(pilot, clock, 1)
        assert far_view(screen).digits.text == "0:02"  # hidden now: not drawn
        assert timer.digits_text == "0:01"


@pytest.mark.parametrize(("size", "least_rows"), [((80, 24), 5), ((120, 40), 9), ((60, 20), 5)])
@pytest.mark.parametrize(
    ("routine", "seconds", "word"),
    [
        ("short", IN_HOLD, "HOLD"),
        ("short", IN_REST, "REST"),
        ("short", 1, "GET READY"),
        ("sides-only", 10 + 2 + 0.5 + 1, "REST"),  # with the switch-sides banner
    ],
)
async def test_the_digits_are_tall_enough_on_screen(
    services: Services,
    clock: FakeClock,
    size: tuple[int, int],
    least_rows: int,
    routine: str,
    seconds: float,
    word: str,
) -> None:
    app = SessionHost(services, plan_for(services, routine), FakeSettings(far_view=True))
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, seconds)
        if routine == "sides-only":
            await pilot.press("enter")  # done with the left side: the rest between sides
            await run_for(pilot, clock, 0.5)
            assert shown(screen, "#far-switch")
        assert far_view(screen).phase.text == word
        rows = digits_rows(app, screen)
        assert len(rows) >= least_rows
        assert read_block_text(rows, DIGITS) == far_view(screen).digits.text
        # The frame's last row (its border) is still where it belongs: nothing overflowed.
        frame = screen.query_one("#session-frame").region
        assert screen.query_one("#far-next-up").region.bottom <= frame.bottom - 1


async def test_the_digits_grow_with_the_terminal(services: Services, clock: FakeClock) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, IN_HOLD)
        heights = []
        for size in [(80, 24), (100, 30), (120, 40), (160, 50)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            heights.append(len(digits_rows(app, screen)))
        assert heights == sorted(heights) and heights[0] < heights[-1]


@pytest.mark.parametrize(
    ("width", "label"), [(60, "f Far"), (79, "f Far"), (80, None), (100, "f Far view")]
)
async def test_the_footer_fits_and_names_f_where_there_is_room(
    services: Services, clock: FakeClock, width: int, label: str | None
) -> None:
    app = SessionHost(services, plan_for(services))
    async with app.run_test(size=(width, 24)) as pilot:
        await start(pilot)
        await pilot.press("space")  # "Resume" is the longest the footer gets
        footer = screen_lines(app)[-1]
        assert "? Help" in footer  # the last key still fits
        if label is None:
            assert "f Far" not in footer
        else:
            assert label in footer
        await pilot.press("f")  # f works, labelled or not
        assert isinstance(app.screen, SessionScreen) and app.screen.far


@pytest.mark.parametrize(("size", "blocks"), [((60, 20), False), ((80, 24), True)])
async def test_short_of_rows_the_counters_give_up_their_blocks_first(
    services: Services, clock: FakeClock, size: tuple[int, int], blocks: bool
) -> None:
    app = SessionHost(services, plan_for(services), FakeSettings(far_view=True))
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        await run_for(pilot, clock, IN_HOLD)
        counters = screen.query_one("#far-counters", BigText)
        assert counters.text == "Rep 1 of 2"
        assert (counters.scale is not None) == blocks
        assert far_view(screen).phase.scale is not None  # the word stays in blocks

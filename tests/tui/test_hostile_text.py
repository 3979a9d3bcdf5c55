"""History text holding terminal escapes reaches the app's screens as visible escapes:
the home screen, the sessions and flags tabs never get a raw ESC to draw."""

from __future__ import annotations

from history_seed import seeded_history
from shell_support import MakeApp

from backcoach.core.history_models import History
from backcoach.services import Services
from store_factory import put_history

ESCAPES = "\x1b]2;TITLE\x07\x1b[2J"


async def test_history_escapes_are_shown_escaped_in_every_tab(
    services: Services, make_app: MakeApp
) -> None:
    document = seeded_history().model_dump(mode="json")
    for session in document["sessions"]:
        session["routine_name"] += ESCAPES
    for flag in document["flags"]:
        flag["exercise_name"] += ESCAPES
    # Written as the app writes (text built in code is saved as it is), then read back:
    # the escapes come from the files, as they would from a hand-edited history.
    put_history(services.store, History.model_validate(document))
    services.store.load()
    app = make_app(first_run_check=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screens = [app.export_screenshot()]
        for tab in ("h", "2", "3"):
            await pilot.press(tab)
            await pilot.pause()
            screens.append(app.export_screenshot())
    shown = "".join(screens)
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]2;TITLE" in shown  # the name is there, its escape shown literally
    assert all("\x1b" not in f.exercise_name for f in app.history.flags)

"""History text holding terminal escapes reaches the app's screens as visible escapes:
the home screen, the sessions and flags tabs never get a raw ESC to draw."""

from __future__ import annotations

import json

from history_seed import seeded_history
from shell_support import MakeApp

from backcoach.services import Services

ESCAPES = "\x1b]2;TITLE\x07\x1b[2J"


async def test_history_escapes_are_shown_escaped_in_every_tab(
    services: Services, make_app: MakeApp
) -> None:
    document = seeded_history().model_dump(mode="json")
    for session in document["sessions"]:
        session["routine_name"] += ESCAPES
    for flag in document["flags"]:
        flag["exercise_name"] += ESCAPES
    store = services.store
    store.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    store.path.write_text(json.dumps(document))
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

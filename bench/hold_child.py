"""The real app in a real terminal, idle on the exercise list or animating one long hold.

``python -m bench.hold_child idle|hold|hold-far SECONDS``: starts backcoach exactly as
the ``backcoach`` command does (``hold-far``: with ``--far-view --voice cues``);
``App.run`` is wrapped only to add an autopilot that, in the hold modes, starts a
session of back-to-back 10 s holds (``real_holds_plan``) through ``app.start_session``
and skips the pain-before question with escape, as a user would.
"""

from __future__ import annotations

import sys
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from bench.bench_plans import real_holds_plan


def main(argv: list[str]) -> int:
    mode, seconds = argv[0], float(argv[1])
    original_run = App.run

    async def autopilot(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        # Home may be drawn from the first frame cache, its data loaded just after.
        while not getattr(pilot.app, "loaded", True):
            await pilot.pause(0.05)
        if not mode.startswith("hold"):
            return
        app: Any = pilot.app
        app.start_session(real_holds_plan(app.services.content.catalog, seconds))
        await pilot.pause()
        await pilot.press("escape")

    def run_with_autopilot(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs["auto_pilot"] = autopilot
        return original_run(self, *args, **kwargs)

    App.run = run_with_autopilot  # type: ignore[method-assign]
    from backcoach.cli import main as backcoach_main

    return backcoach_main(["--far-view", "--voice", "cues"] if mode == "hold-far" else [])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

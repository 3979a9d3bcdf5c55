"""Run an app headless at 80x24 and report when a text first appears on its screen.

``python -m bench.child MARKER -- bare`` or ``python -m bench.child MARKER -- backcoach [ARGS]``

Both apps are started exactly as usual; ``App.run`` is wrapped so that it runs headless
at the benchmark's terminal size with an autopilot. The autopilot waits for the app to
be idle, renders the screen to text and checks for MARKER, again and again; the first
time MARKER is there it prints ``READY <time.monotonic()>`` and exits the app. The
same exit point, at the same cost, for both apps.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from textual.app import App
from textual.pilot import Pilot

DEADLINE_S = 60.0


def screen_text(app: App[Any]) -> str:
    """What the terminal would show, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def install_headless_run(marker: str) -> None:
    original_run = App.run

    async def autopilot(pilot: Pilot[Any]) -> None:
        give_up = time.monotonic() + DEADLINE_S
        while time.monotonic() < give_up:
            await pilot.pause()
            if marker in screen_text(pilot.app):
                print(f"READY {time.monotonic():.6f}", flush=True)
                pilot.app.exit()
                return
        print(f"NEVER SAW {marker!r}:\n{screen_text(pilot.app)}", flush=True)
        pilot.app.exit()

    def headless_run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
        kwargs.update(headless=True, size=(80, 24), auto_pilot=autopilot)
        return original_run(self, *args, **kwargs)

    App.run = headless_run  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    marker, separator, target, *rest = argv
    if separator != "--":
        raise SystemExit("usage: python -m bench.child MARKER -- bare|backcoach [ARGS]")
    install_headless_run(marker)
    if target == "bare":
        from bench.bare_app import main as bare_main

        return bare_main()
    from backcoach.cli import main as backcoach_main

    return backcoach_main(rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

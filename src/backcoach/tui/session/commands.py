"""Command palette entries for the session's keys, so every key is also a command.

Built from the session screen's own bindings, so the palette, the footer and the help
never disagree about what the keys are called. The palette highlights its first entry
before anything is typed, so enter alone must never flag an exercise: the entries come
in a fixed, harmless-first order and the pain entry (last) says plainly what it does.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.binding import Binding
from textual.markup import escape

from backcoach.tui.commands import EntryCommands, PaletteEntry

#: Opening the palette pauses the session, so a toggle would resume it: the palette
#: offers the two directions instead. Resume comes first (the session is paused then).
PALETTE_SPLIT = {"toggle_pause": [("Resume", "resume"), ("Pause", "pause")]}
#: Palette titles that differ from the footer label (the footer has no room to explain).
PALETTE_TITLES = {"pain_worse": "Stop and flag this exercise (it made my pain worse)"}
#: Harmless entries first; the one that flags an exercise last.
PALETTE_ORDER = [
    "toggle_pause",
    "next",
    "back",
    "skip",
    "toggle_far_view",
    "end_session",
    "pain_worse",
]


def _order(binding: Binding) -> int:
    action = binding.action
    return PALETTE_ORDER.index(action) if action in PALETTE_ORDER else len(PALETTE_ORDER) - 1


class SessionCommands(EntryCommands):
    """ "Session: Resume", "Session: Pause", ... for the screen the palette came from."""

    def _commands(self) -> Iterator[PaletteEntry]:
        screen = self.screen
        bindings = [b for b in screen.BINDINGS if isinstance(b, Binding) and b.description]
        for binding in sorted(bindings, key=_order):
            key = binding.key_display or binding.key
            help_text = f"{escape(binding.tooltip)} (key: {escape(key)})"
            title = PALETTE_TITLES.get(binding.action, binding.description)
            actions = PALETTE_SPLIT.get(binding.action, [(title, binding.action)])
            for entry_title, action in actions:
                method = getattr(screen, f"action_{action}", None)
                if callable(method):
                    yield f"Session: {entry_title}", help_text, method

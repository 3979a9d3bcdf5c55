"""Command palette entries for the session's keys, so every key is also a command.

Built from the session screen's own bindings, so the palette, the footer and the help
never disagree about what the keys are called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

PALETTE_SPLIT = {"toggle_pause": [("Pause", "pause"), ("Resume", "resume")]}


class SessionCommands(Provider):
    """ "Session: Pause", "Session: Made pain worse", ... for the screen the palette came from."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            key = binding.key_display or binding.key
            help_text = f"{escape(binding.tooltip)} (key: {escape(key)})"
            # Opening the palette pauses the session, so a toggle would resume it:
            # the palette offers the two directions instead.
            actions = PALETTE_SPLIT.get(binding.action, [(binding.description, binding.action)])
            for title, action in actions:
                method = getattr(screen, f"action_{action}", None)
                if callable(method):
                    yield f"Session: {title}", help_text, method

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), callback, text=title, help=help_text)

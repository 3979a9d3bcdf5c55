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


class SessionCommands(Provider):
    """ "Session: Pause", "Session: Made pain worse", ... for the screen the palette came from."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            method = getattr(screen, f"action_{binding.action}", None)
            if callable(method):
                key = binding.key_display or binding.key
                help_text = f"{escape(binding.tooltip)} (key: {escape(key)})"
                yield f"Session: {binding.description}", help_text, method

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), callback, text=title, help=help_text)

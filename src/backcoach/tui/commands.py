"""The command palette's base provider: a screen's entries from a plain list.

Names can come from content files (possibly the user's), so titles are literal
``Content``; help lines arrive already escaped (the palette parses them as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

#: One palette entry: literal title, help line (markup, already escaped), what it does.
PaletteEntry = tuple[str, str, Callable[[], object]]


class EntryCommands(Provider):
    """A provider built from a list of entries: subclasses only say what the entries are
    (``_commands``) and which are shown before anything is typed (``_discoverable``)."""

    def _commands(self) -> Iterable[PaletteEntry]:
        return ()

    def _discoverable(self, title: str) -> bool:
        return True

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if self._discoverable(title):
                yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), callback, text=title, help=help_text)

"""Command palette entries: a base provider, and one entry per routine and exercise.

Names come from content files (possibly the user's), so titles are literal ``Content``
and help lines are escaped: the palette would otherwise parse them as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from backcoach.tui.app import BackcoachApp


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


class ContentCommands(EntryCommands):
    """ "Start routine: ..." and "Start exercise: ..." (hidden while a session runs)."""

    def _discoverable(self, title: str) -> bool:
        return title.startswith("Start routine")

    def _commands(self) -> list[PaletteEntry]:
        from backcoach.tui import actions

        app: BackcoachApp = self.app  # type: ignore[assignment]
        if app.session_running():
            return []
        catalog = app.services.content.catalog
        found: list[PaletteEntry] = []
        for routine in catalog.routines.values():
            found.append(
                (
                    f"Start routine: {routine.name}",
                    escape(routine.description),
                    partial(actions.start_routine, app, routine.id),
                )
            )
        for exercise in catalog.ordered_exercises():
            found.append(
                (
                    f"Start exercise: {exercise.name}",
                    escape(exercise.works),
                    partial(actions.start_exercise, app, exercise.id),
                )
            )
        return found

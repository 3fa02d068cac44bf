"""The command palette (Ctrl+P): every action of the app, searchable by its Swedish name."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PaletteCommand(NamedTuple):
    """One entry of the palette."""

    title: str
    help: str
    callback: Callable[[], object]


@runtime_checkable
class HasPaletteCommands(Protocol):
    """An app that lists its palette commands."""

    def palette_commands(self) -> list[PaletteCommand]:
        """The commands, in the order they are shown."""
        ...


class LagesbildCommands(Provider):
    """The app's own commands (views, documents, register, search, help)."""

    def _commands(self) -> list[PaletteCommand]:
        app = self.app
        return app.palette_commands() if isinstance(app, HasPaletteCommands) else []

    async def discover(self) -> Hits:
        """All commands, shown before anything is typed."""
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        """Commands whose title fuzzily matches ``query``."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command.title), command.callback, help=command.help
                )

"""The sources pane: one passage with where it stands and the query's words highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from assistant.tui.formatting import highlight


class SourcePane(VerticalScroll):
    """Shows the selected passage (search hit or cited source)."""

    DEFAULT_CSS = """
    SourcePane {
        border: round $primary-darken-1;
        padding: 0 1;
    }
    SourcePane > #source-where { text-style: bold; color: $accent; }
    SourcePane > #source-section { color: $text-muted; margin-bottom: 1; }
    """

    EMPTY = "Välj en träff eller en källa för att se texten här."

    def compose(self) -> ComposeResult:
        """A heading (document and page), the section and the passage."""
        yield Static(id="source-where")
        yield Static(id="source-section")
        yield Static(self.EMPTY, id="source-text")

    def on_mount(self) -> None:
        """Give the pane its title."""
        self.border_title = "Källa"

    def show(self, doc: str, page: int, section: str, text: str, query: str) -> None:
        """Show a passage from ``doc`` page ``page`` with the words of ``query`` marked."""
        self.query_one("#source-where", Static).update(Content(f"{doc}, sida {page}"))
        self.query_one("#source-section", Static).update(Content(section))
        self.query_one("#source-text", Static).update(highlight(text, query))
        self.scroll_home(animate=False)

    def clear(self) -> None:
        """Back to the empty state."""
        self.query_one("#source-where", Static).update("")
        self.query_one("#source-section", Static).update("")
        self.query_one("#source-text", Static).update(self.EMPTY)

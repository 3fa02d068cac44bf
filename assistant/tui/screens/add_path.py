"""The 'add documents' dialog: type a path, or pick a file or folder in a tree."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Static

SUFFIXES = "PDF, PPTX, DOCX, TXT eller MD"


class AddPathScreen(ModalScreen[Path | None]):
    """Choose a file or folder to ingest; dismisses with the path, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Avbryt")]

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        """Path input, directory tree, buttons."""
        with Vertical(classes="dialog -wide"):
            yield Static("Lägg till fil eller mapp", classes="dialog-title")
            yield Static(
                f"Skriv en sökväg eller välj i trädet. Mappar läses med undermappar ({SUFFIXES})."
            )
            yield Input(placeholder="Sökväg till fil eller mapp", id="add-path")
            yield Static(id="add-error", classes="error-text")
            yield DirectoryTree(self.start, id="add-tree")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Läs in", variant="primary", id="add-ok")
                yield Button("Avbryt", id="add-cancel")

    def on_mount(self) -> None:
        """Focus the path input."""
        self.query_one("#add-path", Input).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        """A file in the tree fills the input."""
        self.query_one("#add-path", Input).value = str(event.path)

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        """A folder in the tree fills the input."""
        self.query_one("#add-path", Input).value = str(event.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input is the same as 'Läs in'."""
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Read in, or cancel."""
        if event.button.id == "add-ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        raw = self.query_one("#add-path", Input).value.strip()
        error = self.query_one("#add-error", Static)
        if not raw:
            error.update("Ange en fil eller mapp.")
            return
        path = Path(raw).expanduser()
        if not path.exists():
            error.update(f"'{path}' finns inte. Kontrollera sökvägen.")
            return
        self.dismiss(path)

"""Small modal dialogs: confirm a destructive action, show an error with its fix."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone; dismisses with True to go ahead."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(False)", "Avbryt")]

    def __init__(self, question: str, detail: str, confirm_label: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        """Question, explanation, two buttons."""
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield Static(Content(self.detail))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, variant="error", id="confirm")
                yield Button("Avbryt", id="cancel")

    def on_mount(self) -> None:
        """Focus the safe choice."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Dismiss with the choice."""
        self.dismiss(event.button.id == "confirm")


class ErrorScreen(ModalScreen[None]):
    """An error the user must read: what happened and how to fix it (no traceback)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Stäng")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        """Title, message and a close button."""
        with Vertical(classes="dialog -error"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), id="error-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Stäng", variant="primary", id="close")

    def on_mount(self) -> None:
        """Focus the close button."""
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss(None)


UNEXPECTED_FIX = (
    "Försök igen. Om felet kommer tillbaka: avsluta med Ctrl+Q, starta Lägesbild igen och "
    "rapportera felet tillsammans med vad du gjorde."
)


class ReportsWorkerErrors:
    """Mixin for views: an unexpected error in one of their workers opens an error dialog.

    Expected errors (``LagesbildError``) are caught inside the workers and shown as
    notifications; this is the last line, so the user never sees a traceback.
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show a worker's unexpected error."""
        if event.state is WorkerState.ERROR and isinstance(self, Widget):
            error = event.worker.error
            message = f"{type(error).__name__}: {error}\n\n{UNEXPECTED_FIX}"
            shown = self.app.screen
            if not (isinstance(shown, ErrorScreen) and shown.message == message):
                self.app.push_screen(ErrorScreen("Ett oväntat fel inträffade", message))

"""The history dialog (Ctrl+O in Sök / Fråga): earlier questions, newest first.

Enter (or Öppna) closes the dialog with the entry and its stored answer, which the chat view
then shows without asking the model; Delete removes one entry, "Rensa allt" every entry
after asking first. The history is read and written in thread workers; a history that
cannot be used is explained in the dialog, and the app carries on without it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.history import ConversationHistory, HistoryEntry
from assistant.tui.screens.dialogs import ConfirmScreen, ReportsWorkerErrors
from lagesbild.errors import StoreError
from lagesbild.types import Answer

Reopened = tuple[HistoryEntry, Answer]
"""What the dialog closes with when an entry is opened."""
EMPTY = "Inga sparade frågor ännu. Svaren i Fråga-läget sparas här när de är klara."
HOW = "Enter öppnar svaret (språkmodellen tillfrågas inte), Delete tar bort frågan."


class HistoryScreen(ReportsWorkerErrors, ModalScreen[Reopened | None]):
    """The stored questions; dismisses with the chosen entry and its answer, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Stäng"),
        Binding("delete", "delete", "Ta bort"),
    ]

    def __init__(self, history: ConversationHistory) -> None:
        super().__init__()
        self.history = history
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        """Title, how-to line, the list and the buttons."""
        with Vertical(classes="dialog -wide", id="history-dialog"):
            yield Static("Historik – tidigare frågor, senaste först", classes="dialog-title")
            yield Static(id="history-status")
            yield OptionList(id="history-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Öppna (Enter)", variant="primary", id="history-open")
                yield Button("Ta bort (Delete)", id="history-delete")
                yield Button("Rensa allt …", variant="error", id="history-clear")
                yield Button("Stäng (Esc)", id="history-close")

    def on_mount(self) -> None:
        """Read the entries."""
        self._set_entries([])
        self.query_one("#history-list").loading = True
        self._load()

    @property
    def highlighted(self) -> HistoryEntry | None:
        """The entry under the cursor."""
        index = self.query_one("#history-list", OptionList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def _set_entries(self, entries: list[HistoryEntry], error: str = "") -> None:
        self.entries = entries
        options = self.query_one("#history-list", OptionList)
        options.loading = False
        options.clear_options()
        options.add_options(
            Option(Content.assemble((entry.when, "bold"), "  ", entry.question))
            for entry in entries
        )
        for button in ("#history-open", "#history-delete", "#history-clear"):
            self.query_one(button, Button).disabled = not entries
        status = self.query_one("#history-status", Static)
        status.set_class(bool(error), "error-text")
        if error:
            status.update(Content(error))
        elif entries:
            count = "1 fråga" if len(entries) == 1 else f"{len(entries)} frågor"
            status.update(Content(f"{count}. {HOW}"))
        else:
            status.update(Content(EMPTY))
        if entries:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#history-close", Button).focus()

    def _unusable(self, exc: StoreError) -> None:
        """From a worker: say why the history cannot be used, in the dialog and a toast."""
        self.app.notify(str(exc), title="Historiken", severity="warning", markup=False)
        self.app.call_from_thread(self._set_entries, [], str(exc))

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load(self) -> None:
        try:
            entries = self.history.entries()
        except StoreError as exc:
            self._unusable(exc)
            return
        self.app.call_from_thread(self._set_entries, entries)

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected, "#history-list")
    def _selected(self) -> None:
        self.action_open()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "history-open": self.action_open,
            "history-delete": self.action_delete,
            "history-clear": self.action_clear,
            "history-close": self.action_close,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    def action_close(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)

    def action_open(self) -> None:
        """Close with the highlighted entry and its answer (read in a worker)."""
        entry = self.highlighted
        if entry is not None:
            self._open(entry)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _open(self, entry: HistoryEntry) -> None:
        try:
            answer = self.history.answer(entry)
        except StoreError as exc:
            self.app.notify(str(exc), title="Historiken", severity="error", markup=False)
            return
        self.app.call_from_thread(self.dismiss, (entry, answer))

    def action_delete(self) -> None:
        """Remove the highlighted entry."""
        entry = self.highlighted
        if entry is not None:
            self._delete(entry)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _delete(self, entry: HistoryEntry) -> None:
        try:
            self.history.delete(entry)
            entries = self.history.entries()
        except StoreError as exc:
            self._unusable(exc)
            return
        self.app.notify(f"”{entry.question}” togs bort ur historiken.", markup=False)
        self.app.call_from_thread(self._set_entries, entries)

    def action_clear(self) -> None:
        """Ask first, then remove every entry."""
        if not self.entries:
            return
        count = "den sparade frågan" if len(self.entries) == 1 else "alla sparade frågor"
        self.app.push_screen(
            ConfirmScreen(
                "Rensa hela historiken?",
                f"Då tas {count} och deras svar bort. Det går inte att ångra.",
                "Rensa allt",
            ),
            self._confirmed_clear,
        )

    def _confirmed_clear(self, confirmed: bool | None) -> None:
        if confirmed:
            self._clear()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _clear(self) -> None:
        try:
            removed = self.history.clear()
        except StoreError as exc:
            self._unusable(exc)
            return
        count = "1 fråga" if removed == 1 else f"{removed} frågor"
        self.app.notify(f"Historiken är rensad ({count}).")
        self.app.call_from_thread(self._set_entries, [])

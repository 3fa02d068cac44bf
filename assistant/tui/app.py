"""The Lägesbild app: five tabs (Åtgärder, Dokument, Sök / Fråga, Utkast, Inställningar) over
one library, a command palette with every action, key bindings in the footer and a help
screen.

``run_app()`` is the entry point (``lagesbild`` with no arguments). All library work runs in
thread workers behind ``LibraryGateway``, so the UI never waits on the disk or a model; the
answers of the Fråga mode are kept in ``history.sqlite3`` in the data directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult, InvalidThemeError, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    RadioButton,
    Select,
    TabbedContent,
    TabPane,
)

from assistant.tui import layout
from assistant.tui.chat import AskFactory
from assistant.tui.commands import LagesbildCommands, PaletteCommand
from assistant.tui.formatting import SORT_COLUMNS
from assistant.tui.gateway import LibraryGateway
from assistant.tui.history import HISTORY_FILE, ConversationHistory
from assistant.tui.layout import DENSE, SHORT_BELOW
from assistant.tui.screens.ask import AskView
from assistant.tui.screens.documents import DocumentsView
from assistant.tui.screens.drafts import DraftsView
from assistant.tui.screens.help import HelpScreen
from assistant.tui.screens.register import RegisterView
from assistant.tui.screens.settings_view import SettingsView
from lagesbild.settings import Settings, get_settings

TABS = {
    "register": "Åtgärder",
    "documents": "Dokument",
    "ask": "Sök / Fråga",
    "drafts": "Utkast",
    "settings": "Inställningar",
}
FOCUS_IN_TAB = {
    "register": "#register-table",
    "documents": "#documents-table",
    "ask": "#ask-input",
    "drafts": "#draft-kind",
    "settings": "#settings",
}

VIEW_COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    ("Lägg till dokument …", "Läs in en fil eller mapp", "documents", "add"),
    ("Läs in markerat dokument igen", "Om filen har ändrats ersätts den", "documents", "reingest"),
    ("Ta bort markerat dokument", "Ur registret och sökindexet", "documents", "remove"),
    ("Rensa filter i registret", "Visa alla åtgärder", "register", "clear_filters"),
    ("Visa bara förfallna åtgärder", "Slå på eller av", "register", "toggle_overdue"),
    ("Skapa svar till revisorerna", "Utkast ur revisorernas rapport", "drafts", "make_revisor"),
    ("Skapa sammanfattning för CLG", "Ur den valda månadsrapporten", "drafts", "make_clg"),
    ("Kontrollera talen i utkastet", "Mot talen i de inlästa dokumenten", "drafts", "check"),
    ("Exportera utkastet", "Som Word (.docx) eller Markdown (.md)", "drafts", "export"),
    ("Visa historik", "Tidigare frågor och svar: öppna, ta bort, rensa", "ask", "history"),
    ("Kopiera svar", "Svaret och dess källor till urklipp", "ask", "copy_answer"),
    ("Svara igen", "Ställ frågan till assistenten en gång till", "ask", "again"),
    ("Avbryt svaret", "Stoppa assistenten medan den skriver", "ask", "stop"),
)
"""(title, help, tab, action of the tab's view) for the palette."""


class LagesbildApp(App[None]):
    """The terminal UI of Lägesbild."""

    HORIZONTAL_BREAKPOINTS = layout.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = layout.VERTICAL_BREAKPOINTS

    CSS_PATH = "lagesbild.tcss"
    TITLE = "Lägesbild"
    SUB_TITLE = "offline dokumentanalys"
    COMMANDS = App.COMMANDS | {LagesbildCommands}
    AUTO_FOCUS = "#register-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Hjälp"),
        Binding("question_mark", "help", "Hjälp", show=False),
        Binding("f2", "show_tab('register')", "Åtgärder"),
        Binding("f3", "show_tab('documents')", "Dokument"),
        Binding("f4", "show_tab('ask')", "Sök"),
        Binding("f5", "show_tab('settings')", "Inställningar"),
        Binding("f6", "show_tab('drafts')", "Utkast"),
        Binding("ctrl+r", "reload", "Läs om", show=False),
        Binding("ctrl+p", "command_palette", "Kommandon", show=False),
        Binding("ctrl+q", "quit", "Avsluta", priority=True),
    ]

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        ask: AskFactory | None = None,
        today: date | None = None,
        gateway: LibraryGateway | None = None,
        start_dir: Path | None = None,
        history: ConversationHistory | None = None,
    ) -> None:
        """Open on ``settings`` (default: the process settings).

        ``ask`` plugs in the assistant (enables the ask mode); ``today`` fixes the date
        overdue measures are judged by (tests); ``start_dir`` is where the add-documents
        tree starts; ``history`` keeps the answers (default: in the data directory).
        """
        super().__init__()
        self.settings = settings or get_settings()
        self.gateway = gateway or LibraryGateway(self.settings, ask_factory=ask)
        self.history = history or ConversationHistory(self.settings.data_dir / HISTORY_FILE)
        self.today = today or date.today()
        self.start_dir = start_dir or Path.home()

    def compose(self) -> ComposeResult:
        """Header, the five tabs, footer."""
        yield Header()
        with TabbedContent(initial="register", id="tabs"):
            with TabPane(TABS["register"], id="register"):
                yield RegisterView(self.gateway, self.today, id="register-view")
            with TabPane(TABS["documents"], id="documents"):
                yield DocumentsView(self.gateway, self.start_dir, id="documents-view")
            with TabPane(TABS["ask"], id="ask"):
                yield AskView(self.gateway, self.history, id="ask-view")
            with TabPane(TABS["drafts"], id="drafts"):
                yield DraftsView(self.gateway, id="drafts-view")
            with TabPane(TABS["settings"], id="settings-tab"):
                yield SettingsView(self.settings, id="settings")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Use the configured theme."""
        try:
            self.theme = self.settings.ui.theme
        except InvalidThemeError:
            self.notify(
                f"Temat '{self.settings.ui.theme}' finns inte; standardtemat används. "
                "Ändra LAGESBILD_UI__THEME (t.ex. textual-dark eller textual-light).",
                severity="warning",
                markup=False,
            )

    def on_resize(self, event: events.Resize) -> None:
        """On a short screen, inputs marked 'dense' take one line instead of three."""
        short = event.size.height < SHORT_BELOW
        for widget in self.main_screen.query(f".{DENSE}"):
            if isinstance(widget, Input | Select | Button | Checkbox | RadioButton):
                widget.compact = short

    def on_unmount(self) -> None:
        """Close the library."""
        self.gateway.close()

    @property
    def main_screen(self) -> Screen[object]:
        """The screen with the tabs (under any detail screen or dialog)."""
        return self.screen_stack[0]

    # ------------------------------------------------------------------ actions

    def action_show_tab(self, tab: str) -> None:
        """Close any screen over the tabs, switch to ``tab`` and focus its main widget."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        main = self.main_screen
        main.query_one(TabbedContent).active = "settings-tab" if tab == "settings" else tab
        main.query_one(FOCUS_IN_TAB[tab]).focus()

    def action_help(self) -> None:
        """Show the help screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_reload(self) -> None:
        """Read the register, the document list and the drafts' documents again."""
        self.main_screen.query_one(RegisterView).reload()
        self.main_screen.query_one(DocumentsView).reload()
        self.main_screen.query_one(DraftsView).reload()

    def action_command_palette(self) -> None:
        """Open the command palette, in Swedish."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder="Sök kommando …", id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit."""
        self.notify("Tryck Ctrl+Q för att avsluta.")

    def on_documents_view_changed(self) -> None:
        """Documents were added or removed: read the register and the list again."""
        self.action_reload()

    # ------------------------------------------------------------------ palette

    def _in_tab(self, tab: str, action: str) -> None:
        self.action_show_tab(tab)
        view = self.main_screen.query_one(f"#{tab}-view")
        getattr(view, f"action_{action}")()

    def palette_commands(self) -> list[PaletteCommand]:
        """Every action of the app, for the command palette."""
        commands = [
            PaletteCommand(
                f"Visa {label.lower()}",
                f"Byt till fliken {label}",
                partial(self.action_show_tab, tab),
            )
            for tab, label in TABS.items()
        ]
        commands += [
            PaletteCommand(title, help_text, partial(self._in_tab, tab, action))
            for title, help_text, tab, action in VIEW_COMMANDS
        ]
        commands += [
            PaletteCommand(
                "Öppna markerad åtgärd", "Visa alla uppgifter och källor", self._open_measure
            ),
            PaletteCommand(
                "Läs om registret", "Läs registret och dokumentlistan igen", self.action_reload
            ),
            PaletteCommand(
                "Sök i dokumenten", "Gå till sökfältet", partial(self.action_show_tab, "ask")
            ),
            PaletteCommand("Hjälp", "Tangenter, flikar och färger", self.action_help),
        ]
        register = self.main_screen.query_one(RegisterView)
        commands += [
            PaletteCommand(
                f"Sortera åtgärder efter {label.lower()}",
                "Samma igen vänder ordningen",
                partial(register.sort_by, key),
            )
            for key, label in SORT_COLUMNS.items()
        ]
        return commands

    def _open_measure(self) -> None:
        self.action_show_tab("register")
        self.main_screen.query_one(RegisterView).open_measure()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, in Swedish."""
        yield SystemCommand("Byt tema", "Välj färgtema", self.action_change_theme)
        yield SystemCommand(
            "Tangenter", "Visa tangenterna för det markerade fältet", self.action_show_help_panel
        )
        yield SystemCommand("Avsluta", "Stäng Lägesbild", self.action_quit)


def run_app(settings: Settings | None = None, *, ask: AskFactory | None = None) -> None:
    """Run the TUI on the data directory of ``settings`` until the user quits.

    ``ask`` plugs in the assistant: ``lambda library: Answerer(library, chat).ask``
    (built on the first question, in a worker). Without it the 'Fråga' mode is off.
    """
    app = LagesbildApp(settings, ask=ask, start_dir=Path.cwd())
    app.run()

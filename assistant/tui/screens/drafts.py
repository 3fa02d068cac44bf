"""The 'Utkast' tab: a reply to the auditors or a CLG summary, drafted from the register.

The user picks the kind and the document, the draft is made in a worker (no language model:
:mod:`assistant.drafts`) and shown as Markdown in an editor. "Kontrollera tal" checks every
number of the edited text against the register's figures and lists those no source backs
(choosing one puts the cursor on it); "Exportera" writes Word or Markdown to the path typed.
"""

from __future__ import annotations

import importlib.util
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import (
    Button,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection
from textual.worker import Worker, WorkerState, get_current_worker

from assistant.service import DraftChoices, DraftKind, DraftText
from assistant.tui.chat import checks_summary
from assistant.tui.draft_text import (
    DRAFT_LABELS,
    FlaggedNumber,
    default_export_path,
    export_target,
    flagged_numbers,
    location,
)
from assistant.tui.gateway import LibraryGateway
from assistant.tui.layout import DENSE
from assistant.tui.screens.dialogs import ConfirmScreen, ReportsWorkerErrors
from assistant.tui.screens.settings_view import display_path
from lagesbild.errors import LagesbildError
from lagesbild.types import NumberCheck

EMPTY = (
    "Välj utkast och dokument och tryck Skapa (Ctrl+G). Utkastet sammanställs ur registret "
    "och de inlästa dokumenten, utan språkmodell, och kan redigeras här."
)
NO_CHECK = "Tryck Kontrollera tal för att kontrollera talen i texten mot källorna."
STALE = "Texten har ändrats sedan kontrollen. Tryck Kontrollera tal igen."
NO_NUMBERS = "Texten innehåller inga belopp, procent eller antal att kontrollera."


def markdown_language() -> str | None:
    """'markdown' when the editor can highlight it (tree-sitter installed), else None."""
    needed = ("tree_sitter", "tree_sitter_markdown")
    return "markdown" if all(importlib.util.find_spec(name) for name in needed) else None


class DraftsView(ReportsWorkerErrors, Vertical):
    """Kind and document on top, the editable draft and its number check, export below."""

    BINDINGS: ClassVar[list[BindingType]] = [  # shown on the buttons, to keep the footer short
        Binding("ctrl+g", "make", "Skapa utkast", show=False),
        Binding("ctrl+t", "check", "Kontrollera tal", show=False),
        Binding("ctrl+s", "export", "Exportera", show=False),
    ]

    def __init__(self, gateway: LibraryGateway, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.gateway = gateway
        self.choices = DraftChoices({}, {})
        self.picked: dict[DraftKind, str] = {}
        self.make_after_switch = False
        self.draft: DraftText | None = None
        self.checked_text: str | None = None
        self.flagged: list[FlaggedNumber] = []

    def compose(self) -> ComposeResult:
        """Choices, editor and number check, export row."""
        with Horizontal(id="drafts-top"):
            with RadioSet(id="draft-kind"):
                yield RadioButton(DRAFT_LABELS[DraftKind.REVISOR], id="kind-revisorer")
                yield RadioButton(DRAFT_LABELS[DraftKind.CLG], value=True, id="kind-clg")
            yield Select[str]([], prompt="Inga dokument inlästa", id="draft-doc", classes=DENSE)
            yield Button("Skapa (Ctrl+G)", variant="primary", id="draft-make", classes=DENSE)
        yield Static(EMPTY, id="draft-status")
        with Horizontal(id="drafts-body"):
            yield TextArea(
                language=markdown_language(),
                soft_wrap=True,
                show_line_numbers=True,
                id="draft-text",
            )
            with Vertical(id="draft-check"):
                yield Static(NO_CHECK, id="draft-check-summary")
                yield OptionList(id="draft-flags")
        with Horizontal(id="drafts-bottom"):
            yield Button("Kontrollera tal (Ctrl+T)", id="draft-check-button", classes=DENSE)
            yield Input(default_export_path(DraftKind.CLG), id="draft-path", classes=DENSE)
            yield Button("Exportera (Ctrl+S)", variant="success", id="draft-export", classes=DENSE)

    def on_mount(self) -> None:
        """Titles, then the documents to choose from."""
        self.query_one("#draft-text").border_title = "Utkast (Markdown, redigerbart)"
        self.query_one("#draft-check").border_title = "Talkontroll"
        self.query_one("#draft-flags").display = False
        self.reload()

    @property
    def kind(self) -> DraftKind:
        """The kind of draft chosen."""
        clg = self.query_one("#kind-clg", RadioButton).value
        return DraftKind.CLG if clg else DraftKind.REVISOR

    def _status(self, text: str) -> None:
        self.query_one("#draft-status", Static).update(Content(text))

    # ------------------------------------------------------------------ choices

    def reload(self) -> None:
        """Read the documents to choose from again (in a worker)."""
        self._load_choices()

    @work(thread=True, exclusive=True, group="draft-choices", exit_on_error=False)
    def _load_choices(self) -> None:
        try:
            choices = self.gateway.draft_choices()
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Utkast", severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_choices, choices)

    def _show_choices(self, choices: DraftChoices) -> None:
        self.choices = choices
        self._set_options()

    def _set_options(self) -> None:
        kind = self.kind
        sources = self.choices.sources.get(kind, [])
        select: Select[str] = self.query_one("#draft-doc", Select)
        wanted = self.picked.get(kind)
        with select.prevent(Select.Changed):
            select.set_options((source.label, source.doc) for source in sources)
            select.prompt = "Välj dokument" if sources else "Inga dokument att välja"
            known = wanted in {source.doc for source in sources}
            value = wanted if known else self.choices.defaults.get(kind)
            if value is not None:
                select.value = value

    @on(RadioSet.Changed, "#draft-kind")
    def _kind_changed(self) -> None:
        kind = self.kind
        path = self.query_one("#draft-path", Input)
        if path.value in {default_export_path(k) for k in DraftKind}:
            path.value = default_export_path(kind)
        self._set_options()
        if self.make_after_switch:
            self.make_after_switch = False
            self.action_make()

    @on(Select.Changed, "#draft-doc")
    def _doc_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.picked[self.kind] = event.value

    # ------------------------------------------------------------------ make

    @on(Button.Pressed, "#draft-make")
    def action_make(self) -> None:
        """Make the chosen draft for the chosen document (asks before replacing edits)."""
        doc = self.query_one("#draft-doc", Select).value
        editor = self.query_one("#draft-text", TextArea)
        if editor.loading:
            return  # one draft at a time
        if not isinstance(doc, str):
            self.app.notify(
                "Välj ett dokument först. Läs in dokument under Dokument (F3).",
                title="Utkast",
                severity="warning",
            )
        elif self.draft is not None and editor.text != self.draft.markdown:
            question = ConfirmScreen(
                "Ersätta den redigerade texten?",
                "Ändringarna i utkastet går förlorade om ett nytt utkast skapas. Exportera "
                "först om du vill behålla dem.",
                "Skapa nytt",
            )
            self.app.push_screen(question, partial(self._replace_confirmed, self.kind, doc))
        else:
            self._start(self.kind, doc)

    def _replace_confirmed(self, kind: DraftKind, doc: str, confirmed: bool | None) -> None:
        if confirmed:
            self._start(kind, doc)

    def _start(self, kind: DraftKind, doc: str) -> None:
        editor = self.query_one("#draft-text", TextArea)
        editor.loading = True
        self.query_one("#draft-make", Button).disabled = True
        slow = " Första gången läses sökmodellen in." if kind is DraftKind.REVISOR else ""
        self._status(f"Skapar {DRAFT_LABELS[kind].lower()} ur {doc} …{slow}")
        self._make(kind, doc)

    def action_make_revisor(self) -> None:
        """Palette: the reply to the auditors for the chosen (or default) report."""
        self._make_as(DraftKind.REVISOR)

    def action_make_clg(self) -> None:
        """Palette: the CLG summary of the chosen (or latest) monthly report."""
        self._make_as(DraftKind.CLG)

    def _make_as(self, kind: DraftKind) -> None:
        """Switch to ``kind`` (the documents follow), then make the draft."""
        if self.kind is kind:
            self.action_make()
        else:
            self.make_after_switch = True
            self.query_one(f"#kind-{kind.value}", RadioButton).value = True

    @work(thread=True, exclusive=True, group="draft", exit_on_error=False)
    def _make(self, kind: DraftKind, doc: str) -> None:
        try:
            draft = self.gateway.draft(kind, doc)
        except LagesbildError as exc:
            self.app.notify(
                str(exc), title="Utkastet kunde inte skapas", severity="error", markup=False
            )
            draft = None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._made, draft)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """An unexpected error while drafting (its dialog is opened by the mixin): unlock."""
        if event.worker.group == "draft" and event.state is WorkerState.ERROR:
            self._made(None)

    def _made(self, draft: DraftText | None) -> None:
        """Show the new draft (None: it failed) and check its numbers."""
        editor = self.query_one("#draft-text", TextArea)
        editor.loading = False
        self.query_one("#draft-make", Button).disabled = False
        if draft is None:
            self._status("Utkastet kunde inte skapas (se meddelandet).")
            return
        self.draft = draft
        editor.load_text(draft.markdown)
        editor.focus()
        note = f" Obs: {draft.note}" if draft.note else ""
        self._status(f"{draft.title}. Granska och redigera texten innan den används.{note}")
        self.action_check()

    # ------------------------------------------------------------------ check

    @on(Button.Pressed, "#draft-check-button")
    def action_check(self) -> None:
        """Check every number of the text as it stands now (in a worker)."""
        text = self.query_one("#draft-text", TextArea).text
        if not text.strip():
            self.app.notify("Det finns ingen text att kontrollera.", severity="warning")
            return
        self.query_one("#draft-check-summary", Static).update("Kontrollerar talen …")
        self._check(text)

    @work(thread=True, exclusive=True, group="draft-check", exit_on_error=False)
    def _check(self, text: str) -> None:
        try:
            checks = self.gateway.check_draft(text)
        except LagesbildError as exc:
            self.app.notify(
                str(exc), title="Talkontrollen misslyckades", severity="error", markup=False
            )
            self.app.call_from_thread(self._show_check_failed)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_check, text, checks)

    def _show_check_failed(self) -> None:
        self.query_one("#draft-check-summary", Static).update(NO_CHECK)

    def _show_check(self, text: str, checks: list[NumberCheck]) -> None:
        self.checked_text = text
        self.flagged = flagged_numbers(text, checks)
        lines = [checks_summary(checks, NO_NUMBERS)]
        if self.flagged:
            lines.append(Content("Välj ett tal nedan för att gå till det i texten."))
        elif checks:
            lines.append(Content.styled("Inget tal saknar stöd i källorna.", "bold green"))
        self.query_one("#draft-check-summary", Static).update(Content("\n").join(lines))
        flags = self.query_one("#draft-flags", OptionList)
        flags.clear_options()
        flags.add_options(
            Option(Content.assemble((f.label, "bold"), ("\n  " + f.context, "dim")))
            for f in self.flagged
        )
        flags.display = bool(self.flagged)

    @on(TextArea.Changed, "#draft-text")
    def _edited(self, event: TextArea.Changed) -> None:
        if self.checked_text is not None and event.text_area.text != self.checked_text:
            self.checked_text = None
            self.query_one("#draft-check-summary", Static).update(STALE)

    @on(OptionList.OptionSelected, "#draft-flags")
    def _flag_selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.flagged):
            self.go_to(self.flagged[event.option_index].check)

    def go_to(self, check: NumberCheck) -> None:
        """Select the number ``check`` stands for in the editor (if the text still has it)."""
        editor = self.query_one("#draft-text", TextArea)
        text = editor.text
        if text[check.start : check.end] != check.raw:
            self.app.notify("Texten har ändrats; kontrollera talen igen.", severity="warning")
            return
        editor.selection = Selection(location(text, check.start), location(text, check.end))
        editor.scroll_cursor_visible(center=True)
        editor.focus()

    # ------------------------------------------------------------------ export

    @on(Button.Pressed, "#draft-export")
    @on(Input.Submitted, "#draft-path")
    def action_export(self) -> None:
        """Write the text to the path typed (asks before replacing a file)."""
        text = self.query_one("#draft-text", TextArea).text
        if not text.strip():
            self.app.notify("Det finns inget utkast att exportera.", severity="warning")
            return
        typed = self.query_one("#draft-path", Input).value
        if not typed.strip():
            self.app.notify("Skriv en sökväg att exportera till.", severity="warning")
            return
        try:
            path, exists = export_target(typed)
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Exportera", severity="error", markup=False)
            return
        if exists:
            question = ConfirmScreen(
                f"Skriva över {display_path(path)}?",
                "Filen finns redan och ersätts med utkastet.",
                "Skriv över",
            )
            self.app.push_screen(question, partial(self._export_confirmed, text, path))
            return
        self._export(text, path)

    def _export_confirmed(self, text: str, path: Path, confirmed: bool | None) -> None:
        if confirmed:
            self._export(text, path)

    @work(thread=True, exclusive=True, group="draft-export", exit_on_error=False)
    def _export(self, text: str, path: Path) -> None:
        try:
            written = self.gateway.export_draft(text, path, self.draft)
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Exporten misslyckades", severity="error", markup=False)
            return
        self.app.notify(f"Skrev {display_path(written)}.", title="Utkast", markup=False)

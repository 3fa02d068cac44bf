"""The 'Dokument' tab: ingested documents; add, re-ingest and remove them."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static

from assistant.service import DocumentRow, ingest_counts
from assistant.tui.gateway import LibraryGateway
from assistant.tui.layout import NARROW_BELOW
from assistant.tui.screens.add_path import AddPathScreen
from assistant.tui.screens.dialogs import ConfirmScreen, ReportsWorkerErrors
from lagesbild.errors import LagesbildError
from lagesbild.types import DOCUMENT_KIND_LABELS, IngestSummary

COLUMN_LABELS = ("Sidor", "Åtgärder", "Tal", "År", "Varningar")
NARROW_LABELS = ("Sid", "Åtg", "Tal", "År", "Varn")
"""The count columns' headings, and their short forms below ``NARROW_BELOW`` columns."""
KIND_WIDTH = 13
NARROW_REST = 44
"""On a narrow screen, what the other columns take (with cell padding and scrollbar)."""
IDLE = "Ingen inläsning pågår. Tryck a för att lägga till en fil eller mapp."


class DocumentsView(ReportsWorkerErrors, Vertical):
    """The document table, the selected document's details and the ingest progress."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Lägg till"),
        Binding("r", "reingest", "Läs in igen", show=False),  # footer room; in help, palette
        Binding("delete,x", "remove", "Ta bort"),
    ]

    class Changed(Message):
        """Documents were added, replaced or removed: the register must be read again."""

    def __init__(self, gateway: LibraryGateway, start: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.gateway = gateway
        self.start = start
        self.rows: list[DocumentRow] = []

    def compose(self) -> ComposeResult:
        """Table, details, progress and the last ingest's report."""
        yield DataTable[Text](id="documents-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="documents-lower"):
            with VerticalScroll(id="document-info"):
                yield Static(id="document-details")
            with Vertical(id="ingest-box"):
                with Horizontal(id="ingest-progress-row"):
                    yield ProgressBar(id="ingest-progress", show_eta=False)
                    yield Static(IDLE, id="ingest-file")
                with VerticalScroll(id="ingest-report-scroll"):
                    yield Static(id="ingest-report")

    def on_mount(self) -> None:
        """Set up the table and load it."""
        self._set_columns()
        self.query_one("#document-info").border_title = "Dokument"
        self.query_one("#ingest-box").border_title = "Inläsning"
        self.query_one("#ingest-progress").display = False  # idle: no (animated) bar
        self.reload()

    # ------------------------------------------------------------------ listing

    def reload(self) -> None:
        """Read the document list again (in a worker)."""
        self._load()

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def _load(self) -> None:
        try:
            rows = self.gateway.documents()
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Dokument", severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_rows, rows)

    def _set_columns(self) -> None:
        """The columns for the view's width: below ``NARROW_BELOW``, short headings and the
        name gets what is left (the details under the table show it in full)."""
        table: DataTable[Text] = self.query_one("#documents-table", DataTable)
        table.clear(columns=True)
        narrow = 0 < self.size.width < NARROW_BELOW
        name_width = max(20, self.size.width - NARROW_REST) if narrow else 46
        table.add_column("Dokument", key="doc", width=name_width)
        table.add_column("Typ", key="Typ", width=KIND_WIDTH if narrow else None)
        labels = NARROW_LABELS if narrow else COLUMN_LABELS
        for key, label in zip(COLUMN_LABELS, labels, strict=True):
            table.add_column(label, key=key)

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        if self.rows:
            self._show_rows(self.rows)

    def _show_rows(self, rows: list[DocumentRow]) -> None:
        table: DataTable[Text] = self.query_one("#documents-table", DataTable)
        current = self.selected()
        self.rows = rows
        self._set_columns()
        for row in rows:
            d = row.document
            warnings = Text(str(len(d.warnings)), style="yellow") if d.warnings else Text("")
            table.add_row(
                Text(d.doc, overflow="ellipsis", no_wrap=True),
                Text(DOCUMENT_KIND_LABELS[d.kind], overflow="ellipsis", no_wrap=True),
                Text(str(d.pages), justify="right"),
                Text(str(row.measures), justify="right"),
                Text(str(row.figures), justify="right"),
                Text(str(d.year or "")),
                warnings,
                key=d.doc,
            )
        names = [row.document.doc for row in rows]
        if current is not None and current.document.doc in names:
            table.move_cursor(row=names.index(current.document.doc), animate=False)
        self._show_details()

    def selected(self) -> DocumentRow | None:
        """The document under the cursor."""
        table: DataTable[Text] = self.query_one("#documents-table", DataTable)
        if not self.rows or not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((r for r in self.rows if r.document.doc == row_key.value), None)

    @on(DataTable.RowHighlighted, "#documents-table")
    def _show_details(self) -> None:
        details = self.query_one("#document-details", Static)
        row = self.selected()
        if row is None:
            details.update(
                "Inga dokument är inlästa. Tryck a för att lägga till en fil eller mapp."
            )
            return
        d = row.document
        lines = [
            Content.assemble((d.doc, "bold")),
            Content(f"Titel: {d.title or '–'}"),
            Content(
                f"Typ: {DOCUMENT_KIND_LABELS[d.kind]}"
                + (f" – {d.kind_reason}" if d.kind_reason else "")
            ),
            Content(f"{d.pages} sidor, {row.measures} åtgärder, {row.figures} tal"),
        ]
        lines += [Content.assemble(("Varning: ", "bold yellow"), w) for w in d.warnings]
        details.update(Content("\n").join(lines))

    # ------------------------------------------------------------------ actions

    def action_add(self) -> None:
        """Ask for a file or folder, then ingest it."""
        self.app.push_screen(AddPathScreen(self.start), self._add_chosen)

    def _add_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.ingest([path])

    def action_reingest(self) -> None:
        """Read the selected document's file again (skipped if it is unchanged)."""
        row = self.selected()
        if row is None:
            self.app.notify("Inget dokument är markerat.", severity="warning")
            return
        self.ingest([Path(row.document.path)])

    def action_remove(self) -> None:
        """Remove the selected document, after asking."""
        row = self.selected()
        if row is None:
            self.app.notify("Inget dokument är markerat.", severity="warning")
            return
        name = row.document.doc
        question = ConfirmScreen(
            f"Ta bort {name}?",
            "Dokumentets åtgärder, tal och textavsnitt tas bort ur registret och sökindexet. "
            "Filen på disken rörs inte.",
            "Ta bort",
        )
        self.app.push_screen(question, partial(self._remove_confirmed, name))

    def _remove_confirmed(self, name: str, confirmed: bool | None) -> None:
        if confirmed:
            self._remove(name)

    @work(thread=True, exclusive=True, group="library-write", exit_on_error=False)
    def _remove(self, name: str) -> None:
        try:
            removed = self.gateway.remove(name)
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Kunde inte ta bort", severity="error", markup=False)
            return
        self.app.notify(f"Tog bort {removed.doc}.", markup=False)
        self.post_message(self.Changed())

    # ------------------------------------------------------------------ ingest

    def ingest(self, paths: list[Path]) -> None:
        """Ingest files and folders in a worker, with progress."""
        self.query_one("#ingest-report", Static).update("")
        bar = self.query_one("#ingest-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#ingest-file", Static).update("Letar efter filer …")
        self._ingest(paths)

    @work(thread=True, exclusive=True, group="library-write", exit_on_error=False)
    def _ingest(self, paths: list[Path]) -> None:
        def progress(done: int, total: int, path: Path) -> None:
            self.app.call_from_thread(self._progress, done, total, path.name)

        try:
            summary = self.gateway.ingest(paths, progress)
        except LagesbildError as exc:
            self.app.call_from_thread(self._progress, 0, 0, "")
            self.app.call_from_thread(self._hide_progress)
            self.app.notify(
                str(exc), title="Inläsningen misslyckades", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._ingested, summary)

    def _progress(self, done: int, total: int, name: str) -> None:
        self.query_one("#ingest-progress", ProgressBar).update(total=max(total, 1), progress=done)
        label = f"{done}/{total}  {name}" if name else (f"Klart: {total} filer." if total else IDLE)
        self.query_one("#ingest-file", Static).update(Content(label))

    def _hide_progress(self) -> None:
        self.query_one("#ingest-progress").display = False

    def _ingested(self, summary: IngestSummary) -> None:
        self.query_one("#ingest-report", Static).update(ingest_report(summary))
        if summary.failed:
            self.app.notify(
                f"{len(summary.failed)} filer kunde inte läsas in; se Inläsning.",
                title="Inläsning",
                severity="error",
            )
        elif summary.documents == 0 and summary.skipped:
            self.app.notify("Inget nytt: filerna är oförändrade sedan förra inläsningen.")
        else:
            self.app.notify(f"Inläst: {summary.documents} dokument.")
        if summary.documents:
            self.post_message(self.Changed())


def ingest_report(summary: IngestSummary) -> Content:
    """What an ingest did, with each failure's Swedish message and each warning."""
    lines = [Content(ingest_counts(summary))]
    lines += [Content.assemble(("Misslyckades: ", "bold red"), f.error) for f in summary.failed]
    lines += [Content.assemble(("Varning: ", "bold yellow"), w) for w in summary.warnings]
    return Content("\n").join(lines)

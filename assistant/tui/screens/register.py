"""The 'Åtgärder' tab: the measure register as a sortable, filterable table."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, DataTable, Input, Select, Static
from textual.worker import get_current_worker

from assistant.drafts.deadlines import watch_deadlines
from assistant.tui.formatting import (
    OVERDUE_MARK,
    OVERDUE_STYLE,
    SORT_COLUMNS,
    due_text,
    is_overdue,
    short_source,
    sort_measures,
    status_text,
)
from assistant.tui.gateway import LibraryGateway
from assistant.tui.layout import NARROW_BELOW
from assistant.tui.screens.dialogs import ReportsWorkerErrors
from assistant.tui.screens.measure_detail import MeasureDetailScreen
from assistant.tui.watch_text import WATCH_DAYS, watch_panel
from assistant.tui.widgets.status_chart import StatusChart
from ingest.measures.provenance import status_mark
from lagesbild.errors import LagesbildError
from lagesbild.types import Measure, MeasureStatus

COLUMN_WIDTHS = {"owner": 16, "due": 9, "status": 20, "source": 30}
"""Fixed column widths; the title column gets the rest of the table's width."""
NARROW_WIDTHS = {"owner": 12, "due": 9, "status": 16}
"""Below ``NARROW_BELOW`` columns: the source is left out (Enter shows it), the rest shrink."""
MIN_TITLE_WIDTH = 24


class RegisterView(ReportsWorkerErrors, Vertical):
    """Filters, the register table, a bar chart of the statuses shown and Bevakning."""

    DEFAULT_CSS = """
    #register-watch { height: auto; max-height: 11; padding: 0 2; }
    #register-brief { display: none; height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "clear_filters", "Rensa filter"),
        Binding("s", "next_sort", "Sortera"),
        Binding("v", "toggle_overview", "Översikt", show=False),
    ]

    def __init__(self, gateway: LibraryGateway, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.gateway = gateway
        self.today = today
        self.measures: list[Measure] = []
        self.sort_column = "source"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        """Filter row, then table and chart side by side."""
        with Horizontal(id="register-filters"):
            yield Select[str]([], prompt="Alla dokument", id="filter-doc", classes="dense")
            yield Select[str](
                [(s.value, s.value) for s in MeasureStatus],
                prompt="Alla statusar",
                id="filter-status",
                classes="dense",
            )
            yield Input(placeholder="Ansvarig (del av namn)", id="filter-owner", classes="dense")
            yield Checkbox("Bara förfallna", id="filter-overdue", classes="dense")
        yield DataTable[Text](id="register-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="register-brief")
        with Horizontal(id="register-summary"):
            yield StatusChart(id="status-chart")
            yield Static(id="register-count")
        yield Static(id="register-watch")

    def on_mount(self) -> None:
        """Load the register."""
        self.reload()

    # ------------------------------------------------------------------ loading

    def _filters(self) -> tuple[str | None, str | None, str | None]:
        doc = self.query_one("#filter-doc", Select).value
        status = self.query_one("#filter-status", Select).value
        owner = self.query_one("#filter-owner", Input).value.strip()
        return (
            doc if isinstance(doc, str) else None,
            status if isinstance(status, str) else None,
            owner or None,
        )

    def reload(self) -> None:
        """Read the register again with the current filters (in a worker).

        No loading indicator: it would take the focus from the table (and, shown before
        the first frame, leaves Textual 8.2's text colour unresolved).
        """
        self._note("Läser registret …")
        self._load(*self._filters())

    @work(thread=True, exclusive=True, group="register", exit_on_error=False)
    def _load(self, doc: str | None, status: str | None, owner: str | None) -> None:
        try:
            measures = self.gateway.measures(doc, status, owner)
            names = [row.doc for row in self.gateway.document_list()]
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Registret", severity="error", markup=False)
            self.app.call_from_thread(self._note, "Registret kunde inte läsas (se meddelandet).")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, measures, names)

    def _note(self, text: str) -> None:
        self.query_one("#register-count", Static).update(text)

    def _loaded(self, measures: list[Measure], names: list[str]) -> None:
        self._set_document_options(names)
        self.measures = measures
        self.refresh_table()

    def _set_document_options(self, names: list[str]) -> None:
        select: Select[str] = self.query_one("#filter-doc", Select)
        current = select.value
        with select.prevent(Select.Changed):
            select.set_options((name, name) for name in names)
            if isinstance(current, str) and current in names:
                select.value = current

    # ------------------------------------------------------------------ table

    def shown(self) -> list[Measure]:
        """The measures in the table: filtered, overdue-only if asked, sorted."""
        measures = self.measures
        if self.query_one("#filter-overdue", Checkbox).value:
            measures = [m for m in measures if is_overdue(m, self.today)]
        return sort_measures(measures, self.sort_column, self.sort_reverse)

    def refresh_table(self) -> None:
        """Redraw the table and the chart, keeping the cursor on the same measure."""
        table: DataTable[Text] = self.query_one("#register-table", DataTable)
        current = self._current_id(table)
        table.clear(columns=True)
        widths = self._widths()
        for key, label in SORT_COLUMNS.items():
            if key not in widths and key != "title":
                continue
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            width = widths.get(key) or self._title_width(table, widths)
            table.add_column(label + arrow, width=width, key=key)
        shown = self.shown()
        for m in shown:
            cells = [
                Text(m.title, overflow="ellipsis", no_wrap=True),
                Text(m.owner or "", overflow="ellipsis", no_wrap=True),
                due_text(m, self.today),
                _status_cell(m),
                Text(short_source(m), overflow="ellipsis", no_wrap=True),
            ]
            table.add_row(*cells[: len(table.columns)], key=m.id)
        ids = [m.id for m in shown]
        if current in ids:
            table.move_cursor(row=ids.index(current), animate=False)
        self.query_one(StatusChart).show(shown, self.today)
        watch = watch_deadlines(self.measures, self.today, WATCH_DAYS)
        self.query_one("#register-watch", Static).update(watch_panel(watch))
        self.query_one("#register-count", Static).update(
            register_note(len(shown), len(self.measures), self.sort_column, self.sort_reverse)
        )
        overdue = sum(1 for m in shown if is_overdue(m, self.today))
        self.query_one("#register-brief", Static).update(
            register_brief(len(shown), len(self.measures), overdue)
        )

    def _widths(self) -> dict[str, int]:
        """The fixed column widths for the view's width (the source only when wide)."""
        return NARROW_WIDTHS if self.size.width < NARROW_BELOW else COLUMN_WIDTHS

    def _title_width(self, table: DataTable[Text], widths: dict[str, int]) -> int:
        """What is left of the view's width for the title (cell padding and scrollbar off).

        The view's width, not the table's: it is settled before the data arrives, so the
        columns do not depend on when the worker finishes.
        """
        padding = 2 * table.cell_padding * (len(widths) + 1)
        left = self.size.width - sum(widths.values()) - padding - 2
        return max(MIN_TITLE_WIDTH, left)

    def on_resize(self) -> None:
        """Give the title column the new width."""
        if self.measures:
            self.refresh_table()

    def action_toggle_overview(self) -> None:
        """On a short screen: show or hide the status chart and the whole Bevakning list."""
        self.toggle_class("-overview")

    @staticmethod
    def _current_id(table: DataTable[Text]) -> str | None:
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    # ------------------------------------------------------------------ events and actions

    @on(Select.Changed)
    @on(Input.Submitted, "#filter-owner")
    def _filters_changed(self) -> None:
        self.reload()

    @on(Input.Changed, "#filter-owner")
    def _owner_typed(self) -> None:
        self.reload()

    @on(Checkbox.Changed, "#filter-overdue")
    def _overdue_toggled(self) -> None:
        self.refresh_table()

    @on(DataTable.HeaderSelected, "#register-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    @on(DataTable.RowSelected, "#register-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_measure(event.row_key.value)

    def sort_by(self, column: str) -> None:
        """Sort by ``column``; choosing the same column again reverses the order."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.refresh_table()

    def action_next_sort(self) -> None:
        """Sort by the next column."""
        keys = list(SORT_COLUMNS)
        self.sort_by(keys[(keys.index(self.sort_column) + 1) % len(keys)])

    def action_clear_filters(self) -> None:
        """Show the whole register again."""
        with self.prevent(Select.Changed, Input.Changed, Checkbox.Changed):
            self.query_one("#filter-doc", Select).clear()
            self.query_one("#filter-status", Select).clear()
            self.query_one("#filter-owner", Input).value = ""
            self.query_one("#filter-overdue", Checkbox).value = False
        self.reload()

    def action_toggle_overdue(self) -> None:
        """Show only overdue measures, or all again."""
        checkbox = self.query_one("#filter-overdue", Checkbox)
        checkbox.value = not checkbox.value

    def open_measure(self, measure_id: str | None = None) -> None:
        """Open the detail screen of a measure (default: the one under the cursor)."""
        table: DataTable[Text] = self.query_one("#register-table", DataTable)
        wanted = measure_id or self._current_id(table)
        measure = next((m for m in self.measures if m.id == wanted), None)
        if measure is None:
            self.app.notify("Ingen åtgärd är markerad.", severity="warning")
            return
        self.app.push_screen(MeasureDetailScreen(measure, self.today))


def register_note(shown: int, total: int, column: str, reverse: bool) -> Content:
    """How many measures are shown, the sort order and how to read the colours."""
    order = "fallande" if reverse else "stigande"
    if not total:
        return Content(
            "Inga åtgärder. Rensa filtren (c), eller läs in dokument under Dokument (F3)."
        )
    count = f"Visar {shown} av {total} åtgärder"
    return Content.assemble(
        (count, "bold"),
        f", sorterade efter {SORT_COLUMNS[column].lower()} ({order}).\n\n",
        (f"{OVERDUE_MARK} rött", OVERDUE_STYLE),
        " = förfallen: tidpunkten har passerat och åtgärden är inte klar.\n",
        "Klicka på en kolumnrubrik (eller tryck s) för att sortera; Enter öppnar åtgärden "
        "med källor, belopp och all text.",
    )


def register_brief(shown: int, total: int, overdue: int) -> Content:
    """One line for short screens: the count, what is overdue, and how to see the rest."""
    if not total:
        return Content("Inga åtgärder. c rensar filtren; F3 läser in dokument.")
    parts = [(f"Visar {shown} av {total}", "bold")]
    if overdue:
        parts.append((f"  {OVERDUE_MARK} {overdue} förfallna", OVERDUE_STYLE))
    return Content.assemble(*parts, "  · s sorterar · v visar översikt och bevakning")


def _status_cell(m: Measure) -> Text:
    """The status, marked when it is not stated in the source ('pågår ~tolkad')."""
    cell = status_text(m.status)
    mark = status_mark(m)
    if mark:
        cell.append(f" ~{mark}", style="dim")
    cell.overflow, cell.no_wrap = "ellipsis", True
    return cell

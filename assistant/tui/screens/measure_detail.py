"""One measure in full: its fields, its sources (document and page, also-in) and figures."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from assistant.tui.formatting import (
    NUMBER_KIND_LABELS,
    OVERDUE_MARK,
    OVERDUE_STYLE,
    STATUS_COLOURS,
    due_label,
    format_sek,
    is_overdue,
)
from ingest.measures.provenance import status_origin
from lagesbild.types import Measure

TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("description", "Beskrivning"),
    ("last_month", "Senaste månaden"),
    ("next_steps", "Nästa steg"),
    ("comments", "Kommentarer"),
    ("risks", "Risker"),
    ("support_need", "Behov av stöd"),
    ("forecast", "Prognos"),
)


CONTEXT_WIDTH = 64


class MeasureDetailScreen(Screen[None]):
    """Everything the register knows about one measure."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Tillbaka")]

    def __init__(self, measure: Measure, today: date) -> None:
        super().__init__()
        self.measure = measure
        self.today = today

    def compose(self) -> ComposeResult:
        """Title, facts, sources, figures and text fields."""
        m = self.measure
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(Content(m.title), classes="detail-title")
            yield Static(self._facts(), id="detail-facts")
            yield Static("Källor", classes="detail-heading")
            yield Static(self._sources(), id="detail-sources")
            yield Static(f"Belopp och tal ({len(m.amounts)})", classes="detail-heading")
            if m.amounts:
                yield self._amounts_table()
            else:
                yield Static("Inga belopp eller tal i åtgärden.", classes="muted")
            for field, label in TEXT_FIELDS:
                value = getattr(m, field)
                if value:
                    yield Static(label, classes="detail-heading")
                    yield Static(Content(value), classes="detail-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Name the screen after the measure."""
        self.sub_title = "Åtgärd"

    def _facts(self) -> Content:
        m = self.measure
        due = due_label(m)
        if m.due_raw and m.due and m.due_raw != m.due:
            due = f"{m.due} (skrivet: {m.due_raw})"
        due_style = OVERDUE_STYLE if is_overdue(m, self.today) else ""
        if due_style:
            due = f"{due} {OVERDUE_MARK} förfallen"
        status_raw = f" (skrivet: {m.status_raw})" if m.status_raw else ""
        rows: list[tuple[str, str | tuple[str, str]]] = [
            ("Status", (f"{m.status.value}{status_raw}", STATUS_COLOURS[m.status])),
            ("Statuskälla", status_origin(m)),
            ("Ansvarig", m.owner or "–"),
            ("Tidpunkt", (due or "–", due_style)),
            ("Avsnitt", m.section or "–"),
        ]
        parts: list[str | tuple[str, str]] = []
        for label, value in rows:
            parts += [(f"{label:<12}", "bold"), value, "\n"]
        return Content.assemble(*parts[:-1])

    def _sources(self) -> Content:
        m = self.measure
        pages = ", ".join(str(p) for p in (m.pages or [m.page]))
        lines = [f"• {m.doc}, sida {pages}"]
        lines += [f"• {ref.doc}, sida {ref.page} (samma åtgärd)" for ref in m.also_in]
        return Content("\n".join(lines))

    def _amounts_table(self) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(
            id="detail-amounts", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("Tal", "Typ", "Värde", "Sida")
        table.add_column("Sammanhang", width=CONTEXT_WIDTH)
        for figure in self.measure.amounts:
            table.add_row(
                Text(figure.raw),
                Text(NUMBER_KIND_LABELS[figure.kind]),
                Text(format_sek(figure.sek) or figure.normalized),
                Text(str(figure.page)),
                Text(figure.context, overflow="ellipsis", no_wrap=True),
            )
        return table

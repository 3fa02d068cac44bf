"""The tables of `lagesbild docs`, `measures` and `figures`, laid out for the terminal's width.

Every table keeps its title column (the measure, the document, the number) readable at any
width: it is never cut to nothing. Secondary columns give way as the terminal narrows:

- ``WIDE`` columns and more: one column per field;
- below that (a default 80-column terminal): the source (and a figure's or document's kind)
  moves under the title in a dim line, the remaining columns get fixed widths and wrap;
- below ``NARROWEST``: one column, the title with the other fields on a dim line under it.

Cells are ``rich.text.Text``: document text is shown as written, never read as markup, and
terminal escapes and control characters are removed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from rich import box
from rich.table import Table
from rich.text import Text

from assistant.console import clip
from assistant.service import DocumentRow
from ingest.measures.provenance import status_mark
from ingest.normalize import strip_controls
from lagesbild.types import DOCUMENT_KIND_LABELS, Figure, Measure

WIDE = 110
"""From this width on, every field has its own column."""
NARROWEST = 60
"""Below this width, a table is one column: the title with its fields under it."""
TITLE_MIN = 20
"""The title column never gets fewer characters than this (or the whole width, if less)."""
TITLE_CLIP = 90
CONTEXT_CLIP = 70


class Layout(Enum):
    """How much room the table has."""

    WIDE = "wide"
    NARROW = "narrow"
    SINGLE = "single"


def layout_for(width: int) -> Layout:
    """The layout for a terminal ``width`` characters wide."""
    if width >= WIDE:
        return Layout.WIDE
    return Layout.NARROW if width >= NARROWEST else Layout.SINGLE


def plain(text: object, style: str = "") -> Text:
    """Document or user text as a cell: literal, without control characters."""
    return Text(strip_controls(str(text)), style=style)


def _titled(title: str, *under: str) -> Text:
    """The title, with dim lines under it (empty ones left out)."""
    cell = plain(title)
    for line in under:
        if line:
            cell.append("\n")
            cell.append_text(plain(line, "dim"))
    return cell


def _table(title: str, width: int) -> Table:
    return Table(
        title=title,
        box=box.HEAVY_HEAD if width >= NARROWEST else box.SIMPLE_HEAD,
        title_justify="left",
    )


def _title_column(table: Table, header: str, width: int) -> None:
    table.add_column(header, ratio=1, min_width=min(TITLE_MIN, width - 4), overflow="fold")


# ------------------------------------------------------------------------------ measures


def measure_status(m: Measure) -> str:
    """The status, with how it was read when not stated ('pågår (tolkad)')."""
    mark = status_mark(m)
    return f"{m.status.value} ({mark})" if mark else m.status.value


def measure_sources(m: Measure) -> list[str]:
    """File and page, and the other documents that hold the same measure."""
    return [f"{m.doc} s. {m.page}"] + [f"{r.doc} s. {r.page}" for r in m.also_in]


def measure_source(m: Measure) -> str:
    """The sources of a measure on one line."""
    return "; ".join(measure_sources(m))


def measures_table(found: Sequence[Measure], width: int) -> Table:
    """The register: measure, owner, due date, status and source."""
    layout = layout_for(width)
    table = _table("Åtgärder", width)
    if layout is Layout.SINGLE:
        _title_column(table, "Åtgärd", width)
        for m in found:
            facts = " · ".join(
                part for part in (m.owner, m.due or m.due_raw, measure_status(m)) if part
            )
            table.add_row(_titled(clip(m.title, TITLE_CLIP), facts, *measure_sources(m)))
        return table
    wide = layout is Layout.WIDE
    _title_column(table, "Åtgärd" if wide else "Åtgärd och källa", width)
    table.add_column("Ansvarig", width=18 if wide else 12, overflow="fold")
    table.add_column("Tidpunkt", width=10, overflow="fold")
    table.add_column("Status", width=20 if wide else 13, overflow="fold")
    if wide:
        table.add_column("Källa", width=24, overflow="fold")
    for m in found:
        title = clip(m.title, TITLE_CLIP)
        cells = [
            plain(title) if wide else _titled(title, *measure_sources(m)),
            plain(m.owner or ""),
            plain(m.due or m.due_raw or ""),
            plain(measure_status(m)),
        ]
        if wide:
            cells.append(plain(measure_source(m)))
        table.add_row(*cells)
    return table


# ------------------------------------------------------------------------------ documents


def documents_table(rows: Sequence[DocumentRow], width: int) -> Table:
    """The ingested documents: name, kind, pages, measures, numbers and year."""
    layout = layout_for(width)
    table = _table("Inlästa dokument", width)
    if layout is Layout.SINGLE:
        _title_column(table, "Dokument", width)
        for row in rows:
            d, measures, figures = row.document, row.measures, row.figures
            facts = (
                f"{DOCUMENT_KIND_LABELS[d.kind]} · {d.pages} sidor · {measures} åtgärder · "
                f"{figures} tal" + (f" · {d.year}" if d.year else "")
            )
            table.add_row(_titled(d.doc, facts))
        return table
    wide = layout is Layout.WIDE
    _title_column(table, "Dokument" if wide else "Dokument och typ", width)
    if wide:
        table.add_column("Typ", width=21, overflow="fold")
    for header in ("Sidor", "Åtgärder", "Tal"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("År", no_wrap=True)
    for row in rows:
        d, measures, figures = row.document, row.measures, row.figures
        kind = DOCUMENT_KIND_LABELS[d.kind]
        cells = [plain(d.doc), plain(kind)] if wide else [_titled(d.doc, kind)]
        cells += [plain(n) for n in (d.pages, measures, figures, d.year or "")]
        table.add_row(*cells)
    return table


# ------------------------------------------------------------------------------ figures


def _sek(f: Figure) -> str:
    return f"{f.sek:,.0f}".replace(",", " ") if f.sek is not None else ""


def figures_table(found: Sequence[Figure], width: int) -> Table:
    """Every number: as written, its kind, its value in SEK, its source and context."""
    layout = layout_for(width)
    table = _table("Tal", width)
    if layout is Layout.SINGLE:
        _title_column(table, "Tal", width)
        for f in found:
            facts = " · ".join(p for p in (f.kind.value, _sek(f) and f"{_sek(f)} kr") if p)
            table.add_row(
                _titled(f.raw, facts, f"{f.doc} s. {f.page}", clip(f.context, CONTEXT_CLIP))
            )
        return table
    wide = layout is Layout.WIDE
    table.add_column("Tal", min_width=8, max_width=18 if wide else 14, overflow="fold")
    if wide:
        table.add_column("Typ", no_wrap=True)
    table.add_column("Värde i kr", justify="right", no_wrap=True)
    if wide:
        table.add_column("Källa", width=24, overflow="fold")
    _title_column(table, "Sammanhang" if wide else "Sammanhang och källa", width)
    for f in found:
        source = f"{f.doc} s. {f.page}"
        context = clip(f.context, CONTEXT_CLIP)
        if wide:
            cells = [plain(f.raw), plain(f.kind.value), plain(_sek(f)), plain(source)]
            cells.append(plain(context))
        else:
            cells = [_titled(f.raw, f.kind.value), plain(_sek(f)), _titled(context, source)]
        table.add_row(*cells)
    return table

"""CLI tables at 80 and 120 columns: every title readable, nothing wider than the terminal.

The records come from the bundled sample corpus (the monthly report and the planning deck,
ingested with the fake embedder), read back through `lagesbild docs/measures/figures`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings
from rich.console import Console
from rich.table import Table

from assistant import console
from assistant.cli import main
from assistant.cli_bevakning import print_watch
from assistant.cli_tables import (
    TITLE_MIN,
    Layout,
    documents_table,
    figures_table,
    layout_for,
    measures_table,
)
from assistant.drafts.deadlines import watch_deadlines
from assistant.service import DocumentRow
from lagesbild.types import (
    Document,
    DocumentKind,
    Figure,
    Measure,
    MeasureLayout,
    MeasureStatus,
    NumberKind,
    SourceFormat,
)
from vectorstore.library import Library

SAMPLES = ("manadsrapport-fm-uppdrag-2025.pptx", "omstallningsplanen-2021-2022.pdf")
WIDTHS = (80, 120)


@pytest.fixture
def sample_library(fake_embeddings: Embeddings, sample_corpus: Path) -> Iterator[Library]:
    """Two documents of the sample corpus in the test's data directory."""
    library = Library()
    try:
        assert not library.ingest([sample_corpus / name for name in SAMPLES]).failed
        yield library
    finally:
        library.close()


def column(rendered: str, index: int) -> str:
    """The text of one column of a table, all rows joined (box-drawing borders removed)."""
    parts = []
    for line in rendered.splitlines():
        cells = line.split("│")[1:-1]
        if len(cells) > index:
            parts.append(cells[index])
    return "".join(parts)


def first_column(rendered: str) -> str:
    """The text of a table's first column, all rows joined."""
    return column(rendered, 0)


def squeezed(text: str) -> str:
    """Text without whitespace: a title wrapped (or folded) over lines still matches."""
    return "".join(text.split())


def render(width: int, *tables: Table) -> str:
    """The tables as a terminal ``width`` characters wide shows them (plain text)."""
    target = Console(width=width, file=io.StringIO(), color_system=None)
    for table in tables:
        target.print(table)
    output = target.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def run_at(
    width: int, args: list[str], capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> str:
    mp.setattr(console.out, "_width", width)
    assert main(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("width", WIDTHS)
def test_measures_shows_every_title_and_fits(
    width: int,
    sample_library: Library,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = sample_library.register.measures()
    assert len(found) >= 5
    out = run_at(width, ["measures"], capsys, monkeypatch)
    assert max(len(line) for line in out.splitlines()) <= width
    titles = squeezed(first_column(out))
    for m in found:
        assert squeezed(m.title)[:60] in titles, m.title
    # the source is always shown: its own column when wide, under the title when narrow
    header = out.splitlines()[2]
    assert ("Källa" in header) is (width >= 110)
    sources = squeezed(column(out, 4) if width >= 110 else titles)
    assert all(squeezed(f"{m.doc} s. {m.page}") in sources for m in found)


@pytest.mark.parametrize("width", WIDTHS)
def test_docs_and_figures_keep_names_and_numbers(
    width: int,
    sample_library: Library,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = run_at(width, ["docs"], capsys, monkeypatch)
    assert max(len(line) for line in out.splitlines()) <= width
    names = squeezed(first_column(out))
    for name in SAMPLES:
        assert name in names  # never cut: the two manadsrapport files stay apart
    assert "månadsrapport" in out and "bildspel" in out

    out = run_at(width, ["figures", "--doc", "omstallningsplanen"], capsys, monkeypatch)
    assert max(len(line) for line in out.splitlines()) <= width
    figures = sample_library.register.figures("omstallningsplanen")
    numbers = squeezed(first_column(out))
    assert all(squeezed(f.raw) in numbers for f in figures)
    sources = squeezed(column(out, 3 if width >= 110 else 2))
    assert all(squeezed(f"{f.doc} s. {f.page}") in sources for f in figures)


def measure(title: str, **fields: object) -> Measure:
    data: dict[str, object] = {
        "id": title[:8],
        "doc": "handlingsplan-mot-hyrberoende-2025.pdf",
        "page": 3,
        "layout": MeasureLayout.ACTION_PLAN,
        "title": title,
        "status": MeasureStatus.ONGOING,
    }
    data.update(fields)
    return Measure.model_validate(data)


LONG_TITLE = "Ta fram en regiongemensam kompetensförsörjningsplan för specialistsjuksköterskor"


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 110, 120, 160])
def test_the_title_column_never_collapses(width: int) -> None:
    long_owner = "Hälso- och sjukvårdsdirektören tillsammans med personaldirektören"
    rows = [
        measure(LONG_TITLE, owner=long_owner, due_raw="senast under andra kvartalet 2026"),
        measure("Översyn av bemanning", owner="Områdeschef", due="2025-09"),
    ]
    rendered = render(width, measures_table(rows, width))
    assert max(len(line) for line in rendered.splitlines()) <= width
    single = layout_for(width) is Layout.SINGLE
    assert squeezed(LONG_TITLE) in squeezed(rendered if single else first_column(rendered))
    assert "Översyn av bemanning" in rendered
    if not single:
        top_border = rendered.splitlines()[1]
        assert len(top_border.split("┳")[0]) - 1 >= TITLE_MIN


def test_cells_are_text_not_markup() -> None:
    hostile = measure("[bold red]Planen[/] \x1b[31mröd\x1b[0m", owner="[i]Chef[/]")
    figure = Figure(
        id="d:f1",
        start=0,
        end=9,
        value=12.0,
        doc="[b]fil[/b].pdf",
        page=1,
        raw="[/]12 mkr",
        kind=NumberKind.MONEY,
        normalized="12000000",
        context="Kostnad [i]12 mkr[/i]",
    )
    text = render(80, measures_table([hostile], 80), figures_table([figure], 80))
    assert "[bold red]Planen[/]" in text and "[i]Chef[/]" in text
    assert "\x1b" not in text and "[/]12 mkr" in text and "[i]12 mkr[/i]" in text


def test_documents_table_single_column_lists_the_facts() -> None:
    doc = Document(
        doc="regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf",
        path="/tmp/x.pdf",
        sha256="0" * 64,
        format=SourceFormat.PDF,
        pages=76,
        kind=DocumentKind.AUDIT_RESPONSE,
        year=2016,
    )
    text = " ".join(render(50, documents_table([DocumentRow(doc, 66, 677)], 50)).split())
    assert "svar till revisorerna · 76 sidor · 66 åtgärder · 677 tal · 2016" in text
    assert squeezed(doc.doc) in squeezed(text)


@pytest.mark.parametrize("width", WIDTHS)
def test_bevakning_keeps_titles_and_how_late(
    width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        measure(LONG_TITLE, owner="Personaldirektör", due_by=date(2025, 5, 1)),
        measure("Månatlig uppföljning", owner="Ekonomichef", due_by=date(2025, 6, 20)),
    ]
    monkeypatch.setattr(console.out, "_width", width)
    print_watch(watch_deadlines(rows, date(2025, 6, 1), 30))
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= width
    assert squeezed(LONG_TITLE) in squeezed(first_column(out))
    when = squeezed(column(out, 2 if width >= 110 else 1))
    assert "förfallen(31d)" in when and "om19d" in when

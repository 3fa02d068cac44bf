"""The SQLite register: documents stored as one unit, filters, duplicate linking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lagesbild.errors import StoreError
from lagesbild.types import (
    Chunk,
    Document,
    DocumentKind,
    ExtractedDocument,
    Figure,
    Measure,
    MeasureLayout,
    MeasureStatus,
    NumberKind,
    Page,
    SourceFormat,
)
from vectorstore.register import Register


def _doc(name: str, sha: str, fmt: SourceFormat = SourceFormat.PDF) -> ExtractedDocument:
    document = Document(
        doc=name,
        path=f"/data/{name}",
        sha256=sha,
        format=fmt,
        kind=DocumentKind.STATUS_REPORT,
        pages=2,
    )
    doc_id = sha[:12]
    measures = [
        Measure(
            id=f"{doc_id}:m1",
            doc=name,
            page=1,
            layout=MeasureLayout.MONTHLY_STATUS,
            title="FM Uppdrag, Minska personalkostnaden RS",
            owner="Regiondirektör",
            status=MeasureStatus.ONGOING,
            status_raw="Pågår",
            due="2025-06",
            due_by=date(2025, 6, 30),
        ),
        Measure(
            id=f"{doc_id}:m2",
            doc=name,
            page=2,
            layout=MeasureLayout.MONTHLY_STATUS,
            title="Stärka omställningen till nära vård",
            status=MeasureStatus.DONE,
        ),
    ]
    figures = [
        Figure(
            id=f"{doc_id}:f1",
            doc=name,
            page=1,
            raw="29,5 MSEK",
            start=0,
            end=9,
            kind=NumberKind.MONEY,
            value=29.5,
            unit="mkr",
            sek=29_500_000.0,
            context="minst 29,5 MSEK",
        ),
    ]
    chunks = [Chunk(id=f"{doc_id}:c1", doc=name, doc_kind=document.kind, page=1, text="x")]
    pages = [Page(number=1, text="a"), Page(number=2, text="b")]
    return ExtractedDocument(
        document=document, pages=pages, figures=figures, measures=measures, chunks=chunks
    )


@pytest.fixture
def register(tmp_path: Path) -> Register:
    return Register(tmp_path / "register.sqlite3")


def test_replace_document_stores_everything_and_replaces_old_rows(register: Register) -> None:
    register.replace_document(_doc("rapport.pdf", "a" * 64), "v1")
    assert register.counts() == {
        "documents": 1,
        "pages": 2,
        "measures": 2,
        "figures": 1,
        "chunks": 1,
    }
    register.replace_document(_doc("rapport.pdf", "b" * 64), "v1")
    assert register.counts()["measures"] == 2
    assert register.stored_version("/data/rapport.pdf") == ("b" * 64, "v1")
    assert all(m.id.startswith("bbbb") for m in register.measures())


def test_remove_document_removes_all_records(register: Register) -> None:
    register.replace_document(_doc("rapport.pdf", "a" * 64), "v1")
    register.remove_document("/data/rapport.pdf")
    assert set(register.counts().values()) == {0}


@pytest.mark.parametrize(
    ("kwargs", "titles"),
    [
        ({"status": "pågår"}, ["FM Uppdrag, Minska personalkostnaden RS"]),
        ({"status": "klar"}, ["Stärka omställningen till nära vård"]),
        ({"owner": "regiondir"}, ["FM Uppdrag, Minska personalkostnaden RS"]),
        (
            {"doc": "RAPPORT"},
            ["FM Uppdrag, Minska personalkostnaden RS", "Stärka omställningen till nära vård"],
        ),
        ({"doc": "annat"}, []),
    ],
)
def test_measure_filters(register: Register, kwargs: dict[str, str], titles: list[str]) -> None:
    register.replace_document(_doc("rapport.pdf", "a" * 64), "v1")
    assert [m.title for m in register.measures(**kwargs)] == titles  # type: ignore[arg-type]


def test_same_measure_in_pdf_and_pptx_is_listed_once_with_link(register: Register) -> None:
    register.replace_document(_doc("rapport.pdf", "a" * 64), "v1")
    register.replace_document(_doc("rapport.pptx", "b" * 64, SourceFormat.PPTX), "v1")
    merged = register.measures()
    assert len(merged) == 2
    assert all(m.doc == "rapport.pdf" for m in merged)
    assert [(r.doc, r.page) for r in merged[0].also_in] == [("rapport.pptx", 1)]
    every = register.measures(merge_duplicates=False)
    assert len(every) == 4
    assert all(m.also_in for m in every)


def test_figures_and_chunks_filter_by_document(register: Register) -> None:
    register.replace_document(_doc("rapport.pdf", "a" * 64), "v1")
    assert [f.raw for f in register.figures("rapport")] == ["29,5 MSEK"]
    assert register.figures("annat") == []
    assert len(register.chunks()) == 1


def test_unreadable_register_names_the_file_and_the_fix(tmp_path: Path) -> None:
    broken = tmp_path / "register.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"register\.sqlite3"):
        Register(broken)


def test_page_texts_are_keyed_by_document_name_and_page(register: Register) -> None:
    register.replace_document(_doc("rapport.pdf", "a" * 64), "v1")
    register.replace_document(_doc("plan.pdf", "c" * 64), "v1")
    texts = register.page_texts()
    assert texts[("rapport.pdf", 1)] == "a" and texts[("plan.pdf", 2)] == "b"
    assert len(texts) == 4

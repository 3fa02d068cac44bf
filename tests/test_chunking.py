"""Structure-aware chunking rules on small hand-made documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.chunking import CHUNKER_VERSION, chunk_document, indexed_text, text_key
from ingest.pipeline import extract_document
from lagesbild.types import (
    Document,
    DocumentKind,
    Measure,
    MeasureLayout,
    Page,
    SourceFormat,
)

SHA = "0123456789abcdef" * 4


def _doc(
    name: str = "plan.pdf",
    sha: str = SHA,
    kind: DocumentKind = DocumentKind.SLIDE_DECK,
    year: int | None = 2023,
) -> Document:
    return Document(
        doc=name,
        path=f"/data/{name}",
        sha256=sha,
        format=SourceFormat.PDF,
        kind=kind,
        pages=1,
        year=year,
    )


def _slide(number: int, text: str, title: str | None = None) -> Page:
    return Page(number=number, text=text, title=title, is_slide=True)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_a_slide_that_fits_is_one_chunk_with_its_title() -> None:
    text = "Utmaningar\n\n• Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr+ RS-\n57Mkr"
    chunks = chunk_document(_doc(), [_slide(3, text, title="Utmaningar")], [])
    assert len(chunks) == 1
    chunk = chunks[0]
    assert chunk.text == text
    assert (chunk.page, chunk.section, chunk.doc, chunk.year) == (3, "Utmaningar", "plan.pdf", 2023)
    assert chunk.doc_kind == DocumentKind.SLIDE_DECK
    assert chunk.id == f"{SHA[:12]}:c1"


def test_slide_without_title_uses_its_first_line() -> None:
    chunks = chunk_document(_doc(), [_slide(1, "Kommande månad\nEfter beslut i HSN")], [])
    assert chunks[0].section == "Kommande månad"


def test_a_long_slide_is_split_on_blocks_under_the_slide_title() -> None:
    blocks = [f"Block {i}: " + "ord " * 60 for i in range(6)]
    page = _slide(2, "\n\n".join(blocks), title="Lång bild")
    chunks = chunk_document(_doc(), [page], [], target_chars=500)
    assert len(chunks) > 1
    assert all(c.section == "Lång bild" and c.page == 2 for c in chunks)
    assert all(len(c.text) <= 500 for c in chunks)
    assert _squash(" ".join(c.text for c in chunks)) == _squash(page.text)


def test_report_splits_on_headings_and_carries_the_section_over_pages() -> None:
    body = "Revisorerna har sammanfattat måluppfyllelsen i en tabell. " * 4
    pages = [
        Page(
            number=1,
            text=f"MÅLUPPFYLLELSE:\n\n{body}\n\nPatient-perspektivet:\n\n{body}",
        ),
        Page(number=2, text=f"Fortsättning på nästa sida. {body}"),
    ]
    doc = _doc("svar.pdf", kind=DocumentKind.AUDIT_RESPONSE, year=2016)
    chunks = chunk_document(doc, pages, [])
    assert [(c.page, c.section) for c in chunks] == [
        (1, "MÅLUPPFYLLELSE"),
        (1, "Patient-perspektivet"),
        (2, "Patient-perspektivet"),
    ]
    assert chunks[0].text.startswith("MÅLUPPFYLLELSE:")
    assert indexed_text(chunks[2]).startswith("Patient-perspektivet\n")
    assert indexed_text(chunks[0]) == chunks[0].text


def test_plain_text_paragraphs_and_short_heading_lines() -> None:
    """A text file's page is one long block: lines are paragraphs, short lines headings."""
    para = "Beslutet skickas till ambassaden. Du ska ta med ditt pass när du hämtar det. " * 3
    text = f"Efter beslut\n{para}\n{para}\nSå länge gäller tillståndet\n{para}\n{para}"
    chunks = chunk_document(
        _doc(kind=DocumentKind.OTHER), [Page(number=1, text=text)], [], target_chars=600
    )
    assert [c.section for c in chunks] == ["Efter beslut", "Så länge gäller tillståndet"]
    assert chunks[1].text.startswith("Så länge gäller tillståndet\n")


def test_short_pieces_join_a_neighbour() -> None:
    body = "Regionen har redovisat underskott i ekonomin under flera år. " * 8
    page = Page(number=1, text=f"{body}\n\nFINANSIELLA MÅL\n\nKort rad.")
    chunks = chunk_document(_doc(kind=DocumentKind.OTHER), [page], [])
    assert len(chunks) == 1 and chunks[0].text.endswith("FINANSIELLA MÅL\n\nKort rad.")


def test_report_packs_paragraphs_up_to_the_target() -> None:
    paragraphs = [f"Stycke {i}." + " text" * 30 for i in range(10)]
    page = Page(number=1, text="\n\n".join(paragraphs))
    chunks = chunk_document(_doc(kind=DocumentKind.OTHER), [page], [], target_chars=400)
    assert all(len(c.text) <= 400 for c in chunks)
    assert len(chunks) == pytest.approx(len(page.text) / 400, abs=2)
    for chunk in chunks:  # paragraphs are never cut when they fit
        assert all(part in paragraphs for part in chunk.text.split("\n\n"))


def test_a_long_paragraph_is_split_on_sentences_keeping_the_wording() -> None:
    sentences = [f"Mening nummer {i} säger att 320 000 behövs och 1,64 kg/mil." for i in range(40)]
    paragraph = " ".join(sentences)
    chunks = chunk_document(
        _doc(kind=DocumentKind.OTHER), [Page(number=1, text=paragraph)], [], target_chars=300
    )
    assert all(len(c.text) <= 300 for c in chunks)
    assert all(c.text in paragraph for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)
    assert _squash(" ".join(c.text for c in chunks)) == _squash(paragraph)


@pytest.mark.parametrize(
    "number",
    [
        "320 000",
        "320\u00a0000",
        "1,64 kg/mil",
        "-47Mkr",
        "9/4",
        "29,5 MSEK",
        "15-20 patienter",
        "78%",
    ],
)
def test_numbers_are_untouched(number: str) -> None:
    text = f"Utfallet var {number} enligt rapporten.\n\nNästa stycke."
    for page in (_slide(1, text), Page(number=1, text=text)):
        chunks = chunk_document(_doc(), [page], [])
        assert any(number in c.text for c in chunks)


def _row(n: int, title: str, **fields: object) -> Measure:
    return Measure(
        id=f"{SHA[:12]}:m{n}",
        doc="svar.pdf",
        page=2,
        pages=[2],
        layout=MeasureLayout.ACTION_PLAN,
        section="7 Arbetstidsmodeller",
        title=title,
        **fields,
    )


def test_an_action_plan_row_stays_whole_with_its_section() -> None:
    row = _row(
        1,
        "Ta fram ett kit med olika arbetstidsmodeller",
        description="Kit med modeller för schemaläggning",
        owner="Personalstaben",
        due_raw="Mars 2017",
        status_raw="Pågår",
        comments="Klart till sommaren 2017.",
    )
    page_text = (
        "Åtgärdsplan\n\n7 Arbetstidsmodeller\n\nTa fram ett kit med olika arbets-\n"
        "tidsmodeller\n\nKit med modeller för\nschemaläggning\n\nPersonalstaben\n\n"
        "Mars\n2017\n\nPågår\n\nKlart till sommaren 2017.\n\nSidfot med annan text."
    )
    doc = _doc("svar.pdf", kind=DocumentKind.ACTION_PLAN)
    chunks = chunk_document(doc, [Page(number=2, text=page_text)], [row])
    row_chunks = [c for c in chunks if c.measure_ids == [row.id]]
    assert len(row_chunks) == 1
    text = row_chunks[0].text
    assert text.startswith("7 Arbetstidsmodeller\nTa fram ett kit med olika arbetstidsmodeller")
    for part in (
        "Ansvarig: Personalstaben",
        "Tidpunkt: Mars 2017",
        "Status: Pågår",
        "Klart till sommaren 2017.",
    ):
        assert part in text
    assert row_chunks[0].section == "7 Arbetstidsmodeller" and row_chunks[0].page == 2
    others = " ".join(c.text for c in chunks if c not in row_chunks)
    assert "Sidfot med annan text." in others and "Personalstaben" not in others


def test_slide_containing_a_measure_title_gets_its_id() -> None:
    measure = Measure(
        id=f"{SHA[:12]}:m3",
        doc="plan.pdf",
        page=1,
        layout=MeasureLayout.STATUS_TABLE,
        title="Digitala initiativ",
    )
    other = Measure(
        id=f"{SHA[:12]}:m4",
        doc="plan.pdf",
        page=5,
        layout=MeasureLayout.STATUS_TABLE,
        title="Digitala initiativ",
    )
    chunks = chunk_document(
        _doc(), [_slide(1, "Innehåll Status\n\nDigitala\ninitiativ Enligt plan")], [measure, other]
    )
    assert chunks[0].measure_ids == [measure.id]


def test_a_monthly_status_slide_belongs_to_its_one_measure() -> None:
    measure = Measure(
        id=f"{SHA[:12]}:m1",
        doc="rapport.pdf",
        page=2,
        layout=MeasureLayout.MONTHLY_STATUS,
        title="Minska personalkostnaden RUN",
    )
    blocks = ["Kommande månad\n" + "möte " * 80, "Senaste månaden\n" + "beslut " * 80]
    chunks = chunk_document(_doc(), [_slide(2, "\n\n".join(blocks))], [measure], target_chars=500)
    assert len(chunks) > 1
    assert all(c.measure_ids == [measure.id] for c in chunks)


def test_chunks_never_cross_documents_or_pages_and_ids_are_stable() -> None:
    pages = [_slide(n, f"Bild {n}\n\nInnehåll på bild {n} med 47 mkr.") for n in (1, 2, 3)]
    first = chunk_document(_doc("a.pdf", sha="a" * 64), pages, [])
    second = chunk_document(_doc("b.pdf", sha="b" * 64), pages, [])
    assert {c.doc for c in first} == {"a.pdf"} and {c.doc for c in second} == {"b.pdf"}
    assert all(c.id.startswith("aaaaaaaaaaaa:c") for c in first)
    assert [c.id for c in first] == [f"aaaaaaaaaaaa:c{n}" for n in (1, 2, 3)]
    for chunk in first:
        assert f"bild {chunk.page}" in chunk.text.lower()
    again = chunk_document(_doc("a.pdf", sha="a" * 64), pages, [])
    assert [c.model_dump() for c in again] == [c.model_dump() for c in first]


def test_speaker_notes_are_part_of_the_slide() -> None:
    page = Page(
        number=1,
        text="Rubrik\n\nPunkt",
        title="Rubrik",
        is_slide=True,
        notes="Talaranteckning om 12 mkr",
    )
    assert "Talaranteckning om 12 mkr" in chunk_document(_doc(), [page], [])[0].text


def test_empty_pages_make_no_chunks() -> None:
    assert chunk_document(_doc(), [_slide(1, ""), Page(number=2, text="  \n\n ")], []) == []


def test_version_and_key() -> None:
    assert re.fullmatch(r"c\d+", CHUNKER_VERSION)
    assert text_key("arbets-\ntidsmodeller  ") == text_key("Arbetstidsmodeller")


def test_sample_report_rows_and_status_slide(sample_corpus: Path) -> None:
    """The real pipeline on the sample corpus: an action-plan row is one chunk with its
    section and cells; the status-table slide is one chunk carrying all its measures."""
    report = extract_document(sample_corpus / "regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf")
    rows = [c for c in report.chunks if "Ta fram ett kit med olika arbets" in c.text]
    assert len(rows) == 1
    row = rows[0]
    assert row.section == "7 Arbetstidsmodeller" and len(row.measure_ids) == 1
    assert "Ansvarig: Personaldirektör" in row.text and "Mars 2017" in row.text
    assert row.year == 2016 and row.doc_kind == DocumentKind.AUDIT_RESPONSE
    slides = extract_document(sample_corpus / "omstallningsplanen-2021-2022.pdf")
    status = [c for c in slides.chunks if "Digitala initiativ" in c.text]
    assert len(status) == 1
    assert set(status[0].measure_ids) == {m.id for m in slides.measures if m.page == 3}
    assert len(slides.chunks) == len(slides.pages)  # every slide fits in one chunk


def _plan_chunks(*texts: str) -> tuple[list[Measure], list]:
    from ingest.measures import extract_measures

    pages = [Page(number=n, text=t) for n, t in enumerate(texts, start=1)]
    document = _doc(kind=DocumentKind.ACTION_PLAN).model_copy(update={"pages": len(pages)})
    measures = extract_measures(document, pages)
    return measures, chunk_document(document, pages, measures)


def _with(chunks: list, measure: Measure) -> str:
    return next(c for c in chunks if measure.id in c.measure_ids).text


def test_labelled_fields_stand_in_the_chunk_with_the_measure_title() -> None:
    long = " ".join(["Kartläggningen omfattar varje byggnad och dess ventilation."] * 20)
    measures, chunks = _plan_chunks(
        "Åtgärd 1.1 Energieffektivisera skolorna\n"
        f"{long}\nAnsvar: Tekniska nämnden\nKlart: 2031\nStatus: Pågår\n\n"
        "Åtgärd 1.2 Solceller på kommunhuset\nBelysningen byts i kommunhuset.",
        "Ansvar: Kommunstyrelsen\nKlart: 2032",
    )
    schools, solar = measures
    assert (schools.owner, solar.owner) == ("Tekniska nämnden", "Kommunstyrelsen")
    # The long description pushed the labelled lines into the next chunk, and the second
    # measure's lines stand on the next page: both reappear after the measure's own text.
    first = _with(chunks, schools)
    assert first.startswith("Åtgärd 1.1 Energieffektivisera skolorna\nKartläggningen")
    assert first.endswith("Ansvarig: Tekniska nämnden\nTidpunkt: 2031\nStatus: Pågår")
    assert "Solceller på kommunhuset\nBelysningen byts i kommunhuset.\n" in _with(chunks, solar)
    assert "Ansvarig: Kommunstyrelsen\nTidpunkt: 2032" in _with(chunks, solar)
    assert "Ansvarig: Kommunstyrelsen" in indexed_text(
        next(c for c in chunks if solar.id in c.measure_ids)
    )


def test_fields_already_in_the_chunk_are_not_repeated() -> None:
    measures, chunks = _plan_chunks(
        "Åtgärd 2.1 Laddplatser vid kommunhuset\nLaddplatser byggs för tjänstebilar.\n"
        "Ansvarig: Fastighetsavdelningen\nTidplan: 2031\n\n"
        "Åtgärd 2.2 Cykelpool\nAnsvarig:\nHR-avdelningen\nKlart senast:\n2032"
    )
    assert [m.owner for m in measures] == ["Fastighetsavdelningen", "HR-avdelningen"]
    text = " ".join(c.text for c in chunks)
    assert text.count("Fastighetsavdelningen") == text.count("HR-avdelningen") == 1
    assert "Tidpunkt" not in text

"""Layouts the sample corpus does not have: timetables, numbered measures, key–value blocks.

Each test writes its own document (PDFs with the fixture builder, so the columns stand
where a word processor would put them) and reads it through the real reader.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from data.make_fixtures import pdf_bytes

from ingest.measures import extract_measures
from ingest.readers import read_document
from lagesbild.types import Document, DocumentKind, Measure, MeasureLayout, Page, SourceFormat


def _document(pages: int = 1, year: int | None = None) -> Document:
    return Document(
        doc="plan.pdf",
        path="/tmp/finns-inte/plan.pdf",
        sha256="b" * 64,
        format=SourceFormat.PDF,
        kind=DocumentKind.OTHER,
        pages=pages,
        year=year,
    )


def _from_text(*texts: str, year: int | None = None) -> list[Measure]:
    pages = [Page(number=n, text=t) for n, t in enumerate(texts, start=1)]
    return extract_measures(_document(len(pages), year), pages)


def _from_pdf(tmp_path: Path, *pages: list[tuple[float, float, float, str]]) -> list[Measure]:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(list(pages)))
    parsed = read_document(path)
    return extract_measures(parsed.document, parsed.pages)


def test_timetable_rows_take_the_year_of_their_group_and_roll_over() -> None:
    text = (
        "Tidplan\n\nArbetet följer tidplanen nedan:\n\n"
        "Datum Händelse\nÅr 2030\n3 nov Förvaltningarna lämnar sina underlag\n"
        "till ekonomiavdelningen.\n14 dec Kommunstyrelsen beslutar om ramar.\n"
        "20 jan Nämnderna fastställer sina internbudgetar.\n\n"
        "Ekonomiavdelningen\n\nEkonomiavdelningen består av fem personer som arbetar med "
        "budget och uppföljning för kommunens alla nämnder."
    )
    measures = _from_text(text)
    rows = [(m.layout, m.title, m.due, m.section) for m in measures]
    assert rows == [
        (
            MeasureLayout.TABLE,
            "Förvaltningarna lämnar sina underlag till ekonomiavdelningen",
            "2030-11-03",
            "Tidplan",
        ),
        (MeasureLayout.TABLE, "Kommunstyrelsen beslutar om ramar", "2030-12-14", "Tidplan"),
        (
            MeasureLayout.TABLE,
            "Nämnderna fastställer sina internbudgetar",
            "2031-01-20",
            "Tidplan",
        ),
    ]
    assert measures[0].due_earliest == measures[0].due_latest == date(2030, 11, 3)


def test_timetable_date_alone_on_its_line_takes_the_next_block() -> None:
    text = (
        "Datum Aktivitet\nÅr 2031\n20 aug?\n\nSKR presenterar en ny skatteunderlagsprognos.\n"
        "21 aug Fastighetsenheten lämnar information om internhyror."
    )
    measures = _from_text(text)
    assert [(m.title, m.due) for m in measures] == [
        ("SKR presenterar en ny skatteunderlagsprognos", "2031-08-20"),
        ("Fastighetsenheten lämnar information om internhyror", "2031-08-21"),
    ]


def test_dates_in_running_text_make_no_timetable() -> None:
    text = (
        "Bakgrund\n\n12 mars beslutade nämnden om en ny plan för arbetet.\n"
        "20 april följde kommunstyrelsen upp beslutet."
    )
    assert _from_text(text, year=2030) == []


TIMETABLE_PDF = [
    (56, 790, 14, "Tidplan för verksamhetsplan 2031"),
    (56, 760, 11, "När"),
    (140, 760, 11, "Vad"),
    (420, 760, 11, "Ansvarig"),
    (56, 744, 11, "Vecka 6"),
    (140, 744, 11, "Förvaltningarna lämnar underlag"),
    (420, 744, 11, "Förvaltningschefer"),
    (140, 730, 11, "till ekonomiavdelningen."),
    (56, 716, 11, "14/3"),
    (140, 716, 11, "Kommunstyrelsen beslutar om"),
    (420, 716, 11, "Samhällsbyggnads-"),
    (140, 702, 11, "ramar för 2032."),
    (420, 702, 11, "förvaltningen"),
    (56, 688, 11, "Juni"),
    (140, 688, 11, "Fullmäktige fastställer budgeten."),
    (420, 688, 11, "Kommunfullmäktige"),
    (56, 650, 11, "Uppföljning"),
    (56, 636, 11, "Budgeten följs upp i delårsrapporten och i årsredovisningen, där nämnderna"),
    (56, 622, 11, "redovisar utfall och prognos för sina verksamheter."),
]


def test_timetable_owner_column_read_from_pdf_layout(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, TIMETABLE_PDF)
    rows = [(m.title, m.owner, m.due) for m in measures]
    assert rows == [
        (
            "Förvaltningarna lämnar underlag till ekonomiavdelningen",
            "Förvaltningschefer",
            "2031-02-07",
        ),
        (
            "Kommunstyrelsen beslutar om ramar för 2032",
            "Samhällsbyggnadsförvaltningen",
            "2031-03-14",
        ),
        ("Fullmäktige fastställer budgeten", "Kommunfullmäktige", "2031-06"),
    ]
    assert measures[1].responsibilities[0].organisation == "Samhällsbyggnadsförvaltningen"
    assert measures[1].responsibilities[0].due == "2031-03-14"

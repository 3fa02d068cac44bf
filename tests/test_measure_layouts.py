"""Layouts the sample corpus does not have: timetables, numbered measures, key–value blocks.

Each test writes its own document (PDFs with the fixture builder, so the columns stand
where a word processor would put them) and reads it through the real reader.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
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


PLAN_PDF = [
    (56, 790, 16, "Handlingsplan för klimatanpassning 2031–2034"),
    (
        56,
        760,
        11,
        "Planen innehåller åtgärder som kommunens förvaltningar och bolag ska genomföra.",
    ),
    (56, 720, 13, "Åtgärd 1. Skyfallskartering av centralorten"),
    (56, 700, 11, "Kartläggningen visar var vatten samlas vid kraftiga regn och vilka byggnader"),
    (56, 686, 11, "som riskerar att skadas."),
    (56, 662, 11, "Organisation"),
    (250, 662, 11, "Roll"),
    (400, 662, 11, "Klart"),
    (56, 648, 11, "Samhällsbyggnads-"),
    (250, 648, 11, "Huvudansvarig"),
    (400, 648, 11, "2032"),
    (56, 634, 11, "förvaltningen"),
    (56, 620, 11, "Vattenbolaget AB"),
    (250, 620, 11, "Medverkande"),
    (400, 620, 11, "2031–2033"),
    (56, 580, 13, "Åtgärd 2. Grönytefaktor i detaljplaner"),
    (56, 560, 11, "En grönytefaktor ska användas i alla nya detaljplaner."),
    (56, 536, 11, "Organisation"),
    (250, 536, 11, "Roll"),
    (400, 536, 11, "Klart"),
    (56, 522, 11, "Byggnadsnämnden"),
    (250, 522, 11, "Huvudansvarig"),
    (400, 522, 11, "Juni 2033"),
]


def test_numbered_measures_with_responsibility_tables_from_pdf(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, PLAN_PDF)
    assert [(m.layout, m.title, m.owner, m.due) for m in measures] == [
        (
            MeasureLayout.NUMBERED,
            "Skyfallskartering av centralorten",
            "Samhällsbyggnadsförvaltningen",
            "2032",
        ),
        (MeasureLayout.NUMBERED, "Grönytefaktor i detaljplaner", "Byggnadsnämnden", "2033-06"),
    ]
    first = measures[0]
    assert first.description.startswith("Kartläggningen visar var vatten samlas")
    rows = [(r.organisation, r.role, r.due) for r in first.responsibilities]
    assert rows == [
        ("Samhällsbyggnadsförvaltningen", "huvudansvarig", "2032"),
        ("Vattenbolaget AB", "medverkande", "2033"),
    ]
    assert (first.due_earliest, first.due_latest) == (date(2031, 12, 31), date(2033, 12, 31))


def test_numbered_measures_with_responsibility_rows_in_plain_text() -> None:
    text = (
        "2.1 Laddplatser vid kommunens arbetsplatser\n\n"
        "Kommunen bygger ut laddplatser för tjänstebilar.\n\n"
        "Ansvarig aktör Ansvar Tidplan\nTekniska förvaltningen Huvudansvarig 2031\n"
        "Fastighets AB Medverkande Q3 2032\n\n"
        "2.2 Cykelparkering vid stationen\n\n"
        "Ansvarig aktör Ansvar Tidplan\nGatuavdelningen Samordnare Hösten 2031"
    )
    measures = _from_text(text)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Laddplatser vid kommunens arbetsplatser", "Tekniska förvaltningen", "2031"),
        ("Cykelparkering vid stationen", "Gatuavdelningen", "2031-12"),
    ]
    assert [(r.organisation, r.role, r.due) for r in measures[0].responsibilities] == [
        ("Tekniska förvaltningen", "huvudansvarig", "2031"),
        ("Fastighets AB", "medverkande", "2032-09"),
    ]
    assert measures[0].due_latest == date(2032, 9, 30)


def test_labelled_fields_under_a_numbered_heading_and_under_a_plain_title() -> None:
    text = (
        "Åtgärd 4: Energieffektivisering av skolor\n"
        "Belysningen byts till LED i kommunens skolor.\n"
        "Ansvarig: Fastighetsavdelningen\nMedverkande: Skolförvaltningen, Kostenheten\n"
        "Tidplan: 2031–2032\nStatus: Pågår\nKostnad: 2,5 mnkr\n\n"
        "Solceller på kommunhuset\n"
        "Ansvarig: Tekniska nämnden\nKlart senast: 2033-06-30"
    )
    measures = _from_text(text)
    assert [(m.layout, m.title, m.owner, m.due, m.status.value) for m in measures] == [
        (
            MeasureLayout.NUMBERED,
            "Energieffektivisering av skolor",
            "Fastighetsavdelningen",
            "2032",
            "pågår",
        ),
        (
            MeasureLayout.KEY_VALUE,
            "Solceller på kommunhuset",
            "Tekniska nämnden",
            "2033-06-30",
            "okänd",
        ),
    ]
    first = measures[0]
    assert [(r.organisation, r.role) for r in first.responsibilities] == [
        ("Fastighetsavdelningen", "ansvarig"),
        ("Skolförvaltningen", "medverkande"),
        ("Kostenheten", "medverkande"),
    ]
    assert (first.due_earliest, first.due_latest) == (date(2031, 12, 31), date(2032, 12, 31))
    assert first.comments == "Kostnad: 2,5 mnkr"


@pytest.mark.parametrize(
    ("heading", "layout"),
    [
        ("Prioriterade insatser", MeasureLayout.ACTION_LIST),
        ("Så går vi vidare", MeasureLayout.NUMBERED),
    ],
)
def test_numbered_list_with_owner_and_year_in_a_closing_parenthesis(
    heading: str, layout: MeasureLayout
) -> None:
    text = (
        f"{heading}\n\n"
        "1. Ta fram en resepolicy för kommunen (Kommunstyrelsen, 2031).\n"
        "2. Inför resfria möten som förstahandsval (HR-avdelningen, hösten 2032).\n"
        "3. Utred en gemensam bilpool för förvaltningarna."
    )
    measures = _from_text(text)
    rows = [(m.layout, m.title, m.owner, m.due) for m in measures if m.owner]
    assert rows == [
        (layout, "Ta fram en resepolicy för kommunen", "Kommunstyrelsen", "2031"),
        (layout, "Inför resfria möten som förstahandsval", "HR-avdelningen", "2032-12"),
    ]


def test_numbered_report_chapters_are_no_measures() -> None:
    text = (
        "1. Inledning\n\nNämnden ansvarar för verksamheten sedan 2024.\n\n"
        "2.1 Syfte och revisionsfrågor\n\nGranskningen ska besvara om styrningen är ändamålsenlig "
        "och om den interna kontrollen är tillräcklig, senast 2025.\n\n"
        "2.2 Metod\n\nIntervjuer och dokumentstudier."
    )
    assert _from_text(text) == []


ACTION_TABLE_PDF = [
    (56, 790, 16, "Handlingsplan för minskad energianvändning"),
    (56, 760, 11, "Åtgärd"),
    (250, 760, 11, "Ansvarig"),
    (400, 760, 11, "Klart"),
    (480, 760, 11, "Status"),
    (56, 744, 11, "Byta belysning till LED i"),
    (250, 744, 11, "Fastighets-"),
    (400, 744, 11, "2031-06"),
    (480, 744, 11, "Pågår"),
    (56, 730, 11, "alla skolor och förskolor"),
    (250, 730, 11, "avdelningen"),
    (56, 712, 11, "Installera solceller på"),
    (250, 712, 11, "Tekniska"),
    (400, 712, 11, "2032"),
    (480, 712, 11, "Ej påbörjad"),
    (56, 698, 11, "kommunhusets tak"),
    (250, 698, 11, "förvaltningen"),
    (56, 680, 11, "Införa energiuppföljning"),
    (250, 680, 11, "Ekonomichef"),
    (400, 680, 11, "Hösten 2031"),
    (480, 680, 11, "Klar"),
    (56, 666, 11, "per månad"),
    (56, 630, 11, "Planen följs upp varje år av kommunstyrelsen, som rapporterar utfallet till"),
    (56, 616, 11, "fullmäktige tillsammans med årsredovisningen."),
]


def test_action_table_with_wrapped_cells_read_by_its_columns(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, ACTION_TABLE_PDF)
    rows = [(m.layout, m.title, m.owner, m.due, m.status.value) for m in measures]
    assert rows == [
        (
            MeasureLayout.ACTION_PLAN,
            "Byta belysning till LED i alla skolor och förskolor",
            "Fastighetsavdelningen",
            "2031-06",
            "pågår",
        ),
        (
            MeasureLayout.ACTION_PLAN,
            "Installera solceller på kommunhusets tak",
            "Tekniska förvaltningen",
            "2032",
            "ej påbörjad",
        ),
        (
            MeasureLayout.ACTION_PLAN,
            "Införa energiuppföljning per månad",
            "Ekonomichef",
            "2031-12",
            "klar",
        ),
    ]


GANTT_PDF = [
    (56, 790, 16, "Tidplan för införandet 2031–2033"),
    (56, 760, 11, "Aktivitet"),
    (300, 760, 11, "2031"),
    (380, 760, 11, "2032"),
    (460, 760, 11, "2033"),
    (56, 744, 11, "Upphandla nytt ärendesystem"),
    (300, 744, 11, "X"),
    (56, 728, 11, "Utbilda handläggarna"),
    (380, 728, 11, "X"),
    (460, 728, 11, "X"),
    (56, 712, 11, "Avveckla det gamla systemet"),
    (460, 712, 11, "X"),
]


def test_activities_by_year_columns_take_their_marked_years(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, GANTT_PDF)
    rows = [(m.title, m.due, m.due_raw, m.due_earliest, m.due_latest) for m in measures]
    assert rows == [
        ("Upphandla nytt ärendesystem", "2031", "2031", date(2031, 12, 31), date(2031, 12, 31)),
        ("Utbilda handläggarna", "2033", "2032–2033", date(2032, 12, 31), date(2033, 12, 31)),
        ("Avveckla det gamla systemet", "2033", "2033", date(2033, 12, 31), date(2033, 12, 31)),
    ]
    assert {m.layout for m in measures} == {MeasureLayout.TABLE}


def test_responsibility_table_of_a_word_document() -> None:
    # The DOCX and PPTX readers render a table as one line per row, cells joined by ' | '.
    text = (
        "Insats 3 Digital bygglovsprocess\n\n"
        "Ansökan om bygglov ska kunna göras helt digitalt.\n\n"
        "Ansvarig förvaltning | Roll | Tidsplan\n"
        "Samhällsbyggnadsförvaltningen | Huvudansvarig | 2031-12-31\n"
        "IT-avdelningen | Stöd | 2031–2032"
    )
    measures = _from_text(text)
    assert [(m.layout, m.title, m.owner, m.due) for m in measures] == [
        (
            MeasureLayout.NUMBERED,
            "Digital bygglovsprocess",
            "Samhällsbyggnadsförvaltningen",
            "2031-12-31",
        )
    ]
    assert [(r.organisation, r.role, r.due) for r in measures[0].responsibilities] == [
        ("Samhällsbyggnadsförvaltningen", "huvudansvarig", "2031-12-31"),
        ("IT-avdelningen", "stöd", "2032"),
    ]
    assert measures[0].due_latest == date(2032, 12, 31)

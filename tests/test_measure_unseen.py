"""Layouts in wordings the sample corpus does not have: the parsers must not be sample-bound."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest.measures import extract_measures
from ingest.readers import read_document
from lagesbild.types import (
    Document,
    DocumentKind,
    MeasureLayout,
    MeasureStatus,
    Page,
    SourceFormat,
    Table,
)

S = MeasureStatus


def _document(pages: int = 1) -> Document:
    return Document(
        doc="okand.pdf",
        path="/tmp/okand.pdf",
        sha256="f" * 64,
        format=SourceFormat.PDF,
        kind=DocumentKind.OTHER,
        pages=pages,
    )


def test_action_plan_in_other_wording_on_one_page() -> None:
    text = (
        "Handlingsplan 2024\n\nÅtgärd Ansvar Klart senast Status\n\n"
        "Införa e-tjänst för bygglov\n\nIT-chef\n\nQ2 2024\n\nPågår\n\n"
        "Utbilda handläggare i nya rutiner\n\nSamhällsbyggnadschef\n\n2024-09-30\n\nEj påbörjad\n\n"
        "Revidera delegationsordningen\n\nKommunsekreterare\n\nDecember 2024\n\nKlart"
    )
    measures = extract_measures(_document(), [Page(number=1, text=text)])
    rows = [(m.title, m.owner, m.due, m.status) for m in measures]
    assert rows == [
        ("Införa e-tjänst för bygglov", "IT-chef", "2024-06", S.ONGOING),
        ("Utbilda handläggare i nya rutiner", "Samhällsbyggnadschef", "2024-09-30", S.NOT_STARTED),
        ("Revidera delegationsordningen", "Kommunsekreterare", "2024-12", S.DONE),
    ]
    assert measures[0].id == "ffffffffffff:m1"


def test_action_plan_with_description_and_groups() -> None:
    text = (
        "Åtgärd Beskrivning Ansvarig Tidplan Status\n\n1 Digitalisering\n"
        "Införa e-tjänst för bygglov\n\nAnsökan ska kunna göras digitalt.\n\nIT-chef\n\n"
        "Mars 2025\n\nFörsenad, leverantören har inte levererat.\n\n"
        "Ta fram en ny hemsida\n\nHemsidan ska bli tillgänglig för alla.\n\n"
        "Kommunikationschef\n\n2025\n\nPågår\n\n2 Kompetens\n"
        "Utbilda chefer i arbetsmiljö\n\nAlla chefer ska gå utbildningen.\n\nHR-chef\n\n"
        "Hösten 2025\n\nEj påbörjad"
    )
    measures = extract_measures(_document(), [Page(number=1, text=text)])
    assert [(m.section, m.title, m.description) for m in measures] == [
        ("1 Digitalisering", "Införa e-tjänst för bygglov", "Ansökan ska kunna göras digitalt."),
        ("1 Digitalisering", "Ta fram en ny hemsida", "Hemsidan ska bli tillgänglig för alla."),
        ("2 Kompetens", "Utbilda chefer i arbetsmiljö", "Alla chefer ska gå utbildningen."),
    ]
    assert [m.status for m in measures] == [S.DELAYED, S.ONGOING, S.NOT_STARTED]
    assert measures[0].comments == "Försenad, leverantören har inte levererat."
    assert measures[2].due_by == date(2025, 12, 31)


def test_action_plan_row_without_anchors_before_a_group_heading() -> None:
    text = (
        "Åtgärd Beskrivning Ansvarig Tidplan Status\n\n1 Digitalisering\n"
        "Införa e-tjänst för bygglov\n\nAnsökan ska kunna göras digitalt.\n\nIT-chef\n\n"
        "Mars 2025\n\nPågår. Leverantören är upphandlad.\n\n"
        "Försöka få fler invånare att använda e-tjänsten.\n\n2 Kompetens\n"
        "Utbilda chefer i arbetsmiljö\n\nAlla chefer ska gå utbildningen.\n\nHR-chef\n\n"
        "Hösten 2025\n\nPågår.\n\nÖvriga delar av utbildningen planeras till våren."
    )
    measures = extract_measures(_document(), [Page(number=1, text=text)])
    rows = [(m.section, m.title, m.owner, m.status_raw) for m in measures]
    assert rows == [
        ("1 Digitalisering", "Införa e-tjänst för bygglov", "IT-chef",
         "Pågår. Leverantören är upphandlad."),
        ("1 Digitalisering", "Försöka få fler invånare att använda e-tjänsten.", None, None),
        ("2 Kompetens", "Utbilda chefer i arbetsmiljö", "HR-chef",
         "Pågår.\nÖvriga delar av utbildningen planeras till våren."),
    ]  # fmt: skip


def test_status_table_in_other_wording() -> None:
    text = (
        "Lägesrapport åtgärder\n\nÅtgärd Status Prognos\n\n"
        "Minska hyrpersonal Försenad\nLåg, rekryteringen går trögt\n\n"
        "Ny bemanningsplan Klar\nHög\n\nÖversyn av lokaler Pågår\nMedel"
    )
    page = Page(number=2, text=text, title="Lägesrapport åtgärder", is_slide=True)
    measures = extract_measures(_document(2), [Page(number=1, text="Inledning"), page])
    assert [(m.title, m.status, m.forecast) for m in measures] == [
        ("Minska hyrpersonal", S.DELAYED, "Låg, rekryteringen går trögt"),
        ("Ny bemanningsplan", S.DONE, "Hög"),
        ("Översyn av lokaler", S.ONGOING, "Medel"),
    ]


def test_monthly_deck_with_other_headings_and_slide_count() -> None:
    pages = [
        Page(
            number=1,
            title="Projekt: Ny vårdplatskedja",
            is_slide=True,
            text=(
                "Nästa steg\nUpphandling av systemstöd.\n\nGenomfört senaste månaden\n"
                "Kravspecifikation klar.\n\nStatus: Enligt plan\n\nRisker\n"
                "Försening hos leverantören. Vi behöver stöd från IT."
            ),
        ),
        Page(
            number=2,
            title="Projekt: Digital signering",
            is_slide=True,
            text=(
                "Kommande månad\nPilot i två enheter.\n\nSenaste månaden\nAvtal tecknat.\n\n"
                "Risker och behov av stöd\nInget behov av stöd."
            ),
        ),
    ]
    measures = extract_measures(_document(2), pages)
    assert [(m.title, m.section, m.status) for m in measures] == [
        ("Projekt: Ny vårdplatskedja", "Projekt", S.ON_TRACK),
        ("Projekt: Digital signering", "Projekt", S.ON_TRACK),
    ]
    # The second states no status: its colour rule (no risks, no need of support) sets it.
    assert [m.status_source.value for m in measures] == ["stated", "rule"]
    assert measures[1].status_rule == "grön: inga risker och inget stödbehov"
    first, second = measures
    assert (first.next_steps, first.last_month) == (
        "Upphandling av systemstöd.",
        "Kravspecifikation klar.",
    )
    assert (first.risks, first.support_need) == (
        "Försening hos leverantören.",
        "Vi behöver stöd från IT.",
    )
    assert (second.risks, second.support_need) == (None, "Inget behov av stöd.")


def test_prose_with_status_words_gives_no_measures() -> None:
    text = (
        "Arbetet med planen pågår. Status för projektet är att det går enligt plan.\n\n"
        "Vi ansvarar för att arbetet blir klart. Ansvarig är kommundirektören.\n\n"
        "- Arbetet är i fas, klart\n\nSammanfattningsvis: enligt plan\n\n"
        "Risker\nDet finns risker.\n\nKommentarer\nInga kommentarer."
    )
    assert extract_measures(_document(), [Page(number=1, text=text)]) == []


def _docx_plan(path: Path) -> Path:
    """A Word action plan with a real table, as a municipality might write it."""
    import docx

    document = docx.Document()
    document.add_heading("Handlingsplan för intern kontroll 2025", level=1)
    document.add_paragraph("Planen följs upp av nämnden två gånger per år.")
    rows = [
        ("Åtgärd", "Beskrivning", "Ansvarig", "Klart senast", "Status"),
        ("1 Ekonomi", "", "", "", ""),
        ("Ny rutin för attest", "Rutinen ska omfatta alla enheter.", "Ekonomichef",
         "2025-06-30", "Pågår"),
        ("Utbilda beställare", "", "Inköpschef", "Hösten 2025", "Ej påbörjad"),
        ("", "Även nya chefer ska gå.", "", "", ""),
        ("2 Personal", "", "", "", ""),
        ("Uppdatera delegationsordningen", "", "HR-chef", "Mars 2025",
         "Klart, beslutad i nämnden."),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_paragraph("Tidplan: Datum och aktivitet för uppföljningen finns i bilaga.")
    document.save(str(path))
    return path


def test_action_plan_in_a_real_word_table(tmp_path: Path) -> None:
    parsed = read_document(_docx_plan(tmp_path / "handlingsplan.docx"))
    measures = extract_measures(parsed.document, parsed.pages)
    rows = [(m.section, m.title, m.owner, m.due, m.status) for m in measures]
    assert rows == [
        ("1 Ekonomi", "Ny rutin för attest", "Ekonomichef", "2025-06-30", S.ONGOING),
        ("1 Ekonomi", "Utbilda beställare", "Inköpschef", "2025-12", S.NOT_STARTED),
        ("2 Personal", "Uppdatera delegationsordningen", "HR-chef", "2025-03", S.DONE),
    ]
    assert {m.layout for m in measures} == {MeasureLayout.ACTION_PLAN}
    assert measures[1].description == "Även nya chefer ska gå."
    assert measures[2].comments == "Klart, beslutad i nämnden."


def test_status_table_and_timetable_in_real_tables() -> None:
    status = Table(rows=[["Innehåll", "Status", "Prognos effekthemtagning"],
                         ["Digitala initiativ", "Enligt plan", "Låg"],
                         ["Samordna admin", "Delvis enligt plan", "Medel"]])  # fmt: skip
    timetable = Table(rows=[["Datum", "Aktivitet"], ["12 mars", "Uppstart med budgeten"]])
    pages = [
        Page(number=1, text="Status", tables=[status], is_slide=True),
        Page(number=2, text="Tidplan", tables=[timetable]),
    ]
    measures = extract_measures(_document(2), pages)
    assert [(m.layout, m.title, m.status, m.forecast) for m in measures] == [
        (MeasureLayout.STATUS_TABLE, "Digitala initiativ", S.ON_TRACK, "Låg"),
        (MeasureLayout.STATUS_TABLE, "Samordna admin", S.PARTLY_ON_TRACK, "Medel"),
    ]


def test_action_plan_with_a_number_column_keeps_numbered_rows() -> None:
    text = (
        "Nr Åtgärd Ansvarig Klart senast\n\n"
        "1 Införa e-tjänst för bygglov\n\nIT-chef\n\nQ2 2024\n\n"
        "2 Utbilda handläggare i nya rutiner\n\nSamhällsbyggnadschef\n\n2024-09-30"
    )
    measures = extract_measures(_document(), [Page(number=1, text=text)])
    assert [(m.section, m.title, m.owner, m.due) for m in measures] == [
        ("", "1 Införa e-tjänst för bygglov", "IT-chef", "2024-06"),
        ("", "2 Utbilda handläggare i nya rutiner", "Samhällsbyggnadschef", "2024-09-30"),
    ]

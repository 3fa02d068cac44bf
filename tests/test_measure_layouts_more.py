"""Layouts read since the second held-out measures set: question headers in Word tables,
one key–value table per measure, a 'Nr' column before the activity in a rule-less PDF
table, measures numbered in the margin with an actor table, owner and date in running
text, key–value blocks whose title is followed by its description, and bullets closed by
'(ansvar: …, tidplan: …)'.

Each test writes its own document (with wordings other than the held-out set's) and reads
it through the real reader.
"""

from __future__ import annotations

from pathlib import Path

import docx
from data.make_fixtures import pdf_bytes

from ingest.measures import extract_measures
from ingest.readers import read_document
from lagesbild.types import Measure, MeasureLayout, MeasureStatus

Line = tuple[float, float, float, str]


def _read(path: Path) -> list[Measure]:
    parsed = read_document(path)
    return extract_measures(parsed.document, parsed.pages)


def _from_pdf(tmp_path: Path, *pages: list[Line]) -> list[Measure]:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(list(pages)))
    return _read(path)


def _flow(x: float, top: float, texts: list[str], size: float = 11) -> list[Line]:
    return [(x, top - 14 * n, size, text) for n, text in enumerate(texts)]


def _word_table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def test_word_table_with_question_headers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Handlingsplan mot ensamhet", level=1)
    _word_table(
        document,
        [
            ["Vad?", "Hur?", "Vem?", "När?"],
            ["Träffpunkter för äldre", "Öppna två nya träffpunkter", "Äldreomsorgen", "Q1 2027"],
            ["Väntjänst", "Rekrytera frivilliga", "Föreningsrådet", "Ht 2026"],
        ],
    )
    _word_table(document, [["Indikator", "Utfall", "Mål"], ["Andel ensamma", "12 %", "9 %"]])
    path = tmp_path / "plan.docx"
    document.save(str(path))
    measures = _read(path)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Träffpunkter för äldre", "Äldreomsorgen", "2027-03"),
        ("Väntjänst", "Föreningsrådet", "2026-12"),
    ]
    assert measures[0].description == "Öppna två nya träffpunkter"


def test_one_key_value_table_per_measure(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Insatser för psykisk hälsa", level=1)
    for name, owner, due, status in (
        ("Samtalsstöd i skolan", "Elevhälsan", "Vt 2027", "Pågår"),
        ("Föräldrautbildning", "Socialtjänsten", "2026-10-31", "Ej påbörjad"),
    ):
        _word_table(
            document,
            [
                ["Åtgärd", name],
                ["Syfte", "Tidigt stöd."],
                ["Ansvarig", owner],
                ["Samverkan", "Regionen"],
                ["Klart", due],
                ["Status", status],
            ],
        )
        document.add_paragraph("")
    # Two columns of facts about the plan are no measure.
    _word_table(document, [["Beslutad", "2026-02-01"], ["Diarienummer", "KS 2026/12"]])
    path = tmp_path / "plan.docx"
    document.save(str(path))
    measures = _read(path)
    assert [(m.title, m.owner, m.due, m.status) for m in measures] == [
        ("Samtalsstöd i skolan", "Elevhälsan", "2027-06", MeasureStatus.ONGOING),
        ("Föräldrautbildning", "Socialtjänsten", "2026-10-31", MeasureStatus.NOT_STARTED),
    ]
    assert measures[0].layout is MeasureLayout.KEY_VALUE
    assert [(r.organisation, r.role) for r in measures[0].responsibilities] == [
        ("Elevhälsan", "ansvarig"),
        ("Regionen", "medverkande"),
    ]


def test_rule_less_table_with_a_number_column_over_two_pages(tmp_path: Path) -> None:
    x = (56, 84, 300, 450)

    def page(rows: list[tuple[str, str, str, str]], top: float) -> list[Line]:
        lines: list[Line] = [
            (c, top, 10, h) for c, h in zip(x, ("Nr", "Insats", "Ansvar", "Klart"), strict=True)
        ]
        y = top - 20
        for cells in rows:
            lines += [(c, y, 10, text) for c, text in zip(x, cells, strict=True)]
            y -= 24
        return lines

    first = [(56, 790, 14, "Bilaga: åtgärder"), *page([
        ("1", "Ny cykelväg till skolan", "Gatuenheten", "2027"),
        ("2", "Fler cykelställ vid stationen", "Gatuenheten", "Kv 2 2026"),
    ], 740)]  # fmt: skip
    second = page([("3", "Cykelkampanj för pendlare", "Kommunikation", "Maj 2026")], 790)
    measures = _from_pdf(tmp_path, first, second)
    assert [(m.title, m.owner, m.due, m.page) for m in measures] == [
        ("Ny cykelväg till skolan", "Gatuenheten", "2027", 1),
        ("Fler cykelställ vid stationen", "Gatuenheten", "2026-06", 1),
        ("Cykelkampanj för pendlare", "Kommunikation", "2026-05", 2),
    ]


def test_margin_numbers_with_an_actor_table(tmp_path: Path) -> None:
    lines: list[Line] = [(56, 790, 14, "Länsplan för vattenförsörjning")]
    y = 750.0
    for nr, title, actors in (
        ("1", "Skydda de viktigaste grundvattnen", [("Länsstyrelsen", "Ansvarig", "2027")]),
        ("2", "Öva avbrott i vattenförsörjningen", [
            ("Kommunerna", "Samordnande", "2026-11-30"), ("Regionen", "Deltar", "2026-11-30"),
        ]),
    ):  # fmt: skip
        lines += [(56, y, 12, nr), (80, y, 12, title), (80, y - 16, 11, "Beskrivning av insatsen.")]
        y -= 34
        lines += [(80, y, 10, "Aktör"), (260, y, 10, "Roll"), (400, y, 10, "Klart")]
        for actor in actors:
            y -= 13
            lines += [(px, y, 10, text) for px, text in zip((80, 260, 400), actor, strict=True)]
        y -= 30
    measures = _from_pdf(tmp_path, lines)
    assert [(m.title, m.owner) for m in measures] == [
        ("Skydda de viktigaste grundvattnen", "Länsstyrelsen"),
        ("Öva avbrott i vattenförsörjningen", "Kommunerna"),
    ]
    assert [(r.organisation, r.role, r.due) for r in measures[1].responsibilities] == [
        ("Kommunerna", "samordnande", "2026-11-30"),
        ("Regionen", "deltar", "2026-11-30"),
    ]


def test_owner_and_date_in_running_text(tmp_path: Path) -> None:
    lines = [
        (56, 790, 13, "2 Mål"),
        (56, 770, 11, "2.1 Luft"),
        *_flow(56, 754, ["Halterna av partiklar ska minska till 2030."]),
        (56, 720, 13, "3 Åtgärder"),
        (56, 700, 11, "3.1 Sänk hastigheten på infarterna"),
        *_flow(56, 684, [
            "Hastigheten sänks till 40 km/h. Ansvarig för åtgärden är trafiknämnden",
            "och den ska vara klar senast juni 2027.",
        ]),
        (56, 640, 11, "3.2 Mät luftkvaliteten vid skolorna"),
        *_flow(56, 624, [
            "Mätningarna genomförs av miljöförvaltningen och ska vara klara under 2026.",
        ]),
        (56, 590, 11, "3.3 Informera om vedeldning"),
        *_flow(56, 574, ["Informationen riktas till villaägare i tätorten."]),
    ]  # fmt: skip
    measures = _from_pdf(tmp_path, lines)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Sänk hastigheten på infarterna", "trafiknämnden", "2027-06"),
        ("Mät luftkvaliteten vid skolorna", "miljöförvaltningen", "2026"),
    ]  # 2.1 is a goal and 3.3 names neither owner nor date: no measures


def test_key_value_block_title_stands_apart_from_its_description(tmp_path: Path) -> None:
    lines = [
        (56, 790, 14, "Handlingsplan"),
        (56, 760, 12, "Läxhjälp på biblioteket"),
        *_flow(56, 744, [
            "Studenter hjälper elever med läxorna två kvällar i veckan.",
            "Ansvar: Kulturförvaltningen",
            "Tidsplan: Q3 2026",
        ]),
    ]  # fmt: skip
    (measure,) = _from_pdf(tmp_path, lines)
    assert measure.title == "Läxhjälp på biblioteket"
    assert measure.description.startswith("Studenter hjälper elever")
    assert (measure.owner, measure.due) == ("Kulturförvaltningen", "2026-09")


def test_bullets_closed_by_ansvar_and_tidplan(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Insatser 2026", level=2)
    for text in (
        "Nya lånecyklar på biblioteket (ansvar: fritidsenheten, tidplan: våren 2026)",
        "Sommarläsning för barn (ansvar: barnbiblioteket, tidplan: löpande)",
    ):
        document.add_paragraph(text, style="List Bullet")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    measures = _read(path)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Nya lånecyklar på biblioteket", "fritidsenheten", "2026-06"),
        ("Sommarläsning för barn", "barnbiblioteket", None),
    ]


def test_start_column_is_no_deadline_and_a_partner_no_owner(tmp_path: Path) -> None:
    document = docx.Document()
    _word_table(
        document,
        [
            ["Insats", "Ansvarig", "Medverkande", "Startdatum", "Slut"],
            ["Ny lekplats i Västby", "Parkenheten", "Fritidsgården", "2026-04-01", "2026-09-30"],
        ],
    )
    path = tmp_path / "plan.docx"
    document.save(str(path))
    (measure,) = _read(path)
    assert (measure.owner, measure.due) == ("Parkenheten", "2026-09-30")
    assert [(r.organisation, r.role) for r in measure.responsibilities] == [
        ("Parkenheten", "ansvarig"),
        ("Fritidsgården", "medverkande"),
    ]


def test_two_labels_on_one_line(tmp_path: Path) -> None:
    lines: list[Line] = [(56, 790, 14, "Åtgärder för en renare stad")]
    for n, (title, owner, due) in enumerate(
        (("Fler papperskorgar i centrum", "Parkenheten", "Maj 2026"),
         ("Städdagar med skolorna", "Miljöenheten", "Hösten 2026"))
    ):  # fmt: skip
        top = 750 - 60 * n
        lines += [(56, top, 12, title), (56, top - 16, 11, f"Ansvarig: {owner}")]
        lines.append((320, top - 16, 11, f"Tidplan: {due}"))
    measures = _from_pdf(tmp_path, lines)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Fler papperskorgar i centrum", "Parkenheten", "2026-05"),
        ("Städdagar med skolorna", "Miljöenheten", "2026-12"),
    ]


def test_word_headings_name_the_measure_after_a_colon(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Handlingsplan", level=1)
    for title, owner, due in (
        ("Insats: Digital bokning av lokaler", "Fastighetsenheten", "Q3 2026"),
        ("Insats: Öppna förskolan på lördagar", "Förskoleenheten", "2027"),
    ):
        document.add_heading(title, level=2)
        document.add_paragraph("Insatsen ska göra det enklare för invånarna.")
        document.add_paragraph(f"Ansvar: {owner}")
        document.add_paragraph(f"Klart: {due}")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    measures = _read(path)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Digital bokning av lokaler", "Fastighetsenheten", "2026-09"),
        ("Öppna förskolan på lördagar", "Förskoleenheten", "2027"),
    ]


def test_sentence_and_page_number_under_a_table_are_no_row(tmp_path: Path) -> None:
    x = (56, 300, 460)
    lines: list[Line] = [
        (c, 760, 11, h) for c, h in zip(x, ("Aktivitet", "Ansvarig", "Klart"), strict=True)
    ]
    for n, cells in enumerate((("Ny hemsida", "Webbredaktionen", "2026"),
                               ("Öppet arkiv", "Arkivet", "Juni 2027"))):  # fmt: skip
        lines += [(c, 736 - 24 * n, 11, t) for c, t in zip(x, cells, strict=True)]
    lines += [(56, 670, 11, "Kommunstyrelsen följer upp planen i samband med bokslutet."),
              (300, 40, 9, "3")]  # fmt: skip
    measures = _from_pdf(tmp_path, lines)
    assert [(m.title, m.owner, m.due) for m in measures] == [
        ("Ny hemsida", "Webbredaktionen", "2026"),
        ("Öppet arkiv", "Arkivet", "2027-06"),
    ]

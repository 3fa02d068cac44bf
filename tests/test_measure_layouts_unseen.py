"""Layouts read since issue 11's leftovers: measure lists without an action heading,
PDF tables with centred or bottom-aligned cells, wrapped numbered headings, Word tables
with a number column and merged group rows.

Each test writes its own document (PDFs with the fixture builder, so lines stand where a
word processor would put them) and reads it through the real reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from data.make_fixtures import pdf_bytes

from ingest.measures import extract_measures
from ingest.readers import read_document
from lagesbild.types import Measure, MeasureLayout


def _from_pdf(tmp_path: Path, *pages: list[tuple[float, float, float, str]]) -> list[Measure]:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(list(pages)))
    parsed = read_document(path)
    return extract_measures(parsed.document, parsed.pages)


def _lines(x: float, top: float, texts: list[str], gap: float = 14) -> list[tuple]:
    """Lines of running text from ``top`` down; '' leaves a paragraph gap."""
    out, y = [], top
    for text in texts:
        if text:
            out.append((x, y, 11, text))
        y -= gap if text else gap * 1.6
    return out


LEAD_IN_PDF = [
    (56, 790, 14, "5. Strategi för resor"),
    *_lines(56, 766, [
        "Utsläppen från resor i tjänsten ska halveras till 2030. För att nå dit ska",
        "förvaltningarna genomföra följande åtgärder:",
        "",
        "1. Alla nya tjänstebilar ska vara elbilar. Undantag kan göras för",
        "fordon i hemtjänsten i glesbygd.",
        "",
        "2. En policy för resfria möten ska tas fram och göras känd på",
        "förvaltningarna",
        "",
        "3. Tjänsteresor över 50 mil görs med tåg",
        "",
        "Kommunen kan också välja mellan följande åtgärder:",
        "",
        "1. delta i regionens samåkningsprojekt",
        "2. köpa klimatkompensation",
        "",
        "6. Uppföljning",
        "",
        "Strategin följs upp av kommunstyrelsen en gång per år.",
    ]),
]  # fmt: skip


def test_numbered_list_after_a_lead_in_that_names_the_measures(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, LEAD_IN_PDF)
    assert [(m.layout, m.section, m.title) for m in measures] == [
        (
            MeasureLayout.ACTION_LIST,
            "5. Strategi för resor",
            "Alla nya tjänstebilar ska vara elbilar",
        ),
        (
            MeasureLayout.ACTION_LIST,
            "5. Strategi för resor",
            "En policy för resfria möten ska tas fram och göras känd på förvaltningarna",
        ),
        (
            MeasureLayout.ACTION_LIST,
            "5. Strategi för resor",
            "Tjänsteresor över 50 mil görs med tåg",
        ),
    ]
    assert "hemtjänsten i glesbygd" in measures[0].description


GOALS_PDF = [
    [
        (56, 790, 14, "Mål och åtgärder"),
        *_lines(56, 766, [
            "Mål 1",
            "Kommunens fastigheter ska använda mindre energi.",
            "",
            "Åtgärder",
            "",
            "Belysningen i skolorna byts till LED.",
            "",
            "Ventilationen i sporthallarna ska styras efter behov.",
            "",
            "Mål 2",
            "Fler ska resa kollektivt till arbetet.",
            "",
            "Kommunen ska erbjuda de anställda ett subventionerat busskort.",
            "",
            "Mål 3",
            "Kommunen ska sprida kunskap om klimatet.",
            "",
            "• Energirådgivningen finns tillgänglig för hushåll och företag",
            "• Skolorna ska få stöd i sin klimatundervisning",
            "",
            "Mål 4",
            "Elanvändningen i gatubelysningen ska minska.",
            "",
            "Nyckeltal: kWh per ljuspunkt",
            "",
            "2025 – 310 kWh, 2030 – 250 kWh",
        ]),
    ]
]  # fmt: skip


def test_goal_without_its_action_heading_keeps_its_measures(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, *GOALS_PDF)
    rows = [(m.section, m.title) for m in measures]
    goal_1 = "Mål 1 Kommunens fastigheter ska använda mindre energi"
    goal_2 = "Mål 2 Fler ska resa kollektivt till arbetet"
    goal_3 = "Mål 3 Kommunen ska sprida kunskap om klimatet"
    assert rows == [
        (goal_1, "Belysningen i skolorna byts till LED"),
        (goal_1, "Ventilationen i sporthallarna ska styras efter behov"),
        (goal_2, "Kommunen ska erbjuda de anställda ett subventionerat busskort"),
        (goal_3, "Energirådgivningen finns tillgänglig för hushåll och företag"),
        (goal_3, "Skolorna ska få stöd i sin klimatundervisning"),
    ]
    # The key ratio under 'Mål 4' and its figures are no measures.
    assert {m.layout for m in measures} == {MeasureLayout.ACTION_LIST}


def test_goals_followed_by_text_in_a_follow_up_give_no_measures(tmp_path: Path) -> None:
    # No goal of the document has an action heading: the text under a goal is a comment.
    page = [
        (56, 790, 14, "Måluppfyllelse 2030"),
        *_lines(56, 766, [
            "Mål 1",
            "Kommunens fastigheter ska använda mindre energi.",
            "",
            "Målet är delvis uppfyllt. Arbetet ska fortsätta under nästa år.",
            "",
            "Mål 2",
            "Fler ska resa kollektivt till arbetet.",
            "",
            "• Andelen har ökat till 34 procent",
        ]),
    ]  # fmt: skip
    assert _from_pdf(tmp_path, page) == []


def _aligned_table(align: str) -> list[tuple[float, float, float, str]]:
    """A table without blank lines between rows whose owner and due cells sit at the top,
    in the middle or at the bottom of a row whose activity cell wraps."""
    page = [
        (56, 790, 14, "Handlingsplan 2031"),
        (56, 760, 11, "Aktivitet"),
        (300, 760, 11, "Ansvarig"),
        (470, 760, 11, "Klart"),
    ]
    rows = [
        (["Byta belysning till LED i alla", "skolor och förskolor"], "Fastighetsavd.", "2031-06"),
        (["Installera solceller på", "kommunhusets tak och på", "idrottshallen"],
         "Tekniska förv.", "2032"),
        (["Införa energiuppföljning"], "Ekonomichef", "2031-12"),
        (["Utbilda driftpersonalen i", "energieffektiv drift"], "HR-avdelningen", "2033"),
    ]  # fmt: skip
    top = 742.0
    for activity, owner, due in rows:
        page += [(56, top - 14 * n, 11, text) for n, text in enumerate(activity)]
        span = 14 * (len(activity) - 1)
        y = {"top": top, "middle": top - span / 2, "bottom": top - span}[align]
        page += [(300, y, 11, owner), (470, y, 11, due)]
        top -= 14 * len(activity) + 4
    return [
        *page,
        (56, top - 30, 11, "Uppföljning"),
        (56, top - 44, 11, "Planen följs upp varje år av kommunstyrelsen, som rapporterar till"),
        (56, top - 58, 11, "fullmäktige tillsammans med årsredovisningen."),
    ]


@pytest.mark.parametrize("align", ["top", "middle", "bottom"])
def test_table_rows_with_centred_or_bottom_aligned_cells(tmp_path: Path, align: str) -> None:
    measures = _from_pdf(tmp_path, _aligned_table(align))
    assert [(m.layout, m.title, m.owner, m.due) for m in measures] == [
        (
            MeasureLayout.ACTION_PLAN,
            "Byta belysning till LED i alla skolor och förskolor",
            "Fastighetsavd.",
            "2031-06",
        ),
        (
            MeasureLayout.ACTION_PLAN,
            "Installera solceller på kommunhusets tak och på idrottshallen",
            "Tekniska förv.",
            "2032",
        ),
        (MeasureLayout.ACTION_PLAN, "Införa energiuppföljning", "Ekonomichef", "2031-12"),
        (
            MeasureLayout.ACTION_PLAN,
            "Utbilda driftpersonalen i energieffektiv drift",
            "HR-avdelningen",
            "2033",
        ),
    ]
    # The heading and the running text after the table are no row of it.


def test_numbered_heading_wrapped_onto_the_next_line(tmp_path: Path) -> None:
    page = [
        (56, 790, 13, "Mål 1 Tryggt dricksvatten"),
        *_lines(56, 766, [
            "Åtgärd 1.1 Inrätta ett nytt vattenskyddsområde för",
            "grundvattentäkten i Västerby",
            "Det gamla skyddsområdet motsvarar inte dagens krav.",
            "Ansvar: Miljö- och byggnämnden och Tekniska nämnden",
            "Medverkande: Kultur- och fritidsförvaltningen",
            "Klart: december 2031",
        ]),
    ]  # fmt: skip
    measures = _from_pdf(tmp_path, page)
    assert [(m.layout, m.title, m.owner, m.due) for m in measures] == [
        (
            MeasureLayout.NUMBERED,
            "Inrätta ett nytt vattenskyddsområde för grundvattentäkten i Västerby",
            "Miljö- och byggnämnden och Tekniska nämnden",
            "2031-12",
        ),
    ]
    # The description opens a sentence of its own: it does not go on the title.
    assert measures[0].description == "Det gamla skyddsområdet motsvarar inte dagens krav."
    assert [(r.organisation, r.role) for r in measures[0].responsibilities] == [
        ("Miljö- och byggnämnden", "ansvarig"),
        ("Tekniska nämnden", "ansvarig"),
        ("Kultur- och fritidsförvaltningen", "medverkande"),
    ]


def test_word_table_with_a_number_column_merged_group_rows_and_two_owners(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Handlingsplan för trygghet 2031", level=1)
    rows = [
        ("Nr", "Aktivitet", "Ansvarig", "Tidplan"),
        ("Fokusområde 1 – Trygga miljöer",),
        ("1.1", "Inventera belysningen i gångstråk", "Tekniska förvaltningen", "2031-09-30"),
        ("1.2", "Genomför trygghetsvandringar", "Kommunledningskontoret", "Maj 2031"),
        ("Fokusområde 2 – Unga",),
        ("2.1", "Utöka fältassistenternas arbete", "Socialförvaltningen, Kultur- och "
         "fritidsförvaltningen", "2032"),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        if len(values) == 1:
            table.rows[r].cells[0].merge(table.rows[r].cells[3]).text = values[0]
            continue
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    parsed = read_document(path)
    measures = extract_measures(parsed.document, parsed.pages)
    assert [(m.section, m.title, m.owner, m.due) for m in measures] == [
        ("Fokusområde 1 – Trygga miljöer", "Inventera belysningen i gångstråk",
         "Tekniska förvaltningen", "2031-09-30"),
        ("Fokusområde 1 – Trygga miljöer", "Genomför trygghetsvandringar",
         "Kommunledningskontoret", "2031-05"),
        ("Fokusområde 2 – Unga", "Utöka fältassistenternas arbete",
         "Socialförvaltningen, Kultur- och fritidsförvaltningen", "2032"),
    ]  # fmt: skip
    # An owner cell that names two organisations gives a responsibility row for each.
    assert [(r.organisation, r.role, r.due) for r in measures[2].responsibilities] == [
        ("Socialförvaltningen", "ansvarig", "2032"),
        ("Kultur- och fritidsförvaltningen", "ansvarig", "2032"),
    ]
    assert measures[0].responsibilities == []

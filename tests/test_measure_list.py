"""ACTION_LIST: measures as paragraphs or bullets under an 'Åtgärder' heading.

Hand-made pages check the rules (headings, goal sections, bullets, owner/due/status
phrases, prose that must give nothing); the real Vansbro plan and the Simrishamn
annual report check them on text the reader actually produces.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from ingest.measures import extract_measures
from ingest.measures.list_fields import (
    find_due_phrase,
    find_owner,
    find_status,
    sentences,
    title_of,
)
from ingest.measures.list_units import UnitKind, page_units
from ingest.readers import read_document
from lagesbild.types import (
    Document,
    DocumentKind,
    Measure,
    MeasureLayout,
    MeasureStatus,
    Page,
    SourceFormat,
)

S = MeasureStatus
VANSBRO = "vansbro_energi_och_klimatplan.pdf"
SIMRISHAMN = "simrishamn_kultur_fritid_bokslut_2025.pdf"


def _document(pages: int) -> Document:
    return Document(
        doc="handlingsplan.pdf",
        path="/tmp/handlingsplan.pdf",
        sha256="a" * 64,
        format=SourceFormat.PDF,
        kind=DocumentKind.ACTION_PLAN,
        pages=pages,
    )


def _extract(*texts: str) -> list[Measure]:
    pages = [Page(number=n, text=text) for n, text in enumerate(texts, start=1)]
    return extract_measures(_document(len(pages)), pages)


PLAN_PAGE_1 = (
    "Handlingsplan för trygghet 2024–2026\n\n"
    "4 Mål och åtgärder\n\n"
    "Mål 1 Fler ska känna sig trygga i centrum.\n\n"
    "Föreslagna åtgärder\n\n"
    "• Förbättra belysningen längs gång- och cykelvägar. Ansvarig: Tekniska förvaltningen. "
    "Klart: mars 2025.\n"
    "• Inrätta ett trygghetsråd med polis och näringsliv (ansvarig kommunstyrelsen, "
    "senast 2024).\n"
    "• Genomföra trygghetsvandringar två gånger per år – pågår\n\n"
    "Mål 2\nMinska skadegörelsen.\n\n"
    "Åtgärder\n\n"
    "Trygghet i skolan\n\n"
    "1. Ta fram en rutin för snabb klottersanering\n"
    "2. Socialförvaltningen ansvarar för att utöka fältgruppen under hösten 2025.\n"
    "3. Utreda kameraövervakning vid resecentrum"
)
PLAN_PAGE_2 = (
    "med stöd av polisen.\nStatus: Klar\n\n"
    "4. Sätta upp en\nMora-\nFilipstad-skylt\n\n"
    "Kommentar:\nSkylten är beställd.\n\n"
    "5 Uppföljning\n\n"
    "Planen följs upp årligen. Åtgärderna redovisas för nämnden.\n\n"
    "Mål 3 Minska nedskräpningen\n\n"
    "Kommunen ska städa oftare i centrum."
)


def test_action_list_rows_sections_and_fields() -> None:
    measures = _extract(PLAN_PAGE_1, PLAN_PAGE_2)
    rows = [(m.section, m.title, m.owner, m.due, m.status) for m in measures]
    goal_1, goal_2 = "Mål 1 Fler ska känna sig trygga i centrum", "Mål 2 Minska skadegörelsen"
    school = f"{goal_2} – Trygghet i skolan"
    assert rows == [
        (
            goal_1,
            "Förbättra belysningen längs gång- och cykelvägar",
            "Tekniska förvaltningen",
            "2025-03",
            S.UNKNOWN,
        ),
        (goal_1, "Inrätta ett trygghetsråd med polis och näringsliv", "kommunstyrelsen", "2024",
         S.UNKNOWN),
        (goal_1, "Genomföra trygghetsvandringar två gånger per år", None, None, S.ONGOING),
        (school, "Ta fram en rutin för snabb klottersanering", None, None, S.UNKNOWN),
        (
            school,
            "Socialförvaltningen ansvarar för att utöka fältgruppen under hösten 2025",
            "Socialförvaltningen",
            "2025-12",
            S.UNKNOWN,
        ),
        (school, "Utreda kameraövervakning vid resecentrum med stöd av polisen", None, None,
         S.DONE),
        (school, "Sätta upp en Mora-Filipstad-skylt", None, None, S.UNKNOWN),
        ("Mål 3 Minska nedskräpningen", "Kommunen ska städa oftare i centrum", None, None,
         S.UNKNOWN),
    ]  # fmt: skip
    assert all(m.layout is MeasureLayout.ACTION_LIST for m in measures)
    assert [m.id for m in measures] == [f"aaaaaaaaaaaa:m{n}" for n in range(1, 9)]
    light, council = measures[0], measures[1]
    assert light.description.startswith("Förbättra belysningen längs gång- och cykelvägar.")
    assert (light.due_raw, light.due_by) == ("mars 2025", date(2025, 3, 31))
    assert council.due_raw == "senast 2024"
    camera, sign = measures[5], measures[6]
    assert (camera.page, camera.pages, camera.status_raw) == (1, [1, 2], "Klar")
    assert (sign.page, sign.comments) == (2, "Skylten är beställd.")
    # 'Mål 3' has no 'Åtgärder' heading, but the plan puts one under its other goals:
    # the 'ska' paragraph right under the goal is its measure (list_openers).


def test_heading_suffix_names_the_goals() -> None:
    text = (
        "Mål 11\nEnergin i lokaler ska minska.\n\nMål 12\nEnergin i bostäder ska minska.\n\n"
        "Mål 13\nElen ska minska.\n\n"
        "Åtgärder, mål 11-12\n\nUtbilda driftpersonal på värmekamera\n\n"
        "Inreglering av värmesystem bör utföras kontinuerligt.\n\n"
        "Åtgärder, mål 13\n\nByt ut kvicksilverlampor i gatubelysningen.\n\n"
        "Övriga åtgärder, ingående i fler mål\n\n"
        "Minst en solcellsanläggning bör installeras på lämplig plats 2015-2020\n\n"
        "9. Uppföljning\n\nPlanen följs upp."
    )
    measures = _extract(text)
    assert [(m.section, m.title, m.due) for m in measures] == [
        (
            "Mål 11 Energin i lokaler ska minska; Mål 12 Energin i bostäder ska minska",
            "Utbilda driftpersonal på värmekamera",
            None,
        ),
        (
            "Mål 11 Energin i lokaler ska minska; Mål 12 Energin i bostäder ska minska",
            "Inreglering av värmesystem bör utföras kontinuerligt",
            None,
        ),
        ("Mål 13 Elen ska minska", "Byt ut kvicksilverlampor i gatubelysningen", None),
        (
            "Övriga åtgärder, ingående i fler mål",
            "Minst en solcellsanläggning bör installeras på lämplig plats 2015-2020",
            "2020",
        ),
    ]


def test_activity_table_with_comments() -> None:
    text = (
        "03 Kultur för alla\n\n"
        "Aktivitet Status Färdiggrad\n\n"
        "Öka läsningen bland unga.\n\n"
        "Läsfrämjande: Bokbussen besöker fritidsgårdarna\n"
        "varje vecka.\n\n"
        "Kommentar:\nGenomfört enligt plan på tre orter.\n\n"
        "Lovaktiviteter för barn i alla byar.\n\n"
        "Kommentar:\nPågår.\n\n"
        "04 Ekonomi\n\n"
        "Utfall 2025 Budget 2025\n\nBokslut\n2025"
    )
    measures = _extract(text)
    assert [(m.section, m.title, m.comments, m.status) for m in measures] == [
        (
            "Öka läsningen bland unga",
            "Läsfrämjande",
            "Genomfört enligt plan på tre orter.",
            S.DONE,
        ),
        ("Öka läsningen bland unga", "Lovaktiviteter för barn i alla byar", "Pågår.", S.ONGOING),
    ]
    # Read from the comments, not from a status field: inferred, with the words.
    assert [(m.status_source.value, m.status_rule) for m in measures] == [
        ("inferred", "Genomfört"),
        ("inferred", "Pågår"),
    ]
    assert measures[0].description == "Läsfrämjande: Bokbussen besöker fritidsgårdarna varje vecka."


def test_prose_with_the_word_åtgärder_gives_nothing() -> None:
    prose = (
        "Kommunen har under året vidtagit flera åtgärder för att minska kostnaderna. "
        "Åtgärderna har gett effekt och fler åtgärder planeras.\n\n"
        "Kommunen har vidtagit flera\nåtgärder.\n\n"
        "Aktiviteter\nunder året var många och välbesökta.\n\n"
        "Åtgärder som genomförts under året har gett effekt. Åtgärd: se bilaga.\n\n"
        "Mål 3 Minska nedskräpningen\n\n"
        "• Städa oftare i centrum\n• Sätta upp fler papperskorgar\n\n"
        # An enumeration that continues the lead-in's sentence, a bulleted list of
        # decisions, and a numbered list under a lead-in that names no measures.
        "Kommunen kan välja mellan följande åtgärder:\n\n"
        "1. utnyttja finansieringsinstrument\n2. köpa in energieffektiv utrustning\n\n"
        "Regionstyrelsen beslutade om följande åtgärder:\n\n"
        "- Antal timmar ska minska.\n- Bemanningen ska ses över.\n\n"
        "Planen bygger på:\n\n1. Kommunens vision.\n2. Den regionala strategin."
    )
    assert _extract(prose) == []


def test_heading_over_prose_recommendations_and_meta_text_gives_nothing() -> None:
    text = (
        "Planerade åtgärder\n\n"
        "Åtgärderna är främst kopplade till klimatplanen och följs upp årligen.\n\n"
        "Nämnden rekommenderas att säkerställa att rutinerna följs.\n\n"
        "Följande ska göras:\n\n"
        "Under 2023 genomfördes en stor omorganisation. Den påverkade alla enheter. "
        "Personalen fick nya chefer. Det tog tid. Sjukfrånvaron ökade. Nu är läget stabilt. "
        "Vi ser fram emot nästa år.\n\n"
        "Ta fram en ny rutin för attest"
    )
    # The recommendation is a measure to answer of its own kind, never an action-list item.
    assert [(m.layout.value, m.owner) for m in _extract(text)] == [("recommendation", "Nämnden")]


def test_page_units_kinds() -> None:
    page = Page(
        number=1,
        text=(
            "12\n\nPolitiska mål\nMål 1\nBanan ska betonas.\nMål 2\nBanan ska förlängas.\n\n"
            "Åtgärder\n\nVansbro kommun ska verka för persontrafik.\n\n"
            "Kommentar:\nInget nytt.\n\n9. Uppföljning\n\nNämndmål Bedömning"
        ),
    )
    kinds = [u.kind for u in page_units(page)]
    K = UnitKind
    assert kinds == [K.GROUP, K.GOAL, K.GOAL, K.ACTION, K.TEXT, K.LABEL, K.SECTION, K.SECTION]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minst 1 Solvärme, alt. Solcellsanläggning bör installeras. Det är bra.", 2),
        ("Synliggör elen på t.ex. skolor, Medborgarhuset etc. med displayer.", 1),
        ("s.k. Nattvandringar bör genomföras. Ansvarig: Driftchef.", 2),
    ],
)
def test_sentences_keep_abbreviations(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Ta fram en resepolicy. Ansvarig: HR-chef, klart 2025.", "HR-chef"),
        ("Ta fram en resepolicy (ansvarig: kommunstyrelsen, senast 2025).", "kommunstyrelsen"),
        ("Kultur- och fritidsnämnden ansvarar för genomförandet.", "Kultur- och fritidsnämnden"),
        ("Ansvarig förvaltning: Samhällsbyggnad", "Samhällsbyggnad"),
        ("Vi ansvarar för att arbetet blir klart.", None),
        ("Respektive fastighetsskötare är dock ansvariga att detta utförs.", None),
        ("Ta fram en resepolicy.", None),
    ],
)
def test_find_owner(text: str, owner: str | None) -> None:
    assert find_owner(text) == owner


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Ta fram en resepolicy. Klart: mars 2025.", "mars 2025"),
        ("Ta fram en resepolicy. Tidplan: Q2 2025", "Q2 2025"),
        ("Resepolicyn ska vara klar senast den 30 juni 2025.", "senast den 30 juni 2025"),
        ("Utbilda all personal under 2024.", "under 2024"),
        ("Solceller bör installeras på lämplig plats 2011-2014", "2011-2014"),
        ("Revidera Energi- och klimatplan 2010-2020", None),
        ("Genomföra Agenda 2030", None),
        ("Nattvandringar när ingen verksamhet pågår under tider utan drift.", None),
        ("Bygga ut fjärrvärmen från 2025.", None),
    ],
)
def test_find_due_phrase(text: str, due: str | None) -> None:
    assert find_due_phrase(text) == due


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ta fram en resepolicy. Status: Pågår", "Pågår"),
        ("Ta fram en resepolicy (klart)", "klart"),
        ("Genomföra trygghetsvandringar – ej påbörjad", "ej påbörjad"),
        ("Ta fram en resepolicy. Klart.", "Klart"),
        ("Nattvandringar för att se vad som är i drift när ingen verksamhet pågår.", None),
        ("Klart definierade mål ska tas fram.", None),
    ],
)
def test_find_status(text: str, status: str | None) -> None:
    assert find_status(text) == status


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Landsbygdsbibblan: Undersöka förutsättningar för projektet.", "Landsbygdsbibblan"),
        (
            "Ta fram en resepolicy (ansvarig HR-chef, senast 2025). Den ska …",
            "Ta fram en resepolicy",
        ),
        ("Kommentar: Inget att rapportera.", "Kommentar: Inget att rapportera"),
    ],
)
def test_title_of(text: str, title: str) -> None:
    assert title_of(text) == title


def test_long_titles_are_cut_at_a_word() -> None:
    text = "Utbilda " + "personal " * 30
    title = title_of(text)
    assert len(title) <= 140 and title.endswith("personal…")
    assert text.startswith(title.rstrip("…"))


# --------------------------------------------------------------------------- real documents


@cache
def _real(path: Path) -> list[Measure]:
    parsed = read_document(path)
    return extract_measures(parsed.document, parsed.pages)


def _one(measures: list[Measure], start: str) -> Measure:
    hits = [m for m in measures if m.title.startswith(start)]
    assert len(hits) == 1, [m.title for m in hits]
    return hits[0]


def test_vansbro_action_lists(real_corpus: Path) -> None:
    measures = _real(real_corpus / VANSBRO)
    assert 50 <= len(measures) <= 56
    assert {m.layout for m in measures} == {MeasureLayout.ACTION_LIST}
    assert {m.page for m in measures} == {11, 12, 13, 14, 15, 16}
    fleet = _one(measures, "Varje nytt fordon som leasas")
    assert fleet.section == "7. Strategi - Transporter"
    heating = _one(measures, "Fjärr- och Närvärme (biobränsleldad)")
    assert heating.section.startswith("Mål 5 Kommunerna ska verka för att fjärrvärme")
    advice = _one(measures, "Energi- och klimatrådgivaren ska stödja skolornas")
    assert advice.section.startswith("Mål 10 ")
    rail = _one(measures, "Vansbro kommun ska verka för att persontrafiken")
    assert rail.section.startswith("Mål 1 Västerdalsbanans betydelse")
    assert "; Mål 2 Kommunerna ska verka för en förlängning" in rail.section
    biogas = _one(measures, "Kommunerna ska verka för ett större utbud av förnybara drivmedel")
    assert (
        biogas.section == "Mål 3 Kommunerna ska verka för ett större utbud av förnybara drivmedel"
    )
    assert "laddningsbara" not in biogas.description
    camera = _one(measures, "Utbilda driftpersonal på värmekamera")
    assert camera.section.startswith("Mål 11 Tillförd normalårskorrigerad energi")
    assert "; Mål 12 " in camera.section
    visits = _one(measures, "Studiebesök, seminarier och mässor")
    assert (visits.page, visits.section) == (15, camera.section)
    lamps = _one(measures, "Byt successivt ut kvicksilverlampor")
    assert lamps.section.startswith("Mål 13 Den totala elförbrukningen")
    solar = _one(measures, "Minst 1 Solvärme, alt. Solcellsanläggning")
    assert (solar.due_raw, solar.due, solar.section[:6]) == ("2011-2014", "2014", "Mål 16")
    pool = _one(measures, "En bilpool med miljöbilar")
    assert pool.section == "Övriga åtgärder, ingående i fler mål"
    assert _one(measures, "Vansbro kommun ska även verka för att inlandsbanan").title.endswith(
        "mellan Mora-Filipstad kan öppnas för trafik igen"
    )
    # The same paragraph printed twice in a list is one measure.
    assert len([m for m in measures if m.title.startswith("Byggnader som inrymmer VA")]) == 1
    # Key ratios under the goals (p. 9), the EU guidelines to choose from (p. 7) and the
    # introduction under '8. Åtgärder' are no measures.
    assert not [m for m in measures if m.page in (7, 9) or "Nyckeltal" in m.title]
    assert not [m for m in measures if "Tidpunkterna" in m.title]
    assert all(m.status is S.UNKNOWN and m.owner is None for m in measures)


def test_simrishamn_activity_tables(real_corpus: Path) -> None:
    measures = _real(real_corpus / SIMRISHAMN)
    assert 20 <= len(measures) <= 24
    assert {m.layout for m in measures} == {MeasureLayout.ACTION_LIST}
    assert all(26 <= m.page <= 32 for m in measures)
    bibblan = _one(measures, "Landsbygdsbibblan")
    assert bibblan.section == "Arbeta för en livskraftig landsbygd"
    assert bibblan.description.startswith("Landsbygdsbibblan: Undersöka förutsättningar")
    assert bibblan.comments is not None and bibblan.comments.startswith("Biblioteket har undersökt")
    festival = _one(measures, "Lokal litteraturfestival")
    assert festival.section.startswith("Bevara och utveckla Simrishamns och Österlens")
    digital = _one(measures, "Tillgängliggöra Österlens materiella")
    assert (digital.page, digital.section) == (28, festival.section)
    # The status column holds icons only: a status comes from the comments' words or not at
    # all, and says so.
    assert all(m.status_raw is None for m in measures)
    assert {m.status_source.value for m in measures} <= {"inferred", "unknown"}
    assert all((m.status is S.UNKNOWN) == (m.status_source.value == "unknown") for m in measures)
    assert all(m.comments for m in measures)
    # Goal assessments ('Verksamhetsmål Bedömning' + 'Kommentar:') are not measures.
    assert not [m for m in measures if m.title.startswith("Kommunen ska skapa förutsättningar")]

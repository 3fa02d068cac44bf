"""The measure register from the sample corpus: one test group per layout.

The sample files are parsed by the real reader (``ingest.readers.read_document``), so
these tests check the layout parsers on the text the pipeline actually produces.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sample_measures import SAMPLE, load, measures_of

from ingest.measures import extract_measures
from lagesbild.types import (
    Measure,
    MeasureLayout,
    MeasureStatus,
)

S = MeasureStatus
REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "corpus" / "real"
PLAN = "regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf"
MONTHLY_PDF = "manadsrapport-fm-uppdrag-2025.pdf"
MONTHLY_PPTX = "manadsrapport-fm-uppdrag-2025.pptx"
STATUS_TABLE = "omstallningsplanen-2021-2022.pdf"
STATUS_LIST = "vagen-fram-ledning-och-styrning.pdf"
PROSE_DECK = "regionplanen-2023-utmaningar-uppdrag.pdf"


# --------------------------------------------------------------------------- whole documents


@pytest.mark.parametrize(
    ("name", "layout", "low", "high"),
    [
        (MONTHLY_PDF, MeasureLayout.MONTHLY_STATUS, 8, 8),
        (MONTHLY_PPTX, MeasureLayout.MONTHLY_STATUS, 8, 8),
        (STATUS_TABLE, MeasureLayout.STATUS_TABLE, 6, 6),
        (STATUS_LIST, MeasureLayout.STATUS_LIST, 4, 4),
    ],
)
def test_counts_and_layout_per_document(
    name: str, layout: MeasureLayout, low: int, high: int
) -> None:
    measures = measures_of(name)
    assert low <= len(measures) <= high
    assert {m.layout for m in measures} == {layout}


def test_the_plan_document_holds_the_action_plan_and_the_lup_table() -> None:
    """66 rows in the action plan, 'Försöka få fler av sjukhusets ST-läkare …' (no owner,
    tidpunkt or status, right before a group heading) included; and the 15 numbered
    packages of the LUP table on page 22 ('Nr Strukturpaket …', no columns in the text)."""
    measures = measures_of(PLAN)
    plan = [m for m in measures if m.layout is MeasureLayout.ACTION_PLAN]
    table = [m for m in measures if m.layout is MeasureLayout.TABLE]
    assert len(plan) == 66 and len(table) == 15 and len(measures) == 81
    assert {m.page for m in table} == {22}
    assert table[0].title == "Akut omhändertagande (PCI)"
    assert not any(m.title.startswith("Summa") for m in table)


@pytest.mark.parametrize("name", [MONTHLY_PDF, STATUS_TABLE, STATUS_LIST, PLAN])
def test_ids_are_numbered_in_document_order(name: str) -> None:
    document, _ = load(SAMPLE / name)
    measures = measures_of(name)
    doc_id = document.sha256[:12]
    assert [m.id for m in measures] == [f"{doc_id}:m{n}" for n in range(1, len(measures) + 1)]
    assert [m.page for m in measures] == sorted(m.page for m in measures)
    assert all(m.doc == name and m.page in m.pages for m in measures)
    assert all(not m.amounts and not m.also_in for m in measures)


# --------------------------------------------------------------------------- STATUS_TABLE


def test_status_table_rows_pair_titles_statuses_and_forecasts() -> None:
    rows = [(m.title, m.status, m.status_raw, m.forecast) for m in measures_of(STATUS_TABLE)]
    assert rows == [
        (
            "Sänkta utgifter kopplat till inköp,fastighetsmedia,sjukresor och fastighetsunderhåll",
            S.ON_TRACK,
            "Enligt plan",
            "Hög",
        ),
        (
            "Digitala initiativ",
            S.ON_TRACK,
            "Enligt plan",
            "Låg, svårt att få ut effekten i praktiken",
        ),
        (
            "Samordna admin RUF-RS",
            S.PARTLY_ON_TRACK,
            "Delvis enligt plan",
            "Medel, restpunkt på 1.1 Mkr som bygger på att vi justerar den politiska beredningen",
        ),
        (
            "Effektivisering –samordning HSV",
            S.PARTLY_ON_TRACK,
            "Delvis enligt plan",
            "Låg, pandemin och dess effekter påverkar arbetet",
        ),
        # 'Enligt plan Hög' is one text line: status and forecast of the same row.
        ("Central budgetreducering HSV", S.ON_TRACK, "Enligt plan", "Hög"),
        (
            "Anpassning bemanningsmål HSV",
            S.OFF_TRACK,
            "Ej Enligt plan",
            "Medel, svårt att få ut effekten i praktiken",
        ),
    ]


def test_status_table_keeps_slide_heading_and_trailing_comment() -> None:
    measures = measures_of(STATUS_TABLE)
    assert {m.section for m in measures} == {"Omställningsplanen innehåll och status"}
    assert {m.page for m in measures} == {3}
    assert measures[-1].comments == "Aktuellt acc utfall 2021 är 78% mot plan/krav."


# --------------------------------------------------------------------------- MONTHLY_STATUS


def _fields(measure: Measure) -> tuple[object, ...]:
    return (
        measure.page,
        measure.title,
        measure.section,
        measure.owner,
        measure.status,
        measure.status_raw,
        measure.next_steps,
        measure.last_month,
        measure.comments,
        measure.risks,
        measure.support_need,
    )


def test_monthly_pdf_and_pptx_give_the_same_measures() -> None:
    pdf, pptx = measures_of(MONTHLY_PDF), measures_of(MONTHLY_PPTX)
    assert [_fields(m) for m in pdf] == [_fields(m) for m in pptx]


def test_monthly_titles_and_fallback() -> None:
    measures = measures_of(MONTHLY_PDF)
    assert measures[0].title == "Uppdrag utan rubrik (bild 1)"
    assert measures[0].section == ""
    assert measures[1].title == "FM Uppdrag, Minska personalkostnaden RUN"
    assert measures[3].title == (
        "FM Uppdrag, Minska hyrberoendet med till 3,7% av egna personalkostnaden"
    )
    assert measures[7].title.endswith(
        "delaktiviteter 2025 – leds av Olov Norberg, Utvecklingsstödet."
    )
    assert measures[7].owner == "Olov Norberg, Utvecklingsstödet"
    assert {m.section for m in measures[1:]} == {"FM Uppdrag"}
    # No slide states a status: each is inferred from its text or set by the CLG colour rule.
    assert all(m.status_raw is None for m in measures)
    assert {m.status_source.value for m in measures} <= {"inferred", "rule"}
    assert all(m.status is not S.UNKNOWN and m.status_rule for m in measures)


def test_monthly_fields_are_mapped_from_their_headings() -> None:
    measures = measures_of(MONTHLY_PDF)
    first = measures[0]
    assert first.next_steps is not None and first.next_steps.startswith("Efter beslut i HSN")
    assert first.last_month is not None and "minst 213 MSEK" in first.last_month
    assert first.comments is not None and first.comments.startswith("Processen och åtgärdsförslag")
    assert first.risks is not None and first.risks.startswith("Omfattningen av besparingskravet")
    rs = measures[2]
    assert rs.risks == "Risk för viss förskjutning i de aktiviteter som kräver åtgärder."
    assert rs.support_need == "Inget behov av stöd"
    assert rs.title not in (rs.risks or "")
    hyr = measures[3]
    assert hyr.risks is not None and hyr.risks.count("\n- ") == 1
    last = measures[7]
    assert last.next_steps is not None and last.next_steps.startswith("juni\n•")
    assert last.last_month is not None and last.last_month.startswith("maj\n•")


def test_monthly_template_instructions_are_dropped() -> None:
    measures = measures_of(MONTHLY_PPTX)
    texts = [t for m in measures for t in (m.next_steps, m.last_month, m.comments, m.risks) if t]
    assert not [t for t in texts if "Sammanfatta kort" in t or "Eventuella kommentarer här" in t]
    assert measures[5].next_steps is None  # only the instruction and a stray 's'
    assert measures[5].risks == "Nej"
    assert measures[4].next_steps is not None
    assert measures[4].next_steps.startswith("varje områdesledningsgrupp")


# --------------------------------------------------------------------------- STATUS_LIST


def test_status_list_items() -> None:
    rows = [(m.title, m.status_raw, m.status) for m in measures_of(STATUS_LIST)]
    assert rows == [
        ("Planeringsprocessen", "klar", S.DONE),
        ("Styrmodell", "pågår", S.ONGOING),
        ("Central ledninig/tjänstepersonsnivå", "startad", S.ONGOING),
        ("Metoder,struktur för flödeseffektivitet", "startad", S.ONGOING),
    ]
    assert {m.section for m in measures_of(STATUS_LIST)} == {
        "Vägen fram för förbättrad ledning och styrning"
    }


# --------------------------------------------------------------------------- no false positives


def test_prose_pages_of_the_samples_give_no_measures() -> None:
    assert measures_of(PROSE_DECK) == []
    document, pages = load(SAMPLE / PLAN)
    prose = [p for p in pages if p.number < 42]
    assert len(prose) == 41
    # Only the numbered LUP table on page 22 is read; the running text around it is not.
    assert {m.page for m in extract_measures(document, prose)} == {22}
    assert extract_measures(document, [p for p in prose if p.number != 22]) == []
    document, pages = load(SAMPLE / STATUS_TABLE)
    assert extract_measures(document, [p for p in pages if p.number != 3]) == []


# Real documents whose plans are written as lists under an action heading, and the
# pages those lists stand on; the auditors' reports hold recommendations on these pages,
# the budget instructions a 'Datum | Aktivitet' timetable (see
# evals/data/gold-measures-real.json); every other real document has no measures.
REAL_LISTS = {
    "vansbro_energi_och_klimatplan.pdf": range(11, 17),
    "simrishamn_kultur_fritid_bokslut_2025.pdf": range(26, 33),
}
REAL_TABLES = {"simrishamn_tidplan_budgetanvisningar_2027-2031.pdf": range(1, 4)}
REAL_RECOMMENDATIONS = {
    "gbg_granskning_finansiering_likviditet.pdf": {1, 5},
    "gbg_granskning_introduktion_nyanlanda.pdf": {1, 3},
    "gbg_rapportsammandrag_skyfallshantering.pdf": {1},
    "gbg_revisionsberattelse_2024.pdf": {11, 12, 17, 30, 31, 32, 33, 35, 36, 37},
}


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real saknas")
@pytest.mark.parametrize(
    "path", sorted(REAL.glob("*")) if REAL.is_dir() else [], ids=lambda p: Path(p).name
)
def test_real_documents_give_no_false_positives(path: Path) -> None:
    document, pages = load(path)
    measures = extract_measures(document, pages)
    pages_with_lists = REAL_LISTS.get(path.name, range(0))
    recommendation_pages = REAL_RECOMMENDATIONS.get(path.name, set())
    lists = [m for m in measures if m.layout is MeasureLayout.ACTION_LIST]
    recommendations = [m for m in measures if m.layout is MeasureLayout.RECOMMENDATION]
    tables = [m for m in measures if m.layout is MeasureLayout.TABLE]
    pages_with_tables = REAL_TABLES.get(path.name, range(0))
    assert len(lists) + len(recommendations) + len(tables) == len(measures)
    assert all(p in pages_with_tables for m in tables for p in m.pages)
    assert bool(tables) == bool(pages_with_tables)
    assert all(p in pages_with_lists for m in lists for p in m.pages)
    assert all(p in recommendation_pages for m in recommendations for p in m.pages)
    assert bool(lists) == bool(pages_with_lists)
    assert bool(recommendations) == bool(recommendation_pages)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real saknas")
@pytest.mark.parametrize(
    "path", sorted(REAL.glob("*")) if REAL.is_dir() else [], ids=lambda p: Path(p).name
)
def test_real_pages_one_at_a_time_give_no_false_positives(path: Path) -> None:
    """Without the pages around it, no page may give a measure its document does not
    (a repeated recommendation starts on a later page when read alone: titles compared)."""
    document, pages = load(path)
    allowed = {_said(m.title) for m in extract_measures(document, pages)}
    for page in pages:
        alone = {_said(m.title) for m in extract_measures(document, [page])}
        assert alone <= allowed, page.number


def _said(title: str) -> str:
    """What a title says, without the addressee and notes a repeat words differently."""
    said = re.split(r"\brekommender(?:as|ar)\b", title)[-1]
    return " ".join(re.sub(r"\([^)]*\)", "", said).split()).rstrip(". ")


def test_sample_pages_one_at_a_time_give_no_action_lists() -> None:
    for path in sorted(SAMPLE.iterdir()):
        document, pages = load(path)
        for page in pages:
            found = extract_measures(document, [page])
            assert not [m for m in found if m.layout is MeasureLayout.ACTION_LIST], path.name

"""Revisor draft: a table of measures under a plan heading is a plan; names and a bare
compound head do not name a plan; a measure near every point answers none by meaning; an
answer cut in two by the chunker goes on in the next passage of its page and section."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_drafts_plans import ANSWER, REPORT

from assistant.drafts import draft_revisor
from assistant.drafts.matching import Stems
from assistant.drafts.meaning import MeaningMatch
from assistant.drafts.plans import find_plans, plan_links, subject
from assistant.drafts.revisor import answer_passages, following_passages, hubs
from lagesbild.types import Chunk, DocumentKind, Measure, MeasureLayout
from vectorstore.library import Library

SECTION = "Långsiktig plan för god ekonomisk hushållning"


def measure(n: int, section: str = SECTION, layout: MeasureLayout = MeasureLayout.TABLE) -> Measure:
    return Measure(
        id=f"d:m{n}", doc="svar.pdf", page=12, layout=layout, section=section, title=f"Paket {n}"
    )


def chunk(n: int, text: str, page: int = 3, section: str = "Balanskrav") -> Chunk:
    return Chunk(
        id=f"d:c{n}",
        doc="svar.pdf",
        doc_kind=DocumentKind.AUDIT_RESPONSE,
        page=page,
        section=section,
        text=text,
    )


def test_a_table_under_a_plan_heading_is_a_plan() -> None:
    (plan,) = find_plans([measure(1), measure(2), measure(3)], [])
    assert plan.heading == SECTION and [m.id for m in plan.measures] == ["d:m1", "d:m2", "d:m3"]


def test_a_table_under_another_heading_or_too_small_is_no_plan() -> None:
    assert find_plans([measure(n, "Uppföljning av kostnader") for n in (1, 2, 3)], []) == []
    assert find_plans([measure(1), measure(2)], []) == []


def test_the_passage_must_name_the_plan_not_its_region_or_a_compound_head() -> None:
    stems = Stems(["text"] * 20)
    plans = find_plans([measure(1), measure(2), measure(3)], [])
    named = chunk(
        1, "Om åtgärderna i den långsiktiga planen för god ekonomisk hushållning genomförs"
    )
    assert len(plan_links(plans, named, stems)) == 3
    head = chunk(2, "Utvecklingen av ekonomin ska följas upp noga.")
    heading = "Utvecklingsplan för ekonomi"
    table = [measure(n, heading) for n in (1, 2, 3)]
    assert plan_links(find_plans(table, []), head, stems) == []
    assert subject("Åtgärdsplan för oberoende för Region Jämtland Härjedalen") == (
        "Åtgärdsplan för oberoende för"
    )


def test_a_measure_near_every_point_is_a_hub() -> None:
    def found(*indexes: int) -> list[MeaningMatch]:
        return [MeaningMatch(i, 0.9, 2.0, ["ord", "fler"], True) for i in indexes]

    assert hubs([found(1, 2), found(1, 3), found(1, 4)]) == {1}
    assert hubs([found(1, 2), found(1, 3)]) == set()  # two points say too little
    assert hubs([found(1), found(2), found(1)]) == set()


def test_the_next_passage_of_the_same_page_and_section_follows() -> None:
    chunks = [
        chunk(7, "Svar: underskottet ska återställas."),
        chunk(8, "Ett långsiktigt arbete pågår."),
        chunk(9, "Eget kapital", section="Resultat och balans"),
    ]
    following = following_passages(chunks)
    assert following["d:c7"].id == "d:c8" and following["d:c8"].id == "d:c9"
    assert "d:c9" not in following
    assert [c.id for c in answer_passages(chunks[0], following)] == ["d:c7", "d:c8"]
    assert [c.id for c in answer_passages(chunks[1], following)] == ["d:c8"]


def test_a_plans_measures_stand_in_document_order() -> None:
    table = [measure(n) for n in (10, 2, 1)]
    (plan,) = find_plans(table, [])
    assert [m.id for m in plan.measures] == ["d:m1", "d:m2", "d:m10"]


@pytest.mark.parametrize(("year", "linked"), [(2024, True), (2016, False)])
def test_a_plan_years_before_the_criticism_answers_nothing(
    tmp_path: Path, fake_embeddings: object, year: int, linked: bool
) -> None:
    """The same answer and plan link to the 2024 point when they are of 2024, and not when
    they are of 2016 (another document, years before the criticism)."""
    folder = tmp_path / "korpus"
    folder.mkdir()
    (folder / "revisionsrapport-2024.txt").write_text(REPORT, encoding="utf-8")
    answer = ANSWER.replace("2024", str(year)).replace("2025", str(year + 1))
    (folder / f"svar-{year}.txt").write_text(answer, encoding="utf-8")
    library = Library()
    try:
        assert not library.ingest([folder]).failed
        economy, _ = draft_revisor(library, "revisionsrapport").criticisms
    finally:
        library.close()
    assert bool(economy.measures) is linked

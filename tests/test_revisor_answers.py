"""Which passages answer a point of criticism, and how the revisor eval scores a draft."""

from __future__ import annotations

from assistant.drafts.answers import AnswerFinder, shared_by_most
from assistant.drafts.criticism import Point
from assistant.drafts.matching import Stems
from assistant.drafts.models import Criticism, EvidenceItem, MeasureItem, RevisorDraft
from evals.drafts import GoldAnswer, GoldPoint, GoldReport, score_draft, summarise
from lagesbild.types import Chunk, Document, DocumentKind, MeasureStatus, SourceFormat

POINT = Point(
    "Nämnden rekommenderas att säkerställa ett systematiskt brandskyddsarbete på skolorna.",
    2,
    "Följande rekommendationer lämnas:",
)
FILLER = [
    "Skolornas lokaler hyrs av lokalförvaltningen.",
    "Eleverna äter lunch i matsalen varje dag.",
    "Budgeten för läromedel ligger fast.",
    "Rektorn leder arbetet på varje skola.",
    "Läsåret har två terminer.",
    "Skolskjuts ordnas för elever på landsbygden.",
]


def _doc(name: str, kind: DocumentKind, year: int | None = 2024) -> Document:
    return Document(
        doc=name,
        path=f"/tmp/{name}",
        sha256="0" * 64,
        format=SourceFormat.TXT,
        kind=kind,
        pages=9,
        year=year,
    )


def _chunk(doc: Document, n: int, page: int, text: str) -> Chunk:
    return Chunk(
        id=f"{doc.doc}:c{n}", doc=doc.doc, doc_kind=doc.kind, page=page, text=text, year=doc.year
    )


REPORT = _doc("granskning.txt", DocumentKind.AUDIT_REPORT)
LATER = _doc("plan-2030.txt", DocumentKind.ACTION_PLAN, 2030)
OTHER = _doc("annan-kommun.txt", DocumentKind.OTHER)


def _finder(extra: list[Chunk]) -> AnswerFinder:
    chunks = [_chunk(OTHER, 100 + i, 1, text) for i, text in enumerate(FILLER)] + extra
    stems = Stems(c.text for c in chunks)
    return AnswerFinder(chunks, [REPORT, LATER, OTHER], stems)


def test_the_answer_under_a_quote_of_the_point_is_found_with_its_reason() -> None:
    quote = _chunk(REPORT, 1, 7, "Uppföljning av brandskydd. " + POINT.text)
    answer = _chunk(
        REPORT,
        2,
        7,
        "Vi har i år följt upp rekommendationen. Förvaltningen har infört en rutin för "
        "brandskyddsarbetet och utsett ansvariga på varje skola.",
    )
    found = _finder([quote, answer]).find(POINT, REPORT, [])
    assert [(a.chunk.page, a.quoted_on) for a in found] == [(7, 7)]
    assert "infört en rutin" in found[0].text
    assert found[0].reason.startswith("Står efter punkten, citerad på s. 7")
    assert "brandskyddsarbet" in found[0].reason


def test_criticism_findings_and_later_plans_are_not_answers() -> None:
    findings = _chunk(
        REPORT,
        3,
        5,
        "Granskningen visar att det systematiska brandskyddsarbetet brister på skolorna.",
    )
    restated = _chunk(
        REPORT, 4, 6, "Nämnden bör säkerställa ett systematiskt brandskyddsarbete på skolorna."
    )
    later = _chunk(
        LATER, 1, 1, "Ett systematiskt brandskyddsarbete har införts på samtliga skolor."
    )
    hits = [findings, restated, later]
    assert _finder(hits).find(POINT, REPORT, hits) == []


def test_another_organisation_needs_more_words_in_common() -> None:
    two = _chunk(OTHER, 1, 2, "Kommunen har infört systematiskt brandskyddsarbete i hallen.")
    finder = _finder([two])
    assert finder.find(POINT, REPORT, [two]) == []
    answer = _doc("svar.txt", DocumentKind.AUDIT_RESPONSE)
    reply = _chunk(answer, 1, 1, "Nämnden har infört systematiskt brandskyddsarbete i hallen.")
    stems = Stems(c.text for c in [*finder.by_doc[OTHER.doc], reply])
    found = AnswerFinder([reply], [REPORT, answer], stems).find(POINT, REPORT, [reply])
    assert [a.chunk.doc for a in found] == ["svar.txt"]


def test_words_most_points_share_say_whom_they_address() -> None:
    stems = Stems(FILLER)
    points = [
        Point("Kommunstyrelsen rekommenderas att stärka styrningen av skuldsättningen.", 1, ""),
        Point(
            "Kommunstyrelsen rekommenderas att se över riktlinjerna för finansverksamheten.", 1, ""
        ),
        Point("Lånetaket bör prövas inför budgetbeslut.", 1, ""),
    ]
    common = shared_by_most(points, stems)
    assert "kommunstyr" in {c[:10] for c in common}
    assert not any(c.startswith("skuld") or c.startswith("lånetak") for c in common)
    assert shared_by_most(points[:1], stems) == set()


# --------------------------------------------------------------------------- the eval


def _criticism(n: int, text: str, evidence: list[tuple[str, int]]) -> Criticism:
    return Criticism(
        n=n,
        text=text,
        doc="rapport.pdf",
        page=1,
        lead_in="",
        evidence=[
            EvidenceItem(doc=d, page=p, quote="Nämnden har beslutat.", score=1, chunk_id="c")
            for d, p in evidence
        ],
    )


def test_eval_scores_points_links_and_wrong_answers() -> None:
    gold = GoldReport(
        report="rapport.pdf",
        points=[
            GoldPoint(
                id="a",
                text="Budgetens beredning har varit otillräcklig",
                page=1,
                answers=[GoldAnswer(doc="svar.pdf", page=8, evidence="budgetprocessen")],
            ),
            GoldPoint(id="b", text="Tillgänglighetsmålen har inte nåtts", page=1),
            GoldPoint(id="c", text="Lånetaket prövas inte inför budgetbeslut", page=1),
        ],
    )
    measure = MeasureItem(
        measure_id="m", title="Ny budgetprocess", status=MeasureStatus.DONE, doc="svar.pdf", page=3
    )
    first = _criticism(1, "Budgetens beredning har varit otillräcklig.", [("svar.pdf", 8)])
    first.measures = [measure]
    draft = RevisorDraft(
        title="t",
        doc="rapport.pdf",
        criticisms=[first, _criticism(2, "Tillgänglighetsmålen har inte nåtts", [("x.pdf", 2)])],
    )
    score = score_draft(gold, draft)
    assert [(p.id, p.found, p.links, p.right) for p in score.points] == [
        ("a", True, 2, 1),
        ("b", True, 1, 0),
        ("c", False, 0, 0),
    ]
    total = summarise("gold", [score])
    assert (total.found, total.gold_points) == (2, 3)
    assert (total.right, total.links, total.gold_hit, total.gold_answers) == (1, 3, 1, 1)
    assert (total.answered, total.answered_right, total.answered_wrongly) == (2, 1, 1)

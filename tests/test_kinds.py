"""Document-kind detection: sample corpus, real documents and synthetic edge cases."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ingest.kinds import detect_kind
from ingest.readers import read_document
from lagesbild.types import DocumentKind, Page, ParsedDocument, SourceFormat

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "examples" / "corpus"
DATA = HERE / "data"

SAMPLE_KINDS = {
    "omstallningsplanen-2021-2022.pdf": DocumentKind.SLIDE_DECK,
    "manadsrapport-fm-uppdrag-2025.pdf": DocumentKind.STATUS_REPORT,
    "manadsrapport-fm-uppdrag-2025.pptx": DocumentKind.STATUS_REPORT,
    "regionplanen-2023-utmaningar-uppdrag.pdf": DocumentKind.SLIDE_DECK,
    "vagen-fram-ledning-och-styrning.pdf": DocumentKind.SLIDE_DECK,
    "regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf": DocumentKind.AUDIT_RESPONSE,
}
REAL_KINDS = {
    "gbg_granskning_finansiering_likviditet.pdf": DocumentKind.AUDIT_REPORT,
    "gbg_granskning_introduktion_nyanlanda.pdf": DocumentKind.AUDIT_REPORT,
    "gbg_rapportsammandrag_skyfallshantering.pdf": DocumentKind.AUDIT_REPORT,
    "gbg_revisionsberattelse_2023.pdf": DocumentKind.AUDIT_REPORT,
    "gbg_revisionsberattelse_2024.pdf": DocumentKind.AUDIT_REPORT,
    "region_uppsala_presentation_template.pptx": DocumentKind.SLIDE_DECK,
    "simrishamn_kultur_fritid_bokslut_2025.pdf": DocumentKind.OTHER,
    "simrishamn_tidplan_budgetanvisningar_2027-2031.pdf": DocumentKind.OTHER,
    "vansbro_energi_och_klimatplan.pdf": DocumentKind.ACTION_PLAN,
}


@cache
def parsed(path: Path) -> ParsedDocument:
    """Parse each file once per test session."""
    return read_document(path)


@pytest.mark.parametrize(("name", "kind"), SAMPLE_KINDS.items())
def test_sample_kinds(name: str, kind: DocumentKind) -> None:
    """Every sample document gets its expected kind and a Swedish reason."""
    document = parsed(SAMPLE / name).document
    assert document.kind == kind, document.kind_reason
    assert document.kind_reason


def test_real_kinds(real_corpus: Path) -> None:
    """Real municipal documents get the kinds that fit them."""
    found = {name: parsed(real_corpus / name).document.kind for name in REAL_KINDS}
    assert found == REAL_KINDS


def test_fixture_kinds() -> None:
    """The action-plan fixtures are action plans in every format; the slide PDF a deck."""
    for name in ("plan.pdf", "plan.docx"):
        assert parsed(DATA / name).document.kind == DocumentKind.ACTION_PLAN, name
    assert parsed(DATA / "slides.pdf").document.kind == DocumentKind.SLIDE_DECK


def _pages(texts: list[str], slides: bool = False) -> list[Page]:
    return [Page(number=i, text=t, is_slide=slides) for i, t in enumerate(texts, start=1)]


def test_answer_with_embedded_action_plan_is_audit_response() -> None:
    """A document that answers the auditors stays an answer despite a long action plan."""
    plan = "Aktivitet Beskrivning Ansvarig Tidpunkt Status\nÖversyn HR Jan 2017 Pågår"
    pages = _pages(
        [
            "Regionstyrelsens förklaring till revisorernas kritik\n\nRegionstyrelsen lämnar "
            "följande svar på revisorernas granskning."
        ]
        + [f"Åtgärdsplan\n\n{plan}"] * 8
    )
    kind, reason = detect_kind(pages, SourceFormat.PDF, "dokument.pdf")
    assert kind == DocumentKind.AUDIT_RESPONSE
    assert "svar till revisorerna" in reason


def test_audit_report_from_content() -> None:
    """An auditors' report is recognised from its wording."""
    pages = _pages(
        [
            "Revisionsrapport\n\nRevisorerna har granskat nämndens styrning. Vi bedömer att "
            "styrningen inte är tillräcklig.\n\nRekommendationer\n\nNämnden rekommenderas att …"
        ]
    )
    assert detect_kind(pages, SourceFormat.PDF, "x.pdf")[0] == DocumentKind.AUDIT_REPORT


def test_slides_without_dominant_content_are_a_deck() -> None:
    """Mostly slides and only weak cues: a slide deck, with the reason in Swedish."""
    pages = _pages(["Vägvalen\n\nAlternativ A", "Status\n\nEn handlingsplan tas fram"], True)
    kind, reason = detect_kind(pages, SourceFormat.PPTX, "x.pptx")
    assert kind == DocumentKind.SLIDE_DECK
    assert "2 av 2 bilder" in reason


def test_status_report_slides() -> None:
    """Slides with repeated 'Senaste månaden'/'Kommande månad' blocks are a status report."""
    body = "Kommande månad\nMöte i styrgruppen.\n\nSenaste månaden\nBeslut fattat."
    pages = _pages([body] * 6, slides=True)
    assert detect_kind(pages, SourceFormat.PPTX, "x.pptx")[0] == DocumentKind.STATUS_REPORT


def test_file_name_is_only_a_weak_hint() -> None:
    """A file name alone does not make a kind."""
    pages = _pages(["Protokoll från mötet.\n\nInga beslut fattades."])
    kind, _ = detect_kind(pages, SourceFormat.TXT, "revisionsrapport-2017.txt")
    assert kind == DocumentKind.OTHER


def test_empty_document_is_other() -> None:
    """No pages, no cues: other."""
    assert detect_kind([], SourceFormat.TXT, "x.txt")[0] == DocumentKind.OTHER

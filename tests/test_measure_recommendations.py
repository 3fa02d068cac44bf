"""Auditors' recommendations become RECOMMENDATION measures, whatever the layout around them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from data.make_fixtures import pdf_bytes

from ingest.measures import extract_measures
from ingest.readers import read_document
from lagesbild.types import (
    Document,
    DocumentKind,
    MeasureLayout,
    MeasureStatus,
    Page,
    SourceFormat,
    StatusSource,
)


def _document(pages: int) -> Document:
    return Document(
        doc="granskning.pdf",
        path="/tmp/granskning.pdf",
        sha256="a" * 64,
        format=SourceFormat.PDF,
        kind=DocumentKind.AUDIT_REPORT,
        pages=pages,
    )


def _extract(*texts: str):  # type: ignore[no-untyped-def]
    pages = [Page(number=n, text=t) for n, t in enumerate(texts, start=1)]
    return extract_measures(_document(len(pages)), pages)


MISSIVE = (
    "Missiv till socialnämnden\n\n"
    "Revisorerna har granskat socialnämndens arbete med hemtjänst.\n"
    "Följande rekommendationer lämnas:\n"
    "Socialnämnden rekommenderas att ta fram en plan för kompetens-\n"
    "försörjningen inom hemtjänsten.\n"
    "Socialnämnden rekommenderas att följa upp biståndsbesluten.\n\n"
    "Yttrandet ska skickas till revision@kommun.se senast den 30 september 2025."
)
SECTION = (
    "3 Bedömning\n\n"
    "Socialnämnden rekommenderas att följa upp biståndsbesluten.\n\n"
    "Vi rekommenderar att socialnämnden inför en rutin för avvikelser.\n\n"
    "Revisorerna rekommenderar kommunstyrelsen att se över delegationsordningen."
)


def test_recommendations_with_owner_answer_by_date_and_repeats_merged() -> None:
    measures = _extract(MISSIVE, "Bakgrund\n\nHemtjänsten växer.", SECTION)
    rows = [(m.layout, m.owner, m.due, m.pages) for m in measures]
    assert rows == [
        (MeasureLayout.RECOMMENDATION, "Socialnämnden", "2025-09-30", [1]),
        (MeasureLayout.RECOMMENDATION, "Socialnämnden", "2025-09-30", [1, 3]),
        (MeasureLayout.RECOMMENDATION, "Socialnämnden", None, [3]),
        (MeasureLayout.RECOMMENDATION, "Kommunstyrelsen", None, [3]),
    ]
    first = measures[0]
    assert first.title.endswith("kompetensförsörjningen inom hemtjänsten.")
    assert first.responsibilities[0].organisation == "Socialnämnden"
    assert first.responsibilities[0].role == "rekommenderas"
    assert first.due_earliest == first.due_latest == date(2025, 9, 30)


def test_a_generic_nämnden_is_named_by_the_body_the_report_is_about() -> None:
    text = (
        "Granskning av kulturnämnden\n\n"
        "Kulturnämnden har ansvar för biblioteken. Kulturnämnden har inte följt upp målen.\n\n"
        "• Nämnden rekommenderas att följa upp målen för biblioteken."
    )
    [measure] = _extract(text)
    assert measure.owner == "Kulturnämnden"


def test_a_followed_up_recommendation_judged_handled_is_done_as_stated() -> None:
    text = (
        "6.1 Uppföljning av tidigare granskning\n\n"
        "Nämnden rekommenderas att upprätta rutiner för avvikelser.\n\n"
        "Vi har i år följt upp rekommendationen.\n\n"
        "Revisionskontoret bedömer att nämnden har omhändertagit rekommendationen.\n\n"
        "6.2 Uppföljning av brandskydd\n\n"
        "Nämnden rekommenderas att bedriva ett systematiskt brandskyddsarbete.\n\n"
        "Revisionskontoret bedömer att nämnden inte i alla delar har omhändertagit "
        "rekommendationen."
    )
    done, open_ = _extract(text)
    assert (done.status, done.status_source) == (MeasureStatus.DONE, StatusSource.STATED)
    assert done.status_raw and "omhändertagit" in done.status_raw
    assert (open_.status, open_.status_source) == (MeasureStatus.UNKNOWN, StatusSource.UNKNOWN)


def test_recommendations_read_from_a_pdf_with_wrapped_lines(tmp_path: Path) -> None:
    lines = [
        (56, 790, 14, "Rapportsammandrag"),
        (56, 760, 11, "Vi lämnar följande rekommendationer utifrån granskningen:"),
        (56, 746, 11, "Stadsrevisionen rekommenderar trafiknämnden att vidareutveckla styr-"),
        (56, 732, 11, "ningen av arbetet med trafiksäkerhet."),
        (56, 718, 11, "Stadsrevisionen rekommenderar kommunstyrelsen att fastställa en plan."),
    ]
    path = tmp_path / "sammandrag.pdf"
    path.write_bytes(pdf_bytes([lines]))
    parsed = read_document(path)
    measures = extract_measures(parsed.document, parsed.pages)
    assert [(m.owner, m.title) for m in measures] == [
        (
            "Trafiknämnden",
            "Stadsrevisionen rekommenderar trafiknämnden att vidareutveckla styrningen av "
            "arbetet med trafiksäkerhet.",
        ),
        (
            "Kommunstyrelsen",
            "Stadsrevisionen rekommenderar kommunstyrelsen att fastställa en plan.",
        ),
    ]


def test_prose_about_recommendations_is_no_recommendation() -> None:
    text = (
        "Revisionskontoret har följt upp de rekommendationer som lämnades 2022.\n\n"
        "SKR:s rekommendation avseende internräntan följs."
    )
    assert _extract(text) == []

"""The month a monthly report covers, from its text, file name or title."""

from __future__ import annotations

import pytest

from ingest.period import report_period
from lagesbild.types import Document, DocumentKind, Page, SourceFormat


def document(name: str, title: str = "") -> Document:
    return Document(
        doc=name,
        path=f"/tmp/{name}",
        sha256="0" * 64,
        format=SourceFormat.PDF,
        kind=DocumentKind.STATUS_REPORT,
        title=title,
        pages=1,
    )


@pytest.mark.parametrize(
    ("name", "title", "text", "period"),
    [
        ("rapport.pdf", "Månadsrapport maj 2025", "", "2025-05"),
        ("rapport.pdf", "", "Lägesrapport, april 2025\n\nUppdrag 1", "2025-04"),
        ("rapport.pdf", "", "Uppföljning per 2025-03-31\n\nText", "2025-03"),
        ("rapport.pdf", "", "Rapportperiod: 2024-11\n\nText", "2024-11"),
        ("rapport.pdf", "FM-uppdrag", "Oktober 2025\n\nKommande månad", "2025-10"),
        ("manadsrapport-2025-06.pptx", "", "Kommande månad", "2025-06"),
        ("rapport_maj_2025.pdf", "", "", "2025-05"),
        ("status-202509.pdf", "", "", "2025-09"),
        # a date in running text, or the coming month, is not the report's month
        ("rapport.pdf", "", "Beslutet togs den 3 maj 2025 i nämnden.", None),
        ("rapport.pdf", "", "Kommande månad juni 2025: rekrytering.", None),
        ("manadsrapport-fm-uppdrag-2025.pdf", "Månadsrapport FM-uppdrag 2025", "", None),
    ],
)
def test_report_period(name: str, title: str, text: str, period: str | None) -> None:
    assert report_period(document(name, title), [Page(number=1, text=text)]) == period


def test_the_lead_wins_over_the_file_name_and_later_pages() -> None:
    pages = [
        Page(number=1, text="Månadsrapport mars 2025"),
        Page(number=2, text="Rapport maj 2025"),
    ]
    assert report_period(document("rapport-2025-01.pdf"), pages) == "2025-03"
    pages = [Page(number=1, text="Uppdrag"), Page(number=2, text="Statusrapport maj 2025")]
    assert report_period(document("rapport-2025-01.pdf"), pages) == "2025-01"
    assert report_period(document("rapport.pdf"), pages) == "2025-05"

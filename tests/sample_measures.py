"""The sample measures as the real reader parses them, shared by the measure tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ingest.measures import extract_measures
from ingest.readers import read_document
from lagesbild.types import Document, Measure, Page

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "corpus"


@cache
def load(path: Path) -> tuple[Document, list[Page]]:
    """Document and pages of a file, through the real reader (parsed once per run)."""
    parsed = read_document(path)
    return parsed.document, parsed.pages


def measures_of(name: str) -> list[Measure]:
    """Measures of a sample file, parsed by the real reader."""
    document, pages = load(SAMPLE / name)
    return extract_measures(document, pages)


def by_title(measures: list[Measure], start: str) -> Measure:
    """The one measure whose title starts with ``start``."""
    hits = [m for m in measures if m.title.startswith(start)]
    assert len(hits) == 1, [m.title for m in hits]
    return hits[0]

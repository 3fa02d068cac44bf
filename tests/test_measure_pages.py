"""Shared loading for the measure tests: sample files parsed by the real reader."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ingest.readers import read_document
from lagesbild.types import Document, Page

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "corpus"
REAL = REPO.parent / "shared" / "corpus" / "real"


@cache
def load(path: Path) -> tuple[Document, list[Page]]:
    """Document and pages of a file, through ``ingest.readers.read_document``."""
    parsed = read_document(path)
    return parsed.document, parsed.pages

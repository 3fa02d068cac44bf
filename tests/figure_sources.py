"""Figures of made-up pages, read as ingest reads them, for the number-check tests."""

from __future__ import annotations

from collections.abc import Mapping

from ingest.figures import extract_figures
from lagesbild.types import Figure, Page


def figures_from(sources: Mapping[str, Mapping[int, str]]) -> list[Figure]:
    """The figures of each document's pages (file name → page number → text); the
    document id is the file name without its suffix."""
    figures: list[Figure] = []
    for doc, pages in sources.items():
        parsed = [Page(number=n, text=text) for n, text in pages.items()]
        figures += extract_figures(doc, doc.split(".")[0], parsed)
    return figures


def background(words: str) -> dict[int, str]:
    """Pages of other statements, one per word ('Lokaler omfattade 101 tkr under året.'),
    so that a word of a test's own sentences is about as rare as in a real register."""
    return {
        n: f"{word.capitalize()} omfattade {n + 100} tkr under året."
        for n, word in enumerate(words.split(), start=1)
    }

"""Revisor answers by meaning: measures compared with a point by the embedder, cached."""

from __future__ import annotations

import math
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.drafts.matching import Stems
from assistant.drafts.meaning import MeaningMatcher, VectorCache, reason
from assistant.drafts.models import MeasureItem
from assistant.drafts.revisor import missing
from lagesbild.types import MeasureStatus

POINT = "Beroendet av inhyrd personal är för stort"


def at(similarity: float) -> list[float]:
    """A unit vector whose cosine with the point's vector (1, 0) is ``similarity``."""
    return [similarity, math.sqrt(1 - similarity**2)]


class TableEmbeddings(Embeddings):
    """Vectors from a table; records what was embedded."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self.table[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]


TEXTS = {
    "Handlingsplan mot beroendet av bemanningsföretag": at(0.90),
    "Rekrytera sjuksköterskor till akuten": at(0.85),  # near, no word in common
    "Inhyrd personal följs upp varje månad": at(0.85),  # near, shares 'inhyrd'
    "Nytt ekonomisystem": at(0.83),
    "Parkeringsavgifter": at(0.70),
}


def test_answers_possible_and_unrelated(tmp_path: Path) -> None:
    stems = Stems([*TEXTS, POINT])
    embeddings = TableEmbeddings(TEXTS)
    cache = VectorCache(tmp_path / "v.sqlite3", "tabell")
    matcher = MeaningMatcher(list(TEXTS), embeddings, cache, stems)
    answers, possible = matcher.match(POINT)
    names = list(TEXTS)
    assert [names[a.index] for a in answers] == [names[0], names[2]]
    assert [names[p.index] for p in possible] == [names[1], names[3]]
    assert reason(answers[0]).startswith("Handlar om samma sak (likhet 0,90)")
    assert "gemensamma ord: inhyrd" in reason(answers[1])
    assert reason(possible[0]).endswith("men inga gemensamma nyckelord")
    assert reason(possible[1]).startswith("Svag likhet i innebörd (0,83)")
    cache.close()


def test_vectors_are_cached_per_embedder(tmp_path: Path) -> None:
    stems = Stems(TEXTS)
    first = TableEmbeddings(TEXTS)
    cache = VectorCache(tmp_path / "v.sqlite3", "tabell")
    MeaningMatcher(list(TEXTS), first, cache, stems)
    again = TableEmbeddings(TEXTS)
    MeaningMatcher(list(TEXTS), again, cache, stems)
    assert len(first.embedded) == len(TEXTS) and again.embedded == []
    other = TableEmbeddings(TEXTS)
    MeaningMatcher(list(TEXTS), other, VectorCache(tmp_path / "v.sqlite3", "annan"), stems)
    assert len(other.embedded) == len(TEXTS)  # another embedder never reuses the vectors
    cache.close()


def test_what_is_missing_is_concrete() -> None:
    item = MeasureItem(
        measure_id="d:m1", title="Handlingsplan", status=MeasureStatus.UNKNOWN, doc="a.pdf",
        page=1, gaps=["ingen status eller uppföljning redovisad", "tidpunkt saknas"],
    )  # fmt: skip
    assert missing([item]) == [
        "Handlingsplan: ingen status eller uppföljning redovisad, tidpunkt saknas"
    ]
    (only_possible,) = missing([], [item])
    assert "1 möjligen relevanta åtgärder behöver prövas" in only_possible

"""Revisor answers by meaning: measures compared with a point by the embedder, cached."""

from __future__ import annotations

import math
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.drafts.matching import Stems
from assistant.drafts.meaning import MeaningMatch, MeaningMatcher, VectorCache, reason
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


FILLER = {f"Åtgärd om lokaler nummer {n}": at(0.78 + n / 200) for n in range(8)}
TEXTS = {
    "Handlingsplan mot inhyrd personal": at(0.88),  # stands out, two words in common
    "Avveckla inhyrda konsulter": at(0.88),  # stands out, one word in common
    "Rekrytera sjuksköterskor till akuten": at(0.88),  # stands out, no word in common
    "Inhyrd personal och parkering": at(0.79),  # two words, but no closer than the rest
    **FILLER,
}


def test_answers_possible_and_unrelated(tmp_path: Path) -> None:
    stems = Stems([*TEXTS, POINT])
    cache = VectorCache(tmp_path / "v.sqlite3", "tabell")
    matcher = MeaningMatcher(list(TEXTS), TableEmbeddings(TEXTS), cache, stems)
    answers, possible = matcher.match(POINT)
    names = list(TEXTS)
    assert [names[a.index] for a in answers] == ["Handlingsplan mot inhyrd personal"]
    assert [names[p.index] for p in possible] == ["Avveckla inhyrda konsulter"]
    assert reason(answers[0]).startswith("Gemensamma ord: inhyrd, personal (likhet i innebörd 0,88")
    assert reason(possible[0]).startswith("Gemensamma ord: inhyrd (")
    cache.close()


def test_reason_without_words() -> None:
    match = MeaningMatch(index=0, similarity=0.9, z=3.2, shared=[], answers=False)
    assert reason(match) == (
        "Bara närhet i innebörd (likhet i innebörd 0,90, 3,2 standardavvikelser över "
        "mittvärdet); inga gemensamma nyckelord"
    )


def test_in_a_small_register_shared_words_decide(tmp_path: Path) -> None:
    few = dict(list(TEXTS.items())[:4])
    cache = VectorCache(tmp_path / "v.sqlite3", "tabell")
    matcher = MeaningMatcher(list(few), TableEmbeddings(few), cache, Stems([*few, POINT]))
    answers, possible = matcher.match(POINT)
    assert sorted(list(few)[a.index] for a in answers) == [
        "Handlingsplan mot inhyrd personal",
        "Inhyrd personal och parkering",
    ]
    assert [list(few)[p.index] for p in possible] == ["Avveckla inhyrda konsulter"]
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

"""Revisor answers by meaning from stored vectors: passages that stand out, measures embedded
only when no passage vector is stored, compounds sharing their head."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.drafts.answers import AnswerFinder
from assistant.drafts.criticism import Point
from assistant.drafts.matching import Stems
from assistant.drafts.meaning import MeaningMatcher, PassageMeaning, QueryVectors, VectorCache
from lagesbild.types import Chunk, Document, DocumentKind, SourceFormat

POINT = Point("Regionstyrelsens beredning av budget har varit otillräcklig", 1, "bedömningen att")
FILLER = [
    "Lokalerna hyrs av fastighetsenheten.",
    "Patienterna får kallelse per brev.",
    "Personalen arbetar i tre skift.",
    "Sjukhuset har två akutmottagningar.",
    "Vårdcentralerna har öppet på lördagar.",
    "Ambulanserna utgår från fyra stationer.",
    "Tandvården har egna kliniker.",
    "Kosten lagas i ett centralkök.",
    "Tvätten sköts av en entreprenör.",
    "Parkeringen är avgiftsbelagd.",
    "Besökstiderna är fria.",
]


class FixedQuery(Embeddings):
    """Every query is (1, 0); passages are never embedded unless listed in ``table``."""

    def __init__(self, table: dict[str, list[float]] | None = None) -> None:
        self.table = table or {}
        self.embedded: list[str] = []
        self.queries = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self.table[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return [1.0, 0.0]


def at(similarity: float) -> np.ndarray:
    return np.asarray([similarity, math.sqrt(1 - similarity**2)], dtype=np.float32)


def _doc(name: str, kind: DocumentKind) -> Document:
    return Document(
        doc=name, path=f"/tmp/{name}", sha256="0" * 64, format=SourceFormat.TXT, kind=kind, pages=9
    )


def _chunks(doc: Document, answer: str) -> list[Chunk]:
    texts = [*FILLER, answer]
    return [
        Chunk(id=f"{doc.doc}:c{n}", doc=doc.doc, doc_kind=doc.kind, page=n + 2, text=t)
        for n, t in enumerate(texts)
    ]


ANSWER = "Den budgetprocess som numera tillämpas innebär att fullmäktige fastställer planen i juni."


def _closeness(chunks: list[Chunk], embeddings: FixedQuery) -> dict[str, float]:
    vectors = {
        c.id: at(0.95 if "budget" in c.text else 0.80 + i / 100) for i, c in enumerate(chunks)
    }
    return PassageMeaning(vectors, QueryVectors(embeddings)).closeness(POINT.text)


def test_in_an_answer_one_word_in_a_passage_close_in_meaning_answers() -> None:
    report = _doc("forklaring.pdf", DocumentKind.AUDIT_RESPONSE)
    chunks = _chunks(report, ANSWER)
    finder = AnswerFinder(chunks, [report], Stems(c.text for c in chunks))
    embeddings = FixedQuery()
    closeness = _closeness(chunks, embeddings)
    found = finder.find(POINT, report, [], closeness=closeness)
    assert [a.text for a in found] == [ANSWER]
    assert found[0].shared == ["budget"]  # 'budgetprocess' shares its head
    assert "nära punkten i innebörd" in found[0].reason
    assert finder.find(POINT, report, chunks) == []  # words alone: one is too few
    assert embeddings.embedded == []  # the passages' vectors were at hand


def test_in_an_auditors_report_meaning_does_not_lower_the_words_needed() -> None:
    report = _doc("granskning.pdf", DocumentKind.AUDIT_REPORT)
    chunks = _chunks(report, "Yttrande: " + ANSWER)
    finder = AnswerFinder(chunks, [report], Stems(c.text for c in chunks))
    assert finder.find(POINT, report, [], closeness=_closeness(chunks, FixedQuery())) == []


def test_short_stems_are_no_compound_heads() -> None:
    stems = Stems(["budgetprocessen elevhälsan"])
    assert stems.shared({"budget", "elev"}, "budgetprocessen och elevhälsan") == ["budget"]


def test_measures_use_stored_vectors_and_embed_only_the_rest(tmp_path: Path) -> None:
    texts = [f"Åtgärd nummer {n} om lokaler" for n in range(12)]
    embeddings = FixedQuery({texts[-1]: at(0.9).tolist()})
    stored: list[np.ndarray | None] = [at(0.8 + n / 100) for n in range(11)] + [None]
    cache = VectorCache(tmp_path / "v.sqlite3", "tabell")
    queries = QueryVectors(embeddings)
    matcher = MeaningMatcher(texts, embeddings, cache, Stems(texts), stored, queries)
    cache.close()
    assert embeddings.embedded == [texts[-1]]
    assert matcher.similarity("punkt")[-1] == np.float32(0.9).item() or math.isclose(
        matcher.similarity("punkt")[-1], 0.9, rel_tol=1e-5
    )
    queries.vector("punkt")
    assert embeddings.queries == 1  # one query vector per point, shared

"""Hybrid search: dense (e5 in Chroma) and keyword (BM25) candidates, fused into one ranking.

Both sides retrieve ``CANDIDATES`` chunks under the same metadata filters. The union is scored
on both sides (a chunk only one side found gets its exact score from the other: its stored
vector's cosine, its BM25 score), each side is min-max scaled over the union, and the final
score is ``DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * keyword``. Dense similarity carries
paraphrases; BM25 carries exact names, acronyms and numbers ('RUN', '9/4', '320 000').
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from langchain_core.embeddings import Embeddings

from lagesbild.errors import ConfigError
from lagesbild.ids import CHUNK, record_id
from lagesbild.settings import Settings
from lagesbild.types import DOCUMENT_KIND_LABELS, Chunk, DocumentKind, SearchHit
from vectorstore.chroma import ChunkStore, Where, make_client, where_clause
from vectorstore.embeddings import embedder_id, make_embeddings
from vectorstore.fusion import (
    FEATURES,
    FusionModel,
    PassageTokens,
    QueryTerms,
    candidate_features,
    default_model,
)
from vectorstore.keyword import PARTS_WEIGHT, KeywordIndex

# Candidates taken from each side before fusion (the union is usually 50-70 chunks).
CANDIDATES = 40
# Weight of the dense score in the mix. On dev-qa every weight from 0.3 to 0.8 scores 1.0; on
# SweQUAD-MC dev 0.4-0.6 are within one question of each other, RRF was 2-4 questions worse
# at rank 1. An even mix keeps both strengths (paraphrase vs exact names and numbers).
DENSE_WEIGHT = 0.5
# A filter leaving at most this many chunks is scored exactly from the stored vectors; Chroma's
# filtered ANN query costs ~90 ms at 100k chunks, fetching a few hundred vectors a few ms.
EXACT_LIMIT = 2000
# Larger filtered sets: ask the ANN index for OVERSAMPLE times the expected number of
# candidates (at most MAX_OVERSAMPLED, ~8 ms at 100k) and filter them ourselves.
OVERSAMPLE = 1.5
MAX_OVERSAMPLED = 1000
# Pseudo-relevance feedback: the mean vector of the first pass's (the linear mix's) FEEDBACK
# best candidates; each candidate's cosine to it is the fusion's 'prf_dense'. On the dev sets
# 3, 5 and 8 were within a question of each other, 5 the best on own-qa.
FEEDBACK = 5


@dataclass
class Candidates:
    """One question's candidate chunks with their feature rows and fused scores."""

    ids: list[str]
    features: np.ndarray
    scores: np.ndarray


class HybridSearcher:
    """Search chunks by meaning and by words; filter by document, kind and year."""

    def __init__(
        self,
        store: ChunkStore,
        keyword: KeywordIndex,
        chunks: dict[str, Chunk],
        embeddings: Embeddings,
        dense_weight: float | None = None,
        candidates: int = CANDIDATES,
        fusion: FusionModel | Literal["linear"] | None = None,
    ) -> None:
        self.store = store
        self.keyword = keyword
        self.chunks = chunks
        self.embeddings = embeddings
        self.dense_weight = DENSE_WEIGHT if dense_weight is None else dense_weight
        self.candidates = candidates
        # A model given is used; 'linear' (or a dense weight given) mixes the two scaled scores.
        linear = fusion == "linear" or (fusion is None and dense_weight is not None)
        self.fusion = (
            None if linear else (fusion if isinstance(fusion, FusionModel) else default_model())
        )
        self._passages: dict[str, PassageTokens] = {}
        self._by_doc: dict[str, set[str]] = {}
        self._by_kind: dict[str, set[str]] = {}
        self._by_year: dict[int, set[str]] = {}
        for chunk in chunks.values():
            self._by_doc.setdefault(chunk.doc, set()).add(chunk.id)
            self._by_kind.setdefault(chunk.doc_kind.value, set()).add(chunk.id)
            if chunk.year is not None:
                self._by_year.setdefault(chunk.year, set()).add(chunk.id)

    def search(
        self,
        query: str,
        k: int = 6,
        doc: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> list[SearchHit]:
        """The ``k`` best passages for ``query``; ``doc`` is a file name or a unique part of it."""
        if not query.strip() or k <= 0:
            return []
        doc_name = self.resolve_doc(doc) if doc else None
        kind_value = resolve_kind(kind) if kind else None
        allowed = self._allowed(doc_name, kind_value, year)
        if allowed is not None and not allowed:
            return []
        where = where_clause({"doc": doc_name, "kind": kind_value, "year": year})
        found = self.rank_candidates(query, max(k, self.candidates), allowed, where)
        scores = dict(zip(found.ids, found.scores.tolist(), strict=True))
        best = sorted(scores, key=lambda cid: (-scores[cid], cid))[:k]
        return [_hit(self.chunks[cid], scores[cid]) for cid in best]

    def rank_candidates(
        self,
        query: str,
        n: int,
        allowed: set[str] | None = None,
        where: Where | None = None,
        query_vector: list[float] | None = None,
    ) -> Candidates:
        """The union of both sides' top ``n`` allowed chunks, each with features and score."""
        if query_vector is None:
            query_vector = self.embeddings.embed_query(query)
        dense = self._dense(query_vector, n, allowed, where)
        words, parts = self.keyword.field_scores(query)
        keyword_scores = words + PARTS_WEIGHT * parts
        sparse = dict(self.keyword.top(keyword_scores, n, allowed))
        union = [cid for cid in {**dense, **sparse} if cid in self.chunks]
        if not union:
            return Candidates([], np.zeros((0, len(FEATURES)), np.float32), np.zeros(0))
        vectors = self._union_vectors(query_vector, dense, union)
        dense_arr = np.asarray([dense[cid] for cid in union], dtype=np.float32)
        word_arr = np.asarray(list(self.keyword.score_of(words, union).values()), np.float32)
        part_arr = np.asarray(list(self.keyword.score_of(parts, union).values()), np.float32)
        terms = self.keyword.query_terms(query)
        passages = [self._passage(cid) for cid in union]
        around = self._neighbour_coverage(terms, union)
        mixed = self.dense_weight * _minmax(dense_arr) + (1 - self.dense_weight) * _minmax(
            word_arr + PARTS_WEIGHT * part_arr
        )
        feedback = _feedback(vectors, mixed)
        matrix = candidate_features(
            terms, dense_arr, word_arr, part_arr, passages, around, feedback
        )
        if self.fusion is None:
            return Candidates(union, matrix, mixed)
        return Candidates(union, matrix, self.fusion.score(matrix))

    def _union_vectors(
        self, query_vector: list[float], dense: dict[str, float], union: list[str]
    ) -> np.ndarray:
        """The stored vectors of the union (rows in its order); the cosine of members the
        dense side did not return is added to ``dense``."""
        found = self.store.vectors(union)
        dim = len(query_vector)
        vectors = np.asarray(
            [found.get(cid, [0.0] * dim) for cid in union], dtype=np.float32
        ).reshape(len(union), dim)
        q = np.asarray(query_vector, dtype=np.float32)
        for row, cid in enumerate(union):
            if cid not in dense:
                dense[cid] = float(np.dot(q, vectors[row]))
        return vectors

    def _passage(self, chunk_id: str) -> PassageTokens:
        """The chunk's tokens for the coverage features (computed once per chunk)."""
        found = self._passages.get(chunk_id)
        if found is None:
            chunk = self.chunks[chunk_id]
            found = self._passages[chunk_id] = self.keyword.passage_tokens(
                chunk.text, chunk.section
            )
        return found

    def _neighbour_coverage(self, terms: QueryTerms, union: list[str]) -> np.ndarray:
        """Each candidate's better coverage by the chunk before or after it (from the index)."""
        rows = np.full((len(union), 2), -1, dtype=np.int64)
        for at, cid in enumerate(union):
            for side, near in enumerate(self._neighbours(cid)):
                rows[at, side] = self.keyword.row_of(near)
        covered = self.keyword.row_coverage(terms, rows.ravel()).reshape(rows.shape)
        return np.where(rows >= 0, covered, 0.0).max(axis=1).astype(np.float32)  # type: ignore[no-any-return]

    def _neighbours(self, chunk_id: str) -> list[str]:
        """The chunks just before and after this one in its document (those that exist)."""
        doc, _, number = chunk_id.rpartition(":c")
        if not number.isdigit():
            return []
        n = int(number)
        near = (record_id(doc, CHUNK, n - 1), record_id(doc, CHUNK, n + 1))
        return [cid for cid in near if cid in self.chunks]

    def resolve_doc(self, name: str) -> str:
        """The one stored file name equal to ``name``, or else containing it (case-insensitive)."""
        wanted = name.casefold().strip()
        names = sorted(self._by_doc)
        exact = [n for n in names if n.casefold() == wanted]
        matches = exact or [n for n in names if wanted in n.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ConfigError(
                f"Inget inläst dokument heter eller innehåller '{name}'. "
                "`lagesbild docs` listar dokumenten."
            )
        raise ConfigError(
            f"'{name}' matchar {len(matches)} dokument ({', '.join(matches)}). "
            "Ange ett entydigt filnamn."
        )

    def _dense(
        self, query_vector: list[float], n: int, allowed: set[str] | None, where: Where | None
    ) -> dict[str, float]:
        """The ``n`` nearest allowed chunks, by the cheapest route for the filter's size.

        No filter: one ANN query. A small allowed set: exact cosine over its stored vectors.
        A large one: an unfiltered ANN query oversampled by the inverse of the allowed share,
        then filtered; Chroma's own filtered query (slow on big collections) only if that
        left too few.
        """
        if allowed is None:
            return dict(self.store.query(query_vector, n))
        if len(allowed) <= EXACT_LIMIT:
            return self._exact_dense(query_vector, allowed, n)
        wanted = math.ceil(n * len(self.chunks) / len(allowed) * OVERSAMPLE)
        if wanted <= MAX_OVERSAMPLED:
            hits = self.store.query(query_vector, wanted)
            found = [(cid, score) for cid, score in hits if cid in allowed]
            if len(found) >= min(n, len(allowed)):
                return dict(found[:n])
        return dict(self.store.query(query_vector, n, where))

    def _exact_dense(
        self, query_vector: list[float], allowed: set[str], n: int
    ) -> dict[str, float]:
        """Cosine of every allowed chunk (a small filtered set: faster than a filtered ANN)."""
        vectors = self.store.vectors(sorted(allowed))
        if not vectors:
            return {}
        ids = list(vectors)
        sims = np.asarray(list(vectors.values()), dtype=np.float32) @ np.asarray(
            query_vector, dtype=np.float32
        )
        best = np.argsort(-sims, kind="stable")[:n]
        return {ids[i]: float(sims[i]) for i in best}

    def _allowed(self, doc: str | None, kind: str | None, year: int | None) -> set[str] | None:
        """Chunk ids passing the filters, or None when there are no filters."""
        sets = []
        if doc is not None:
            sets.append(self._by_doc.get(doc, set()))
        if kind is not None:
            sets.append(self._by_kind.get(kind, set()))
        if year is not None:
            sets.append(self._by_year.get(year, set()))
        if not sets:
            return None
        return set.intersection(*sets)


def open_searcher(
    settings: Settings,
    chunks: list[Chunk],
    embeddings: Embeddings | None = None,
    fusion: FusionModel | Literal["linear"] | None = None,
) -> HybridSearcher:
    """A searcher over the stored vectors of ``settings`` and these chunks.

    The keyword index lives in ``<data dir>/keyword`` and is rebuilt only when the chunks
    changed. Adding and deleting vectors is the caller's business (``ChunkStore``).
    """
    model = embeddings or make_embeddings(settings.retrieval)
    store = ChunkStore(make_client(settings), model, embedder_id(settings.retrieval))
    keyword = KeywordIndex.load_or_build(settings.data_dir / "keyword", chunks)
    return HybridSearcher(store, keyword, {c.id: c for c in chunks}, model, fusion=fusion)


def _feedback(vectors: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Cosine of each candidate's vector to the mean vector of the ``FEEDBACK`` candidates
    that ``first`` (the first-pass score) ranks best."""
    top = np.argsort(-first, kind="stable")[:FEEDBACK]
    centroid = vectors[top].mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm <= 0:
        return np.zeros(len(vectors), dtype=np.float32)
    return (vectors @ (centroid / norm)).astype(np.float32)  # type: ignore[no-any-return]


def _minmax(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high - low <= 0:
        return (values > 0).astype(np.float32)
    return (values - low) / (high - low)


def _scaled(scores: dict[str, float], ids: Iterable[str]) -> dict[str, float]:
    """Min-max scale scores over ``ids`` to 0..1 (a missing score counts as the minimum)."""
    ids = list(ids)
    present = [scores[cid] for cid in ids if cid in scores]
    if not present:
        return dict.fromkeys(ids, 0.0)
    low, high = min(present), max(present)
    span = high - low
    if span <= 0:
        return {cid: 1.0 if cid in scores else 0.0 for cid in ids}
    return {cid: (scores[cid] - low) / span if cid in scores else 0.0 for cid in ids}


def resolve_kind(kind: str) -> str:
    """A document kind given as its value ('action_plan') or Swedish label ('åtgärdsplan')."""
    wanted = kind.casefold().strip()
    for member in DocumentKind:
        if wanted in (member.value, DOCUMENT_KIND_LABELS[member]):
            return member.value
    valid = ", ".join(f"'{m.value}'" for m in DocumentKind)
    raise ConfigError(f"Okänd dokumenttyp '{kind}'. Giltiga typer: {valid}.")


def _hit(chunk: Chunk, score: float) -> SearchHit:
    return SearchHit(
        chunk_id=chunk.id,
        doc=chunk.doc,
        page=chunk.page,
        kind=chunk.doc_kind,
        section=chunk.section,
        text=chunk.text,
        score=round(score, 6),
        measure_ids=list(chunk.measure_ids),
        quarantined=chunk.quarantined,
        ocr=chunk.ocr,
    )

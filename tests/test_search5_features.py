"""The fusion's word-form and neighbour features: fuzzy coverage, the neighbours' coverage."""

from __future__ import annotations

import numpy as np
import pytest
from fakes import HashEmbeddings

from lagesbild.types import Chunk, DocumentKind
from vectorstore.fusion import (
    FEATURES,
    QueryTerms,
    candidate_features,
    coverage,
    fuzzy_coverage,
)
from vectorstore.hybrid import HybridSearcher
from vectorstore.keyword import KeywordIndex


def _chunk(doc: str, n: int, text: str) -> Chunk:
    return Chunk(
        id=f"{doc[:12]:x<12}:c{n}", doc=doc, doc_kind=DocumentKind.OTHER, page=n, text=text
    )


def _index(chunks: list[Chunk]) -> KeywordIndex:
    index = KeywordIndex()
    index.build(chunks)
    return index


def test_fuzzy_coverage_counts_a_word_sharing_its_first_or_last_letters() -> None:
    index = _index([_chunk("a.pdf", 1, "Investeringsbudgeten för skolor höjs.")])
    passage = index.passage_tokens("Investeringsbudgeten för skolor höjs.", "")
    query = QueryTerms(("investering", "kultur"), ((), ()), (1.0, 1.0))
    # Exact coverage misses 'investering' (the passage has only the longer compound) …
    assert coverage(query, passage.tokens) == 0.0
    # … the fuzzy one finds it by its first five letters; 'kultur' stays missing.
    assert fuzzy_coverage(query, passage) == 0.5


def test_fuzzy_coverage_matches_the_head_of_a_compound_by_its_last_letters() -> None:
    index = _index([_chunk("a.pdf", 1, "Personalkostnaden ökade kraftigt.")])
    passage = index.passage_tokens("Personalkostnaden ökade kraftigt.", "")
    query = QueryTerms(("driftkostnad",), ((),), (2.0,))
    assert fuzzy_coverage(query, passage) == 1.0


def test_fuzzy_coverage_leaves_numbers_and_short_words_exact() -> None:
    index = _index([_chunk("a.pdf", 1, "Utfallet 2023 var 12345 kr i RUN.")])
    passage = index.passage_tokens("Utfallet 2023 var 12345 kr i RUN.", "")
    query = QueryTerms(("2024", "12346", "rs"), ((), (), ()), (1.0, 1.0, 1.0))
    assert fuzzy_coverage(query, passage) == 0.0


def test_the_features_are_in_the_fitted_model() -> None:
    assert "fuzzy_cover" in FEATURES
    assert "next_cover" in FEATURES


def test_next_cover_is_the_better_coverage_of_the_chunks_before_and_after() -> None:
    chunks = [
        _chunk("a.pdf", 1, "Något annat helt"),
        _chunk("a.pdf", 2, "Skyfallshantering i Göteborg"),
        _chunk("a.pdf", 3, "Svaret står här"),
        _chunk("a.pdf", 4, "Ännu en text"),
        _chunk("b.pdf", 5, "Göteborg"),
    ]
    searcher = HybridSearcher(
        store=None,  # type: ignore[arg-type]
        keyword=_index(chunks),
        chunks={c.id: c for c in chunks},
        embeddings=HashEmbeddings(),
    )
    query = searcher.keyword.query_terms("skyfallshantering i Göteborg")
    around = searcher._neighbour_coverage(query, [c.id for c in chunks])
    # c1 and c3 sit beside the chunk that asks the question; b.pdf's chunk has no neighbours.
    assert around.tolist() == [1.0, 0.0, 1.0, 0.0, 0.0]
    # Each row's coverage read from the index is the coverage of its tokens.
    rows = np.arange(len(chunks))
    direct = [coverage(query, searcher._passage(c.id).tokens) for c in chunks]
    assert searcher.keyword.row_coverage(query, rows).tolist() == pytest.approx(direct)
    column = FEATURES.index("next_cover")
    passages = [searcher._passage(c.id) for c in chunks]
    zeros = np.zeros(len(chunks), dtype=np.float32)
    matrix = candidate_features(query, zeros + 0.8, zeros, zeros, passages, around)
    assert matrix[:, column].tolist() == around.tolist()


def test_the_searcher_finds_a_chunks_neighbours_in_its_document() -> None:
    chunks = [_chunk("a.pdf", n, f"Text {n}") for n in (1, 2, 3)] + [_chunk("b.pdf", 4, "B")]
    searcher = HybridSearcher(
        store=None,  # type: ignore[arg-type]
        keyword=_index(chunks),
        chunks={c.id: c for c in chunks},
        embeddings=HashEmbeddings(),
    )
    first, middle, last = (c.id for c in chunks[:3])
    assert searcher._neighbours(middle) == [first, last]
    assert searcher._neighbours(first) == [middle]
    assert searcher._neighbours(chunks[3].id) == []

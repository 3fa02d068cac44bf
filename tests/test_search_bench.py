"""The realistic search-bench collection: grown from real chunks, vectors near their source."""

from __future__ import annotations

import random
import re

import numpy as np

from evals.search_bench import realistic_chunks, vary_text
from lagesbild.types import Chunk, DocumentKind


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(
        id=f"src:c{i}", doc="källa.pdf", doc_kind=DocumentKind.STATUS_REPORT, page=1, text=text
    )


SOURCE = [
    _chunk(1, "Underskottet för RUN var 47 Mkr 2023.\nPrognosen är 12 Mkr.\nBeslut tas 9/4."),
    _chunk(2, "Kostnaden för bemanning ökade med 320 000 kr.\nÅtgärden pågår enligt plan."),
    _chunk(3, "Regionstyrelsen ansvarar.\nKlart december 2024.\nRisk: rekrytering."),
]


def test_varied_text_keeps_words_and_changes_numbers() -> None:
    rng = random.Random(1)
    varied = vary_text(SOURCE[0].text, SOURCE[1].text, rng)
    words = set(re.findall(r"[^\W\d]+", varied))
    assert words & {"Underskottet", "Prognosen", "Beslut"}
    assert words & {"Kostnaden", "Åtgärden", "bemanning"}
    numbers = re.findall(r"\d+", varied)
    assert numbers and all(len(n) in (1, 2, 3, 4) for n in numbers)
    years = [int(n) for n in numbers if len(n) == 4]
    assert all(2010 <= y < 2030 for y in years)


def test_grown_chunks_stay_close_to_their_source_vectors() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((3, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks, grown = realistic_chunks(SOURCE, vectors, 250)
    assert len(chunks) == 250 == len({c.id for c in chunks})
    assert len({c.doc for c in chunks}) == 3  # 100 chunks a document
    assert np.allclose(np.linalg.norm(grown, axis=1), 1.0, atol=1e-5)
    best = (grown @ vectors.T).max(axis=1)
    assert best.min() > 0.8  # each is near one source, far from random (~0)
    assert len({c.text for c in chunks}) > 200  # varied, not copies

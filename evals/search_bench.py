"""Search latency on a large, realistic collection (100 000 chunks by default).

Embedding 100 000 chunks takes over two hours on two cores (~12 chunks/s), so the collection
is grown from a real ingested corpus instead: every synthetic chunk starts from a real chunk,
keeps most of its sentences and lines in a shuffled order, borrows one or two from another
chunk, and gets fresh numbers and years (so keyword statistics stay those of the real text:
the same frequent words, the same rare names, numbers that differ between chunks). Its
vector is the real chunk's vector plus Gaussian noise, renormalised (cosine to its source
about 0.9), so the vectors cluster like real ones do and the ANN index sees a realistic
neighbourhood structure rather than uniformly random points. Queries are real questions,
embedded by the real model each time (the query embedding is part of the latency)::

    python -m evals.search_bench --corpus examples/corpus --chunks 100000 --cache /tmp/syn

``lagesbild bench --search-chunks 100000`` runs the same through ``evals.bench``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from lagesbild.settings import Settings
from lagesbild.types import Chunk, DocumentKind
from vectorstore.chroma import ChunkStore, make_client
from vectorstore.fusion import split_units
from vectorstore.hybrid import HybridSearcher
from vectorstore.keyword import KeywordIndex

CHUNKS_PER_DOC = 100
NOISE = 0.02  # per-dimension noise on a unit 384-vector: |noise| ~ 0.4, cosine ~ 0.93
_BATCH = 5000
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    """A number of the same length (a year stays a plausible year)."""
    digits = match.group()
    if _YEAR.match(digits):
        return str(2010 + rng.randrange(20))
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
    return str(rng.randrange(low, 10 ** len(digits)))


def vary_text(text: str, other: str, rng: random.Random) -> str:
    """``text`` with its units shuffled, about one in five dropped, one or two of ``other``
    added, and every number replaced by another of the same length."""
    units = split_units(text)
    kept = [u for u in units if rng.random() > 0.2] or units[:1]
    borrowed = split_units(other)
    kept += rng.sample(borrowed, min(len(borrowed), rng.randint(1, 2)))
    rng.shuffle(kept)
    return _NUMBER.sub(lambda m: _vary_number(m, rng), "\n".join(kept))


def realistic_chunks(
    source: Sequence[Chunk], vectors: np.ndarray, n: int, seed: int = 0
) -> tuple[list[Chunk], np.ndarray]:
    """``n`` chunks grown from ``source`` (see the module docstring) and their unit vectors."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    kinds = list(DocumentKind)
    chunks: list[Chunk] = []
    picks: list[int] = []
    for i in range(n):
        pick = rng.randrange(len(source))
        base, other = source[pick], source[rng.randrange(len(source))]
        doc = i // CHUNKS_PER_DOC
        chunks.append(
            Chunk(
                id=f"{doc:012x}:c{i % CHUNKS_PER_DOC + 1}",
                doc=f"syntetisk-{doc:05d}.pdf",
                doc_kind=kinds[doc % len(kinds)],
                page=i % CHUNKS_PER_DOC // 3 + 1,
                section=base.section,
                text=vary_text(base.text, other.text, rng),
                year=2015 + doc % 10,
            )
        )
        picks.append(pick)
    grown = vectors[picks] + noise.standard_normal((n, vectors.shape[1])).astype(np.float32) * NOISE
    grown /= np.linalg.norm(grown, axis=1, keepdims=True)
    return chunks, grown.astype(np.float32)


def build_realistic(
    folder: Path,
    source: Sequence[Chunk],
    vectors: np.ndarray,
    n: int,
    embeddings: Embeddings,
) -> tuple[HybridSearcher, float]:
    """A hybrid searcher over ``n`` grown chunks (the store in ``folder`` is reused if built)."""
    start = time.perf_counter()
    settings = Settings(home=folder)
    chunks, grown = realistic_chunks(source, vectors, n)
    store = ChunkStore(make_client(settings), embeddings, f"realistisk-{len(source)}")
    if store.count() != n:
        for at in range(0, n, _BATCH):
            store.add(chunks[at : at + _BATCH], grown[at : at + _BATCH].tolist())
    keyword = KeywordIndex.load_or_build(settings.data_dir / "keyword", chunks)
    searcher = HybridSearcher(store, keyword, {c.id: c for c in chunks}, embeddings)
    return searcher, time.perf_counter() - start


def source_vectors(store: ChunkStore, chunks: Sequence[Chunk]) -> np.ndarray:
    """The stored vectors of ``chunks`` (in order) as one matrix."""
    found = store.vectors([c.id for c in chunks])
    return np.asarray([found[c.id] for c in chunks], dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    from evals.bench import render_bench, run_bench

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=Path("examples/corpus"))
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)
    report = run_bench(args.corpus, args.chunks, args.cache)
    print(render_bench(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

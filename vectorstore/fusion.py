"""Learned fusion: dense, BM25 and word-coverage features of each candidate, one linear score.

For every candidate passage of a question (the union of the dense and the keyword top lists)
``candidate_features`` computes scale-free features: the dense cosine and its distance to the
best candidate, both BM25 fields min-max scaled over the candidates, reciprocal ranks on both
sides, and how much of the question's words (weighted by rarity) the passage covers — as a
whole, as a whole again with word forms matched loosely (``fuzzy_coverage``: a shared first or
last five letters), in the better of the chunks just before and after it (the question may be
asked by the passage before the one that answers it), in its best sentence or line (a table
row, a slide bullet), in its best two neighbouring sentences, and in its heading; how many
of the question's neighbouring word pairs it holds as neighbours too (a name or a phrase such
as 'gemensam administration', 'Österlens museum'); the share of the question's numbers it
contains, its length, and its cosine to the mean vector of the first pass's best five
(``prf_dense``, pseudo-relevance feedback; see ``vectorstore.hybrid``). ``FusionModel`` scores
them with weights fitted on SweQUAD-MC *training* questions (never on the sets it is chosen
and judged on; see ``evals/fusion_fit.py``) and stored next to this module in ``fusion.json``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

FEATURES: tuple[str, ...] = (
    "dense",
    "dense_gap",
    "dense_rr",
    "words_scaled",
    "parts_scaled",
    "keyword_rr",
    "cover",
    "fuzzy_cover",
    "next_cover",
    "unit_cover",
    "pair_cover",
    "section_cover",
    "phrases",
    "numbers",
    "log_length",
    "prf_dense",
)
WEIGHTS_PATH = Path(__file__).with_name("fusion.json")
_RR_K = 5  # reciprocal rank 1 / (K + rank): how fast a lower rank stops counting
# Units a passage is cut into for the sentence-level features: line breaks and sentence ends.
_UNIT_SPLIT = re.compile(r"\n+|(?<=[.!?;])\s+(?=[\"”'(\[]?[A-ZÅÄÖ0-9•\-–])")
_NUMBER = re.compile(r"^\d")
# A question word also counts as found (in ``fuzzy_cover``) when a passage word shares its first
# or its last AFFIX letters: an inflection or derivation the stemmer keeps apart
# ('kommunstyrelsen' / 'kommunstyrelsens', 'investering' / 'investeringsbudget'), or the
# head of a compound ('kostnad' / 'personalkostnad').
AFFIX = 5


@dataclass(frozen=True)
class QueryTerms:
    """The question's words as index tokens, each with its rarity weight (IDF).

    ``parts[i]`` are the compound parts of term ``i`` (empty when it is no compound): a term
    written apart in the passage counts by the share of its parts found there.
    """

    terms: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]

    @property
    def total(self) -> float:
        return sum(self.weights)


@dataclass(frozen=True)
class PassageTokens:
    """Index tokens of a passage: all of them, per unit (sentence or line), of its heading."""

    tokens: frozenset[str]
    units: tuple[frozenset[str], ...]
    section: frozenset[str]
    length: int
    pairs: frozenset[tuple[str, str]] = frozenset()  # neighbouring words, both orders
    affixes: frozenset[str] = frozenset()  # first and last AFFIX letters of its longer words


def split_units(text: str) -> list[str]:
    """A passage cut into its lines and sentences (table rows, bullets, sentences)."""
    return [u.strip() for u in _UNIT_SPLIT.split(text) if u and u.strip()]


def coverage(query: QueryTerms, tokens: frozenset[str]) -> float:
    """Share of the question's weighted terms found in ``tokens`` (0..1)."""
    if not query.terms or query.total <= 0:
        return 0.0
    found = 0.0
    for term, parts, weight in zip(query.terms, query.parts, query.weights, strict=True):
        if term in tokens:
            found += weight
        elif parts:
            found += weight * sum(p in tokens for p in parts) / len(parts)
    return found / query.total


def affixes(tokens: Iterable[str]) -> frozenset[str]:
    """The first and the last ``AFFIX`` letters of each word of at least that length
    (numbers left out), marked '<' and '>' so a beginning never meets an end."""
    found: set[str] = set()
    for token in tokens:
        if len(token) >= AFFIX and not _NUMBER.match(token):
            found.add("<" + token[:AFFIX])
            found.add(">" + token[-AFFIX:])
    return frozenset(found)


def fuzzy_coverage(query: QueryTerms, passage: PassageTokens) -> float:
    """``coverage`` of the whole passage, where a term missing as a word still counts when a
    passage word shares its first or last ``AFFIX`` letters (see ``affixes``)."""
    if not query.terms or query.total <= 0:
        return 0.0
    found = 0.0
    for term, parts, weight in zip(query.terms, query.parts, query.weights, strict=True):
        if term in passage.tokens or (affixes((term,)) & passage.affixes):
            found += weight
        elif parts:
            found += weight * sum(p in passage.tokens for p in parts) / len(parts)
    return found / query.total


def word_pairs(tokens: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Neighbouring tokens as pairs, in both orders ('a b' matches 'b a')."""
    return frozenset(
        pair for a, b in itertools.pairwise(tokens) if a != b for pair in ((a, b), (b, a))
    )


def phrase_share(query: QueryTerms, pairs: frozenset[tuple[str, str]]) -> float:
    """Share of the question's neighbouring term pairs (each weighted by the smaller weight
    of its two terms) that are neighbours in the passage too."""
    total = found = 0.0
    for (a, wa), (b, wb) in itertools.pairwise(zip(query.terms, query.weights, strict=True)):
        weight = min(wa, wb)
        total += weight
        found += weight * ((a, b) in pairs)
    return found / total if total > 0 else 0.0


def _number_share(query: QueryTerms, tokens: frozenset[str]) -> float:
    numbers = [t for t in query.terms if _NUMBER.match(t)]
    if not numbers:
        return 0.0
    return sum(t in tokens for t in numbers) / len(numbers)


def _scaled(values: np.ndarray) -> np.ndarray:
    """Min-max scaled to 0..1 (all equal: 1 where positive, else 0)."""
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low <= 0:
        return (values > 0).astype(np.float32)
    return ((values - low) / (high - low)).astype(np.float32)


def _reciprocal_ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[order] = np.arange(len(values), dtype=np.float32)
    return (_RR_K / (_RR_K + ranks)).astype(np.float32)


def candidate_features(
    query: QueryTerms,
    dense: np.ndarray,
    words: np.ndarray,
    parts: np.ndarray,
    passages: Sequence[PassageTokens],
    neighbours: np.ndarray | None = None,
    feedback: np.ndarray | None = None,
) -> np.ndarray:
    """The feature matrix (candidates × ``FEATURES``) of one question's candidates.

    ``neighbours`` is each candidate's ``next_cover``: the better coverage of the chunks just
    before and after it in its document (see ``HybridSearcher``); zeros when not given.
    """
    n = len(passages)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    next_cover = np.zeros(n, dtype=np.float32) if neighbours is None else neighbours
    lexical = np.zeros((n, 9), dtype=np.float32)
    for row, passage in enumerate(passages):
        units = passage.units or (passage.tokens,)
        pairs = [a | b for a, b in itertools.pairwise(units)] or list(units)
        lexical[row] = (
            coverage(query, passage.tokens),
            fuzzy_coverage(query, passage),
            next_cover[row],
            max(coverage(query, u) for u in units),
            max(coverage(query, p) for p in pairs),
            coverage(query, passage.section),
            phrase_share(query, passage.pairs),
            _number_share(query, passage.tokens),
            math.log1p(passage.length) / 8.0,
        )
    keyword = words + parts
    columns = [
        dense.astype(np.float32),
        (dense - dense.max()).astype(np.float32),
        _reciprocal_ranks(dense),
        _scaled(words),
        _scaled(parts),
        _reciprocal_ranks(keyword) * (keyword > 0),
    ]
    prf = np.zeros(n, dtype=np.float32) if feedback is None else feedback
    return np.column_stack([*columns, lexical, prf]).astype(np.float32)


@dataclass(frozen=True)
class FusionModel:
    """A linear score over standardised features: ``((x - mean) / scale) @ weights``."""

    features: tuple[str, ...]
    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    notes: Mapping[str, object]

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """One score per row of a ``candidate_features`` matrix (higher is better)."""
        if matrix.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        return ((matrix - self.mean) / self.scale) @ self.weights  # type: ignore[no-any-return]

    def save(self, path: Path) -> None:
        """Write the weights as a small JSON file."""
        data = {
            "features": list(self.features),
            "weights": [round(float(w), 6) for w in self.weights],
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
            "notes": dict(self.notes),
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> FusionModel:
        """The model saved at ``path``; features must be those this module computes."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"'{path}' har andra särdrag än {FEATURES}: anpassa om vikterna.")
        return cls(
            features=FEATURES,
            weights=np.asarray(data["weights"], dtype=np.float32),
            mean=np.asarray(data["mean"], dtype=np.float32),
            scale=np.asarray(data["scale"], dtype=np.float32),
            notes=data.get("notes", {}),
        )


@lru_cache(maxsize=1)
def default_model() -> FusionModel | None:
    """The fitted model shipped with the package (read once per process); None when no
    weights are shipped, and the searcher then mixes the scaled scores linearly."""
    if not WEIGHTS_PATH.exists():
        return None
    return FusionModel.load(WEIGHTS_PATH)

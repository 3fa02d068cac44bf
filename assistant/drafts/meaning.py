"""Measures that answer a point of criticism by meaning, not only by shared words.

A register measure is represented by its own text — title, section and description —
embedded as a passage and cached in ``draft-vectors.sqlite3`` keyed by the embedder and the
text. (The mean of the stored vectors of the passages a measure stands in made every
measure of one passage the same vector: the fifteen rows of one table tied, and one such
'hub' topped many points.) A point of criticism is embedded once as a query and compared
with every measure, and with every passage (:class:`PassageMeaning`), by cosine similarity.
A measure that answers *every* point of a report by meaning says nothing in particular
about any of them and is listed as möjligen relevant (:func:`assistant.drafts.revisor.hubs`).

How close is close depends on the point: e5 puts every Swedish text of this domain at a
cosine of 0.80–0.89 to every other, and a measure about the same matter is rarely far above
the rest. So a measure is judged by how far it stands out from the point's similarities to
all measures (``z``: standard deviations above their median, after taking off how close the
measure is to every text — a generic measure such as 'Ge studenter möjlighet att
auskultera' is near everything) and by informative words in common
(:mod:`assistant.drafts.matching`):

* it *answers* the point with two or more words in common and z ≥ :data:`ANSWER_Z`, or
  one word and z ≥ :data:`STRONG_Z`;
* it is *möjligen relevant* (listed, never an answer) with one word and z ≥ ANSWER_Z, or
  no word and z ≥ STRONG_Z.

Measured (with each measure's own text embedded, before the stored passage vectors were
used) on the sample corpus with the auditors' reports of ``../shared/corpus/real``: a
measure about the matter of a point reaches z 2–3.6 with two or three words in common;
unrelated measures reach up to z 2.9 without, and single generic words ('styrning',
'digital') join unrelated texts — so meaning alone never makes an answer. In a register of
fewer than :data:`MIN_MEASURES` measures z means nothing: words decide alone.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.drafts.matching import Stems

ANSWER_Z = 1.5
STRONG_Z = 3.0
MIN_MEASURES = 10
MAX_ANSWERS = 5
MAX_POSSIBLE = 2
TEXT_CHARS = 600


@dataclass(frozen=True)
class MeaningMatch:
    """A measure compared with a point: similarity, how far it stands out, shared words."""

    index: int
    similarity: float
    z: float
    shared: list[str]
    answers: bool


class VectorCache:
    """Passage vectors by (embedder, text) in a small SQLite file."""

    def __init__(self, path: Path, embedder: str) -> None:
        self.embedder = embedder
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def passages(self, texts: Sequence[str], embeddings: Embeddings) -> np.ndarray:
        """Vectors of ``texts`` (rows, L2-normalised); only uncached texts are embedded."""
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(f"SELECT key, v FROM vectors WHERE key IN ({marks})", part)
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        missing = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in found]
        if missing:
            vectors = embeddings.embed_documents([t for _, t in missing])
            with self._db:
                for (key, _), vector in zip(missing, vectors, strict=True):
                    array = np.asarray(vector, dtype=np.float32)
                    found[key] = array
                    self._db.execute(
                        "INSERT OR REPLACE INTO vectors VALUES (?, ?)", (key, array.tobytes())
                    )
        if not keys:
            return np.zeros((0, 1), dtype=np.float32)
        return _normalised(np.vstack([found[k] for k in keys]))

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.embedder}\0{text}".encode()).hexdigest()


class MeaningMatcher:
    """Compares points of criticism with measure texts by meaning and by words."""

    def __init__(
        self,
        texts: Sequence[str],
        embeddings: Embeddings,
        cache: VectorCache,
        stems: Stems,
        stored: Sequence[np.ndarray | None] = (),
        queries: QueryVectors | None = None,
    ) -> None:
        """``stored``: a vector already at hand per text (or None: embed the text)."""
        self.texts = [t[:TEXT_CHARS] for t in texts]
        self.embeddings = embeddings
        self.stems = stems
        self.tokens = [stems.tokens(t) for t in self.texts]
        self.vectors = _with_stored(self.texts, stored, cache, embeddings)
        self.queries = queries or QueryVectors(embeddings)
        self._queries: dict[str, list[float]] = {}
        centre = self.vectors.mean(axis=0) if len(self.texts) else np.zeros(1)
        self.hubness: list[float] = (self.vectors @ centre).tolist() if len(self.texts) else []
        """How close each measure is to all of them (its similarity to their mean)."""

    def similarity(self, point: str) -> list[float]:
        """Cosine similarity of the point to every measure text, in order."""
        if not self.texts:
            return []
        if point not in self._queries:
            self._queries[point] = (self.vectors @ self.queries.vector(point)).tolist()
        return self._queries[point]

    def match(self, point: str) -> tuple[list[MeaningMatch], list[MeaningMatch]]:
        """(answers, possibly relevant), each best first (see the module docstring)."""
        similarities = self.similarity(point)
        scores = standing_out(similarities, self.hubness)
        few = len(similarities) < MIN_MEASURES
        asked = self.stems.informative(point)
        found = []
        for index, (similarity, z) in enumerate(zip(similarities, scores, strict=True)):
            shared = sorted(asked & self.tokens[index])
            words = len(shared)
            strong = (words >= 2 and (few or z >= ANSWER_Z)) or (words == 1 and z >= STRONG_Z)
            weak = (words == 1 and (few or z >= ANSWER_Z)) or (words == 0 and z >= STRONG_Z)
            if strong or weak:
                found.append(MeaningMatch(index, similarity, z, shared, strong))
        found.sort(key=lambda m: (-m.z, m.index))
        answers = [m for m in found if m.answers][:MAX_ANSWERS]
        possible = [m for m in found if not m.answers][:MAX_POSSIBLE]
        return answers, possible


class QueryVectors:
    """Each point embedded once as a query (L2-normalised), shared by measures and passages."""

    def __init__(self, embeddings: Embeddings) -> None:
        self.embeddings = embeddings
        self._vectors: dict[str, np.ndarray] = {}

    def vector(self, text: str) -> np.ndarray:
        """The query vector of ``text``."""
        if text not in self._vectors:
            vector = np.asarray([self.embeddings.embed_query(text)], dtype=np.float32)
            self._vectors[text] = _normalised(vector)[0]
        return self._vectors[text]


class PassageMeaning:
    """How far each stored passage stands out in meaning for a point (``z``, as for
    measures), from the vectors the vector store already holds: nothing is embedded."""

    def __init__(self, vectors: dict[str, np.ndarray], queries: QueryVectors) -> None:
        self.ids = list(vectors)
        self.queries = queries
        matrix = np.vstack(list(vectors.values())) if vectors else np.zeros((0, 1), np.float32)
        self.matrix = _normalised(matrix.astype(np.float32))
        centre = self.matrix.mean(axis=0) if len(self.ids) else np.zeros(1, np.float32)
        self.hubness = (self.matrix @ centre).tolist() if len(self.ids) else []

    def vector(self, chunk_ids: Sequence[str]) -> np.ndarray | None:
        """The mean vector of some passages (a measure's), or None when none is stored."""
        index = {cid: i for i, cid in enumerate(self.ids)}
        rows = [index[c] for c in chunk_ids if c in index]
        return self.matrix[rows].mean(axis=0) if rows else None

    def closeness(self, point: str) -> dict[str, float]:
        """Passage id → how far it stands out in meaning for ``point``."""
        if not self.ids:
            return {}
        similarities = (self.matrix @ self.queries.vector(point)).tolist()
        return dict(zip(self.ids, standing_out(similarities, self.hubness), strict=True))


def _with_stored(
    texts: Sequence[str],
    stored: Sequence[np.ndarray | None],
    cache: VectorCache,
    embeddings: Embeddings,
) -> np.ndarray:
    """One row per text: its stored vector, or else its (cached) embedding."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    rows = list(stored) or [None] * len(texts)
    todo = [i for i, v in enumerate(rows) if v is None]
    if todo:
        embedded = cache.passages([texts[i] for i in todo], embeddings)
        for i, vector in zip(todo, embedded, strict=True):
            rows[i] = vector
    return _normalised(np.vstack([r for r in rows if r is not None]).astype(np.float32))


def standing_out(similarities: Sequence[float], hubness: Sequence[float]) -> list[float]:
    """How far each similarity, less the measure's closeness to all measures, stands above
    the median, in standard deviations (0 for all when there are too few to say)."""
    if len(similarities) < MIN_MEASURES:
        return [0.0] * len(similarities)
    hubs = np.asarray(hubness)
    values = np.asarray(similarities) - (hubs - hubs.mean())
    spread = float(values.std())
    if spread == 0:
        return [0.0] * len(similarities)
    result: list[float] = ((values - float(np.median(values))) / spread).tolist()
    return result


def reason(match: MeaningMatch) -> str:
    """A short Swedish reason: the words in common and how close in meaning."""
    closeness = f"likhet i innebörd {match.similarity:.2f}".replace(".", ",")
    if match.z > 0:
        closeness += f", {match.z:.1f} standardavvikelser över mittvärdet".replace(".", ",")
    if match.shared:
        return f"Gemensamma ord: {', '.join(match.shared[:5])} ({closeness})"
    return f"Bara närhet i innebörd ({closeness}); inga gemensamma nyckelord"


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: np.ndarray = vectors / norms
    return result

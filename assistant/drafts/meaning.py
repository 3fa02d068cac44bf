"""Measures that answer a point of criticism by meaning, not only by shared words.

Each register measure (title, section and description) is embedded once with the
library's embedder (multilingual e5 by default) as a passage; the vectors are cached in
``draft-vectors.sqlite3`` in the data directory, keyed by the embedder and the text, so
the next draft embeds only new or changed measures. A point of criticism is embedded as a
query and compared with every measure by cosine similarity.

A measure *answers* the point when the similarity reaches :data:`STRONG`, or
:data:`SUPPORTED` with at least one informative word in common
(:mod:`assistant.drafts.matching`); it is *möjligen relevant* from :data:`WEAK` (never
shown as an answer). Measures of auditors' reports (their own recommendations) are not
candidates. The thresholds were set on the sample corpus and the auditors' reports in
``../shared/corpus/real``: e5 puts unrelated Swedish texts of this domain near 0.78 and
texts about the same matter above 0.84.
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

STRONG = 0.865
SUPPORTED = 0.84
WEAK = 0.825
MAX_ANSWERS = 5
MAX_POSSIBLE = 3
TEXT_CHARS = 600


@dataclass(frozen=True)
class MeaningMatch:
    """A measure compared with a point: similarity, shared words and whether it answers."""

    index: int
    similarity: float
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
    ) -> None:
        self.texts = [t[:TEXT_CHARS] for t in texts]
        self.embeddings = embeddings
        self.stems = stems
        self.tokens = [stems.tokens(t) for t in self.texts]
        self.vectors = cache.passages(self.texts, embeddings)
        self._queries: dict[str, list[float]] = {}

    def similarity(self, point: str) -> list[float]:
        """Cosine similarity of the point to every measure text, in order."""
        if not self.texts:
            return []
        if point not in self._queries:
            vector = np.asarray([self.embeddings.embed_query(point)], dtype=np.float32)
            self._queries[point] = (self.vectors @ _normalised(vector)[0]).tolist()
        return self._queries[point]

    def match(self, point: str) -> tuple[list[MeaningMatch], list[MeaningMatch]]:
        """(answers, possibly relevant), each best first."""
        similarities = self.similarity(point)
        asked = self.stems.informative(point)
        found = []
        for index, similarity in enumerate(similarities):
            if similarity < WEAK:
                continue
            shared = sorted(asked & self.tokens[index])
            strong = similarity >= STRONG or (similarity >= SUPPORTED and bool(shared))
            found.append(MeaningMatch(index, similarity, shared, strong))
        found.sort(key=lambda m: (-m.similarity, m.index))
        answers = [m for m in found if m.answers][:MAX_ANSWERS]
        possible = [m for m in found if not m.answers][:MAX_POSSIBLE]
        return answers, possible


def reason(match: MeaningMatch) -> str:
    """A short Swedish reason: how close in meaning, and the words in common."""
    closeness = f"{match.similarity:.2f}".replace(".", ",")
    if match.similarity >= STRONG:
        meaning = f"handlar om samma sak (likhet {closeness})"
    elif match.similarity >= SUPPORTED:
        meaning = f"närliggande innebörd (likhet {closeness})"
    else:
        meaning = f"svag likhet i innebörd ({closeness})"
    words = f"; gemensamma ord: {', '.join(match.shared[:5])}" if match.shared else ""
    if not match.answers and not match.shared and match.similarity >= SUPPORTED:
        words = ", men inga gemensamma nyckelord"
    return meaning[:1].upper() + meaning[1:] + words


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: np.ndarray = vectors / norms
    return result

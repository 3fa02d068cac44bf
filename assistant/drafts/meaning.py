"""Measures that answer a point of criticism by meaning, not only by shared words.

Each register measure (title, section and description) is embedded once with the
library's embedder (multilingual e5 by default) as a passage; the vectors are cached in
``draft-vectors.sqlite3`` in the data directory, keyed by the embedder and the text, so
the next draft embeds only new or changed measures. A point of criticism is embedded as a
query and compared with every measure by cosine similarity.

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

Measured on the sample corpus with the auditors' reports of ``../shared/corpus/real``: a
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
    ) -> None:
        self.texts = [t[:TEXT_CHARS] for t in texts]
        self.embeddings = embeddings
        self.stems = stems
        self.tokens = [stems.tokens(t) for t in self.texts]
        self.vectors = cache.passages(self.texts, embeddings)
        self._queries: dict[str, list[float]] = {}
        centre = self.vectors.mean(axis=0) if len(self.texts) else np.zeros(1)
        self.hubness: list[float] = (self.vectors @ centre).tolist() if len(self.texts) else []
        """How close each measure is to all of them (its similarity to their mean)."""

    def similarity(self, point: str) -> list[float]:
        """Cosine similarity of the point to every measure text, in order."""
        if not self.texts:
            return []
        if point not in self._queries:
            vector = np.asarray([self.embeddings.embed_query(point)], dtype=np.float32)
            self._queries[point] = (self.vectors @ _normalised(vector)[0]).tolist()
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

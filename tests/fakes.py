"""Deterministic fakes for unit tests (never used by the application)."""

from __future__ import annotations

import hashlib
import math
import re

from langchain_core.embeddings import Embeddings

DIM = 64


class HashEmbeddings(Embeddings):
    """Deterministic fake: a normalised bag of hashed lowercase words (shared words → close).

    Records every call so tests can check what was embedded.
    """

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self.documents_calls: list[list[str]] = []
        self.query_calls: list[str] = []

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents_calls.append(list(texts))
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.query_calls.append(text)
        return self._vector(text)

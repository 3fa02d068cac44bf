"""Deterministic fakes for unit tests (never used by the application)."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field

from assistant import model_files

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


class RecordingChat(FakeListChatModel):
    """A scripted fake chat model that keeps the messages it was sent (what reached the
    model is what a safety test checks)."""

    seen: list[list[BaseMessage]] = Field(default_factory=list)

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Iterator[Any]:
        self.seen.append(messages)
        yield from super()._stream(messages, *args, **kwargs)


class FakeParts:
    """22 small part files with distinct contents, served in place of the installed packages."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.paths = {}
        for index in range(1, model_files.PART_COUNT + 1):
            path = folder / f"part{index:02d}.bin"
            path.write_bytes(bytes([index]) * (100 + index) + f"<{index}>".encode())
            self.paths[index] = path
        self.missing: set[int] = set()
        self.calls = 0

    @property
    def joined(self) -> bytes:
        return b"".join(self.paths[i].read_bytes() for i in sorted(self.paths))

    def locate(self, index: int) -> Path:
        self.calls += 1
        if index in self.missing:
            raise ModuleNotFoundError(model_files.part_module(index))
        return self.paths[index]

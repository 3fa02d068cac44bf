"""The TUI's one door to the library: serialised, lazily opened, safe from worker threads.

Every call that touches the register, the vector store or the embedding model runs in a
Textual thread worker; the lock makes sure two workers never use the SQLite connection or
the Chroma client at the same time.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from assistant.tui.chat import AnswerLike, AskFactory, AskFunction
from lagesbild.errors import ConfigError
from lagesbild.settings import Settings
from lagesbild.types import Document, IngestSummary, Measure, SearchHit
from vectorstore.library import Library, ProgressCallback

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentRow:
    """A stored document with how many measures and figures were read from it."""

    document: Document
    measures: int
    figures: int


class LibraryGateway:
    """Thread-safe access to one ``Library`` (opened on first use)."""

    def __init__(
        self,
        settings: Settings,
        opener: Callable[[Settings], Library] | None = None,
        ask_factory: AskFactory | None = None,
    ) -> None:
        self.settings = settings
        self._opener = opener or (lambda s: Library(s))
        self._library: Library | None = None
        self._lock = threading.Lock()
        self._ask_factory = ask_factory
        self._ask: AskFunction | None = None

    @property
    def can_ask(self) -> bool:
        """True when an assistant is plugged in."""
        return self._ask_factory is not None

    @property
    def ask_ready(self) -> bool:
        """True once the assistant (and its chat model) has been built."""
        return self._ask is not None

    def _call(self, action: Callable[[Library], T]) -> T:
        with self._lock:
            if self._library is None:
                self._library = self._opener(self.settings)
            return action(self._library)

    def close(self) -> None:
        """Close the library if it was opened."""
        with self._lock:
            if self._library is not None:
                self._library.close()
                self._library = None

    def measures(
        self, doc: str | None = None, status: str | None = None, owner: str | None = None
    ) -> list[Measure]:
        """The register, filtered like ``lagesbild measures`` (duplicates merged)."""
        return self._call(lambda lib: lib.register.measures(doc, status, owner))

    def document_list(self) -> list[Document]:
        """Stored documents, by file name."""
        return self._call(lambda lib: lib.documents())

    def documents(self) -> list[DocumentRow]:
        """Stored documents with their measure and figure counts."""
        return self._call(_document_rows)

    def ingest(self, paths: Iterable[Path], progress: ProgressCallback) -> IngestSummary:
        """Ingest files and folders (unchanged files are skipped by content hash)."""
        wanted = list(paths)
        return self._call(lambda lib: lib.ingest(wanted, progress=progress))

    def remove(self, name: str) -> Document:
        """Remove one stored document and everything read from it."""
        return self._call(lambda lib: lib.remove(name))

    def search(self, query: str, k: int) -> list[SearchHit]:
        """Hybrid search (loads the embedding model on first use)."""
        return self._call(lambda lib: lib.search(query, k=k))

    def ask(self, question: str, on_token: Callable[[str], None]) -> AnswerLike:
        """Answer with the plugged-in assistant (built, and its model loaded, on first use)."""
        factory = self._ask_factory
        if factory is None:
            raise ConfigError("Ingen svarsmodell är inkopplad; använd Sök.")

        def answer(library: Library) -> AnswerLike:
            if self._ask is None:
                self._ask = factory(library)
            return self._ask(question, on_token)

        return self._call(answer)


def _document_rows(library: Library) -> list[DocumentRow]:
    measures = Counter(m.doc for m in library.register.measures(merge_duplicates=False))
    figures = Counter(f.doc for f in library.register.figures())
    return [DocumentRow(d, measures[d.doc], figures[d.doc]) for d in library.documents()]

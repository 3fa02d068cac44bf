"""The TUI's one door to the library: serialised, lazily opened, safe from worker threads.

Every call that touches the register, the vector store or the embedding model runs in a
Textual thread worker; the lock makes sure two workers never use the SQLite connection or
the Chroma client at the same time. What the calls do is :mod:`assistant.service`, the same
functions the CLI calls (document counts, draft choices, drafts, the number check of an
edited draft); this module adds only the threading.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from assistant import service
from assistant.service import DocumentRow, DraftChoices, DraftKind, DraftText
from assistant.tui.chat import AskFactory, AskFunction
from assistant.tui.draft_text import export_draft
from lagesbild.errors import ConfigError
from lagesbild.settings import Settings
from lagesbild.types import Answer, Document, IngestSummary, Measure, NumberCheck, SearchHit
from vectorstore.library import Library, ProgressCallback

T = TypeVar("T")


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
        return self._call(service.document_rows)

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

    def ask(self, question: str, on_token: Callable[[str], None]) -> Answer:
        """Answer with the plugged-in assistant (built, and its model loaded, on first use).

        An exception ``on_token`` raises (to stop the generation) propagates; the library
        is free for the next call as soon as it has.
        """
        factory = self._ask_factory
        if factory is None:
            raise ConfigError("Ingen svarsmodell är inkopplad; använd Sök.")

        def answer(library: Library) -> Answer:
            if self._ask is None:
                self._ask = factory(library)
            return self._ask(question, on_token)

        return self._call(answer)

    # ------------------------------------------------------------------ drafts

    def draft_choices(self) -> DraftChoices:
        """The documents the two drafts can be made from, with the defaults."""
        return self._call(service.draft_choices)

    def draft(self, kind: DraftKind, doc: str | None) -> DraftText:
        """The draft of ``kind`` for the document ``doc`` (CLG: None = the latest report).

        The reply to the auditors searches the library (loads the embedding model).
        """
        return self._call(lambda lib: service.make_draft(lib, kind, doc))

    def check_draft(self, text: str) -> list[NumberCheck]:
        """Every number of an (edited) draft, checked against the register's figures.

        The appendix is left out; the pages the text cites ('fil.pdf s. 3') count as cited.
        Offsets refer to ``text``.
        """
        return self._call(lambda lib: service.check_draft(lib, text))

    def export_draft(self, text: str, path: Path, original: DraftText | None) -> Path:
        """Write the draft's text to ``path`` (.docx or .md), atomically; see
        :func:`assistant.tui.draft_text.export_draft`."""
        return export_draft(text, path, original)

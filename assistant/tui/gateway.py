"""The TUI's one door to the library: serialised, lazily opened, safe from worker threads.

Every call that touches the register, the vector store or the embedding model runs in a
Textual thread worker; the lock makes sure two workers never use the SQLite connection or
the Chroma client at the same time. The drafts (:mod:`assistant.drafts`) and the number
check of an edited draft go through here too.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from assistant.drafts import clg_blocks, draft_revisor, revisor_blocks, summarise_clg, to_markdown
from assistant.drafts.clg import monthly_reports, report_name
from assistant.number_check import check_numbers
from assistant.tui.chat import AskFactory, AskFunction
from assistant.tui.draft_text import DraftKind, DraftText, checked_part, cited_pages, export_draft
from lagesbild.errors import ConfigError
from lagesbild.settings import Settings
from lagesbild.types import (
    DOCUMENT_KIND_LABELS,
    Answer,
    Document,
    DocumentKind,
    IngestSummary,
    Measure,
    NumberCheck,
    SearchHit,
)
from vectorstore.library import Library, ProgressCallback

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentRow:
    """A stored document with how many measures and figures were read from it."""

    document: Document
    measures: int
    figures: int


@dataclass(frozen=True)
class DraftSource:
    """A document a draft can be made from, labelled for the picker."""

    doc: str
    label: str
    """'fil.pdf – revisionsrapport' (what the document is)."""


@dataclass(frozen=True)
class DraftChoices:
    """What each kind of draft can be made from, and the default choice."""

    sources: dict[DraftKind, list[DraftSource]]
    """Reply to the auditors: every ingested document, by file name. CLG summary: the
    monthly status reports with uppdrag, most recent first."""
    defaults: dict[DraftKind, str | None]
    """Reply: the first auditors' report (else reply to the auditors, else the first
    document). CLG: the most recent report (the one ``summarise_clg`` picks by default)."""


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
        return self._call(_draft_choices)

    def draft(self, kind: DraftKind, doc: str | None) -> DraftText:
        """The draft of ``kind`` for the document ``doc`` (CLG: None = the latest report).

        The reply to the auditors searches the library (loads the embedding model).
        """
        return self._call(lambda lib: _make_draft(lib, kind, doc))

    def check_draft(self, text: str) -> list[NumberCheck]:
        """Every number of an (edited) draft, checked against the register's figures.

        The appendix is left out; the pages the text cites ('fil.pdf s. 3') count as cited.
        Offsets refer to ``text``.
        """

        def check(library: Library) -> list[NumberCheck]:
            part = checked_part(text)
            cited = cited_pages(part, (d.doc for d in library.documents()))
            return check_numbers(part, library.register.figures(), cited or None)

        return self._call(check)

    def export_draft(self, text: str, path: Path, original: DraftText | None) -> Path:
        """Write the draft's text to ``path`` (.docx or .md), atomically; see
        :func:`assistant.tui.draft_text.export_draft`."""
        return export_draft(text, path, original)


def _draft_choices(library: Library) -> DraftChoices:
    documents = library.documents()
    audit = [d for d in documents if d.kind is DocumentKind.AUDIT_REPORT] or [
        d for d in documents if d.kind is DocumentKind.AUDIT_RESPONSE
    ]
    reports = monthly_reports(library.register)
    first = (audit or documents)[:1]
    return DraftChoices(
        sources={
            DraftKind.REVISOR: [_source(d, DOCUMENT_KIND_LABELS[d.kind]) for d in documents],
            DraftKind.CLG: [_source(d, report_name(d)) for d in reports],
        },
        defaults={
            DraftKind.REVISOR: first[0].doc if first else None,
            DraftKind.CLG: reports[0].doc if reports else None,
        },
    )


def _source(d: Document, about: str) -> DraftSource:
    """'fil.pdf – what it is' (just the file name when that says it all)."""
    return DraftSource(d.doc, d.doc if about in {"", d.doc} else f"{d.doc} – {about}")


def _make_draft(library: Library, kind: DraftKind, doc: str | None) -> DraftText:
    if kind is DraftKind.REVISOR:
        if not doc:
            raise ConfigError("Välj revisorernas rapport att svara på.")
        draft = draft_revisor(library, doc)
        blocks = revisor_blocks(draft)
        return DraftText(kind, draft.title, to_markdown(blocks), blocks, draft.note)
    summary = summarise_clg(library, doc)
    blocks = clg_blocks(summary)
    return DraftText(kind, summary.title, to_markdown(blocks), blocks)


def _document_rows(library: Library) -> list[DocumentRow]:
    measures = Counter(m.doc for m in library.register.measures(merge_duplicates=False))
    figures = Counter(f.doc for f in library.register.figures())
    return [DocumentRow(d, measures[d.doc], figures[d.doc]) for d in library.documents()]

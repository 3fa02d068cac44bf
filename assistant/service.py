"""The library's operations as the CLI and the TUI both use them, without a terminal.

Opening a library for one command, the document list with its counts, what an ingest did in
words, which documents each draft can be made from, making a draft and checking the numbers of
an edited one. The CLI (``assistant/cli*.py``) prints the results; the TUI's gateway
(:mod:`assistant.tui.gateway`) runs the same functions in a worker thread under its lock.
Nothing here imports textual, rich or typer (an import-linter contract keeps it so).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from assistant.drafts import clg_blocks, draft_revisor, revisor_blocks, summarise_clg, to_markdown
from assistant.drafts.clg import monthly_reports, report_name
from assistant.drafts.models import ClgSummary, RevisorDraft
from assistant.drafts.outline import APPENDIX, Block
from assistant.number_check import check_numbers
from lagesbild.errors import ConfigError
from lagesbild.settings import Settings
from lagesbild.types import (
    DOCUMENT_KIND_LABELS,
    Document,
    DocumentKind,
    IngestSummary,
    NumberCheck,
)
from vectorstore.library import Library

_APPENDIX_LINE = re.compile(rf"^#+[ \t]+{re.escape(APPENDIX)}[ \t]*$", re.MULTILINE)


@contextmanager
def open_library(settings: Settings | None = None) -> Iterator[Library]:
    """A library for the duration of one command (closed however the command ends)."""
    library = Library(settings)
    try:
        yield library
    finally:
        library.close()


# ------------------------------------------------------------------------------ documents


@dataclass(frozen=True)
class DocumentRow:
    """A stored document with how many measures and figures were read from it."""

    document: Document
    measures: int
    figures: int


def document_rows(library: Library) -> list[DocumentRow]:
    """The stored documents, by file name, with their measure and figure counts (every
    measure counted in the document it was read from, duplicates not merged)."""
    measures = Counter(m.doc for m in library.register.measures(merge_duplicates=False))
    figures = Counter(f.doc for f in library.register.figures())
    return [DocumentRow(d, measures[d.doc], figures[d.doc]) for d in library.documents()]


def ingest_counts(summary: IngestSummary, *, chunks: bool = False) -> str:
    """'Inläst: 2 dokument, 14 sidor, … Oförändrade: 0. Misslyckade: 1.' (with ``chunks``
    also the text passages stored)."""
    passages = f", {summary.chunks} textavsnitt" if chunks else ""
    return (
        f"Inläst: {summary.documents} dokument, {summary.pages} sidor, "
        f"{summary.measures} åtgärder, {summary.figures} tal{passages}. "
        f"Oförändrade: {summary.skipped}. Misslyckade: {len(summary.failed)}."
    )


# ------------------------------------------------------------------------------ drafts


class DraftKind(StrEnum):
    """The two drafts (values as in the CLI: ``draft revisorer``, ``summary clg``)."""

    REVISOR = "revisorer"
    CLG = "clg"


@dataclass(frozen=True)
class DraftText:
    """A generated draft: its Markdown, the blocks it was rendered from and its record."""

    kind: DraftKind
    title: str
    markdown: str
    blocks: list[Block]
    record: RevisorDraft | ClgSummary
    """The draft as data (what ``--json`` prints)."""
    note: str = ""
    """A Swedish note from the drafter, e.g. that no criticism was found ('' for none)."""


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


def draft_choices(library: Library) -> DraftChoices:
    """The documents the two drafts can be made from, with the defaults."""
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


def make_draft(
    library: Library,
    kind: DraftKind,
    doc: str | None,
    compare: str | None = None,
    today: date | None = None,
) -> DraftText:
    """The draft of ``kind`` for the document ``doc`` (CLG: None = the latest report; with
    ``compare`` against that earlier report, dates counted from ``today``).

    The reply to the auditors searches the library (loads the embedding model).
    """
    if kind is DraftKind.REVISOR:
        if not doc:
            raise ConfigError("Välj revisorernas rapport att svara på.")
        draft = draft_revisor(library, doc)
        blocks = revisor_blocks(draft)
        return DraftText(kind, draft.title, to_markdown(blocks), blocks, draft, draft.note)
    summary = summarise_clg(library, doc, compare, today)
    blocks = clg_blocks(summary)
    return DraftText(kind, summary.title, to_markdown(blocks), blocks, summary)


def checked_part(text: str) -> str:
    """The text a number check reads: everything before the appendix 'Bilaga: kontroll av
    tal', which only repeats the numbers of the text with their sources."""
    appendix = _APPENDIX_LINE.search(text)
    return text[: appendix.start()] if appendix else text


def cited_pages(text: str, documents: Iterable[str]) -> set[tuple[str, int]]:
    """The (document, page) pairs the text cites, written 'fil.pdf s. 3' as the drafts do."""
    unescaped = text.replace("\\_", "_")
    cited = set()
    for doc in documents:
        for match in re.finditer(rf"{re.escape(doc)}\s+s\.\s*(\d+)", unescaped):
            cited.add((doc, int(match.group(1))))
    return cited


def check_draft(library: Library, text: str) -> list[NumberCheck]:
    """Every number of an (edited) draft, checked against the register's figures.

    The appendix is left out; the pages the text cites ('fil.pdf s. 3') count as cited.
    Offsets refer to ``text``.
    """
    part = checked_part(text)
    cited = cited_pages(part, (d.doc for d in library.documents()))
    register = library.register
    return check_numbers(part, register.figures(), cited or None, register.page_texts())

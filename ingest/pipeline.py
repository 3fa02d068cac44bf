"""One file in, one ``ExtractedDocument`` out: parse → figures → measures → chunks.

No storage and no models here; the vector store layer decides what to do with the result.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.chunking import CHUNKER_VERSION, chunk_document
from ingest.deadline import Deadline, check, deadline
from ingest.figures import extract_figures
from ingest.layout_tables import label_layout_tables
from ingest.measures import extract_measures
from ingest.numbers import find_numbers
from ingest.ocr import PageProgress
from ingest.pdf_layout import PdfLayout
from ingest.period import report_period
from ingest.quarantine import mark_figures, mark_pages, quarantine_chunks, without_quarantined
from ingest.readers import read_document
from lagesbild.errors import CorruptDocumentError
from lagesbild.ids import doc_id
from lagesbild.types import Chunk, ExtractedDocument, Figure, Measure, NumberKind, Page

# What ingest produces, as a version: a file stored under another version is read again. Bump it
# (a new date, or .2 for a second change that day) whenever the output of ingest changes —
# pages, figures, measures, chunks, document kind or period — and only then: editing a comment
# or refactoring must not re-read every user's library. tests/test_pipeline_version.py fails
# when the output of its fixture documents changes while this stays the same.
PIPELINE_VERSION = f"{CHUNKER_VERSION}-2026.12.11"

# A file that takes longer than this to read is given up with a message (a hostile or broken
# file must not hang the batch). Checked between pages on any thread (``ingest.deadline``),
# and on the main thread also by a timer signal, which stops one page that hangs.
TIME_LIMIT_S = 120.0

_AMOUNT_KINDS = {NumberKind.MONEY, NumberKind.PERCENT, NumberKind.COUNT, NumberKind.QUANTITY}


class StageTimer:
    """Adds up wall time per named stage (parse, extract, embed, store)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block under ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


class _TimeLimit(CorruptDocumentError):
    """Reading one file took longer than the limit."""


@contextmanager
def time_limit(path: Path, seconds: float | None) -> Iterator[Callable[[], None]]:
    """Raise a ``CorruptDocumentError`` naming the file when the block runs over ``seconds``.

    On every thread the readers check the deadline between pages, slides, blocks and OCR
    pages (``ingest.deadline.check``); on the main thread, where the platform has interval
    timers, a timer signal also interrupts a single step that hangs. Yields ``restart``,
    which gives the file its full time again.
    """
    if not seconds:
        yield lambda: None
        return

    def expired() -> _TimeLimit:
        return _TimeLimit(
            path.name,
            f"inläsningen tog mer än {seconds:.0f} s och avbröts (filen kan vara skadad eller "
            "byggd för att låsa programmet)",
            "Spara om filen (t.ex. som PDF) eller dela upp den och kör `lagesbild ingest` igen.",
        )

    limit = Deadline(seconds, expired)
    signals = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not signals:
        with deadline(limit):
            yield limit.restart
        return

    def expire(signum: int, frame: object) -> None:
        raise expired()

    def restart() -> None:
        limit.restart()
        signal.setitimer(signal.ITIMER_REAL, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    restart()
    try:
        with deadline(limit):
            yield restart
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_document(
    path: Path,
    chunk_chars: int = 900,
    timer: StageTimer | None = None,
    *,
    ocr: bool = True,
    progress: PageProgress | None = None,
    seconds: float | None = TIME_LIMIT_S,
) -> ExtractedDocument:
    """Read one file and extract its figures, measures and chunks, within ``seconds``.

    ``ocr``: read scanned PDF pages by OCR (``progress`` hears of each page). Each OCR'd page
    restarts the clock, so a long scan is not cut off while it is being read.
    """
    with time_limit(path, seconds) as restart:

        def page_read(done: int, pages: int) -> None:
            check()  # an OCR page may take long; then the clock starts again
            restart()
            if progress is not None:
                progress(done, pages)

        return _extract(path, chunk_chars, timer or StageTimer(), ocr, page_read)


def _extract(
    path: Path, chunk_chars: int, timer: StageTimer, ocr: bool, progress: PageProgress
) -> ExtractedDocument:
    """``extract_document`` without the time limit."""
    with timer.stage("parse"):
        parsed = read_document(path, ocr=ocr, progress=progress)
    check()
    document, pages = parsed.document, parsed.pages
    document.period = report_period(document, pages)
    with timer.stage("extract"):
        spans = mark_pages(pages)  # blocks addressed to an AI assistant: kept apart from here on
        figures = extract_figures(document.doc, doc_id(document.sha256), pages)
        layout = PdfLayout(document)  # read on demand, once per page, for tables and measures
        label_layout_tables(pages, figures, layout)
        mark_figures(figures, pages, spans)
        clean = [without_quarantined(p, spans.get(p.number, [])) for p in pages]
        check()
        measures = extract_measures(document, clean, layout)
        check()
        attach_amounts(measures, [f for f in figures if not f.quarantined])
        chunks = chunk_document(document, clean, measures, target_chars=chunk_chars)
        chunks += quarantine_chunks(document, pages, first=len(chunks) + 1)
        mark_ocr(pages, figures, chunks)
    return ExtractedDocument(
        document=document, pages=pages, figures=figures, measures=measures, chunks=chunks
    )


def mark_ocr(pages: list[Page], figures: list[Figure], chunks: list[Chunk]) -> None:
    """Carry the pages' OCR mark to the figures and chunks taken from them."""
    read = {page.number for page in pages if page.ocr}
    if not read:
        return
    for figure in figures:
        figure.ocr = figure.page in read
    for chunk in chunks:
        chunk.ocr = chunk.page in read


def attach_amounts(measures: list[Measure], figures: list[Figure]) -> None:
    """Give each measure the page figures (money, percent, counts) stated in its own text."""
    by_page: dict[int, list[Figure]] = {}
    for figure in figures:
        if figure.kind in _AMOUNT_KINDS:
            by_page.setdefault(figure.page, []).append(figure)
    for measure in measures:
        candidates = [f for p in (measure.pages or [measure.page]) for f in by_page.get(p, [])]
        wanted = {_key(m.raw) for m in find_numbers(measure_text(measure))}
        seen: set[str] = set()
        for figure in candidates:
            key = _key(figure.raw)
            if key in wanted and key not in seen:
                measure.amounts.append(figure)
                seen.add(key)


def measure_text(measure: Measure) -> str:
    """All free text of a measure, for searching numbers and words in it."""
    parts = (
        measure.title,
        measure.description,
        measure.status_raw,
        measure.forecast,
        measure.last_month,
        measure.next_steps,
        measure.comments,
        measure.risks,
        measure.support_need,
    )
    return "\n\n".join(p for p in parts if p)


def _key(raw: str) -> str:
    return "".join(raw.split()).casefold()

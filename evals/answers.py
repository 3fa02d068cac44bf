"""Answers evaluation: does ``lagesbild ask`` say the right things, cite the right document,
abstain when it should, and how fast?

Over a dev-qa set (JSON lines ``{"id", "q", "facts", "doc", "kind"}``; ``facts`` is a list of
alternatives lists, ``kind: "abstain"`` (``"unanswerable"`` in ``evals/data/own-qa.jsonl``) marks
unanswerable questions) and one library, each question goes through
:class:`assistant.answering.Answerer`. Scores, targets in brackets:

* ``facts``: share of answerable questions whose answer holds every fact (any variant) (≥ 0.8);
  ``facts_lead``: the same on the answer's own sentence alone — the model's text, or the
  register's fields for a measure question — before the quoted evidence;
* ``cited_doc``: share of answerable questions citing the expected document (≥ 0.9);
* ``abstained_unanswerable``: share of unanswerable questions answered with an abstention;
  ``abstained_answerable``: share of answerable ones wrongly abstained on;
* ``unsupported_per_answer``: unsupported numbers per answer (flagged in the text);
* ``ttft_p50_ms`` / ``total_p50_ms``: time to first model token and to the whole answer.

    lagesbild eval answers --set ../shared/evals/dev-qa.jsonl
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.answering import EVIDENCE_HEADING, Answerer
from lagesbild.types import Answer, NumberStatus

FACTS_TARGET = 0.8
CITED_DOC_TARGET = 0.9
UNANSWERABLE_KINDS = frozenset({"abstain", "unanswerable"})  # dev-qa.jsonl, own-qa.jsonl


class QaItem(BaseModel):
    """One dev-qa question."""

    id: str = Field(description="Question id.")
    q: str = Field(description="The question.")
    facts: list[list[str]] = Field(default_factory=list, description="Facts; each any-of.")
    doc: str = Field(default="", description="Part of the expected document's file name.")
    kind: str = Field(
        default="", description="'abstain' or 'unanswerable' for unanswerable questions."
    )

    @property
    def answerable(self) -> bool:
        """False for questions the sources cannot answer."""
        return self.kind not in UNANSWERABLE_KINDS


class AnswerResult(BaseModel):
    """How one answer scored."""

    id: str = Field(description="Question id.")
    question: str = Field(description="The question.")
    answerable: bool = Field(description="Whether the sources answer it.")
    facts_ok: bool = Field(description="Every fact found in the answer.")
    facts_lead_ok: bool = Field(
        description="Every fact found before the quoted evidence (model or register text)."
    )
    cited_doc_ok: bool = Field(description="The expected document is cited.")
    abstained: bool = Field(description="The answer abstained.")
    unsupported: int = Field(description="Unsupported numbers in the answer.")
    ttft_ms: float = Field(description="Time to the first model token.")
    total_ms: float = Field(description="Time for the whole answer.")
    answer: str = Field(description="The answer text.")
    model_text: str = Field(description="The model's own text.")


class AnswersReport(BaseModel):
    """Scores over a set."""

    backend: str = Field(description="Chat backend used.")
    n: int = Field(description="Questions asked.")
    facts: float = Field(description="Share of answerable questions with all facts.")
    facts_lead: float = Field(description="The same, before the quoted evidence only.")
    cited_doc: float = Field(description="Share of answerable questions citing the right doc.")
    abstained_unanswerable: float | None = Field(description="Abstentions on unanswerable.")
    abstained_answerable: float = Field(description="Wrong abstentions on answerable.")
    unsupported_per_answer: float = Field(description="Mean unsupported numbers per answer.")
    ttft_p50_ms: float = Field(description="Median time to first token (model called only).")
    total_p50_ms: float = Field(description="Median time per answer.")
    results: list[AnswerResult] = Field(description="Per question.")


def load_qa(path: Path) -> list[QaItem]:
    """The questions of a dev-qa JSON-lines file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [QaItem.model_validate(json.loads(line)) for line in lines if line.strip()]


def has_facts(text: str, facts: Sequence[Sequence[str]]) -> bool:
    """True when every fact has one variant in the text (case and spacing folded)."""
    folded = _fold(text)
    return all(any(_fold(v) in folded for v in variants) for variants in facts)


def score(item: QaItem, answer: Answer) -> AnswerResult:
    """One answer against its question."""
    shown = answer.citations or []
    return AnswerResult(
        id=item.id,
        question=item.q,
        answerable=item.answerable,
        facts_ok=item.answerable and not answer.abstained and has_facts(answer.answer, item.facts),
        facts_lead_ok=item.answerable
        and not answer.abstained
        and has_facts(answer.answer.split(EVIDENCE_HEADING)[0], item.facts),
        cited_doc_ok=bool(item.doc) and any(item.doc in c.doc for c in shown),
        abstained=answer.abstained,
        unsupported=sum(c.status is NumberStatus.UNSUPPORTED for c in answer.number_check),
        ttft_ms=answer.timings.ttft_ms,
        total_ms=answer.timings.total_ms,
        answer=answer.answer,
        model_text=answer.model_text,
    )


def run_answers_eval(
    items: Sequence[QaItem],
    answerer: Answerer,
    progress: Callable[[int, int], None] | None = None,
) -> AnswersReport:
    """Ask every question and score the answers."""
    results = []
    for done, item in enumerate(items, 1):
        results.append(score(item, answerer.ask(item.q)))
        if progress:
            progress(done, len(items))
    return summarise(results, answerer.backend)


def summarise(results: Sequence[AnswerResult], backend: str) -> AnswersReport:
    """Rates and medians over per-question results."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    ttfts = [r.ttft_ms for r in results if r.ttft_ms > 0]
    return AnswersReport(
        backend=backend,
        n=len(results),
        facts=_share(answerable, lambda r: r.facts_ok),
        facts_lead=_share(answerable, lambda r: r.facts_lead_ok),
        cited_doc=_share(answerable, lambda r: r.cited_doc_ok),
        abstained_unanswerable=_share(unanswerable, lambda r: r.abstained)
        if unanswerable
        else None,
        abstained_answerable=_share(answerable, lambda r: r.abstained),
        unsupported_per_answer=statistics.fmean([r.unsupported for r in results] or [0]),
        ttft_p50_ms=statistics.median(ttfts) if ttfts else 0.0,
        total_p50_ms=statistics.median([r.total_ms for r in results] or [0.0]),
        results=list(results),
    )


def render_answers(report: AnswersReport) -> str:
    """The report as a small text table, then the questions that missed."""
    abstain = report.abstained_unanswerable
    rows = [
        ("fakta i svaret", f"{report.facts:.3f}", f"mål ≥ {FACTS_TARGET}"),
        ("fakta före citaten", f"{report.facts_lead:.3f}", "modellens eller registrets mening"),
        ("rätt dokument citerat", f"{report.cited_doc:.3f}", f"mål ≥ {CITED_DOC_TARGET}"),
        ("avstår på obesvarbara", "–" if abstain is None else f"{abstain:.3f}", "mål 1.0"),
        ("avstår felaktigt", f"{report.abstained_answerable:.3f}", "mål 0"),
        ("ej belagda tal per svar", f"{report.unsupported_per_answer:.2f}", ""),
        ("första token, median", f"{report.ttft_p50_ms / 1000:.1f} s", ""),
        ("hela svaret, median", f"{report.total_p50_ms / 1000:.1f} s", ""),
    ]
    lines = [f"backend {report.backend}, {report.n} frågor", ""]
    lines += [f"{name:<30} {value:>8}  {note}" for name, value, note in rows]
    misses = [r for r in report.results if _missed(r)]
    if misses:
        lines += ["", "missar:"]
        lines += [f"  {r.id} {_why(r)}  {r.question}" for r in misses]
    return "\n".join(lines)


def _missed(result: AnswerResult) -> bool:
    if not result.answerable:
        return not result.abstained
    return not (result.facts_ok and result.cited_doc_ok)


def _why(result: AnswerResult) -> str:
    if not result.answerable:
        return "svarade i stället för att avstå"
    if result.abstained:
        return "avstod"
    reasons = [] if result.facts_ok else ["fakta saknas"]
    reasons += [] if result.cited_doc_ok else ["fel dokument"]
    return ", ".join(reasons)


def _share(results: Sequence[AnswerResult], ok: Callable[[AnswerResult], bool]) -> float:
    return sum(ok(r) for r in results) / len(results) if results else 0.0


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").casefold().split())

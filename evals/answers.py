"""Answers evaluation: does ``lagesbild ask`` say the right things, cite the right document,
abstain when it should, and how fast?

Over a dev-qa set (JSON lines ``{"id", "q", "facts", "doc", "kind"}``; ``facts`` is a list of
alternatives lists, ``kind: "abstain"`` (``"unanswerable"`` in ``evals/data/own-qa.jsonl``) marks
unanswerable questions) and one library, each question goes through
:class:`assistant.answering.Answerer`. Scores, targets in brackets:

* ``facts``: share of answerable questions whose answer holds every fact (any variant) (≥ 0.85);
* ``facts_lead`` (*first sentence answers*): the same on ``Answer.lead`` alone (≥ 0.8);
* ``lead_wrong`` (*first sentence wrong*): share of answerable questions whose lead misses
  the facts and states a number or a name (acronym, capitalised word) that is neither in the
  facts nor in the question;
* ``quote_has_fact``: share of answerable questions whose verbatim text (the quotes, and the
  lead when it is a quote or register fields) holds every fact;
* ``cited_doc``: share of answerable questions citing the expected document (≥ 0.9);
* ``abstained_unanswerable``: share of unanswerable questions answered with an abstention;
  ``abstained_answerable`` (*false abstentions*): share of answerable ones abstained on (≤ 0.02);
* ``unsupported_per_answer``: numbers per answer the check did not back;
* ``ttft_p50_ms`` / ``ttft_p95_ms`` / ``total_p50_ms`` / ``total_p95_ms``: time to the first
  model token (questions that called the model) and to the whole answer.

An answer written before answers had parts (no ``lead``) is scored on its text: the lead is
what stands before "Ur underlaget:", the quotes what follows — so the same scorer measures
an older build for a before/after table.

    lagesbild eval answers --set ../shared/evals/dev-qa.jsonl --corpus examples/corpus
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.answering import Answerer
from evals.jsonlines import json_lines
from ingest.normalize import normalize_line
from lagesbild.types import Answer, LeadKind

FACTS_TARGET = 0.85
LEAD_TARGET = 0.8
CITED_DOC_TARGET = 0.9
FALSE_ABSTAIN_TARGET = 0.02
UNANSWERABLE_KINDS = frozenset({"abstain", "unanswerable"})  # dev-qa.jsonl, own-qa.jsonl
_LEGACY_HEADING = "Ur underlaget:"
_NOT_BACKED = {"unsupported", "misattributed", "quarantined"}
_STATED = re.compile(r"\d[\d\s,.:/–-]*\d|\d|\b[A-ZÅÄÖ]{2,}\b|(?<=\s)[A-ZÅÄÖ][a-zåäö]{2,}\b")
_MARKS = re.compile(r"\[\d+\]")


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
    facts_lead_ok: bool = Field(description="Every fact found in the lead (first sentence).")
    lead_wrong: bool = Field(default=False, description="The lead states a wrong number/name.")
    quote_has_fact: bool = Field(default=False, description="Every fact in the verbatim text.")
    lead: str = Field(default="", description="The lead as scored.")
    lead_kind: str = Field(default="", description="Where the lead came from.")
    cited_doc_ok: bool = Field(description="The expected document is cited.")
    abstained: bool = Field(description="The answer abstained.")
    unsupported: int = Field(description="Unsupported numbers in the answer.")
    ttft_ms: float = Field(description="Time to the first model token.")
    total_ms: float = Field(description="Time for the whole answer.")
    cached: bool = Field(default=False, description="The model's text came from the cache.")
    answer: str = Field(description="The answer text.")
    model_text: str = Field(description="The model's own text.")


class AnswersReport(BaseModel):
    """Scores over a set."""

    backend: str = Field(description="Chat backend used.")
    n: int = Field(description="Questions asked.")
    facts: float = Field(description="Share of answerable questions with all facts.")
    facts_lead: float = Field(description="The same, in the lead (first sentence) only.")
    lead_wrong: float = Field(default=0.0, description="Share with a wrong first sentence.")
    quote_has_fact: float = Field(default=0.0, description="Share with the facts quoted.")
    cited_doc: float = Field(description="Share of answerable questions citing the right doc.")
    abstained_unanswerable: float | None = Field(description="Abstentions on unanswerable.")
    abstained_answerable: float = Field(description="Wrong abstentions on answerable.")
    unsupported_per_answer: float = Field(description="Mean unsupported numbers per answer.")
    ttft_p50_ms: float = Field(description="Median time to first token (model called only).")
    ttft_p95_ms: float = Field(default=0.0, description="95th percentile time to first token.")
    total_p50_ms: float = Field(description="Median time per answer.")
    total_p95_ms: float = Field(default=0.0, description="95th percentile time per answer.")
    cached: int = Field(default=0, description="Answers whose model text came from the cache.")
    results: list[AnswerResult] = Field(description="Per question.")


def load_qa(path: Path) -> list[QaItem]:
    """The questions of a dev-qa JSON-lines file."""
    return [QaItem.model_validate(item) for item in json_lines(path, ("id", "q"))]


def has_facts(text: str, facts: Sequence[Sequence[str]]) -> bool:
    """True when every fact has one variant in the text (case and spacing folded)."""
    folded = _fold(text)
    return all(any(_fold(v) in folded for v in variants) for variants in facts)


def parts_of(answer: Answer) -> tuple[str, str, str]:
    """(lead, lead kind, verbatim text) of an answer; older answers are read from the text."""
    if answer.lead or answer.abstained:
        verbatim = [q.text for q in answer.quotes]
        if answer.lead_kind in (LeadKind.QUOTE, LeadKind.REGISTER):
            verbatim.insert(0, answer.lead)
        return answer.lead, answer.lead_kind.value, "\n".join(verbatim)
    before, _, after = answer.answer.partition(_LEGACY_HEADING)
    kind = LeadKind.MODEL.value if before.strip() else LeadKind.NONE.value
    return before.strip(), kind, after


def states_other(lead: str, question: str, facts: Sequence[Sequence[str]]) -> bool:
    """True when the lead states a number or name found neither in the facts nor the question."""
    said = [m.group().strip() for m in _STATED.finditer(_MARKS.sub("", lead))]
    known = _fold(question + " " + " ".join(v for variants in facts for v in variants))
    return any(_fold(item) not in known for item in said)


def score(item: QaItem, answer: Answer) -> AnswerResult:
    """One answer against its question."""
    shown = answer.citations or []
    lead, kind, verbatim = parts_of(answer)
    answered = item.answerable and not answer.abstained
    lead_ok = answered and has_facts(lead, item.facts)
    return AnswerResult(
        id=item.id,
        question=item.q,
        answerable=item.answerable,
        facts_ok=answered and has_facts(answer.answer, item.facts),
        facts_lead_ok=lead_ok,
        lead_wrong=answered and not lead_ok and states_other(lead, item.q, item.facts),
        quote_has_fact=answered and has_facts(verbatim, item.facts),
        lead=lead,
        lead_kind=kind,
        cited_doc_ok=bool(item.doc) and any(item.doc in c.doc for c in shown),
        abstained=answer.abstained,
        unsupported=sum(c.status.value in _NOT_BACKED for c in answer.number_check),
        ttft_ms=answer.timings.ttft_ms,
        total_ms=answer.timings.total_ms,
        answer=answer.answer,
        model_text=answer.model_text,
    )


def run_answers_eval(
    items: Sequence[QaItem],
    answerer: Answerer,
    progress: Callable[[int, int], None] | None = None,
    cache_hits: Callable[[], int] | None = None,
) -> AnswersReport:
    """Ask every question and score the answers. ``cache_hits`` counts the model texts read
    from a cache (:mod:`evals.model_cache`) so far: their times are left out of the medians."""
    hits = cache_hits or (lambda: 0)
    results = []
    for done, item in enumerate(items, 1):
        before = hits()
        result = score(item, answerer.ask(item.q))
        result.cached = hits() > before
        results.append(result)
        if progress:
            progress(done, len(items))
    return summarise(results, answerer.backend)


def summarise(results: Sequence[AnswerResult], backend: str) -> AnswersReport:
    """Rates and medians over per-question results."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    timed = [r for r in results if not r.cached]
    ttfts = [r.ttft_ms for r in timed if r.ttft_ms > 0]
    totals = [r.total_ms for r in timed]
    return AnswersReport(
        backend=backend,
        n=len(results),
        facts=_share(answerable, lambda r: r.facts_ok),
        facts_lead=_share(answerable, lambda r: r.facts_lead_ok),
        lead_wrong=_share(answerable, lambda r: r.lead_wrong),
        quote_has_fact=_share(answerable, lambda r: r.quote_has_fact),
        cited_doc=_share(answerable, lambda r: r.cited_doc_ok),
        abstained_unanswerable=_share(unanswerable, lambda r: r.abstained)
        if unanswerable
        else None,
        abstained_answerable=_share(answerable, lambda r: r.abstained),
        unsupported_per_answer=statistics.fmean([r.unsupported for r in results] or [0]),
        ttft_p50_ms=statistics.median(ttfts) if ttfts else 0.0,
        ttft_p95_ms=_p95(ttfts),
        total_p50_ms=statistics.median(totals or [0.0]),
        total_p95_ms=_p95(totals),
        cached=len(results) - len(timed),
        results=list(results),
    )


def render_answers(report: AnswersReport) -> str:
    """The report as a small text table, then the questions that missed."""
    abstain = report.abstained_unanswerable
    rows = [
        ("fakta i svaret", f"{report.facts:.3f}", f"mål ≥ {FACTS_TARGET}"),
        ("första meningen svarar", f"{report.facts_lead:.3f}", f"mål ≥ {LEAD_TARGET}"),
        ("första meningen fel", f"{report.lead_wrong:.3f}", "mål 0"),
        ("citat innehåller faktan", f"{report.quote_has_fact:.3f}", ""),
        ("rätt dokument citerat", f"{report.cited_doc:.3f}", f"mål ≥ {CITED_DOC_TARGET}"),
        ("avstår på obesvarbara", "–" if abstain is None else f"{abstain:.3f}", "mål 1.0"),
        ("avstår felaktigt", f"{report.abstained_answerable:.3f}", f"mål ≤ {FALSE_ABSTAIN_TARGET}"),
        ("ej belagda tal per svar", f"{report.unsupported_per_answer:.2f}", ""),
        ("första token, p50 / p95", _seconds(report.ttft_p50_ms, report.ttft_p95_ms), ""),
        ("hela svaret, p50 / p95", _seconds(report.total_p50_ms, report.total_p95_ms), ""),
    ]
    lines = [f"backend {report.backend}, {report.n} frågor"]
    if report.cached:
        lines.append(f"{report.cached} svar med modellens text ur cachen (tiderna gäller övriga)")
    lines.append("")
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
    reasons += [] if not result.lead_wrong else ["första meningen fel"]
    reasons += [] if result.cited_doc_ok else ["fel dokument"]
    return ", ".join(reasons)


def _p95(values: Sequence[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _seconds(p50: float, p95: float) -> str:
    return f"{p50 / 1000:.1f} / {p95 / 1000:.1f} s"


def _share(results: Sequence[AnswerResult], ok: Callable[[AnswerResult], bool]) -> float:
    return sum(ok(r) for r in results) / len(results) if results else 0.0


def _fold(text: str) -> str:
    return normalize_line(text).casefold()

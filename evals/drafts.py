"""Revisor draft evaluation: does the draft find each point and link it to what answers it?

A gold set (``evals/data/gold-revisor-*.json``, written by reading the documents) lists, per
auditors' report, each point of criticism or recommendation (text, page) and the passages or
measures that answer it (``doc``, 1-based ``page``, a short verbatim ``evidence``), or none.
The draft of each report (:func:`assistant.drafts.revisor.draft_revisor`, over a library
where the gold's corpus is ingested) is scored:

* **point recall**: gold points that a draft point pairs with (one to one, by the share of
  the gold point's words the draft point holds, ≥ :data:`POINT_MATCH`);
* **links**: every measure and every quoted passage the draft gives as an answer
  ("möjligen relevant" is not an answer). A link is *right* when it names a gold answer's
  document and page, or its text holds the gold evidence. Link precision = right / all
  links of paired points; link recall = gold answers some link hits / all gold answers
  (a gold answer may span pages, ``last_page``: a plan). Measure links are also counted
  on their own;
* **answered wrongly**: paired points with at least one link and none right (a point the
  sources do not answer counts as wrongly answered as soon as it gets a link). A wrong
  link is worse than none, so this is the number to keep at zero.

    from evals.drafts import run_drafts_eval, render_drafts
    report = run_drafts_eval(Path("evals/data/gold-revisor-sample.json"), library)
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.drafts.models import Criticism, RevisorDraft
from assistant.drafts.revisor import RevisorDrafter
from lagesbild.errors import LagesbildError
from vectorstore.library import Library

POINT_MATCH = 0.6
_WORD = re.compile(r"[0-9a-zåäöéü]{3,}")


class GoldAnswer(BaseModel):
    """A passage or measure that answers a point."""

    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page.")
    evidence: str = Field(description="A short verbatim string of the passage.")
    last_page: int | None = Field(
        default=None,
        description="Last page of an answer that spans pages (a plan): a link to any page "
        "from `page` to it hits.",
    )


class GoldPoint(BaseModel):
    """One point of criticism or recommendation, with what answers it."""

    id: str = Field(description="Short id, unique in the set.")
    text: str = Field(description="The point as written (may be cut short).")
    page: int = Field(description="1-based page the point stands on.")
    answers: list[GoldAnswer] = Field(
        default_factory=list, description="What answers it; empty when nothing does."
    )


class GoldReport(BaseModel):
    """An auditors' report (or an answer quoting its points) and its gold points."""

    report: str = Field(description="File name of the report in the corpus.")
    points: list[GoldPoint] = Field(description="Its points.")


class GoldSet(BaseModel):
    """A revisor gold file."""

    description: str = Field(default="", description="How the gold was written.")
    corpus: list[str] = Field(default_factory=list, description="Folders to ingest.")
    reports: list[GoldReport] = Field(description="The reports.")


class PointScore(BaseModel):
    """How the draft did on one gold point."""

    id: str = Field(description="Gold point id.")
    found: bool = Field(description="A draft point pairs with it.")
    links: int = Field(default=0, description="Links the draft gives as answers.")
    right: int = Field(default=0, description="Links that are right.")
    gold_answers: int = Field(default=0, description="Gold answers of the point.")
    gold_hit: int = Field(default=0, description="Gold answers some link hits.")
    wrong: list[str] = Field(default_factory=list, description="'doc s. page' of wrong links.")
    measure_links: int = Field(default=0, description="Of the links: register measures.")
    measure_right: int = Field(default=0, description="Measure links that are right.")


class ReportScore(BaseModel):
    """The scores of one report's draft."""

    report: str = Field(description="File name of the report.")
    present: bool = Field(description="The report is ingested in the library.")
    draft_points: int = Field(default=0, description="Points the draft found.")
    points: list[PointScore] = Field(default_factory=list, description="Per gold point.")
    seconds: float = Field(default=0.0, description="Time to draft.")


class DraftsReport(BaseModel):
    """Totals over the reports of a gold set."""

    name: str = Field(description="Gold set name.")
    reports: list[ReportScore] = Field(description="Per report.")
    gold_points: int = Field(description="Gold points of present reports.")
    found: int = Field(description="Gold points the drafts found.")
    point_recall: float | None = Field(description="found / gold_points.")
    links: int = Field(description="Links on found points.")
    right: int = Field(description="Right links.")
    link_precision: float | None = Field(description="right / links.")
    gold_answers: int = Field(description="Gold answers of present reports.")
    gold_hit: int = Field(description="Gold answers hit.")
    link_recall: float | None = Field(description="gold_hit / gold_answers.")
    answered: int = Field(description="Found points with at least one link.")
    answered_right: int = Field(description="Found points with at least one right link.")
    answered_wrongly: int = Field(description="Found points with links, none right.")
    measure_links: int = Field(default=0, description="Links that are register measures.")
    measure_right: int = Field(default=0, description="Measure links that are right.")


def load_gold(path: Path) -> GoldSet:
    """The gold set in ``path``."""
    return GoldSet.model_validate(json.loads(path.read_text(encoding="utf-8")))


def words(text: str) -> set[str]:
    """Lowercase words of three letters or more."""
    return set(_WORD.findall(text.casefold()))


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[-\u00ad]\s*\n\s*", "", text).casefold().split())


def point_similarity(gold: str, found: str) -> float:
    """Share of the gold point's words the found point holds."""
    g = words(gold)
    return len(g & words(found)) / len(g) if g else 0.0


def pair_points(gold: Sequence[GoldPoint], found: Sequence[Criticism]) -> dict[str, Criticism]:
    """Gold id → the draft point it pairs with (best pairs first, one to one)."""
    scored = [
        (point_similarity(g.text, c.text), i, j)
        for i, g in enumerate(gold)
        for j, c in enumerate(found)
    ]
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    pairs: dict[str, Criticism] = {}
    used: set[int] = set()
    for score, i, j in scored:
        if score < POINT_MATCH:
            break
        if gold[i].id not in pairs and j not in used:
            pairs[gold[i].id] = found[j]
            used.add(j)
    return pairs


def _links(criticism: Criticism) -> list[tuple[str, int, str]]:
    """(doc, page, text) of every answer the draft gives to a point."""
    found = [(m.doc, m.page, m.title) for m in criticism.measures]
    found += [(e.doc, e.page, e.quote) for e in criticism.evidence]
    return found


def _hits(link: tuple[str, int, str], answer: GoldAnswer) -> bool:
    doc, page, text = link
    if doc != answer.doc:
        return False
    if answer.page <= page <= (answer.last_page or answer.page):
        return True
    return _folded(answer.evidence) in _folded(text)


def score_point(gold: GoldPoint, criticism: Criticism | None) -> PointScore:
    """The score of one gold point against its paired draft point (or none)."""
    if criticism is None:
        return PointScore(id=gold.id, found=False, gold_answers=len(gold.answers))
    links = _links(criticism)
    right = [link for link in links if any(_hits(link, a) for a in gold.answers)]
    hit = [a for a in gold.answers if any(_hits(link, a) for link in links)]
    wrong = [f"{d} s. {p}" for d, p, t in links if (d, p, t) not in right]
    measures = [(m.doc, m.page, m.title) for m in criticism.measures]
    return PointScore(
        id=gold.id,
        found=True,
        links=len(links),
        right=len(right),
        gold_answers=len(gold.answers),
        gold_hit=len(hit),
        wrong=wrong,
        measure_links=len(measures),
        measure_right=sum(1 for link in measures if any(_hits(link, a) for a in gold.answers)),
    )


def score_draft(gold: GoldReport, draft: RevisorDraft) -> ReportScore:
    """The scores of one draft against its gold report."""
    pairs = pair_points(gold.points, draft.criticisms)
    return ReportScore(
        report=gold.report,
        present=True,
        draft_points=len(draft.criticisms),
        points=[score_point(p, pairs.get(p.id)) for p in gold.points],
    )


def run_drafts_eval(set_path: Path, library: Library) -> DraftsReport:
    """Draft every gold report ingested in ``library`` and score it (others: absent)."""
    import time

    gold = load_gold(set_path)
    drafter = RevisorDrafter(library)
    scores = []
    for report in gold.reports:
        start = time.perf_counter()
        try:
            draft = drafter.draft(report.report)
        except LagesbildError:
            scores.append(ReportScore(report=report.report, present=False))
            continue
        score = score_draft(report, draft)
        score.seconds = round(time.perf_counter() - start, 2)
        scores.append(score)
    return summarise(set_path.stem, scores)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarise(name: str, reports: list[ReportScore]) -> DraftsReport:
    """Micro-averaged totals over the present reports."""
    points = [p for r in reports if r.present for p in r.points]
    found = [p for p in points if p.found]
    links = sum(p.links for p in found)
    right = sum(p.right for p in found)
    answers = sum(p.gold_answers for p in points)
    hit = sum(p.gold_hit for p in points)
    return DraftsReport(
        name=name,
        reports=reports,
        gold_points=len(points),
        found=len(found),
        point_recall=_ratio(len(found), len(points)),
        links=links,
        right=right,
        link_precision=_ratio(right, links),
        gold_answers=answers,
        gold_hit=hit,
        link_recall=_ratio(hit, answers),
        answered=sum(1 for p in found if p.links),
        answered_right=sum(1 for p in found if p.right),
        answered_wrongly=sum(1 for p in found if p.links and not p.right),
        measure_links=sum(p.measure_links for p in found),
        measure_right=sum(p.measure_right for p in found),
    )


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def render_drafts(report: DraftsReport) -> str:
    """A plain-text table: per report, then the totals (document text is never markup)."""
    lines = [f"Revisorsutkast mot facit: {report.name}", ""]
    for r in report.reports:
        if not r.present:
            lines.append(f"{r.report}: inte inläst, hoppas över")
            continue
        found = sum(1 for p in r.points if p.found)
        wrong = sum(1 for p in r.points if p.found and p.links and not p.right)
        links = sum(p.links for p in r.points)
        right = sum(p.right for p in r.points)
        lines.append(
            f"{r.report}: punkter {found}/{len(r.points)} (utkastet {r.draft_points}), "
            f"länkar rätt {right}/{links}, fel besvarade {wrong}, {r.seconds:.1f} s"
        )
        for p in r.points:
            if p.wrong:
                lines.append(f"  {p.id}: fel länk {', '.join(p.wrong[:3])}")
    lines += [
        "",
        f"punkter funna     {report.found}/{report.gold_points} ({_num(report.point_recall)})",
        f"länkprecision     {report.right}/{report.links} ({_num(report.link_precision)})",
        f"länkrecall        {report.gold_hit}/{report.gold_answers} ({_num(report.link_recall)})",
        f"besvarade         {report.answered} (rätt {report.answered_right})",
        f"fel besvarade     {report.answered_wrongly}",
        f"åtgärdslänkar     {report.measure_right}/{report.measure_links} rätt",
    ]
    return "\n".join(lines) + "\n"

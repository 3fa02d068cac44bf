"""Claims evaluation: does the number check flag the wrong numbers and leave the right ones?

A claims set is JSON lines ``{"id", "claim", "supported": true|false}`` (optionally
``"cited": [{"doc": …, "page": …}]``). Each claim is checked with
:func:`assistant.number_check.check_numbers` against the figures of a corpus; a claim is
*flagged* when at least one of its numbers is unsupported. Two rates, the project's targets
in brackets:

* ``recall_on_wrong``: share of unsupported claims (``supported: false``) that are flagged
  (≥ 0.95);
* ``false_alarm_rate``: share of supported claims (``supported: true``) that are flagged
  (≤ 0.05).

Figures come from :func:`figures_from_corpus` (each file through
:func:`ingest.pipeline.extract_document`, no embedding) or from the register::

    lagesbild eval claims --set ../shared/evals/dev-claims.jsonl --corpus examples/corpus
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.number_check import check_with_index
from assistant.number_match import FigureIndex
from ingest.pipeline import extract_document
from lagesbild.types import Figure, NumberCheck, NumberStatus

RECALL_TARGET = 0.95
FALSE_ALARM_TARGET = 0.05


class Claim(BaseModel):
    """One claim of a claims set."""

    id: str = Field(description="Claim id.")
    claim: str = Field(description="The claim text, as an answer would state it.")
    supported: bool = Field(description="True if every number of the claim is backed.")
    cited: list[tuple[str, int]] | None = Field(
        default=None, description="(doc, page) pairs the claim cites; None when unknown."
    )


class ClaimResult(BaseModel):
    """How the number check judged one claim."""

    id: str = Field(description="Claim id.")
    claim: str = Field(description="The claim text.")
    supported: bool = Field(description="The expected label.")
    flagged: bool = Field(description="True if at least one number was unsupported.")
    checks: list[NumberCheck] = Field(description="The number checks of the claim.")

    @property
    def correct(self) -> bool:
        """True when flagged exactly the unsupported claims."""
        return self.flagged != self.supported


class ClaimsReport(BaseModel):
    """Number-check quality on one claims set."""

    name: str = Field(description="Set name, e.g. 'dev-claims'.")
    n: int = Field(description="Claims in the set.")
    wrong: int = Field(description="Claims labelled unsupported.")
    right: int = Field(description="Claims labelled supported.")
    recall_on_wrong: float | None = Field(
        description="Share of unsupported claims with a flagged number; None without any."
    )
    false_alarm_rate: float | None = Field(
        description="Share of supported claims with a flagged number; None without any."
    )
    figures: int = Field(description="Figures the claims were checked against.")
    per_claim: list[ClaimResult] = Field(description="One row per claim, in set order.")


def load_claims(path: Path) -> list[Claim]:
    """The claims of a JSON-lines set (blank lines skipped)."""
    claims = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            cited = item.get("cited")
            claims.append(
                Claim(
                    id=item["id"],
                    claim=item["claim"],
                    supported=item["supported"],
                    cited=None if cited is None else [(c["doc"], c["page"]) for c in cited],
                )
            )
    return claims


def figures_from_corpus(folder: Path) -> list[Figure]:
    """The figures of every file in ``folder`` (sorted by name; hidden files skipped)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return [figure for path in files for figure in extract_document(path).figures]


def score_claims(claims: Sequence[Claim], figures: Sequence[Figure], name: str) -> ClaimsReport:
    """Check each claim against ``figures`` and compute the two rates."""
    index = FigureIndex(figures)
    rows = []
    for claim in claims:
        checks = check_with_index(claim.claim, index, claim.cited)
        flagged = any(c.status is NumberStatus.UNSUPPORTED for c in checks)
        rows.append(
            ClaimResult(
                id=claim.id,
                claim=claim.claim,
                supported=claim.supported,
                flagged=flagged,
                checks=checks,
            )
        )
    wrong = [r for r in rows if not r.supported]
    right = [r for r in rows if r.supported]
    return ClaimsReport(
        name=name,
        n=len(rows),
        wrong=len(wrong),
        right=len(right),
        recall_on_wrong=_share(wrong, flagged=True),
        false_alarm_rate=_share(right, flagged=True),
        figures=len(figures),
        per_claim=rows,
    )


def run_claims_eval(set_path: Path, figures: Sequence[Figure]) -> ClaimsReport:
    """Score the claims set at ``set_path`` against ``figures``."""
    return score_claims(load_claims(set_path), figures, name=set_path.stem)


def _share(rows: Sequence[ClaimResult], flagged: bool) -> float | None:
    """Share of ``rows`` whose ``flagged`` is as given; None for no rows."""
    if not rows:
        return None
    return sum(r.flagged == flagged for r in rows) / len(rows)


def render_claims(report: ClaimsReport) -> str:
    """A plain-text table: one line per claim, its numbers and statuses, then the rates."""
    header = f"{'id':<8} {'label':<6} {'flag':<5} {'ok':<3} numbers"
    lines = [header, "-" * 78]
    for r in report.per_claim:
        numbers = "; ".join(f"{c.raw} → {c.status.value}" for c in r.checks) or "–"
        label = "rätt" if r.supported else "fel"
        flag = "ja" if r.flagged else "nej"
        lines.append(f"{r.id:<8} {label:<6} {flag:<5} {'✓' if r.correct else '✗':<3} {numbers}")
    lines.append("-" * 78)
    lines.append(
        f"{report.name}: n={report.n} ({report.wrong} fel, {report.right} rätt), "
        f"{report.figures} figurer"
    )
    lines.append(_rate("recall på fel påståenden", report.recall_on_wrong, RECALL_TARGET, "≥"))
    lines.append(
        _rate("falsklarm på rätt påståenden", report.false_alarm_rate, FALSE_ALARM_TARGET, "≤")
    )
    return "\n".join(lines)


def _rate(label: str, value: float | None, target: float, relation: str) -> str:
    """'label: 0.950 (mål ≥ 0.95)', or 'label: –' without claims of that kind."""
    shown = "–" if value is None else f"{value:.3f}"
    return f"{label}: {shown} (mål {relation} {target:.2f})"

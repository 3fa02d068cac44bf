"""Claims evaluation: does the number check flag the wrong numbers and leave the right ones?

A claims set is JSON lines ``{"id", "claim", "supported": true|false}`` (optionally
``"cited": [{"doc": …, "page": …}]`` and ``"kind"``, e.g. ``correct``, ``rounded``,
``swap_year``, ``flip_polarity``, ``wrong_value``). Each claim is checked with
:func:`assistant.number_check.check_numbers` against the figures of a corpus; a claim is
*flagged* when at least one of its numbers is flagged (unsupported, misattributed or
quarantined). The rates, the project's targets in brackets:

* ``recall_on_wrong``: share of unsupported claims (``supported: false``) that are flagged
  (≥ 0.97);
* ``recall_on_misattributed``: the same over the wrong claims whose value stands in the
  sources with another meaning — kinds starting with ``swap``, ``flip`` or ``misattrib``
  (None without kinds);
* ``false_alarm_rate``: share of supported claims (``supported: true``) that are flagged
  (≤ 0.03).

With kinds, :func:`render_claims` adds one row per kind (claims, flagged, share).

Figures come from :func:`figures_from_corpus` (each file through
:func:`ingest.pipeline.extract_document`, no embedding) or from the register::

    lagesbild eval claims --set ../shared/evals/dev-claims.jsonl --corpus examples/corpus
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.number_check import FLAGGED, check_with_index
from assistant.number_match import FigureIndex
from evals.jsonlines import json_lines
from ingest.pipeline import extract_document
from lagesbild.types import Figure, NumberCheck

RECALL_TARGET = 0.97
FALSE_ALARM_TARGET = 0.03
MISATTRIBUTED_KINDS = ("swap", "flip", "misattrib")
"""A wrong claim of a kind starting with one of these has a value that stands in the sources."""


class Claim(BaseModel):
    """One claim of a claims set."""

    id: str = Field(description="Claim id.")
    claim: str = Field(description="The claim text, as an answer would state it.")
    supported: bool = Field(description="True if every number of the claim is backed.")
    cited: list[tuple[str, int]] | None = Field(
        default=None, description="(doc, page) pairs the claim cites; None when unknown."
    )
    kind: str | None = Field(default=None, description="How the claim was built, if given.")

    @property
    def misattributed(self) -> bool:
        """A wrong claim whose value stands in the sources about something else."""
        return not self.supported and (self.kind or "").startswith(MISATTRIBUTED_KINDS)


class KindRow(BaseModel):
    """How the claims of one kind fared."""

    kind: str = Field(description="The kind, as the set names it.")
    supported: bool = Field(description="The label of the kind's claims (the first one's).")
    n: int = Field(description="Claims of this kind.")
    flagged: int = Field(description="Of them, flagged.")


class ClaimResult(BaseModel):
    """How the number check judged one claim."""

    id: str = Field(description="Claim id.")
    claim: str = Field(description="The claim text.")
    supported: bool = Field(description="The expected label.")
    kind: str | None = Field(default=None, description="How the claim was built, if given.")
    flagged: bool = Field(description="True if at least one number was flagged.")
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
    misattributed: int = Field(default=0, description="Wrong claims of a misattributed kind.")
    recall_on_misattributed: float | None = Field(
        default=None,
        description="Share of misattributed claims (by kind) that are flagged; None without.",
    )
    false_alarm_rate: float | None = Field(
        description="Share of supported claims with a flagged number; None without any."
    )
    per_kind: list[KindRow] = Field(default_factory=list, description="One row per kind.")
    figures: int = Field(description="Figures the claims were checked against.")
    per_claim: list[ClaimResult] = Field(description="One row per claim, in set order.")


def load_claims(path: Path) -> list[Claim]:
    """The claims of a JSON-lines set (blank lines skipped)."""
    claims = []
    for item in json_lines(path, ("id", "claim", "supported")):
        cited = item.get("cited")
        claims.append(
            Claim(
                id=item["id"],
                claim=item["claim"],
                supported=item["supported"],
                cited=None if cited is None else [(c["doc"], c["page"]) for c in cited],
                kind=item.get("kind"),
            )
        )
    return claims


def figures_from_corpus(*folders: Path) -> list[Figure]:
    """The figures of every file in the ``folders`` (each sorted by name; hidden files
    skipped)."""
    return read_corpus(*folders)[0]


def read_corpus(*folders: Path) -> tuple[list[Figure], dict[tuple[str, int], str]]:
    """The figures and the page texts (by document and page) of every file in the
    ``folders``, read as ingest reads them (each folder sorted by name; hidden files
    skipped)."""
    figures: list[Figure] = []
    pages: dict[tuple[str, int], str] = {}
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        for path in files:
            extracted = extract_document(path)
            figures += extracted.figures
            pages.update({(extracted.document.doc, p.number): p.text for p in extracted.pages})
    return figures, pages


def score_claims(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    name: str,
    pages: Mapping[tuple[str, int], str] | None = None,
) -> ClaimsReport:
    """Check each claim against ``figures`` (and the ``pages``' texts) and compute the two
    rates."""
    index = FigureIndex(figures, pages)
    rows = []
    for claim in claims:
        checks = check_with_index(claim.claim, index, claim.cited)
        rows.append(
            ClaimResult(
                id=claim.id,
                claim=claim.claim,
                supported=claim.supported,
                kind=claim.kind,
                flagged=any(c.status in FLAGGED for c in checks),
                checks=checks,
            )
        )
    wrong = [r for r in rows if not r.supported]
    right = [r for r in rows if r.supported]
    misattributed = [r for r, c in zip(rows, claims, strict=True) if c.misattributed]
    return ClaimsReport(
        name=name,
        n=len(rows),
        wrong=len(wrong),
        right=len(right),
        recall_on_wrong=_share(wrong, flagged=True),
        misattributed=len(misattributed),
        recall_on_misattributed=_share(misattributed, flagged=True),
        false_alarm_rate=_share(right, flagged=True),
        per_kind=_per_kind(rows),
        figures=len(figures),
        per_claim=rows,
    )


def _per_kind(rows: Sequence[ClaimResult]) -> list[KindRow]:
    """One row per kind, in the order kinds first appear."""
    kinds: dict[str, list[ClaimResult]] = {}
    for r in rows:
        if r.kind is not None:
            kinds.setdefault(r.kind, []).append(r)
    return [
        KindRow(
            kind=kind,
            supported=group[0].supported,
            n=len(group),
            flagged=sum(r.flagged for r in group),
        )
        for kind, group in kinds.items()
    ]


def run_claims_eval(
    set_path: Path,
    figures: Sequence[Figure],
    pages: Mapping[tuple[str, int], str] | None = None,
) -> ClaimsReport:
    """Score the claims set at ``set_path`` against ``figures`` and the ``pages``' texts."""
    return score_claims(load_claims(set_path), figures, name=set_path.stem, pages=pages)


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
        _rate(
            f"recall på felattribuerade ({report.misattributed})",
            report.recall_on_misattributed,
            RECALL_TARGET,
            "≥",
        )
    )
    lines.append(
        _rate("falsklarm på rätt påståenden", report.false_alarm_rate, FALSE_ALARM_TARGET, "≤")
    )
    if report.per_kind:
        lines += ["", f"{'typ':<16} {'etikett':<8} {'n':>3} {'flaggade':>8} {'andel':>6}"]
        for row in report.per_kind:
            label = "rätt" if row.supported else "fel"
            share = row.flagged / row.n if row.n else 0.0
            lines.append(f"{row.kind:<16} {label:<8} {row.n:>3} {row.flagged:>8} {share:>6.2f}")
    return "\n".join(lines)


def _rate(label: str, value: float | None, target: float, relation: str) -> str:
    """'label: 0.950 (mål ≥ 0.95)', or 'label: –' without claims of that kind."""
    shown = "–" if value is None else f"{value:.3f}"
    return f"{label}: {shown} (mål {relation} {target:.2f})"

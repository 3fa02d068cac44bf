"""Measures evaluation: does the register hold what a person wrote down for each document?

A gold set (``evals/data/gold-measures-real.json``) lists, per document of a corpus folder,
the measures its register should hold (title, pages, owner, due, status) and the figures
of one table (row, column, value). Each file is run through
:func:`ingest.pipeline.extract_document` (no embedding, no model) and scored:

* **measures**: gold and extracted measures are paired one to one by title similarity
  (word overlap, :func:`title_similarity` ≥ :data:`MATCH_THRESHOLD`); precision = paired /
  extracted, recall = paired / gold. Of the pairs whose gold names an owner (a due, a
  status), the share the register got right, and of the pairs whose gold names both an
  owner and a due, the share with both right (a complete measure);
* **tables**: of each gold table's figures, the share found as a figure on that page with
  the same value *and* its row and column labels (``Figure.row_label`` /
  ``column_label``), and — as a weaker floor — with the same value anywhere on the page.

    lagesbild eval measures --set evals/data/gold-measures-real.json
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from ingest.pipeline import extract_document
from lagesbild.types import Figure, Measure

MATCH_THRESHOLD = 0.5
_WORD = re.compile(r"[0-9a-zåäöéü]+")
# Words too common in measure titles to say which measure is meant.
# fmt: off
_STOP = frozenset(
    {
        "och", "att", "för", "i", "av", "med", "som", "på", "till", "en", "ett", "de", "det",
        "den", "om", "ska", "bör", "är", "kan", "eller", "samt", "från", "inom", "vid", "så",
    }
)
# fmt: on


class GoldMeasure(BaseModel):
    """One measure a document's register should hold."""

    title: str = Field(description="The measure's name as written.")
    pages: list[int] = Field(default_factory=list, description="Pages it stands on.")
    layout: str | None = Field(default=None, description="Expected layout, if noted.")
    section: str = Field(default="", description="Heading it stands under.")
    owner: str | None = Field(default=None, description="Responsible organisation, if stated.")
    due: str | None = Field(default=None, description="'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.")
    due_raw: str | None = Field(default=None, description="Due as written, if noted.")
    status: str | None = Field(default=None, description="Status, when the source says it.")
    responsibilities: list[dict[str, str | None]] = Field(
        default_factory=list, description="Each responsible party (organisation, role, due)."
    )


class GoldFigure(BaseModel):
    """One cell of a gold table."""

    row: str = Field(description="Row label as written.")
    column: str = Field(description="Column label as written.")
    value: float = Field(description="Value as written (sign included).")
    unit: str = Field(default="", description="Unit of the table, e.g. 'tkr'.")


class GoldTable(BaseModel):
    """The figures of one table."""

    page: int = Field(description="Page the table stands on.")
    caption: str = Field(default="", description="What the table is.")
    figures: list[GoldFigure] = Field(description="Its cells.")


class GoldDocument(BaseModel):
    """What one document's register should hold."""

    doc: str = Field(description="File name in the corpus folder.")
    note: str = Field(default="", description="How the gold was decided.")
    scope_pages: list[int] = Field(
        default_factory=list,
        description="When set, only register measures on these pages are scored (gold "
        "written for part of a document).",
    )
    measures: list[GoldMeasure] = Field(description="Its measures.")
    tables: list[GoldTable] = Field(default_factory=list, description="One table's figures.")


class GoldSet(BaseModel):
    """A gold file."""

    description: str = Field(default="", description="What the set is.")
    corpus: str = Field(description="Corpus folder, relative to the repository root.")
    fields: dict[str, str] = Field(default_factory=dict, description="Field meanings.")
    documents: list[GoldDocument] = Field(description="One entry per document.")


class Pair(BaseModel):
    """A gold measure and the register measure paired with it (None: missed)."""

    gold: str = Field(description="Gold title.")
    found: str | None = Field(description="Register title, None when missed.")
    similarity: float = Field(description="Title similarity of the pair.")
    owner_ok: bool | None = Field(default=None, description="None when gold has no owner.")
    due_ok: bool | None = Field(default=None, description="None when gold has no due.")
    status_ok: bool | None = Field(default=None, description="None when gold has no status.")


class TableScore(BaseModel):
    """Recall of one gold table's figures."""

    page: int = Field(description="Page of the table.")
    caption: str = Field(description="What the table is.")
    n: int = Field(description="Gold figures.")
    labelled: int = Field(description="Found with value, row and column label.")
    value_only: int = Field(description="Found with the value on that page (labels ignored).")


class DocumentScore(BaseModel):
    """Scores of one document."""

    doc: str = Field(description="File name.")
    present: bool = Field(description="False when the file is not in the corpus folder.")
    gold: int = Field(default=0, description="Gold measures.")
    extracted: int = Field(default=0, description="Measures in the register.")
    matched: int = Field(default=0, description="Pairs.")
    precision: float | None = Field(default=None, description="matched / extracted.")
    recall: float | None = Field(default=None, description="matched / gold.")
    owner: tuple[int, int] = Field(default=(0, 0), description="(right, pairs with gold owner).")
    due: tuple[int, int] = Field(default=(0, 0), description="(right, pairs with gold due).")
    status: tuple[int, int] = Field(default=(0, 0), description="(right, pairs with status).")
    owner_due: tuple[int, int] = Field(
        default=(0, 0),
        description="(owner and due both right, pairs whose gold names both): complete measures.",
    )
    complete: tuple[int, int] = Field(
        default=(0, 0),
        description="(owner and due both right, gold measures naming both; a miss counts).",
    )
    pairs: list[Pair] = Field(default_factory=list, description="Every gold measure's pair.")
    extra: list[str] = Field(default_factory=list, description="Unpaired register titles.")
    tables: list[TableScore] = Field(default_factory=list, description="Per gold table.")


class MeasuresReport(BaseModel):
    """The whole evaluation."""

    name: str = Field(description="Gold set name.")
    corpus: str = Field(description="Corpus folder used.")
    documents: list[DocumentScore] = Field(description="One per gold document.")
    precision: float | None = Field(description="Over all present documents.")
    recall: float | None = Field(description="Over all present documents.")
    owner_share: float | None = Field(description="Owner right, over pairs with a gold owner.")
    due_share: float | None = Field(description="Due right, over pairs with a gold due.")
    owner_due_share: float | None = Field(
        default=None, description="Owner and due both right, over pairs whose gold has both."
    )
    complete_share: float | None = Field(
        default=None,
        description="Owner and due both right, over every gold measure naming both (misses "
        "count as wrong): the share of checked measures that come out complete.",
    )
    table_recall: float | None = Field(description="Labelled table figures found / gold.")


def load_gold(path: Path) -> GoldSet:
    """Read a gold file."""
    return GoldSet.model_validate(json.loads(path.read_text(encoding="utf-8")))


def words(text: str) -> set[str]:
    """Content words of a text, case-folded, cut to 6 letters (a crude Swedish stem)."""
    return {w[:6] for w in _WORD.findall(text.casefold()) if w not in _STOP}


def title_similarity(gold: str, measure: Measure) -> float:
    """How well a register measure's title stands for a gold title (0–1).

    The Dice overlap of the two titles, or — when the register keeps the gold's words in
    title and description together (a long activity cell cut into title and text) — the
    share of gold words found there, discounted a little.
    """
    g, t = words(gold), words(measure.title)
    if not g or not t:
        return 0.0
    dice = 2 * len(g & t) / (len(g) + len(t))
    inside = len(g & (t | words(measure.description))) / len(g) * 0.9
    return max(dice, inside if len(g & t) >= min(2, len(g)) else 0.0)


def _same_org(gold: str, found: str | None) -> bool:
    if not found:
        return False
    g, f = words(gold), words(found)
    return bool(g) and len(g & f) / len(g) >= 0.5


def _owner_ok(gold: GoldMeasure, m: Measure) -> bool | None:
    if not gold.owner:
        return None
    names = [m.owner] + [r.organisation for r in m.responsibilities]
    return any(_same_org(gold.owner, n) for n in names)


def _due_ok(gold: GoldMeasure, m: Measure) -> bool | None:
    if not gold.due:
        return None
    dues = {m.due} | {r.due for r in m.responsibilities}
    return gold.due in dues


def _status_ok(gold: GoldMeasure, m: Measure) -> bool | None:
    return None if not gold.status else m.status.value == gold.status


def pair_measures(gold: Sequence[GoldMeasure], found: Sequence[Measure]) -> list[Pair]:
    """Pair gold and register measures one to one, most similar first."""
    scored = sorted(
        (
            (title_similarity(g.title, m), gi, mi)
            for gi, g in enumerate(gold)
            for mi, m in enumerate(found)
        ),
        reverse=True,
    )
    taken_g: dict[int, tuple[int, float]] = {}
    taken_m: set[int] = set()
    for sim, gi, mi in scored:
        if sim < MATCH_THRESHOLD:
            break
        if gi in taken_g or mi in taken_m:
            continue
        taken_g[gi] = (mi, sim)
        taken_m.add(mi)
    pairs = []
    for gi, g in enumerate(gold):
        if gi not in taken_g:
            pairs.append(Pair(gold=g.title, found=None, similarity=0.0))
            continue
        mi, sim = taken_g[gi]
        m = found[mi]
        pairs.append(
            Pair(
                gold=g.title,
                found=m.title,
                similarity=round(sim, 3),
                owner_ok=_owner_ok(g, m),
                due_ok=_due_ok(g, m),
                status_ok=_status_ok(g, m),
            )
        )
    return pairs


def _label_ok(gold: str, found: str | None) -> bool:
    if not found:
        return False
    g, f = words(gold), words(found)
    return g <= f or (bool(g) and len(g & f) / len(g) >= 0.75)


def score_table(table: GoldTable, figures: Sequence[Figure]) -> TableScore:
    """Recall of a gold table's cells among the figures of its page."""
    on_page = [f for f in figures if f.page == table.page and f.value is not None]
    labelled = value_only = 0
    for cell in table.figures:
        same = [f for f in on_page if f.value is not None and abs(f.value - cell.value) < 1e-6]
        value_only += bool(same)
        labelled += any(
            _label_ok(cell.row, f.row_label) and _label_ok(cell.column, f.column_label)
            for f in same
        )
    return TableScore(
        page=table.page,
        caption=table.caption,
        n=len(table.figures),
        labelled=labelled,
        value_only=value_only,
    )


def score_document(
    gold: GoldDocument, measures: Sequence[Measure], figures: Sequence[Figure]
) -> DocumentScore:
    """Precision, recall, owner/due/status shares and table recall of one document."""
    pairs = pair_measures(gold.measures, measures)
    matched = [p for p in pairs if p.found is not None]
    found_titles = {p.found for p in matched}
    both = [p for p in matched if p.owner_ok is not None and p.due_ok is not None]

    def share(attr: str) -> tuple[int, int]:
        values = [getattr(p, attr) for p in matched if getattr(p, attr) is not None]
        return sum(values), len(values)

    return DocumentScore(
        doc=gold.doc,
        present=True,
        gold=len(gold.measures),
        extracted=len(measures),
        matched=len(matched),
        precision=len(matched) / len(measures)
        if measures
        else (1.0 if not gold.measures else None),
        recall=len(matched) / len(gold.measures) if gold.measures else None,
        owner=share("owner_ok"),
        due=share("due_ok"),
        status=share("status_ok"),
        owner_due=(
            sum(bool(p.owner_ok and p.due_ok) for p in both),
            len(both),
        ),
        complete=(
            sum(bool(p.owner_ok and p.due_ok) for p in both),
            sum(bool(g.owner and g.due) for g in gold.measures),
        ),
        pairs=pairs,
        extra=[m.title for m in measures if m.title not in found_titles],
        tables=[score_table(t, figures) for t in gold.tables],
    )


def _gold_corpus(set_path: Path, corpus: str) -> Path:
    """The gold's corpus folder: as given from here, else from the repository root of the
    gold file (``evals/data/<file>`` → ``<root>/<corpus>``)."""
    folder = Path(corpus)
    if folder.is_dir() or folder.is_absolute():
        return folder
    root = set_path.resolve().parent.parent.parent
    return root / corpus if (root / corpus).is_dir() else folder


def _empty(gold: GoldDocument) -> float | None:
    """Precision of an empty register: perfect when nothing was expected, else undefined."""
    return None if gold.measures else 1.0


def _in_scope(gold: GoldDocument, measures: Sequence[Measure]) -> list[Measure]:
    """The register measures the gold speaks for: all, or those on its scope pages."""
    if not gold.scope_pages:
        return list(measures)
    scope = set(gold.scope_pages)
    return [m for m in measures if scope & set(m.pages or [m.page])]


def run_measures_eval(set_path: Path, corpus: Path | None = None) -> MeasuresReport:
    """Extract every gold document from the corpus folder and score it."""
    gold = load_gold(set_path)
    folder = corpus or _gold_corpus(set_path, gold.corpus)
    scores = []
    for doc in gold.documents:
        path = folder / doc.doc
        if not path.is_file():
            scores.append(DocumentScore(doc=doc.doc, present=False))
            continue
        extracted = extract_document(path)
        measures = _in_scope(doc, extracted.measures)
        scores.append(score_document(doc, measures, extracted.figures))
    return summarise(set_path.stem, str(folder), scores)


def summarise(name: str, corpus: str, scores: list[DocumentScore]) -> MeasuresReport:
    """Micro-averaged totals over the documents that were present."""
    present = [s for s in scores if s.present]
    extracted = sum(s.extracted for s in present)
    gold = sum(s.gold for s in present)
    matched = sum(s.matched for s in present)

    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    tables = [t for s in present for t in s.tables]
    return MeasuresReport(
        name=name,
        corpus=corpus,
        documents=scores,
        precision=ratio(matched, extracted),
        recall=ratio(matched, gold),
        owner_share=ratio(sum(s.owner[0] for s in present), sum(s.owner[1] for s in present)),
        due_share=ratio(sum(s.due[0] for s in present), sum(s.due[1] for s in present)),
        table_recall=ratio(sum(t.labelled for t in tables), sum(t.n for t in tables)),
        owner_due_share=ratio(
            sum(s.owner_due[0] for s in present), sum(s.owner_due[1] for s in present)
        ),
        complete_share=ratio(
            sum(s.complete[0] for s in present), sum(s.complete[1] for s in present)
        ),
    )


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _frac(part: tuple[int, int]) -> str:
    return "–" if not part[1] else f"{part[0]}/{part[1]}"


def render_measures(report: MeasuresReport) -> str:
    """A plain-text table: one line per document, then tables, then the totals."""
    lines = [
        f"{'dokument':<46} {'facit':>5} {'reg':>4} {'par':>4} {'prec':>5} {'recall':>6} "
        f"{'ansv':>6} {'tid':>6} {'båda':>6} {'status':>6}",
        "-" * 105,
    ]
    for s in report.documents:
        name = s.doc if len(s.doc) <= 46 else s.doc[:45] + "…"
        if not s.present:
            lines.append(f"{name:<46} saknas i {report.corpus}")
            continue
        lines.append(
            f"{name:<46} {s.gold:>5} {s.extracted:>4} {s.matched:>4} {_num(s.precision):>5} "
            f"{_num(s.recall):>6} {_frac(s.owner):>6} {_frac(s.due):>6} {_frac(s.owner_due):>6} "
            f"{_frac(s.status):>6}"
        )
    lines.append("-" * 105)
    for s in report.documents:
        for t in s.tables:
            lines.append(
                f"tabell {s.doc} s. {t.page} ({t.caption}): {t.labelled}/{t.n} med rad och "
                f"kolumn, {t.value_only}/{t.n} värdet på sidan"
            )
    lines.append(
        f"totalt: precision {_num(report.precision)}, recall {_num(report.recall)}, "
        f"ansvarig rätt {_num(report.owner_share)}, tidpunkt rätt {_num(report.due_share)}, "
        f"båda rätt {_num(report.owner_due_share)} "
        f"(av alla facitåtgärder med båda: {_num(report.complete_share)}), "
        f"tabellsiffror med etiketter {_num(report.table_recall)}"
    )
    return "\n".join(lines)

"""Monthly status reports in the register: their copies, their month, their series.

A *report* is one month's monthly status report. Its PDF and its PPTX are copies of the
same report: documents whose uppdrag (``monthly_status`` measures) share titles and whose
month (``Document.period``) is the same. Two months of one series share titles too, but
their months differ, so they are two reports; a document named as the other side of a
comparison is never a copy.

Uppdrag are linked across months by :func:`link_uppdrag`: by their number ('Uppdrag 3',
'3.') and their title, by word overlap or by spelling, so a small edit of a title
('Kit med arbetstidsmodeller' → 'Kit med olika arbetstidsmodeller') keeps the link.
A slide with the box headings and nothing under them (a title slide) is no uppdrag.
The *previous* report of a series is the latest earlier month whose uppdrag link to at
least half of this report's.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher

from lagesbild.errors import ConfigError
from lagesbild.types import Document, Measure, MeasureLayout, SourceRef
from vectorstore.register import Register, title_key

LINK_SCORE = 0.6
SAME_NUMBER_BONUS = 0.25
OTHER_NUMBER_PENALTY = 0.4
SERIES_SHARE = 0.5

_NUMBER = re.compile(
    r"(?i)\b(?:uppdrag|projekt|åtgärd|initiativ|delprojekt|nr)\.?\s*(\d{1,3})\b|^\s*(\d{1,3})[.:)]\s"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_TITLE_LIKE = re.compile(r"(?i)rapport|\d{4}")


@dataclass(frozen=True)
class MonthlyReport:
    """One month's report: the document named, its copies and its uppdrag."""

    document: Document
    documents: list[Document]
    uppdrag: list[Measure]
    """One per title, in report order; ``also_in`` holds the same uppdrag in the copies."""

    @property
    def period(self) -> str | None:
        """'YYYY-MM', when the report's month is known."""
        return self.document.period

    @property
    def name(self) -> str:
        """The report's title when it looks like one, else its file name."""
        return report_name(self.document)

    @property
    def docs(self) -> list[str]:
        """File names of the report's copies."""
        return [d.doc for d in self.documents]


def report_name(d: Document) -> str:
    """The report's title when it looks like one (a year or 'rapport' in it), else its file."""
    title = " ".join(d.title.split())
    return title if _TITLE_LIKE.search(title) else d.doc


def monthly_reports(register: Register) -> list[Document]:
    """The documents with monthly uppdrag, most recent first: by month, year, ingest time."""
    docs = {m.doc for m in _uppdrag(register)}
    return sorted((d for d in register.documents() if d.doc in docs), key=_recency, reverse=True)


def find_report(
    register: Register, name: str | None, exclude: Collection[str] = ()
) -> MonthlyReport:
    """The report ``name`` names (default: the most recent), without documents in ``exclude``."""
    reports = [d for d in monthly_reports(register) if d.doc not in exclude]
    if not reports:
        raise ConfigError(
            "Ingen månadsrapport med uppdrag är inläst. Läs in rapporten med "
            "`lagesbild ingest FIL` och försök igen."
        )
    if name is None:
        return report_of(register, reports[0], exclude)
    names = {d.doc for d in reports}
    named = [d for d in register.find_documents(name) if d.doc in names]
    if not named:
        listed = ", ".join(sorted(names))
        raise ConfigError(
            f"'{name}' är ingen inläst månadsrapport med uppdrag. Inlästa månadsrapporter: "
            f"{listed}. Läs in en ny med `lagesbild ingest FIL`."
        )
    return report_of(register, min(named, key=lambda d: d.doc), exclude)


def report_of(
    register: Register, document: Document, exclude: Collection[str] = ()
) -> MonthlyReport:
    """``document`` with its copies (same uppdrag titles, same month) and their uppdrag."""
    by_doc = _by_doc(register)
    own = {title_key(m.title) for m in by_doc.get(document.doc, [])}
    copies = [
        d
        for d in register.documents()
        if d.doc == document.doc
        or (
            d.doc not in exclude
            and d.period == document.period
            and own & {title_key(m.title) for m in by_doc.get(d.doc, [])}
        )
    ]
    measures = [m for d in copies for m in by_doc.get(d.doc, [])]
    return MonthlyReport(document, copies, _merge_copies(measures))


def find_pair(
    register: Register, doc: str | None, compare: str
) -> tuple[MonthlyReport, MonthlyReport]:
    """(this report, the one ``compare`` names). A document that could be a copy of either
    (same month, same titles) goes with the one whose uppdrag it repeats word for word."""
    old_named = find_report(register, compare).document
    new_named = find_report(register, doc, exclude={old_named.doc}).document
    if new_named.doc == old_named.doc:
        raise ConfigError(
            f"'{compare}' är samma rapport som den som sammanfattas. Ange förra månadens "
            "rapport med --compare."
        )
    new = report_of(register, new_named, {old_named.doc})
    old = report_of(register, old_named, {new_named.doc})
    shared = set(new.docs) & set(old.docs)
    if not shared:
        return new, old
    by_doc = _by_doc(register)
    new_texts = {_fingerprint(m) for m in by_doc.get(new_named.doc, [])}
    old_texts = {_fingerprint(m) for m in by_doc.get(old_named.doc, [])}
    to_old = set()
    for name in shared:
        texts = {_fingerprint(m) for m in by_doc.get(name, [])}
        if len(texts & old_texts) >= len(texts & new_texts):
            to_old.add(name)
    new = report_of(register, new_named, {old_named.doc} | to_old)
    old = report_of(register, old_named, {new_named.doc} | (shared - to_old))
    return new, old


def previous_report(register: Register, report: MonthlyReport) -> MonthlyReport | None:
    """The latest earlier month of the same series, or None (also when months are unknown)."""
    if report.period is None:
        return None
    earlier = [
        d
        for d in monthly_reports(register)
        if d.period is not None and d.period < report.period and d.doc not in report.docs
    ]
    for document in earlier:  # most recent first
        candidate = report_of(register, document, report.docs)
        linked = [p for p in link_uppdrag(candidate.uppdrag, report.uppdrag) if all(p)]
        if report.uppdrag and len(linked) >= SERIES_SHARE * len(report.uppdrag):
            return candidate
    return None


def link_uppdrag(
    old: Sequence[Measure], new: Sequence[Measure]
) -> list[tuple[Measure | None, Measure | None]]:
    """Pairs (old, new) of the same uppdrag, then (None, added) and (removed, None).

    The pairs follow the new report's order; added uppdrag stand in it where they are.
    """
    scored = sorted(
        (
            (-title_score(o.title, n.title), i, j)
            for i, o in enumerate(old)
            for j, n in enumerate(new)
        ),
    )
    old_of: dict[int, int] = {}
    taken: set[int] = set()
    for negative, i, j in scored:
        if -negative < LINK_SCORE:
            break
        if i in taken or j in old_of:
            continue
        old_of[j] = i
        taken.add(i)
    pairs: list[tuple[Measure | None, Measure | None]] = [
        (old[old_of[j]] if j in old_of else None, n) for j, n in enumerate(new)
    ]
    pairs += [(o, None) for i, o in enumerate(old) if i not in taken]
    return pairs


def title_score(a: str, b: str) -> float:
    """How alike two uppdrag titles are (0–1): words shared or spelling, and their numbers."""
    fa, fb = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    wa, wb = set(_WORD.findall(fa)), set(_WORD.findall(fb))
    words = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    score = max(words, SequenceMatcher(None, fa, fb).ratio())
    na, nb = uppdrag_number(a), uppdrag_number(b)
    if na is not None and nb is not None:
        score = min(1.0, score + SAME_NUMBER_BONUS) if na == nb else score - OTHER_NUMBER_PENALTY
    return score


def uppdrag_number(title: str) -> int | None:
    """The uppdrag's number in its title ('Uppdrag 3: …', '3. …'), if any."""
    found = _NUMBER.search(title)
    return int(found.group(1) or found.group(2)) if found else None


def _uppdrag(register: Register) -> list[Measure]:
    return [
        m
        for m in register.measures(merge_duplicates=False)
        if m.layout is MeasureLayout.MONTHLY_STATUS and reports_on_something(m)
    ]


def reports_on_something(m: Measure) -> bool:
    """True for a slide that says how an uppdrag goes: a status, risks, need for support,
    last or next month or comments. A title slide or reading guide that carries the box
    headings with nothing (or only the template's instructions) under them is no uppdrag."""
    fields = (m.status_raw, m.last_month, m.next_steps, m.comments, m.risks, m.support_need)
    return any(f and f.strip() for f in fields)


def _by_doc(register: Register) -> dict[str, list[Measure]]:
    by_doc: dict[str, list[Measure]] = {}
    for m in _uppdrag(register):
        by_doc.setdefault(m.doc, []).append(m)
    return by_doc


def _fingerprint(m: Measure) -> str:
    """The uppdrag's title and status texts, whitespace folded."""
    parts = (m.title, m.last_month, m.next_steps, m.comments, m.risks, m.support_need)
    return " ".join(" ".join(p or "" for p in parts).split())


def _merge_copies(measures: list[Measure]) -> list[Measure]:
    """One uppdrag per title: the copy in the document that sorts first, the others in
    ``also_in`` (in document, page order)."""
    groups: dict[tuple[str, int], list[Measure]] = {}
    seen: dict[tuple[str, str], int] = {}
    for m in sorted(measures, key=lambda m: (m.doc, m.page, m.id)):
        key = title_key(m.title)
        occurrence = seen[m.doc, key] = seen.get((m.doc, key), -1) + 1
        groups.setdefault((key, occurrence), []).append(m)
    merged = []
    for group in groups.values():
        first, *others = group
        also = [
            SourceRef(doc=o.doc, page=o.page, measure_id=o.id) for o in others if o.doc != first.doc
        ]
        merged.append(first.model_copy(update={"also_in": also}))
    return sorted(merged, key=lambda m: (m.doc, m.page, m.id))


def _recency(d: Document) -> tuple[str, int, datetime, str]:
    return (
        d.period or "",
        d.year or 0,
        d.ingested_at or datetime.min.replace(tzinfo=UTC),
        d.doc,
    )

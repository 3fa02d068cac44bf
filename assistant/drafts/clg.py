"""A summary of a monthly status report for the CLG, per uppdrag, without a language model.

The uppdrag are the register's measures read with the ``monthly_status`` layout from one
report: by default the most recent one (by the year it is about, then by when it was
ingested); ``doc`` picks one by a part of its file name. The PDF and the PPTX of the same
report are one report: the register links their measures (``also_in``), so each uppdrag is
listed once, citing every copy.

Each uppdrag gets a colour by the rules of :mod:`assistant.drafts.colours` (the rule that
set it is written out), its senaste månaden, kommande månad, kommentarer, risker and behov
av stöd, and its key figures (the measure's amounts, normalised, with unit). Every text is
number-checked against the register's figures (the uppdrag's pages count as cited).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from assistant.drafts.checking import NumberChecker
from assistant.drafts.colours import RULE_TEXTS, colour_of
from assistant.drafts.models import ClgItem, ClgSummary, KeyFigure
from lagesbild.errors import ConfigError
from lagesbild.types import Document, Figure, Measure, MeasureLayout, SourceRef
from vectorstore.library import Library
from vectorstore.register import Register

TITLE = "Sammanfattning för CLG"
_TITLE_LIKE = re.compile(r"(?i)rapport|\d{4}")


def summarise_clg(library: Library, doc: str | None = None) -> ClgSummary:
    """The CLG summary of the monthly report ``doc`` names (default: the most recent)."""
    register = library.register
    measures = [m for m in register.measures() if m.layout is MeasureLayout.MONTHLY_STATUS]
    report = _report(register, measures, doc)
    chosen = [m for m in measures if report.doc in {m.doc, *(r.doc for r in m.also_in)}]
    checker = NumberChecker(register.figures())
    items = [_item(n, m, checker) for n, m in enumerate(chosen, 1)]
    name = report_name(report)
    documents = sorted(
        {report.doc} | {d for m in chosen for d in (m.doc, *(r.doc for r in m.also_in))}
    )
    return ClgSummary(
        title=f"{TITLE} – {name}",
        report=name,
        documents=documents,
        rules=RULE_TEXTS,
        items=items,
        numbers=checker.numbers,
    )


def monthly_reports(register: Register) -> list[Document]:
    """The monthly status reports with uppdrag, most recent first: by the year they are
    about, then by when they were ingested. The first is the one :func:`summarise_clg`
    summarises by default."""
    measures = [m for m in register.measures() if m.layout is MeasureLayout.MONTHLY_STATUS]
    return _reports(register, measures)


def _reports(register: Register, measures: list[Measure]) -> list[Document]:
    with_uppdrag = {m.doc for m in measures} | {r.doc for m in measures for r in m.also_in}
    reports = [d for d in register.documents() if d.doc in with_uppdrag]
    return sorted(reports, key=_recency, reverse=True)


def _report(register: Register, measures: list[Measure], doc: str | None) -> Document:
    """The report document: named by ``doc``, else the most recent with monthly uppdrag."""
    reports = _reports(register, measures)
    if not reports:
        raise ConfigError(
            "Ingen månadsrapport med uppdrag är inläst. Läs in rapporten med "
            "`lagesbild ingest FIL` och försök igen."
        )
    if doc is None:
        return reports[0]
    names = {d.doc for d in reports}
    named = [d for d in register.find_documents(doc) if d.doc in names]
    if not named:
        listed = ", ".join(sorted(names))
        raise ConfigError(
            f"'{doc}' är ingen inläst månadsrapport med uppdrag. Inlästa månadsrapporter: "
            f"{listed}. Läs in en ny med `lagesbild ingest FIL`."
        )
    return min(named, key=lambda d: d.doc)


def report_name(d: Document) -> str:
    """The report's title when it looks like one (a year or 'rapport' in it), else its file."""
    title = " ".join(d.title.split())
    return title if _TITLE_LIKE.search(title) else d.doc


def _recency(d: Document) -> tuple[int, datetime, str]:
    return (d.year or 0, d.ingested_at or datetime.min.replace(tzinfo=UTC), d.doc)


def _item(n: int, m: Measure, checker: NumberChecker) -> ClgItem:
    sources = [SourceRef(doc=m.doc, page=m.page, measure_id=m.id), *m.also_in]
    cited = [(s.doc, s.page) for s in sources]
    colour, rule, explicit = colour_of(m)

    def check(text: str | None, label: str) -> str | None:
        return checker.optional(text, f"Uppdrag {n}: {label}", cited)

    return ClgItem(
        n=n,
        measure_id=m.id,
        title=checker.text(m.title, f"Uppdrag {n}: rubrik", cited),
        colour=colour,
        rule=rule,
        explicit=explicit,
        owner=m.owner,
        last_month=check(m.last_month, "senaste månaden"),
        next_steps=check(m.next_steps, "kommande månad"),
        comments=check(m.comments, "kommentarer"),
        risks=check(m.risks, "risker"),
        support_need=check(m.support_need, "behov av stöd"),
        figures=[_figure(f, checker, n, cited) for f in m.amounts],
        sources=sources,
    )


def _figure(f: Figure, checker: NumberChecker, n: int, cited: list[tuple[str, int]]) -> KeyFigure:
    shown = checker.text(f.normalized or f.raw, f"Uppdrag {n}: nyckeltal", cited)
    return KeyFigure(raw=f.raw, normalized=shown, kind=f.kind.value, doc=f.doc, page=f.page)

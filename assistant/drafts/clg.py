"""A summary of a monthly status report for the CLG, per uppdrag, without a language model.

The uppdrag are the register's measures read with the ``monthly_status`` layout from one
report (:mod:`assistant.drafts.reports`): by default the most recent one (by its month, the
year it is about, then when it was ingested); ``doc`` picks one by a part of its file name.
The PDF and the PPTX of the same report are one report, so each uppdrag is listed once,
citing every copy.

Each uppdrag gets a colour by the rules of :mod:`assistant.drafts.colours` (the rule that
set it is written out), its senaste månaden, kommande månad, kommentarer, risker and behov
av stöd, and its key figures (the measure's amounts, normalised, with unit). Every text is
number-checked against the register's figures (the uppdrag's pages count as cited).

Month over month: with ``compare`` (a part of the previous report's file name), or else
the previous month of the same series in the register, the summary carries what changed
(:mod:`assistant.drafts.compare`) and the colour of each uppdrag month by month. The
report's measures that have deadlines are watched (:mod:`assistant.drafts.deadlines`).
"""

from __future__ import annotations

from datetime import date

from assistant.drafts.checking import NumberChecker
from assistant.drafts.colours import RULE_TEXTS, colour_of
from assistant.drafts.compare import compare_reports
from assistant.drafts.deadlines import DeadlineWatch, watch_deadlines
from assistant.drafts.models import ClgItem, ClgSummary, Colour, KeyFigure, TrendRow
from assistant.drafts.reports import (
    MonthlyReport,
    find_pair,
    find_report,
    link_uppdrag,
    monthly_reports,
    previous_report,
    report_name,
)
from lagesbild.types import Figure, Measure, SourceRef
from vectorstore.library import Library
from vectorstore.register import Register

TITLE = "Sammanfattning för CLG"
TREND_MONTHS = 6

__all__ = ["monthly_reports", "report_name", "summarise_clg"]


def summarise_clg(
    library: Library,
    doc: str | None = None,
    compare: str | None = None,
    today: date | None = None,
) -> ClgSummary:
    """The CLG summary of the monthly report ``doc`` names (default: the most recent),
    compared with ``compare`` (default: the previous month of its series, if any)."""
    register = library.register
    report, previous = _reports(register, doc, compare)
    checker = NumberChecker(register.figures(), register.page_texts())
    items = [_item(n, m, checker) for n, m in enumerate(report.uppdrag, 1)]
    comparison = None
    series = [report]
    if previous is not None:
        numbers = {m.id: n for n, m in enumerate(report.uppdrag, 1)}
        comparison = compare_reports(previous, report, checker, numbers)
        series = [previous, report] if compare else _series(register, report)
    return ClgSummary(
        title=f"{TITLE} – {report.name}",
        report=report.name,
        documents=sorted(report.docs),
        rules=RULE_TEXTS,
        items=items,
        numbers=checker.numbers,
        period=report.period,
        comparison=comparison,
        months=[_month(r) for r in series] if comparison else [],
        trend=_trend(series) if comparison else [],
        deadlines=_deadlines(register, report, today or date.today()),
    )


def _reports(
    register: Register, doc: str | None, compare: str | None
) -> tuple[MonthlyReport, MonthlyReport | None]:
    if compare is None:
        report = find_report(register, doc)
        return report, previous_report(register, report)
    return find_pair(register, doc, compare)


def _series(register: Register, report: MonthlyReport) -> list[MonthlyReport]:
    """The report and up to :data:`TREND_MONTHS` - 1 earlier months, oldest first."""
    series = [report]
    while len(series) < TREND_MONTHS:
        earlier = previous_report(register, series[0])
        if earlier is None:
            break
        series.insert(0, earlier)
    return series


def _trend(series: list[MonthlyReport]) -> list[TrendRow]:
    """The colour of each uppdrag of the latest report in every month of the series."""
    latest = series[-1]
    rows = []
    for m in latest.uppdrag:
        colours: list[Colour | None] = []
        for report in series[:-1]:
            pairs = link_uppdrag(report.uppdrag, [m])
            before = next((old for old, new in pairs if new is m), None)
            colours.append(colour_of(before)[0] if before is not None else None)
        colours.append(colour_of(m)[0])
        rows.append(TrendRow(title=m.title, colours=colours))
    return rows


def _month(report: MonthlyReport) -> str:
    return report.period or report.document.doc


def _deadlines(register: Register, report: MonthlyReport, today: date) -> DeadlineWatch | None:
    """Bevakning of the report's own measures (any layout) that have deadlines."""
    docs = set(report.docs)
    measures = [m for m in register.measures() if m.doc in docs]
    watch = watch_deadlines(measures, today)
    return watch if watch.owners else None


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

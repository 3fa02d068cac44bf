"""What changed in a monthly report since the previous one, uppdrag by uppdrag.

Uppdrag are paired by :func:`~assistant.drafts.reports.link_uppdrag`. For each pair the
colour (with the rule that set it, :mod:`assistant.drafts.colours`), the title, owner,
status, senaste månaden, kommande månad, kommentarer, risker, behov av stöd and the key
figures are compared with whitespace folded: an uppdrag that reads the same in both
reports has no changes. Every text shown is number-checked, the new one against the new
report's pages, the old one against the old report's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.drafts.checking import NumberChecker
from assistant.drafts.colours import colour_of
from assistant.drafts.models import ClgComparison, FieldChange, KeyFigure, UppdragChange
from assistant.drafts.reports import MonthlyReport, link_uppdrag
from lagesbild.types import Figure, Measure, SourceRef, StatusSource

TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "owner",
    "status",
    "last_month",
    "next_steps",
    "comments",
    "risks",
    "support_need",
)
FIELD_LABELS: dict[str, str] = {
    "colour": "färg",
    "title": "rubrik",
    "owner": "ansvarig",
    "status": "status",
    "last_month": "senaste månaden",
    "next_steps": "kommande månad",
    "comments": "kommentarer",
    "risks": "risker",
    "support_need": "behov av stöd",
    "figures": "nyckeltal",
}
"""Swedish names of the fields, as the draft shows them."""

_NOTHING = re.compile(
    r"(?i)^\s*(?:nej|ja\s*nej|inga|ingen|inget|ej|saknas|[-–—])"
    r"(?:\s+(?:kända\s+|nya\s+)?(?:risker?|behov(?:\s+av\s+stöd)?))?\s*[.!]?\s*$"
    r"|\b(?:inget|inga|ej|inte)\s+(?:\w+\s+)?behov\b|\beventuell\w*\s+behov"
)


def compare_reports(
    old: MonthlyReport, new: MonthlyReport, checker: NumberChecker, numbers: dict[str, int]
) -> ClgComparison:
    """The changes from ``old`` to ``new``; ``numbers`` gives each new uppdrag's number."""
    changes: list[UppdragChange] = []
    added: list[Measure] = []
    removed: list[Measure] = []
    for before, after in link_uppdrag(old.uppdrag, new.uppdrag):
        if before is None and after is not None:
            added.append(after)
        elif after is None and before is not None:
            removed.append(before)
        elif before is not None and after is not None:
            changes.append(_pair(before, after, checker, numbers.get(after.id, 0)))
    return ClgComparison(
        uppdrag=changes,
        added=[m.title for m in added],
        removed=[m.title for m in removed],
        report=new.name,
        previous_report=old.name,
        previous_documents=old.docs,
        added_sources=[SourceRef(doc=m.doc, page=m.page, measure_id=m.id) for m in added],
        removed_sources=[SourceRef(doc=m.doc, page=m.page, measure_id=m.id) for m in removed],
    )


def _pair(before: Measure, after: Measure, checker: NumberChecker, n: int) -> UppdragChange:
    colour, rule, _ = colour_of(after)
    previous_colour, previous_rule, _ = colour_of(before)
    old_pages, new_pages = _cited(before), _cited(after)
    found: list[FieldChange] = []
    if colour is not previous_colour:
        found.append(FieldChange(field="colour", before=previous_colour.value, after=colour.value))
    for name in TEXT_FIELDS:
        was, now = field_text(before, name), field_text(after, name)
        if _fold(was) != _fold(now):
            where = f"Förändring, uppdrag {n}: {FIELD_LABELS[name]}"
            found.append(
                FieldChange(
                    field=name,
                    before=checker.optional(was, f"{where} (förra)", old_pages),
                    after=checker.optional(now, where, new_pages),
                )
            )
    old_figures = {_fold(f.normalized or f.raw) for f in before.amounts}
    new_figures = [f for f in after.amounts if _fold(f.normalized or f.raw) not in old_figures]
    shown: list[KeyFigure] = []
    if old_figures != {_fold(f.normalized or f.raw) for f in after.amounts}:
        where = f"Förändring, uppdrag {n}: nyckeltal"
        shown = [
            KeyFigure(
                raw=f.raw,
                normalized=checker.text(f.normalized or f.raw, where, new_pages),
                kind=f.kind.value,
                doc=f.doc,
                page=f.page,
            )
            for f in new_figures
        ]
        found.append(
            FieldChange(
                field="figures",
                before=_figure_list(before.amounts, checker, f"{where} (förra)", old_pages),
                after=_figure_list(after.amounts, checker, where, new_pages),
            )
        )
    return UppdragChange(
        title=after.title,
        colour=colour,
        previous_colour=previous_colour,
        changed=bool(found),
        changes=found,
        n=n,
        rule=rule,
        previous_rule=previous_rule,
        previous_title=before.title,
        sources=_sources(after),
        previous_sources=_sources(before),
        new_figures=shown,
    )


def field_text(m: Measure, name: str) -> str | None:
    """A compared field of an uppdrag as text (status as written, else normalised).

    Only a stated status is compared: one derived by a rule (the CLG colour) or inferred from
    the report's text changes with the colour or the text, which are compared themselves.
    """
    if name == "status":
        if m.status_raw:
            return m.status_raw
        stated = m.status_source is StatusSource.STATED and m.status.value != "okänd"
        return m.status.value if stated else None
    value = getattr(m, name)
    return value if isinstance(value, str) and value.strip() else None


def states(text: str | None) -> bool:
    """True when a risk or support field states something ('Nej', 'Inga risker' do not)."""
    return bool(text and text.strip() and not _NOTHING.search(text))


def _figure_list(
    figures: Sequence[Figure], checker: NumberChecker, where: str, cited: list[tuple[str, int]]
) -> str | None:
    joined = ", ".join(f.normalized or f.raw for f in figures)
    return checker.text(joined, where, cited) if joined else None


def _sources(m: Measure) -> list[SourceRef]:
    return [SourceRef(doc=m.doc, page=m.page, measure_id=m.id), *m.also_in]


def _cited(m: Measure) -> list[tuple[str, int]]:
    return [(s.doc, s.page) for s in _sources(m)]


def _fold(text: str | None) -> str:
    return " ".join((text or "").split())

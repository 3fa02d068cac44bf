"""Plans an answer names: the register measures behind a passage that answers a point.

An answer to the auditors often says what it does about a point in prose and puts the
plan itself in an appendix ("I bilaga finns den åtgärdsplan …"). The plan's measures
rarely share a word with the point (a point about the economic result; measures about
recruiting and schedules), so neither words nor meaning link them directly: the link goes
through the answering passage, which names the plan.

A *plan* is the action-plan measures of one document, under its heading: the passages
that stand before the first measure on its page (''Åtgärdsplan för att uppnå oberoende av
bemanningsföretag för Region …''). A heading counts only when it names a plan
(:data:`PLAN_WORD`). A table of measures whose section names a plan ('Långsiktig
utvecklingsplan god ekonomisk hushållning' over numbered packages) is a plan too.

A passage that answers a point *names* the plan when it holds :data:`MIN_HEADING_WORDS` or
more of the heading's informative stems: the word itself or a compound it heads
(:meth:`~assistant.drafts.matching.Stems.shared`; 'utveckling' does not name
'utvecklingsplan'). Names in the heading — capitalised words after the first, the
region's — do not count. Then the plan's measures answer the point, each with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from assistant.drafts.matching import Stems
from lagesbild.types import Chunk, Measure, MeasureLayout

PLAN_WORD = re.compile(r"(?i)\b\w*(?:plan|program)\b")
_NOT_HEADING = re.compile(r"\d|:")
MIN_HEADING_WORDS = 2
HEADING_CHARS = 200
PLAN_LAYOUTS = (MeasureLayout.ACTION_PLAN,)
SECTION_LAYOUTS = (MeasureLayout.TABLE,)
MIN_PLAN_MEASURES = 3


@dataclass(frozen=True)
class Plan:
    """The action-plan measures of one document, under their heading."""

    doc: str
    page: int
    heading: str
    measures: list[Measure]


@dataclass(frozen=True)
class PlanLink:
    """A plan's measure that answers a point through the passage that names the plan."""

    measure: Measure
    shared: list[str]
    reason: str


def find_plans(measures: Iterable[Measure], chunks: Iterable[Chunk]) -> list[Plan]:
    """Each document's action-plan measures with the heading above the first of them, and
    each table of measures whose section names a plan (:func:`_section_plans`)."""
    by_doc: dict[str, list[Measure]] = {}
    measures = list(measures)
    for m in measures:
        if m.layout in PLAN_LAYOUTS:
            by_doc.setdefault(m.doc, []).append(m)
    passages: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.doc in by_doc and not chunk.quarantined:
            passages.setdefault(chunk.doc, []).append(chunk)
    plans = []
    for doc, group in by_doc.items():
        group.sort(key=_order)
        heading = _heading(group[0], passages.get(doc, []))
        if heading:
            plans.append(Plan(doc, group[0].page, heading, group))
    return plans + _section_plans(measures)


def _order(m: Measure) -> tuple[int, int, str]:
    """Document order: page, then the measure's number ('<doc>:m12' after '<doc>:m2')."""
    number = m.id.rsplit(":m", 1)[-1]
    return m.page, int(number) if number.isdigit() else 0, m.id


def _section_plans(measures: Iterable[Measure]) -> list[Plan]:
    """The measures of a table (:data:`SECTION_LAYOUTS`) grouped by document and section,
    when the section names a plan ('Långsiktig utvecklingsplan god ekonomisk hushållning'
    above a table of numbered packages): the section is the plan's heading."""
    groups: dict[tuple[str, str], list[Measure]] = {}
    for m in measures:
        section = " ".join(m.section.split())
        if m.layout in SECTION_LAYOUTS and PLAN_WORD.search(section):
            groups.setdefault((m.doc, section), []).append(m)
    plans = []
    for (doc, section), group in groups.items():
        if len(group) >= MIN_PLAN_MEASURES:
            group.sort(key=_order)
            plans.append(Plan(doc, group[0].page, section[:HEADING_CHARS], group))
    return plans


def _heading(first: Measure, passages: Sequence[Chunk]) -> str:
    """The paragraph naming a plan in the passages before the first measure, on its page."""
    for chunk in passages:
        if chunk.page != first.page or chunk.measure_ids:
            continue
        lines = [" ".join(line.split()) for line in chunk.text.splitlines()]
        for i, line in enumerate(lines):
            if PLAN_WORD.search(line):
                heading = [line]
                for more in lines[i + 1 :]:  # a heading wrapped over lines, up to a date line
                    if not more or _NOT_HEADING.search(more):
                        break
                    heading.append(more)
                return " ".join(heading)[:HEADING_CHARS]
    return ""


def subject(heading: str) -> str:
    """The heading without the names in it: a capitalised word after the first names an
    organisation or a place ('… för Region Jämtland Härjedalen'), not what the plan is
    about, so a passage that only names the same region does not name the plan."""
    words = heading.split()
    return " ".join(words[:1] + [w for w in words[1:] if not w[:1].isupper()])


def plan_links(
    plans: Sequence[Plan],
    passage: Chunk,
    stems: Stems,
    ignore: Collection[str] = (),
) -> list[PlanLink]:
    """The measures of the plans ``passage`` names (see the module docstring)."""
    links: list[PlanLink] = []
    for plan in plans:
        heading = stems.informative(subject(plan.heading)) - set(ignore)
        named = stems.shared(heading, passage.text)
        if len(named) < MIN_HEADING_WORDS:
            continue
        why = (
            f"Hör till ”{plan.heading}” ({plan.doc} s. {plan.page}), som belägget på "
            f"s. {passage.page} nämner; gemensamma ord med planens rubrik: {', '.join(named)}"
        )
        links.extend(PlanLink(m, named, why) for m in plan.measures)
    return links

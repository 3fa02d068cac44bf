"""The layout of the drafts as a list of blocks (headings, paragraphs, lists, tables).

Both exporters (Markdown and Word, :mod:`assistant.drafts.export`) render the same blocks,
so the two files always say the same thing under the same Swedish headings.
"""

from __future__ import annotations

import re

from assistant.drafts.blocks import Block, Bullets, Heading, Paragraph, TableBlock, cite
from assistant.drafts.models import (
    CheckedNumber,
    ClgItem,
    ClgSummary,
    Criticism,
    EvidenceItem,
    MeasureItem,
    RevisorDraft,
)
from assistant.drafts.month_blocks import changes_blocks, deadline_blocks, uppdrag_change_line
from assistant.drafts.revisor import NO_ANSWER, NO_EVIDENCE, NO_MEASURES
from assistant.labels import NUMBER_STATUS_MARKERS
from lagesbild.types import NumberStatus

__all__ = [
    "APPENDIX",
    "Block",
    "Bullets",
    "Heading",
    "Paragraph",
    "TableBlock",
    "appendix",
    "cite",
    "clg_blocks",
    "revisor_blocks",
]

APPENDIX = "Bilaga: kontroll av tal"
POSSIBLE = "Möjligen relevant (svag likhet; pröva innan den anges som svar)"
NO_NUMBERS = "Texten innehåller inga belopp, procent eller antal att kontrollera."
_LEADING_BULLET = re.compile(r"^\s*(?:[•▪◦●*]|[-–](?=\s|[A-ZÅÄÖ]))\s*")


# --------------------------------------------------------------------------- auditors


def revisor_blocks(draft: RevisorDraft) -> list[Block]:
    """The reply to the auditors: overview, one section per point, the number appendix."""
    blocks: list[Block] = [
        Heading(draft.title, 0),
        Paragraph(
            f"Underlag: {draft.doc}. Utkastet är sammanställt ur de inlästa dokumenten; varje "
            "citat anger fil och sida. Granska och formulera svaret innan det skickas."
        ),
        Heading("Kritik", 1),
    ]
    if draft.note:
        blocks.append(Paragraph(draft.note, label="Obs"))
    blocks.append(Bullets([f"”{c.text}” {cite(c.doc, c.page)}" for c in draft.criticisms], True))
    for c in draft.criticisms:
        blocks.extend(_criticism(c))
    blocks.extend(appendix(draft.numbers))
    return blocks


def _criticism(c: Criticism) -> list[Block]:
    evidence = [_evidence(e) for e in c.evidence]
    answered = bool(c.evidence or c.measures)
    return [
        Heading(f"Punkt {c.n}: {_short(c.text)}", 1),
        Paragraph(f"”{c.text}” {cite(c.doc, c.page)}", quote=True),
        *([] if answered else [Paragraph(NO_ANSWER, label="Svar")]),
        Heading("Åtgärder och belägg", 2),
        Paragraph("", label="Åtgärder i registret"),
        Bullets([_measure(m) for m in c.measures] or [NO_MEASURES]),
        *_possible(c),
        Paragraph("", label="Belägg ur underlaget"),
        Bullets(evidence or [NO_EVIDENCE]),
        Heading("Status", 2),
        Bullets([_status(m) for m in c.measures] or ["Ingen åtgärd att redovisa status för."]),
        Heading("Vad som saknas", 2),
        Bullets(c.missing or ["Inget: varje åtgärd är klar och har ansvarig och tidpunkt."]),
    ]


def _evidence(e: EvidenceItem) -> str:
    why = f" Skäl: {e.reason}." if e.reason else ""
    return f"”{e.quote}” {cite(e.doc, e.page)}.{why}"


def _measure(m: MeasureItem) -> str:
    owner = m.owner or "ansvarig saknas"
    due = m.due_raw or "tidpunkt saknas"
    why = f" Skäl: {m.reason}." if m.reason else ""
    return f"{m.title} – {owner}, {due} {cite(m.doc, m.page)}.{why}"


def _possible(c: Criticism) -> list[Block]:
    if not c.possible:
        return []
    return [
        Paragraph("", label=POSSIBLE),
        Bullets([_measure(m) for m in c.possible]),
    ]


def _status(m: MeasureItem) -> str:
    raw = f" (”{_fold(m.status_raw)}”)" if m.status_raw else ""
    return f"{m.title}: {m.status.value}{raw}"


# --------------------------------------------------------------------------- CLG


def clg_blocks(summary: ClgSummary) -> list[Block]:
    """The CLG summary: overview table, colour rules, one section per uppdrag, appendix."""
    blocks: list[Block] = [
        Heading(summary.title, 0),
        Paragraph(", ".join(summary.documents), label="Underlag"),
        *changes_blocks(summary),
        Heading("Översikt", 1),
        TableBlock(
            ["Nr", "Uppdrag", "Färg", "Regel"],
            [[str(i.n), _fold(i.title), i.colour.value, i.rule] for i in summary.items],
        ),
        Heading("Färgregler", 1),
        Paragraph("Den första regel som gäller bestämmer färgen."),
        Bullets(list(summary.rules), numbered=True),
    ]
    for item in summary.items:
        blocks.extend(_uppdrag(item, uppdrag_change_line(summary, item.n)))
    blocks.extend(deadline_blocks(summary.deadlines))
    blocks.extend(appendix(summary.numbers))
    return blocks


def _uppdrag(item: ClgItem, change: str | None = None) -> list[Block]:
    sources = "; ".join(f"{s.doc} s. {s.page}" for s in item.sources)
    blocks: list[Block] = [
        Heading(f"{item.n}. {_fold(item.title)}", 1),
        Paragraph(f"{item.colour.value} – regel: {item.rule}", label="Status"),
        Paragraph(sources, label="Källa"),
    ]
    if change:
        blocks.append(Paragraph(change, label="Sedan förra rapporten"))
    if item.owner:
        blocks.append(Paragraph(item.owner, label="Ansvarig"))
    fields = (
        ("Senaste månaden", item.last_month),
        ("Kommande månad", item.next_steps),
        ("Kommentarer", item.comments),
        ("Risker", item.risks),
        ("Behov av stöd", item.support_need),
    )
    for label, text in fields:
        blocks.extend(_field(label, text))
    figures = [f"{f.normalized} (”{f.raw}”, {f.doc} s. {f.page})" for f in item.figures]
    blocks.append(Paragraph("", label="Nyckeltal"))
    blocks.append(Bullets(figures or ["Inga belopp eller andelar angivna."]))
    return blocks


def _field(label: str, text: str | None) -> list[Block]:
    lines = [_LEADING_BULLET.sub("", line).strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return [Paragraph("ej angivet", label=label)]
    if len(lines) == 1:
        return [Paragraph(lines[0], label=label)]
    return [Paragraph("", label=label), Bullets(lines)]


# --------------------------------------------------------------------------- appendix


def appendix(numbers: list[CheckedNumber]) -> list[Block]:
    """'Bilaga: kontroll av tal': every number with its status and source."""
    if not numbers:
        return [Heading(APPENDIX, 1), Paragraph(NO_NUMBERS)]
    rows = []
    for n in numbers:
        source = n.check.source
        where = f"{source.doc} s. {source.page} (”{_fold(source.raw)}”)" if source else "–"
        rows.append([n.check.raw, n.label, where, n.where, n.check.explanation])
    return [
        Heading(APPENDIX, 1),
        Paragraph(
            "Varje tal i texten ovan är kontrollerat mot talen i de inlästa dokumenten. "
            "Tal som inget underlag stöder är märkta "
            f"{NUMBER_STATUS_MARKERS[NumberStatus.UNSUPPORTED]} i texten."
        ),
        TableBlock(["Tal", "Status", "Källa", "Plats i texten", "Förklaring"], rows),
    ]


def _fold(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, width: int = 80) -> str:
    text = _fold(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"

"""MONTHLY_STATUS: one status slide per uppdrag with headed text boxes.

A slide counts when it has at least two of the headed boxes 'Kommande månad',
'Senaste månaden', 'Kommentarer' and 'Uppkomna risker och Eventuellt behov av stöd'
(other wordings: 'Nästa steg', 'Föregående månad', 'Risker', 'Behov av stöd' …), one of
them looking forward or back a period — a report with 'Risker' and 'Kommentarer'
sections is not a monthly slide.
Kommande månad → next_steps, Senaste månaden → last_month, Kommentarer → comments, the
risk box → risks, with sentences about support ('Inget behov av stöd') → support_need.

The title is ``Page.title`` when the reader has one (PPTX). In a PDF the title often
comes *last* in text order and may wrap; the last block is taken as title when it starts
like one ('FM Uppdrag, …') or shares its opening words with other slides' last blocks.
A slide without a title gets 'Uppdrag utan rubrik (bild N)' — no name is invented. A slide
whose boxes hold only their headings (or the template's instructions) is no measure.
Status is read only from an explicit 'Status: …' line, else it is 'okänd'.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.measures.status import normalise_status
from ingest.measures.text import Found, TextBlock, join_lines, page_blocks
from lagesbild.types import Measure, MeasureLayout, Page

_HEADINGS: dict[str, re.Pattern[str]] = {
    "next_steps": re.compile(
        r"^(?:kommande\s+månad(?:en)?|nästa\s+månad|nästa\s+steg|kommande\s+period(?:en)?"
        r"|planerat\s+(?:kommande|nästa)\s+(?:månad|period))\b[:.]?",
        re.I,
    ),
    "last_month": re.compile(
        r"^(?:senaste\s+månaden?|föregående\s+månad|senaste\s+perioden?|gjort\s+sedan\s+sist"
        r"|genomfört\s+(?:senaste|föregående)\s+(?:månad(?:en)?|period(?:en)?))\b[:.]?",
        re.I,
    ),
    "comments": re.compile(r"^(?:övriga\s+)?kommentar(?:er)?\b[:.]?", re.I),
    "risks": re.compile(
        r"^(?:(?:uppkomna|identifierade)\s+)?risker(?:\s+och\s+(?:(?:eventuellt|eventuella|ev\.?)\s+)?"
        r"behov\s+av\s+stöd)?\b[:.]?|^(?:eventuellt\s+)?behov\s+av\s+stöd\b[:.]?",
        re.I,
    ),
    "status": re.compile(r"^(?:status|lägesbedömning)\s*:", re.I),
}
_CONTENT_HEADINGS = ("next_steps", "last_month", "comments", "risks")
_TITLE_START = re.compile(
    r"^(?:[A-ZÅÄÖ]{1,6}[\s-]+)?(?:uppdrag|projekt|åtgärd|initiativ|aktivitet|delprojekt)\b"
    r"\s*(?:\d+[.:]?\s*)?[,:–-]",
    re.I,
)
# Instruction sentences a report template leaves in its boxes.
_TEMPLATE = re.compile(
    r"^(?:sammanfatta\s+kort\b|eventuella\s+kommentarer\s+här|här\s+nämns\s+eventuella"
    r"|skriv\s+(?:här|in)\b|fyll\s+i\b|ange\s+(?:här|kort)\b)[^.!?]*[.!?]?",
    re.I,
)
_SUPPORT = re.compile(
    r"\b(?:behov\s+av\s+stöd|stödbehov|behöver\s+stöd|behov\s+av\s+hjälp)\b", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s*(?=[A-ZÅÄÖ•\-])")
_LEAD = re.compile(r"\b(?:leds\s+av|ansvarig(?:\s+är)?:?|uppdragsägare:?)\s+(?P<who>[^.;]+)", re.I)
_BULLET_START = re.compile(r"^[•\-–▪*]")
_MIN_HEADINGS = 2
_LONG_SENTENCE = 12


@dataclass
class _Slide:
    page: Page
    sections: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # (block, line)
    tail: list[TextBlock] = field(default_factory=list)
    first: TextBlock | None = None


def _heading_of(line: str) -> tuple[str, str] | None:
    """(section, rest of the line) for a heading line such as 'Kommande månad juni'."""
    if not line[:1].isupper():
        return None
    for name, pattern in _HEADINGS.items():
        match = pattern.match(line)
        if match:
            return name, line[match.end() :].strip(" :")
    return None


def _paragraphs(lines: list[str]) -> list[str]:
    """Wrapped lines → paragraphs, independent of how the reader cut blocks.

    A bullet starts a paragraph, and so does a capitalised line after a line that ends a
    sentence; everything else continues the paragraph before.
    """
    paragraphs: list[list[str]] = []
    for line in lines:
        after_sentence = bool(paragraphs) and paragraphs[-1][-1].endswith((".", "!", "?", ":"))
        if not paragraphs or _BULLET_START.match(line) or (after_sentence and line[:1].isupper()):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [join_lines(p) for p in paragraphs]


def _read_slide(page: Page) -> _Slide | None:
    """Cut a slide into its headed sections; None if it has fewer than two headings."""
    slide = _Slide(page)
    blocks = page_blocks(page)
    current: str | None = None
    for block in blocks:
        for line in block.lines:
            heading = _heading_of(line)
            if heading:
                current = heading[0]
                section = slide.sections.setdefault(current, [])
                if heading[1]:
                    section.append((block.index, heading[1]))
            elif current is not None:
                slide.sections[current].append((block.index, line))
        if current is None:
            slide.first = slide.first or block
    found = {name for name in _CONTENT_HEADINGS if name in slide.sections}
    if len(found) < _MIN_HEADINGS or not found & {"next_steps", "last_month"}:
        return None
    slide.tail = [b for b in blocks if b.lines and not _heading_of(b.lines[0])][-1:]
    return slide


def _clean(lines: list[tuple[int, str]], skip: int | None) -> str | None:
    """Section text: the title block, template instructions and stray characters removed."""
    paragraphs: list[str] = []
    for paragraph in _paragraphs([line for block, line in lines if block != skip]):
        paragraph = _TEMPLATE.sub("", paragraph).strip()
        if sum(c.isalpha() for c in paragraph) >= 2:
            paragraphs.append(paragraph)
    return "\n".join(paragraphs) or None


def _title_prefix(slides: list[_Slide]) -> str | None:
    """Opening words shared by the last blocks of at least two slides ('FM Uppdrag,')."""
    starts: Counter[str] = Counter()
    for slide in slides:
        if slide.tail:
            words = slide.tail[0].lines[0].split()
            if len(words) >= 2:
                starts[" ".join(words[:2])] += 1
    common = starts.most_common(1)
    return common[0][0] if common and common[0][1] >= 2 else None


def _title(slide: _Slide, prefix: str | None) -> tuple[str | None, int | None]:
    """(title, index of the block it was taken from) for a slide."""
    title = slide.page.title
    if title and not _heading_of(title):
        return " ".join(title.split()), None
    for block in (slide.tail[0] if slide.tail else None, slide.first):
        if block is None:
            continue
        text = join_lines(block.lines)
        if _TITLE_START.match(text) or (prefix and text.startswith(prefix)):
            return text, block.index
    return None, None


def _split_support(risk_text: str | None) -> tuple[str | None, str | None]:
    """(risks, support_need): sentences about support move out; long ones stay in both."""
    if not risk_text:
        return None, None
    risks: list[str] = []
    support: list[str] = []
    for paragraph in risk_text.split("\n"):
        kept: list[str] = []
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = sentence.strip()
            if sentence and _SUPPORT.search(sentence):
                support.append(sentence)
                if len(sentence.split()) > _LONG_SENTENCE:
                    kept.append(sentence)
            elif sentence:
                kept.append(sentence)
        if kept:
            risks.append(" ".join(kept))
    return "\n".join(risks) or None, " ".join(support) or None


def _measure(doc: str, slide: _Slide, prefix: str | None) -> Measure:
    title, skip = _title(slide, prefix)
    number = slide.page.number
    get = slide.sections.get
    risks, support = _split_support(_clean(get("risks", []), skip))
    status_raw = _clean(get("status", []), skip)
    lead = _LEAD.search(title or "")
    start = _TITLE_START.match(title or "")
    section = start.group(0).strip(" ,:–-") if start else ""
    return Measure(
        id="",
        doc=doc,
        page=number,
        pages=[number],
        layout=MeasureLayout.MONTHLY_STATUS,
        section=section,
        title=title or f"Uppdrag utan rubrik (bild {number})",
        owner=lead.group("who").strip(" ,") if lead else None,
        status_raw=status_raw,
        status=normalise_status(status_raw),
        next_steps=_clean(get("next_steps", []), skip),
        last_month=_clean(get("last_month", []), skip),
        comments=_clean(get("comments", []), skip),
        risks=risks,
        support_need=support,
    )


def reports_on_something(measure: Measure) -> bool:
    """True when a slide says how its uppdrag goes: a status, last or next month,
    comments, risks or need for support. Box headings with nothing (or only the template's
    instructions) under them — a title slide, a reading guide — say nothing."""
    fields = (
        measure.status_raw,
        measure.last_month,
        measure.next_steps,
        measure.comments,
        measure.risks,
        measure.support_need,
    )
    return any(f and f.strip() for f in fields)


def parse_monthly_reports(doc: str, pages: list[Page]) -> list[Found]:
    """One measure per monthly status slide among ``pages`` that reports on something."""
    slides = [s for s in (_read_slide(p) for p in pages) if s is not None]
    prefix = _title_prefix(slides)
    measures = [(_measure(doc, s, prefix), s.page.number) for s in slides]
    return [Found(m, number) for m, number in measures if reports_on_something(m)]

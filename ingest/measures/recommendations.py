"""RECOMMENDATION: auditors' recommendations, each a measure the recipient has to answer.

Auditors write recommendations as sentences, whatever the layout around them::

    Kommunstyrelsen rekommenderas att stärka styrningen av …
    Stadsrevisionen rekommenderar kretslopp och vattennämnden att göra …
    Vi rekommenderar att nämnden säkerställer …
    • Nämnden rekommenderas att förtydliga …          (a list after 'Rekommendationer')

Each such sentence is one measure: its title is the sentence, its owner the body it is
addressed to. A generic 'Nämnden'/'Styrelsen' is named by the body the page (else the
document) speaks of most ('grundskolenämnden'). The same recommendation repeated (missive,
summary, section) is one measure with all its pages. The answer-by date ('Yttrandet ska
skickas … senast den 18 juni 2026') is the due of the recommendations standing on that
page or the two pages before it (the missive). A later 'bedömer att nämnden har
omhändertagit rekommendationen' marks the recommendations just above it as done — a
status stated by the source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.measures.dates import find_due, normalise_due
from ingest.measures.text import Found, join_lines, page_blocks, strip_bullet
from lagesbild.types import (
    Measure,
    MeasureLayout,
    MeasureStatus,
    Page,
    Responsibility,
    StatusSource,
)

_BODY = (
    r"(?:[A-ZÅÄÖa-zåäö][\w\-–]*(?:\s+(?:och|&)\s+|\s+|-))*?[\w\-]*"
    r"(?:nämnden|nämnderna|styrelsen|styrelserna|fullmäktige|bolaget|bolagen|förvaltningen"
    r"|regionen|kommunen)"
)
# '<Body> rekommenderas (att) …'
_PASSIVE = re.compile(rf"^(?P<owner>{_BODY})\s+rekommenderas\s+(?:att\s+)?(?P<what>.+)$", re.I)
# '<Auditors> rekommenderar <body> att …' / 'Vi rekommenderar att <body> …'
_ACTIVE = re.compile(
    rf"^(?:[\wÅÄÖåäö ,]+?)\s+rekommenderar\s+(?:(?P<owner>{_BODY})\s+)?att\s+(?P<what>.+)$",
    re.I,
)
_SUBJECT_AFTER_ATT = re.compile(rf"^(?P<owner>{_BODY})\s+\w+", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ•])")
_GENERIC = frozenset({"nämnden", "nämnderna", "styrelsen", "styrelserna", "bolaget", "bolagen"})
_NAMED_BODY = re.compile(r"\b([a-zåäö][a-zåäö\-]{3,}(?:nämnden|styrelsen))\b", re.I)
_ANSWER_BY = re.compile(r"\b(?:yttrande\w*|svar\w*)\b.{0,160}?\bsenast\b", re.I | re.S)
_HANDLED = re.compile(
    r"(?P<neg>\binte\s+(?:i\s+alla\s+delar\s+)?|\bej\s+)?har\s+omhändertagit\s+rekommendation",
    re.I,
)
_MISSIVE_PAGES = 2
_QUOTES = "\"'“”„»« "


@dataclass
class _Rec:
    title: str
    owner: str | None
    key: str
    page: int
    position: int
    pages: list[int] = field(default_factory=list)
    status_raw: str | None = None


def _sentences(page: Page) -> list[tuple[int, str]]:
    """(position, sentence) of a page: blocks joined, bullets kept apart, then split."""
    out: list[tuple[int, str]] = []
    for block in page_blocks(page):
        parts: list[list[str]] = []
        for line in block.lines:
            after_lead_in = bool(parts) and parts[-1][-1].rstrip().endswith(":")
            if not parts or after_lead_in or re.match(r"^\s*(?:[•▪●\uf0b7]|\d{1,2}[.)])\s", line):
                parts.append([strip_bullet(re.sub(r"^\s*\d{1,2}[.)]\s+", "", line))])
            else:
                parts[-1].append(line)
        for part in parts:
            for sentence in _SENTENCE_END.split(join_lines(part)):
                out.append((block.index, sentence.strip()))
    return out


def _key(what: str) -> str:
    """The recommendation's content words, for recognising it when it is repeated."""
    text = re.sub(r"\((?:granskning|från)[^)]*\)", "", what.casefold())
    words = re.findall(r"[a-zåäö0-9]+", text)
    return " ".join(w[:7] for w in words[:12])


def _named_bodies(text: str) -> Counter[str]:
    return Counter(
        m.group(1).casefold()
        for m in _NAMED_BODY.finditer(text)
        if m.group(1).casefold() not in _GENERIC
    )


def _owner(raw: str | None, page_bodies: Counter[str], doc_bodies: Counter[str]) -> str | None:
    """The addressed body, a generic 'Nämnden' named by the page's or document's body."""
    if not raw:
        return None
    name = " ".join(raw.split())
    if name.casefold() in _GENERIC:
        common = page_bodies.most_common(1) or doc_bodies.most_common(1)
        if common:
            name = common[0][0]
    return name[:1].upper() + name[1:]


def _parse(sentence: str) -> tuple[str | None, str] | None:
    """(owner as written, what is recommended) of a recommendation sentence, else None."""
    passive = _PASSIVE.match(sentence)
    if passive:
        return passive.group("owner"), passive.group("what")
    active = _ACTIVE.match(sentence)
    if active:
        owner, what = active.group("owner"), active.group("what")
        if owner is None:
            subject = _SUBJECT_AFTER_ATT.match(what)
            owner = subject.group("owner") if subject else None
        return owner, what
    return None


def _answer_by(pages: list[Page]) -> dict[int, tuple[str, str]]:
    """Page → (due, as written) of the answer-by dates ('yttrandet … senast den …')."""
    found: dict[int, tuple[str, str]] = {}
    for page in pages:
        for _, sentence in _sentences(page):
            asked = _ANSWER_BY.search(sentence)
            due = find_due(sentence[asked.end() :]) if asked else None
            if asked and due:
                raw = sentence[asked.end() :][due[2] : due[3]]
                found.setdefault(page.number, (due[0], raw))
    return found


def _collect(pages: list[Page]) -> list[_Rec]:
    """Recommendations in document order, repeats merged; a 'har omhändertagit' verdict
    marks the group just above it as done."""
    doc_bodies = _named_bodies("\n".join(p.text for p in pages))
    recs: dict[str, _Rec] = {}
    order: list[_Rec] = []
    last_group: list[_Rec] = []
    for page in pages:
        page_bodies = _named_bodies(page.text)
        for position, sentence in _sentences(page):
            handled = _HANDLED.search(sentence)
            if handled and last_group:
                if not handled.group("neg"):
                    for rec in last_group:
                        rec.status_raw = sentence
                last_group = []
                continue
            parsed = _parse(sentence.strip(_QUOTES))
            if parsed is None:
                continue
            owner, what = parsed
            key = _key(what)
            known = recs.get(key)
            if known is not None:
                rec = known
            else:
                rec = _Rec(
                    title=sentence.strip(_QUOTES),
                    owner=_owner(owner, page_bodies, doc_bodies),
                    key=key,
                    page=page.number,
                    position=position,
                )
                recs[key] = rec
                order.append(rec)
            if page.number not in rec.pages:
                rec.pages.append(page.number)
            if last_group and last_group[-1].pages[-1] < page.number - 1:
                last_group = []
            last_group.append(rec)
    return order


def _measure(doc: str, rec: _Rec, due: tuple[str, str] | None) -> Measure:
    due_value, due_raw = due if due else (None, None)
    _, due_by = normalise_due(due_value)
    done = rec.status_raw is not None
    return Measure(
        id="",
        doc=doc,
        page=rec.page,
        pages=sorted(rec.pages),
        layout=MeasureLayout.RECOMMENDATION,
        title=rec.title,
        owner=rec.owner,
        due_raw=due_raw,
        due=due_value,
        due_by=due_by,
        status_raw=rec.status_raw,
        status=MeasureStatus.DONE if done else MeasureStatus.UNKNOWN,
        status_source=StatusSource.STATED if done else StatusSource.UNKNOWN,
        responsibilities=[
            Responsibility(
                organisation=rec.owner,
                role="rekommenderas",
                due_raw=due_raw,
                due=due_value,
                due_by=due_by,
            )
        ]
        if rec.owner
        else [],
        due_earliest=due_by,
        due_latest=due_by,
    )


def parse_recommendations(doc: str, pages: list[Page]) -> list[Found]:
    """Every auditors' recommendation of the pages, one measure each."""
    recs = _collect(pages)
    answer_by = _answer_by(pages)
    found: list[Found] = []
    for rec in recs:
        due = next(
            (answer_by[p] for p in sorted(answer_by) if rec.page <= p <= rec.page + _MISSIVE_PAGES),
            None,
        )
        found.append(Found(_measure(doc, rec, due), rec.page, 500 + rec.position))
    return found

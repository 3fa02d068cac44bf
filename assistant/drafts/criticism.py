"""The points of criticism of an auditors' report, found in its page text.

Auditors state their criticism as a list after a lead-in: "Revisorernas bedömning … har sin
grund i bedömningen att", "Vi bedömer att:", "Följande rekommendationer lämnas:", a
heading "Rekommendationer", "Revisorerna riktar följande kritik:". The list is either
bullets (a wrapped bullet continues on lines that start in lowercase, even after a blank
line) or short paragraphs that each recommend or criticise ("Kommunstyrelsen rekommenderas
att …").

Lead-ins come in three strengths: an assessment (``bedöm``/``konstater`` ending in "att" or
":"), a recommendation (``rekommend``), a criticism (``kritik``, ``anmärkning``, ``brist``).
The lists of the strongest kind found are the points (the same point listed twice, e.g.
in the cover letter and at the end, counts once). A lead-in that introduces a reply or a
structure ("svar på revisorernas kritik med följande upplägg:") is not criticism. With no
list at all, sentences that recommend, remark or judge negatively are taken instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingest.measures.text import join_lines
from lagesbild.types import Page

MAX_POINTS = 20
PARAGRAPH_ITEM_CHARS = 600
HEADING_CHARS = 60
WRAP_CHARS = 50  # a line this long that ends mid-sentence continues on the next line

_BULLET = re.compile(r"^(?:[•▪◦●■➢►*]\s*|[-–]\s+|[-–](?=[A-ZÅÄÖ])|\d{1,2}[.)]\s+)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_ASSESSMENT = re.compile(r"(?i)bedöm|konstater")
_RECOMMENDATION = re.compile(r"(?i)rekommend")
_CRITICISM = re.compile(r"(?i)kritik|anmärkning|brist|påpekande")
_AUDITOR = re.compile(r"(?i)revisor|revision|granskning|\bvi\b|\bvår\b|\bvåra\b")
_NOT_CRITICISM = re.compile(r"(?i)\bsvar\b|upplägg|yttra|revisionsfråg|syfte|kommentar")
_HEADING = re.compile(
    r"(?i)^(?:revisorernas |stadsrevisionens |våra |sammanfattande )?"
    r"(?:rekommendationer|kritik|anmärkningar?|brister)$"
)
_ITEM_CUE = re.compile(
    r"(?i)\brekommender(?:as|ar)\b|\bbör\b|\bbehöver\b|\bmåste\b|saknas|brist|otillräcklig"
    r"|\binte\b|\bej\b"
)
_SENTENCE_CUES = (
    re.compile(r"(?i)\brekommender(?:as|ar)\b"),
    re.compile(r"(?i)anmärkning (?:har riktats|riktas|lämnas)|kritik i form av"),
    re.compile(
        r"(?i)\b(?:vi|revisorerna|revisionskontoret|stadsrevisionen) bedömer\b.*"
        r"\b(?:inte|ej|saknas|brist\w*|otillräcklig\w*|behöver|bör|delvis|reservation)\b"
    ),
)


@dataclass(frozen=True)
class Point:
    """A point of criticism as found: its text, page and the lead-in that introduced it."""

    text: str
    page: int
    lead_in: str


@dataclass(frozen=True)
class _Line:
    page: int
    text: str  # stripped; '' for a blank line


def find_points(pages: Sequence[Page]) -> list[Point]:
    """The points of criticism of a report's pages, in document order (see module doc)."""
    lines = _lines(pages)
    found = list(_lists(lines))
    if found:
        best = min(level for level, _ in found)
        points = [p for level, group in found if level == best for p in group]
    else:
        points = _sentences(pages)
    return _unique(points)[:MAX_POINTS]


def _lines(pages: Sequence[Page]) -> list[_Line]:
    lines: list[_Line] = []
    for page in pages:
        lines.extend(_Line(page.number, " ".join(raw.split())) for raw in page.text.split("\n"))
        lines.append(_Line(page.number, ""))
    return lines


def _lists(lines: list[_Line]) -> Iterator[tuple[int, list[Point]]]:
    """(strength, points) of every list introduced by a lead-in of criticism."""
    i = 0
    while i < len(lines):
        if not lines[i].text or _BULLET.match(lines[i].text):
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].text and not _BULLET.match(lines[end].text):
            end += 1
        lead = _last_sentence(join_lines([line.text for line in lines[i:end]]))
        level = lead_level(lead)
        if level is not None:
            points = _items(lines, end, lead)
            if points:
                yield level, points
        i = end


def _last_sentence(text: str) -> str:
    return _SENTENCE.split(text)[-1].strip()


def lead_level(lead: str) -> int | None:
    """Strength of a lead-in (0 assessment, 1 recommendation, 2 criticism) or None."""
    heading = bool(_HEADING.match(lead.rstrip(":"))) and len(lead) <= HEADING_CHARS
    opens = lead.endswith(":") or lead.endswith(" att") or heading
    if not opens or _NOT_CRITICISM.search(lead):
        return None
    if _RECOMMENDATION.search(lead):
        return 1
    if not (heading or _AUDITOR.search(lead)):
        return None
    if _ASSESSMENT.search(lead):
        return 0
    return 2 if _CRITICISM.search(lead) else None


def _items(lines: list[_Line], start: int, lead: str) -> list[Point]:
    first = next((k for k in range(start, len(lines)) if lines[k].text), None)
    if first is None:
        return []
    if _BULLET.match(lines[first].text):
        return _bullet_items(lines, first, lead)
    if lead.endswith(" att"):
        return []
    return _paragraph_items(lines, first, lead)


def _bullet_items(lines: list[_Line], start: int, lead: str) -> list[Point]:
    """Bullets from ``start``; a line in lowercase (or a wrapped line) continues a bullet."""
    items: list[tuple[int, list[str]]] = []
    blank = False
    for line in lines[start:]:
        bullet = _BULLET.match(line.text)
        if not line.text:
            blank = True
        elif bullet:
            items.append((line.page, [line.text[bullet.end() :]]))
            blank = False
        elif line.text[:1].islower() or (not blank and _wrapped(items[-1][1][-1])):
            items[-1][1].append(line.text)
            blank = False
        else:
            break
    return [Point(join_lines(parts), page, lead) for page, parts in items if _is_point(parts)]


def _wrapped(previous: str) -> bool:
    return len(previous) >= WRAP_CHARS and not previous.endswith((".", ":", ";", "!", "?"))


def _paragraph_items(lines: list[_Line], start: int, lead: str) -> list[Point]:
    """Short paragraphs from ``start`` that each recommend or criticise."""
    points: list[Point] = []
    k = start
    while k < len(lines):
        if not lines[k].text:
            k += 1
            continue
        end = k
        while end < len(lines) and lines[end].text:
            end += 1
        text = join_lines([line.text for line in lines[k:end]])
        if len(text) > PARAGRAPH_ITEM_CHARS or not _ITEM_CUE.search(text):
            break
        points.append(Point(text, lines[k].page, lead))
        k = end
    return points


def _is_point(parts: list[str]) -> bool:
    return len(re.findall(r"[^\W\d_]{3,}", " ".join(parts))) >= 2


def _sentences(pages: Sequence[Page]) -> list[Point]:
    """Fallback: sentences that recommend, remark or judge negatively."""
    points: list[Point] = []
    for page in pages:
        for block in re.split(r"\n\s*\n", page.text):
            for sentence in _SENTENCE.split(join_lines(block.split("\n"))):
                if any(cue.search(sentence) for cue in _SENTENCE_CUES):
                    points.append(Point(sentence.strip(), page.number, "(mening i rapporten)"))
    return points


def _unique(points: list[Point]) -> list[Point]:
    seen: set[str] = set()
    kept = []
    for point in points:
        key = " ".join(re.findall(r"\w+", point.text.casefold()))
        if key not in seen:
            seen.add(key)
            kept.append(point)
    return kept

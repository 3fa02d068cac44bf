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

An auditors' report often bundles more than one list: the revisionsberättelse (an
*anmärkning* to a nämnd, "Vi bedömer att det inte går att avgöra …"), the granskning's
recommendations, the follow-up of earlier ones (restated one per paragraph) and the
nämnd's answer (quoting a recommendation). For such a report (``verdicts=True``) the
verdicts of a revisionsberättelse and every recommendation that opens a paragraph or
stands quoted are added to the lists' points. A remark keeps the sentence that gives its
reason ("Anledningen är att …"), and the same remark made twice (summary and full text)
counts once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ingest.measures.text import join_lines
from lagesbild.types import Page

MAX_POINTS = 40
PARAGRAPH_ITEM_CHARS = 600
HEADING_CHARS = 60
MORE_WORDS = 2  # words a restated point may add
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


_REMARK = _SENTENCE_CUES[1]
_REASON = re.compile(r"^(?:Anledningen|Skälet|Skälen|Detta eftersom)\b")
_RECOMMENDS = re.compile(r"^(?:[A-ZÅÄÖ][\w-]*)(?:\s+(?:och\s+)?[\w-]+){0,3}\s+rekommenderas att\b")
_QUOTED = re.compile(r"[“”\"]([^“”\"]{3,400}?\brekommenderas att\b[^“”\"]{5,400}?)[“”\"]")
_VERDICT = re.compile(
    r"(?i)\b(?:vi|revisorerna) bedömer att det inte går att avgöra|\bmed reservation\b"
    r"|\bavstyrker\b"
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


def find_points(pages: Sequence[Page], verdicts: bool = False) -> list[Point]:
    """The points of criticism of a report's pages, in document order (see module doc).
    With ``verdicts`` (an auditors' report) the verdicts and the recommendations standing
    outside the lists are added."""
    lines = _lines(pages)
    found = list(_lists(lines))
    if found:
        best = min(level for level, _ in found)
        points = [p for level, group in found if level == best for p in group]
        if verdicts:
            points = _merged(points, _verdicts(pages))
    else:
        points = _sentences(pages)
    return _unique(_one_remark_each(points))[:MAX_POINTS]


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
    return [
        Point(text, page, "(mening i rapporten)")
        for page, sentences in _blocks(pages)
        for text in _with_reasons(sentences, lambda s: any(c.search(s) for c in _SENTENCE_CUES))
    ]


def _verdicts(pages: Sequence[Page]) -> list[Point]:
    """Remarks and verdicts of a revisionsberättelse, recommendations that open a paragraph
    and recommendations quoted in an answer."""
    points: list[Point] = []
    for page, sentences in _blocks(pages):
        for text in _with_reasons(sentences, lambda s: bool(_REMARK.search(s))):
            points.append(Point(text, page, "(anmärkning i revisionsberättelsen)"))
        for i, sentence in enumerate(sentences):
            if _VERDICT.search(sentence):
                points.append(Point(sentence, page, "(bedömning i revisionsberättelsen)"))
            elif i == 0 and _RECOMMENDS.match(sentence):
                points.append(Point(sentence, page, "(rekommendation i rapporten)"))
            elif quoted := _QUOTED.search(sentence):
                points.append(Point(quoted.group(1).strip(), page, "(citerad rekommendation)"))
    return points


def _blocks(pages: Sequence[Page]) -> Iterator[tuple[int, list[str]]]:
    """(page, sentences) of every paragraph."""
    for page in pages:
        for block in re.split(r"\n\s*\n", page.text):
            sentences = [s.strip() for s in _SENTENCE.split(join_lines(block.split("\n")))]
            yield page.number, [s for s in sentences if s]


def _with_reasons(sentences: list[str], cue: Callable[[str], bool]) -> Iterator[str]:
    """The sentences ``cue`` picks, each with the next sentence when that gives its reason."""
    for i, sentence in enumerate(sentences):
        if cue(sentence):
            following = sentences[i + 1] if i + 1 < len(sentences) else ""
            reasoned = _REMARK.search(sentence) and _REASON.match(following)
            yield f"{sentence} {following}" if reasoned else sentence


def _merged(points: list[Point], extra: list[Point]) -> list[Point]:
    """``points`` and those of ``extra`` that repeat none of them, by page."""
    added = [p for p in extra if not any(_same(p.text, q.text) for q in points)]
    return sorted(points + added, key=lambda p: p.page)


def _same(a: str, b: str) -> bool:
    """True when two texts state the same point: the shorter has at most one word the
    longer lacks ('Nämnderna' for 'Nämnden') and the longer at most two more, or it holds
    all of the shorter (the point with a sentence added)."""
    x, y = set(_key(a).split()), set(_key(b).split())
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    only_short, only_long = len(short - long), len(long - short)
    return bool(short) and only_short <= 1 and (only_long <= MORE_WORDS or only_short == 0)


def _one_remark_each(points: list[Point]) -> list[Point]:
    """A remark to the same body made twice (a summary, then in full) counts once: the
    fuller one is kept, where it stands."""
    best: dict[str, Point] = {}
    for point in points:
        target = _remark_target(point.text)
        if target and (target not in best or len(point.text) > len(best[target].text)):
            best[target] = point
    kept = set(map(id, best.values()))
    return [p for p in points if not _remark_target(p.text) or id(p) in kept]


def _remark_target(text: str) -> str:
    """The body a remark is made to ('grundskolenämnden'), or '' for no remark."""
    first = _SENTENCE.split(text)[0]
    if not _REMARK.search(first):
        return ""
    words = re.findall(r"\w+", first.casefold())
    return words[-1] if words else ""


def subject(text: str) -> str:
    """What a point is about: a remark's reason ('Anledningen är att …') without the
    sentence naming whom it is made to; any other point as it stands."""
    sentences = _SENTENCE.split(text)
    if len(sentences) > 1 and _REMARK.search(sentences[0]):
        return " ".join(sentences[1:])
    return text


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _unique(points: list[Point]) -> list[Point]:
    kept: list[Point] = []
    for point in points:
        if not any(_same(point.text, k.text) for k in kept):
            kept.append(point)
    return kept

"""The passages that answer a point of criticism: what was done about it, cited, with a reason.

Candidates come in two kinds, the first trusted more:

1. **The point quoted.** An answer to the auditors usually quotes (or numbers) each point and
   answers right under it, and an auditors' follow-up restates each earlier recommendation
   before saying what the nämnd did. So every page, other than the point's own, that repeats
   the point (most of its words, in one passage) is a candidate together with the passages
   after the quote on that page and the next (:func:`quoted_answers`).
2. **Hybrid search** (:meth:`vectorstore.library.Library.search`: meaning by the embedder
   plus Swedish BM25) with the point's text.
3. **Meaning**: the passages of the report, and of documents that answer the auditors,
   that stand out in meaning for the point (``closeness``: z of the point's similarity to
   every stored passage vector, :class:`~assistant.drafts.meaning.PassageMeaning`,
   ≥ :data:`CLOSE_Z`).

A sentence of a candidate answers the point only when it

* shares informative word stems with the point (:class:`~assistant.drafts.matching.Stems`;
  a compound counts for its head: 'budgetprocessen' shares 'budget'): :data:`MIN_SHARED`
  of them, or one right after a quote of the point or, when the report is the answer to the
  auditors, in a passage of it that stands out in meaning (z ≥ :data:`CLOSE_Z`);
* says what was done, decided or planned (:data:`ACTION` words such as *beslutat*,
  *inrättat*, *genomförts*, *pågår*, *kommer att*, a *Svar:* lead-in), and is not itself
  criticism (*rekommenderas*, *bör*, *saknas* …) nor a repeat of the point;
* stands in an answer, not in someone's findings: a page of an auditors' report (document
  kind ``audit_report``) counts only in the point's own report and only on a page that
  follows up or answers (:data:`FOLLOW_UP`: *följt upp*, *yttrande*, *Svar:* …);
* is not from a document about a much later year than the report
  (:data:`MAX_YEARS_AFTER`): a plan for 2023 does not answer criticism of 2016.

Kept sentences are ranked by the rarity of the stems they share plus their passage's
closeness in meaning (a quote-follow counts extra), at most one per page, and each gets a
Swedish reason: where the point was quoted, the words in common, the closeness in meaning
and the words that say what was done.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.drafts.criticism import Point, subject
from assistant.drafts.matching import Stems
from assistant.evidence import split_units
from lagesbild.types import Chunk, Document, DocumentKind

MIN_SHARED = 2
MIN_SHARED_ELSEWHERE = 3  # in a document other than the report (perhaps another organisation)
REPORT_WORD_SHARE = 0.3  # a stem in this share of the report's passages says nothing
MIN_REPORT_CHUNKS = 8  # below this, a report is too short to tell its common words
MIN_POINTS_SHARING = 2
ANSWERING_KINDS = (DocumentKind.AUDIT_RESPONSE, DocumentKind.ACTION_PLAN)
QUOTE_SHARE = 0.8  # share of the point's words a passage must hold to quote it
QUOTE_MIN_WORDS = 4
QUOTE_BONUS = 3.0
FOLLOW_CHUNKS = 3  # passages after a quote that may hold its answer
MAX_YEARS_AFTER = 1
MAX_ANSWERS = 3
CLOSE_Z = 1.5  # a passage this far above the median similarity stands out in meaning
CLOSE_CANDIDATES = 12
MIN_UNIT_CHARS = 25
MAX_UNIT_CHARS = 700

_WORD = re.compile(r"[^\W\d_]{3,}")
ACTION = re.compile(
    r"(?i)\b(?:beslut\w*|inrätta\w*|infört?s?|infördes|genomför\w*|genomfört?s?|"
    r"tagits? fram|togs fram|tar fram|ändrat?s?|ändrade|vidta\w*|vidtog\w*|påbörja\w*|"
    r"fastställ\w*|godkän\w*|antagit|antogs|antog|start\w*|utsett?s?|utsågs|anställ\w*|"
    r"förtydliga\w*|tydliggj\w*|uppdatera\w*|identifiera\w*|verkställ\w*|betalade|rättade|"
    r"följde|följs upp|följts upp|pågår|pågått|planera\w*|kommer att|ska|skall|"
    r"arbetar|arbetat|arbetet med|prioriter\w*|utveckla\w*|gjorts|gjort|sker nu|görs nu|"
    r"reviderat?s?|upprätta\w*|utbildning\w*|minskat?s?|minskade|sjunkit|bromsats|"
    r"nystart|uppnåtts|stärkts?|förbättrats|tillämpas)\b|^(?:svar|åtgärd):"
)
CRITICISM = re.compile(
    r"(?i)\brekommender(?:as|ar|ade)\b|\bbör\b|\bbehöver\b|\bsaknas\b|\bbrist(?:er|ande)?\b|"
    r"\botillräcklig\w*|\bkritik\w*|\banmärkning\w*|\bbedömer\b|^anledningen är att\b"
)
FOLLOW_UP = re.compile(
    r"(?i)följt upp|uppföljningen visar|yttrande|yttra sig|tjänsteutlåtande|\bsvar(?::| på| till)|"
    r"har vidtagit|vidtagna åtgärder"
)

_REPLY = re.compile(r"(?i)revisor")
_CONTENTS = re.compile(r"\.{4,}|(?:\. ){3,}")


@dataclass(frozen=True)
class Answer:
    """A sentence that answers a point, where it stands and why it was taken."""

    text: str
    chunk: Chunk
    score: float
    shared: list[str]
    action: str
    quoted_on: int | None  # page where the point was quoted just before, if so
    closeness: float = 0.0  # how far its passage stands out in meaning for the point

    @property
    def reason(self) -> str:
        """Why it answers, in Swedish."""
        parts = []
        if self.quoted_on is not None:
            parts.append(f"står efter punkten, citerad på s. {self.quoted_on}")
        parts.append(f"gemensamma ord: {', '.join(self.shared[:5])}")
        if self.closeness >= CLOSE_Z:
            z = f"{self.closeness:.1f}".replace(".", ",")
            parts.append(f"avsnittet ligger nära punkten i innebörd ({z} standardavvikelser)")
        parts.append(f"anger vad som görs (”{self.action}”)")
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


class AnswerFinder:
    """Finds the sentences of the corpus that answer points of criticism."""

    def __init__(self, chunks: Sequence[Chunk], documents: Iterable[Document], stems: Stems):
        self.stems = stems
        self.kinds = {d.doc: d.kind for d in documents}
        self.by_doc: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            if not chunk.quarantined:
                self.by_doc.setdefault(chunk.doc, []).append(chunk)
        self.words = {c.id: _words(c.text) for cs in self.by_doc.values() for c in cs}
        self._common: dict[str, set[str]] = {}
        self.replies = {
            doc for doc, cs in self.by_doc.items() if any(_REPLY.search(c.text) for c in cs)
        }
        """Documents that speak of the auditors: answers, follow-ups, their own reports."""

    def find(
        self,
        point: Point,
        report: Document,
        hits: Sequence[Chunk],
        ignore: Collection[str] = (),
        closeness: Mapping[str, float] | None = None,
        limit: int = MAX_ANSWERS,
    ) -> list[Answer]:
        """The ``limit`` best answering sentences (see the module docstring), best first,
        one per page. Stems in ``ignore`` (those most points of the report share: whom they
        address) do not count; ``closeness`` is each passage's standing in meaning."""
        asked = self.stems.informative(subject(point.text))
        asked -= self._everywhere(report.doc) | set(ignore)
        if not asked:
            return []
        close = closeness or {}
        candidates = quoted_answers(point, self.by_doc, self.words)
        seen = {c.id for c, _ in candidates}
        for chunk in [*hits, *self._close(close, report.doc)]:
            if chunk.id not in seen and not chunk.quarantined:
                seen.add(chunk.id)
                candidates.append((chunk, None))
        found: list[Answer] = []
        for chunk, quoted_on in candidates:
            if self._usable(chunk, point, report):
                z = close.get(chunk.id, 0.0)
                found.extend(self._sentences(chunk, quoted_on, point, asked, report.doc, z))
        found.sort(key=lambda a: (-a.score, a.chunk.doc, a.chunk.page))
        kept: list[Answer] = []
        places: set[tuple[str, int]] = set()
        texts: set[str] = set()
        for answer in found:
            place = (answer.chunk.doc, answer.chunk.page)
            if place not in places and answer.text not in texts:
                places.add(place)
                texts.add(answer.text)
                kept.append(answer)
        return kept[:limit]

    def _close(self, closeness: Mapping[str, float], report: str) -> list[Chunk]:
        """The passages of the report that stand out most."""
        chunks = [c for c in self.by_doc.get(report, []) if closeness.get(c.id, 0.0) >= CLOSE_Z]
        chunks.sort(key=lambda c: -closeness.get(c.id, 0.0))
        return chunks[:CLOSE_CANDIDATES]

    def common_words(self, doc: str) -> set[str]:
        """Stems that a report uses in most of its passages (they say nothing about a point)."""
        return self._everywhere(doc)

    def _everywhere(self, doc: str) -> set[str]:
        """Stems that a report uses in most of its passages: its organisation, its subject."""
        if doc in self._common:
            return self._common[doc]
        chunks = self.by_doc.get(doc, [])
        if len(chunks) < MIN_REPORT_CHUNKS:
            return set()
        counts: dict[str, int] = {}
        for chunk in chunks:
            for stem in self.stems.tokens(chunk.text):
                counts[stem] = counts.get(stem, 0) + 1
        self._common[doc] = {t for t, n in counts.items() if n > REPORT_WORD_SHARE * len(chunks)}
        return self._common[doc]

    def _usable(self, chunk: Chunk, point: Point, report: Document) -> bool:
        if chunk.doc == report.doc and chunk.page == point.page:
            return False
        if report.year and chunk.year and chunk.year > report.year + MAX_YEARS_AFTER:
            return False
        if self.kinds.get(chunk.doc, chunk.doc_kind) is DocumentKind.AUDIT_REPORT:
            return chunk.doc == report.doc and bool(FOLLOW_UP.search(self._page(chunk)))
        return True

    def _page(self, chunk: Chunk) -> str:
        return " ".join(c.text for c in self.by_doc.get(chunk.doc, []) if c.page == chunk.page)

    def speaks_to_auditors(self, doc: str) -> bool:
        """True for a document that mentions the auditors or is an answer or action plan."""
        return doc in self.replies or self.kinds.get(doc) in ANSWERING_KINDS

    def _needed(self, chunk: Chunk, quoted_on: int | None, report: str, z: float) -> int:
        """Informative stems a sentence must share with the point: one right after a quote,
        two in the report, in a document that speaks of the auditors or in an answer or
        action plan, three elsewhere (a document perhaps of another organisation). When the
        report is itself the answer to the auditors, one in a passage of it that stands out
        in meaning for the point (in an auditors' report, findings stand close to their
        point too: there, meaning only ranks)."""
        answer = self.kinds.get(report) is DocumentKind.AUDIT_RESPONSE
        if quoted_on is not None or (chunk.doc == report and answer and z >= CLOSE_Z):
            return 1
        if chunk.doc == report or self.speaks_to_auditors(chunk.doc):
            return MIN_SHARED
        return MIN_SHARED_ELSEWHERE

    def _sentences(
        self,
        chunk: Chunk,
        quoted_on: int | None,
        point: Point,
        asked: set[str],
        report: str,
        z: float = 0.0,
    ) -> list[Answer]:
        found = []
        for unit in split_units(chunk.text):
            text = " ".join(unit.split())
            if not MIN_UNIT_CHARS <= len(text) <= MAX_UNIT_CHARS or _repeats(text, point.text):
                continue
            if _CONTENTS.search(text):  # a line of a table of contents
                continue
            action = ACTION.search(text)
            if action is None or CRITICISM.search(text):
                continue
            shared = self.stems.shared(asked, text)
            if len(shared) < self._needed(chunk, quoted_on, report, z):
                continue
            score = self.stems.weight(shared) + (QUOTE_BONUS if quoted_on is not None else 0.0)
            score += max(z, 0.0)
            found.append(Answer(text, chunk, score, shared, action.group(0), quoted_on, z))
        return found


def quoted_answers(
    point: Point, by_doc: dict[str, list[Chunk]], words: dict[str, set[str]]
) -> list[tuple[Chunk, int | None]]:
    """Passages that quote the point (not on its own page) and the few passages after them,
    each with the page of the quote."""
    wanted = _words(point.text)
    if len(wanted) < QUOTE_MIN_WORDS:
        return []
    found: list[tuple[Chunk, int | None]] = []
    taken: set[str] = set()
    for chunks in by_doc.values():
        for i, chunk in enumerate(chunks):
            share = len(wanted & words[chunk.id]) / len(wanted)
            if share < QUOTE_SHARE or chunk.page == point.page:
                continue
            for follower in chunks[i : i + 1 + FOLLOW_CHUNKS]:
                if follower.id not in taken and follower.page <= chunk.page + 1:
                    taken.add(follower.id)
                    found.append((follower, chunk.page))
    return found


def shared_by_most(points: Sequence[Point], stems: Stems) -> set[str]:
    """Stems that at least half (and two) of two or more points hold: whom they address
    ('Kommunstyrelsen rekommenderas …', 'Regionstyrelsens …'), not what they are about."""
    if len(points) < MIN_POINTS_SHARING:
        return set()
    counts: dict[str, int] = {}
    for point in points:
        for stem in stems.tokens(point.text):
            counts[stem] = counts.get(stem, 0) + 1
    return {t for t, n in counts.items() if n >= max(2, len(points) / 2)}


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _repeats(unit: str, point: str) -> bool:
    """True when a sentence mostly repeats the point (a reply quoting the criticism)."""
    a, b = " ".join(unit.casefold().split()), " ".join(point.casefold().split())
    if a in b or b in a:
        return True
    mine = _words(unit)
    return bool(mine) and len(mine & _words(point)) / len(mine) >= QUOTE_SHARE

"""Document-kind detection from content, score based.

Every kind has weighted cue phrases. A cue counts in the body (capped, so a long document
does not win on length alone) and, much more, in the lead — the first page's title and opening
text — where a document says what it is ('Regionstyrelsens förklaring till revisorernas …',
'Revisionsberättelse …'). The file name is only a weak hint. A document whose pages are mostly
slides is a slide deck unless one content kind clearly dominates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lagesbild.types import DOCUMENT_KIND_LABELS, DocumentKind, Page, SourceFormat

# Body hits of one cue count at most this many times.
BODY_CAP = 5
# A cue in the lead counts this many times its weight.
LEAD_WEIGHT = 8
LEAD_CHARS = 400
NAME_WEIGHT = 2
# A content kind needs this score to count at all, and this one to beat the slide format.
MIN_SCORE = 6
DOMINANT_SCORE = 16
SLIDE_SHARE = 0.5

_ACTION_HEADER = (
    r"(?:aktivitet|åtgärd)[^\n]{0,80}\bansvarig[^\n]{0,80}\b(?:tidpunkt|tidplan|klart|datum|status)"
)

CUES: dict[DocumentKind, tuple[tuple[str, int], ...]] = {
    DocumentKind.AUDIT_RESPONSE: (
        (r"\bförklaring(?:en)? (?:till|över)\b", 3),
        (r"\bsvar (?:på|till) (?:revisorernas|revisionens|granskningen|revisionsrapporten)", 4),
        (r"\brevisorernas (?:kritik|avstyrkande|anmärkning|påpekanden)", 3),
        (r"\bavstyrk\w*[^\n.]{0,20}ansvarsfrihet", 2),
        (
            r"\byttrande (?:över|gällande|avseende|med anledning av) (?:\w+ ){0,3}"
            r"(?:granskning|revision|anmärkning|revisionsrapport)",
            3,
        ),
        (r"\bmed anledning av revisorernas\b", 2),
    ),
    DocumentKind.AUDIT_REPORT: (
        (r"\brevisionsrapport", 3),
        (r"\brevisionsberättelse", 3),
        (r"\brapportsammandrag\b", 3),
        (r"\bgranskning(?:en)?\b", 1),
        (r"\bvi bedömer\b", 2),
        (r"\brekommendation(?:er|erna)?\b", 1),
        (r"\b(?:revisorerna|stadsrevisionen|vi) har granskat\b", 3),
        (r"\bsyftet med granskningen\b", 3),
        (r"\btillstyrk\w*", 2),
        (r"\brevisionskriteri", 2),
        (r"\bsammanfattande bedömning\b", 2),
    ),
    DocumentKind.ACTION_PLAN: (
        (r"\båtgärdsplan", 2),
        (r"\bhandlingsplan", 2),
        (_ACTION_HEADER, 3),
    ),
    DocumentKind.STATUS_REPORT: (
        (r"\bmånadsrapport", 3),
        (r"\b(?:tertial|delårs|läges|status)rapport", 2),
        (r"\bsenaste månaden\b", 2),
        (r"\bkommande månad\b", 2),
    ),
}


def _fold(text: str) -> str:
    """ASCII-fold and lowercase ('Månadsrapport' → 'manadsrapport') for file-name hints."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_COMPILED = {
    kind: tuple(
        (re.compile(pattern, re.IGNORECASE), re.compile(_fold(pattern)), weight)
        for pattern, weight in cues
    )
    for kind, cues in CUES.items()
}


@dataclass
class _Score:
    """Score of one kind and the cue phrases that produced it."""

    kind: DocumentKind
    score: float = 0.0
    evidence: list[tuple[str, int]] = field(default_factory=list)


def _lead(pages: list[Page]) -> str:
    """The title and opening text of the first page with text."""
    for page in pages:
        if page.text.strip():
            return f"{page.title or ''}\n{page.text[:LEAD_CHARS]}"
    return ""


def _body(pages: list[Page]) -> str:
    """All page text plus table header rows (so a real table header counts as a line)."""
    headers = [" ".join(t.rows[0]) for p in pages for t in p.tables if t.rows]
    return "\n".join([p.text for p in pages] + headers)


def _score(kind: DocumentKind, body: str, lead: str, name: str) -> _Score:
    """Weighted cue hits of one kind."""
    result = _Score(kind=kind)
    folded_name = _fold(name)
    for pattern, name_pattern, weight in _COMPILED[kind]:
        hits = pattern.findall(body)
        in_lead = bool(pattern.search(lead))
        in_name = bool(name_pattern.search(folded_name))
        result.score += weight * (min(len(hits), BODY_CAP) + LEAD_WEIGHT * in_lead)
        result.score += NAME_WEIGHT * in_name
        if hits or in_lead:
            match = pattern.search(body) or pattern.search(lead)
            phrase = " ".join(match.group(0).split()).casefold() if match else pattern.pattern
            result.evidence.append((phrase[:40], max(len(hits), 1)))
    return result


def _reason(score: _Score) -> str:
    """Swedish explanation naming the strongest cues."""
    cues = sorted(score.evidence, key=lambda e: -e[1])[:3]
    listed = ", ".join(f"'{phrase}' ×{count}" for phrase, count in cues)
    return f"{DOCUMENT_KIND_LABELS[score.kind]}: innehåller {listed}" if listed else ""


def detect_kind(pages: list[Page], fmt: SourceFormat, name: str) -> tuple[DocumentKind, str]:
    """The kind of a document and a short Swedish reason.

    Score based: each kind's cue phrases are counted in the body (capped), in the lead (first
    page title and opening, weighted ``LEAD_WEIGHT``) and, weakly, in the file name. The best
    kind wins if it reaches ``MIN_SCORE``; for slide decks (most pages are slides) it must
    reach ``DOMINANT_SCORE``, else the document is a slide deck.
    """
    body, lead = _body(pages), _lead(pages)
    scores = sorted(
        (_score(kind, body, lead, name) for kind in CUES),
        key=lambda s: s.score,
        reverse=True,
    )
    best = scores[0]
    slides = sum(p.is_slide for p in pages)
    mostly_slides = bool(pages) and slides / len(pages) >= SLIDE_SHARE
    if mostly_slides and best.score < DOMINANT_SCORE:
        unit = "bilder" if fmt is SourceFormat.PPTX else "sidor i liggande format"
        return (
            DocumentKind.SLIDE_DECK,
            f"bildspel: {slides} av {len(pages)} {unit}, inget innehåll dominerar",
        )
    if best.score >= MIN_SCORE:
        return best.kind, _reason(best)
    return DocumentKind.OTHER, "övrigt: inga tydliga kännetecken för någon dokumenttyp"

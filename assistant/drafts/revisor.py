"""A draft reply to the auditors ("Svar till revisorerna – utkast"), without a language model.

For each point of criticism of the report (:mod:`assistant.drafts.criticism`):

* **Belägg** – the hybrid search is asked with the point's text; from the passages found,
  :class:`~assistant.evidence.EvidencePicker` takes the sentences that share most word stems
  with it (at least :data:`MIN_SCORE`, one of them informative in the sense of
  :mod:`assistant.drafts.matching`), at most one per passage. Never counted: the point's own
  page, a sentence that repeats the point, and any page of an auditors' report (document
  kind ``audit_report``) — the auditors' words do not answer their criticism.
* **Åtgärder** – register measures whose title or description shares informative stems
  with the point
  (:class:`~assistant.drafts.matching.MeasureMatcher`).
* **Vad som saknas** – measures that are not done, lack an owner or a due date; or that no
  measure was found ("Inga åtgärder hittades i underlaget.").

Every number of the quoted texts is checked against the register's figures (the quote's
own page counts as cited) and listed in the appendix.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.drafts.checking import NumberChecker
from assistant.drafts.criticism import Point, find_points
from assistant.drafts.matching import MAX_MEASURES, MeasureMatcher, Stems
from assistant.drafts.meaning import MeaningMatcher, VectorCache, reason
from assistant.drafts.models import Criticism, EvidenceItem, MeasureItem, RevisorDraft
from assistant.evidence import EvidencePicker
from lagesbild.errors import ConfigError
from lagesbild.types import (
    Document,
    DocumentKind,
    Measure,
    MeasureLayout,
    MeasureStatus,
    SearchHit,
)
from vectorstore.embeddings import embedder_id
from vectorstore.library import Library
from vectorstore.register import Register

TITLE = "Svar till revisorerna – utkast"
NO_MEASURES = "Inga åtgärder hittades i underlaget."
NO_EVIDENCE = "Inga belägg hittades i underlaget."
SEARCH_K = 20
CANDIDATE_UNITS = 10
MAX_EVIDENCE = 3
MIN_SCORE = 2.0
VECTOR_CACHE = "draft-vectors.sqlite3"


class RevisorDrafter:
    """Builds the draft for one report from a library's register and search."""

    def __init__(self, library: Library) -> None:
        self.library = library
        register = library.register
        self.checker = NumberChecker(register.figures())
        self.stems = Stems(c.text for c in register.chunks())
        self.measures = answering_measures(register)
        self.matcher = MeasureMatcher(self.measures, self.stems)
        self.picker = EvidencePicker()
        self._meaning: MeaningMatcher | None = None

    @property
    def meaning(self) -> MeaningMatcher:
        """The measures embedded (cached on disk; loads the embedder on first use)."""
        if self._meaning is None:
            settings = self.library.settings
            cache = VectorCache(settings.data_dir / VECTOR_CACHE, embedder_id(settings.retrieval))
            try:
                self._meaning = MeaningMatcher(
                    [measure_text(m) for m in self.measures],
                    self.library.embeddings,
                    cache,
                    self.stems,
                )
            finally:
                cache.close()
        return self._meaning

    def draft(self, name: str) -> RevisorDraft:
        """The draft reply to the report ``name`` (file name or a unique part of it)."""
        document = find_document(self.library.register, name)
        points = find_points(self.library.register.pages(document.path))
        criticisms = [self._criticism(n, point, document) for n, point in enumerate(points, 1)]
        return RevisorDraft(
            title=TITLE,
            doc=document.doc,
            criticisms=criticisms,
            numbers=self.checker.numbers,
            note="" if points else _no_points(document),
        )

    def _criticism(self, n: int, point: Point, document: Document) -> Criticism:
        hits = [
            h for h in self.library.search(point.text, k=SEARCH_K) if _usable(h, point, document)
        ]
        found = {m for h in hits for m in h.measure_ids}
        measures, possible = self._measures(point.text, found)
        return Criticism(
            n=n,
            text=self.checker.text(point.text, f"Kritik {n}", [(document.doc, point.page)]),
            doc=document.doc,
            page=point.page,
            lead_in=point.lead_in,
            evidence=self._evidence(n, point, hits),
            measures=measures,
            possible=possible,
            missing=missing(measures, possible),
        )

    def _measures(self, text: str, found: set[str]) -> tuple[list[MeasureItem], list[MeasureItem]]:
        """(measures that answer the point, possibly relevant ones): by meaning, then by
        words (informative stems in common) for those the meaning did not already find."""
        answers, weak = self.meaning.match(text)
        items = [_item(self.measures[a.index], a.shared, a.similarity, reason(a)) for a in answers]
        ids = {i.measure_id for i in items}
        similarity = self.meaning.similarity(text)
        for m, words in self.matcher.match(text, found):
            if m.id not in ids and len(items) < MAX_MEASURES:
                score = similarity[self.measures.index(m)]
                items.append(_item(m, words, score, word_reason(words, score)))
                ids.add(m.id)
        possible = [
            _item(self.measures[w.index], w.shared, w.similarity, reason(w))
            for w in weak
            if self.measures[w.index].id not in ids
        ]
        return items, possible

    def _evidence(self, n: int, point: Point, hits: Sequence[SearchHit]) -> list[EvidenceItem]:
        sources = [(rank, hit.text) for rank, hit in enumerate(hits, 1)]
        units = self.picker.pick(point.text, sources, limit=CANDIDATE_UNITS, per_source=1)
        asked = self.stems.informative(point.text)
        kept = [
            u
            for u in units
            if u.score >= MIN_SCORE and asked & u.tokens and not _repeats(u.text, point.text)
        ]
        kept.sort(key=lambda u: -u.score)
        items = []
        for unit in kept[:MAX_EVIDENCE]:
            hit = hits[unit.source - 1]
            quote = self.checker.text(unit.text, f"Belägg till kritik {n}", [(hit.doc, hit.page)])
            items.append(
                EvidenceItem(
                    doc=hit.doc, page=hit.page, quote=quote, score=unit.score, chunk_id=hit.chunk_id
                )
            )
        return items


def draft_revisor(library: Library, name: str) -> RevisorDraft:
    """The draft reply to the auditors' report ``name`` (see the module docstring)."""
    return RevisorDrafter(library).draft(name)


def find_document(register: Register, name: str) -> Document:
    """The one ingested document ``name`` names; a Swedish error with the fix otherwise."""
    matches = register.find_documents(name)
    if not matches:
        raise ConfigError(
            f"Dokumentet '{name}' är inte inläst. Läs in det med `lagesbild ingest FIL` "
            "och försök igen; `lagesbild docs` listar de inlästa dokumenten."
        )
    if len(matches) > 1:
        names = ", ".join(d.doc for d in matches)
        raise ConfigError(f"'{name}' matchar flera dokument ({names}). Ange ett entydigt namn.")
    return matches[0]


def _usable(hit: SearchHit, point: Point, document: Document) -> bool:
    """False for the point's own page and for pages of auditors' reports."""
    if hit.kind is DocumentKind.AUDIT_REPORT:
        return False
    return not (hit.doc == document.doc and hit.page == point.page)


def _repeats(unit: str, point: str) -> bool:
    """True when a sentence only repeats the point (a reply quoting the criticism)."""
    a, b = " ".join(unit.casefold().split()), " ".join(point.casefold().split())
    return a in b or b in a


def answering_measures(register: Register) -> list[Measure]:
    """The measures that can answer criticism: not the auditors' own recommendations."""
    audit = {d.doc for d in register.documents() if d.kind is DocumentKind.AUDIT_REPORT}
    return [
        m
        for m in register.measures()
        if m.layout is not MeasureLayout.RECOMMENDATION and m.doc not in audit
    ]


def measure_text(m: Measure) -> str:
    """What a measure is about: its title, section and description."""
    parts = (m.title, m.section, m.description)
    return ". ".join(" ".join(p.split()) for p in parts if p and p.strip())


def word_reason(words: list[str], similarity: float) -> str:
    """'Gemensamma ord: hyrpersonal, uppföljning (likhet i innebörd 0,81)'."""
    closeness = f"{similarity:.2f}".replace(".", ",")
    return f"Gemensamma ord: {', '.join(words[:5])} (likhet i innebörd {closeness})"


def _item(m: Measure, words: list[str], score: float = 0.0, why: str = "") -> MeasureItem:
    return MeasureItem(
        measure_id=m.id,
        title=m.title,
        owner=m.owner,
        due_raw=m.due_raw,
        status=m.status,
        status_raw=m.status_raw,
        doc=m.doc,
        page=m.page,
        shared_words=words,
        gaps=gaps(m),
        score=round(score, 3),
        reason=why,
    )


def gaps(m: Measure) -> list[str]:
    """What a measure lacks, in Swedish: not done, no owner, no date, no follow-up."""
    found = []
    if m.status is MeasureStatus.UNKNOWN:
        found.append("ingen status eller uppföljning redovisad")
    elif m.status is not MeasureStatus.DONE:
        found.append(f"inte klar ({m.status.value})")
    if not (m.owner or any(r.organisation for r in m.responsibilities)):
        found.append("ansvarig saknas")
    if not (m.due_raw or m.due or m.due_by):
        found.append("tidpunkt saknas")
    return found


def missing(measures: Sequence[MeasureItem], possible: Sequence[MeasureItem] = ()) -> list[str]:
    """The 'Vad som saknas' lines of one point of criticism."""
    if not measures:
        if possible:
            return [
                f"{NO_MEASURES} {len(possible)} möjligen relevanta åtgärder behöver prövas; "
                "ingen av dem kan anges som svar utan att en handläggare bekräftar det."
            ]
        return [
            f"{NO_MEASURES} Underlaget visar varken åtgärd, ansvarig, tidpunkt eller "
            "uppföljning för punkten."
        ]
    return [f"{m.title}: {', '.join(m.gaps)}" for m in measures if m.gaps]


def _no_points(document: Document) -> str:
    return (
        f"Ingen kritik hittades i '{document.doc}': inga punktlistor efter formuleringar som "
        "'revisorernas bedömning … att', 'Revisorerna bedömer', 'Rekommendationer' eller "
        "'kritik'. Kontrollera att det är revisorernas rapport."
    )

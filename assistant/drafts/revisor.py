"""A draft reply to the auditors ("Svar till revisorerna – utkast"), without a language model.

For each point of criticism of the report (:mod:`assistant.drafts.criticism`):

* **Belägg** – sentences that say what was done about the point, found where the point is
  quoted (an answer quotes each point and answers under it) and by hybrid search, each with
  a Swedish reason (:mod:`assistant.drafts.answers`).
* **Åtgärder** – register measures that stand in those answering passages, the measures of
  a plan such a passage (or its continuation on the same page and section) names by its
  heading — an action plan, or a table of measures under a plan heading
  (:mod:`assistant.drafts.plans`) — and measures
  alike in meaning *and* sharing two or more informative words with the point
  (:mod:`assistant.drafts.meaning`). A measure of a document about a much later year than
  the report, matched by meaning or one word only, or near every point of the report
  (a hub), is listed as *möjligen relevant*,
  never as an answer: a wrong link is worse than none.
* **Vad som saknas** – measures that are not done, lack an owner or a due date; or that
  nothing answers the point ("Inget svar hittat i underlaget.").

Every number of the quoted texts is checked against the register's figures (the quote's
own page counts as cited) and listed in the appendix.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from assistant.drafts.answers import (
    MAX_ANSWERS,
    MAX_YEARS_AFTER,
    Answer,
    AnswerFinder,
    shared_by_most,
)
from assistant.drafts.checking import NumberChecker
from assistant.drafts.criticism import Point, find_points
from assistant.drafts.matching import MAX_MEASURES, Stems
from assistant.drafts.meaning import (
    MeaningMatch,
    MeaningMatcher,
    PassageMeaning,
    QueryVectors,
    VectorCache,
    reason,
)
from assistant.drafts.models import Criticism, EvidenceItem, MeasureItem, RevisorDraft
from assistant.drafts.plans import find_plans, plan_links
from lagesbild.errors import ConfigError
from lagesbild.types import (
    Chunk,
    Document,
    DocumentKind,
    Measure,
    MeasureLayout,
    MeasureStatus,
)
from vectorstore.embeddings import embedder_id
from vectorstore.library import Library
from vectorstore.register import Register

TITLE = "Svar till revisorerna – utkast"
NO_ANSWER = "Inget svar hittat i underlaget."
NO_MEASURES = "Ingen åtgärd i registret svarar på punkten."
NO_EVIDENCE = "Inga belägg hittades i underlaget."
SEARCH_K = 20
MIN_ANSWER_WORDS = 2
VECTOR_CACHE = "draft-vectors.sqlite3"
VECTOR_BATCH = 500
MIN_HUB_POINTS = 3
MAX_YEARS_BEFORE = 1  # a plan or answer about a year this much before the report is no answer
HUB = "åtgärden ligger lika nära alla punkter i rapporten och säger inget särskilt om denna"
MAX_CANDIDATES = 8  # answering sentences searched for a plan they name (the best 3 shown)


class RevisorDrafter:
    """Builds the draft for one report from a library's register and search."""

    def __init__(self, library: Library) -> None:
        self.library = library
        register = library.register
        self.checker = NumberChecker(register.figures(), register.page_texts())
        chunks = register.chunks()
        self.chunks = {c.id: c for c in chunks}
        self.following = following_passages(chunks)
        self.stems = Stems(c.text for c in chunks)
        documents = register.documents()
        self.years = {d.doc: d.year for d in documents}
        self.measures = answering_measures(register)
        self.plans = find_plans(self.measures, chunks)
        self.finder = AnswerFinder(chunks, documents, self.stems)
        self.queries = QueryVectors(library.embeddings)
        self._passages: PassageMeaning | None = None
        self._hubs: set[int] = set()
        self._meaning: MeaningMatcher | None = None

    @property
    def passages(self) -> PassageMeaning:
        """Every passage's stored vector, read once from the vector store."""
        if self._passages is None:
            ids = [cid for cid, c in self.chunks.items() if not c.quarantined]
            vectors: dict[str, np.ndarray] = {}
            for start in range(0, len(ids), VECTOR_BATCH):
                found = self.library.store.vectors(ids[start : start + VECTOR_BATCH])
                vectors.update((cid, np.asarray(v, dtype=np.float32)) for cid, v in found.items())
            self._passages = PassageMeaning(vectors, self.queries)
        return self._passages

    @property
    def meaning(self) -> MeaningMatcher:
        """The measures as vectors: the stored vectors of their passages; a measure without
        one is embedded (cached on disk)."""
        if self._meaning is None:
            settings = self.library.settings
            cache = VectorCache(settings.data_dir / VECTOR_CACHE, embedder_id(settings.retrieval))
            try:
                self._meaning = MeaningMatcher(
                    [measure_text(m) for m in self.measures],
                    self.library.embeddings,
                    cache,
                    self.stems,
                    queries=self.queries,
                )
            finally:
                cache.close()
        return self._meaning

    def draft(self, name: str) -> RevisorDraft:
        """The draft reply to the report ``name`` (file name or a unique part of it)."""
        document = find_document(self.library.register, name)
        audit = document.kind is DocumentKind.AUDIT_REPORT
        points = find_points(self.library.register.pages(document.path), verdicts=audit)
        addressee = shared_by_most(points, self.stems)
        self._hubs = hubs([self.meaning.match(p.text)[0] for p in points])
        criticisms = [
            self._criticism(n, point, document, addressee) for n, point in enumerate(points, 1)
        ]
        return RevisorDraft(
            title=TITLE,
            doc=document.doc,
            criticisms=criticisms,
            numbers=self.checker.numbers,
            note="" if points else _no_points(document),
        )

    def _criticism(
        self,
        n: int,
        point: Point,
        document: Document,
        addressee: set[str],
    ) -> Criticism:
        hits = [
            self.chunks[h.chunk_id]
            for h in self.library.search(point.text, k=SEARCH_K)
            if h.chunk_id in self.chunks
        ]
        closeness = self.passages.closeness(point.text)
        found = self.finder.find(point, document, hits, addressee, closeness, MAX_CANDIDATES)
        answers = found[:MAX_ANSWERS]
        named, via = self._in_named_plans(found, document, addressee)
        answers += [a for a in via if a not in answers]  # the passage a link cites is shown
        measures, possible = self._measures(point.text, answers, document, named)
        return Criticism(
            n=n,
            text=self.checker.text(point.text, f"Kritik {n}", [(document.doc, point.page)]),
            doc=document.doc,
            page=point.page,
            lead_in=point.lead_in,
            evidence=[self._evidence(n, a) for a in answers],
            measures=measures,
            possible=possible,
            missing=missing(measures, possible, bool(answers)),
        )

    def _measures(
        self, text: str, answers: list[Answer], report: Document, named: list[MeasureItem]
    ) -> tuple[list[MeasureItem], list[MeasureItem]]:
        """(measures that answer the point, possibly relevant ones).

        A measure answers when it stands in an answering passage, belongs to a plan such a
        passage names (``named``), or when it is alike in
        meaning and shares two or more informative words with the point, from a document
        not about a much later year than the report. Meaning or one word alone, or a later
        document, makes it 'möjligen relevant'."""
        items = self._in_answers(answers)
        items += [i for i in named if all(i.measure_id != m.measure_id for m in items)]
        ids = {i.measure_id for i in items}
        strong, weak = self.meaning.match(text)
        possible: list[MeasureItem] = []
        for match in strong + weak:
            m = self.measures[match.index]
            if m.id in ids:
                continue
            ids.add(m.id)
            later = self._later(m.doc, report)
            if not later and self._earlier(m.doc, report):
                later = f"dokumentet gäller {self.years.get(m.doc)}, kritiken {report.year}"
            if not later and m.doc != report.doc and not self.finder.speaks_to_auditors(m.doc):
                later = "dokumentet nämner inte revisionen och är ingen åtgärdsplan"
            if match.index in self._hubs:
                later = HUB
            if match.answers and len(match.shared) >= MIN_ANSWER_WORDS and not later:
                items.append(_item(m, match.shared, match.similarity, reason(match)))
            else:
                why = f"{reason(match)}; {later}" if later else reason(match)
                possible.append(_item(m, match.shared, match.similarity, why))
        return items[:MAX_MEASURES], possible[:MAX_MEASURES]

    def _in_answers(self, answers: list[Answer]) -> list[MeasureItem]:
        """The measures that stand in the answering passages, with the answer's reason."""
        index = {m.id: i for i, m in enumerate(self.measures)}
        items: list[MeasureItem] = []
        for answer in answers:
            why = f"Står i det citerade belägget. {answer.reason}"
            for measure_id in answer.chunk.measure_ids:
                if measure_id in index and all(i.measure_id != measure_id for i in items):
                    items.append(_item(self.measures[index[measure_id]], answer.shared, 0.0, why))
        return items

    def _in_named_plans(
        self, answers: list[Answer], report: Document, addressee: set[str]
    ) -> tuple[list[MeasureItem], list[Answer]]:
        """(the measures of a plan that an answering passage names, the answers that name
        one; :mod:`assistant.drafts.plans`): the passage stands in the report or in a
        document that speaks to the auditors, and neither it nor the plan is about a much
        later or (another document) a much earlier year."""
        ignore = self.finder.common_words(report.doc) | addressee
        plans = [
            p
            for p in self.plans
            if not self._later(p.doc, report) and not self._earlier(p.doc, report)
        ]
        items: list[MeasureItem] = []
        via: list[Answer] = []
        for answer in answers:
            chunk = answer.chunk
            if chunk.doc != report.doc and not self.finder.speaks_to_auditors(chunk.doc):
                continue
            if self._earlier(chunk.doc, report):
                continue
            links = [
                link
                for passage in answer_passages(chunk, self.following)
                for link in plan_links(plans, passage, self.stems, ignore)
            ]
            for link in links:
                if len(items) < MAX_MEASURES and all(
                    i.measure_id != link.measure.id for i in items
                ):
                    items.append(_item(link.measure, link.shared, 0.0, link.reason))
                    if answer not in via:
                        via.append(answer)
        return items, via

    def _later(self, doc: str, report: Document) -> str:
        """'gäller 2023' when ``doc`` is about a year well after the report's, else ''."""
        year = self.years.get(doc)
        if report.year and year and year > report.year + MAX_YEARS_AFTER:
            return f"dokumentet gäller {year}, kritiken {report.year}"
        return ""

    def _earlier(self, doc: str, report: Document) -> bool:
        """True when another document is about a year well before the report's: a plan of
        2016 does not answer criticism of 2024."""
        year = self.years.get(doc)
        return bool(
            doc != report.doc and report.year and year and year < report.year - MAX_YEARS_BEFORE
        )

    def _evidence(self, n: int, answer: Answer) -> EvidenceItem:
        chunk = answer.chunk
        quote = self.checker.text(answer.text, f"Belägg till kritik {n}", [(chunk.doc, chunk.page)])
        return EvidenceItem(
            doc=chunk.doc,
            page=chunk.page,
            quote=quote,
            score=round(answer.score, 3),
            chunk_id=chunk.id,
            reason=answer.reason,
        )


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


def hubs(answers: Sequence[Sequence[MeaningMatch]]) -> set[int]:
    """Measures that answer every point by meaning (three or more points): a measure near
    everything the auditors raise says nothing in particular about any one of them."""
    if len(answers) < MIN_HUB_POINTS:
        return set()
    common = set.intersection(*({m.index for m in found} for found in answers))
    return common


def answer_passages(chunk: Chunk, following: dict[str, Chunk]) -> list[Chunk]:
    """The answering passage and the next one when the answer goes on there: the same
    document, page and section (a 'Svar:' paragraph the chunker cut in two)."""
    after = following.get(chunk.id)
    if after and after.page == chunk.page and after.section == chunk.section:
        return [chunk, after]
    return [chunk]


def following_passages(chunks: Sequence[Chunk]) -> dict[str, Chunk]:
    """Passage id → the next passage of its document (ids '<doc>:c<n>', in order)."""
    by_doc: dict[str, list[tuple[int, Chunk]]] = {}
    for chunk in chunks:
        number = chunk.id.rsplit(":c", 1)[-1]
        if number.isdigit() and not chunk.quarantined:
            by_doc.setdefault(chunk.doc, []).append((int(number), chunk))
    following: dict[str, Chunk] = {}
    for group in by_doc.values():
        group.sort(key=lambda item: item[0])
        for (n, chunk), (m, after) in pairwise(group):
            if m == n + 1:
                following[chunk.id] = after
    return following


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


def missing(
    measures: Sequence[MeasureItem], possible: Sequence[MeasureItem] = (), answered: bool = False
) -> list[str]:
    """The 'Vad som saknas' lines of one point of criticism."""
    if measures:
        return [f"{m.title}: {', '.join(m.gaps)}" for m in measures if m.gaps]
    if answered:
        return [
            f"{NO_MEASURES} Beläggen visar vad som gjorts, men ingen åtgärd med ansvarig, "
            "tidpunkt och status finns i registret."
        ]
    if possible:
        return [
            f"{NO_ANSWER} {len(possible)} möjligen relevanta åtgärder behöver prövas; "
            "ingen av dem kan anges som svar utan att en handläggare bekräftar det."
        ]
    return [
        f"{NO_ANSWER} Underlaget visar varken åtgärd, ansvarig, tidpunkt eller "
        "uppföljning för punkten."
    ]


def _no_points(document: Document) -> str:
    return (
        f"Ingen kritik hittades i '{document.doc}': inga punktlistor efter formuleringar som "
        "'revisorernas bedömning … att', 'Revisorerna bedömer', 'Rekommendationer' eller "
        "'kritik'. Kontrollera att det är revisorernas rapport."
    )

"""The numbered sources an answer may cite: the measure the question names, then passages.

A question that names a register measure (its title's terms are covered by the question, and
the question names no other document) gets that measure first, as structured fields (see
:mod:`assistant.measure_fields`); the rest, and every question about a measure the register
lacks, comes from hybrid search: only hits scoring near the best one, since the small model
copies whatever it is handed. A question about a measure that is not in the register
never gets another measure's fields. Passages marked quarantined (text addressed to an AI
assistant, see ``ingest``) are kept as sources only so the answer can name their page: they
are never evidence, never in a prompt. Sources are kept short: the local model reads ~90
tokens per second.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from assistant.measure_fields import FieldValue, measure_fields
from lagesbild.ids import doc_id_of
from lagesbild.tokenizer import STOPWORDS, SwedishTokenizer
from lagesbild.types import Chunk, Measure, SearchHit
from vectorstore.library import Library

log = logging.getLogger(__name__)

# Words that make a question a register question (status, owner, deadline, amount).
_REGISTER_CUES = frozenset(
    {
        "status", "läge", "lägesbild", "ansvar", "ansvarig", "ansvarar", "vem", "när",
        "tidpunkt", "klar", "klart", "pågår", "försenad", "påbörjad", "belopp", "kostar",
        "kostnad", "prognos", "risk", "risker", "stöd", "nästa",
    }
)  # fmt: skip
# Words that frame a register question rather than name its measure.
_FRAME = frozenset(
    {
        "vem", "vilken", "vilket", "vilka", "när", "hur", "vad", "ska", "för", "att", "och",
        "med", "har", "är", "den", "det", "som", "åtgärd", "åtgärden", "uppdrag", "uppdraget",
        "aktivitet", "aktiviteten", "enligt", "ansvarar", "ansvarig", "ansvar", "status",
        "läge", "klar", "klart", "senast", "tidpunkt", "datum", "prognos", "risk", "risker",
        "stöd", "stödet", "behov", "behovet", "hjälp", "nästa", "kommande", "senaste",
        "månad", "månaden", "hänt", "gjorts",
    }
)  # fmt: skip
MAX_SOURCES = 4
MAX_MEASURES = 2
# A source is its whole chunk (ingest aims at 900 characters): the evidence picker reads
# every sentence of it, and the model only the few it picks. Cutting sources at 700
# characters lost the answer when it stood at a chunk's end (9 of 109 own questions).
# The cap only guards against a pathological chunk.
SOURCE_CHARS = 2000
# A search hit scoring this much below the best hit is no source. The fused score is a
# listwise log-odds (``vectorstore.fusion``): 5 below leaves a hit under e^-5 (< 1 %) of the
# best hit's chance of being the passage that answers. On SweQUAD-MC training, 95 % of the
# relevant passages ranked 2–4 lie within it and 42 % of the others do not
# (``evals/source_gap.py``). A weak extra source costs more than it adds: the small model
# copies whatever it is handed. (The linear fallback's scores lie in 0..1: no cut.)
MAX_SCORE_GAP = 5.0
# Share of the measure title's terms the question must name...
MIN_TITLE_COVERED = 0.6
MIN_SHARED_WORDS = 2
# ...and share of the question's own naming terms that the measure must hold.
MIN_QUESTION_COVERED = 0.6
# A question may instead describe the measure: every one of its naming terms, this many at
# least, stands in the measure's title, section or description.
MIN_DESCRIBING_WORDS = 3
_DOC_PART = re.compile(r"[^a-z0-9]+")
MIN_DOC_WORD = 6
# A title's verb and a question's noun of it share their stem's start ("Minska" /
# "minskningen", "Förbättra" / "förbättringen"): a stem this long and another that only
# adds an ending to it are one word.
MIN_SHARED_STEM = 5
MAX_ENDING = 4  # -ning, -ing, -else, -het, -are: longer rests are compounds
# Short names of bodies ("RS", "RUN", "HSN") tell measures of one title apart.
_ABBREVIATION = re.compile(r"\b[A-ZÅÄÖ]{2,5}\b")


@dataclass
class Source:
    """One numbered source: what the model reads and what a citation points at."""

    n: int
    doc: str
    page: int
    text: str
    chunk_id: str | None = None
    measure_id: str | None = None
    fields: list[FieldValue] = field(default_factory=list)
    quarantined: bool = False
    ocr: bool = False  # read by OCR: the user checks it against the original

    def render(self) -> str:
        """The source as the model sees it."""
        head = f'<källa nr="{self.n}" dokument="{self.doc}" sida="{self.page}">'
        return f"{head}\n{self.text}\n</källa>"


class ContextBuilder:
    """Builds the numbered sources for a question from one library."""

    def __init__(
        self, library: Library, k: int = MAX_SOURCES, max_gap: float = MAX_SCORE_GAP
    ) -> None:
        self.library = library
        self.k = k
        self.max_gap = max_gap
        self.tokenizer = SwedishTokenizer(compounds=False)

    def sources(self, question: str) -> list[Source]:
        """Register measures the question names, then the search hits scoring within
        ``max_gap`` of the best hit, numbered from 1."""
        sources: list[Source] = []
        for measure in self.matching_measures(question)[:MAX_MEASURES]:
            sources.append(_measure_source(len(sources) + 1, measure, self._chunk_of(measure)))
        seen = {s.chunk_id for s in sources}
        hits = self.library.search(question, k=self.k + len(sources))
        # measured from the best hit that may be evidence (a quarantined one never is)
        best = max((h.score for h in hits if not h.quarantined), default=0.0)
        for hit in hits:
            if len(sources) >= self.k:
                break
            if hit.score < best - self.max_gap and not hit.quarantined:
                log.debug(
                    "källan %s s. %d utelämnad: %.2f under bästa träffen (högst %.1f)",
                    hit.doc,
                    hit.page,
                    best - hit.score,
                    self.max_gap,
                )
                continue  # a quarantined hit further down is still named, never evidence
            if hit.chunk_id not in seen:
                sources.append(_hit_source(len(sources) + 1, hit))
                seen.add(hit.chunk_id)
        return sources

    def matching_measures(self, question: str) -> list[Measure]:
        """Measures the question names, best first (register questions only).

        A measure is named when the question holds most of its title's terms and the
        measure holds most of the question's naming terms; when the question names a
        document, only that document's measures count.
        """
        words = self.tokenizer.words(question)
        if not set(words) & _REGISTER_CUES and not _mentions_measure_word(question):
            return []
        stems = self._stems(question)
        measures = self.library.register.measures()
        docs = {d.doc for d in self.library.register.documents()}
        named_docs = {d for d in docs if any(_names_document(w, d) for w in words)}
        naming = {
            stem
            for w in words
            if w not in _FRAME
            and w not in STOPWORDS
            and (len(w) > 2 or w in _abbreviations(question))
            and not any(_names_document(w, d) for d in docs)
            for stem in [self.tokenizer.stem(w)]
        }
        scored = []
        for measure in measures:
            if named_docs and measure.doc not in named_docs:
                continue
            title = self._stems(measure.title)
            if not title:
                continue
            overlap = sum(1 for t in title if _held(t, stems))
            covered = overlap / len(title)
            held = self._stems(" ".join([measure.title, measure.section, measure.description]))
            named = sum(1 for t in naming if _held(t, held))
            described = named >= MIN_DESCRIBING_WORDS and named == len(naming)
            if not described and (overlap < MIN_SHARED_WORDS or covered < MIN_TITLE_COVERED):
                continue
            if naming and named / len(naming) < MIN_QUESTION_COVERED:
                log.debug("mätning %s: frågans termer saknas i åtgärden", measure.id)
                continue
            scored.append((covered, overlap, measure))
        scored.sort(key=lambda item: (-item[0], -item[1]))
        return [m for _, _, m in scored]

    def _stems(self, text: str) -> set[str]:
        """Stems of the words longer than two letters, and of the text's short names (RS)."""
        short = _abbreviations(text)
        return {
            self.tokenizer.stem(w) for w in self.tokenizer.words(text) if len(w) > 2 or w in short
        }

    def _chunk_of(self, measure: Measure) -> Chunk | None:
        """The passage a measure was read from (only its own document's chunks are loaded)."""
        chunks = self.library.register.chunks_of(doc_id_of(measure.id))
        return next((c for c in chunks if measure.id in c.measure_ids), None)


def _abbreviations(text: str) -> set[str]:
    """The short names written in capitals in ``text``, lowercased ('RS' → 'rs')."""
    return {m.casefold() for m in _ABBREVIATION.findall(text)}


def _held(stem: str, stems: set[str]) -> bool:
    """True when ``stem`` is among ``stems``, or one of them is the same word with another
    ending ('minsk' / 'minskning'; not a compound's part: 'drift' / 'driftbudget')."""
    if stem in stems:
        return True
    return any(_same_word(stem, other) for other in stems)


def _same_word(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return (
        len(short) >= MIN_SHARED_STEM
        and long.startswith(short)
        and len(long) - len(short) <= MAX_ENDING
    )


def _mentions_measure_word(question: str) -> bool:
    lowered = question.casefold()
    return any(w in lowered for w in ("åtgärd", "uppdrag", "aktivitet"))


def _fold(text: str) -> str:
    """Lowercase ASCII ('omställningsplanen' → 'omstallningsplanen'), as file names are."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names_document(word: str, doc: str) -> bool:
    """True when a question word names the file ('månadsrapporten' ~ 'manadsrapport-…')."""
    if len(word) < MIN_DOC_WORD:
        return False
    folded = _fold(word)
    parts = _DOC_PART.split(_fold(doc).rsplit(".", 1)[0])
    return any(
        len(p) >= MIN_DOC_WORD
        and (folded.startswith(p) or (p.startswith(folded) and len(p) - len(folded) <= 2))
        for p in parts
    )


def _measure_source(n: int, measure: Measure, chunk: Chunk | None) -> Source:
    fields = measure_fields(measure)
    return Source(
        n=n,
        doc=measure.doc,
        page=measure.page,
        text="\n".join(f.text for f in fields),
        chunk_id=chunk.id if chunk else None,
        measure_id=measure.id,
        fields=fields,
        ocr=chunk.ocr if chunk else False,
    )


def _hit_source(n: int, hit: SearchHit) -> Source:
    return Source(
        n=n,
        doc=hit.doc,
        page=hit.page,
        text=_trim(hit.text, SOURCE_CHARS),
        chunk_id=hit.chunk_id,
        quarantined=hit.quarantined,
        ocr=hit.ocr,
    )


def _trim(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"

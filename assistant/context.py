"""The numbered sources an answer may cite: register measures first, then passages.

Questions about the status, owner, deadline or amount of a measure are answered from the
register (with the measure's own source); the rest, and anything the register lacks, from
hybrid search. Sources are kept short: the local model reads ~90 tokens per second.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagesbild.types import Chunk, Measure, MeasureStatus, SearchHit
from vectorstore.keyword import SwedishTokenizer
from vectorstore.library import Library

# Words that make a question a register question (status, owner, deadline, amount).
_REGISTER_CUES = frozenset(
    {
        "status",
        "läge",
        "lägesbild",
        "ansvar",
        "ansvarig",
        "ansvarar",
        "vem",
        "när",
        "tidpunkt",
        "klar",
        "klart",
        "pågår",
        "försenad",
        "påbörjad",
        "belopp",
        "kostar",
        "kostnad",
        "prognos",
        "risk",
        "risker",
        "stöd",
        "nästa",
    }
)
MEASURE_LABEL = "Åtgärd"  # first line of a measure source: "Åtgärd: <title>"
MAX_SOURCES = 4
MAX_MEASURES = 2
SOURCE_CHARS = 700
MIN_TITLE_OVERLAP = 0.5
MIN_SHARED_WORDS = 2


@dataclass
class Source:
    """One numbered source: what the model reads and what a citation points at."""

    n: int
    doc: str
    page: int
    text: str
    chunk_id: str | None = None
    measure_id: str | None = None

    def render(self) -> str:
        """The source as the model sees it."""
        head = f'<källa nr="{self.n}" dokument="{self.doc}" sida="{self.page}">'
        return f"{head}\n{self.text}\n</källa>"


class ContextBuilder:
    """Builds the numbered sources for a question from one library."""

    def __init__(self, library: Library, k: int = MAX_SOURCES) -> None:
        self.library = library
        self.k = k
        self.tokenizer = SwedishTokenizer(compounds=False)

    def sources(self, question: str) -> list[Source]:
        """Register measures that match the question, then search hits, numbered from 1."""
        sources: list[Source] = []
        for measure in self.matching_measures(question)[:MAX_MEASURES]:
            sources.append(_measure_source(len(sources) + 1, measure, self._chunk_of(measure)))
        seen = {s.chunk_id for s in sources}
        for hit in self.library.search(question, k=self.k + len(sources)):
            if len(sources) >= self.k:
                break
            if hit.chunk_id not in seen:
                sources.append(_hit_source(len(sources) + 1, hit))
                seen.add(hit.chunk_id)
        return sources

    def matching_measures(self, question: str) -> list[Measure]:
        """Measures whose title the question names, best first (register questions only)."""
        words = set(self.tokenizer.words(question))
        if not words & _REGISTER_CUES and not _mentions_measure_word(question):
            return []
        stems = {self.tokenizer.stem(w) for w in words}
        scored = []
        for measure in self.library.register.measures():
            title = {self.tokenizer.stem(w) for w in self.tokenizer.words(measure.title)}
            title = {t for t in title if len(t) > 2}
            if not title:
                continue
            overlap = len(title & stems)
            if overlap >= MIN_SHARED_WORDS and overlap / len(title) >= MIN_TITLE_OVERLAP:
                scored.append((overlap / len(title), overlap, measure))
        scored.sort(key=lambda item: (-item[0], -item[1]))
        return [m for _, _, m in scored]

    def _chunk_of(self, measure: Measure) -> Chunk | None:
        """The passage a measure was read from (only its own document's chunks are loaded)."""
        doc_id = measure.id.split(":", 1)[0]
        return next(
            (c for c in self.library.register.chunks_of(doc_id) if measure.id in c.measure_ids),
            None,
        )


def _mentions_measure_word(question: str) -> bool:
    lowered = question.casefold()
    return any(w in lowered for w in ("åtgärd", "uppdrag", "aktivitet"))


def _measure_source(n: int, measure: Measure, chunk: Chunk | None) -> Source:
    lines = [f"{MEASURE_LABEL}: {measure.title}"]
    fields = (
        ("Ansvarig", measure.owner),
        ("Tidpunkt", measure.due_raw),
        ("Status", measure.status_raw or _known_status(measure)),
        ("Prognos", measure.forecast),
        ("Senaste månaden", measure.last_month),
        ("Kommande månad", measure.next_steps),
        ("Risker", measure.risks),
        ("Behov av stöd", measure.support_need),
        ("Beskrivning", measure.description),
    )
    lines += [f"{label}: {' '.join(value.split())}" for label, value in fields if value]
    return Source(
        n=n,
        doc=measure.doc,
        page=measure.page,
        text="\n".join(lines),
        chunk_id=chunk.id if chunk else None,
        measure_id=measure.id,
    )


def _known_status(measure: Measure) -> str | None:
    return None if measure.status is MeasureStatus.UNKNOWN else measure.status.value


def _hit_source(n: int, hit: SearchHit) -> Source:
    return Source(
        n=n, doc=hit.doc, page=hit.page, text=_trim(hit.text, SOURCE_CHARS), chunk_id=hit.chunk_id
    )


def _trim(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"

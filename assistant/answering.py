"""Answer a question: sources → evidence → model → parsed, cited, number-checked ``Answer``.

The answer has two parts. The model's short text (one or two sentences with ``[n]``
markers) comes first; under it, "Ur underlaget" quotes the evidence sentences it rests on,
word for word with their markers, so an official can see what the sources say even when a
small model words it badly. The model's text is kept only when it cites a real source and
does not run on; otherwise the quotes stand alone and a note says why.

The assistant abstains ("Underlaget innehåller inget svar på frågan.") and shows the
closest sources when nothing was found, when the evidence barely touches the question's
terms, or — unless one evidence sentence covers most of what the question names — when the
model says the sources do not answer, cites sources that do not mention what the question
is about, or writes nothing usable. With such a strong sentence the quotes stand alone, with a note.
Every amount is checked against the figures.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel

from assistant.context import MEASURE_LABEL, ContextBuilder, Source
from assistant.evidence import EvidencePicker, TermWeights, Unit, asked_fields, render
from assistant.number_check import check_with_index, mark_unsupported
from assistant.number_match import FigureIndex
from assistant.safety import looks_like_instruction
from lagesbild.types import Answer, Citation, Timings
from prompts import CANNOT_ANSWER_MARKER, CANNOT_ANSWER_PHRASE, load_template
from vectorstore.library import Library

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w{3,}")
QUOTE_CHARS = 300
MAX_QUOTES = 2
QUOTE_SHARE = 0.6
# Evidence must cover at least this share (by term rarity) of what the question names...
MIN_COVERAGE = 0.4
# ...and so must the evidence of the sources the model cites (else it answered something else).
MIN_GROUNDING = 0.25
# One evidence sentence covering this much of the question is a strong hit: the model's text
# may then be dropped, but the answer stands on the quotes.
STRONG_COVERAGE = 0.6
# Longer model text than this is a model running on, not a short answer.
MAX_LEAD_CHARS = 450
STOP = ["\n\n", "Fråga:", "Utdrag:"]
EVIDENCE_HEADING = "Ur underlaget:"
NO_CITATION_NOTE = (
    "Språkmodellens formulering hänvisade inte till någon källa och visas därför inte; "
    "utdragen nedan är ordagranna."
)
RAN_ON_NOTE = (
    "Språkmodellens formulering blev för lång eller upprepade sig och visas därför inte; "
    "utdragen nedan är ordagranna."
)

# The answer opens with this when the question's premise contradicts the sources.
PREMISE_PREFIX = "Observera: frågan talar om"
PREMISE_NOTE = (
    "Språkmodellens formulering upprepade frågans antagande, som underlaget motsäger, och "
    "visas därför inte; utdragen nedan är ordagranna."
)
REGISTER_NOTE = "Svaret är hämtat direkt ur åtgärdsregistret; ingen språkmodell behövdes."
DECLINED_NOTE = (
    "Språkmodellen fann inget direkt svar i utdragen; här är det underlaget säger som ligger "
    "närmast frågan, ordagrant."
)
UNGROUNDED_NOTE = (
    "Språkmodellens formulering stödde sig på utdrag som inte handlar om frågan och visas "
    "därför inte; utdragen nedan är ordagranna."
)
# A question that names one of these where the evidence names only its opposite rests on a
# false premise: the answer says what the sources say.
OPPOSITES = (
    ("överskott", "underskott"),
    ("ökning", "minskning"),
    ("ökade", "minskade"),
    ("ökat", "minskat"),
    ("vinst", "förlust"),
    ("positiv", "negativ"),
    ("klar", "försenad"),
)

TokenCallback = Callable[[str], None]


class Answerer:
    """Answers questions from one library with one chat model."""

    def __init__(self, library: Library, chat: BaseChatModel, backend: str = "") -> None:
        self.library = library
        self.chat = chat
        self.backend = backend
        self.context = ContextBuilder(library)
        self.picker = EvidencePicker()
        self.template = load_template("answer")
        self._figures: tuple[str, FigureIndex] | None = None
        self._weights: tuple[str, TermWeights] | None = None

    def figure_index(self) -> FigureIndex:
        """The figures of the whole register, indexed once per register state."""
        key = self.library.register.content_key()
        if self._figures is None or self._figures[0] != key:
            self._figures = (key, FigureIndex(self.library.register.figures()))
        return self._figures[1]

    def term_weights(self) -> TermWeights:
        """Term rarities over the indexed passages, computed once per register state."""
        key = self.library.register.content_key()
        if self._weights is None or self._weights[0] != key:
            texts = (c.text for c in self.library.register.chunks())
            self._weights = (key, TermWeights(self.picker.tokenizer, texts))
        return self._weights[1]

    def ask(self, question: str, on_token: TokenCallback | None = None) -> Answer:
        """Answer ``question``; ``on_token`` receives the model's text as it streams."""
        start = time.perf_counter()
        sources = self.context.sources(question)
        units = self.picker.pick(
            question, [(s.n, s.text) for s in sources], skip=looks_like_instruction
        )
        withheld = [s for s in sources if looks_like_instruction(s.text)]
        timings = Timings(retrieve_ms=(time.perf_counter() - start) * 1000)
        asked = register_fields(question, sources)
        if asked:  # the measure the question names has the fields it asks for: no model needed
            return self._from_register(question, asked, units, sources, withheld, timings, start)
        weights = self.term_weights()
        if not units or weights.coverage(question, units) < MIN_COVERAGE:
            return self._abstain(question, sources, timings, start)
        strong = max(weights.coverage(question, [u]) for u in units) >= STRONG_COVERAGE
        best_first = sorted(units, key=lambda u: -u.score)  # small models lean on the first line
        messages = self.template.format_messages(question=question, evidence=render(best_first))
        pieces: list[str] = []
        for chunk in self.chat.stream(messages, stop=STOP):
            text = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
            if not pieces:
                timings.ttft_ms = (time.perf_counter() - start) * 1000
            pieces.append(text)
            if on_token:
                on_token(text)
        raw = "".join(pieces).strip()
        declined = CANNOT_ANSWER_MARKER.casefold() in raw.casefold()
        lead, cited, dropped = resolve_markers(raw, {u.source for u in units})
        cited_units = [u for u in units if u.source in cited]
        grounded = bool(cited_units) and weights.coverage(question, cited_units) >= MIN_GROUNDING
        if (declined or (cited_units and not grounded)) and not strong:
            return self._abstain(question, sources, timings, start, raw)
        if declined:
            lead, cited_units, note = "", [], DECLINED_NOTE
        elif cited_units and not grounded:
            lead, cited_units, note = "", [], UNGROUNDED_NOTE
        else:
            lead, note = self._checked_lead(lead, cited_units)
            if not lead and not strong:  # no usable model text, and no sentence to stand alone
                return self._abstain(question, sources, timings, start, raw)
        premise = premise_note(question, units)
        if premise and lead and echoes_premise(lead, question, units):
            lead, note = "", PREMISE_NOTE
        answer = self._compose(question, raw, premise, lead, cited_units, units, sources)
        answer.note = " ".join(filter(None, [note, withheld_note(withheld)]))
        answer.dropped_markers = dropped
        answer.timings = timings
        answer.timings.total_ms = (time.perf_counter() - start) * 1000
        return answer

    def _from_register(
        self,
        question: str,
        asked: list[Unit],
        units: list[Unit],
        sources: list[Source],
        withheld: list[Source],
        timings: Timings,
        start: float,
    ) -> Answer:
        """The answer as the register states it: the measure and the fields asked for."""
        measure = sources[0]
        title = measure.text.splitlines()[0].removeprefix(f"{MEASURE_LABEL}: ")
        lead = f"{title} – {'; '.join(u.text for u in asked)} [{measure.n}]."
        rest = [u for u in units if u not in asked and u.source != measure.n]
        answer = self._compose(
            question, "", premise_note(question, units), lead, asked, units, sources, rest
        )
        answer.note = " ".join(filter(None, [REGISTER_NOTE, withheld_note(withheld)]))
        answer.timings = timings
        answer.timings.total_ms = (time.perf_counter() - start) * 1000
        return answer

    @staticmethod
    def _checked_lead(lead: str, cited_units: list[Unit]) -> tuple[str, str]:
        """The model's text if it cites a source and stays short, else '' and why."""
        if not cited_units:
            return "", NO_CITATION_NOTE
        if runs_on(lead):
            return "", RAN_ON_NOTE
        return lead, ""

    def _compose(
        self,
        question: str,
        raw: str,
        premise: str,
        lead: str,
        cited_units: list[Unit],
        units: list[Unit],
        sources: list[Source],
        quote_from: list[Unit] | None = None,
    ) -> Answer:
        quoted = _quotes(units if quote_from is None else quote_from)
        bullets = "\n".join(f"• ”{u.text}” [{u.source}]" for u in quoted)
        evidence = f"{EVIDENCE_HEADING}\n{bullets}" if quoted else ""
        text = "\n\n".join(filter(None, [premise, lead, evidence]))
        by_n = {s.n: s for s in sources}
        shown = sorted({u.source for u in cited_units} | {u.source for u in quoted})
        citations = [_citation(by_n[n], _best_unit(n, units)) for n in shown if n in by_n]
        cited_pages = {(c.doc, c.page) for c in citations}
        checks = check_with_index(text, self.figure_index(), cited_pages)
        return Answer(
            question=question,
            answer=mark_unsupported(text, checks),
            citations=citations,
            number_check=checks,
            backend=self.backend,
            model_text=raw,
        )

    def _abstain(
        self,
        question: str,
        sources: list[Source],
        timings: Timings,
        start: float,
        raw: str = "",
    ) -> Answer:
        timings.total_ms = (time.perf_counter() - start) * 1000
        closest = [
            _citation(s, self.picker.best(question, s.text) or _start(s.text)) for s in sources[:3]
        ]
        return Answer(
            question=question,
            answer=CANNOT_ANSWER_PHRASE,
            abstained=True,
            closest=closest,
            backend=self.backend,
            timings=timings,
            model_text=raw,
        )


def register_fields(question: str, sources: list[Source]) -> list[Unit]:
    """The fields the question asks for of the measure it names (the register's source 1)."""
    if not sources or sources[0].measure_id is None:
        return []
    lines = [f for f in asked_fields(question, sources[0].text) if not looks_like_instruction(f)]
    return [Unit(line, sources[0].n, i, cued=True) for i, line in enumerate(lines)]


def withheld_note(sources: list[Source]) -> str:
    """Which sources held text addressed to an assistant (not shown to the model)."""
    if not sources:
        return ""
    where = ", ".join(f"{s.doc} s. {s.page}" for s in sources)
    return (
        f"Observera: {where} innehåller text riktad till en AI-assistent "
        "(t.ex. 'ignorera tidigare instruktioner'); den lästes inte av språkmodellen."
    )


def premise_note(question: str, units: list[Unit]) -> str:
    """A warning when the question names X and the evidence names only X's opposite."""
    conflict = _premise_conflict(question, units)
    if conflict is None:
        return ""
    named, other = conflict
    return f"{PREMISE_PREFIX} {named}, men underlaget talar om {other}."


def echoes_premise(text: str, question: str, units: list[Unit]) -> bool:
    """True when model text repeats a false premise (says X, not the X's opposite)."""
    conflict = _premise_conflict(question, units)
    lowered = text.casefold()
    return conflict is not None and conflict[0] in lowered and conflict[1] not in lowered


def _premise_conflict(question: str, units: list[Unit]) -> tuple[str, str] | None:
    asked = set(_WORD.findall(question.casefold()))
    said = " ".join(u.text.casefold() for u in units)
    for a, b in OPPOSITES:
        for named, other in ((a, b), (b, a)):
            if any(w.startswith(named) for w in asked) and other in said and named not in said:
                return named, other
    return None


def runs_on(text: str) -> bool:
    """True when model text is too long or repeats itself (a small model looping)."""
    if len(text) > MAX_LEAD_CHARS:
        return True
    words = text.casefold().split()
    grams = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
    return len(grams) != len(set(grams))


def _quotes(units: list[Unit]) -> list[Unit]:
    """The best units, at most MAX_QUOTES, in source order: asked-for register fields first."""
    if not units:
        return []
    best = sorted(units, key=lambda u: (not u.cued, -u.score, u.source, u.position))
    floor = QUOTE_SHARE * max(u.score for u in units)  # a far weaker second sentence is noise
    best = [best[0], *[u for u in best[1:MAX_QUOTES] if u.cued or u.score >= floor]]
    return sorted(best, key=lambda u: (u.source, u.position))


def _best_unit(n: int, units: list[Unit]) -> str:
    mine = [u for u in units if u.source == n]
    return max(mine, key=lambda u: u.score).text if mine else ""


def resolve_markers(text: str, valid: set[int]) -> tuple[str, set[int], list[int]]:
    """Keep markers that point at a source; drop the rest. Returns (text, cited, dropped)."""
    cited: set[int] = set()
    dropped: list[int] = []

    def replace(match: re.Match[str]) -> str:
        numbers = [int(n) for n in match.group(1).split(",")]
        kept = [n for n in numbers if n in valid]
        dropped.extend(n for n in numbers if n not in valid)
        cited.update(kept)
        return "".join(f"[{n}]" for n in kept)

    cleaned = _MARKER.sub(replace, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned)
    return cleaned, cited, dropped


def _citation(source: Source, quote: str) -> Citation:
    return Citation(
        n=source.n,
        doc=source.doc,
        page=source.page,
        quote=_clip(quote or _start(source.text)),
        chunk_id=source.chunk_id,
        measure_id=source.measure_id,
    )


def _start(text: str) -> str:
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    return sentences[0] if sentences else ""


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"

"""Answer a question: sources → prompt → model → parsed, cited, number-checked ``Answer``.

The model writes short text with ``[n]`` markers. Markers that point at no source are removed
and reported; an answer that says the sources do not answer becomes an abstention that shows
the closest sources instead; every amount is checked against the figures of the sources.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel

from assistant.context import ContextBuilder, Source
from assistant.number_check import check_with_index, mark_unsupported
from assistant.number_match import FigureIndex
from lagesbild.types import Answer, Citation, Timings
from prompts import CANNOT_ANSWER_MARKER, CANNOT_ANSWER_PHRASE, load_template
from vectorstore.library import Library

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w{3,}")
QUOTE_CHARS = 300

TokenCallback = Callable[[str], None]


class Answerer:
    """Answers questions from one library with one chat model."""

    def __init__(self, library: Library, chat: BaseChatModel, backend: str = "") -> None:
        self.library = library
        self.chat = chat
        self.backend = backend
        self.context = ContextBuilder(library)
        self.template = load_template("answer")
        self._figures: tuple[int, FigureIndex] | None = None

    def figure_index(self) -> FigureIndex:
        """The figures of the whole register, indexed once per register state."""
        count = self.library.register.counts()["figures"]
        if self._figures is None or self._figures[0] != count:
            self._figures = (count, FigureIndex(self.library.register.figures()))
        return self._figures[1]

    def ask(self, question: str, on_token: TokenCallback | None = None) -> Answer:
        """Answer ``question``; ``on_token`` receives the model's text as it streams."""
        start = time.perf_counter()
        sources = self.context.sources(question)
        retrieved = time.perf_counter()
        timings = Timings(retrieve_ms=(retrieved - start) * 1000)
        if not sources:
            return self._abstain(question, [], timings, start)
        messages = self.template.format_messages(
            question=question, sources="\n\n".join(s.render() for s in sources)
        )
        pieces: list[str] = []
        for chunk in self.chat.stream(messages):
            text = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
            if not pieces:
                timings.ttft_ms = (time.perf_counter() - start) * 1000
            pieces.append(text)
            if on_token:
                on_token(text)
        raw = "".join(pieces).strip()
        if CANNOT_ANSWER_MARKER.casefold() in raw.casefold():
            return self._abstain(question, sources, timings, start)
        answer = self._parse(question, raw, sources)
        answer.timings = timings
        answer.timings.total_ms = (time.perf_counter() - start) * 1000
        return answer

    def _parse(self, question: str, raw: str, sources: list[Source]) -> Answer:
        by_n = {s.n: s for s in sources}
        text, cited_markers, dropped = resolve_markers(raw, set(by_n))
        citations = [_citation(by_n[n], text, n) for n in sorted(cited_markers)]
        cited = {(c.doc, c.page) for c in citations}
        checks = check_with_index(text, self.figure_index(), cited)
        answer = Answer(
            question=question,
            answer=mark_unsupported(text, checks),
            citations=citations,
            number_check=checks,
            dropped_markers=dropped,
            backend=self.backend,
        )
        if not citations:
            answer.answer += "\n\n(Svaret saknar källhänvisning – kontrollera mot källorna nedan.)"
            answer.closest = [_citation(s, "", s.n) for s in sources[:3]]
        return answer

    def _abstain(
        self, question: str, sources: list[Source], timings: Timings, start: float
    ) -> Answer:
        timings.total_ms = (time.perf_counter() - start) * 1000
        return Answer(
            question=question,
            answer=CANNOT_ANSWER_PHRASE,
            abstained=True,
            closest=[_citation(s, "", s.n) for s in sources[:3]],
            backend=self.backend,
            timings=timings,
        )


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


def _citation(source: Source, answer_text: str, n: int) -> Citation:
    return Citation(
        n=n,
        doc=source.doc,
        page=source.page,
        quote=best_quote(source.text, _sentences_citing(answer_text, n)),
        chunk_id=source.chunk_id,
        measure_id=source.measure_id,
    )


def _sentences_citing(text: str, n: int) -> str:
    return " ".join(s for s in _SENTENCE.split(text) if f"[{n}]" in s)


def best_quote(source_text: str, claim: str) -> str:
    """The sentence of the source that shares most words with the claim (else its start)."""
    sentences = [s.strip() for s in _SENTENCE.split(source_text) if s.strip()]
    if not sentences:
        return ""
    words = {w.casefold() for w in _WORD.findall(claim)}
    best = max(sentences, key=lambda s: len(words & {w.casefold() for w in _WORD.findall(s)}))
    if not words or not words & {w.casefold() for w in _WORD.findall(best)}:
        best = sentences[0]
    return best if len(best) <= QUOTE_CHARS else best[: QUOTE_CHARS - 1] + "…"

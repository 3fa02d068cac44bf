"""A *vilka …?* question answered by the parallel sentences of one passage, word for word.

Auditors write their recommendations as a run of sentences that open alike:
"Kommunstyrelsen rekommenderas att stärka …", "Kommunstyrelsen rekommenderas att utveckla …".
Asked "Vilka rekommendationer får kommunstyrelsen …?", the answer is that whole run; a model
sentence (or one quoted sentence) names one of them. The run answers only when the question
names both opening words ('kommunstyrelsen', and 'rekommendationer' for 'rekommenderas'),
so another body's recommendations never answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer_text import Lead
from assistant.context import Source
from assistant.evidence import Unit, split_units
from assistant.safety import looks_like_instruction
from lagesbild.tokenizer import SwedishTokenizer
from lagesbild.types import LeadKind

_ASKS_WHICH = re.compile(r"^\s*vilka\b", re.IGNORECASE)
MIN_RUN = 2  # sentences opening alike
MAX_RUN = 6  # more is a list to read in the source, not a lead
MIN_WORDS = 5  # a shorter sentence is a heading or a cell
OPENING_WORDS = 2
# Two words are one when they share this long a start ('rekommendationer' / 'rekommenderas').
MIN_SHARED_START = 7
RUN_CHARS = 160  # each sentence of a run shown up to this many characters

_tokenizer = SwedishTokenizer(compounds=False)


def list_lead(question: str, sources: Sequence[Source]) -> Lead | None:
    """The parallel sentences of the first source whose run the question names; None when
    the question asks no *vilka* or no source has such a run."""
    if not _ASKS_WHICH.search(question):
        return None
    asked = set(_tokenizer.words(question))
    for source in sources:
        if source.fields or source.quarantined:
            continue  # register fields are answered from the register
        run = _named_run(split_units(source.text, skip=looks_like_instruction), asked)
        if run:
            units = [Unit(text, source.n, i) for i, text in run]
            quoted = "; ".join(f"”{_shown(u.text)}”" for u in units)
            return Lead(f"{quoted} [{source.n}]", LeadKind.QUOTE, units)
    return None


def _named_run(sentences: list[str], asked: set[str]) -> list[tuple[int, str]]:
    """The first run of sentences opening with the same words that ``asked`` names."""
    run: list[tuple[int, str]] = []
    opening: tuple[str, ...] = ()
    for i, sentence in enumerate([*sentences, ""]):
        words = _tokenizer.words(sentence)
        this = tuple(words[:OPENING_WORDS]) if len(words) >= MIN_WORDS else ()
        if this and this == opening:
            run.append((i, " ".join(sentence.split())))
            continue
        if MIN_RUN <= len(run) <= MAX_RUN and all(_named(w, asked) for w in opening):
            return run
        run, opening = ([(i, " ".join(sentence.split()))], this) if this else ([], ())
    return []


def _named(word: str, asked: set[str]) -> bool:
    if word in asked:
        return True
    if len(word) < MIN_SHARED_START:
        return False
    return any(a[:MIN_SHARED_START] == word[:MIN_SHARED_START] for a in asked)


def _shown(text: str) -> str:
    if len(text) <= RUN_CHARS:
        return text
    cut = text.rfind(" ", 0, RUN_CHARS)
    return text[: cut if cut > 0 else RUN_CHARS] + " …"

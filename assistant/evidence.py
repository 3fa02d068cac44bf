"""Evidence: the few sentences of the sources that bear on a question.

The bundled 1.5B model answers well when it reads three or four relevant sentences and badly
when it reads four 700-character passages: it copies the first lines it sees, and reading
the prompt dominates the time to first token. So each source is cut into *units* — a
sentence, a list with its lead-in ("får positiva effekter på: Produktiviteten; …"), or one
field of a register measure ("Risker: …") — and the units that share most words with the
question are what the model reads and what citations quote.

PDF text arrives as lines inside blank-line-separated blocks; a sentence may run over
several lines and a line may hold the end of one sentence and the start of the next.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from vectorstore.keyword import SwedishTokenizer

MAX_UNITS = 4
MAX_UNITS_PER_SOURCE = 2
UNIT_CHARS = 320
HEADING_CHARS = 120
# A sentence that opens with one of these continues the previous one ("Det beräknas ge …").
_CONTINUES = re.compile(r"^(?:Det|Detta|Dessa|Den|De|Där|Då|Vilket)\b")
_BLOCK = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^\s*(?:[-•–*▪◦]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”'(]?[A-ZÅÄÖ0-9])")
_FIELD = re.compile(r"^(?P<label>[A-ZÅÄÖ][\wåäö ]{2,30}):\s")
_QUANTITY = re.compile(
    r"\b(hur (?:mycket|många|stor|stora|stort|länge|hög|höga)|vad kostar|vilket belopp|"
    r"hur mycket|andel|procent|antal)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Question words that point at one field of a register measure.
FIELD_CUES: dict[str, tuple[str, ...]] = {
    "Status": ("status", "läge", "klar", "pågår", "försenad", "enligt plan"),
    "Ansvarig": ("vem", "ansvar"),
    "Tidpunkt": ("när", "tidpunkt", "datum", "deadline", "senast"),
    "Prognos": ("prognos", "effekthemtagning"),
    "Risker": ("risk",),
    "Behov av stöd": ("stöd", "hjälp"),
    "Kommande månad": ("nästa", "kommande", "framåt", "planeras"),
    "Senaste månaden": ("senaste", "gjorts", "gjort", "förra"),
}


# Snowball's Swedish stemmer keeps some definite forms ('underskottet', 'projektet'): strip
# the ending too, on both sides of every comparison, so the forms meet.
# Snowball also undoubles a final consonant ('underskott' → 'underskot'); do the same after.
_DEFINITE = re.compile(r"(?<=\w{5})(?:et|en)$")
_DOUBLE = re.compile(r"([bdfgjklmnprstv])\1$")


def terms(tokenizer: SwedishTokenizer, text: str) -> set[str]:
    """The comparison terms of a text: BM25 tokens with definite endings folded."""
    return {_DOUBLE.sub(r"\1", _DEFINITE.sub("", t)) for t in tokenizer.tokenize(text)}


@dataclass
class Unit:
    """One piece of evidence: a sentence, a list with its lead-in, or a measure field."""

    text: str
    source: int  # the source's number n
    position: int  # order inside the source
    score: float = 0.0
    tokens: set[str] = field(default_factory=set)
    cued: bool = False  # a register field the question asks for ("Risker: …" for "risker")


def split_units(text: str) -> list[str]:
    """The sentences of a passage, with list items kept under their lead-in."""
    units: list[str] = []
    previous_listed = False  # the block before was a list (its last item is no heading)
    for block in _BLOCK.split(text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_FIELD.match(line) for line in lines):  # a register measure: one field each
            units.extend(lines)
            previous_listed = False
            continue
        listed = bool(_BULLET.match(lines[0]))
        if units and listed and not previous_listed and _is_heading(units[-1]):
            lines.insert(0, units.pop())  # a list under a heading of its own block
        units.extend(_block_units(lines))
        previous_listed = listed
    return [u for u in units if len(u) > 3]


def _is_heading(unit: str) -> bool:
    return len(unit) <= HEADING_CHARS and not unit.endswith((".", "!", "?", ";"))


def _block_units(lines: list[str]) -> list[str]:
    prose: list[str] = []
    items: list[str] = []
    units: list[str] = []

    def flush() -> None:
        if items:
            sentences = _sentences(" ".join(prose))
            lead = sentences.pop() if sentences and not sentences[-1].endswith(".") else ""
            units.extend(sentences)
            listed = "; ".join(items)
            units.append(f"{lead.rstrip(':')}: {listed}" if lead else listed)
        else:
            units.extend(_sentences(" ".join(prose)))
        prose.clear()
        items.clear()

    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            items.append(line[bullet.end() :].strip())
        elif items and not line[:1].isupper():  # an item that runs over two lines
            items[-1] = f"{items[-1]} {line}"
        else:
            if items:
                flush()
            prose.append(line)
    flush()
    return units


def _sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        joined = f"{sentences[-1]} {sentence}" if sentences else ""
        if sentences and _CONTINUES.match(sentence) and len(joined) <= UNIT_CHARS:
            sentences[-1] = joined
        else:
            sentences.append(sentence)
    return sentences


class EvidencePicker:
    """Scores the units of numbered sources against a question."""

    def __init__(self) -> None:
        self.tokenizer = SwedishTokenizer(compounds=False)

    def pick(
        self,
        question: str,
        sources: Sequence[tuple[int, str]],
        limit: int = MAX_UNITS,
        per_source: int = MAX_UNITS_PER_SOURCE,
        skip: Callable[[str], bool] | None = None,
    ) -> list[Unit]:
        """The best units of ``sources`` ((n, text) in rank order), in source order.

        Units for which ``skip`` is true are left out (see ``assistant.safety``).
        """
        asked = terms(self.tokenizer, question)
        quantity = bool(_QUANTITY.search(question))
        cues = _field_cues(question)
        units: list[Unit] = []
        for rank, (n, text) in enumerate(sources):
            for position, raw in enumerate(split_units(text)):
                if skip and skip(raw):
                    continue
                unit = Unit(_clip(raw), n, position, tokens=terms(self.tokenizer, raw))
                unit.cued = bool(_field_label(raw) & cues)
                unit.score = self._score(unit, asked, quantity, cues, rank)
                units.append(unit)
        caps = {n: per_source + (1 if _is_record(text) else 0) for n, text in sources}
        chosen: list[Unit] = []
        taken: dict[int, int] = {}
        for unit in sorted(units, key=lambda u: (-u.score, u.source, u.position)):
            if len(chosen) >= limit or unit.score <= 0:
                break
            if taken.get(unit.source, 0) >= caps[unit.source]:
                continue
            chosen.append(unit)
            taken[unit.source] = taken.get(unit.source, 0) + 1
        return sorted(chosen, key=lambda u: (u.source, u.position))

    def best(self, question: str, text: str) -> str:
        """The single best unit of one passage for a question or claim ('' if none)."""
        picked = self.pick(question, [(1, text)], limit=1, per_source=1)
        return picked[0].text if picked else ""

    @staticmethod
    def _score(unit: Unit, asked: set[str], quantity: bool, cues: set[str], rank: int) -> float:
        shared = len(asked & unit.tokens)
        if not shared and not _field_label(unit.text) & cues:
            return 0.0
        score = float(shared)
        if quantity and _DIGIT.search(unit.text):
            score += 1.0
        if _field_label(unit.text) & cues:
            score += 2.0
        if _field_label(unit.text) == {"Åtgärd"}:
            score += 0.5  # the measure's title names what the other fields are about
        return score + 0.5 / (rank + 1)


def asked_fields(question: str, record: str) -> list[str]:
    """The 'Fält: värde' lines of a register measure that the question asks for, in order."""
    if not _is_record(record):
        return []
    cues = _field_cues(question)
    return [_clip(line) for line in record.splitlines() if _field_label(line) & cues]


def _is_record(text: str) -> bool:
    """True for a register measure rendered as one 'Fält: värde' line per field."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_FIELD.match(line) for line in lines)


def _field_cues(question: str) -> set[str]:
    lowered = question.casefold()
    return {label for label, words in FIELD_CUES.items() if any(w in lowered for w in words)}


def _field_label(text: str) -> set[str]:
    match = _FIELD.match(text)
    return {match.group("label")} if match else set()


def _clip(text: str, limit: int = UNIT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"


_BRACKETED_NUMBER = re.compile(r"\[(\d+)\]")


def render(units: Iterable[Unit]) -> str:
    """One line per unit, ``[n] text``, as the model reads them.

    Units are single lines, and a ``[2]`` inside document text becomes ``(2)``: a document
    cannot forge a source number or a line of its own.
    """
    return "\n".join(f"[{unit.source}] {_as_data(unit.text)}" for unit in units)


def _as_data(text: str) -> str:
    return _BRACKETED_NUMBER.sub(r"(\1)", " ".join(text.split()))


# Words that frame a question rather than name its subject: "hur mycket kostar", "vad heter",
# "enligt underlaget". They do not count when judging whether evidence covers a question.
_FRAME_WORDS = frozenset(
    {
        "hur", "mycket", "många", "stor", "stort", "stora", "vad", "vilken", "vilket",
        "vilka", "vem", "när", "var", "kostar", "kostade", "heter", "hette", "enligt",
        "underlaget", "underlag", "ska", "finns", "fanns", "region", "regionen", "regionens",
    }
)  # fmt: skip
_WORDS = re.compile(r"[\w/,.-]+")


class TermWeights:
    """Inverse document frequencies of tokens over a corpus, to weigh question terms."""

    def __init__(self, tokenizer: SwedishTokenizer, texts: Iterable[str]) -> None:
        self.tokenizer = tokenizer
        self.df: dict[str, int] = {}
        self.n = 0
        for text in texts:
            self.n += 1
            for token in terms(tokenizer, text):
                self.df[token] = self.df.get(token, 0) + 1

    def idf(self, token: str) -> float:
        return math.log((self.n + 1) / (self.df.get(token, 0) + 0.5))

    def question_terms(self, question: str) -> set[str]:
        """The question's tokens without the words that only frame it."""
        kept = " ".join(w for w in _WORDS.findall(question) if w.casefold() not in _FRAME_WORDS)
        return terms(self.tokenizer, kept)

    def coverage(self, question: str, units: Iterable[Unit]) -> float:
        """Share (0–1, weighted by rarity) of the question's terms found in the units."""
        terms = self.question_terms(question)
        total = sum(self.idf(t) for t in terms)
        if total <= 0:
            return 1.0  # nothing to judge by: a question of frame words only
        found: set[str] = set()
        for unit in units:
            found |= terms & unit.tokens
        return sum(self.idf(t) for t in found) / total

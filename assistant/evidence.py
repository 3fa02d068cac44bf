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

import logging
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from assistant.measure_fields import TITLE, FieldValue, MeasureField, asked_fields
from lagesbild.logs import snippet
from lagesbild.swedish import SYNONYMS
from lagesbild.tokenizer import SwedishTokenizer, abbreviate

log = logging.getLogger(__name__)

MAX_UNITS = 4
MAX_UNITS_PER_SOURCE = 2
UNIT_CHARS = 320
LONGEST_UNIT = 900
HEADING_CHARS = 120
ELLIPSIS = "…"
# A sentence that opens with one of these continues the previous one ("Det beräknas ge …").
_CONTINUES = re.compile(r"^(?:Det|Detta|Dessa|Den|De|Där|Då|Vilket)\b")
_BLOCK = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^\s*(?:[-•–*▪◦]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”'(]?[A-ZÅÄÖ0-9])")
QUANTITY = re.compile(
    r"\b(hur (?:mycket|många|stor|stora|stort|länge|hög|höga|högt)|vad kostar|vilket belopp|"
    r"andel|procent|antal|ekonomisk\w* effekt\w*|vilka intäkter|vilken kostnad|vilka kostnader"
    r"|vilken nivå|vilket värde)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_YEAR_WORD = re.compile(r"^\W*(?:19|20)\d\d\W*$")
_SPACED_WORD = re.compile(r"\S+")


# Snowball's Swedish stemmer keeps some definite forms ('underskottet', 'projektet',
# 'frisknärvaron', 'personalstyrkan'): strip the ending too, on both sides of every
# comparison, so the forms meet.
# Snowball also undoubles a final consonant ('underskott' → 'underskot'); do the same after.
# Then a final 'an' goes (Snowball makes 'styrka' 'styrk', and 'styrkan' must meet it) and
# the 'n' of a final 'on' ('närvaron' → 'närvaro'); the same happens to a bare form that ends
# so ('planen' → 'plan' → 'pl', 'plan' → 'pl'), and every form of a word meets.
_DEFINITE = re.compile(r"(?<=\w{5})(?:et|en)$")
_DEFINITE_N = re.compile(r"(?<=\w{4})an$|(?<=\w{4}o)n$")
# Snowball takes a final 's' for a genitive in the bare form ('budgetprognos' → 'budgetprogno')
# but not after a definite ending it removes ('budgetprognosen' → 'budgetprognos'): drop it.
_FINAL_S = re.compile(r"(?<=\w{5})s$")
_DOUBLE = re.compile(r"([bdfgjklmnprstv])\1$")


def terms(tokenizer: SwedishTokenizer, text: str) -> set[str]:
    """The comparison terms of a text: BM25 tokens with definite endings folded."""
    return {
        _DOUBLE.sub(r"\1", _FINAL_S.sub("", _DEFINITE_N.sub("", _DEFINITE.sub("", t))))
        for t in tokenizer.tokenize(text)
    }


@dataclass
class Passage:
    """What the picker reads: a numbered source's text, and its fields if it is a measure."""

    n: int
    text: str
    fields: Sequence[FieldValue] = ()


@dataclass
class Unit:
    """One piece of evidence: a sentence, a list with its lead-in, or a measure field."""

    text: str
    source: int  # the source's number n
    position: int  # order inside the source
    score: float = 0.0
    tokens: set[str] = field(default_factory=set)
    cued: bool = False  # a register field the question asks for ("Risker: …" for "risker")
    field: MeasureField | None = None  # the measure field it is, for register sources
    value: str = ""  # the field's value alone (register sources)


def blocks(text: str) -> list[str]:
    """The blank-line-separated blocks of a passage (paragraphs, cells, text frames)."""
    return [b for b in _BLOCK.split(text) if b.strip()]


def split_units(text: str, skip: Callable[[str], bool] | None = None) -> list[str]:
    """The sentences of a passage, with list items kept under their lead-in.

    A block for which ``skip`` is true is left out whole: one sentence of it addressing an
    assistant disqualifies the sentences around it too.
    """
    units: list[str] = []
    previous_listed = False  # the block before was a list (its last item is no heading)
    for block in blocks(text):
        if skip and skip(block):
            log.debug("block utelämnat (riktat till en AI-assistent): %r", snippet(block))
            previous_listed = False
            continue
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        listed = bool(_BULLET.match(lines[0]))
        if units and listed and not previous_listed and is_heading(units[-1]):
            lines.insert(0, units.pop())  # a list under a heading of its own block
        units.extend(_block_units(lines))
        previous_listed = listed
    return [u for u in units if len(u) > 3]


def is_heading(unit: str) -> bool:
    """A short line without a closing full stop and without an amount: a heading, not a
    statement. Years ('Investeringsplanering 2023-2026') and a leading section number ('6
    Dimensionering') do not make a line a statement; an amount does ('Köpt energi avseende
    lokaler ska minska med 12 % till 2014', a target on a slide)."""
    if len(unit) > HEADING_CHARS or unit.endswith((".", "!", "?", ";")):
        return False
    body = _SECTION_NUMBER.sub("", PAGE_OF.sub(" ", _YEAR_SPAN.sub(" ", unit)), count=1)
    return not any(not _YEAR_WORD.match(n) for n in _AMOUNT_DIGITS.findall(body))


# A section or list number opening a line ('6 ', '2.2 ', '3) '), and the digit runs of a line
# ('12', '3,7', '2023'; a range '2023-2026' gives two).
_SECTION_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*[.)]?\s+(?=\D)")
_AMOUNT_DIGITS = re.compile(r"\d+(?:[ ,.]\d+)*")
# A span of years ('2023-24', '2023/2024', '2027–2031'), a quarter or term ('Q3', 'T2').
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*(?:\d\d){1,2}\b|\b[QT][1-4]\b")
# A running page header's 'page (pages)': '5 (29)', 'SID 20 (36)'.
PAGE_OF = re.compile(r"\b\d+\s*\(\s*\d+\s*\)")


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
        self.tokenizer = SwedishTokenizer(compounds=False, abbreviations=True)

    def pick(
        self,
        question: str,
        sources: Sequence[tuple[int, str] | Passage],
        limit: int = MAX_UNITS,
        per_source: int = MAX_UNITS_PER_SOURCE,
        skip: Callable[[str], bool] | None = None,
        weights: TermWeights | None = None,
        fills: Callable[[str], bool] | None = None,
    ) -> list[Unit]:
        """The best units of ``sources`` (in rank order), in source order.

        Blocks for which ``skip`` is true are left out whole (see ``assistant.safety``). With
        ``weights``, a shared word counts by its rarity and compounds count in part (see
        :func:`compound_credit`); ``fills`` marks a unit that holds what the question asks for
        (a date for *när*, a name for *vem*, a reason for *varför*).
        """
        asked = terms(self.tokenizer, abbreviate(question))
        quantity = bool(QUANTITY.search(question))
        cues = asked_fields(question)
        passages = [s if isinstance(s, Passage) else Passage(*s) for s in sources]
        units: list[Unit] = []
        for rank, passage in enumerate(passages):
            for unit in self._units(passage, skip):
                unit.cued = unit.field in cues
                unit.score = self._score(unit, asked, quantity, rank)
                if weights is not None:
                    unit.score = _weighted(unit, asked, weights, quantity, rank, fills)
                units.append(unit)
        caps = {p.n: per_source + (1 if p.fields else 0) for p in passages}
        chosen: list[Unit] = []
        taken: dict[int, int] = {}
        for unit in sorted(units, key=lambda u: (-u.score, u.source, u.position)):
            if len(chosen) >= limit or unit.score <= 0:
                break
            if taken.get(unit.source, 0) >= caps[unit.source]:
                continue
            chosen.append(unit)
            taken[unit.source] = taken.get(unit.source, 0) + 1
        if log.isEnabledFor(logging.DEBUG):
            scores = [f"[{u.source}] {u.score:.2f} {snippet(u.text)!r}" for u in chosen]
            log.debug("%d av %d meningar valda; poäng %s", len(chosen), len(units), scores)
        return sorted(chosen, key=lambda u: (u.source, u.position))

    def _units(self, passage: Passage, skip: Callable[[str], bool] | None) -> list[Unit]:
        if passage.fields:
            return [
                Unit(
                    fv.text,
                    passage.n,
                    i,
                    tokens=terms(self.tokenizer, fv.text),
                    field=fv.field,
                    value=fv.value,
                )
                for i, fv in enumerate(passage.fields)
                if not (skip and skip(fv.value))
            ]
        return [
            Unit(_squeeze(raw), passage.n, i, tokens=terms(self.tokenizer, raw))
            for i, raw in enumerate(split_units(passage.text, skip))
        ]

    def neighbours(
        self, passage: Passage, unit: Unit, skip: Callable[[str], bool] | None = None
    ) -> tuple[Unit | None, Unit | None]:
        """The units just before and after ``unit`` in its passage (None at either end, and
        for measure fields, which have no order of sentences)."""
        if passage.fields or passage.n != unit.source:
            return None, None
        units = self._units(passage, skip)
        at = unit.position
        before = units[at - 1] if 0 < at <= len(units) else None
        after = units[at + 1] if 0 <= at < len(units) - 1 else None
        return before, after

    def best(self, question: str, text: str, skip: Callable[[str], bool] | None = None) -> str:
        """The single best unit of one passage for a question or claim ('' if none)."""
        picked = self.pick(question, [(1, text)], limit=1, per_source=1, skip=skip)
        return picked[0].text if picked else ""

    def focus(self, question: str) -> Callable[[str], bool]:
        """Marks the words of a text that answer ``question``: its terms, and numbers when it
        asks for an amount. Quote windows are centred on them."""
        asked = terms(self.tokenizer, question)
        quantity = bool(QUANTITY.search(question))

        def marks(word: str) -> bool:
            if quantity and _DIGIT.search(word) and not _YEAR_WORD.match(word):
                return True  # a year dates the amount; it is not the amount
            return bool(terms(self.tokenizer, word) & asked)

        return marks

    @staticmethod
    def _score(unit: Unit, asked: set[str], quantity: bool, rank: int) -> float:
        shared = len(asked & unit.tokens)
        if not shared and not unit.cued:
            return 0.0
        return shared + _bonus(unit, quantity) + 0.5 / (rank + 1)


def _bonus(unit: Unit, quantity: bool) -> float:
    """What a unit gains beyond its shared words: a number for a quantity question, being a
    field the question asks for, being a measure's title."""
    bonus = 1.0 if quantity and _DIGIT.search(unit.text) else 0.0
    if unit.cued:
        bonus += 2.0
    if unit.field is TITLE:
        bonus += 0.5  # the measure's title names what the other fields are about
    return bonus


# With term weights, a unit that holds what the question asks for gains this much.
FILLS_GAIN = 1.0


def _weighted(
    unit: Unit,
    asked: set[str],
    weights: TermWeights,
    quantity: bool,
    rank: int,
    fills: Callable[[str], bool] | None,
) -> float:
    """A unit's score with its shared words counted by rarity (relative to the question's
    average word, so a rare name counts more than a year) and compounds in part; 0 when it
    shares nothing."""
    mean = sum(weights.idf(t) for t in asked) / len(asked) if asked else 0.0
    if mean > 0:
        credit = sum(weights.idf(t) * weights.credit(t, unit.tokens) for t in asked) / mean
    else:
        credit = float(len(asked & unit.tokens))
    if credit <= 0 and not unit.cued:
        return 0.0
    gain = FILLS_GAIN if fills and fills(unit.text) else 0.0
    return credit + _bonus(unit, quantity) + gain + 0.5 / (rank + 1)


def _squeeze(text: str) -> str:
    """One line, and no unit longer than LONGEST_UNIT (cut at a word, marked)."""
    text = " ".join(text.split())
    if len(text) <= LONGEST_UNIT:
        return text
    cut = text.rfind(" ", 0, LONGEST_UNIT)
    return text[: cut if cut > 0 else LONGEST_UNIT] + f" {ELLIPSIS}"


def centred(text: str, focus: Callable[[str], bool], limit: int = UNIT_CHARS) -> str:
    """At most ``limit`` characters of ``text``, verbatim, around the words ``focus`` marks.

    The window is the one holding the most marked words (the earliest of equals); what it
    leaves out on either side is shown as '…'. A text that fits is returned as it is.
    """
    if len(text) <= limit:
        return text
    words = list(_SPACED_WORD.finditer(text))
    marks = [focus(w.group()) for w in words]
    best = (-1, 0, 0)
    right = 0
    hits = 0
    for left, word in enumerate(words):
        while right < len(words) and words[right].end() - word.start() <= limit:
            hits += marks[right]
            right += 1
        if right > left and hits > best[0]:
            best = (hits, left, right)
        if right > left:
            hits -= marks[left]
        else:
            right = left + 1
    _, left, right = best
    if right <= left:
        return text[:limit]
    start, end = words[left].start(), words[right - 1].end()
    head = f"{ELLIPSIS} " if start > 0 else ""
    tail = f" {ELLIPSIS}" if end < len(text) else ""
    return f"{head}{text[start:end]}{tail}"


_BRACKETED_NUMBER = re.compile(r"\[(\d+)\]")


def render(units: Iterable[Unit], focus: Callable[[str], bool] | None = None) -> str:
    """One line per unit, ``[n] text``, as the model reads them.

    Units are single lines (long ones cut to a window around ``focus``), and a ``[2]``
    inside document text becomes ``(2)``: a document cannot forge a source number or a line
    of its own.
    """
    lines = []
    for unit in units:
        text = centred(unit.text, focus or (lambda _: False))
        lines.append(f"[{unit.source}] {_as_data(text)}")
    return "\n".join(lines)


def _as_data(text: str) -> str:
    return _BRACKETED_NUMBER.sub(r"(\1)", " ".join(text.split()))


# Words that frame a question rather than name its subject: "hur mycket kostar", "vad heter",
# "enligt underlaget". They do not count when judging whether evidence covers a question.
_FRAME_WORDS = frozenset(
    {
        "hur", "mycket", "många", "stor", "stort", "stora", "vad", "vilken", "vilket",
        "vilka", "vem", "när", "var", "kostar", "kostade", "heter", "hette", "enligt",
        "underlaget", "underlag", "ska", "finns", "fanns", "region", "regionen", "regionens",
        "hög", "högt", "höga", "länge", "måste",
        # reporting verbs: "väntas", "beräknades", "räknade man med", "anger"
        "väntas", "förväntas", "beräknas", "beräknades", "bedöms", "bedömdes", "räknar",
        "räknade", "anger", "angav", "anges", "uppges", "beskrivs",
        "märks", "märkts", "noteras", "noterats",
        # a comparison frames the figure asked for: "jämfört med året innan"
        "jämfört", "jämförelse", "innan", "före", "föregående", "tidigare",
    }
)  # fmt: skip
_WORDS = re.compile(r"[\w/,.-]+")


# A word for the same thing counts as much as a compound's head ('kö' for 'väntetid').
SYNONYM_CREDIT = 0.75


def synonym_terms(tokenizer: SwedishTokenizer) -> dict[str, frozenset[str]]:
    """Each term of :data:`lagesbild.swedish.SYNONYMS` with the terms of its other words."""
    found: dict[str, frozenset[str]] = {}
    for group in SYNONYMS:
        own = [terms(tokenizer, word) for word in group]
        for i, word_terms in enumerate(own):
            others = frozenset().union(*(t for j, t in enumerate(own) if j != i)) - word_terms
            for term in word_terms:
                found[term] = found.get(term, frozenset()) | others
    return found


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
        self.synonyms = synonym_terms(tokenizer)

    def credit(self, term: str, held: set[str]) -> float:
        """How much of ``term`` the tokens ``held`` hold: 1.0 for the term itself, part of it
        for a compound (:func:`compound_credit`), SYNONYM_CREDIT for a word for the same
        thing ('kö' for 'väntetid')."""
        credit = compound_credit(term, held)
        if credit < SYNONYM_CREDIT and self.synonyms.get(term, frozenset()) & held:
            return SYNONYM_CREDIT
        return credit

    def idf(self, token: str) -> float:
        return math.log((self.n + 1) / (self.df.get(token, 0) + 0.5))

    def question_terms(self, question: str) -> set[str]:
        """The question's tokens without the words that only frame it."""
        words = _WORDS.findall(abbreviate(question))
        kept = " ".join(w for w in words if w.casefold() not in _FRAME_WORDS)
        return terms(self.tokenizer, kept)

    def coverage(self, question: str, units: Iterable[Unit]) -> float:
        """Share (0–1, weighted by rarity) of the question's terms found in the units."""
        terms = self.question_terms(question)
        total = sum(self.idf(t) for t in terms)
        if total <= 0:
            return 1.0  # nothing to judge by: a question of frame words only
        held: set[str] = set().union(*(unit.tokens for unit in units))
        return sum(self.idf(t) * self.credit(t, held) for t in terms) / total


# Compounds: a question term is partly found in a text that holds its parts, or holds it as
# a part ("finansieringsgranskning" in "granskningen av finansieringen"; "minskning" in
# "kostnadsminskningar"). Each part is at least MIN_PART letters, the rest at least MIN_REST.
MIN_PART = 4
MIN_REST = 3
_FIRST_PART, _LAST_PART, _AS_HEAD, _AS_MODIFIER = 0.5, 0.5, 0.75, 0.5


def _linked(a: str, b: str) -> bool:
    """True when two words differ only by a linking *s* inside a compound ("driftkostnad",
    "driftskostnad"; "verksamhetplan", "verksamhetsplan"), both sides of it a part."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    at = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return (
        long[at] == "s"
        and MIN_PART <= at <= len(short) - MIN_REST
        and long[:at] + long[at + 1 :] == short
    )


def compound_credit(term: str, held: set[str]) -> float:
    """1.0 when ``term`` is among ``held``; for a compound or a part of one, the share of its
    meaning found (a part as the head of a held compound counts more than as its first part);
    0.0 otherwise."""
    if term in held:
        return 1.0
    if len(term) < MIN_PART + 1:
        return 0.0
    if any(_linked(term, h) for h in held):
        return 1.0
    credit = 0.0
    rest = len(term) - MIN_REST
    if any(MIN_PART <= len(h) <= rest and term.startswith(h) for h in held):
        credit += _FIRST_PART
    if any(MIN_PART <= len(h) <= rest and term.endswith(h) for h in held):
        credit += _LAST_PART
    longer = [h for h in held if len(h) - len(term) >= MIN_REST]
    if any(h.endswith(term) for h in longer):
        credit += _AS_HEAD
    elif any(h.startswith(term) for h in longer):
        credit += _AS_MODIFIER
    return min(1.0, credit)

"""Is a figure about what a claim says it is about? Clues around numbers, and conflicts.

A value that stands in the sources backs a claim only when the figure is *about the same
thing*. Around each number of a text this module reads the **clues** that say what it is
about — years and months, organisations (acronyms such as RUN/RS/HSN, nämnd and styrelse
names, 'Region X', 'X kommun'), polarity words and subject terms — and compares the clues
of a claim's number with those of a source figure (its :attr:`Figure.context` and, when a
table gave them, :attr:`Figure.row_label` / :attr:`Figure.column_label`).

**Binding.** A sentence may carry several numbers ('Utfallet efter 2015 uppgick till ca
5,5 % medan det 2016 är 2,9 %'), so each clue is bound to the number nearest to it in its
sentence; a comma, semicolon or 'medan'/'men'/'samt' between them counts as distance. A
label before a colon with no number in it ('Underskott mot budgetprognos 2023: RUN -47Mkr,
HSN -271Mkr') belongs to every number after it, and so does the only organisation of its
family that opens a sentence before its first number ('Vansbro kommun har 2009, 40 fordon,
av vilka 37 är leasing'). An aside in brackets without a number ('prognos (utfall februari
2016) … -238 mkr') is bound to none, except an organisation in it, which says whose the
number is ('Antal körda fordonskilometer (Vansbro kommun) … 10%').

**Conflicts** are explicit disagreements, never a mere lack of shared words:

* ``year`` / ``month``: the claim's number has years (months) and the figure's has others,
  none in common;
* ``organisation``: both name an organisation of the same family (bodies: acronyms and
  nämnd/styrelse names, where 'sjukvårdsnämnden' matches the acronym HSN by its initials;
  places: 'Region Västerbotten', 'Simrishamns kommun') and none of them match;
* ``polarity``: on one axis (överskott/vinst/positiv ↔ underskott/förlust/negativ,
  ökade ↔ minskade, förbättrades ↔ försämrades, högre ↔ lägre, tillstyrker ↔ avstyrker,
  utfall/faktiskt ↔ prognos/beräknas/värderas, utfall/uppgick ↔ budget, inkl./med moms ↔
  exkl./utan moms, i dag/i nuläget ↔ behov) the claim has one
  pole and not the other, the figure the other and not the first. A table cell with the
  year before in its row ('Bokslut 2024', 'Bokslut 2025') has the pole its change shows
  (:meth:`assistant.number_match.FigureIndex.clues`). 'Budget' as the yardstick of an
  outcome ('underskott mot budget') is no budget pole.

A claim that says almost nothing about its number (a bare '47 mkr') has no clues and so no
conflicts. :func:`overlap` scores shared subject terms, weighted by rarity, to pick the
best-attributed figure when several have the value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.figures import BlockCache
from ingest.numbers import find_numbers
from lagesbild.swedish import MONTH_NAMES, MONTHS_IN_PROSE, alternation
from lagesbild.tokenizer import SwedishTokenizer
from lagesbild.types import AMOUNT_KINDS, Figure, NumberKind, NumberMention

__all__ = [
    "Clues",
    "Conflict",
    "TermWeights",
    "claim_clues",
    "clues_at",
    "conflicts",
    "context_terms",
    "figure_clues",
    "org_mentions",
    "org_names",
    "overlap",
    "pole_word",
    "statement_clues",
    "text_conflicts",
]

# Polarity axes: name, the two poles' patterns (matched against each lower-case word, so
# compounds count: 'budgetunderskottet', 'kostnadsökning') and the poles' words for the user.
_AXIS_PATTERNS: tuple[tuple[str, str, str, tuple[str, str]], ...] = (
    ("sign", r"överskott|vinst|^positiv", r"underskott|förlust|^negativ|^överskr",
     ("överskott", "underskott")),
    ("change", r"^(?:ök|höj|stig)|ökning|höjning",
     r"^(?:minsk|sänk|sjönk|sjunk)|minskning|sänkning|nedgång", ("ökning", "minskning")),
    ("quality", r"förbättr", r"försämr", ("förbättring", "försämring")),
    ("level", r"^högre$", r"^lägre$", ("högre", "lägre")),
    ("verdict", r"^tillstyrk", r"^avstyrk", ("tillstyrker", "avstyrker")),
    ("kind", r"^(?:utfall|faktisk|bokslut|verklig)", r"prognos|^(?:beräkn|värder|uppskatt)",
     ("utfall", "prognos")),
    # what was spent against what was planned: 'uppgick till' states an outcome; a budget
    # is the noun or a compound ending in it ('investeringsbudgeten', a column 'Budget
    # 2025'), not one that starts with it ('budgetunderskottet' is an outcome against a
    # budget) nor the participle ('budgeterade' often labels one cell of a line that also
    # holds the outcome, and the clause binding cannot tell which)
    ("plan", r"^(?:utfall|faktisk|bokslut|verklig|uppgick|uppgått)",
     r"budget(?:en|ens|ar|arna)?$", ("utfall", "budget")),
    # value added tax: no word alone, the word before 'moms' (see _VAT)
    ("vat", r"(?!)", r"(?!)", ("inklusive moms", "exklusive moms")),
    # what is against what is needed: 'i dag', 'i nuläget' (see _NOW) against the noun
    # 'behov' ('Behovet är 60 ST-läkare'); not the verb, common in other senses ('det stöd
    # de behöver'), nor 'mål', which is as often the subject as a goal (measured: both
    # cost the swaps probe two claims)
    ("need", r"(?!)", r"^behov(?:et|en)?$", ("nuläge", "behov")),
)  # fmt: skip
_AXES = tuple(
    (name, re.compile(plus), re.compile(minus), words)
    for name, plus, minus, words in _AXIS_PATTERNS
)
# 'inkl. moms', 'med moms' and 'exkl. moms', 'utan moms': an amount with or without VAT.
_VAT = re.compile(
    r"(?i)(?<!\w)(?:(?P<plus>inkl|inklusive|med)|exkl|exklusive|utan)\.?\s+moms(?!\w)"
)
_NOW = re.compile(r"(?i)(?<!\w)(?:i\s+dag|idag|i\s+nuläget|för\s+närvarande|just\s+nu)(?!\w)")
_MIN_HEAD = 4  # letters a compound's head before its pole word needs to be a term
_BUDGET_POLE = ("plan", 1)
# Words before 'budget' that make it the yardstick of an outcome, not a budgeted amount.
_BASELINE = re.compile(
    r"(?i)(?<!\w)(?:mot|än|jämfört med|i förhållande till|gentemot|avvikelse från)\s+$"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ACRONYM = re.compile(r"(?<![\w-])(?P<a>[A-ZÅÄÖ]{2,5})(?::?s)?(?!\w|-\D)")  # 'RS-57Mkr'
_NOT_ACRONYMS = frozenset(
    {"SEK", "MSEK", "TSEK", "KR", "MKR", "TKR", "MDKR", "MNKR", "EUR", "USD", "OCH", "ATT",
     "EJ", "OK", "ST", "NR", "CA", "PM", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI",
     "XII", "Q", "VT", "HT", "JAN", "FEB", "MAR", "APR", "MAJ", "JUN", "JUL", "AUG", "SEP",
     "OKT", "NOV", "DEC", "AI", "FÖR", "MED", "SOM", "DEN", "DET", "ÅR", "SUMMA", "TOTAL",
     "TOTALT", "UNDER", "ÖVER", "INOM", "SAMT", "EXKL", "INKL",
     # accounting and floor-area terms, plans and goals: no bodies
     "IB", "UB", "BRA", "BOA", "LOA", "BTA", "VP", "MÅL", "KPI"}
)  # fmt: skip
# A body's name: '(Hälso- och) sjukvårdsnämnden', 'regionstyrelsens', 'kulturförvaltningen'.
_BODY = re.compile(
    r"(?i)(?<![\w-])(?:(?P<first>[^\W\d_]+)-\s+och\s+)?"
    r"(?P<head>[^\W\d_]*?)(?P<kind>nämnd|styrelse|förvaltning|fullmäktige)(?:en|ens|ns|n|s)?(?!\w)"
)
_BODY_LETTER = {"nämnd": "N", "styrelse": "S", "förvaltning": "F", "fullmäktige": "F"}
_PLACE = re.compile(
    r"(?<![\w-])(?:Region(?:[ \t]+|[ \t]*\n[ \t]*)(?P<region>[A-ZÅÄÖ][a-zåäö]+)"
    r"|(?P<town>[A-ZÅÄÖ][a-zåäö]+?)s?(?:[ \t]+|[ \t]*\n[ \t]*)(?i:kommun|stad)(?:en|s)?)(?!\w)"
)
_PAREN = re.compile(r"\([^()\n]*\)")
_CLAUSE_BREAK = re.compile(r"[,;]|(?<!\w)(?:och|medan|men|samt|respektive|resp\.)(?!\w)")
_PERIOD_PREPOSITION = re.compile(r"(?i)(?<!\w)(?:under|för|efter|sedan|år|i)\s+$")
_GENITIVE_PERIOD = re.compile(r"(?i)\s*års(?!\w)")
_BREAK_COST = 12  # characters a clause break adds to the distance between a clue and a number
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH = re.compile(rf"(?i)(?<![\w])({alternation(MONTHS_IN_PROSE)})\.?(?!\w)")
_UNIT_TERMS = frozenset(
    {"mkr", "tkr", "kr", "mdkr", "mnkr", "procent", "st", "ca", "cirka", "cirk"}
)
_MAX_YEARS = 20
# A word that qualifies the next one: an adjective or participle in the definite or plural
# form ('biträdande rektorerna', 'kommunala skolor', 'fristående huvudmän').
_QUALIFIER = re.compile(r"(?i)[^\W\d_]{3,}[ae]$")  # a longer year range says too little to conflict


@dataclass(frozen=True)
class Org:
    """An organisation named in a text, in comparable form."""

    family: str  # 'body' (acronym or nämnd/styrelse name) or 'place'
    name: str  # as written, for the user
    acronym: str = ""  # 'HSN', or a name's initials ('SN' for 'sjukvårdsnämnden')
    stem: str = ""  # lower-case name without its ending ('sjukvårdsnämnd'); '' for acronyms

    def matches(self, other: Org) -> bool:
        """True if both can name the same organisation."""
        if self.family != other.family:
            return False
        if self.stem and other.stem:  # 'Region Västerbottens' is Region Västerbotten
            return self.stem.removesuffix("s") == other.stem.removesuffix("s")
        if self.stem or other.stem:  # a name and an acronym: initials end the acronym
            name, acronym = (self, other) if self.stem else (other, self)
            return acronym.acronym.endswith(name.acronym)
        return self.acronym == other.acronym


@dataclass
class Clues:
    """What a text says about one of its numbers."""

    years: set[int] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    orgs: list[Org] = field(default_factory=list)
    poles: set[tuple[str, int]] = field(default_factory=set)  # (axis, 0 or 1)
    terms: set[str] = field(default_factory=set)
    # a word and the term it qualifies ('biträdande rektorerna': ('biträd', 'rektor'))
    pairs: set[tuple[str, str]] = field(default_factory=set)

    def add(self, other: Clues) -> None:
        """Take in the clues of ``other``."""
        self.years |= other.years
        self.months |= other.months
        self.orgs += other.orgs
        self.poles |= other.poles
        self.terms |= other.terms
        self.pairs |= other.pairs


@dataclass(frozen=True)
class Conflict:
    """An explicit disagreement between a claim's number and a figure."""

    kind: str  # 'year', 'month', 'organisation', 'polarity' or 'subject' (a swap)
    claim: str  # what the claim says, e.g. '2016'
    source: str  # what the figure's context says, e.g. '2015'
    figure: str = ""  # a swap: the id of the figure whose statement the text matches

    def describe(self) -> str:
        """Swedish: '2015, inte 2016'; for a swap on the page, what the text matches."""
        if self.kind == "subject":  # source: where the statement the text matches stands
            where = f"i {self.source}" if self.source else "på samma sida"
            return f"något annat (texten stämmer med {self.claim} {where})"
        return f"{self.source}, inte {self.claim}"


@dataclass(frozen=True)
class _Item:
    """One clue in a text, with its span."""

    start: int
    end: int
    clues: Clues


# --------------------------------------------------------------------------- reading clues


_TOKENIZER = SwedishTokenizer(compounds=False)


def claim_clues(text: str, mentions: Sequence[NumberMention]) -> dict[int, Clues]:
    """The clues of each amount in ``mentions`` (found in ``text``), by its start offset."""
    cache = BlockCache(text)
    amounts = [m for m in mentions if m.kind in AMOUNT_KINDS]
    found: dict[int, Clues] = {}
    for sentence in _sentences(text, amounts, cache):
        inside = [m for m in amounts if sentence[0] <= m.start < sentence[1]]
        others = [m for m in mentions if sentence[0] <= m.start < sentence[1]]
        bags = _bind(text, sentence, inside, others)
        found.update({m.start: bag for m, bag in zip(inside, bags, strict=True)})
    return found


def clues_at(text: str, mentions: Sequence[NumberMention], at: int) -> Clues:
    """The clues bound to the amount or date that starts at ``at`` in ``text``, with every
    amount and date of its sentence as an anchor ('… beslutas av kommunstyrelsen den 14
    oktober och gå upp … till kommunfullmäktige den 26 oktober': 'kommunfullmäktige' is the
    26 oktober's); an empty bag when no such mention starts there."""
    anchors = [m for m in mentions if m.kind in AMOUNT_KINDS or m.kind is NumberKind.DATE]
    mine = [m for m in anchors if m.start == at]
    if not mine:
        return Clues()
    [sentence] = _sentences(text, mine, BlockCache(text))
    inside = [m for m in anchors if sentence[0] <= m.start < sentence[1]]
    others = [m for m in mentions if sentence[0] <= m.start < sentence[1]]
    bags = _bind(text, sentence, inside, others)
    return bags[inside.index(mine[0])]


def figure_clues(figure: Figure, occurrence: int = 0) -> Clues:
    """The clues of a figure: those bound to it in its context, plus its table labels.

    ``occurrence`` says which of several equal numbers in the context is the figure's own
    ('ram med 600 tkr 2016 genom omdisponering av 600 tkr från …': 0 or 1).
    """
    context = figure.context
    mentions = find_numbers(context)
    raw = " ".join(figure.raw.split())
    amounts = [m for m in mentions if m.kind in AMOUNT_KINDS]
    same = [i for i, m in enumerate(amounts) if " ".join(m.raw.split()) == raw]
    own = same[min(occurrence, len(same) - 1)] if same else None
    if own is None:  # the context does not show the number as parsed: take all of it
        clues = _bind(context, (0, len(context)), [], mentions)[0]
    else:
        clues = _bind(context, (0, len(context)), amounts, mentions)[own]
    for label in (figure.row_label, figure.column_label):
        if label:
            clues.add(_bind(label, (0, len(label)), [], find_numbers(label))[0])
    return clues


def _sentences(
    text: str, amounts: Sequence[NumberMention], cache: BlockCache
) -> list[tuple[int, int]]:
    """The sentence spans of ``text`` that hold the amounts (each once, in order)."""
    spans: list[tuple[int, int]] = []
    for m in amounts:
        block = cache.block(m.start, m.end)
        cuts = [block[0], *cache.sentence_cuts(block), block[1]]
        left = max(c for c in cuts if c <= m.start)
        right = min(c for c in cuts if c >= m.end)
        if (left, right) not in spans:
            spans.append((left, right))
    return spans


def _bind(
    text: str,
    span: tuple[int, int],
    anchors: Sequence[NumberMention],
    mentions: Sequence[NumberMention],
) -> list[Clues]:
    """The clues of ``text[span]`` bound to each anchor; with no anchors, one bag of all."""
    items = _items(text, span, mentions)
    bags = [Clues() for _ in anchors] or [Clues()]
    if not anchors:
        for item in items:
            bags[0].add(item.clues)
        return bags
    asides = [(m.start(), m.end()) for m in _PAREN.finditer(text, *span)]
    asides = [a for a in asides if not any(a[0] <= m.start < a[1] for m in anchors)]
    colon = text.find(":", span[0], span[1])
    label_end = colon if colon >= 0 and all(m.start > colon for m in anchors) else -1
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, *span)]
    restated = _restatements(text, span, anchors)
    subjects = {id(item) for item in _subjects(text, items, anchors[0].start)}
    for item in items:
        if not item.clues.orgs and any(lo <= item.start < hi for lo, hi in asides):
            continue
        if id(item) in subjects:
            for bag in bags:
                bag.add(item.clues)
            continue
        inside = [i for i, (lo, hi, _) in restated.items() if lo <= item.start < hi]
        if inside:  # a restatement's own words: 'inkl. moms' in '9,6 öre (12 öre inkl. moms)'
            bags[inside[0]].add(item.clues)
            continue
        if item.end <= label_end:
            for bag in bags:
                bag.add(item.clues)
            continue
        ahead = _period_ahead(text, item, anchors, breaks)
        if ahead is None:
            ahead = _bracketed_ahead(text, item, anchors, breaks)
        if ahead is not None:
            bags[ahead].add(item.clues)
            continue
        costs = [
            _distance(item, m, breaks) if i not in restated else math.inf
            for i, m in enumerate(anchors)
        ]
        bags[costs.index(min(costs))].add(item.clues)
    for i, (_, _, first) in restated.items():
        bags[i].add(bags[first])  # one amount in two forms: the same subject
    return bags


def _subjects(text: str, items: Sequence[_Item], first: int) -> list[_Item]:
    """The organisations a sentence is about as a whole: the only one of its family in the
    sentence, named before its first number with words between ('Vansbro kommun har 2009,
    40 fordon, av vilka 37 är leasing'): it is every number's, not only the nearest one's.
    A name right before the number labels that number alone ('HSN -271Mkr, RS -57Mkr')."""
    named = [item for item in items if item.clues.orgs]
    found = []
    for item in named:
        [org] = item.clues.orgs
        kin = [i for i in named if i.clues.orgs[0].family == org.family]
        if item.end > first or not all(i.clues.orgs[0].matches(org) for i in kin):
            continue
        if _WORD.search(text, item.end, first):
            found.append(item)
    return found


def _restatements(
    text: str, span: tuple[int, int], anchors: Sequence[NumberMention]
) -> dict[int, tuple[int, int, int]]:
    """The anchors that restate the number right before their bracket ('9,6 öre (12 öre
    inkl. moms) högre elpris'), with the bracket's span and the first number's index: the
    words around the bracket are both numbers', the words inside it only the
    restatement's."""
    found: dict[int, tuple[int, int, int]] = {}
    for bracket in _PAREN.finditer(text, *span):
        lo, hi = bracket.span()
        held = [i for i, m in enumerate(anchors) if lo <= m.start < hi]
        before = [i for i, m in enumerate(anchors) if m.end <= lo and not text[m.end : lo].strip()]
        if len(held) == 1 and before:
            found[held[0]] = (lo, hi, before[-1])
    return found


def _period_ahead(
    text: str, item: _Item, anchors: Sequence[NumberMention], breaks: Sequence[int]
) -> int | None:
    """The anchor a period introduced by a preposition, or in the genitive, leads to ('under
    2016 tagits ned till … 196,8 mkr', 'efter 2015 uppgick till 5,5 %', '2017 års prognos
    realiseras uppgå till 966 mkr'): the next number with no clause break between; None for
    other clues or when there is none."""
    if not (item.clues.years or item.clues.months):
        return None
    if not (
        _PERIOD_PREPOSITION.search(text, max(0, item.start - 12), item.start)
        or _GENITIVE_PERIOD.match(text, item.end)  # '2017 års prognos … 966 mkr'
    ):
        return None
    after = [i for i, m in enumerate(anchors) if m.start >= item.end]
    if not after:
        return None
    first = after[0]
    if any(item.end <= b < anchors[first].start for b in breaks):
        return None
    return first


def _bracketed_ahead(
    text: str, item: _Item, anchors: Sequence[NumberMention], breaks: Sequence[int]
) -> int | None:
    """The anchor in brackets that a clue's words label ('lokalfrågor (25 procent) och
    systematiskt kvalitetsarbete (20 procent)': 'systematiskt kvalitetsarbete' is the 20's,
    though nearer the 25): the next number, when it opens a bracket and neither a clause
    break nor another number stands between; None otherwise."""
    after = [i for i, m in enumerate(anchors) if m.start >= item.end]
    if not after:
        return None
    first = anchors[after[0]]
    if not text[: first.start].rstrip().endswith("("):
        return None
    if any(item.end <= b < first.start for b in breaks):
        return None
    return after[0]


def _distance(item: _Item, anchor: NumberMention, breaks: Sequence[int]) -> int:
    """Characters between a clue and a number, plus a cost for each clause break between."""
    lo, hi = (item.end, anchor.start) if item.end <= anchor.start else (anchor.end, item.start)
    crossed = sum(1 for b in breaks if lo <= b < hi)
    return max(0, hi - lo) + _BREAK_COST * crossed


def _items(text: str, span: tuple[int, int], mentions: Sequence[NumberMention]) -> list[_Item]:
    """Every clue in ``text[span]``: years and months, organisations, pole words, terms."""
    lo, hi = span
    items: list[_Item] = []
    taken = [_unit_span(text, m) for m in mentions if lo <= m.start < hi]
    for m in mentions:
        if lo <= m.start < hi and m.kind in (NumberKind.YEAR, NumberKind.DATE):
            items.append(_Item(m.start, m.end, _period_clues(m)))
    for org, start, end in _orgs(text, lo, hi):
        items.append(_Item(start, end, Clues(orgs=[org])))
        taken.append((start, end))  # a name says who, not what: its words are no terms
    for vat in _VAT.finditer(text, lo, hi):  # with or without VAT: a pole, no term
        items.append(_Item(vat.start(), vat.end(), Clues(poles={("vat", 0 if vat["plus"] else 1)})))
        taken.append(vat.span())
    for now in _NOW.finditer(text, lo, hi):  # the present state: a pole, no term
        items.append(_Item(now.start(), now.end(), Clues(poles={("need", 0)})))
        taken.append(now.span())
    before: tuple[re.Match[str], Clues] | None = None
    for word in _WORD.finditer(text, lo, hi):
        if any(a <= word.start() < b for a, b in taken):
            before = None
            continue
        clues = _word_clues(word.group())
        if _BUDGET_POLE in clues.poles and _BASELINE.search(
            text, max(lo, word.start() - 24), word.start()
        ):  # 'underskott mot budget': an outcome measured against the budget
            clues = Clues(poles=clues.poles - {_BUDGET_POLE})
        items.append(_Item(word.start(), word.end(), clues))
        if (
            before is not None
            and clues.terms
            and not word.group()[0].isupper()  # a new sentence or a heading's end
            and not text[before[0].end() : word.start()].strip()
        ):
            pairs = {(a, b) for a in before[1].terms for b in clues.terms}
            items.append(_Item(before[0].start(), word.end(), Clues(pairs=pairs)))
        before = (word, clues) if clues.terms and _QUALIFIER.search(word.group()) else None
    return items


def _unit_span(text: str, m: NumberMention) -> tuple[int, int]:
    """The span of a mention that is its number and unit: a count's words between the two
    are what is counted, so they stay terms ('37 egenägda fordon': 'egenägda')."""
    if m.kind is not NumberKind.COUNT or not m.unit:
        return m.start, m.end
    words = list(_WORD.finditer(text, m.start, m.end))
    if len(words) < 2 or words[-1].group().casefold() != m.unit.casefold():
        return m.start, m.end
    return words[-1].start(), m.end  # the number's own span is no word


def _period_clues(m: NumberMention) -> Clues:
    """Years (a range expanded) and months of a year or date mention."""
    clues = Clues()
    if m.kind is NumberKind.YEAR and m.value is not None:
        high = int(m.value_high) if m.value_high is not None else int(m.value)
        if high - int(m.value) <= _MAX_YEARS:
            clues.years = set(range(int(m.value), high + 1))
    else:
        clues.years = {int(y) for y in _YEAR.findall(m.raw)}
        clues.months = {MONTHS_IN_PROSE[w.casefold()] for w in _MONTH.findall(m.raw)}
    return clues


@lru_cache(maxsize=65536)
def _word_clues(word: str) -> Clues:
    """Pole and term clues of one word (months named alone count as periods); cached, so
    callers only read the result."""
    lower = word.casefold()
    clues = Clues()
    if lower in MONTHS_IN_PROSE and len(lower) > 3:
        clues.months = {MONTHS_IN_PROSE[lower]}
    heads: set[str] = set()
    for axis, plus, minus, _ in _AXES:
        for pole, pattern in enumerate((plus, minus)):
            for part in lower.split("-"):
                found = pattern.search(part)
                if found:
                    clues.poles.add((axis, pole))
                    heads.add(part[: found.start()])
    if clues.poles:
        # the head of a compound ending in a pole word is what the word is about:
        # 'investeringsbudgeten' is about investments, 'kostnadsökningen' about costs
        clues.terms = {t for h in heads if len(h) >= _MIN_HEAD for t in _plain_terms(h)}
    else:  # a pole word is what may differ, not what the number is about
        clues.terms = _plain_terms(word)
    return clues


def org_mentions(text: str) -> list[tuple[Org, int, int]]:
    """The organisations a text names, with their spans (bodies first, then places)."""
    return list(_orgs(text, 0, len(text)))


def _orgs(text: str, lo: int, hi: int) -> Iterable[tuple[Org, int, int]]:
    """Organisations named in ``text[lo:hi]`` with their spans."""
    for m in _ACRONYM.finditer(text, lo, hi):
        if m["a"] not in _NOT_ACRONYMS:
            yield Org("body", m["a"], acronym=m["a"]), m.start(), m.end()
    for m in _BODY.finditer(text, lo, hi):
        head = m["head"].casefold()
        if not head:  # 'nämnden', 'styrelsen': no particular one
            continue
        initials = (m["first"] or "")[:1] + head[:1] + _BODY_LETTER[m["kind"].casefold()]
        stem = f"{head}{m['kind'].casefold()}"  # 'hälso- och sjukvårdsnämnden' ~ 'sjukvårds…'
        yield Org("body", m.group(), acronym=initials.upper(), stem=stem), m.start(), m.end()
    for m in _PLACE.finditer(text, lo, hi):
        place = (m["region"] or m["town"]).casefold()
        yield Org("place", m.group(), stem=place), m.start(), m.end()


# --------------------------------------------------------------------------- comparing


def conflicts(claim: Clues, source: Clues) -> list[Conflict]:
    """The explicit disagreements between a claim's number and a figure (see module doc)."""
    found: list[Conflict] = []
    for kind, mine, theirs in (
        ("year", claim.years, source.years),
        ("month", claim.months, source.months),
    ):
        if mine and theirs and not mine & theirs:
            found.append(Conflict(kind, _periods(kind, mine), _periods(kind, theirs)))
    for family in ("body", "place"):
        mine_o = [o for o in claim.orgs if o.family == family]
        theirs_o = [o for o in source.orgs if o.family == family]
        if mine_o and theirs_o and not any(a.matches(b) for a in mine_o for b in theirs_o):
            found.append(Conflict("organisation", org_names(mine_o), org_names(theirs_o)))
    for axis, _, _, words in _AXES:
        mine_p = {p for a, p in claim.poles if a == axis}
        theirs_p = {p for a, p in source.poles if a == axis}
        if len(mine_p) == 1 and len(theirs_p) == 1 and mine_p != theirs_p:
            found.append(Conflict("polarity", words[min(mine_p)], words[min(theirs_p)]))
    return found


def text_conflicts(claim: str, source: str) -> list[Conflict]:
    """Conflicts between two texts taken whole (no numbers needed): e.g. a sentence that
    says 'tillstyrker' where its source says 'avstyrker', or names 2016 where it says 2015."""
    return conflicts(statement_clues(claim), statement_clues(source))


def pole_word(word: str) -> bool:
    """True for a word (or stem) of a polarity axis ('minsk', 'avstyrker', 'överskott'):
    what a statement says of its subject, not the subject."""
    return any(plus.search(word) or minus.search(word) for _, plus, minus, _ in _AXES)


def statement_clues(text: str) -> Clues:
    """All clues of a text in one bag (what a sentence says, whatever its numbers)."""
    return _bind(text, (0, len(text)), [], find_numbers(text))[0]


def _periods(kind: str, values: set[int]) -> str:
    """'2015', '2015–2016' or month names, for the user."""
    if kind == "month":
        names = {n: w for w, n in MONTH_NAMES.items()}
        return ", ".join(names[v] for v in sorted(values))
    ordered = sorted(values)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(v) for v in ordered)


def org_names(orgs: Sequence[Org]) -> str:
    """The organisations as written, each once."""
    return ", ".join(dict.fromkeys(" ".join(o.name.split()) for o in orgs))


class TermWeights:
    """Rarity (inverse document frequency) of terms over a set of texts (figure contexts)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.df: dict[str, int] = {}
        self.n = 0
        for text in dict.fromkeys(texts):
            self.n += 1
            for term in set(_TOKENIZER.tokenize(text)):
                self.df[term] = self.df.get(term, 0) + 1

    def idf(self, term: str) -> float:
        """log((n + 1) / (df + 0.5)): rare terms weigh more."""
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))


def context_terms(text: str) -> set[str]:
    """The subject terms of a whole text (a figure's context): stems, no numbers or units,
    and the head of each compound ending in a pole word ('investeringsbudgeten': also
    'investering'), as the clues of a number take them."""
    found = _plain_terms(text)
    for word in _WORD.finditer(text):
        if len(word.group()) > _MIN_HEAD + 3:
            clues = _word_clues(word.group())
            if clues.poles:
                found |= clues.terms
    return found


def _plain_terms(text: str) -> set[str]:
    """The stems of a text's words, no numbers or units."""
    return {
        t
        for t in _TOKENIZER.tokenize(text)
        if t not in _UNIT_TERMS and not any(c.isdigit() for c in t)
    }


def overlap(claim: Clues, source_terms: set[str], weights: TermWeights) -> float:
    """Share (0–1, weighted by rarity) of the claim's subject terms around its number that
    the figure's context shares; 0.0 when the claim has none."""
    total = sum(weights.idf(t) for t in claim.terms)
    if total <= 0:
        return 0.0
    return sum(weights.idf(t) for t in claim.terms & source_terms) / total

"""Comparing numbers with figures: written precision, sign wording, an index and arithmetic.

The mechanics behind :mod:`assistant.number_check`. A number is turned into an
:class:`Amount`: a comparison class (money in kronor, percent, counts, one class per measuring
unit, bare numbers), its exact value (:class:`~decimal.Decimal`, signed, kronor for money),
the precision it is written with (recorded by the parser:
:attr:`~lagesbild.types.NumberMention.precision`), and whether the words around it say it is a
deficit or a decrease. Two rules decide whether a figure backs a number:

* **Precision.** A number backs another only to the precision the other is written with:
  ``8,4 miljoner`` is any amount that rounds (half up) to 8 400 000 at a step of 100 000
  kronor, so 8 350 000–8 449 999. Zeros at the end of a whole number are read as rounding
  (``10 600 tkr`` has a step of 100 tkr) but a number keeps at least two significant digits
  (``20 %`` has a step of 1, ``100 mkr`` of 10 mkr). A figure written with less precision
  than the text never backs it: a source's ``16 mkr`` does not back ``16,0 mkr``.
* **Sign.** A negative and a positive of the same size agree only when the positive one is
  called a deficit or a decrease in words ('underskott på 47 Mkr' and 'RUN -47Mkr'), or a
  dash glued to it in the source leaves its sign open ('RS-57Mkr').

Quantities whose units differ by a prefix compare in one class ('13,5 GWh' is '13508 MWh'
rounded), and a table cell stored without unit takes the unit its own line gives it
('Intäkter – 2025: 11 251 tkr'). :class:`FigureIndex` finds candidate figures by size with a
binary search;
:func:`find_pair` finds a sum, difference, share or percent change of two figures, again by
binary search over a small pool, so checking stays fast on large registers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from assistant.attribution import (
    Clues,
    Org,
    TermWeights,
    context_terms,
    figure_clues,
    statement_clues,
)
from ingest.number_units import sek_factor
from ingest.numbers import find_numbers, parse_number
from lagesbild.swedish import MINUS_CHARS
from lagesbild.types import AMOUNT_KINDS, Figure, NumberKind, NumberMention

if TYPE_CHECKING:  # the date check builds on the attribution rules, which import this module
    from assistant.date_check import DateIndex

BARE = "bare"  # class of numbers without a unit
SEK = "sek"  # class of money in Swedish kronor
PERCENT = "percent"  # percent and percentage points
_PERCENT_UNITS = {"%": PERCENT, "procentenheter": PERCENT, "‰": "permille"}
# Units of one measure that differ only by a prefix: compared in the first unit of the family
# ('13,5 GWh' is '13508 MWh' rounded). Class name, then each unit's factor to the base.
_UNIT_FAMILIES: dict[str, tuple[str, Decimal]] = {
    unit: (family, Decimal(factor))
    for family, units in (
        ("energy", {"Wh": 1, "kWh": 10**3, "MWh": 10**6, "GWh": 10**9, "TWh": 10**12}),
        ("power", {"W": 1, "kW": 10**3, "MW": 10**6, "GW": 10**9}),
        ("mass", {"mg": 1, "gram": 10**3, "hg": 10**5, "kg": 10**6, "ton": 10**9,
                  "kton": 10**12, "Mton": 10**15}),
        ("length", {"mm": 1, "cm": 10, "m": 10**3, "meter": 10**3, "km": 10**6,
                    "kilometer": 10**6, "mil": 10**7}),
    )
    for unit, factor in units.items()
}  # fmt: skip
# Words that make a positive number a deficit or a decrease ('budgetunderskott', 'minskade').
_MINUS_STEMS = (
    "underskott", "minus", "negativ", "förlust", "minsk", "försämr", "sänk", "nedgång", "lägre",
    "tapp", "reducer", "överskr",
)  # fmt: skip
_CLAUSE_END = re.compile(r"[.!?;](?=\s)|\n")
# A year in a table column label ('Bokslut 2025'): the label of the year before is the same
# words with the year before ('Bokslut 2024').
_LABEL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CUE_BEFORE, _CUE_AFTER = 80, 25  # characters of context read for sign words


def dec(value: float) -> Decimal:
    """The exact decimal a parsed float stands for (the parser's floats come from decimals)."""
    return Decimal(repr(value))


def rounds_to(value: Decimal, step: Decimal, target: Decimal) -> bool:
    """True if ``value`` rounded half up to a multiple of ``step`` is ``target`` (magnitudes)."""
    return (abs(value) / step).quantize(Decimal(1), ROUND_HALF_UP) * step == abs(target)


def minus_cue(text: str, start: int, end: int) -> bool:
    """True if the clause around ``text[start:end]`` calls the number a deficit or decrease,
    or a loose dash stands before it ('vara - 69 %')."""
    before = text[max(0, start - _CUE_BEFORE) : start]
    if _loose_dash(before):
        return True
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    before = before[cut[-1] :] if cut else before
    after = re.split(r"[,.!?;\n]", text[end : end + _CUE_AFTER], maxsplit=1)[0]
    return _minus_word(before) or _minus_word(after)


def _minus_word(text: str) -> bool:
    """True if ``text`` holds a word for deficit or decrease ('budgetunderskott', 'minskade')."""
    folded = text.casefold()
    return any(stem in folded for stem in _MINUS_STEMS)


def _loose_dash(before: str) -> bool:
    """True if ``before`` ends in a dash standing on its own ('vara - ')."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] not in MINUS_CHARS:
        return False
    return len(stripped) == 1 or stripped[-2].isspace()


@dataclass(frozen=True)
class Amount:
    """A number in comparable form: class, exact signed value(s), precision, sign wording."""

    cls: str  # SEK, PERCENT, 'count', 'quantity:<unit>', 'cur:<label>' or BARE
    low: Decimal  # signed value in the class's unit (kronor for money)
    high: Decimal | None  # high end of a range
    step: Decimal  # written precision in the class's unit
    written: Decimal  # signed value as written, in its own unit ('47' for '-47Mkr')
    written_high: Decimal | None
    written_step: Decimal
    unit: str  # unit label for "same unit" tests ('mkr', '%', 'patienter', 'kg'; no '/år')
    minus_cue: bool  # the words around call it a deficit or decrease
    approximate: bool = False  # 'cirka', 'drygt', 'knappt' … stands right before it

    @property
    def magnitude(self) -> Decimal:
        """Size of the (low) value."""
        return abs(self.low)

    @property
    def significant(self) -> int:
        """Significant digits written: 1 for '8 mkr' and '0,5 %', 2 for '16 mkr' and '200 mkr'."""
        return len(str(int(self.magnitude / self.step))) if self.magnitude else 1


def amount_of(mention: NumberMention, cue: bool, approximate: bool = False) -> Amount | None:
    """The comparable form of a money, percent, count, quantity or bare-number mention."""
    if mention.value is None:
        return None
    precision = mention.precision
    if precision is None and (parsed := parse_number(mention.raw)) is not None:
        precision = parsed.precision  # a figure stored before the parser recorded it
    if precision is None:
        return None
    step = Decimal(1).scaleb(precision)
    low, high = (
        dec(mention.value),
        (None if mention.value_high is None else dec(mention.value_high)),
    )
    base = mention.unit.split("/")[0]
    if base.split(" ")[0] in _UNIT_FAMILIES:
        base = base.split(" ")[0]  # '224,59 ton CO2' is a mass like '225 ton'
    cls, factor, unit = _class_of(mention.kind, base, mention.unit)
    return Amount(
        cls=cls,
        low=low * factor,
        high=None if high is None else high * factor,
        step=step * factor,
        written=low,
        written_high=high,
        written_step=step,
        unit=unit,
        minus_cue=cue,
        approximate=approximate,
    )


def _class_of(kind: NumberKind, base: str, unit: str) -> tuple[str, Decimal, str]:
    """Comparison class, factor to the class's unit, and unit label of a parsed number."""
    one = Decimal(1)
    if kind is NumberKind.MONEY:
        if (factor := sek_factor(base)) is not None:
            return SEK, factor, base
        return f"cur:{base}", one, base
    if kind is NumberKind.PERCENT:
        cls = _PERCENT_UNITS.get(unit, PERCENT)
        return cls, one, "%" if cls == PERCENT else unit
    if kind is NumberKind.COUNT:
        return "count", one, unit
    if kind is NumberKind.QUANTITY:
        if base in _UNIT_FAMILIES:
            family, factor = _UNIT_FAMILIES[base]
            return f"quantity:{family}", factor, base
        return f"quantity:{base}", one, base
    return BARE, one, ""


def figure_cue(figure: Figure) -> bool:
    """True if a figure's context calls it a deficit or decrease, or a glued dash precedes it."""
    context, raw = figure.context, " ".join(figure.raw.split())
    at = context.find(raw)
    if at < 0:
        return _minus_word(context)
    if at > 0 and context[at - 1] in MINUS_CHARS:
        return True  # 'RS-57Mkr'
    return (_minus_word(context) and minus_cue(context, at, at + len(raw))) or _loose_dash(
        context[:at]
    )


def _with_unit(figure: Figure, parsed: dict[str, list[NumberMention]]) -> NumberMention:
    """The figure, or for a number stored without a unit the same number as its own line
    reads it with one: a table cell the row text gives a unit ('Intäkter – 2025: 11 251 tkr')
    is compared as money, not as a bare number."""
    if figure.kind is not NumberKind.NUMBER or figure.unit:
        return figure
    mentions = parsed.get(figure.context)
    if mentions is None:
        mentions = parsed[figure.context] = find_numbers(figure.context)
    raw = " ".join(figure.raw.split())
    for m in mentions:
        same = " ".join(m.raw.split()).startswith(raw) and m.value == figure.value
        if same and m.kind is not NumberKind.NUMBER and m.unit and m.precision == figure.precision:
            return m
    return figure


@dataclass(frozen=True)
class Entry:
    """A figure in comparable form, with its position in the figure list."""

    amount: Amount
    figure: Figure
    order: int


class _Sorted:
    """Entries sorted by the size of one of their values, for range look-ups."""

    def __init__(self, keyed: list[tuple[Decimal, Entry]]) -> None:
        keyed.sort(key=lambda pair: (pair[0], pair[1].order))
        self.keys = [k for k, _ in keyed]
        self.entries = [e for _, e in keyed]

    def between(self, lo: Decimal, hi: Decimal) -> Iterator[Entry]:
        """Entries whose key lies in ``[lo, hi]``."""
        for i in range(bisect_left(self.keys, lo), bisect_right(self.keys, hi)):
            yield self.entries[i]


PageTexts = Mapping[tuple[str, int], str]
"""The text of each page by (document, page): what the page says beyond its figures."""

# A figure line with at most this many subject terms of its own is about the text above it.
LEAD_IN_TERMS = 4


def _about_lead_in(entry: Entry, own_terms: set[str]) -> bool:
    """True for an amount with a unit in a line or sentence that names little ('Minskad
    kostnad 1300 tkr', '2009– 162 kWh/m2, 2014– 151 kWh/m2', 'Utfall -5 %, mål 2016 0 %.'):
    what it is about stands before it. A table cell has its row's label; a bare number
    borrows no subject; a fragment of a sentence (lower case first) has its own."""
    figure = entry.figure
    return (
        bool(figure.lead_in)
        and len(own_terms) <= LEAD_IN_TERMS
        and not figure.row_label
        and entry.amount.cls != BARE
        and not figure.context[:1].islower()  # a whole line or sentence, not a fragment
    )


class FigureIndex:
    """The figures of a register by comparison class and size (and by size as written).

    Quarantined figures (text addressed to an AI assistant) are found by :meth:`near`, so
    a check can say where a value stands, but never take part in arithmetic
    (:meth:`on_pages`). The attribution clues of each figure and the rarity of context
    terms are computed on first use and kept.
    """

    def __init__(self, figures: Sequence[Figure], pages: PageTexts | None = None) -> None:
        self.entries: list[Entry] = []
        self.pages: PageTexts = pages or {}
        self._by_page: dict[tuple[str, int], list[Entry]] = {}
        self._clues: dict[str, Clues] = {}
        self._terms: dict[str, set[str]] = {}
        self._occurrences: dict[str, int] | None = None
        self._weights: TermWeights | None = None
        self._by_term: dict[str, list[Entry]] | None = None
        self._cells: dict[tuple[str, int, str, str], Entry] | None = None
        self._page_orgs: dict[tuple[str, int], list[Org]] = {}
        self.dates = [f for f in figures if f.kind is NumberKind.DATE]
        self.years = [f for f in figures if f.kind is NumberKind.YEAR]
        self.date_index: DateIndex | None = None  # built by the date check on first use
        parsed: dict[str, list[NumberMention]] = {}  # context → its numbers, parsed once
        for order, figure in enumerate(figures):
            amount = None
            if figure.kind in AMOUNT_KINDS:
                amount = amount_of(_with_unit(figure, parsed), figure_cue(figure))
            if amount is not None:
                self.entries.append(Entry(amount, figure, order))
                if not figure.quarantined:
                    self._by_page.setdefault((figure.doc, figure.page), []).append(self.entries[-1])
        by_cls: dict[str, list[tuple[Decimal, Entry]]] = {}
        written: list[tuple[Decimal, Entry]] = []
        for e in self.entries:
            ends = [(e.amount.low, e.amount.written)]
            if e.amount.high is not None and e.amount.written_high is not None:
                ends.append((e.amount.high, e.amount.written_high))
            for value, as_written in ends:
                by_cls.setdefault(e.amount.cls, []).append((abs(value), e))
                written.append((abs(as_written), e))
        self._by_cls = {cls: _Sorted(keyed) for cls, keyed in by_cls.items()}
        self._written = _Sorted(written)

    def near(self, cls: str | None, magnitude: Decimal, half: Decimal) -> Iterator[Entry]:
        """Entries of ``cls`` (None: any class, by written value) with a size within ``half``."""
        table = self._written if cls is None else self._by_cls.get(cls)
        if table is None:
            return iter(())
        return table.between(magnitude - half, magnitude + half)

    def on_pages(self, pages: Iterable[tuple[str, int]], limit: int) -> list[Entry]:
        """The entries on ``pages`` (doc, page), in register order, at most ``limit``
        (quarantined figures left out)."""
        found = [e for page in set(pages) for e in self._by_page.get(page, [])]
        return sorted(found, key=lambda e: e.order)[:limit]

    def clues(self, entry: Entry) -> Clues:
        """What the figure's context (and table labels) say it is about (cached). A table
        cell whose row holds the year before in a column of the same words also says which
        way its value went ('Bokslut 2024: 56 945', 'Bokslut 2025: 62 014': an increase)."""
        found = self._clues.get(entry.figure.id)
        if found is None:
            found = self._clues[entry.figure.id] = figure_clues(
                entry.figure, self._occurrence(entry)
            )
            trend = self._row_trend(entry)
            if trend is not None and not any(axis == "change" for axis, _ in found.poles):
                found.poles.add(("change", trend))
        return found

    def _row_trend(self, entry: Entry) -> int | None:
        """0 when a table cell is higher than the cell of the year before in its row (same
        column words), 1 when lower; None without such a cell or when they are equal."""
        figure = entry.figure
        if not (figure.row_label and figure.column_label):
            return None
        years = _LABEL_YEAR.findall(figure.column_label)
        if len(years) != 1:
            return None
        before = figure.column_label.replace(years[0], str(int(years[0]) - 1))
        if self._cells is None:
            self._cells = {
                (e.figure.doc, e.figure.page, e.figure.row_label, e.figure.column_label): e
                for entries in self._by_page.values()
                for e in entries
                if e.figure.row_label and e.figure.column_label
            }
        previous = self._cells.get((figure.doc, figure.page, figure.row_label, before))
        if previous is None or previous.amount.cls != entry.amount.cls:
            return None
        if previous.amount.low == entry.amount.low:
            return None
        return 0 if entry.amount.low > previous.amount.low else 1

    def _occurrence(self, entry: Entry) -> int:
        """How many figures of the same page, context and raw text come before this one."""
        if self._occurrences is None:
            groups: dict[tuple[str, int, str, str], list[Entry]] = {}
            for e in self.entries:
                f = e.figure
                groups.setdefault((f.doc, f.page, f.context, " ".join(f.raw.split())), []).append(e)
            self._occurrences = {
                e.figure.id: rank
                for group in groups.values()
                for rank, e in enumerate(sorted(group, key=lambda e: e.figure.start))
            }
        return self._occurrences.get(entry.figure.id, 0)

    def page_orgs(self, doc: str, page: int) -> list[Org]:
        """The organisations a page's text names, as clues name them ([] when the index was
        given no page texts) (cached)."""
        found = self._page_orgs.get((doc, page))
        if found is None:
            text = self.pages.get((doc, page), "")
            found = self._page_orgs[(doc, page)] = statement_clues(text).orgs if text else []
        return found

    def terms(self, entry: Entry) -> set[str]:
        """The subject terms of the figure's whole context and table labels, and of the text
        above its line when the line names little ('Minskad kostnad 1300 tkr') (cached)."""
        found = self._terms.get(entry.figure.id)
        if found is None:
            figure = entry.figure
            text = " ".join(t for t in (figure.context, figure.row_label, figure.column_label) if t)
            found = context_terms(text)
            if _about_lead_in(entry, found):
                found |= context_terms(figure.lead_in)  # its subject stands above its line
            self._terms[entry.figure.id] = found
        return found

    def sharing(self, terms: Iterable[str], limit: int) -> list[Entry]:
        """The entries whose statement holds one of ``terms``, in register order, at most
        ``limit`` (quarantined figures left out); the term index is built once."""
        if self._by_term is None:
            self._by_term = {}
            for entries in self._by_page.values():
                for e in entries:
                    for term in self.terms(e):
                        self._by_term.setdefault(term, []).append(e)
        found = {e.figure.id: e for t in terms for e in self._by_term.get(t, [])}
        return sorted(found.values(), key=lambda e: e.order)[:limit]

    def weights(self) -> TermWeights:
        """The rarity of terms over the figures' contexts (computed once)."""
        if self._weights is None:
            self._weights = TermWeights(e.figure.context for e in self.entries)
        return self._weights


def agree(text: Amount, fig: Amount, as_written: bool = False) -> str | None:
    """'equal', 'rounded', 'endpoint' (the text is one end of the figure's range) or None.

    With ``as_written`` the values are compared as written, ignoring units (bare numbers).
    """
    t_low, t_high, t_step = _values(text, as_written)
    f_low, f_high, f_step = _values(fig, as_written)
    if t_high is not None:
        if f_high is None:
            return None
        ends = (_agree(t_low, t_step, text, f_low, f_step, fig),
                _agree(t_high, t_step, text, f_high, f_step, fig))  # fmt: skip
        if None in ends:
            return None
        return "equal" if ends == ("equal", "equal") else "rounded"
    result = _agree(t_low, t_step, text, f_low, f_step, fig)
    if result is None and f_high is not None:
        high = _agree(t_low, t_step, text, f_high, f_step, fig)
        return None if high is None else "endpoint"
    if result is not None and f_high is not None:
        return "endpoint"
    return result


def _values(a: Amount, as_written: bool) -> tuple[Decimal, Decimal | None, Decimal]:
    """(low, high, step) of an amount, in its class's unit or as written."""
    if as_written:
        return a.written, a.written_high, a.written_step
    return a.low, a.high, a.step


def _agree(
    t: Decimal, t_step: Decimal, text: Amount, f: Decimal, f_step: Decimal, fig: Amount
) -> str | None:
    """Whether the figure value ``f`` backs the text value ``t`` (precision and sign rules).
    A whole number of the text that equals the figure is equal however precisely the figure
    is written ('4 000 tkr' and '4 miljoner kronor': its zeros may be rounding); written
    decimals claim their precision ('16,0 mkr' is not backed by 'ca 16 mkr')."""
    if t * f < 0 and not (text.minus_cue if t > 0 else fig.minus_cue):
        return None  # opposite signs without words that explain them
    if abs(t) == abs(f) and text.written_step >= 1:
        return "equal"
    if f_step > t_step:
        return None  # the text is more precise than its source
    if abs(t) == abs(f):
        return "equal"
    return "rounded" if t != 0 and rounds_to(f, t_step, t) else None


# --------------------------------------------------------------------------- arithmetic


@dataclass(frozen=True)
class Pair:
    """Two figures whose sum, difference, share or percent change gives a number."""

    operation: str  # 'sum', 'difference', 'share' or 'change'
    first: Entry  # the larger operand (sum, difference), numerator (share) or new value (change)
    second: Entry


# For each class of the text: the operations that may give it, and the operands' classes.
_OPERATIONS: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    SEK: (("sum", frozenset({SEK})), ("difference", frozenset({SEK}))),
    "count": (("sum", frozenset({"count", BARE})), ("difference", frozenset({"count", BARE}))),
    PERCENT: (
        ("difference", frozenset({PERCENT})),
        ("share", frozenset({SEK, "count"})),
        ("change", frozenset({SEK, "count"})),
    ),
}
_HUNDRED = Decimal(100)


def find_pair(
    text: Amount, anchors: Sequence[Sequence[Entry]], pool: Sequence[Entry], cross_doc: bool
) -> Pair | None:
    """Two figures that give ``text`` by one operation, or None.

    ``anchors`` are the figures the text's other numbers stand for (one group per number),
    ``pool`` the figures of the pages the text points at. A sum or difference takes two
    anchors of different numbers ('från 232,3 till 196,8 mkr, en minskning med 35,5 mkr')
    or two pool figures from one sentence or table line ('5 660 tkr + 10 555 tkr =
    16 215 tkr'); a share or percent change may also set an anchor against any pool
    figure ('2,8 av 3,8 miljarder' → 74 %). Sums and differences need operands at least as
    precise as the text; both operands come from one document unless ``cross_doc``.
    Candidates are found by binary search, so the cost stays small on large registers.
    """
    if text.high is not None or text.magnitude == 0:
        return None
    numbers: dict[str, set[int]] = {}
    for number, group in enumerate(anchors):
        for e in group:
            numbers.setdefault(e.figure.id, set()).add(number)
    stated = list({e.figure.id: e for group in anchors for e in group}.values())
    default = () if text.cls == BARE else (("sum", frozenset({text.cls})),
                                           ("difference", frozenset({text.cls})))  # fmt: skip
    for operation, classes in _OPERATIONS.get(text.cls, default):
        usable = [e for e in stated if _operand(e, classes, operation, text)]
        in_pool = [e for e in pool if _operand(e, classes, operation, text)]
        others = usable + in_pool if operation in ("share", "change") else usable
        searches = [(usable, others)] + [(group, group) for group in _sentences(in_pool)]
        for firsts, seconds in searches:
            table = _Sorted([(e.amount.magnitude, e) for e in seconds])
            for a in firsts:
                for lo, hi in _windows(operation, a.amount.magnitude, text):
                    for b in table.between(lo, hi):
                        if len(numbers.get(a.figure.id, {-1}) | numbers.get(b.figure.id, {-2})) < 2:
                            continue  # two figures for the same number of the text
                        if (pair := _gives(operation, a, b, text, cross_doc)) is not None:
                            return pair
    return None


def _operand(e: Entry, classes: frozenset[str], operation: str, text: Amount) -> bool:
    """A single non-zero value of a usable class, precise enough for sums and differences."""
    if e.amount.high is not None or e.amount.magnitude == 0 or e.amount.cls not in classes:
        return False
    return operation in ("share", "change") or e.amount.step <= text.step


def _windows(operation: str, size: Decimal, text: Amount) -> list[tuple[Decimal, Decimal]]:
    """Ranges of sizes the other operand may have, with ``size`` either operand."""
    t, h = text.magnitude, text.step / 2
    if operation == "sum":
        return [(t - h - size, t + h - size)]
    if operation == "difference":
        return [(size - t - h, size - t + h), (size + t - h, size + t + h)]
    ratios = [((t - h) / _HUNDRED, (t + h) / _HUNDRED)]  # share
    if operation == "change":
        ratios = [(1 + lo, 1 + hi) for lo, hi in ratios] + [(1 - hi, 1 - lo) for lo, hi in ratios]
    windows = []
    for lo, hi in ratios:
        if hi > 0:  # the other operand as denominator, then as numerator
            windows.append((size / hi, size / lo if lo > 0 else size * 10**9))
            windows.append((size * max(lo, Decimal(0)), size * hi))
    return windows


def _gives(operation: str, a: Entry, b: Entry, text: Amount, cross_doc: bool) -> Pair | None:
    """The pair (in reading order) if ``a`` and ``b`` give the text's value, else None."""
    if a.figure.id == b.figure.id or not (cross_doc or a.figure.doc == b.figure.doc):
        return None
    if operation in ("share", "change") and a.amount.cls != b.amount.cls:
        return None
    larger_first = a.amount.magnitude >= b.amount.magnitude or operation in ("share", "change")
    for first, second in ((a, b), (b, a)) if larger_first else ((b, a), (a, b)):
        x, y = first.amount.magnitude, second.amount.magnitude
        value = {
            "sum": x + y,
            "difference": x - y,
            "share": x / y * _HUNDRED,
            "change": abs(x - y) / y * _HUNDRED,
        }[operation]
        if value > 0 and rounds_to(value, text.step, text.magnitude):
            return Pair(operation, first, second)
    return None


def _sentences(entries: Sequence[Entry]) -> list[list[Entry]]:
    """The entries grouped by the sentence (or table line) of one page they stand in."""
    groups: dict[tuple[str, int, str], list[Entry]] = {}
    for e in entries:
        groups.setdefault((e.figure.doc, e.figure.page, e.figure.context), []).append(e)
    return [group for group in groups.values() if len(group) > 1]

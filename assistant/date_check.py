"""Full dates in a text, checked against the dates the sources give.

Officials copy dates into replies as often as amounts ('Förvaltningsrätten upphävde beslutet
den 13 juni 2024'), and a date with the wrong year reads as true as a wrong amount. The
ingest number parser already reads dates into :class:`~lagesbild.types.Figure` records of
kind ``date`` with an ISO-like ``normalized`` form ('2024-06-13', '--06-13' without a year;
:mod:`ingest.number_dates`), so the text and the sources are compared in that form: '13 juni
2024', 'den 13 juni 2024', '2024-06-13', '13.6.2024' and '13/6 2024' are one date.

Checked are **full dates**: a day and a month, with or without a year. A slash date without
a year ('9/4') is left alone (it may be a fraction or a score), as are bare years, months
('i april 2024'), periods and date ranges. Each checked date gets one
:class:`~lagesbild.types.NumberCheck`:

* ``supported``: a source date of the same day and month, the same year or none, whose
  statement is about what the text says. A source date without a year takes the years the
  same day and month have elsewhere in its document ('Den 13 juni beslutade …' after
  'Den 13 juni 2024 upphävde …'); with none there, it fits any year.
* ``misattributed``: the day and month stand in the sources only with another year; or only
  in statements that name another organisation or pole (:func:`text_conflicts`); or only in
  statements that share nothing with a text that says much about its date, or while another
  statement of the same page, with another date, is clearly what the text describes (the
  swap rule of :mod:`assistant.number_attribution`, by the same thresholds).
* ``quarantined``: the date stands only in text addressed to an AI assistant.
* ``unsupported``: the day and month stand nowhere.

A **bare year** is checked only for what its statement says, and only to flag: in a sentence
without amounts that takes a side on a polarity axis (tillstyrker/avstyrker, ökning/
minskning, överskott/underskott, …) and says enough (its terms weigh :data:`MIN_RICHNESS`),
the year is ``misattributed`` when the sources' statements of that year that clearly say
what the sentence says (at least :data:`CLEAR_OVERLAP` of its terms) include one that takes
the other side and none that takes the sentence's ('Regionens revisorer tillstyrker
ansvarsfrihet … 2016' where the source says *avstyrker*). A statement that takes no side
('Ledamöterna beviljas ansvarsfrihet för 2023') neither backs nor contradicts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from assistant.attribution import (
    Clues,
    TermWeights,
    clues_at,
    conflicts,
    context_terms,
    pole_word,
    statement_clues,
    text_conflicts,
)
from assistant.number_attribution import CLEAR_OVERLAP, MIN_RICHNESS
from ingest.figures import BlockCache, sentence_around
from ingest.numbers import find_numbers
from lagesbild.types import (
    AMOUNT_KINDS,
    Figure,
    FigureRef,
    NumberCheck,
    NumberKind,
    NumberMention,
    NumberStatus,
)

__all__ = ["DateIndex", "check_dates", "full_date"]

NOT_FOUND = "datumet saknas i källorna"
"""Explanation of a date that stands nowhere."""
OTHER_MEANING = "datumet finns men gäller"
"""Start of the explanation of a misattributed date."""
QUARANTINED = "står bara i text riktad till en AI-assistent"
"""Explanation of a date found only in quarantined text."""
TURNED = "källans påstående om året säger"
"""Start of the explanation of a year whose statement a source turns round."""
CONTEXT_CHARS = 140
"""The source statement is clipped to about this many characters in explanations."""

_FULL = re.compile(r"^(?:(?P<y>\d{4})|-)-(?P<m>\d\d)-(?P<d>\d\d)$")
_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)$")
_SUBJECT_CONFLICTS = ("organisation", "polarity")  # a date's year is compared as a date

Cited = Collection[tuple[str, int]]


@dataclass(frozen=True)
class Day:
    """A full date in comparable form: month, day and the year if written."""

    year: int | None
    month: int
    day: int


def full_date(mention: NumberMention) -> Day | None:
    """The day of a date mention that states a day and a month, else None: not for years,
    months, periods, ranges, times, nor a slash date without a year ('9/4')."""
    if mention.kind is not NumberKind.DATE or not mention.normalized:
        return None
    m = _FULL.match(mention.normalized)
    if m is None or ("/" in mention.raw and not m["y"]):
        return None
    return Day(int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"]))


class DateIndex:
    """The full dates of the sources by day and month, with the years each day and month
    has in each document (to date a source's 'den 13 juni' by its '13 juni 2024')."""

    def __init__(self, figures: Iterable[Figure], years: Iterable[Figure] = ()) -> None:
        self._by_year: dict[int, list[Figure]] = {}
        for figure in years:
            if figure.kind is NumberKind.YEAR and figure.value and not figure.quarantined:
                self._by_year.setdefault(int(figure.value), []).append(figure)
        self._year_weights: TermWeights | None = None
        self._by_day: dict[tuple[int, int], list[tuple[Day, Figure]]] = {}
        self._by_page: dict[tuple[str, int], list[tuple[Day, Figure]]] = {}
        self._years: dict[tuple[str, int, int], set[int]] = {}
        self._terms: dict[str, set[str]] = {}
        self._clues: dict[str, Clues] = {}
        self._months: dict[int, list[tuple[int, Figure]]] = {}  # month: (year, figure)
        for figure in figures:
            if not figure.quarantined:
                for year, month in _months(figure):
                    self._months.setdefault(month, []).append((year, figure))
            for day in _days(figure):
                self._by_day.setdefault((day.month, day.day), []).append((day, figure))
                if not figure.quarantined:
                    self._by_page.setdefault((figure.doc, figure.page), []).append((day, figure))
                if day.year is not None:
                    key = (figure.doc, day.month, day.day)
                    self._years.setdefault(key, set()).add(day.year)
        self.weights = TermWeights(f.context for dates in self._by_day.values() for _, f in dates)

    def same_year(self, year: int) -> list[Figure]:
        """The sources' (not quarantined) mentions of ``year`` as a bare year."""
        return self._by_year.get(year, [])

    @property
    def year_weights(self) -> TermWeights:
        """The rarity of terms over the statements of bare years (computed once)."""
        if self._year_weights is None:
            self._year_weights = TermWeights(
                f.context for figures in self._by_year.values() for f in figures
            )
        return self._year_weights

    def same_month(self, month: int) -> list[tuple[int, Figure]]:
        """The sources' months of a year ('i december 2016', and the month of each dated
        full date) that are ``month``, as (year, figure)."""
        return self._months.get(month, [])

    def same_day(self, day: Day) -> list[tuple[Day, Figure]]:
        """The source dates of ``day``'s month and day, in register order."""
        return self._by_day.get((day.month, day.day), [])

    def years(self, day: Day, figure: Figure) -> set[int]:
        """The years a source date stands for: its own, or those its day and month have
        elsewhere in its document; empty when it fits any year."""
        if day.year is not None:
            return {day.year}
        return self._years.get((figure.doc, day.month, day.day), set())

    def on_page(self, figure: Figure) -> list[tuple[Day, Figure]]:
        """The (not quarantined) dates of the figure's page."""
        return self._by_page.get((figure.doc, figure.page), [])

    def terms(self, figure: Figure) -> set[str]:
        """The subject terms of a figure's statement (cached)."""
        found = self._terms.get(figure.id)
        if found is None:
            found = self._terms[figure.id] = context_terms(figure.context)
        return found

    def clues(self, figure: Figure) -> Clues:
        """The clues its statement binds to the figure's date, of the clauses around it
        (cached; an empty bag when the date cannot be placed in its statement)."""
        found = self._clues.get(figure.id)
        if found is None:
            context = figure.context
            at = context.find(" ".join(figure.raw.split()))
            found = Clues() if at < 0 else clues_at(context, find_numbers(context), at)
            self._clues[figure.id] = found
        return found

    def overlap(self, terms: set[str], figure: Figure) -> float:
        """Share (by rarity) of ``terms`` that the figure's statement shares."""
        total = sum(self.weights.idf(t) for t in terms)
        shared = terms & self.terms(figure)
        return sum(self.weights.idf(t) for t in shared) / total if total > 0 else 0.0


@dataclass(frozen=True)
class _Candidate:
    """A source date of the text's day and month, and why it may not back the text."""

    figure: Figure
    cited: bool
    why: str = ""  # empty when it backs the date
    overlap: float = 0.0


def check_dates(
    text: str, mentions: Sequence[NumberMention], index: DateIndex, cited: Cited | None
) -> list[NumberCheck]:
    """One check for each full date of ``text`` (see the module docstring), in text order."""
    plain = _without_periods(text, mentions)
    cache = BlockCache(plain)
    checks = []
    for mention in mentions:
        if mention.kind is NumberKind.YEAR:
            year = _year_check(mention, text, mentions, cache, index)
            checks += [year] if year is not None else []
            continue
        day = full_date(mention)
        if day is None:
            month = _month_check(mention, plain, cache, index)
            checks += [month] if month is not None else []
            continue
        sentence = sentence_around(plain, mention.start, mention.end, cache)
        bound = clues_at(text, mentions, mention.start)
        checks.append(_check_one(mention, day, (sentence, bound), index, cited))
    return checks


def _without_periods(text: str, mentions: Sequence[NumberMention]) -> str:
    """``text`` with its dates and years blanked out (same length): a date's month name is
    when, not what the text is about, so it must not count as a shared subject term."""
    chars = list(text)
    for m in mentions:
        if m.kind in (NumberKind.DATE, NumberKind.YEAR):
            chars[m.start : m.end] = [c if c.isspace() else " " for c in text[m.start : m.end]]
    return "".join(chars)


def _check_one(
    mention: NumberMention,
    day: Day,
    said: tuple[str, Clues],
    index: DateIndex,
    cited: Cited | None,
) -> NumberCheck:
    """The check of one date (``said``: its sentence, and the clues bound to it there): the
    best candidate that backs it, else why none does."""
    terms = context_terms(said[0])
    rich = sum(index.weights.idf(t) for t in terms) >= MIN_RICHNESS
    pages = set(cited or ())
    candidates = [
        _judge(figure, said, terms, rich, index, (figure.doc, figure.page) in pages)
        for source, figure in index.same_day(day)
        if _same_year(day, index.years(source, figure))
    ]
    other_year = [
        (s, f)
        for s, f in index.same_day(day)
        if not f.quarantined and not _same_year(day, index.years(s, f))
    ]
    clean = [c for c in candidates if not c.figure.quarantined]
    backing = [c for c in clean if not c.why]
    if backing:
        best = min(backing, key=lambda c: (not c.cited, -c.overlap, c.figure.start))
        what = f"står som {_raw(best.figure)}"
        if cited is not None and not best.cited:
            what += f"; finns i {_where(best.figure)} men den källan citeras inte"
            return _check(mention, NumberStatus.SUPPORTED, best.figure, False, what)
        return _result(mention, NumberStatus.SUPPORTED, best, what)
    judged = [c for c in clean if c.why]
    if judged:
        best = max(judged, key=lambda c: c.overlap)
        why = f"{OTHER_MEANING} {best.why}: ”{_clip(best.figure.context)}”"
        return _result(mention, NumberStatus.MISATTRIBUTED, best, why)
    if other_year:
        source, figure = other_year[0]
        years = ", ".join(str(y) for y in sorted(index.years(source, figure)))
        why = f"{OTHER_MEANING} {years}, inte {day.year}: ”{_clip(figure.context)}”"
        found = _Candidate(figure, (figure.doc, figure.page) in pages)
        return _result(mention, NumberStatus.MISATTRIBUTED, found, why)
    if candidates:
        return _result(mention, NumberStatus.QUARANTINED, candidates[0], QUARANTINED)
    return _check(mention, NumberStatus.UNSUPPORTED, None, False, NOT_FOUND)


def _month_check(
    mention: NumberMention, plain: str, cache: BlockCache, index: DateIndex
) -> NumberCheck | None:
    """A month of a year in the text ('i december 2017') that no source gives, while a
    statement that clearly says what the text says (at least :data:`CLEAR_OVERLAP` of a
    text that says enough) gives it another year: misattributed. Otherwise no check: a
    month is often given loosely, and its absence proves little."""
    found = _MONTH.match(mention.normalized or "")
    if found is None:
        return None
    year, month = int(found["y"]), int(found["m"])
    same = index.same_month(month)
    if any(y == year for y, _ in same):
        return None
    sentence = sentence_around(plain, mention.start, mention.end, cache)
    terms = context_terms(sentence)
    if sum(index.weights.idf(t) for t in terms) < MIN_RICHNESS:
        return None
    scored = [(index.overlap(terms, figure), y, figure) for y, figure in same]
    clear = [c for c in scored if c[0] >= CLEAR_OVERLAP]
    if not clear:
        return None
    _, other, figure = max(clear, key=lambda c: c[0])
    why = f"{OTHER_MEANING} {other}, inte {year}: ”{_clip(figure.context)}”"
    return _check(mention, NumberStatus.MISATTRIBUTED, figure, False, f"{why} ({_where(figure)})")


def _year_check(
    mention: NumberMention,
    text: str,
    mentions: Sequence[NumberMention],
    cache: BlockCache,
    index: DateIndex,
) -> NumberCheck | None:
    """A bare year whose statement the sources turn round (see the module docstring), else
    no check: a year alone says too little to back or refute anything."""
    if not mention.value:
        return None
    start, end = cache.sentence_span(mention.start, mention.end)
    sentence = text[start:end]
    if any(m.kind in AMOUNT_KINDS for m in mentions if start <= m.start < end):
        return None  # the amounts of the sentence are checked themselves
    said = statement_clues(sentence)
    if not said.poles:
        return None
    terms = {t for t in context_terms(sentence) if not pole_word(t)}  # the subject alone
    weights = index.year_weights
    total = sum(weights.idf(t) for t in terms)
    if total < MIN_RICHNESS:
        return None
    clear = []
    for figure in index.same_year(int(mention.value)):
        shared = sum(weights.idf(t) for t in terms & context_terms(figure.context))
        if shared / total >= CLEAR_OVERLAP:
            clear.append((shared / total, figure))
    turned = []
    for share, figure in clear:
        theirs = statement_clues(figure.context).poles
        if theirs & said.poles:
            return None  # a statement of the year says what the sentence says
        found = [c for c in text_conflicts(sentence, figure.context) if c.kind == "polarity"]
        if found:
            turned.append((share, figure, found[0]))
    if not turned:
        return None
    _, figure, conflict = max(turned, key=lambda t: t[0])
    why = f"{TURNED} {conflict.describe()}: ”{_clip(figure.context)}”"
    return _check(mention, NumberStatus.MISATTRIBUTED, figure, False, f"{why} ({_where(figure)})")


def _months(figure: Figure) -> list[tuple[int, int]]:
    """The months of a year a source figure states, as (year, month): 'december 2016', and
    the month of a full date with its year ('2016-12-05')."""
    if figure.kind is not NumberKind.DATE or not figure.normalized:
        return []
    found = []
    for part in figure.normalized.split("/"):
        if (m := _MONTH.match(part) or _FULL.match(part)) and m["y"]:
            found.append((int(m["y"]), int(m["m"])))
    return found


def _days(figure: Figure) -> list[Day]:
    """The full dates a source figure states: one, or each end of a range ('1-2 november')."""
    if figure.kind is not NumberKind.DATE or not figure.normalized:
        return []
    found = [_FULL.match(part) for part in figure.normalized.split("/")]
    return [Day(int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"])) for m in found if m]


def _same_year(day: Day, years: set[int]) -> bool:
    """True if a source date of ``years`` (empty: any) can be the text's ``day``."""
    return day.year is None or not years or day.year in years


def _judge(
    figure: Figure,
    said: tuple[str, Clues],
    terms: set[str],
    rich: bool,
    index: DateIndex,
    cited: bool,
) -> _Candidate:
    """A source date of the text's day: backing it, unless its statement names another
    organisation or pole (in the whole statement, or in the clause bound to its date: 'av
    kommunstyrelsen den 14 oktober och … till kommunfullmäktige den 26 oktober'), or (for a
    text that says enough) shares none of the text's subject terms, or another date
    statement of its page is clearly what the text describes."""
    sentence, bound = said
    found = [c for c in text_conflicts(sentence, figure.context) if c.kind in _SUBJECT_CONFLICTS]
    if not found:
        found = [c for c in conflicts(bound, index.clues(figure)) if c.kind in _SUBJECT_CONFLICTS]
    own = index.overlap(terms, figure)
    if found:
        return _Candidate(figure, cited, "; ".join(c.describe() for c in found), own)
    if not rich:
        return _Candidate(figure, cited, "", own)
    if own == 0.0:
        return _Candidate(figure, cited, "ett annat sammanhang", own)
    swap = _swap(figure, terms, own, index)
    if swap is not None:
        return _Candidate(figure, cited, f"något annat (texten stämmer med {swap})", own)
    return _Candidate(figure, cited, "", own)


def _swap(figure: Figure, terms: set[str], own: float, index: DateIndex) -> str | None:
    """Another date of the figure's page, in another statement, that the text clearly
    describes (sharing at least :data:`CLEAR_OVERLAP` of its terms, twice as much as the
    figure's own statement): that date as written, else None."""
    mine = _days(figure)
    best: tuple[float, Figure] | None = None
    for day, other in index.on_page(figure):
        if other.context == figure.context or any(_same_day(day, d) for d in mine):
            continue
        share = index.overlap(terms, other)
        if share >= CLEAR_OVERLAP and share >= 2 * own and (best is None or share > best[0]):
            best = (share, other)
    return None if best is None else _raw(best[1])


def _same_day(a: Day, b: Day) -> bool:
    """True if two dates share day and month."""
    return (a.month, a.day) == (b.month, b.day)


def _result(
    mention: NumberMention, status: NumberStatus, found: _Candidate, explanation: str
) -> NumberCheck:
    """The check of a date that a source date is about, with where it stands."""
    figure = found.figure
    return _check(mention, status, figure, found.cited, f"{explanation} ({_where(figure)})")


def _check(
    mention: NumberMention,
    status: NumberStatus,
    figure: Figure | None,
    from_cited: bool,
    explanation: str,
) -> NumberCheck:
    """A :class:`NumberCheck` for a date ``mention``."""
    source = None
    if figure is not None:
        source = FigureRef(
            doc=figure.doc,
            page=figure.page,
            raw=figure.raw,
            figure_id=figure.id,
            context=figure.context,
            ocr=figure.ocr,
        )
    return NumberCheck(
        raw=mention.raw,
        start=mention.start,
        end=mention.end,
        kind=mention.kind,
        value=mention.value,
        unit=mention.unit,
        status=status,
        source=source,
        from_cited=from_cited,
        explanation=explanation,
    )


def _raw(figure: Figure) -> str:
    """A figure as written, on one line."""
    return " ".join(figure.raw.split())


def _where(figure: Figure) -> str:
    """'<doc> s. <page>'."""
    return f"{figure.doc} s. {figure.page}"


def _clip(text: str) -> str:
    """A statement on one line, cut at a word boundary to about :data:`CONTEXT_CHARS`."""
    text = " ".join(text.split())
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text.rfind(" ", 0, CONTEXT_CHARS)
    return text[: cut if cut > CONTEXT_CHARS // 2 else CONTEXT_CHARS].rstrip(" ,;:") + " …"

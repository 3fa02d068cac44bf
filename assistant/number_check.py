"""Every number in an answer, checked against the figures taken from the sources.

:func:`check_numbers` reads the text with the ingest number parser
(:func:`ingest.numbers.find_numbers`) and gives each amount — money, percent, count,
quantity or bare number — one :class:`~lagesbild.types.NumberCheck`:

* ``supported``: a figure has the same value in the same unit (money compared in kronor,
  ``29,5 MSEK`` = ``29,5 mkr``; a deficit in words matches a negative figure:
  'underskott på 47 Mkr' = 'RUN -47Mkr').
* ``derived``: a rounding or a unit change of one figure (``8,4 miljoner`` from
  ``8 388 424 kronor``, ``10 600 tkr`` from ``10,6 mkr``), one end of a range, a figure of a
  cited page written without a unit, or a sum, difference, share or percent change of two
  figures. A rounding to one significant digit ('8 miljoner') counts only when the text
  calls it approximate ('cirka', 'drygt', 'knappt' …) or the figure stands on a page the
  text points at (cited, or where its other numbers were found). The two figures of a pair
  stand for two other numbers of the text ('från 232,3 till 196,8 mkr, alltså 35,5 mkr') or
  share one sentence of a cited page (or, when nothing is cited, of a page the text's other
  numbers point at; then both from one document); a share or percent change may also set a
  stated figure against any figure of those pages. At most :data:`MAX_POOL` figures are
  paired, so a wrong number is not explained away by chance arithmetic over a register.
* ``misattributed``: a figure has the value, but it is about something else — another
  year, organisation or polarity, or another statement of its page ('belopp finns men
  gäller 2015, inte 2016: ”…” (doc s. 15)'); see :mod:`assistant.number_attribution`.
* ``quarantined``: the value stands only in text addressed to an AI assistant
  (:attr:`Figure.quarantined`); such figures never back a number nor take part in sums.
* ``unsupported``: nothing backs it ('saknas i källorna').

Only figures about the same thing back a number; when several have the value, the one
whose sentence shares most of the text's subject terms is picked. A figure read by OCR
backs a number like any other, and the explanation says 'läst med OCR'.

The precision and sign rules are in :mod:`assistant.number_match`. A match on a cited page
(``cited``: the (doc, page) pairs the answer cites) wins over one elsewhere and sets
``from_cited``; a match elsewhere says so in the explanation.

Full dates ('13 juni 2024', '2016-04-01') are checked by :mod:`assistant.date_check` and
returned among the numbers, in text order.

**Not checked, never returned:** years, months, periods and references (§, diarienummer, section and
page numbers, 'punkt 3', 'avsnitt 2.1', list numbers '1.', codes in a bracket of their own
'(6015, 6119)', numbers on a table of contents' line with a dot leader), citation markers (``[1]``,
``[2, 3]``), and bare whole numbers from 0 to :data:`SMALL_BARE_MAX` without a unit
(ordinals, list positions, '3 av 4'), which are too common to flag without false alarms.

:func:`mark_unsupported` puts a flag after each number of a :data:`FLAGGED` status
(:data:`UNSUPPORTED_MARKER`, :data:`MISATTRIBUTED_MARKER`, :data:`QUARANTINED_MARKER`; and,
if asked, :data:`DERIVED_MARKER` after derived ones) where the user reads it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from assistant.attribution import Clues, claim_clues, context_terms
from assistant.date_check import DateIndex, check_dates
from assistant.labels import (
    FLAGGED_STATUSES,
    NUMBER_ELSEWHERE,
    NUMBER_NOT_FOUND,
    NUMBER_OCR_NOTE,
    NUMBER_QUARANTINED,
    NUMBER_STATUS_MARKERS,
)
from assistant.number_attribution import (
    CLEAR_OVERLAP,
    WEAKER,
    Match,
    attributed,
    swaps_checked,
)
from assistant.number_match import (
    BARE,
    SEK,
    Amount,
    Entry,
    FigureIndex,
    PageTexts,
    Pair,
    agree,
    amount_of,
    find_pair,
    minus_cue,
)
from ingest.number_units import LABEL_BEFORE
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

__all__ = [
    "DERIVED_MARKER",
    "FLAGGED",
    "MAX_POOL",
    "MISATTRIBUTED_MARKER",
    "QUARANTINED_MARKER",
    "SMALL_BARE_MAX",
    "UNSUPPORTED_MARKER",
    "check_numbers",
    "check_with_index",
    "mark_unsupported",
]

UNSUPPORTED_MARKER = NUMBER_STATUS_MARKERS[NumberStatus.UNSUPPORTED]
"""Put after a number no source figure backs: '74 Mkr [⚠ ej belagt]'."""
MISATTRIBUTED_MARKER = NUMBER_STATUS_MARKERS[NumberStatus.MISATTRIBUTED]
"""Put after a number whose value stands in the sources about something else."""
QUARANTINED_MARKER = NUMBER_STATUS_MARKERS[NumberStatus.QUARANTINED]
"""Put after a number that stands only in text addressed to an AI assistant."""
DERIVED_MARKER = NUMBER_STATUS_MARKERS[NumberStatus.DERIVED]
"""Optionally put after a number that is a rounding, unit change or calculation."""
FLAGGED: frozenset[NumberStatus] = FLAGGED_STATUSES
"""Statuses the user must see flagged: no source backs the number as the text uses it."""
CONTEXT_CHARS = 140
"""The figure's own context is clipped to about this many characters in explanations."""
SMALL_BARE_MAX = 12
_ROW_LABEL_WORDS = 6
_ROW_NUMBER = re.compile(r"(?<![\w(])-?\d[\d\s\u00a0]*(?:,\d+)?(?![\w)])")
_PAREN_CODE = re.compile(r"\(\s*\d+\s*\)")  # a row's code: 'Hafreborg (6012)'
_PAREN_CODES = re.compile(r"\(\s*\d{4,6}(?:\s*[,;/]\s*\d{4,6})*\s*\)")  # '(6015, 6119)'
_DOT_LEADER = re.compile(r"(?:\.\s?){6,}|…{3,}")  # a table of contents: 'Bedömning ....... 27'
"""Bare whole numbers up to this, without unit, are not treated as amounts."""
MAX_POOL = 300
"""At most this many figures are combined in pairs (sum, difference, share, change)."""

Cited = Collection[tuple[str, int]]
# Words for 'about' right before a number: a rounding to one digit then counts.
_APPROXIMATE = re.compile(
    r"(?i)(?<!\w)(?:ca\.?|c:a|cirka|omkring|ungefär|runt|kring|drygt|knappt|nästan|närmare"
    r"|uppemot|upp mot|strax över|strax under|över|under|mer än|mindre än|en bit över)\s*$"
)
_CITATION = re.compile(r"\[\^?\s*\d{1,3}(?:\s*[-–,;]\s*\d{1,3})*\s*\]")
_PAIR_WORDS = {
    "sum": "summa av {a} och {b}",
    "difference": "skillnad mellan {a} och {b}",
    "share": "andel: {a} av {b}",
    "change": "förändring från {b} till {a}",
}


def check_numbers(
    text: str,
    figures: Sequence[Figure],
    cited: Cited | None = None,
    pages: PageTexts | None = None,
) -> list[NumberCheck]:
    """Check every amount in ``text`` against ``figures``; see the module docstring.

    ``cited`` is the set of (doc, page) the text cites; None when the text cites nothing
    (then no explanation mentions citing). ``pages`` are the pages' texts (the organisations
    a page names say whose figures it holds). Returns one check per amount, in text order.
    """
    return check_with_index(text, FigureIndex(figures, pages), cited)


def check_with_index(
    text: str, index: FigureIndex, cited: Cited | None = None
) -> list[NumberCheck]:
    """:func:`check_numbers` with a prebuilt :class:`FigureIndex` (to check many texts)."""
    cited_set = set(cited) if cited is not None else None
    mentions = find_numbers(text)
    amounts = list(_amounts(text, mentions))
    clues = claim_clues(text, mentions) if amounts else {}
    direct = [
        attributed(
            _direct(amount, index, cited_set or set(), clues.get(mention.start)),
            clues.get(mention.start),
            index,
            by_page=amount.cls != BARE,
        )
        for mention, amount in amounts
    ]
    for i, (mention, _) in enumerate(amounts):
        stated = {m.entry.figure.id for j, ms in enumerate(direct) if j != i for m in ms}
        written = abs(amounts[i][1].written)
        direct[i] = swaps_checked(
            direct[i], clues.get(mention.start), index, stated, MAX_POOL, written
        )
    checks = []
    for i, (mention, amount) in enumerate(amounts):
        others = [
            [m.entry for m in ms if not m.coarse and m.usable]
            for j, ms in enumerate(direct)
            if j != i
        ]
        says_little = not (clue := clues.get(mention.start)) or not clue.terms
        checks.append(_check_one(mention, amount, direct[i], others, index, cited_set, says_little))
    if index.date_index is None:
        index.date_index = DateIndex(index.dates, index.years)
    checks += check_dates(text, mentions, index.date_index, cited_set)
    return sorted(checks, key=lambda c: c.start)


def _check_one(
    mention: NumberMention,
    amount: Amount,
    matches: list[Match],
    others: list[list[Entry]],
    index: FigureIndex,
    cited: set[tuple[str, int]] | None,
    says_little: bool = False,
) -> NumberCheck:
    """The check of one number, the first that applies: a match on a cited page, a pair of
    cited figures, an equal figure anywhere, a pair of figures the text points at, a
    rounding anywhere; else a figure of the value about something else (misattributed) or
    only in quarantined text; else nothing. Only usable matches back a number.
    ``says_little``: the text names nothing about the number beyond its period, body or
    polarity ('2010 - 88229 km', 'Vansbro kommun har 2010, 40 fordon')."""
    pages = cited or set()
    near = pages | {(e.figure.doc, e.figure.page) for group in others for e in group}
    found = [m for m in matches if not m.coarse or _page(m.entry) in near]
    # the text speaks of a statement of its value that says otherwise (another year, body,
    # polarity): a sum or difference of other figures is no way round it. So does a text
    # that says little, of an equal figure of its own kind and unit ('40 fordon' 2009's,
    # where 37 + 3 would make 2010's 40)
    spoken = any(
        m.how == "equal"
        and m.conflicts
        and WEAKER not in m.conflicts
        and (m.overlap >= CLEAR_OVERLAP or (says_little and not m.other_class))
        for m in found
    )
    usable = [m for m in found if m.usable]
    check = _backed(mention, amount, usable, [] if spoken else others, index, cited, not spoken)
    if check.status is not NumberStatus.UNSUPPORTED:
        return check
    return _not_backed(mention, found, cited) or check


def _backed(
    mention: NumberMention,
    amount: Amount,
    matches: list[Match],
    others: list[list[Entry]],
    index: FigureIndex,
    cited: set[tuple[str, int]] | None,
    pairs: bool = True,
) -> NumberCheck:
    """The check from usable matches and (with ``pairs``) pairs (see :func:`_check_one`)."""
    pages = cited or set()
    near = pages | {(e.figure.doc, e.figure.page) for group in others for e in group}
    best_cited = min((m for m in matches if m.cited), key=Match.key, default=None)
    if best_cited is not None:
        return _from_match(mention, best_cited, cited)
    if pages and pairs:
        on_cited = [[e for e in group if _page(e) in pages] for group in others]
        pair = find_pair(amount, on_cited, index.on_pages(pages, MAX_POOL), cross_doc=True)
        if pair is not None:
            return _from_pair(mention, pair, from_cited=True)
    equal = [m for m in matches if m.how == "equal"]
    if equal:
        return _from_match(mention, min(equal, key=Match.key), cited)
    if (
        pairs
        and near
        and (pair := find_pair(amount, others, index.on_pages(near, MAX_POOL), cross_doc=False))
    ):
        return _from_pair(mention, pair, from_cited=False)
    if matches:
        return _from_match(mention, min(matches, key=Match.key), cited)
    return _check(mention, NumberStatus.UNSUPPORTED, None, False, NUMBER_NOT_FOUND)


def _not_backed(
    mention: NumberMention, matches: list[Match], cited: set[tuple[str, int]] | None
) -> NumberCheck | None:
    """For a number nothing usable backs: the figure of its value that is about something
    else (misattributed), or that stands only in quarantined text; None if neither."""
    quarantined = [m for m in matches if m.entry.figure.quarantined]
    other = [m for m in matches if m.conflicts and not m.entry.figure.quarantined]
    if quarantined and (not other or any(not m.conflicts for m in quarantined)):
        best = min(quarantined, key=lambda m: (len(m.conflicts), m.key()))
        figure = best.entry.figure
        explanation = f"{NUMBER_QUARANTINED} ({_where(figure)})"
        return _check(mention, NumberStatus.QUARANTINED, figure, best.cited, explanation)
    if not other:
        return None
    other = [m for m in other if WEAKER not in m.conflicts] or other
    best = min(other, key=lambda m: (len(m.conflicts), -m.overlap, m.key()))
    figure = best.entry.figure
    why = "; ".join(c.describe() for c in best.conflicts)
    context = _clip(" ".join(figure.context.split()), CONTEXT_CHARS)
    explanation = f"{NUMBER_ELSEWHERE} {why}: ”{context}” ({_where(figure)}{_ocr(figure)})"
    return _check(mention, NumberStatus.MISATTRIBUTED, figure, best.cited, explanation)


def mark_unsupported(
    text: str, checks: Iterable[NumberCheck], *, mark_derived: bool = False
) -> str:
    """``text`` with a flag after each number the sources do not back as the text uses it:
    :data:`UNSUPPORTED_MARKER`, :data:`MISATTRIBUTED_MARKER` or :data:`QUARANTINED_MARKER`.

    With ``mark_derived``, derived numbers get :data:`DERIVED_MARKER`. Checks whose span no
    longer holds their ``raw`` text are ignored; a marker already in place is not repeated.
    """
    markers = {
        NumberStatus.UNSUPPORTED: UNSUPPORTED_MARKER,
        NumberStatus.MISATTRIBUTED: MISATTRIBUTED_MARKER,
        NumberStatus.QUARANTINED: QUARANTINED_MARKER,
    }
    if mark_derived:
        markers[NumberStatus.DERIVED] = DERIVED_MARKER
    for check in sorted(checks, key=lambda c: c.end, reverse=True):
        marker = markers.get(check.status)
        if marker is None or text[check.start : check.end] != check.raw:
            continue
        if text[check.end :].startswith(f" {marker}"):
            continue
        text = f"{text[: check.end]} {marker}{text[check.end :]}"
    return text


# --------------------------------------------------------------------------- reading the text


def _amounts(
    text: str, mentions: Iterable[NumberMention]
) -> Iterable[tuple[NumberMention, Amount]]:
    """The mentions of ``text`` that are amounts to check, with their comparable form."""
    markers = [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    for mention in mentions:
        if mention.kind not in AMOUNT_KINDS or _small_bare(mention):
            continue
        if mention.kind is NumberKind.NUMBER and (
            _labelled(text, mention.start) or _code_or_contents(text, mention)
        ):
            continue
        if any(lo <= mention.start and mention.end <= hi for lo, hi in markers):
            continue
        cue = minus_cue(text, mention.start, mention.end)
        amount = amount_of(mention, cue, _approximate(text, mention.start))
        if amount is not None:
            yield mention, amount


def _approximate(text: str, start: int) -> bool:
    """True if a word for 'about' stands right before ``text[start:]`` ('cirka 8 miljoner')."""
    return _APPROXIMATE.search(text, max(0, start - 25), start) is not None


def _labelled(text: str, start: int) -> bool:
    """True for a bare number right after a label word: 'avsnitt 2.1', 'bilaga 4', 's. 12'."""
    return LABEL_BEFORE.search(text, max(0, start - 40), start) is not None


def _code_or_contents(text: str, mention: NumberMention) -> bool:
    """True for a bare number that is an identifier or a table of contents' entry: codes in
    a bracket that holds nothing else ('bibliotek (6015, 6119)'), or a number on a line
    with a dot leader ('27 6.3 Uppföljning av … ..........')."""
    for bracket in _PAREN_CODES.finditer(text, max(0, mention.start - 40), mention.end + 40):
        if bracket.start() < mention.start and mention.end < bracket.end():
            return True
    line_end = text.find("\n", mention.end)
    line = text[text.rfind("\n", 0, mention.start) + 1 : line_end if line_end >= 0 else None]
    return _DOT_LEADER.search(line) is not None


def _small_bare(mention: NumberMention) -> bool:
    """A bare whole number from 0 to SMALL_BARE_MAX: a list position, ordinal or small count."""
    if mention.kind is not NumberKind.NUMBER or mention.unit or mention.value is None:
        return False
    whole = "," not in mention.raw and "." not in mention.raw
    values = [mention.value] + ([mention.value_high] if mention.value_high is not None else [])
    return whole and all(0 <= v <= SMALL_BARE_MAX for v in values)


# --------------------------------------------------------------------------- matching


def _direct(
    amount: Amount,
    index: FigureIndex,
    cited: set[tuple[str, int]],
    clues: Clues | None = None,
) -> list[Match]:
    """Every figure that backs ``amount`` by itself (equal, rounded, unit change, range end).

    A bare number is compared as written with figures of every kind, and only for equal
    values; a count also with bare figures; money, percent and quantities also with bare
    figures of the cited pages (a table whose unit stands in its heading), and with bare
    table cells whose row the text names around the number (``clues``), wherever they stand.
    """
    if amount.cls == BARE:
        searches: list[tuple[str | None, bool]] = [(None, False)]  # (class, cited pages only)
    else:
        searches = [(amount.cls, False), (BARE, amount.cls != "count")]
    matches = []
    for cls, cited_only in searches:
        as_written = cls is None or cited_only
        size, step = (
            (amount.written, amount.written_step) if as_written else (amount.low, amount.step)
        )
        for entry in index.near(cls, abs(size), step / 2):
            in_cited = _page(entry) in cited
            how = agree(amount, entry.amount, as_written=as_written)
            if how is None or (cited_only and not in_cited and not _names_row(entry, clues)):
                continue
            if amount.cls == BARE and how == "rounded":
                continue
            matches.append(_match(amount, entry, "bare" if cited_only else how, in_cited))
    return matches


def _names_row(entry: Entry, clues: Clues | None) -> bool:
    """True when the text names the table row of a bare cell around its number ('Dalarnas
    … 4,4 procent' for the row 'Dalarna'): a unit-less table cell may back it off the
    cited pages too."""
    label = entry.figure.row_label or _line_label(entry.figure.context)
    if not label or clues is None:
        return False
    named = context_terms(label)
    return bool(named) and all(_stated(term, clues.terms) for term in named)


def _stated(term: str, terms: set[str]) -> bool:
    """True if ``term`` is one of ``terms``, or one stems the other's prefix (the stemmer
    gives 'ombyggn' for 'Ombyggnad' and 'ombyggnad' for 'ombyggnaden')."""
    return term in terms or any(
        min(len(term), len(t)) >= 5 and (t.startswith(term) or term.startswith(t)) for t in terms
    )


def _line_label(line: str) -> str:
    """The words that open a table row read as a line of text ('Ombyggnad Hafreborg (6012)
    3,124 3,059 0,065 0,539 0,474'): at most :data:`_ROW_LABEL_WORDS` words before the
    first of at least three numbers; '' for anything else."""
    numbers = _ROW_NUMBER.findall(line)
    if len(numbers) < 3:
        return ""
    label = line[: line.find(numbers[0])]
    label = _PAREN_CODE.sub(" ", label).strip()
    return label if 0 < len(label.split()) <= _ROW_LABEL_WORDS else ""


def _match(amount: Amount, entry: Entry, how: str, cited: bool) -> Match:
    """A match with its status: supported only for an equal value in the same unit."""
    fig = entry.amount
    same_unit = (
        amount.unit == fig.unit or not amount.unit or (amount.cls == "count" and not fig.unit)
    )
    supported = how == "equal" and same_unit
    as_written = how == "bare" or amount.cls == BARE
    size = abs(amount.written if as_written else amount.low)
    diff = abs(size - abs(fig.written if as_written else fig.low))
    status = NumberStatus.SUPPORTED if supported else NumberStatus.DERIVED
    coarse = how == "rounded" and amount.significant < 2 and not amount.approximate
    return Match(entry, status, how, cited, diff, coarse, other_class=fig.cls != amount.cls)


def _page(entry: Entry) -> tuple[str, int]:
    """(doc, page) of an entry's figure."""
    return entry.figure.doc, entry.figure.page


# --------------------------------------------------------------------------- results


def _from_match(
    mention: NumberMention, match: Match, cited: set[tuple[str, int]] | None
) -> NumberCheck:
    """The check for a number backed by one figure, with a Swedish explanation."""
    figure = match.entry.figure
    what = _what(match, _raw(figure))
    if (mention.value or 0.0) * (figure.value or 0.0) < 0:
        what += ", tecknet anges i ord"
    if cited is not None and not match.cited:
        explanation = f"{what}; finns i {_where(figure)} men den källan citeras inte"
    else:
        explanation = f"{what} ({_where(figure)})"
    if figure.ocr:
        explanation += f", {NUMBER_OCR_NOTE}"
    return _check(mention, match.status, figure, match.cited, explanation)


def _what(match: Match, raw: str) -> str:
    """How a single figure backs a number, in Swedish."""
    if match.how == "equal" and match.status is NumberStatus.SUPPORTED:
        return f"står som {raw}"
    if match.how == "equal":  # same value, other unit: tkr ↔ mkr, or another count noun
        return f"omräknat från {raw}" if match.entry.amount.cls == SEK else f"samma tal som {raw}"
    return {
        "rounded": f"avrundat från {raw}",
        "endpoint": f"ena gränsen i intervallet {raw}",
        "bare": f"samma tal utan enhet: {raw}",
    }[match.how]


def _from_pair(mention: NumberMention, pair: Pair, from_cited: bool) -> NumberCheck:
    """The check for a number computed from two figures."""
    a, b = pair.first.figure, pair.second.figure
    what = _PAIR_WORDS[pair.operation].format(a=_raw(a), b=_raw(b))
    if a.doc == b.doc:
        where = f"{a.doc} s. {a.page}" + ("" if a.page == b.page else f" och s. {b.page}")
    else:
        where = f"{_where(a)} och {_where(b)}"
    return _check(mention, NumberStatus.DERIVED, a, from_cited, f"{what} ({where})")


def _check(
    mention: NumberMention,
    status: NumberStatus,
    figure: Figure | None,
    from_cited: bool,
    explanation: str,
) -> NumberCheck:
    """A :class:`NumberCheck` for ``mention``."""
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


def _ocr(figure: Figure) -> str:
    """', läst med OCR' for a figure read by OCR, else ''."""
    return f", {NUMBER_OCR_NOTE}" if figure.ocr else ""


def _clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with '…' if cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"

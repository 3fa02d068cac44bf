"""Which of the figures of a number's value back it: attribution rules over matches.

:mod:`assistant.number_check` finds the figures whose value agrees with a number of a text
(:class:`Match`); the rules here decide which of them are *about the same thing*, using the
clues of :mod:`assistant.attribution`:

* :func:`attributed`: explicit conflicts (year, month, organisation, polarity) with the
  clues around the number, and the share of the text's subject terms each figure's
  sentence shares (to pick the best-attributed figure); a usable figure is overshadowed
  when a conflicting one clearly is what the text speaks of, and a figure naming no year
  when its document dates that very value otherwise (:func:`_dated_twins`);
* :func:`swaps_checked`: a swap — the text describes another statement of the figure's
  page, another number's clause of the figure's own sentence (judged by the text's words
  that sentence holds: 'beslutat att aktivera 31,4 Mkr av den 108 mkr' is what was decided,
  whatever else the text says; also when that number is bound to a name the text does not
  give: 'HSN -271Mkr' is not 'en minusbudget'; and when the text gives a total the
  restriction of its share after *varav*: '94 mnkr, varav 73 mnkr inom den
  skattefinansierade verksamheten'; or another row of the figure's table that the text
  names while it names nothing of the figure's row), or a statement elsewhere in the sources
  with another value that shares at least two of the text's terms and clearly more of them
  ('det första lånet … 100 mkr' where 100 mkr are investments and the loan's 40 mkr stand on
  another page);
* a coincidence: when a figure has the text's value but is about something else, a figure
  that only rounds to it, or has it in another kind (a bare number for an amount with a
  unit, or the other way round), and shares none of the text's subject terms does not back
  it either; in a text that says much, neither does an equal figure sharing none of its
  words (see :func:`_coincidences`).

A text that says little about its number (subject terms weighing less than
:data:`MIN_RICHNESS`) is never judged by overlap, only by explicit conflicts (and by the
coincidence rule, where sharing nothing says nothing: a bare '40' elsewhere does not back
'40 fordon 2015' when the page's 40 fordon are 2009's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.attribution import (
    Clues,
    Conflict,
    Org,
    conflicts,
    context_terms,
    org_names,
    overlap,
)
from assistant.number_match import BARE, Entry, FigureIndex
from lagesbild.types import Figure, NumberStatus

__all__ = ["CLEAR_OVERLAP", "MIN_RICHNESS", "WEAKER", "Match", "attributed", "swaps_checked"]

CLEAR_OVERLAP = 0.5
"""A conflicting figure sharing this share of the text's subject terms is what it is about."""
MIN_RICHNESS = 3.0
"""Subject terms around a number weighing less than this (about one rare term) say too
little to set one figure of the value against another."""
SENTENCE_RICHNESS = 3.0
"""The text's terms that a figure's sentence holds must weigh this much to tell its
clauses apart."""
RESTRICTION_RICHNESS = 3.0
"""The words of a share after *varav* that a text gives the total must weigh this much."""
YEAR_TIE = 0.001  # breaks a tie between statements towards the text's year
_SUBSET = re.compile(r"(?i)(?<!\w)(?:varav|därav)(?!\w)")
WEAKER = Conflict("subject", "", "")  # marks a figure overshadowed by a conflicting one
_HOW_RANK = {"equal": 0, "rounded": 1, "endpoint": 2, "bare": 3}


@dataclass(frozen=True)
class Match:
    """A figure that may back a number of a text: how, and how well it is attributed."""

    entry: Entry
    status: NumberStatus
    how: str  # 'equal', 'rounded', 'endpoint' or 'bare'
    cited: bool
    diff: Decimal  # distance between the sizes
    coarse: bool = False  # rounded to one significant digit, not called approximate
    conflicts: tuple[Conflict, ...] = ()  # what the figure is about disagrees with the text
    overlap: float = 0.0  # share of the text's subject terms the figure's context shares
    other_class: bool = False  # the figure's kind differs from the text's ('40 fordon': '40')

    @property
    def usable(self) -> bool:
        """True if the figure may back the number: about the same thing, not quarantined."""
        return not self.conflicts and not self.entry.figure.quarantined

    def key(self) -> tuple[bool, bool, int, Decimal, float, bool, int]:
        """Sort key: cited first, then supported, exact, close, best attributed, of the
        text's kind ('40 fordon' before a bare '40'), early."""
        supported = self.status is NumberStatus.SUPPORTED
        return (
            not self.cited,
            not supported,
            _HOW_RANK[self.how],
            self.diff,
            -self.overlap,
            self.other_class,
            self.entry.order,
        )


def attributed(
    matches: list[Match], clues: Clues | None, index: FigureIndex, by_page: bool = True
) -> list[Match]:
    """The matches with their attribution: conflicts with the text's clues around the
    number (``by_page``: also with the organisations of the figure's page, see
    :func:`_page_org`; not for a bare number of the text, which says too little of what it
    counts), and (when several figures could back it) the overlap of subject terms."""
    if clues is None or not matches:
        return matches
    judged = [
        replace(
            m,
            conflicts=tuple(
                conflicts(clues, index.clues(m.entry))
                or (_page_org(clues, m, index) if by_page else [])
            ),
        )
        for m in matches
    ]
    if not clues.terms:
        return _dated_twins(judged, clues, index)
    weights = index.weights()
    richness = sum(weights.idf(t) for t in clues.terms)
    judged = [replace(m, overlap=overlap(clues, index.terms(m.entry), weights)) for m in judged]
    judged = _dated_twins(judged, clues, index)
    return _overshadow(judged, richness) if len(judged) > 1 else judged


def _dated_twins(matches: list[Match], clues: Clues, index: FigureIndex) -> list[Match]:
    """A figure that names no year does not back a text that dates its number when the
    same document states that very value, of the same kind, for other years only: the dated
    statement says when the value holds ('2010 - 7369 MWh' is not backed by 'Vansbrohem
    använde 7369 MWh för uppvärmning' when the plan's list says '2009 - 7369 MWh'; 'Budget
    2026: 2,400 mnkr' not by the row's 'Total projektbudget: 2,400 mnkr' beside its 'Budget
    2025: 2,400 mnkr'), unless the undated statement shares more of the text's words and
    the dated one speaks of something else ('Intäkter från uthyrning 2023: 5 mkr' beside
    'Kostnaden för tillsynen … var 5 mkr'). The undated figure is overshadowed by the dated
    one, which the check then names."""
    if not clues.years:
        return matches
    dated = [m for m in matches if index.clues(m.entry).years]
    if any(m.usable for m in dated):
        return matches
    judged = []
    for m in matches:
        if m.usable and not any(m is d for d in dated):
            twin = next(
                (
                    t
                    for t in dated
                    if t.entry.figure.doc == m.entry.figure.doc
                    and _same_value(t.entry, m.entry)
                    and _comparable(t.entry, m.entry)
                    and any(c.kind == "year" for c in t.conflicts)
                    and (t.overlap >= m.overlap or not _speaks_else(t, clues, index))
                ),
                None,
            )
            if twin is not None:
                m = replace(m, conflicts=(WEAKER,))
        judged.append(m)
    return judged


def _speaks_else(match: Match, clues: Clues, index: FigureIndex) -> bool:
    """True if the figure's own clause names things the text does not, weighing at least
    :data:`MIN_RICHNESS` ('Intäkter från uthyrning'): it says what it is about."""
    weights = index.weights()
    elsewhere = index.clues(match.entry).terms - clues.terms
    return sum(weights.idf(t) for t in elsewhere) >= MIN_RICHNESS


def _page_org(clues: Clues, match: Match, index: FigureIndex) -> list[Conflict]:
    """An organisation the text names where the figure's sentence names none of its kind,
    while the figure's page names others of that kind and never the text's: the page says
    whose figure it is ('RS åtgärder … 2,7 MSEK' where the slide's sentences name RUN)."""
    figure = match.entry.figure
    own = index.clues(match.entry).orgs
    for family in ("body", "place"):
        mine = [o for o in clues.orgs if o.family == family]
        if not mine or any(o.family == family for o in own):
            continue
        page = [o for o in index.page_orgs(figure.doc, figure.page) if o.family == family]
        if page and not any(a.matches(b) for a in mine for b in page):
            return [Conflict("organisation", org_names(mine), f"{_most_named(page)} på sidan")]
    return []


def _most_named(orgs: list[Org], most: int = 3) -> str:
    """The organisations a page names most often (at least half as often as the first, at
    most ``most``), by how often; 'm.fl.' when others are left out ('RUN m.fl.' for a slide
    naming RUN six times and FSG, AU and FM once or twice)."""
    counts = Counter(" ".join(o.name.split()) for o in orgs)
    ranked = [name for name, _ in counts.most_common()]  # ties keep the page's order
    top = counts[ranked[0]]
    kept = [name for name in ranked if 2 * counts[name] >= top][:most]
    return ", ".join(kept) + (" m.fl." if len(kept) < len(ranked) else "")


def swaps_checked(
    matches: list[Match],
    clues: Clues | None,
    index: FigureIndex,
    stated: set[str],
    max_pool: int,
    written: Decimal | None = None,
) -> list[Match]:
    """The usable matches checked for a swap on their page (see :func:`_swapped`), then for
    coincidences (:func:`_coincidences`); ``stated`` are the figures the text's other
    numbers stand for, ``written`` the number as the text writes it (a bare figure of that
    value is no other statement: 'Minskad kostnad 400' for '400 tkr')."""
    if clues is None:
        return matches
    if not clues.terms or sum(index.weights().idf(t) for t in clues.terms) < MIN_RICHNESS:
        return _coincidences(matches)  # too little said to judge by overlap
    checked = [
        _swapped(m, clues, index, stated, max_pool, written) if m.usable else m for m in matches
    ]
    return _coincidences(checked, rich=True)


def _coincidences(matches: list[Match], rich: bool = False) -> list[Match]:
    """When a figure has the text's value but is about something else, a figure that only
    rounds to it (or has it in another kind: a bare number) and shares none of the text's
    subject terms is a coincidence, not what the text speaks of ('Kulturskolan fick 23
    miljoner kronor' where 23 miljoner are the fristående huvudmännens and 22,7 mkr another
    document's patientavgifter). In a text that says much (``rich``) so is a figure of the
    very value that shares none of its words ('Koldioxidutsläppen ökade … med 10%' where
    the page's 10% are a goal to lower them, and another document raised a budget by 10 %);
    never the figure a swap found the text to describe."""
    if not any(m.conflicts and m.conflicts != (WEAKER,) for m in matches):
        return matches
    described = {c.figure for m in matches for c in m.conflicts if c.figure}
    return [
        replace(m, conflicts=(WEAKER,))
        if m.usable
        and (rich or m.how != "equal" or m.other_class)
        and not m.overlap
        and m.entry.figure.id not in described
        else m
        for m in matches
    ]


def _swapped(
    match: Match,
    clues: Clues,
    index: FigureIndex,
    stated: set[str],
    max_pool: int,
    written: Decimal | None = None,
) -> Match:
    """A figure whose statement the text does not describe, while another statement of the
    same page with another value is what it describes (it shares at least
    :data:`CLEAR_OVERLAP` of the text's subject terms, twice as much): a swap on the page.
    A statement whose figure another number of the text stands for does not count (the
    text states both: 'största delen, 2,8 miljarder av 3,8 miljarder')."""
    weights = index.weights()
    own = match.entry.figure
    # What the figure's own clause speaks of beyond the text: it must say something else.
    own_clues = index.clues(match.entry)
    # its own clause saying what the text says ('ökade … 24%') is not swapped with
    # another document's statement
    agrees = bool(clues.poles & own_clues.poles)
    elsewhere = own_clues.terms - clues.terms
    speaks = sum(weights.idf(t) for t in elsewhere) >= MIN_RICHNESS or (
        bool(own_clues.orgs) and not clues.orgs  # it names whose figure it is; the text not
    )
    best: tuple[float, Entry] | None = None
    for entry in _statements(match, clues, index, max_pool):
        if _same_value(entry, match.entry) or entry.figure.id in stated:
            continue
        if entry.amount.cls == BARE and abs(entry.amount.written) == written:
            continue  # the text's own number, its unit elsewhere
        if _rule_swap(entry, match, clues, own_clues, index):
            # a rule's swap outranks an overlap's; of several, the clause of the text's words
            rank: float | None = 1.0 + overlap(clues, index.clues(entry).terms, weights)
        else:
            rank = _overlap_rank(entry, match, clues, index, agrees=agrees, speaks=speaks)
        if rank is not None and (best is None or rank > best[0]):
            best = (rank, entry)
    if best is None:
        return match
    other = best[1].figure
    where = "" if (other.doc, other.page) == (own.doc, own.page) else f"{other.doc} s. {other.page}"
    swap = Conflict("subject", " ".join(other.raw.split()), where, figure=other.id)
    return replace(match, conflicts=(swap,))


def _overlap_rank(
    entry: Entry, match: Match, clues: Clues, index: FigureIndex, *, agrees: bool, speaks: bool
) -> float | None:
    """How clearly the text describes ``entry``'s statement rather than the figure's, by the
    share of the text's terms each holds: the rank of a swap, or None when it is none."""
    if not _comparable(entry, match.entry):
        return None  # a statement in percent or MWh is not what a text's kronor or m2 describe
    weights = index.weights()
    own = match.entry.figure
    own_clues = index.clues(match.entry)
    if entry.figure.context != own.context:  # another statement: whole sentences
        if (
            match.overlap >= CLEAR_OVERLAP
            or conflicts(clues, index.clues(entry))  # the text contradicts it
            or (agrees and entry.figure.doc != own.doc)
        ):
            return None
        if (entry.figure.doc, entry.figure.page) != (own.doc, own.page) and not _much(
            clues.terms & index.terms(entry), index
        ):
            return None  # elsewhere, a statement must share much with the text
        share, mine = overlap(clues, index.terms(entry), weights), match.overlap
    elif speaks and not conflicts(clues, index.clues(entry)):
        # another number of the same sentence: the clauses bound to each, judged by the
        # text's terms the sentence holds (the rest tell neither apart); a clause the
        # text contradicts (another year) is not what it describes
        said = Clues(terms=clues.terms & index.terms(match.entry))
        if sum(weights.idf(t) for t in said.terms) < SENTENCE_RICHNESS:
            return None
        share = overlap(said, index.clues(entry).terms, weights)
        mine = overlap(said, own_clues.terms, weights)
    else:
        return None
    if share < CLEAR_OVERLAP or share < 2 * mine:
        return None
    # of equal statements, the one of the text's year ('2014 – 151 kWh/m2')
    return share + (YEAR_TIE if clues.years & index.clues(entry).years else 0.0)


def _rule_swap(
    entry: Entry, match: Match, clues: Clues, own_clues: Clues, index: FigureIndex
) -> bool:
    """True when one of the rules that tell two statements apart makes ``entry``'s the one
    the text describes (see each rule)."""
    return (
        _restricts(entry, match.entry, clues, index)
        or _dated_elsewhere(entry, match, clues, own_clues, index)
        or _told_apart(entry, match, clues, index)
        or _qualified_apart(entry, match, clues, index)
        or _other_row(entry, match, clues, index)
    )


def _other_row(entry: Entry, match: Match, clues: Clues, index: FigureIndex) -> bool:
    """True when the figure is a table cell whose row the text does not name at all, and
    another row of the same table page is named by the text (the text holds the row's
    whole label, or at least two of its words weighing :data:`MIN_RICHNESS`): 'Den nya
    inredningen till biblioteket kostade 0,474 mnkr' where 0,474 stands in the row
    'Ombyggnad Hafreborg' and 'Ny inredning, biblioteket' is another row of the page;
    'Nettokostnadsutvecklingen i Västerbotten var 0,8 procent' where 0,8 is Dalarna's."""
    own, other = match.entry.figure, entry.figure
    if not own.row_label or not other.row_label or other.row_label == own.row_label:
        return False
    if (other.doc, other.page) != (own.doc, own.page) or not _comparable(entry, match.entry):
        return False
    if clues.terms & context_terms(own.row_label) or conflicts(clues, index.clues(entry)):
        return False
    label = context_terms(other.row_label)
    shared = clues.terms & label
    # the whole of another row's label, though one word ('Västerbotten' for the row
    # 'Västerbotten' while the cell stands in 'Dalarna'), or much of it
    return (bool(shared) and shared == label) or _much(shared, index)


def _dated_elsewhere(
    entry: Entry, match: Match, clues: Clues, own_clues: Clues, index: FigureIndex
) -> bool:
    """True when the text dates its number, the figure's clause names no year, and another
    statement of its page (or clause of its sentence), of the same kind of amount, names
    the text's years and shares much with the text: the text gives that statement's year
    to this figure ('För 2017 uppgår anslaget till 8,3 mkr' where 'För 2017 har anslaget …
    9 mkr' and 8,3 mkr stands in a sentence without a year; 'Om prognosen för 2017
    realiseras blir underskottet 771 mkr' where '… uppgår till -771 mkr och kommer om 2017
    års prognos realiseras uppgå till 966 mkr')."""
    own = match.entry.figure
    if not clues.years or own_clues.years or own.row_label or own.column_label:
        return False  # a table cell's year stands in its column, not its sentence
    if (entry.figure.doc, entry.figure.page) != (own.doc, own.page):
        return False
    if not _comparable(entry, match.entry) or not clues.years <= index.clues(entry).years:
        return False
    if entry.figure.context == own.context and not _dated_after(own, clues.years):
        return False  # a year before both numbers dates both ('under 2009 körts … och …')
    return _much(clues.terms & index.terms(entry), index)


def _dated_after(own: Figure, years: set[int]) -> bool:
    """True when each of ``years`` stands in the figure's sentence only after the figure."""
    context = own.context
    at = context.find(" ".join(own.raw.split()))
    if at < 0:
        return False
    return all(context.find(str(y)) > at for y in years)  # the first one after it


def _told_apart(entry: Entry, match: Match, clues: Clues, index: FigureIndex) -> bool:
    """True when another statement of the figure's page says most of what the text says,
    and the words that tell the two statements apart speak for it: the text's rare words
    that only it holds weigh at least :data:`MIN_RICHNESS` and twice the text's words that
    only the figure's statement holds ('Av de biträdande rektorerna … 71 procent' where 71
    is rektorernas and 45 the biträdande rektorernas)."""
    own = match.entry.figure
    if entry.figure.context == own.context or (entry.figure.doc, entry.figure.page) != (
        own.doc,
        own.page,
    ):
        return False
    if not _comparable(entry, match.entry) or conflicts(clues, index.clues(entry)):
        return False
    dated = clues.years & index.clues(match.entry).years
    if dated and not dated <= index.clues(entry).years:
        return False  # the figure's clause has the text's year, the other statement not
    weights = index.weights()
    theirs, mine = index.terms(entry), index.terms(match.entry)
    for_them = sum(weights.idf(t) for t in clues.terms & (theirs - mine))
    for_me = sum(weights.idf(t) for t in clues.terms & (mine - theirs))
    return (
        for_them >= MIN_RICHNESS
        and for_them >= 2 * for_me
        and overlap(clues, theirs, weights) >= CLEAR_OVERLAP
    )


def _qualified_apart(entry: Entry, match: Match, clues: Clues, index: FigureIndex) -> bool:
    """True when a word that qualifies a term tells the text's statement from the figure's,
    and another statement of the page with another value has the text's form of that term
    and holds more of the text's words, weighing :data:`MIN_RICHNESS`, than the term:

    * the text qualifies a term the figure's sentence has without that word anywhere, and
      the other statement has the text's pair ('Av de biträdande rektorerna uppger 71
      procent …' where 71 is 'rektorerna' and 45 the 'biträdande rektorerna');
    * the figure's clause qualifies a term the text has without that word anywhere, and
      the other statement has the term without it too ('Rektorerna … systematiskt
      kvalitetsarbete, 30 procent' where 30 is the 'biträdande rektorerna', and
      'För rektorerna … systematiskt kvalitetsarbete (20 procent)').

    Two numbers of one sentence are told apart by the clause bound to each ('rektorerna (60
    procents svarsfrekvens) och … de biträdande rektorerna (66 procents …)')."""
    own = match.entry.figure
    if (entry.figure.doc, entry.figure.page) != (own.doc, own.page):
        return False
    if not _comparable(entry, match.entry) or conflicts(clues, index.clues(entry)):
        return False
    own_clues, their_clues = index.clues(match.entry), index.clues(entry)
    if their_clues.terms == own_clues.terms:
        return False  # one clause: nothing tells the two numbers apart
    if entry.figure.context == own.context:  # one sentence: each number's clause
        mine, theirs = own_clues.terms, their_clues.terms
    else:
        mine, theirs = index.terms(match.entry), index.terms(entry)
    weights = index.weights()

    def holds_more(word: str, term: str) -> bool:
        rest = (clues.terms & their_clues.terms) - {word, term}
        return sum(weights.idf(t) for t in rest) >= MIN_RICHNESS

    # the text's pair, the figure's sentence without the word
    if any(
        term in mine and word not in mine and (word, term) in their_clues.pairs
        for word, term in clues.pairs
        if holds_more(word, term)
    ):
        return True
    # the figure's pair, the text and the other statement without the word
    return any(
        term in clues.terms and term in theirs and word not in clues.terms | theirs
        for word, term in own_clues.pairs
        if holds_more(word, term)
    )


def _restricts(part: Entry, whole: Entry, clues: Clues, index: FigureIndex) -> bool:
    """True when ``part`` is the share after *varav*/*därav* in the sentence of ``whole``
    ('94 mnkr, varav 73 mnkr inom den skattefinansierade verksamheten') and the text gives
    ``whole`` a restriction only the part has: the total is not 'inom den
    skattefinansierade'."""
    context = whole.figure.context
    if part.figure.context != context:
        return False
    split = _SUBSET.search(context)
    if split is None:
        return False
    whole_at = context.find(" ".join(whole.figure.raw.split()))
    part_at = context.find(" ".join(part.figure.raw.split()), split.end())
    if not 0 <= whole_at < split.start() or part_at < 0:
        return False
    only_part = index.clues(part).terms - index.clues(whole).terms
    weights = index.weights()
    return sum(weights.idf(t) for t in clues.terms & only_part) >= RESTRICTION_RICHNESS


def _statements(match: Match, clues: Clues, index: FigureIndex, max_pool: int) -> list[Entry]:
    """The figures a text might describe instead of ``match``'s: those of its page, and those
    of other pages of its document whose statement holds one of the text's terms."""
    own = match.entry.figure
    on_page = index.on_pages([(own.doc, own.page)], max_pool)
    seen = {e.figure.id for e in on_page}
    elsewhere = index.sharing(clues.terms, max_pool)
    return on_page + [e for e in elsewhere if e.figure.id not in seen]


def _much(shared: set[str], index: FigureIndex) -> bool:
    """True if terms a text shares with a statement away from its figure's page are enough
    to say it describes that statement: at least two, weighing :data:`MIN_RICHNESS`."""
    weights = index.weights()
    return len(shared) >= 2 and sum(weights.idf(t) for t in shared) >= MIN_RICHNESS


def _same_value(a: Entry, b: Entry) -> bool:
    """True if two figures have one value: in one class, or as written when one is bare
    ('Minskad kostnad 400' with its unit on the next line is '400 tkr')."""
    if BARE in (a.amount.cls, b.amount.cls):
        return abs(a.amount.written) == abs(b.amount.written)
    return a.amount.magnitude == b.amount.magnitude


def _comparable(a: Entry, b: Entry) -> bool:
    """True if two figures measure in one class (a bare number goes with any); a rate
    ('224 kWh/m2') is not its numerator's quantity ('13508 MWh')."""
    if _is_rate(a) != _is_rate(b):
        return False
    return BARE in (a.amount.cls, b.amount.cls) or a.amount.cls == b.amount.cls


def _is_rate(entry: Entry) -> bool:
    return "/" in (entry.figure.unit or "")


def _overshadow(matches: list[Match], richness: float) -> list[Match]:
    """Conflict evidence beats weak overlap: when the text clearly speaks of the statement
    of a conflicting figure (it shares at least :data:`CLEAR_OVERLAP` of the text's subject
    terms), a usable figure sharing less than half as much does not back the number. Only
    for a text that says enough about its number (``richness``: the rarity of its subject
    terms, at least :data:`MIN_RICHNESS`)."""
    clear = max((m.overlap for m in matches if m.conflicts), default=0.0)
    if clear < CLEAR_OVERLAP or richness < MIN_RICHNESS:
        return matches
    return [
        replace(m, conflicts=(WEAKER,)) if m.usable and m.overlap < clear / 2 else m
        for m in matches
    ]

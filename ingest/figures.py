"""Figures: every number on every page of a document, with the sentence it stands in.

``extract_figures`` runs the number parser (:func:`ingest.numbers.find_numbers`) over each
page's text and speaker notes and keeps each mention as a :class:`Figure` with a stable id,
its page and its context. ``sentence_around`` finds that context: the sentence (or, in a
table or list, the line) around a span, never crossing a blank line, whitespace collapsed,
at most about :data:`CONTEXT_CHARS` characters centred on the number. Figures in the rows
of a table get their row and column label (:mod:`ingest.table_figures`).
"""

from __future__ import annotations

import bisect
import re

from ingest.numbers import find_numbers
from ingest.table_figures import label_table_figures
from lagesbild.ids import FIGURE, record_id
from lagesbild.swedish import INLINE_SPACE
from lagesbild.types import AMOUNT_KINDS, Figure, Page

CONTEXT_CHARS = 300

# Abbreviations whose full stop does not end a sentence (lower case, without the last dot).
# fmt: off
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "t.ex", "t ex", "bl.a", "bl a", "ca", "c:a", "kl", "nr", "s.k", "d.v.s", "dvs", "m.m",
        "m.fl", "mfl", "o.s.v", "osv", "fr.o.m", "t.o.m", "resp", "jfr", "ev", "inkl", "exkl",
        "enl", "kap", "ang", "avd", "tel", "p.g.a", "pga", "e.d", "f.d", "dnr", "ff", "obs",
        "fig", "tab", "prop", "dir", "sid", "s", "st", "tf", "vs", "ref", "bet", "forts",
        "uppl", "red", "jan", "feb", "febr", "apr", "aug", "sep", "sept", "okt", "nov", "dec",
        "mån", "tis", "ons", "tors", "fre", "lör", "sön", "proc", "milj", "org", "mom",
    }
)
# fmt: on

# A line break followed by a blank line (overlapping: consecutive blank lines each count).
_GAP = re.compile(rf"\n{INLINE_SPACE}*(?=\n)")
# A possible sentence end: terminal punctuation (and closing quotes/brackets) before space.
_STOP = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
# What may start a new sentence after a full stop: capital, digit, quote, bracket, bullet.
_NEW_SENTENCE = re.compile(r"\s+[A-ZÅÄÖÉ0-9\"”“'(\[•▪◦●■–-]")
# A line break before a bullet, or after a colon that ends a line, starts a new unit.
_LINE_BREAK_UNIT = re.compile(r"\n(?=[ \t]*[•▪◦●■*–-][ \t]*\D)|(?<=:)[ \t]*\n")
_WORD_BEFORE = re.compile(r"(\S+)$")


def extract_figures(doc: str, doc_id: str, pages: list[Page]) -> list[Figure]:
    """Every number on every page (text, then speaker notes) as a :class:`Figure`.

    Ids are ``f"{doc_id}:f{n}"`` with ``n`` counting from 1 over the whole document, in page
    order. Offsets (``start``/``end``) point into ``page.text``, or into ``page.notes`` for
    figures found in the notes.
    """
    figures: list[Figure] = []
    for page in pages:
        for text in (page.text, page.notes):
            if not text:
                continue
            cache = BlockCache(text)  # blocks and sentence cuts, shared by the text's numbers
            first = len(figures)
            lead_ins = LeadIns(text)
            for mention in find_numbers(text):
                figures.append(
                    Figure(
                        **mention.model_dump(),
                        id=record_id(doc_id, FIGURE, len(figures) + 1),
                        doc=doc,
                        page=page.number,
                        context=sentence_around(text, mention.start, mention.end, cache),
                        lead_in=lead_ins.before(mention.start),
                    )
                )
                if mention.kind in AMOUNT_KINDS:
                    lead_ins.amount_at(mention.end)
            if text is page.text:
                label_table_figures(page, figures[first:])  # rows of tables: row/column labels
    return figures


LEAD_IN_CHARS = 300
_SENTENCE_STOP = re.compile(r"[.!?][\"”’')\]]*[ \t]+(?=[A-ZÅÄÖ])")


class LeadIns:
    """The lead-in of each line of one text: what stands between the previous line holding
    an amount and this line (whitespace collapsed, the last :data:`LEAD_IN_CHARS`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.after = 0  # where the text after the last amount of an earlier line begins
        self.pending = 0  # the end of the last amount seen (on the current line, maybe)
        self.by_line: dict[int, str] = {}

    def before(self, start: int) -> str:
        """The lead-in of the line (or the sentence of a line) holding offset ``start``."""
        line = self.text.rfind("\n", 0, start) + 1
        stops = list(_SENTENCE_STOP.finditer(self.text, line, start))
        line = stops[-1].end() if stops else line
        if self.pending <= line:
            self.after = max(self.after, self.pending)
        if line not in self.by_line:
            between = " ".join(self.text[self.after : max(self.after, line)].split())
            if len(between) > LEAD_IN_CHARS:
                cut = between.find(" ", len(between) - LEAD_IN_CHARS)
                between = between[cut + 1 :] if cut >= 0 else between[-LEAD_IN_CHARS:]
            self.by_line[line] = between
        return self.by_line[line]

    def amount_at(self, end: int) -> None:
        """An amount ends at ``end``: later lines' lead-ins begin after it."""
        self.pending = end


class BlockCache:
    """The blank-line blocks of one text and their sentence cuts, computed once.

    Without it every number rescans its block, which is quadratic in a long paragraph full
    of numbers (a table flattened into one line).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        gaps = list(_GAP.finditer(text))
        self.gap_starts = [m.start() for m in gaps]  # where a block ends
        self.block_starts = [m.end() + 1 for m in gaps]  # where the next one begins
        self.cuts: dict[tuple[int, int], list[int]] = {}

    def block(self, start: int, end: int) -> tuple[int, int]:
        """The blank-line-separated block holding ``[start, end)``."""
        before = bisect.bisect_right(self.block_starts, start)
        after = bisect.bisect_left(self.gap_starts, end)
        lo = self.block_starts[before - 1] if before else 0
        hi = self.gap_starts[after] if after < len(self.gap_starts) else len(self.text)
        return lo, hi

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the whole sentence (or table line, list item) holding ``[start, end)``."""
        block = self.block(start, end)
        cuts = self.sentence_cuts(block)
        before = bisect.bisect_right(cuts, start)
        after = bisect.bisect_left(cuts, end)
        left = cuts[before - 1] if before else block[0]
        right = cuts[after] if after < len(cuts) else block[1]
        return left, right

    def sentence_cuts(self, block: tuple[int, int]) -> list[int]:
        """Sorted offsets in the block where a sentence or list item begins."""
        if block not in self.cuts:
            self.cuts[block] = _sentence_cuts(self.text, *block)
        return self.cuts[block]


def sentence_around(text: str, start: int, end: int, cache: BlockCache | None = None) -> str:
    """The sentence (or table line) of ``text`` around ``text[start:end]``, as one line.

    The context never crosses a blank line, does not split on abbreviations ('t.ex.',
    'bl.a.', 'ca.', 'kl.', 'nr.') or decimal points, and is cut to about
    :data:`CONTEXT_CHARS` characters centred on the span, on line and word boundaries.
    Pass one ``cache`` for all numbers of the same text.
    """
    cache = cache if cache is not None and cache.text is text else BlockCache(text)
    left, right = cache.sentence_span(start, end)
    if right - left > CONTEXT_CHARS:
        left, right = _window(text, left, right, start, end)
    return " ".join(text[left:right].split())


def _sentence_cuts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``text[lo:hi]`` where a new sentence or list item begins."""
    cuts = [m.end() for m in _LINE_BREAK_UNIT.finditer(text, lo, hi)]
    for stop in _STOP.finditer(text, lo, hi):
        if _ends_sentence(text, stop.start(), stop.end(), hi):
            cuts.append(stop.end())
    return sorted(cuts)


def _ends_sentence(text: str, stop_start: int, stop_end: int, hi: int) -> bool:
    """True if the punctuation at ``stop_start`` ends a sentence."""
    if text[stop_start] != "." or text[stop_start:stop_end].startswith(".."):
        return _NEW_SENTENCE.match(text, stop_end, hi) is not None or stop_end >= hi
    word = _WORD_BEFORE.search(text, max(0, stop_start - 20), stop_start)
    token = word.group(1).lstrip("([\"'”“").casefold() if word else ""
    if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    return _NEW_SENTENCE.match(text, stop_end, hi) is not None


def _window(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """At most about CONTEXT_CHARS of ``text[left:right]`` around ``[start, end)``.

    Whole lines are preferred — the line of the number, then its neighbours, alternately
    above and below (a table row and the rows around it); a single long line is cut at word
    boundaries with the number in the middle.
    """
    lo = max(left, text.rfind("\n", left, start) + 1)
    found = text.find("\n", end, right)
    hi = right if found == -1 else found
    grown = True
    while grown:
        grown = False
        up = max(left, text.rfind("\n", left, lo - 1) + 1) if lo > left else lo
        if up < lo and hi - up <= CONTEXT_CHARS:
            lo, grown = up, True
        if hi < right:
            found = text.find("\n", hi + 1, right)
            down = right if found == -1 else found
            if down - lo <= CONTEXT_CHARS:
                hi, grown = down, True
    if hi - lo <= CONTEXT_CHARS:
        return lo, hi
    half = max(0, (CONTEXT_CHARS - (end - start)) // 2)
    lo, hi = max(lo, start - half), min(hi, end + half)
    while 0 < lo < start and not text[lo - 1].isspace():
        lo += 1
    while end < hi < len(text) and not text[hi].isspace():
        hi -= 1
    return lo, hi

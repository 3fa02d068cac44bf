"""Recall without labels: wrong claims made from the sources' own sentences.

Each sentence of a source that holds an amount is turned into claims that are wrong by
construction, the way the trust issue lists them:

* ``swap_same_page``: one amount replaced by another amount of the same kind and unit
  (kronor, percent, 'MWh', 'fordon'; a rate only by a rate) from the same page;
* ``swap_year``: the year the sentence names moved one year on;
* ``flip_polarity``: a polarity word turned ('ökade' → 'minskade', 'överskott' →
  'underskott', 'högre' → 'lägre', 'tillstyrker' → 'avstyrker' …);
* ``swap_org``: the organisation the sentence names ('RUN', 'kultur- och fritidsnämnden',
  'Region Västerbotten') replaced by another of its family named on the same page, or, for
  a place, the place another document names most.

The number check should flag each (``unsupported`` or ``misattributed``); the share it
flags is the recall per kind. A made claim can be true by chance (the swapped amount also
stands for the same thing elsewhere), so this is a dev signal over every document, not a
gold set; :mod:`evals.verbatim` gives the false alarms on the unchanged sentences::

    python -m evals.swaps --corpus examples/corpus --corpus ../shared/corpus/real

Measured at stop 32 on the sample and the real corpus: 424 made claims, flagged 0.797
(``swap_same_page`` 0.795 of 234, ``swap_year`` 0.781 of 160, ``flip_polarity`` 0.900 of
30); with the check as it was at the stop's start (5dd6e20) 0.757 (0.744, 0.750, 0.900).
At stop 33 ``swap_org`` (28 claims) was flagged 0.714 with the check of bdefb23 and 0.893
once an organisation opening a sentence or standing in brackets was read as whose number
it is; its misses are a sentence whose two numbers are equal ('600 tkr … 600 tkr från
VVN') and abbreviations that are no bodies ('(MÅL/LOA)'). Then an undated figure no longer
backed a year its document gives the same value otherwise: ``swap_year`` 0.781 → 0.881,
``swap_same_page`` 0.795 → 0.816, all 0.803 → 0.850 (452 claims). With accounting and
floor-area abbreviations (IB, UB, BRA, BOA, LOA …) no longer read as bodies, ``swap_org``
has 22 claims (0.909) and ``swap_same_page`` 0.833: all 0.859 (446). A sum no longer
rescues a text that says little and retells an equal figure of its kind for another year:
``swap_year`` 0.894, ``swap_same_page`` 0.838, all 0.865.
Among the misses: a year swapped in a table row read as a line ('Budget 2026: 2,400
mnkr'), values swapped within one sentence listing several ('IB 2014 var 42 mkr, IB 2015
44 mkr …'), and amounts that also stand for the same thing on another page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from assistant.attribution import Org, org_mentions
from assistant.number_check import check_with_index
from assistant.number_match import FigureIndex
from evals.claims import read_corpus
from evals.verbatim import FLAGS, corpus_folders, source_sentences
from ingest.numbers import find_numbers
from lagesbild.types import AMOUNT_KINDS, Figure, NumberKind

POLES = (
    ("ökade", "minskade"), ("ökat", "minskat"), ("ökning", "minskning"), ("ökar", "minskar"),
    ("överskott", "underskott"), ("högre", "lägre"), ("förbättrats", "försämrats"),
    ("förbättrades", "försämrades"), ("tillstyrker", "avstyrker"), ("höjdes", "sänktes"),
)  # fmt: skip
_FULL_YEAR = re.compile(r"(?:19|20)\d\d")
_FLIPS = {a: b for a, b in POLES} | {b: a for a, b in POLES}
_POLE = re.compile(r"(?i)(?<!\w)(" + "|".join(sorted(_FLIPS, key=len, reverse=True)) + r")(?!\w)")


@dataclass(frozen=True)
class MadeClaim:
    """A claim made wrong from a source sentence, and what it is about."""

    kind: str
    text: str
    doc: str
    page: int
    changed: str  # 'a → b'


def made_claims(figures: Sequence[Figure], index: FigureIndex) -> Iterator[MadeClaim]:
    """Every wrong claim :data:`__doc__` describes, one per changed thing and sentence."""
    by_page: dict[tuple[str, int], list[tuple[tuple[str, str, str], str, Decimal]]]
    by_page = defaultdict(list)
    for entry in index.entries:
        f = entry.figure
        if f.kind in AMOUNT_KINDS and f.kind is not NumberKind.NUMBER and not f.quarantined:
            raw = " ".join(f.raw.split())
            kind = (entry.amount.cls, entry.amount.unit, f.unit)  # 'kWh/m2' is no 'MWh'
            by_page[(f.doc, f.page)].append((kind, raw, entry.amount.low))
    sentences = list(source_sentences(figures))
    page_orgs, doc_place = _named_orgs(sentences)
    for figure, sentence in sentences:
        mentions = find_numbers(sentence)
        amounts = [
            m for m in mentions if m.kind in AMOUNT_KINDS and m.kind is not NumberKind.NUMBER
        ]
        if not amounts:
            continue
        page = (figure.doc, figure.page)
        for m in amounts:
            own = [(c, v) for c, raw, v in by_page[page] if raw == " ".join(m.raw.split())]
            if not own:
                continue
            cls, value = own[0]
            other = next(
                (
                    raw
                    for c, raw, v in by_page[page]
                    if c == cls and abs(v) != abs(value) and raw not in sentence
                ),
                None,
            )
            if other is not None:
                text = sentence[: m.start] + other + sentence[m.end :]
                yield MadeClaim("swap_same_page", text, *page, f"{m.raw} → {other}")
        years = [m for m in mentions if m.kind is NumberKind.YEAR and _FULL_YEAR.fullmatch(m.raw)]
        if years and str(int(years[0].value or 0) + 1) not in sentence:
            y = years[0]
            text = sentence[: y.start] + str(int(y.value or 0) + 1) + sentence[y.end :]
            yield MadeClaim("swap_year", text, *page, f"{y.raw} → {int(y.value or 0) + 1}")
        pole = _POLE.search(sentence)
        if pole:
            word = pole.group(1)
            flipped = _FLIPS[word.casefold()]
            flipped = flipped.capitalize() if word[0].isupper() else flipped
            text = sentence[: pole.start(1)] + flipped + sentence[pole.end(1) :]
            yield MadeClaim("flip_polarity", text, *page, f"{word} → {flipped}")
        others = page_orgs[page] + [o for d, o in doc_place.items() if d != figure.doc]
        swapped = _org_swap(sentence, others)
        if swapped is not None:
            yield MadeClaim("swap_org", swapped[0], *page, swapped[1])


def _org_swap(sentence: str, others: Sequence[Org]) -> tuple[str, str] | None:
    """The sentence with its first organisation replaced by another of ``others`` (the
    page's, then other documents' places) of its family that it does not name; else with
    two of its own exchanged; with what changed. None when it names no two to tell apart."""
    named = org_mentions(sentence)
    for org, start, end in named:
        for other in others:
            kin = other.family == org.family and not other.matches(org)
            if kin and other.name not in sentence:
                text = sentence[:start] + other.name + sentence[end:]
                return text, f"{org.name} → {other.name}"
    for i, (a, a_start, a_end) in enumerate(named):
        for b, b_start, b_end in named[i + 1 :]:
            if a.family == b.family and not a.matches(b) and a_end <= b_start:
                text = (
                    sentence[:a_start] + sentence[b_start:b_end] + sentence[a_end:b_start]
                    + sentence[a_start:a_end] + sentence[b_end:]
                )  # fmt: skip
                return text, f"{a.name} ↔ {b.name}"
    return None


def _named_orgs(
    sentences: Sequence[tuple[Figure, str]],
) -> tuple[dict[tuple[str, int], list[Org]], dict[str, Org]]:
    """The organisations each page names, and the place each document names most."""
    page_orgs: dict[tuple[str, int], list[Org]] = defaultdict(list)
    places: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[tuple[str, str], Org] = {}
    for figure, sentence in sentences:
        for org, _, _ in org_mentions(sentence):
            named = page_orgs[(figure.doc, figure.page)]
            if not any(o.name == org.name for o in named):
                named.append(org)
            if org.family == "place":
                places[figure.doc][org.stem] += 1
                written.setdefault((figure.doc, org.stem), org)
    doc_place = {doc: written[(doc, counts.most_common(1)[0][0])] for doc, counts in places.items()}
    return page_orgs, doc_place


@dataclass
class SwapReport:
    """How many wrong claims of each kind were made, and the share the check flags."""

    made: dict[str, int]
    recall: dict[str, float]
    recall_all: float
    missed: list[str]


def score(
    figures: Sequence[Figure], pages: Mapping[tuple[str, int], str] | None = None
) -> SwapReport:
    """Recall per kind: the share of made claims with at least one flagged amount."""
    index = FigureIndex(figures, pages)
    made: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    missed: list[str] = []
    for claim in made_claims(figures, index):
        made[claim.kind] += 1
        if any(c.status in FLAGS for c in check_with_index(claim.text, index)):
            caught[claim.kind] += 1
        else:
            where = f"{claim.doc} s. {claim.page} ({claim.changed})"
            missed.append(f"{claim.kind} {where}: {claim.text[:160]}")
    total = sum(made.values())
    return SwapReport(
        made=dict(made),
        recall={k: caught[k] / n for k, n in made.items()},
        recall_all=sum(caught.values()) / total if total else 0.0,
        missed=missed,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", required=True)
    parser.add_argument("--json", action="store_true", help="skriv rapporten som JSON")
    parser.add_argument("--missed", action="store_true", help="lista de missade påståendena")
    args = parser.parse_args(argv)
    result = score(*read_corpus(*corpus_folders(parser, args.corpus)))
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False))
        return 0
    for kind, n in sorted(result.made.items()):
        print(f"{kind:16} {n:4d} påståenden, flaggade {result.recall[kind]:.3f}")
    print(f"{'alla':16} flaggade {result.recall_all:.3f}")
    if args.missed:
        print("\n".join(result.missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())

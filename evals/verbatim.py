"""False alarms without labels: every source sentence, checked as a text against its corpus.

A sentence of a source that holds an amount is right about itself, so the number check must
back every amount in it. Each amount the check flags (``unsupported`` or ``misattributed``)
when handed a source's own sentence is a false alarm, on any corpus, without a hand-written
claim — also on documents no dev set was written from. The sentences are the figures'
contexts (one per distinct sentence), as ingest reads them::

    python -m evals.verbatim --corpus examples/corpus --corpus ../shared/corpus/real

Measured at stop 32 on the sample and the real corpus (``../shared/corpus/real``): 1 270
sentences; before this stop's rules 771 amounts and 9 flagged (1.2 %): section and page
numbers of table-of-contents lines ("27 6.3 Uppföljning … ......"), project codes in
brackets ("bibliotek (6015, 6119)") and a source's "… 13508 MWh, fördelat på 61294 m2 BRA";
after them 693 amounts (codes and contents lines are no amounts) and 1 flagged: an amount the
source splits over two lines ("22 373\\n235. Kr"), which ingest reads as two numbers.

``--window K`` checks each amount with only the K words on either side of it instead of its
whole sentence: short correct claims that say less of their number (a window may also cut
into the clause of another number, so a flag here is a lead, not always a fault). Measured
at stop 33 (K=3 and K=5): 497 amounts, 4 and 5 flagged, the same with the check of bdefb23;
one flag that a rule of the stop had added ('HSN -271Mkr+ RS- 57Mkr') was mended.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.number_check import check_with_index
from assistant.number_match import FigureIndex
from evals.claims import read_corpus
from ingest.numbers import find_numbers
from lagesbild.types import AMOUNT_KINDS, Figure, NumberKind, NumberStatus

FLAGS = (NumberStatus.UNSUPPORTED, NumberStatus.MISATTRIBUTED)
MIN_CHARS = 25  # shorter contexts are table cells and labels, not sentences


@dataclass
class VerbatimReport:
    """How many amounts of the sources' own sentences the check flags."""

    sentences: int = 0
    amounts: int = 0
    flagged: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    @property
    def false_alarm_rate(self) -> float:
        """Flagged amounts per checked amount (0.0 when none were checked)."""
        return sum(self.flagged.values()) / self.amounts if self.amounts else 0.0


def source_sentences(figures: Sequence[Figure]) -> Iterator[tuple[Figure, str]]:
    """Each distinct sentence (a figure's context, whitespace folded, at least
    :data:`MIN_CHARS` long) with the first figure that stands in it."""
    seen: set[str] = set()
    for figure in figures:
        sentence = " ".join(figure.context.split())
        if len(sentence) >= MIN_CHARS and sentence not in seen:
            seen.add(sentence)
            yield figure, sentence


def verbatim_alarms(
    figures: Sequence[Figure], pages: Mapping[tuple[str, int], str] | None = None
) -> VerbatimReport:
    """Check each distinct figure context against all ``figures`` (and the ``pages``' texts)."""
    index = FigureIndex(figures, pages)
    report = VerbatimReport()
    counts: Counter[str] = Counter()
    for figure, sentence in source_sentences(figures):
        report.sentences += 1
        checks = [c for c in check_with_index(sentence, index) if c.kind.value != "date"]
        report.amounts += len(checks)
        for check in checks:
            if check.status in FLAGS:
                counts[check.status.value] += 1
                report.examples.append(
                    f"{figure.doc} s. {figure.page}: {check.raw!r} {check.status.value} i "
                    f"”{sentence[:160]}” — {check.explanation[:200]}"
                )
    report.flagged = dict(counts)
    return report


def window_alarms(
    figures: Sequence[Figure], k: int, pages: Mapping[tuple[str, int], str] | None = None
) -> VerbatimReport:
    """Check each amount of each distinct figure context with only the ``k`` words on either
    side of it (its own check: the one at its place in the window)."""
    index = FigureIndex(figures, pages)
    report = VerbatimReport()
    counts: Counter[str] = Counter()
    for figure, sentence in source_sentences(figures):
        report.sentences += 1
        for m in find_numbers(sentence):
            if m.kind not in AMOUNT_KINDS or m.kind is NumberKind.NUMBER:
                continue
            before = " ".join(sentence[: m.start].split()[-k:])
            text = " ".join(
                w for w in (before, sentence[m.start : m.end], *sentence[m.end :].split()[:k]) if w
            )
            at = len(before) + 1 if before else 0
            own = [c for c in check_with_index(text, index) if c.start == at]
            if not own:
                continue
            report.amounts += 1
            if own[0].status in FLAGS:
                counts[own[0].status.value] += 1
                report.examples.append(
                    f"{figure.doc} s. {figure.page}: {own[0].raw!r} {own[0].status.value} i "
                    f"”{text}” — {own[0].explanation[:200]}"
                )
    report.flagged = dict(counts)
    return report


def render(report: VerbatimReport) -> str:
    """The report as text for the terminal."""
    lines = [
        f"{report.sentences} meningar ur källorna, {report.amounts} belopp kontrollerade mot "
        f"samma källor; flaggade: {sum(report.flagged.values())} "
        f"({report.false_alarm_rate:.1%}) {report.flagged or ''}".rstrip(),
        *(f"  {e}" for e in report.examples),
    ]
    return "\n".join(lines)


def corpus_folders(parser: argparse.ArgumentParser, folders: Sequence[Path]) -> list[Path]:
    """The ``--corpus`` folders, or a clear error (exit status 2) naming one that is none."""
    for folder in folders:
        if not folder.is_dir():
            parser.error(f"--corpus {folder}: mappen finns inte. Ange en mapp med dokument.")
    return list(folders)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", required=True)
    parser.add_argument("--json", action="store_true", help="skriv rapporten som JSON")
    parser.add_argument(
        "--window", type=int, metavar="K", help="kontrollera varje belopp med bara K ord runt"
    )
    args = parser.parse_args(argv)
    figures, pages = read_corpus(*corpus_folders(parser, args.corpus))
    if args.window is not None and args.window < 1:
        parser.error("--window: ange minst 1 ord.")
    report = (
        verbatim_alarms(figures, pages)
        if args.window is None
        else window_alarms(figures, args.window, pages)
    )
    if args.json:
        print(json.dumps({**asdict(report), "false_alarm_rate": report.false_alarm_rate}))
    else:
        print(render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

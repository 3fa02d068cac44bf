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
from lagesbild.types import Figure, NumberStatus

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
    args = parser.parse_args(argv)
    figures, pages = read_corpus(*corpus_folders(parser, args.corpus))
    report = verbatim_alarms(figures, pages)
    if args.json:
        print(json.dumps({**asdict(report), "false_alarm_rate": report.false_alarm_rate}))
    else:
        print(render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

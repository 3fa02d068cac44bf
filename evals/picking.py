"""How often the evidence picker takes the sentence that holds the answer, on SweQUAD-MC.

The answer is built from the few sentences ``EvidencePicker`` takes from the sources; a
sentence it leaves out cannot be quoted or read by the model. SweQUAD-MC marks where the
correct answer stands in each context, so every question has a gold sentence: the unit
holding the answer's text. Each context is one passage; the picker scores its units with
term weights over all the set's contexts, as ``assistant.answering`` does over the corpus,
and the gold unit's rank is counted at 1, 2 (``MAX_UNITS_PER_SOURCE``) and 4 (``MAX_UNITS``).

A change to the picker is fitted on the training split and checked on dev::

    python -m evals.picking --set ../shared/evals/swequad-mc/swequad-mc_training.json \\
        --set ../shared/evals/swequad-mc/swequad-mc_dev.json

Measured with it and left out: a sentence gaining 0.6 of what its neighbour adds (training
hit@1/@2 0.801/0.878 → 0.811/0.907); the answers it gave were no better on the dev questions
and worse on held-out ones (the model copied running headers that rode in on their text).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.answering import _PICK_FILLS
from assistant.evidence import EvidencePicker, Passage, TermWeights, split_units
from assistant.lead import asked_slot, fills

RANKS = (1, 2, 4)


@dataclass(frozen=True)
class PickQuestion:
    """A SweQUAD-MC question, its context and the text of its correct answer."""

    question: str
    context: str
    answer: str


def load_swequad_answers(path: Path) -> list[PickQuestion]:
    """Each SweQUAD-MC question with its context and the text of its correct answer."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    found = []
    for item in data:
        correct = [c["text"] for c in item["choices"] if c["type"] == "Correct answer"]
        if correct:
            found.append(PickQuestion(item["question"], item["context"], correct[0]))
    return found


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def gold_rank(question: PickQuestion, picker: EvidencePicker, weights: TermWeights) -> int | None:
    """The rank (1-based) of the best-scored unit holding the answer; None when no unit
    holds it (the answer runs over a unit border) or the picker scores it 0."""
    answer = _plain(question.answer)[:40]
    if not answer:
        return None
    slot = asked_slot(question.question)
    picked = picker.pick(
        question.question,
        [Passage(1, question.context)],
        limit=10_000,
        per_source=10_000,
        weights=weights,
        fills=(lambda text: fills(text, slot, question.question)) if slot in _PICK_FILLS else None,
    )
    ranked = sorted(picked, key=lambda u: (-u.score, u.position))
    return next((i + 1 for i, u in enumerate(ranked) if answer in _plain(u.text)), None)


def score(questions: Sequence[PickQuestion]) -> dict[str, float]:
    """Share of questions whose gold unit is picked within each of RANKS (and ``n``, the
    questions whose answer stands inside one unit)."""
    picker = EvidencePicker()
    weights = TermWeights(picker.tokenizer, list(dict.fromkeys(q.context for q in questions)))
    gold_units = [
        q
        for q in questions
        if any(_plain(q.answer)[:40] in _plain(unit) for unit in split_units(q.context))
    ]
    ranks = [gold_rank(q, picker, weights) for q in gold_units]
    n = len(gold_units)
    result = {"n": float(n)}
    for k in RANKS:
        result[f"hit@{k}"] = sum(1 for r in ranks if r is not None and r <= k) / n if n else 0.0
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", type=Path, required=True)
    args = parser.parse_args(argv)
    for path in args.set:
        row = score(load_swequad_answers(path))
        hits = "  ".join(f"hit@{k} {row[f'hit@{k}']:.3f}" for k in RANKS)
        print(f"{path.name:28} n {int(row['n'])}  {hits}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

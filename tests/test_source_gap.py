"""The gap table that chose ``MAX_SCORE_GAP``: gaps are measured below each question's best hit."""

from __future__ import annotations

import numpy as np

from evals.fusion_fit import Group
from evals.retrieval import EvalQuestion
from evals.source_gap import gaps, render
from vectorstore.fusion import FEATURES, FusionModel


def _model() -> FusionModel:
    weights = np.zeros(len(FEATURES), dtype=np.float32)
    weights[0] = 1.0  # the score is the first feature as given
    zeros, ones = np.zeros(len(FEATURES)), np.ones(len(FEATURES))
    return FusionModel(FEATURES, weights, zeros, ones, {})


def _group(scores: list[float], labels: list[bool]) -> Group:
    features = np.zeros((len(scores), len(FEATURES)))
    features[:, 0] = scores
    question = EvalQuestion(id="q", question="?", evidence=["x"])
    return Group(question, features, np.asarray(labels), np.asarray(scores))


def test_gaps_are_below_the_best_hit_and_split_by_relevance() -> None:
    groups = [_group([1.0, 5.0, 4.0, 0.0, 3.0], [True, False, True, False, False])]
    relevant, other = gaps(groups, _model(), k=4)
    # order by score: 5 (best), 4 (relevant, gap 1), 3 (gap 2), 1 (relevant, gap 4); 0 not in top 4
    assert relevant == [1.0, 4.0] and other == [2.0]
    table = render("x", relevant, other)
    assert "   3.0           0.500       1.000" in table

from __future__ import annotations

import json
from pathlib import Path

from evals.picking import load_swequad_answers, score


def _item(question: str, context: str, answer: str, distractor: str) -> dict:
    start = max(context.find(answer), 0)
    return {
        "question": question,
        "context": context,
        "choices": [
            {"text": answer, "type": "Correct answer", "start": start, "end": start + len(answer)},
            {"text": distractor, "type": "Distractor", "start": 0, "end": len(distractor)},
        ],
    }


def test_the_gold_sentence_is_ranked_among_the_picked_units(tmp_path: Path) -> None:
    context = (
        "Biblioteket har öppet varje dag. Sommarboken lockade 450 barn under 2025. "
        "Museet hade många besökare."
    )
    data = {
        "data": [
            _item("Hur många barn var med i Sommarboken?", context, "450 barn", "varje dag"),
            _item("Vad heter museet?", context, "ett ord som inte står i texten", "x"),
        ]
    }
    path = tmp_path / "set.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    questions = load_swequad_answers(path)
    assert [q.answer for q in questions] == ["450 barn", "ett ord som inte står i texten"]
    result = score(questions)
    assert result["n"] == 1  # the second answer stands in no unit: not scored
    assert result["hit@1"] == 1.0

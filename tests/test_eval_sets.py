"""The eval sets are read with a clear message for a file that is not one (no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.answers import load_qa
from evals.claims import load_claims
from evals.retrieval import load_dev_qa
from lagesbild.errors import ConfigError


def test_a_question_set_is_read_one_object_a_line_blank_lines_skipped(tmp_path: Path) -> None:
    path = tmp_path / "frågor.jsonl"
    path.write_text('{"id": "a1", "q": "När?"}\n\n{"id": "a2", "q": "Vem?", "kind": "who"}\n')
    assert [(i.id, i.q) for i in load_qa(path)] == [("a1", "När?"), ("a2", "Vem?")]
    assert [q.question for q in load_dev_qa(path)] == ["När?", "Vem?"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("# Rubrik\nInte JSON\n", "rad 1: inte en JSON-rad"),
        ('{"id": "a1", "q": "När?"}\n{"id": "a2"}\n', "rad 2: fältet 'q' saknas"),
        ('["id", "q"]\n', "rad 1: fältet 'id', 'q' saknas"),
    ],
)
def test_a_file_that_is_no_question_set_names_the_file_the_line_and_the_fields(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "fel.jsonl"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_qa(path)
    assert str(path) in str(caught.value) and said in str(caught.value)
    assert "'id', 'q'" in str(caught.value)  # what such a file holds


def test_a_claims_set_without_its_fields_says_which(tmp_path: Path) -> None:
    path = tmp_path / "påståenden.jsonl"
    path.write_text('{"id": "c1", "q": "En fråga?"}\n')
    with pytest.raises(ConfigError, match="fältet 'claim', 'supported' saknas"):
        load_claims(path)

"""The answers eval, with a scripted fake model: scoring, rates and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from assistant.answering import Answerer
from assistant.cli import app
from evals import cli as cli_evals
from evals.answers import (
    QaItem,
    has_facts,
    load_qa,
    parts_of,
    render_answers,
    run_answers_eval,
    score,
    summarise,
)
from lagesbild.types import Answer
from prompts import CANNOT_ANSWER_PHRASE
from vectorstore.library import Library

pytestmark = pytest.mark.usefixtures("fake_embeddings")

BUDGET = "Budget 2023\n\nUnderskott mot budgetprognos 2023: RUN -47Mkr och RS -57Mkr."
PLAN = "Kompetens\n\nAntalet AT-tjänster ökade 2015 från 20 till 24."
ITEMS = [
    QaItem(id="a", q="Hur stort var underskottet för RUN 2023?", facts=[["47"]], doc="budget"),
    QaItem(id="b", q="Hur mycket ökade antalet AT-tjänster 2015?", facts=[["20"], ["24"]],
           doc="plan"),
    QaItem(id="c", q="Vad kostar helikopterbasen i Storuman?", kind="abstain"),
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    return folder


@pytest.fixture
def library(corpus: Path) -> Iterator[Library]:
    lib = Library()
    assert not lib.ingest([corpus]).failed
    yield lib
    lib.close()


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("Underskottet var 47\u00a0Mkr.", [["47 mkr"]], True),
        ("från 20 till 24", [["20"], ["24"]], True),
        ("från 20", [["20"], ["24"]], False),
        ("Life Care", [["lifecare", "life care"]], True),
        ("vad som helst", [], True),
    ],
)
def test_has_facts(text: str, facts: list[list[str]], expected: bool) -> None:
    assert has_facts(text, facts) is expected


def test_scores_facts_citations_and_abstention(library: Library) -> None:
    # The model gets the first question right, writes nothing useful for the second (the
    # evidence clause becomes the lead) and is never asked the third.
    chat = FakeListChatModel(responses=["RUN hade -47Mkr [1].", "Det ökade."])
    report = run_answers_eval(ITEMS, Answerer(library, chat, backend="fake"))
    by_id = {r.id: r for r in report.results}
    assert by_id["a"].facts_ok and by_id["a"].facts_lead_ok and by_id["a"].cited_doc_ok
    assert by_id["b"].facts_ok and by_id["b"].facts_lead_ok and by_id["b"].cited_doc_ok
    assert (by_id["a"].lead_kind, by_id["b"].lead_kind) == ("model", "quote")
    assert by_id["b"].quote_has_fact and not by_id["a"].lead_wrong
    assert by_id["c"].abstained and not by_id["c"].facts_ok
    assert (report.facts, report.facts_lead, report.cited_doc) == (1.0, 1.0, 1.0)
    assert report.abstained_unanswerable == 1.0 and report.abstained_answerable == 0.0
    assert report.unsupported_per_answer == 0.0
    assert "fakta i svaret" in render_answers(report)


def test_a_wrong_number_never_reaches_the_first_sentence(library: Library) -> None:
    chat = FakeListChatModel(responses=["RUN hade -74Mkr [1]."])
    report = run_answers_eval(ITEMS[:1], Answerer(library, chat, backend="fake"))
    result = report.results[0]
    assert "-74Mkr" in result.model_text and "-74Mkr" not in result.answer
    assert result.facts_lead_ok and not result.lead_wrong and report.unsupported_per_answer == 0


@pytest.mark.parametrize(
    ("lead", "wrong"),
    [
        ("Underskottet för RUN var 74 Mkr [1].", True),  # a number that is not the answer
        ("Underskottet redovisas av HSN [1].", True),  # a name that is not the answer
        ("Underskottet för RUN var 47 Mkr [1].", False),
        ("Det framgår inte [1].", False),  # says nothing wrong, answers nothing either
    ],
)
def test_first_sentence_wrong_means_a_number_or_name_that_is_not_the_answer(
    lead: str, wrong: bool
) -> None:
    answer = Answer(question=ITEMS[0].q, answer=lead, lead=lead, lead_kind="model")
    assert score(ITEMS[0], answer).lead_wrong is wrong


def test_an_answer_without_parts_is_scored_on_its_text() -> None:
    old = Answer(question=ITEMS[0].q, answer="Det var 47 Mkr [1].\n\nUr underlaget:\n• ”x” [1]")
    assert parts_of(old) == ("Det var 47 Mkr [1].", "model", "\n• ”x” [1]")
    assert score(ITEMS[0], old).facts_lead_ok


def test_abstaining_on_an_answerable_question_is_a_miss() -> None:
    abstained = Answer(question=ITEMS[0].q, answer=CANNOT_ANSWER_PHRASE, abstained=True)
    report = summarise([score(ITEMS[0], abstained)], "fake")
    assert report.facts == 0.0 and report.abstained_answerable == 1.0
    assert "avstod" in render_answers(report)


@pytest.mark.parametrize(
    ("kind", "answerable"),
    [("abstain", False), ("unanswerable", False), ("premise", True), ("numeric", True)],
)
def test_unanswerable_kinds_of_both_sets(tmp_path: Path, kind: str, answerable: bool) -> None:
    line = {"id": "x", "q": "Fråga?", "facts": [], "evidence": "", "page": None, "kind": kind}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_qa(path)[0].answerable is answerable


def test_cli_ingests_a_corpus_into_a_temporary_home(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text("\n".join(item.model_dump_json() for item in ITEMS), encoding="utf-8")
    assert [i.id for i in load_qa(qa)] == ["a", "b", "c"]
    chat = FakeListChatModel(responses=["RUN hade -47Mkr [1].", "Från 20 till 24 [1]."])
    monkeypatch.setattr(cli_evals, "load_chat_model", lambda settings=None: chat)
    result = CliRunner().invoke(
        app, ["eval", "answers", "--set", str(qa), "--corpus", str(corpus), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 3 and report["facts"] == 1.0 and report["cited_doc"] == 1.0
    assert not Library().register.counts()["chunks"]  # the user's own collection untouched

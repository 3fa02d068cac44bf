"""A *vilka …?* question answered by the run of sentences that open with what it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer_text import LIST_NOTE
from assistant.answering import Answerer
from assistant.context import Source
from assistant.list_lead import list_lead
from lagesbild.types import LeadKind
from vectorstore.library import Library

RECOMMENDATIONS = """Följande rekommendationer lämnas:

Kommunstyrelsen rekommenderas att stärka styrningen av koncernens långsiktiga skuldsättning.

Kommunstyrelsen rekommenderas genomföra en översyn av de finansiella riktlinjerna.

Kommunstyrelsen rekommenderas att utveckla kriterier för att pröva bolagens lånetak.

Vi vill betona vikten av att kommunstyrelsen vidtar lämpliga åtgärder."""

ASKED = "Vilka rekommendationer får kommunstyrelsen efter granskningen av finansieringen?"


def _source(text: str, n: int = 1) -> Source:
    return Source(n, "granskning.pdf", 1, text)


def test_the_run_the_question_names_is_the_lead_word_for_word() -> None:
    lead = list_lead(ASKED, [_source("Missiv till kommunstyrelsen."), _source(RECOMMENDATIONS, 2)])
    assert lead is not None and lead.kind is LeadKind.QUOTE
    assert lead.text == (
        "”Kommunstyrelsen rekommenderas att stärka styrningen av koncernens långsiktiga "
        "skuldsättning.”; ”Kommunstyrelsen rekommenderas genomföra en översyn av de finansiella "
        "riktlinjerna.”; ”Kommunstyrelsen rekommenderas att utveckla kriterier för att pröva "
        "bolagens lånetak.” [2]"
    )
    assert [u.source for u in lead.units] == [2, 2, 2]


@pytest.mark.parametrize(
    "question",
    [
        # another body's recommendations
        "Vilka rekommendationer får grundskolenämnden efter granskningen av finansieringen?",
        # names the body but not what the run is ('rekommenderas')
        "Vilka lån har kommunstyrelsen tagit upp?",
        # no 'vilka': one recommendation may be the answer
        "Rekommenderas kommunstyrelsen att stärka styrningen av skuldsättningen?",
    ],
)
def test_a_run_the_question_does_not_name_is_no_lead(question: str) -> None:
    assert list_lead(question, [_source(RECOMMENDATIONS)]) is None


def test_one_sentence_or_short_lines_are_no_run() -> None:
    one = "Kommunstyrelsen rekommenderas att stärka styrningen av skuldsättningen. Övrigt text här."
    assert list_lead(ASKED, [_source(one)]) is None
    cells = "Kommunstyrelsen rekommenderas\n\nKommunstyrelsen rekommenderas"
    assert list_lead(ASKED, [_source(cells)]) is None


def test_a_long_sentence_is_cut_at_a_word_and_marked() -> None:
    long = " ".join(["ordentligt"] * 30)
    second = "Kommunstyrelsen rekommenderas att vänta med nya lån."
    text = f"Kommunstyrelsen rekommenderas att {long}.\n\n{second}"
    lead = list_lead(ASKED, [_source(text)])
    assert lead is not None
    first = lead.text.split("”; ”")[0]
    assert first.endswith("ordentligt …") and len(first) < 170


@pytest.mark.usefixtures("fake_embeddings")
def test_the_answer_lists_the_run_without_the_model(tmp_path: Path) -> None:
    (tmp_path / "granskning.txt").write_text(RECOMMENDATIONS, encoding="utf-8")
    lib = Library()
    try:
        assert not lib.ingest([tmp_path]).failed
        silent = Answerer(lib, FakeListChatModel(responses=[]), backend="fake")
        answer = silent.ask(ASKED)
    finally:
        lib.close()
    assert answer.lead.startswith("”Kommunstyrelsen rekommenderas att stärka")
    assert "lånetak" in answer.lead and answer.note == LIST_NOTE
    assert not answer.model_text and not answer.abstained
    # the listed sentences are not quoted a second time under the lead
    assert all("rekommenderas att stärka" not in q.text for q in answer.quotes)

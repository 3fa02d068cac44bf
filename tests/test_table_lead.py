"""Answers read from a table row: the row the question names, the column of its year."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer_text import TABLE_NOTE
from assistant.answering import Answerer
from assistant.table_lead import column_years
from lagesbild.types import LeadKind
from vectorstore.library import Library

pytestmark = pytest.mark.usefixtures("fake_embeddings")

REPORT = """Museiverksamhet

Statistik Bokslut
2023

Bokslut
2024

Bokslut 2025

Antal besökare

Stadsmuseet 61 225 59 000 55 945

Konsthallen 12 004 13 118 14 920

Museet redovisar en ökning av antalet besök jämfört med föregående år.
"""
TWO_TABLES = """Ekonomi

Drift (tkr) 2024 2025

Intäkter 10 135 11 251

Investeringar (tkr) 2024 2025

Intäkter 2 329 5 403
"""
DRIFT = """Driftredovisning (tkr) Utfall 2025 Budget 2025 Återstår

Gem adm kultur och fritid -2 612 -4 005 1 394

Bibliotek -13 123 -13 152 29
"""
SHORT_YEARS = """Nettokostnadsutveckling nationellt 2015 och 2016

Lst / Reg Utfall -15 Utfall -16 tot 15/16

Uppsala 5,7 3,8 9,5

Dalarna 3,6 0,8 4,4
"""
MODEL_SAYS = "Stadsmuseet hade 59 000 besökare [1]."


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    (tmp_path / "bokslut.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "ekonomi.txt").write_text(TWO_TABLES, encoding="utf-8")
    (tmp_path / "drift.txt").write_text(DRIFT, encoding="utf-8")
    (tmp_path / "utveckling.txt").write_text(SHORT_YEARS, encoding="utf-8")
    lib = Library()
    assert not lib.ingest([tmp_path]).failed
    yield lib
    lib.close()


def ask(library: Library, question: str) -> tuple[str, LeadKind, list[str], list[str]]:
    chat = FakeListChatModel(responses=[MODEL_SAYS])
    answer = Answerer(library, chat, backend="fake").ask(question)
    return answer.lead, answer.lead_kind, [q.text for q in answer.quotes], answer.notes


def test_the_cell_of_the_named_row_and_year_answers_and_the_row_is_quoted(
    library: Library,
) -> None:
    lead, kind, quotes, notes = ask(library, "Hur många besökte Stadsmuseet 2025?")
    assert kind is LeadKind.TABLE
    assert lead == "Stadsmuseet – Bokslut 2025: 55 945 [1]."
    assert quotes[0] == "Stadsmuseet 61 225 59 000 55 945"
    assert TABLE_NOTE in notes


def test_a_year_and_a_column_word_select_the_cells(library: Library) -> None:
    lead, kind, _, _ = ask(library, "Hur många besökare hade Konsthallen 2024?")
    assert kind is LeadKind.TABLE and lead == "Konsthallen – Bokslut 2024: 13 118 [1]."
    # no year, or a column the row has not ('avvikelse'): the row alone does not answer
    assert ask(library, "Hur många besökare hade Konsthallen?")[1] is not LeadKind.TABLE
    question = "Hur mycket avvek Konsthallens besökare från budget 2024?"
    assert ask(library, question)[1] is not LeadKind.TABLE


def test_a_year_no_column_carries_is_no_table_answer(library: Library) -> None:
    _, kind, _, _ = ask(library, "Hur många besökte Stadsmuseet 2019?")
    assert kind is not LeadKind.TABLE


def test_a_question_that_asks_no_amount_nor_year_is_no_table_answer(library: Library) -> None:
    _, kind, _, _ = ask(library, "Vad visar Stadsmuseet?")
    assert kind is not LeadKind.TABLE


def test_two_rows_that_fit_equally_well_give_no_guess(library: Library) -> None:
    _, kind, _, _ = ask(library, "Hur stora var intäkterna 2025?")
    assert kind is not LeadKind.TABLE


def test_an_abbreviated_row_and_the_column_the_question_names_first(library: Library) -> None:
    lead, kind, _, _ = ask(
        library, "Vad återstod av budgeten för gemensam administration inom kultur och fritid 2025?"
    )
    assert kind is LeadKind.TABLE
    assert lead.startswith("Gem adm kultur och fritid – Återstår: 1 394 tkr;")
    assert "Budget 2025: -4 005 tkr" in lead


def test_a_short_year_in_a_column_label_is_the_year_asked(library: Library) -> None:
    lead, kind, _, _ = ask(library, "Vad var Dalarnas nettokostnadsutveckling 2016?")
    assert kind is LeadKind.TABLE
    # the column of 2016 alone comes before the one that spans 2015 and 2016
    assert lead.startswith("Dalarna – Utfall -16: 0,8; tot 15/16: 4,4 [")


def test_the_labels_of_a_table_lead_are_not_checked_as_numbers(library: Library) -> None:
    chat = FakeListChatModel(responses=[MODEL_SAYS])
    answer = Answerer(library, chat, backend="fake").ask(
        "Vad var Dalarnas nettokostnadsutveckling 2016?"
    )
    assert answer.lead_kind is LeadKind.TABLE
    assert [c.raw for c in answer.number_check] == ["0,8", "4,4"]
    assert not answer.flags and "[⚠" not in answer.answer


@pytest.mark.parametrize(
    ("label", "years"),
    [
        ("Utfall -16", {"2016"}),
        ("tot 15/16", {"2015", "2016"}),
        ("Budget ’24", {"2024"}),
        ("Prognos 2024-12", {"2024"}),
        ("Utfall jan-aug", set()),
    ],
)
def test_column_years(label: str, years: set[str]) -> None:
    assert column_years(label) == years

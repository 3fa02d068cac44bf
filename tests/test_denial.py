"""A source that says there is none of what the question takes for granted answers it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answering import Answerer
from assistant.context import Source
from assistant.denial import DENIAL_NOTE, denial_unit
from assistant.evidence import TermWeights
from lagesbild.tokenizer import SwedishTokenizer
from lagesbild.types import LeadKind
from prompts import CANNOT_ANSWER_PHRASE
from vectorstore.library import Library

pytestmark = pytest.mark.usefixtures("fake_embeddings")

REPORT = """Entreprenader & rättstvister

Nämnden betalar ut ersättning för pågående entreprenader enligt avtal.

Entreprenörens namn Verksamhet utlagd på entreprenad

Sankt Olofs IF Sankt Olofsbadet

Rättstvister Troligt belopp
att utbetala

Övrig information

Inga rättstvister
"""
OTHER = """Ekonomi

Nämnden redovisar ett överskott mot budget med 1,07 mnkr för året.

Inga nya tjänster har inrättats under året.

Nämnden räknar med att betala ut bidrag till pågående projekt.
"""
QUESTION = "Vilket belopp räknar nämnden med att betala ut i sina pågående rättstvister?"


def _weights(*texts: str) -> TermWeights:
    return TermWeights(SwedishTokenizer(compounds=False, abbreviations=True), texts)


def test_a_short_denial_of_the_questions_subject_is_found() -> None:
    sources = [Source(1, "ekonomi.pdf", 2, OTHER), Source(2, "bokslut.pdf", 17, REPORT)]
    unit = denial_unit(QUESTION, sources, _weights(REPORT, OTHER))
    assert unit is not None and unit.text == "Inga rättstvister" and unit.source == 2


@pytest.mark.parametrize(
    "question",
    [
        "Hur mycket var överskottet mot budget?",  # nothing denied about it
        "Hur många nya lokaler har nämnden hyrt?",  # 'Inga nya tjänster' denies another thing
    ],
)
def test_a_denial_of_something_else_is_no_answer(question: str) -> None:
    sources = [Source(1, "ekonomi.pdf", 2, OTHER), Source(2, "bokslut.pdf", 17, REPORT)]
    assert denial_unit(question, sources, _weights(REPORT, OTHER)) is None


def test_a_long_sentence_opening_with_inga_is_not_a_denial() -> None:
    long = (
        "Inga rättstvister har avgjorts under året, men två ärenden om "
        + "ersättning för skador på anläggningar och inventarier " * 3
        + "pågår fortfarande."
    )
    sources = [Source(1, "bokslut.pdf", 17, long)]
    assert denial_unit(QUESTION, sources, _weights(long, OTHER)) is None


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    (tmp_path / "bokslut.txt").write_text(REPORT, encoding="utf-8")
    lib = Library()
    assert not lib.ingest([tmp_path]).failed
    yield lib
    lib.close()


def test_the_denial_is_quoted_instead_of_an_abstention(library: Library) -> None:
    chat = FakeListChatModel(responses=[CANNOT_ANSWER_PHRASE])
    answer = Answerer(library, chat, backend="fake").ask(QUESTION)
    assert answer.lead_kind is LeadKind.QUOTE
    assert answer.lead.startswith("”Inga rättstvister”")
    assert DENIAL_NOTE in answer.notes
    assert not answer.abstained

"""Revisor draft: the measures of a plan that an answering passage names answer the point."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.drafts import draft_revisor
from assistant.drafts.matching import Stems
from assistant.drafts.plans import find_plans, plan_links
from lagesbild.types import Chunk, DocumentKind, Measure, MeasureLayout
from vectorstore.library import Library

REPORT = """Revisionsrapport 2024 – ansvarsprövning

Revisorernas bedömning har sin grund i bedömningen att

- Det ekonomiska resultatet uppfyller inte det finansiella uppdraget och underskottet har ökat
- Nämndens arkivering av allmänna handlingar är ofullständig
"""
ANSWER = (
    "Nämndens svar till revisorerna 2024\n\n"
    "Nämnden har beslutat om ytterligare åtgärder för att förbättra det ekonomiska resultatet "
    "och minska underskottet: arbetet med att bli oberoende av bemanningsföretag fortsätter "
    "enligt den åtgärdsplan som finns i bilaga.\n"
    "\fÅtgärdsplan för att uppnå oberoende av bemanningsföretag\n"
    "Version 1: 2024-12-01\n\n"
    "Aktivitet Beskrivning/kommentar Ansvarig Tidpunkt Status\n\n"
    "1 Rekrytering\nRekrytera fler specialistsjuksköterskor\n\nAnnonsering och mässor."
    "\n\nPersonaldirektör\n\nMars 2025\n\nPågår\n\n"
    "2 Scheman\nInföra nya arbetstidsmodeller\n\nPilot på två avdelningar."
    "\n\nHR-chef\n\nJuni 2025\n\nPågår\n"
)


@pytest.fixture
def library(tmp_path: Path, fake_embeddings: object) -> Iterator[Library]:
    folder = tmp_path / "korpus"
    folder.mkdir()
    (folder / "revisionsrapport-2024.txt").write_text(REPORT, encoding="utf-8")
    (folder / "svar-2024.txt").write_text(ANSWER, encoding="utf-8")
    lib = Library()
    assert not lib.ingest([folder]).failed
    yield lib
    lib.close()


def test_the_plan_an_answer_names_answers_the_point(library: Library) -> None:
    """The plan's measures share no word with the point; the answer names the plan."""
    economy, archive = draft_revisor(library, "revisionsrapport").criticisms
    titles = [m.title for m in economy.measures]
    assert titles == ["Rekrytera fler specialistsjuksköterskor", "Införa nya arbetstidsmodeller"]
    reason = economy.measures[0].reason
    assert reason.startswith("Hör till ”Åtgärdsplan för att uppnå oberoende av bemanningsföretag”")
    assert "som belägget på s. 1 nämner" in reason and "bemanningsföretag" in reason
    assert any("oberoende av bemanningsföretag" in e.quote for e in economy.evidence)
    assert archive.measures == []


def chunk(text: str, page: int, measure_ids: list[str] | None = None) -> Chunk:
    return Chunk(
        id=f"d:c{page}:{len(text)}",
        doc="plan.pdf",
        doc_kind=DocumentKind.AUDIT_RESPONSE,
        page=page,
        text=text,
        measure_ids=measure_ids or [],
    )


def test_one_word_of_the_heading_does_not_name_the_plan() -> None:
    measure = Measure(
        id="m1",
        doc="plan.pdf",
        page=5,
        layout=MeasureLayout.ACTION_PLAN,
        title="Rekrytera sjuksköterskor",
    )
    heading = chunk("Version 2\n\nHandlingsplan för minskat beroende av hyrpersonal\n", 5)
    chunks = [heading, chunk("Rekrytera sjuksköterskor", 5, ["m1"])]
    (plan,) = find_plans([measure], chunks)
    assert plan.heading == "Handlingsplan för minskat beroende av hyrpersonal"
    stems = Stems(["text"] * 20)
    both = chunk("Beroendet av hyrpersonal ska minska kraftigt.", 2)
    one = chunk("Kostnaden för hyrpersonal har ökat.", 3)
    assert [link.measure.id for link in plan_links([plan], both, stems)] == ["m1"]
    assert plan_links([plan], one, stems) == []

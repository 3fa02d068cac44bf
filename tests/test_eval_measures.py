"""Measures evaluation: pairing by title, precision/recall, owner and due shares, tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.measures import (
    GoldDocument,
    GoldFigure,
    GoldMeasure,
    GoldTable,
    load_gold,
    pair_measures,
    render_measures,
    score_document,
    score_table,
    summarise,
    title_similarity,
)
from lagesbild.types import Figure, Measure, MeasureLayout, NumberKind, Responsibility

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "evals" / "data" / "gold-measures-real.json"


def _measure(title: str, owner: str | None = None, due: str | None = None, **kw: object) -> Measure:
    return Measure(
        id="x:m1",
        doc="a.pdf",
        page=1,
        layout=MeasureLayout.TABLE,
        title=title,
        owner=owner,
        due=due,
        **kw,  # type: ignore[arg-type]
    )


def _figure(value: float, page: int, row: str | None, column: str | None) -> Figure:
    return Figure(
        raw=str(value),
        start=0,
        end=1,
        kind=NumberKind.MONEY,
        value=value,
        id="x:f1",
        doc="a.pdf",
        page=page,
        context="",
        row_label=row,
        column_label=column,
    )


def test_titles_pair_one_to_one_most_similar_first() -> None:
    gold = [
        GoldMeasure(title="Utbilda driftpersonal på värmekamera", owner="Fastighetsenheten"),
        GoldMeasure(title="Byt ut kvicksilverlampor i gatubelysningen", due="2026-06-30"),
        GoldMeasure(title="Inför en resepolicy"),
    ]
    found = [
        _measure("Byt successivt ut kvicksilverlampor i gatubelysningen", due="2026-06-30"),
        _measure(
            "Utbilda driftpersonal på värmekamera",
            responsibilities=[Responsibility(organisation="Fastighetsenheten", role="ansvarig")],
        ),
        _measure("Helt annan sak om budgetberedning"),
    ]
    pairs = pair_measures(gold, found)
    assert [p.found for p in pairs] == [found[1].title, found[0].title, None]
    assert pairs[0].owner_ok is True and pairs[0].due_ok is None
    assert pairs[1].due_ok is True


def test_a_short_register_title_with_the_rest_in_the_description_still_pairs() -> None:
    m = _measure("Budgetberedning dag 1 (heldag)", description="Nämndernas presidium presenterar")
    gold = "Budgetberedning dag 1 (heldag); Nämndernas presidium presenterar"
    assert title_similarity(gold, m) >= 0.5
    assert title_similarity("Resepolicy ska tas fram", m) < 0.5


def test_document_scores_count_precision_recall_and_wrong_owner() -> None:
    gold = GoldDocument(
        doc="a.pdf",
        measures=[
            GoldMeasure(title="Stärka styrningen av skuldsättningen", owner="Kommunstyrelsen"),
            GoldMeasure(title="Utveckla kriterier för bolagens lånetak", owner="Kommunstyrelsen"),
        ],
    )
    found = [
        _measure("Stärka styrningen av skuldsättningen", owner="Kommunstyrelsen"),
        _measure("Utveckla kriterier för bolagens lånetak", owner="Grundskolenämnden"),
        _measure("Yttrande senast den 18 juni"),
    ]
    score = score_document(gold, found, [])
    assert (score.matched, score.extracted, score.gold) == (2, 3, 2)
    assert score.precision == pytest.approx(2 / 3) and score.recall == 1.0
    assert score.owner == (1, 2)
    assert score.extra == ["Yttrande senast den 18 juni"]
    report = summarise("t", "corpus", [score])
    assert report.owner_share == 0.5
    assert "a.pdf" in render_measures(report)


def test_a_table_cell_counts_only_with_its_row_and_column_label() -> None:
    table = GoldTable(
        page=3,
        figures=[
            GoldFigure(row="Intäkter", column="Prognos helår", value=12.3),
            GoldFigure(row="Kostnader", column="Prognos helår", value=-40.0),
        ],
    )
    figures = [
        _figure(12.3, 3, "Intäkter", "Prognos helår"),
        _figure(-40.0, 3, None, None),  # the value, but no labels
        _figure(12.3, 4, "Intäkter", "Prognos helår"),  # another page
    ]
    score = score_table(table, figures)
    assert (score.labelled, score.value_only, score.n) == (1, 2, 2)


def test_the_real_gold_file_is_valid_and_names_only_real_corpus_files() -> None:
    gold = load_gold(GOLD)
    assert gold.corpus == "../shared/corpus/real"
    names = [d.doc for d in gold.documents]
    assert len(names) == len(set(names)) and len(names) >= 9
    assert sum(len(d.measures) for d in gold.documents) >= 100
    for doc in gold.documents:
        for m in doc.measures:
            assert m.pages and all(p >= 1 for p in m.pages), (doc.doc, m.title)
    raw = json.loads(GOLD.read_text(encoding="utf-8"))
    assert {"documents", "corpus"} <= set(raw)


def test_owner_and_due_complete_only_when_both_are_right() -> None:
    gold = [
        GoldMeasure(title="Bygga laddplatser", owner="Tekniska nämnden", due="2031"),
        GoldMeasure(title="Utreda bilpool", owner="Kommunstyrelsen", due="2032"),
        GoldMeasure(title="Ta fram resepolicy", owner=None, due="2031"),
    ]
    found = [
        _measure("Bygga laddplatser", owner="Tekniska nämnden", due="2031"),
        _measure("Utreda bilpool", owner="Kommunstyrelsen", due="2033"),
        _measure("Ta fram resepolicy", due="2031"),
    ]
    score = score_document(GoldDocument(doc="a.pdf", measures=gold), found, [])
    assert score.owner_due == (1, 2)
    # Over the gold, a measure the register missed counts as incomplete.
    missed = score_document(GoldDocument(doc="a.pdf", measures=gold), found[:1], [])
    assert missed.owner_due == (1, 1)
    assert missed.complete == (1, 2)

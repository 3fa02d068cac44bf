"""The sample corpus end to end with the real embedding model (slow: ~1-2 min of embedding)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from lagesbild.types import MeasureLayout

pytestmark = pytest.mark.slow


def cli_json(
    capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> object:
    monkeypatch.setenv("LAGESBILD_HOME", str(home))
    from lagesbild.settings import get_settings

    get_settings.cache_clear()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_register_has_every_layout_with_sources(
    sample_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    measures = cli_json(capsys, sample_home, monkeypatch, "measures")
    assert isinstance(measures, list)
    layouts = {m["layout"] for m in measures}
    expected = {"status_table", "action_plan", "monthly_status", "status_list"}
    assert expected <= layouts
    assert expected <= {layout.value for layout in MeasureLayout}
    assert all(m["doc"] and m["page"] >= 1 for m in measures)
    plan = [m for m in measures if m["layout"] == "action_plan"]
    assert sum(1 for m in plan if m["owner"]) >= 40
    assert sum(1 for m in plan if m["due"]) >= 25
    monthly = [m for m in measures if m["layout"] == "monthly_status"]
    assert len(monthly) == 8  # PDF and PPTX of one report: listed once, linked
    assert all(len(m["also_in"]) == 1 for m in monthly)


def test_search_finds_dev_questions_in_top_five(
    sample_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = [
        (
            "När fattas beslut i RUN om fortsatt hantering av personalkostnaderna?",
            "Den 9/4 tas beslut i RUN",
        ),
        ("Hur många patienter är ständigt utskrivningsklara på medicin?", "15-20 patienter"),
    ]
    for question, evidence in questions:
        hits = cli_json(capsys, sample_home, monkeypatch, "search", question, "-k", "5")
        assert isinstance(hits, list)
        assert any(evidence in " ".join(h["text"].split()) for h in hits), question

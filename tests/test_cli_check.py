"""`lagesbild check`: statuses with the figure's context and page, JSON fields, text as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

pytestmark = pytest.mark.usefixtures("fake_embeddings")

SOURCE = (
    "Utfallet efter 2015 uppgick till ca 5,5 % medan det 2016 är 2,9 %.\n\n"
    "Hälso- och sjukvårdsnämnden redovisar ett överskott på 12,4 mkr [/].\n"
)


@pytest.fixture
def ingested(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "rapport.txt").write_text(SOURCE, encoding="utf-8")
    assert main(["ingest", str(tmp_path), "--json"]) == 0
    capsys.readouterr()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.usefixtures("ingested")
def test_check_json_has_status_source_context_and_explanation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", "Utfallet 2016 var 5,5 % och 2015 var 74 %.", "--json")
    assert code == 0
    checks = json.loads(out)
    assert [(c["raw"], c["status"]) for c in checks] == [
        ("5,5 %", "misattributed"),
        ("74 %", "unsupported"),
    ]
    wrong = checks[0]
    assert {"doc", "page", "raw", "context"} <= set(wrong["source"])
    assert wrong["source"]["doc"] == "rapport.txt" and wrong["source"]["page"] == 1
    assert wrong["source"]["context"].startswith("Utfallet efter 2015")
    assert wrong["explanation"].startswith("belopp finns men gäller 2015, inte 2016")


@pytest.mark.usefixtures("ingested")
def test_check_text_flags_misattributed_numbers_with_context(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", "Nämnden har ett underskott på 12,4 mkr [/].")
    assert code == 0
    assert "12,4 mkr [⚠ fel sammanhang] [/]." in out  # the text as data, flag beside the number
    assert "fel sammanhang" in out and "rapport.txt s. 1" in out
    assert "källans mening: ”Hälso- och sjukvårdsnämnden redovisar ett överskott" in out
    assert "[/]" in out.split("källans mening")[1]  # the source's own text, not markup


@pytest.mark.usefixtures("ingested")
def test_check_says_when_a_value_is_right(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "Utfallet 2016 var 2,9 %.")
    assert code == 0
    assert "2,9 %: belagt" in out and "⚠" not in out

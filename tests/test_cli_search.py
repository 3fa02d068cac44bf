"""`lagesbild search`: one question, a file of questions, text printed as data, the launcher."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.launch import main


def _ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "budget.txt").write_text(
        "Underskottet för RUN är 47 mkr.\n\nFärdtjänsten [bold]kostar[/bold] 12 mkr.",
        encoding="utf-8",
    )
    assert main(["ingest", str(corpus)]) == 0
    capsys.readouterr()


def test_file_mode_answers_each_line_as_one_json_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _ingest(tmp_path, capsys)
    questions = tmp_path / "fragor.txt"
    questions.write_text("underskott RUN\n\nfärdtjänst kostnad\n", encoding="utf-8")
    assert main(["search", "--file", str(questions), "--json", "-k", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["query"] for line in lines] == [
        "underskott RUN",
        "färdtjänst kostnad",
    ]
    first = json.loads(lines[0])["hits"][0]
    assert first["doc"] == "budget.txt" and "47 mkr" in first["text"]


def test_document_text_is_printed_as_data_not_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _ingest(tmp_path, capsys)
    assert main(["search", "färdtjänst kostar"]) == 0
    assert "[bold]kostar[/bold]" in capsys.readouterr().out


def test_question_and_file_together_or_neither_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search"]) == 1
    assert "--file" in capsys.readouterr().err
    missing = tmp_path / "saknas.txt"
    assert main(["search", "--file", str(missing)]) == 1
    assert "saknas.txt" in capsys.readouterr().err


def test_search_does_not_import_the_answering_stack() -> None:
    code = (
        "import sys; from assistant import launch, cli_search; "
        "print(sorted(m for m in ('assistant.cli', 'assistant.answering', 'assistant.llm', "
        "'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_verbose_search_logs_on_stderr_like_the_other_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(tmp_path, capsys)

    def full_cli(args: list[str]) -> int:
        raise AssertionError(f"search took the full command line: {args}")

    monkeypatch.setattr("assistant.cli.main", full_cli)  # `-vv search` stays on the fast path
    assert main(["search", "underskott RUN", "--json"]) == 0
    assert "vectorstore.library" not in capsys.readouterr().err
    assert main(["-vv", "search", "underskott RUN", "--json"]) == 0
    captured = capsys.readouterr()
    assert "DEBUG vectorstore.library: sökindexet byggs" in captured.err
    assert json.loads(captured.out)[0]["doc"] == "budget.txt"  # stdout stays clean JSON

"""The CLI contract: JSON on stdout, messages on stderr, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

pytestmark = pytest.mark.usefixtures("fake_embeddings")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_json_summary_and_skip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Underskottet är 47 mkr 2023.", encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(tmp_path), "--json")
    assert code == 0
    summary = json.loads(out)
    assert set(summary) == {
        "documents",
        "pages",
        "measures",
        "figures",
        "chunks",
        "skipped",
        "failed",
    }
    assert summary["documents"] == 1
    code, out, _ = run(capsys, "ingest", str(tmp_path), "--json")
    assert json.loads(out)["skipped"] == 1


def test_partial_failure_exits_2_and_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ok.txt").write_text("Status klar.", encoding="utf-8")
    (tmp_path / "trasig.pdf").write_bytes(b"%PDF-1.7\n garbage")
    code, out, err = run(capsys, "ingest", str(tmp_path), "--json")
    assert code == 2
    summary = json.loads(out)
    assert summary["documents"] == 1
    assert summary["failed"][0]["path"].endswith("trasig.pdf")
    assert "trasig.pdf" in err


def test_usage_error_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "measures", "--no-such-option")
    assert code == 1
    assert "no-such-option" in err


def test_ambiguous_remove_exits_1_with_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("plan-a.txt", "plan-b.txt"):
        (tmp_path / name).write_text(f"{name} 3 st", encoding="utf-8")
    run(capsys, "ingest", str(tmp_path))
    code, _, err = run(capsys, "remove", "plan")
    assert code == 1
    assert "entydigt" in err


def test_listing_commands_give_doc_and_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "lista.txt").write_text(
        "Läget\n\n-Planeringsprocessen, klar\n-Styrmodell, pågår\n\nKostnaden är 5 660 tkr.",
        encoding="utf-8",
    )
    run(capsys, "ingest", str(tmp_path))
    _, out, _ = run(capsys, "docs", "--json")
    assert json.loads(out)[0]["doc"] == "lista.txt"
    _, out, _ = run(capsys, "figures", "--json")
    figures = json.loads(out)
    assert {(f["doc"], f["page"], f["raw"]) for f in figures} >= {("lista.txt", 1, "5 660 tkr")}
    _, out, _ = run(capsys, "measures", "--json", "--status", "pågår")
    measures = json.loads(out)
    assert [(m["title"], m["doc"], m["page"]) for m in measures] == [("Styrmodell", "lista.txt", 1)]


def test_search_json_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "budget.txt").write_text("Underskottet för RUN är 47 mkr.", encoding="utf-8")
    run(capsys, "ingest", str(tmp_path))
    code, out, _ = run(capsys, "search", "underskott RUN", "-k", "2", "--json")
    assert code == 0
    hits = json.loads(out)
    assert {"doc", "page", "kind", "text", "score", "chunk_id"} <= set(hits[0])
    assert hits[0]["doc"] == "budget.txt"


def test_verify_finds_missing_vectors_and_repair_restores_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from vectorstore.library import Library

    (tmp_path / "a.txt").write_text("Underskottet är 47 mkr 2023.", encoding="utf-8")
    assert run(capsys, "ingest", str(tmp_path))[0] == 0
    assert run(capsys, "verify")[0] == 0
    library = Library()
    try:
        library.store.delete_doc(library.register.documents()[0].sha256)
    finally:
        library.close()
    code, out, _ = run(capsys, "verify", "--json")
    assert code == 2
    found = json.loads(out)
    assert not found["ok"] and found["missing"] and found["vectors"] == 0
    code, _, err = run(capsys, "verify", "--repair")
    assert code == 0 and "Rättat" in err
    code, _, err = run(capsys, "verify")
    assert code == 0 and "stämmer överens" in err


def test_ask_json_contract_and_streaming_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant import cli_assistant

    (tmp_path / "budget.txt").write_text(
        "Budget 2023\n\nUnderskott mot budgetprognos 2023: RUN -47Mkr och RS -57Mkr.",
        encoding="utf-8",
    )
    assert run(capsys, "ingest", str(tmp_path))[0] == 0
    replies = ["RUN hade -74Mkr [1].", "RUN hade -47Mkr [1]."]
    monkeypatch.setattr(
        cli_assistant,
        "load_chat_model",
        lambda settings=None: FakeListChatModel(responses=[replies.pop(0)]),
    )
    question = "Hur stort var underskottet mot budgetprognos 2023 för RUN?"
    code, out, _ = run(capsys, "ask", question, "--json")
    assert code == 0
    answer = json.loads(out)
    assert {"answer", "citations", "number_check", "abstained", "backend", "timings"} <= set(answer)
    assert {"lead", "lead_kind", "quotes", "notes", "flags"} <= set(answer)
    assert set(answer["timings"]) >= {"retrieve_ms", "ttft_ms", "total_ms"}
    assert answer["citations"][0]["doc"] == "budget.txt" and answer["citations"][0]["page"] == 1
    # the model's wrong number is dropped: the lead is the evidence itself, verbatim
    assert "-74Mkr" in answer["model_text"] and "-74Mkr" not in answer["answer"]
    assert answer["lead_kind"] == "quote" and "RUN -47Mkr" in answer["lead"]
    assert any("-74Mkr" in note for note in answer["notes"])
    code, out, err = run(capsys, "ask", question)
    assert code == 0
    assert "Språkmodellen skriver" in err and "RUN hade -47Mkr [1]" in err
    assert "Ur underlaget" in out and "budget.txt s. 1" in out and "belagt" in out

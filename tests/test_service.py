"""The headless service: what the CLI prints and the TUI shows comes from the same functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.service import (
    DraftKind,
    check_draft,
    document_rows,
    draft_choices,
    ingest_counts,
    make_draft,
    open_library,
)
from assistant.tui.gateway import LibraryGateway
from lagesbild.errors import ConfigError
from lagesbild.settings import get_settings
from lagesbild.types import NumberStatus

TEXT = (
    "Månadsrapport april 2025\n\nUnderskottet mot budget var 47 mkr för RUN.\n\n"
    "Åtgärd: Ta fram en plan för bemanning. Ansvarig: HR-chef. Klart: juni 2025."
)


@pytest.fixture
def home(tmp_path: Path, fake_embeddings: object) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "rapport.txt").write_text(TEXT, encoding="utf-8")
    (folder / "tom.txt").write_text("Bara en rad utan tal.", encoding="utf-8")
    with open_library() as library:
        summary = library.ingest([folder])
    assert not summary.failed
    assert ingest_counts(summary).startswith("Inläst: 2 dokument, 2 sidor, ")
    assert f"{summary.chunks} textavsnitt" in ingest_counts(summary, chunks=True)
    return folder


def test_cli_and_tui_count_the_documents_alike(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library() as library:
        rows = document_rows(library)
    assert [r.document.doc for r in rows] == ["rapport.txt", "tom.txt"]
    assert rows[0].figures > 0 and rows[1].figures == 0
    assert main(["docs", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["doc"], d["measures"], d["figures"]) for d in listed] == [
        (r.document.doc, r.measures, r.figures) for r in rows
    ]
    gateway = LibraryGateway(get_settings())
    try:
        assert gateway.documents() == rows
    finally:
        gateway.close()


def test_drafts_and_the_number_check_of_an_edited_draft(home: Path) -> None:
    with open_library() as library:
        choices = draft_choices(library)
        assert [s.doc for s in choices.sources[DraftKind.REVISOR]] == ["rapport.txt", "tom.txt"]
        with pytest.raises(ConfigError, match="revisorernas rapport"):
            make_draft(library, DraftKind.REVISOR, None)
        checks = check_draft(library, "Underskottet var 47 mkr (rapport.txt s. 1).\n")
    assert [(c.raw, c.status) for c in checks] == [("47 mkr", NumberStatus.SUPPORTED)]

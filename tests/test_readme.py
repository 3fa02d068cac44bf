"""The README's code runs as written: the LangChain retriever example is read from README.md."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from vectorstore.library import Library
from vectorstore.retriever import LagesbildRetriever

README = Path(__file__).resolve().parents[1] / "README.md"
_PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def readme_example(needle: str) -> str:
    """The one Python block of the README that contains ``needle``."""
    (block,) = [b for b in _PYTHON_BLOCK.findall(README.read_text("utf-8")) if needle in b]
    return block


def test_the_retriever_example_runs_on_the_stored_documents(
    tmp_path: Path, fake_embeddings: object
) -> None:
    (tmp_path / "budget.txt").write_text(
        "Budget 2023\n\nUnderskottet för RUN var 47 mkr mot budgetprognosen.\n\n"
        "Färdtjänsten kostade 12 mkr.",
        encoding="utf-8",
    )
    library = Library()
    try:
        assert not library.ingest([tmp_path / "budget.txt"]).failed
    finally:
        library.close()
    code = readme_example("LagesbildRetriever")
    assert len(code.strip().splitlines()) <= 7
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(README), "exec"), namespace)
    retriever = namespace["retriever"]
    assert isinstance(retriever, LagesbildRetriever) and isinstance(retriever.searcher, Library)
    retriever.searcher.close()
    lines = printed.getvalue().splitlines()
    assert lines and lines[0].startswith("budget.txt 1 ")
    assert any("Underskottet för RUN" in line for line in lines)


def test_the_example_is_found_once() -> None:
    assert "LagesbildRetriever(searcher=Library()" in readme_example("LagesbildRetriever")
    with pytest.raises(ValueError):
        readme_example("no such example")

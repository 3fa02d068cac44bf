"""`lagesbild models`: where the bundled model is, its size, and pruning stale copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from fakes import FakeParts

from assistant import llm
from assistant.cli import main
from assistant.model_files import MODEL_FILENAME, bundled_model_path, ensure_bundled_model


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def old_copy(parts: FakeParts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The model assembled in the shared cache, plus an old copy in the default data dir."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(llm, "llama_cpp_installed", lambda: True)
    ensure_bundled_model()
    copy = tmp_path / "xdg" / "lagesbild" / "models" / MODEL_FILENAME
    copy.parent.mkdir(parents=True)
    copy.write_bytes(parts.joined)
    return copy


def test_models_shows_where_the_model_is_its_size_and_stale_copies(
    capsys: pytest.CaptureFixture[str],
    old_copy: Path,
    parts: FakeParts,
) -> None:
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["model"] == str(bundled_model_path())
    assert status["size_bytes"] == len(parts.joined)
    assert status["stale_copies"] == [str(old_copy)]

    code, out, err = run(capsys, "models")
    assert str(bundled_model_path().parent) in out
    assert "delad av alla datakataloger" in out
    assert "1 gamla kopior" in err and "--prune" in err


def test_prune_asks_first_and_keeps_everything_on_no(
    capsys: pytest.CaptureFixture[str], old_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []

    def answer_no(text: str, **kwargs: object) -> bool:
        questions.append(text)
        return False

    monkeypatch.setattr(typer, "confirm", answer_no)
    code, _, err = run(capsys, "models", "--prune")
    assert code == 0
    assert "Inget togs bort" in err
    assert questions and "frigöra" in questions[0]
    assert old_copy.exists()


def test_prune_with_yes_removes_stale_copies_and_says_what_it_freed(
    capsys: pytest.CaptureFixture[str],
    old_copy: Path,
    parts: FakeParts,
) -> None:
    code, out, _ = run(capsys, "models", "--prune", "--yes", "--json")
    assert code == 0
    result = json.loads(out)
    assert result == {"removed": [str(old_copy)], "freed_bytes": len(parts.joined)}
    assert not old_copy.exists()
    assert bundled_model_path().exists()  # the shared copy stays

    code, _, err = run(capsys, "models", "--prune", "--yes")
    assert code == 0
    assert "Inga gamla kopior" in err

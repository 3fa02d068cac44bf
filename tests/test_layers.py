"""The floors hold: the import-linter contracts in pyproject.toml pass on this tree, and break
on a module that imports upward (so the check itself can fail).

CI runs only `make test`; this test is what makes the contracts part of it (`make lint` runs
`lint-imports` too).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("lagesbild", "ingest", "vectorstore", "prompts", "assistant", "evals")
LINT = "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the tree at ``root`` (its packages come first on the path)."""
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )


def contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return found


def test_the_contracts_cover_the_floors() -> None:
    by_id = {c["id"]: c for c in contracts()}
    assert by_id["floors"]["layers"] == [
        "evals",
        "assistant",
        "vectorstore | prompts",
        "ingest",
        "lagesbild",
    ]
    assert by_id["tui"]["protected_modules"] == ["assistant.tui"]
    assert {"cli", "textual", "service", "tokenizer"} <= set(by_id)
    assert set(by_id["service"]["forbidden_modules"]) == {"textual", "rich", "typer"}


def test_the_tree_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packages and the contracts, copied so a test can plant a bad import in them."""
    root = tmp_path_factory.mktemp("tree")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__", "data")
        )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("ingest/probe_upward.py", "import vectorstore.library\n", "Nothing imports upward"),
        ("vectorstore/probe_upward.py", "from assistant import answering\n", "Nothing imports"),
        ("assistant/probe_evals.py", "import evals.answers\n", "Nothing imports upward"),
        ("assistant/probe_tui.py", "from assistant.tui import app\n", "assistant.tui"),
        ("assistant/tui/probe_cli.py", "from assistant.console import out\n", "command-line"),
        ("assistant/probe_cli.py", "import assistant.cli_drafts\n", "command-line"),
        ("vectorstore/probe_textual.py", "import textual.app\n", "TUI imports textual"),
        (
            "assistant/drafts/probe_tokenizer.py",
            "from vectorstore.keyword import SwedishTokenizer\n",
            "never through the keyword index",
        ),
    ],
)
def test_an_import_against_the_floors_breaks_a_contract(
    tree_copy: Path, module: str, source: str, broken: str
) -> None:
    probe = tree_copy / module
    probe.write_text(source, encoding="utf-8")
    try:
        result = lint_imports(tree_copy)
    finally:
        probe.unlink()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 broken" in result.stdout
    broken_lines = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert any(broken in line for line in broken_lines), result.stdout
    assert probe.with_suffix("").name in result.stdout  # the report names the offending module

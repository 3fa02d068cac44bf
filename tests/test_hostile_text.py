"""Text is data: markup, escapes and odd characters in documents and questions crash nothing.

Every command that prints document or user text (ingest, docs, figures, search, ask, check,
the drafts), in text and ``--json`` mode, is fed brackets, Rich tags, ANSI/OSC sequences,
control characters, right-to-left marks and very long tokens. No traceback; the text comes
back literally, minus the escapes the normaliser strips.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.cli import main
from assistant.console import literal
from ingest.normalize import strip_controls

pytestmark = pytest.mark.usefixtures("fake_embeddings")

NASTY = [
    "[/]",
    "[bold]fet[/bold] och [red]röd",
    "[link=file:///etc/passwd]klick[/link]",
    "\\[/] och slut\\",
    "\x1b[31mröd\x1b[0m text",
    "\x1b]8;;http://example.invalid\x1b\\länk\x1b]8;;\x1b\\",
    "kontroll\x07\x08\x00tecken\x7f",
    "\u202eabc\u202c och \u200fhöger",
    "x" * 3000,
    ":thumbs_up: :smile:",
    "{task.description} %s {0}",
]


_PADDING = "Uppföljningen görs varje kvartal i nämnden och redovisas i årsrapporten. " * 40


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def _shown(text: str) -> str:
    """What a reader must see of ``text``: escapes stripped, whitespace folded."""
    return " ".join(strip_controls(text).replace("\r", "").replace("\v", "").split())


def _folded(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture
def fake_chat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "assistant.cli_assistant.make_chat_model",
        lambda settings=None, progress=None: FakeListChatModel(
            responses=["Underskottet var 47 mkr [1]."] * 50
        ),
    )


def _ingest(capsys: pytest.CaptureFixture[str], folder: Path, text: str, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # A NUL byte makes any file binary (refused by design); the padding keeps a handful of
    # control characters under the share that marks a file as binary.
    text = text.replace("\x00", "")
    (folder / name).write_text(
        f"Rapport {text}\n\nUnderskottet för RUN var 47 mkr 2023. {text}\n\n{_PADDING}",
        encoding="utf-8",
    )
    code, _, _ = run(capsys, "ingest", str(folder))
    assert code == 0


@pytest.mark.parametrize("nasty", NASTY, ids=range(len(NASTY)))
def test_listing_and_search_print_document_text_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, nasty: str
) -> None:
    _ingest(capsys, tmp_path / "docs", nasty, "[b]rapport[i].txt")
    for command in (["docs"], ["figures"], ["measures"], ["search", f"underskott {nasty}"]):
        code, out, _ = run(capsys, *command)
        assert code == 0, command
        if command[0] == "search":
            assert _shown(nasty)[:300] in _folded(out)
        code, out, _ = run(capsys, *command, "--json")
        assert code == 0
        json.loads(out)
    assert "[b]rapport[i].txt" in _folded(run(capsys, "docs")[1])


@pytest.mark.parametrize("nasty", NASTY, ids=range(len(NASTY)))
def test_check_and_ask_print_the_question_literally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, nasty: str, fake_chat: None
) -> None:
    _ingest(capsys, tmp_path / "docs", "", "rapport.txt")
    code, out, _ = run(capsys, "check", f"{nasty} Underskottet var 47 mkr.")
    assert code == 0 and _shown(nasty) in _folded(out)
    code, out, _ = run(capsys, "check", f"{nasty} 47 mkr", "--json")
    assert code == 0 and json.loads(out)[0]["raw"] == "47 mkr"
    code, out, _ = run(capsys, "ask", f"Hur stort var underskottet för RUN? {nasty}")
    assert code == 0
    code, out, _ = run(capsys, "ask", f"Hur stort var underskottet? {nasty}", "--json")
    assert code == 0 and "underskottet" in json.loads(out)["question"]


def test_drafts_and_errors_with_markup_in_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _ingest(capsys, tmp_path / "docs", "[/] \x1b[31m", "[i]månad[b].txt")
    for command in (
        ["summary", "clg", "--doc", "[i]"],
        ["draft", "revisorer", "--doc", "[i]månad"],
        ["remove", "[/]finns-inte"],
        ["check", "--file", str(tmp_path / "[/]saknas.txt")],
    ):
        code, out, _ = run(capsys, *command)
        assert code in (0, 1), command
        assert "\x1b[31m" not in out


def test_literal_survives_the_markup_renderer() -> None:
    from rich.console import Console

    console = Console(record=True, width=200, emoji=False, soft_wrap=True)
    for nasty in NASTY:
        console.print(f"[bold]{literal(nasty)}[/]", highlight=False)
        assert _shown(nasty) in _folded(console.export_text())


_ODD = st.sampled_from(
    ["[", "]", "[/]", "[bold]", "[/bold]", "\\", "\x1b[", "\x1b]8;;", "\x07", "\x1b\\",
     "\u202e", "\u200f", "\u2066", ":smile:", "{", "}", "%", "\x00", "\r", "\t", "\x9b"]
)  # fmt: skip
_TOKEN = st.one_of(
    _ODD, st.text(alphabet=st.characters(exclude_categories=["Cs", "Nd"]), max_size=8)
)
HOSTILE = st.lists(_TOKEN, min_size=1, max_size=12).map("".join) | st.builds(
    lambda c, n: c * n, st.sampled_from("x[å\u202e"), st.integers(200, 2000)
)


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=HOSTILE)
@example(text="[/]")
@example(text="\x1b]8;;x\x07[/]\x1b[2J")
def test_property_hostile_text_through_ingest_search_ask_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_chat: None, text: str
) -> None:
    folder = tmp_path / f"docs-{abs(hash(text))}"
    _ingest(capsys, folder, text, "rapport.txt")
    code, out, _ = run(capsys, "search", f"underskott {text}", "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "check", f"Underskottet {text} var 47 mkr.")
    assert code == 0 and _shown(text) in _folded(out)
    code, out, _ = run(capsys, "check", f"{text} 47 mkr", "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "ask", f"Underskottet för RUN {text}?")
    assert code == 0
    code, out, _ = run(capsys, "summary", "clg", "--json")
    assert code in (0, 1)

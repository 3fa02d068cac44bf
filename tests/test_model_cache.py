"""The eval's model cache reads back what the model wrote for a byte-identical prompt only."""

from __future__ import annotations

from pathlib import Path

from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from evals.model_cache import CachedChat


def _fake(*texts: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter(AIMessage(content=t) for t in texts))


def _stream(chat: CachedChat, question: str) -> str:
    messages = [SystemMessage(content="Svara kort."), HumanMessage(content=question)]
    return "".join(str(c.content) for c in chat.stream(messages, stop=["\n\n"]))


def test_a_prompt_seen_before_is_answered_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    first = CachedChat(inner=_fake("Svaret är 29,5 MSEK [1]."), path=path)
    assert _stream(first, "Hur mycket?") == "Svaret är 29,5 MSEK [1]."
    assert (first.hits, first.misses) == (0, 1)

    again = CachedChat(inner=_fake("något annat"), path=path)  # a new run reads the file
    assert _stream(again, "Hur mycket?") == "Svaret är 29,5 MSEK [1]."
    assert (again.hits, again.misses) == (1, 0)


def test_another_prompt_calls_the_model(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    _stream(CachedChat(inner=_fake("A [1]."), path=path), "Fråga ett?")
    chat = CachedChat(inner=_fake("B [2]."), path=path)
    assert _stream(chat, "Fråga två?") == "B [2]."
    assert (chat.hits, chat.misses) == (0, 1)
    assert _stream(chat, "Fråga ett?") == "A [1]."

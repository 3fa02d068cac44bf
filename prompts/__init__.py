"""Prompts as data: Swedish templates in TOML files, and the phrases code and tests share."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from langchain_core.prompts import ChatPromptTemplate

# The model is told to write exactly this when the sources do not answer; the parser looks
# for its start. Keep the two in one place.
CANNOT_ANSWER_PHRASE = "Underlaget innehåller inget svar på frågan."
CANNOT_ANSWER_MARKER = "Underlaget innehåller inget svar"


@cache
def load_template(name: str) -> ChatPromptTemplate:
    """The chat prompt ``prompts/<name>.toml``: ``system``, example turns, then ``user``.

    Example turns (``[[examples]]`` with ``user`` and ``assistant``) are literal text: braces
    in them are not placeholders.
    """
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    messages: list[tuple[str, str]] = [("system", data["system"])]
    for example in data.get("examples", []):
        messages.append(("human", _literal(example["user"])))
        messages.append(("ai", _literal(example["assistant"])))
    messages.append(("human", data["user"]))
    return ChatPromptTemplate.from_messages(messages)


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")

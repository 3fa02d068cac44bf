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
    """The chat prompt ``prompts/<name>.toml`` (keys ``system`` and ``user``)."""
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return ChatPromptTemplate.from_messages([("system", data["system"]), ("human", data["user"])])

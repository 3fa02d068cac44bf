"""Which mode a query in the Sök / Fråga tab is run in: a question is asked, the rest searched.

A text that ends with '?' or starts with a Swedish question word (and has more words after
it) is a question: it is answered even when the user left the tab in Sök, since a search
would show hits and no answer. Anything else runs in the mode the user chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

QUESTION_WORDS = frozenset(
    {
        "vad", "vilken", "vilket", "vilka", "hur", "när", "var", "vart", "varför", "vem",
        "vems", "finns", "fanns", "har", "hade", "är", "blir", "blev", "kan", "kunde",
        "ska", "skulle", "bör", "borde", "får", "fick", "måste", "gäller", "stämmer",
        "behöver", "kommer", "följs", "uppfylls", "nåddes", "nås",
    }
)  # fmt: skip
"""Words that open a Swedish question (a verb first is a yes/no question)."""


class Mode(StrEnum):
    """The two modes of the tab."""

    SEARCH = "Sök"
    ASK = "Fråga"


@dataclass(frozen=True)
class ModeChoice:
    """The mode a query runs in, and why when it is not the one the user chose."""

    mode: Mode
    reason: str = ""


def question_reason(text: str) -> str:
    """Why ``text`` reads as a question ('' when it does not)."""
    words = text.strip().split()
    if not words:
        return ""
    if text.rstrip().endswith("?"):
        return "texten slutar med frågetecken"
    first = words[0].strip("”\"'«(").lower()
    if first in QUESTION_WORDS and len(words) > 1:
        return f"texten börjar med frågeordet ”{words[0]}”"
    return ""


def choose_mode(text: str, chosen: Mode, can_ask: bool) -> ModeChoice:
    """The mode for ``text``: Fråga for a question (when an assistant is plugged in)."""
    if chosen is Mode.ASK and can_ask:
        return ModeChoice(Mode.ASK)
    reason = question_reason(text)
    if reason and can_ask:
        return ModeChoice(Mode.ASK, reason)
    return ModeChoice(Mode.SEARCH)

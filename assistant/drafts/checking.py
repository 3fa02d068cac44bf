"""Number checking for drafts: each text part is checked, flagged and kept for the appendix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.drafts.models import CheckedNumber
from assistant.number_check import check_with_index, mark_unsupported
from assistant.number_match import FigureIndex, PageTexts
from lagesbild.types import Figure


class NumberChecker:
    """Checks the numbers of a draft's texts against the register's figures.

    Every checked number is kept (with where it stands) for the appendix "Bilaga: kontroll
    av tal"; a text comes back with ``[⚠ ej belagt]`` after each number no figure backs.
    """

    def __init__(self, figures: Sequence[Figure], pages: PageTexts | None = None) -> None:
        self.index = FigureIndex(figures, pages)
        self.numbers: list[CheckedNumber] = []

    def text(self, text: str, where: str, cited: Iterable[tuple[str, int]]) -> str:
        """``text`` checked against the figures, with the pages it cites; flags added."""
        checks = check_with_index(text, self.index, set(cited))
        self.numbers.extend(CheckedNumber(where=where, check=check) for check in checks)
        return mark_unsupported(text, checks)

    def optional(
        self, text: str | None, where: str, cited: Iterable[tuple[str, int]]
    ) -> str | None:
        """Like :meth:`text`, passing None through."""
        return None if text is None else self.text(text, where, cited)

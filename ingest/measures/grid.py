"""Table columns from layout-mode page text: a header line gives the columns, lines give cells.

In layout-mode text (``ingest.pdf_layout``) the cells of a table row stand apart, separated
by runs of spaces, and each column starts near where its header label starts::

    Åtgärd                     Ansvarig              Klart        Status
    Införa e-tjänst för        Samhällsbyggnads-     2025-06      Pågår
    bygglov                    förvaltningen

A *segment* is a run of text with at most one space inside. A header is a line whose
segments are all column labels (the caller says which words make a header). The border
between two columns lies half-way between the end of one label and the start of the next,
so a header centred over its column still takes its cells. Each segment of a body line goes
to the column its start falls in.

pypdf's layout mode sometimes puts spaces inside a word ('e        n antagen', '2 0 maj');
``respace`` repairs a cell's text from the plain page text, which has the spacing right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

_GAP = re.compile(r"\S(?:\S| (?=\S))*")
_SPACE = re.compile(r"\s+")
# Characters a cell may run into the next column's label: layout mode places text on a
# character grid, so a cell that fills its column can overshoot by a character or two.
_SLACK = 4


@dataclass
class Column:
    """One column: its role, header label and where its cells start (character offset)."""

    role: str
    label: str
    start: int
    end: int


@dataclass
class Grid:
    """The columns of one table, with the borders between them."""

    columns: list[Column]
    borders: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.borders = [(left.end + right.start) / 2 for left, right in pairwise(self.columns)]

    def cells(self, line: str) -> dict[str, str]:
        """The line's text per column role (segments of one column joined by a space)."""
        out: dict[str, list[str]] = {}
        for start, text in segments(line):
            index = sum(start >= border for border in self.borders)
            out.setdefault(self.columns[index].role, []).append(text)
        return {role: " ".join(parts) for role, parts in out.items()}

    def crosses(self, line: str) -> bool:
        """True for a line of running text: one segment over two or more columns, or
        running well into the next column's label (a cell wraps before its neighbour)."""
        for start, text in segments(line):
            index = sum(start >= border for border in self.borders)
            end = start + len(text)
            if index + 1 < len(self.borders) and end > self.borders[index + 1] + 2:
                return True
            if index + 1 < len(self.columns) and end > self.columns[index + 1].start + _SLACK:
                return True
        return False


def segments(line: str) -> list[tuple[int, str]]:
    """(start, text) of each run of text with at most single spaces inside."""
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line)]


def find_header(line: str, role_of: Callable[[str], str | None]) -> Grid | None:
    """The grid of a header line whose every segment names a column, else None.

    ``role_of`` maps a segment ('Klart senast') to a column role or None.
    """
    columns: list[Column] = []
    for start, text in segments(line):
        role = role_of(text)
        if role is None:
            return None
        columns.append(Column(role, text, start, start + len(text)))
    return Grid(columns) if len(columns) >= 2 else None


@dataclass
class PlainText:
    """The plain page text without whitespace, to find a layout cell's true spacing."""

    text: str
    compact: str = ""
    index: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        chars: list[str] = []
        for n, char in enumerate(self.text):
            if not char.isspace():
                chars.append(char)
                self.index.append(n)
        self.compact = "".join(chars)

    def respace(self, cell: str) -> str:
        """The cell's text with the spacing of the plain text, when it is found there."""
        squeezed = _SPACE.sub("", cell)
        if len(squeezed) < 4:
            return _SPACE.sub(" ", cell).strip()
        at = self.compact.find(squeezed)
        if at < 0:
            return _SPACE.sub(" ", cell).strip()
        start, end = self.index[at], self.index[at + len(squeezed) - 1] + 1
        return _SPACE.sub(" ", self.text[start:end]).strip()

"""Rows of a PDF column table (``grid_table``): which body lines belong to which row.

A row's short cells (owner, due, status) sit on one line, its *anchor*; the activity
cell may wrap over several lines around it. Where the anchor stands depends on the cell
alignment the author chose for the table:

    top                         centred                     bottom
    Byta belysning   Fastigh.   Byta belysning              Byta belysning
    till LED                    till LED         Fastigh.   till LED         Fastigh.
    Installera sol-  Tekniska   Installera sol-             Installera sol-
    celler                      celler           Tekniska   celler           Tekniska

A row starts after a blank line, or at a line whose anchor cells the current row has
filled already. That is right for top-aligned cells; for centred or bottom-aligned ones
the lines above the new anchor belong to the new row. A table is not top-aligned when its
first row opens without an anchor, or when an anchor line's activity text opens in lower
case (it continues a wrapped cell). In such a table the activity lines after a row's
anchor move to the next row from the first that opens with a capital (a cell's first
line); when none does and the next anchor's own activity text is a continuation, all of
them move (bottom alignment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ingest.measures.text import join_lines


@dataclass
class Line:
    """One body line of the table: its index on the page and its cells by role."""

    page: int
    index: int
    cells: dict[str, str]


@dataclass
class GridRow:
    """One table row: its lines in order and whether a blank line opened it."""

    lines: list[Line] = field(default_factory=list)
    after_blank: bool = False

    @property
    def page(self) -> int:
        """Page of the row's first line."""
        return self.lines[0].page

    @property
    def position(self) -> int:
        """Index of the row's first line on its page."""
        return self.lines[0].index

    @property
    def pages(self) -> list[int]:
        """Pages the row spans."""
        return sorted({line.page for line in self.lines})

    @property
    def roles(self) -> set[str]:
        """Roles of the cells the row fills."""
        return {role for line in self.lines for role in line.cells}

    def get(self, role: str) -> str | None:
        """The row's text in one column, its lines joined."""
        return join_lines([line.cells[role] for line in self.lines if role in line.cells]) or None


def anchors_of(roles: set[str]) -> set[str]:
    """The short, one-line cells that mark a row: due or status; else periods; else owner."""
    periods = {r for r in roles if r.startswith("period:")}
    return {"due", "status"} & roles or periods or {"owner"}


def _opens_lower(line: Line) -> bool:
    text = line.cells.get("activity", "").lstrip("•–-* ")
    return bool(text) and text[:1].islower()


def _opens_upper(line: Line) -> bool:
    text = line.cells.get("activity", "").lstrip("•–-* ")
    return bool(text) and (text[:1].isupper() or text[:1].isdigit())


def _top_aligned(rows: list[GridRow], anchors: set[str]) -> bool:
    first = rows[0].lines[0] if rows else None
    if first is not None and "activity" in first.cells and not anchors & set(first.cells):
        return False
    return not any(not row.after_blank and _opens_lower(row.lines[0]) for row in rows[1:])


def realign(rows: list[GridRow], anchors: set[str]) -> list[GridRow]:
    """Rows as a top-aligned reading made them, with the lines of centred or bottom-aligned
    cells moved to the row they belong to (see the module docstring)."""
    if len(rows) < 2 or _top_aligned(rows, anchors):
        return rows
    for before, row in pairwise(rows):
        if row.after_blank:
            continue
        last_anchor = max(
            (n for n, line in enumerate(before.lines) if anchors & set(line.cells)), default=-1
        )
        loose = before.lines[last_anchor + 1 :]
        if last_anchor < 0 or not loose or any(set(x.cells) - {"activity"} for x in loose):
            continue
        starts = [n for n, line in enumerate(loose) if _opens_upper(line)]
        if starts:
            cut = starts[0]
        elif _opens_lower(row.lines[0]):
            cut = 0
        else:
            continue
        moved = loose[cut:]
        before.lines = before.lines[: last_anchor + 1 + cut]
        row.lines = moved + row.lines
    return [row for row in rows if row.lines]

"""Table labels from the layout of a PDF page, where the plain text has lost the columns.

pypdf's plain text reads a table header that runs over several lines cell by cell, out of
order, so :mod:`ingest.table_figures` cannot pair the numbers of a row with their columns::

    Total            Ack.         Avvikelse  Budget 2025  Utfall  Budget-
    projektbudget    Utfall                               2025    avvikelse

    plain text: 'Total \\nprojektbudget \\nAck. \\nUtfall \\nAvvikelse Budget 2025 Utfall …'

pypdf's *layout* mode (:class:`ingest.pdf_layout.PdfLayout`) keeps every character in its
column. Here a table is read from that grid:

* a **row** is a line that ends in two or more numbers with only spaces between them and a
  label before them ('Ny teknik bowlinghall   3,000   2,117   0,884'); a following line of
  words alone, starting where the label starts, continues the label ('Korsavad (6154)');
* the **columns** are the numbers' right edges, gathered over the rows (numbers in a table
  are right-aligned);
* the **header** is the lines above the first row that have words over the columns; each
  word goes to the column it stands over (or the nearest one, a few characters away), read
  top to bottom: 'Utfall' + '2025' → 'Utfall 2025'. Lines above the first line that labels
  at least half the columns are headings over groups of columns ('Varav årets
  investeringar') and are left out of the labels. A unit in the stub ('(mnkr)', '(tkr)')
  applies to the whole table.

The figures keep their offsets into the plain text: the numbers of the layout rows are
matched, in order, to the page's figures (runs of at least two in a row, so a lone equal
number elsewhere is not taken), and a matched figure gets the row and column label and a
context that says both ('Ny teknik bowlinghall Korsavad (6154) – Utfall 2025: 2,117 mnkr').
Where the plain text had labelled a row already, the layout's label replaces it: columns
read by position are surer than columns read by order (a header cut short in the plain
text gives a three-number row the wrong three columns). Only pages with a line of
unlabelled numbers are read this way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.numbers import find_numbers
from ingest.pdf_layout import PdfLayout
from ingest.table_figures import PLACEHOLDER
from lagesbild.types import Figure, NumberKind, NumberMention, Page

# A page is read in layout mode only when its plain text has a line with this many numbers
# that no table label was given: reading a page's layout costs time, most pages need none.
MIN_ROW_NUMBERS = 3
# How far (characters) a header word may stand from a column and still belong to it.
HEADER_REACH = 4
# How many lines above the first row may hold the header.
MAX_HEADER_LINES = 6
# A row label continues on a following line of at most this many words.
MAX_CONTINUATION_WORDS = 6
# Matched runs shorter than this are not trusted: one equal number is a coincidence.
MIN_RUN = 2

_LETTER = re.compile(r"[A-Za-zÅÄÖåäöÉé]")
_WORD = re.compile(r"\S+")
_PHRASE = re.compile(r"\S+(?: \S+)*")  # words with single spaces between: one cell
_UNIT = re.compile(r"\b(tkr|mkr|mnkr|mdkr)\b|\((kr|%|st)\)", re.I)
_COUNT_COLUMN = re.compile(r"\b(?:antal|st|procent|andel)\b|%", re.I)
_CONTINUATION = re.compile(r"^[a-zåäö(\d]|\(")
_CELL_GAP = re.compile(r"\s{2,}")
_NOT_CELLS = (NumberKind.YEAR, NumberKind.DATE)


@dataclass
class LayoutRow:
    """A row of a layout table: its label (over one or more lines) and its number cells."""

    first: int  # the line of the numbers
    line: int  # the last line of the label
    label: str
    label_start: int
    cells: list[NumberMention]


@dataclass
class LayoutTable:
    """A table read from a layout page: its rows, its columns' labels and right edges, and
    the unit its stub names."""

    rows: list[LayoutRow] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    edges: list[int] = field(default_factory=list)
    unit: str = ""


def label_layout_tables(pages: list[Page], figures: list[Figure], layout: PdfLayout) -> int:
    """Label the unlabelled figures of table rows that only the layout shows; returns how
    many were labelled."""
    by_page: dict[int, list[Figure]] = {}
    for figure in figures:
        by_page.setdefault(figure.page, []).append(figure)
    labelled = 0
    for page in pages:
        own = [f for f in by_page.get(page.number, []) if f.end <= len(page.text)]
        if not _needs_layout(page.text, own):
            continue
        text = layout.text(page)
        if not text:
            continue
        tables = read_tables(text)
        labelled += _apply(tables, own)
    return labelled


def _needs_layout(text: str, figures: list[Figure]) -> bool:
    """True when a line of the plain text holds MIN_ROW_NUMBERS unlabelled numbers."""
    breaks = [i for i, char in enumerate(text) if char == "\n"]
    per_line: dict[int, int] = {}
    for figure in figures:
        if figure.column_label is None and figure.kind not in _NOT_CELLS:
            line = bisect.bisect_left(breaks, figure.start)
            per_line[line] = per_line.get(line, 0) + 1
    return any(n >= MIN_ROW_NUMBERS for n in per_line.values())


def read_tables(text: str) -> list[LayoutTable]:
    """The tables of a layout-mode page: rows with their labels, columns with theirs."""
    lines = text.split("\n")
    rows = _rows(lines)
    tables: list[LayoutTable] = []
    for group in _groups(rows):
        table = LayoutTable(rows=group)
        table.edges = _edges(group)
        if len(table.edges) < 2:
            continue
        stub, table.columns = _header(lines, group[0].first, table.edges)
        if not any(table.columns):
            continue
        unit = _UNIT.search(stub)
        table.unit = (unit.group(1) or unit.group(2)).lower() if unit else ""
        tables.append(table)
    return tables


def _rows(lines: list[str]) -> list[LayoutRow]:
    rows: list[LayoutRow] = []
    for i, line in enumerate(lines):
        cells = _trailing_cells(line)
        if len(cells) < 2:
            if rows and rows[-1].line == i - 1 and _continues(line, rows[-1]):
                rows[-1].label = f"{rows[-1].label} {line.strip()}"
                rows[-1].line = i  # a further line may continue it too
            continue
        label = line[: cells[0].start]
        if not _LETTER.search(label):
            continue
        start = len(label) - len(label.lstrip())
        rows.append(LayoutRow(i, i, _without_placeholders(label), start, cells))
    return rows


def _trailing_cells(line: str) -> list[NumberMention]:
    """The numbers that end ``line`` with only spaces between them (the row's cells); a
    number inside the label ('Konstinköp (6011)') is not one."""
    if line.rstrip().endswith(")") or not line.strip():
        return []  # nothing, or a label that ends in a bracket: no cells at the end
    cells: list[NumberMention] = []
    for mention in reversed(find_numbers(line)):
        if mention.kind in _NOT_CELLS:
            break
        after = line[mention.end : cells[0].start if cells else len(line)]
        if after.strip():
            break
        cells.insert(0, mention)
    return cells


def _placeholder_row(line: str) -> bool:
    """A row whose cells are all empty words: 'Korsavads simhall   Stängt   Stängt'."""
    cells = _CELL_GAP.split(line.strip())
    return len(cells) >= 3 and all(PLACEHOLDER.fullmatch(c) for c in cells[1:])


def _without_placeholders(label: str) -> str:
    """The label without the empty cells that stand after it ('Tobisviksbadet   Stängt')."""
    cells = _CELL_GAP.split(label.strip())
    while len(cells) > 1 and PLACEHOLDER.fullmatch(cells[-1]):
        cells.pop()
    return " ".join(" ".join(cells).split())


def _continues(line: str, row: LayoutRow) -> bool:
    """A line of a few words, starting under the row's label and ending before its numbers:
    the label's second line ('Korsavad (6154)')."""
    words = line.split()
    if not words or len(words) > MAX_CONTINUATION_WORDS:
        return False
    start = len(line) - len(line.lstrip())
    if abs(start - row.label_start) > 1 or len(line.rstrip()) >= row.cells[0].start:
        return False
    # 'bibliotek (6015)', '(6014)', 'Korsavad (6154)', or after 'Teknik/digital utveckling,';
    # a line of capitalised words alone is the caption of the next rows ('Pågående projekt')
    return bool(_CONTINUATION.search(line.strip())) or row.label.endswith((",", "-", "och"))


def _groups(rows: list[LayoutRow]) -> list[list[LayoutRow]]:
    """Rows that stand near each other (at most three other lines between) form a table."""
    groups: list[list[LayoutRow]] = []
    for row in rows:
        if groups and row.line - groups[-1][-1].line <= 4:
            groups[-1].append(row)
        else:
            groups.append([row])
    return [g for g in groups if len(g) >= 2]


def _edges(rows: list[LayoutRow]) -> list[int]:
    """Right edges of the table's columns: the rows' numbers' ends, gathered."""
    ends = sorted(cell.end for row in rows for cell in row.cells)
    edges: list[list[int]] = []
    for end in ends:
        if edges and end - edges[-1][-1] <= 2:
            edges[-1].append(end)
        else:
            edges.append([end])
    return [max(group) for group in edges]


def _header(lines: list[str], first: int, edges: list[int]) -> tuple[str, list[str]]:
    """(stub, label per column) from the lines above the first row."""
    left = edges[0] - _width(edges, 0)
    found: list[list[str]] = [[] for _ in edges]
    stub: list[str] = []
    above: list[str] = []
    for i in range(first - 1, max(-1, first - 1 - MAX_HEADER_LINES), -1):
        line = lines[i]
        if not line.strip():
            if above:
                break
            continue
        words = list(_WORD.finditer(line))
        if not any(w.end() > left for w in words) or _placeholder_row(line):
            if above:
                break
            continue  # a caption ('Pågående projekt') or an empty row ('Stängt Stängt')
        if any(m.kind not in _NOT_CELLS for m in find_numbers(line)):
            break  # a row of another table, or prose with numbers
        if len(_CELL_GAP.split(line.strip())) == 1 and words[0].start() < left:
            break  # one run of words from the margin into the columns: a title, not a header
        above.append(line)
    lines_down = list(reversed(above))
    top = next((i for i, line in enumerate(lines_down) if _dense(line, edges)), 0)
    for i, line in enumerate(lines_down):
        for word in _WORD.finditer(line):
            column = _column_of(word.start(), word.end(), edges)
            if column is None:
                stub.append(word.group())
            elif i >= top:  # a group heading above the columns' own is left out
                found[column].append(word.group())
    return " ".join(stub), [" ".join(words) for words in found]


def _dense(line: str, edges: list[int]) -> bool:
    """True for a header line with a cell over at least half the columns: the columns' own
    labels, not a heading over a group of them ('Varav årets investeringar')."""
    cells = _PHRASE.finditer(line)
    over = {_column_of(m.start(), m.end(), edges) for m in cells} - {None}
    return 2 * len(over) >= len(edges)


def _width(edges: list[int], i: int) -> int:
    """How wide column ``i`` may be: up to the previous column's edge (or 12 for the first)."""
    return edges[i] - edges[i - 1] if i else 12


def _column_of(start: int, end: int, edges: list[int]) -> int | None:
    """The column a header word stands over, or None (the stub, left of every column)."""
    best: tuple[int, int] | None = None
    for i, edge in enumerate(edges):
        low = edge - _width(edges, i)
        if low < end <= edge + HEADER_REACH or low <= start < edge:
            distance = abs(end - edge)
            if best is None or distance < best[0]:
                best = (distance, i)
    return best[1] if best else None


def _key(raw: str) -> str:
    return re.sub(r"[^\d,.\-−–]", "", raw).replace("−", "-").replace("–", "-")


def _apply(tables: list[LayoutTable], figures: list[Figure]) -> int:
    """Match the tables' numbers, in order, to the page's figures and label the matches."""
    cells: list[tuple[LayoutTable, LayoutRow, int]] = [
        (table, row, k) for table in tables for row in table.rows for k in range(len(row.cells))
    ]
    keys = [_key(row.cells[k].raw) for _, row, k in cells]
    ordered = sorted((f for f in figures if f.kind not in _NOT_CELLS), key=lambda f: f.start)
    matcher = SequenceMatcher(None, keys, [_key(f.raw) for f in ordered], autojunk=False)
    labelled = 0
    for block in matcher.get_matching_blocks():
        if block.size < MIN_RUN:
            continue
        for offset in range(block.size):
            table, row, k = cells[block.a + offset]
            figure = ordered[block.b + offset]
            column = table.columns[table.edges.index(_edge_of(row.cells[k].end, table.edges))]
            if not column:
                continue  # no header word over this column: keep what the plain text gave
            figure.row_label, figure.column_label = row.label, column
            counted = _COUNT_COLUMN.search(column)  # 'Antal 2025' counts, it is not in tkr
            unit = table.unit if table.unit and not figure.unit and not counted else ""
            figure.context = f"{row.label} – {column}: {figure.raw}{' ' + unit if unit else ''}"
            labelled += 1
    return labelled


def _edge_of(end: int, edges: list[int]) -> int:
    return min(edges, key=lambda edge: abs(edge - end))

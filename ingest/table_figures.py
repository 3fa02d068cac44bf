"""Tables as data: figures in the rows of a financial table get their row and column label.

A table header is a line that ends in two or more column labels — 'Utfall 2025', 'Budget',
'Prognos helår', 'Avvikelse', 'Återstår', 'Bokslut 2024', bare years — after an optional
stub ('Verksamheter (tkr)'). Each following line of the form '<label> <n> <n> …' with one
number per column is a row: its figures get ``row_label`` (the label), ``column_label``
(the header cell, in order) and a context that says both, e.g.
'Bibliotek – Utfall 2025: -13 123 tkr'. A row with fewer numbers than columns (an empty
cell) is left unlabelled rather than guessed. The table ends at the first line that is
not such a row.
"""

from __future__ import annotations

import re

from lagesbild.swedish import DASH, DASH_IN_CLASS
from lagesbild.types import Figure, NumberKind, Page

_WORD = (
    r"(?:utfall|budget|prognos|avvikelse|budgetavvikelse|återstår|bokslut|helår|period"
    r"|ack(?:\.|umulerat)?|förändring|diff|plan|antal|tot(?:al|alt)?|summa)"
)
# A year after the column word, in full or short: 'Utfall 2025', 'Utfall -16', 'Utfall ’16',
# 'tot 15/16'.
_SHORT_YEAR = rf"[{DASH_IN_CLASS}’']\d{{2}}(?!\d)|\d{{2}}/\d{{2}}(?!\d)"
_QUALIFIER = (
    rf"(?:\s+(?:helår|period|ack\.?|\d{{4}}(?:\s*[{DASH_IN_CLASS}/]\s*\d{{2,4}})?"
    rf"|t\d|q\d|jan{DASH}\w{{3,9}}|{_SHORT_YEAR}))?"
)
_COLUMN = re.compile(rf"(?:{_WORD}{_QUALIFIER}|(?<!\d)(?:19|20)\d\d(?!\d))", re.I)
_UNIT = re.compile(r"\((tkr|mkr|mnkr|kr|mdkr|%|st)\)", re.I)
_MIN_COLUMNS = 2


def _header(line: str) -> tuple[str, list[str]] | None:
    """(stub, column labels) of a header line, else None."""
    cells: list[str] = []
    end = len(line.rstrip())
    rest = line[:end]
    while True:
        match = None
        for m in _COLUMN.finditer(rest):
            if m.end() == len(rest.rstrip()):
                match = m
                break
        if match is None:
            break
        cells.insert(0, match.group(0).strip())
        rest = rest[: match.start()].rstrip()
    if len(cells) < _MIN_COLUMNS:
        return None
    return rest.strip(), cells


def _labels_only(line: str) -> bool:
    """True when a line's numbers all stand inside its column labels ('Utfall -15 Utfall -16
    tot 15/16'): a header, not a row."""
    header = _header(line)
    return header is not None and not re.search(r"\d", header[0])


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each line of ``text``."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def label_table_figures(page: Page, figures: list[Figure]) -> None:
    """Label the figures of ``page`` (offsets into ``page.text``) that stand in table rows."""
    text = page.text
    spans = [s for s in _lines(text) if text[s[0] : s[1]].strip()]
    columns: list[str] | None = None
    unit = ""
    at = 0
    while at < len(spans):
        start, end = spans[at]
        line = text[start:end]
        in_line = sorted(
            (f for f in figures if start <= f.start < end and f.kind is not NumberKind.YEAR),
            key=lambda f: f.start,
        )
        if not in_line or all(_is_year(f) for f in in_line) or _labels_only(line):
            joined, used = _header_lines(text, spans, at)
            header = _header(joined)
            if header:
                stub, columns = header
                found = _UNIT.search(stub)
                unit = found.group(1) if found else ""
                at += used
                continue
        at += 1
        if columns is None:
            continue
        if not in_line:
            if not _caption_or_empty_row(line):
                columns = None
            continue
        label = text[start : in_line[0].start].strip(" :\t-–")
        if not label or not re.search(r"[A-Za-zÅÄÖåäö]", label):
            columns = None
            continue
        if text[in_line[-1].end : end].strip():
            columns = None  # words after the numbers: prose, not a row
            continue
        label, cells = _cells(label, columns, len(in_line))
        if cells is None:
            continue
        for figure, column in zip(in_line, cells, strict=True):
            figure.row_label, figure.column_label = label, column
            shown = f"{figure.raw} {unit}" if unit and not figure.unit else figure.raw
            figure.context = f"{label} – {column}: {shown}"


# A header whose cells stand one per line ("Bokslut", "2023", "Bokslut", "2024", …) is read
# as one line: the following lines that are nothing but a column word or a year are joined.
_HEADER_PIECE = re.compile(rf"(?:{_WORD}|(?:19|20)\d\d)(?:\s+(?:19|20)\d\d)?", re.I)
_MAX_HEADER_LINES = 24
# An empty cell written as a word: 'Stängt', '–', 'saknas'.
PLACEHOLDER = re.compile(r"(?:stängt|stängd|saknas|ej|uppgift saknas|n/a|x|[-–—])", re.I)
# A short line without numbers inside a table is a group caption ('Antal besökare').
_MAX_CAPTION_WORDS = 5


def _header_lines(text: str, spans: list[tuple[int, int]], at: int) -> tuple[str, int]:
    """The line at ``at`` with the header pieces that follow it joined, and how many lines."""
    pieces = [text[spans[at][0] : spans[at][1]].strip()]
    used = 1
    while at + used < len(spans) and used < _MAX_HEADER_LINES:
        nxt = text[spans[at + used][0] : spans[at + used][1]].strip()
        if not _HEADER_PIECE.fullmatch(nxt):
            break
        pieces.append(nxt)
        used += 1
    return " ".join(pieces), used


def _caption_or_empty_row(line: str) -> bool:
    """True for a group caption ('Antal besökare') or a row of empty cells ('Korsavads
    simhall Stängt Stängt'): neither ends the table. Prose does."""
    words = line.split()
    if words and all(PLACEHOLDER.fullmatch(w) for w in words[1:][-2:]):
        return True
    return len(words) <= _MAX_CAPTION_WORDS and not line.rstrip().endswith((".", ":", ";"))


def _cells(label: str, columns: list[str], numbers: int) -> tuple[str, list[str] | None]:
    """(row label, the columns of its numbers): all columns when the count matches; the last
    ones when the row's first cells are empty words ('Tobisviksbadet Stängt 22 898 …');
    None (left unlabelled, not guessed) otherwise."""
    if numbers == len(columns):
        return label, columns
    missing = len(columns) - numbers
    words = label.split()
    if 0 < missing < len(words) and all(PLACEHOLDER.fullmatch(w) for w in words[-missing:]):
        return " ".join(words[:-missing]), columns[missing:]
    return label, None


def _is_year(figure: Figure) -> bool:
    return figure.kind in (NumberKind.YEAR, NumberKind.DATE)

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
    r"|ack(?:\.|umulerat)?|förändring|diff|plan)"
)
_QUALIFIER = (
    rf"(?:\s+(?:helår|period|ack\.?|\d{{4}}(?:\s*[{DASH_IN_CLASS}/]\s*\d{{2,4}})?"
    rf"|t\d|q\d|jan{DASH}\w{{3,9}}))?"
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
    for start, end in spans:
        line = text[start:end]
        in_line = sorted(
            (f for f in figures if start <= f.start < end and f.kind is not NumberKind.YEAR),
            key=lambda f: f.start,
        )
        header = _header(line) if not in_line or all(_is_year(f) for f in in_line) else None
        if header:
            stub, columns = header
            found = _UNIT.search(stub)
            unit = found.group(1) if found else ""
            continue
        if columns is None:
            continue
        label = text[start : in_line[0].start].strip(" :\t-–") if in_line else ""
        if not in_line or not label or not re.search(r"[A-Za-zÅÄÖåäö]", label):
            columns = None
            continue
        if text[in_line[-1].end : end].strip():
            columns = None  # words after the numbers: prose, not a row
            continue
        if len(in_line) != len(columns):
            continue
        for figure, column in zip(in_line, columns, strict=True):
            figure.row_label, figure.column_label = label, column
            shown = f"{figure.raw} {unit}" if unit and not figure.unit else figure.raw
            figure.context = f"{label} – {column}: {shown}"


def _is_year(figure: Figure) -> bool:
    return figure.kind in (NumberKind.YEAR, NumberKind.DATE)

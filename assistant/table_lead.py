"""Answers read from a table: a question that names a table row (and a year or a column) gets
the row's labelled figures themselves, cited, without the model.

Ingest labels the figures of a table's rows with their row and column
(:mod:`ingest.table_figures`): 'Österlens museum – Bokslut 2025: 62 014'. A question such as
"Hur många besökte Österlens museum 2025?" names every word of one row's label and a year
that one of its columns carries; the answer is that cell, with the row quoted verbatim. The
model is not asked: small models pick the wrong column of a row of bare numbers.

Nothing is guessed: the row must stand in a source the search returned, every word of its
label must be in the question, the question must name a year that one of the row's columns
carries (and no column word the row lacks), and two different rows that fit equally well
give no table answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.answer_text import Lead
from assistant.context import Source
from assistant.evidence import TermWeights, Unit, compound_credit, terms
from assistant.lead import Slot, asked_slot
from ingest.numbers import find_numbers
from lagesbild.types import Figure, LeadKind, NumberKind

# Every word of the row's label (by rarity) must be in the question.
MIN_ROW_ASKED = 0.9
# The row's label must name at least this share (by rarity) of what the question asks.
MIN_QUESTION_NAMED = 0.2
# At most this many cells of one row in the lead.
MAX_CELLS = 6

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A bracket in a row label is a code or an aside ('Korsavad (6154)'): a question need not
# name it.
_BRACKETED = re.compile(r"\([^()]*\)")
# A row's cells stand at most this many line breaks after its label (and each other).
MAX_ROW_BREAKS = 2
# Column words a question can name, by the word stem the question uses.
_COLUMN_WORDS = {
    "budget": "budget",
    "prognos": "prognos",
    "utfall": "utfall",
    "bokslut": "bokslut",
    "avvik": "avvikelse",
    "återst": "återstår",
    "antal": "antal",
}


@dataclass
class TableRow:
    """One labelled row of a table in one source."""

    source: Source
    label: str
    cells: list[Figure]

    def line(self) -> str:
        """The row as it stands in the source (verbatim, one line), else its label.

        A label over two lines ('Ny teknik bowlinghall' / 'Korsavad (6154)') with its cells
        on the next is the same row: the words are matched whatever space stands between.
        """
        for line in self.source.text.splitlines():
            if line.strip().startswith(self.label) and all(c.raw in line for c in self.cells):
                return line.strip()
        words = self.label.split()
        if not words:
            return self.label
        pattern = r"\s+".join(re.escape(w) for w in words)
        for found in re.finditer(pattern, self.source.text):
            end = found.end()
            for cell in self.cells:
                at = self.source.text.find(cell.raw, end)
                if at < 0 or self.source.text.count("\n", end, at) > MAX_ROW_BREAKS:
                    break
                end = at + len(cell.raw)
            else:
                return " ".join(self.source.text[found.start() : end].split())
        return self.label


def labelled_by_page(figures: Iterable[Figure]) -> dict[tuple[str, int], list[Figure]]:
    """The figures that carry a row and a column label, by (document, page)."""
    pages: dict[tuple[str, int], list[Figure]] = {}
    for figure in figures:
        if figure.row_label and figure.column_label and not figure.quarantined:
            pages.setdefault((figure.doc, figure.page), []).append(figure)
    return pages


def table_rows(
    sources: Sequence[Source], labelled: Mapping[tuple[str, int], list[Figure]]
) -> list[TableRow]:
    """The labelled rows that stand in the sources' text (a row is the run of cells with one
    label; a repeated column starts the next row of the same label)."""
    rows: list[TableRow] = []
    for source in sources:
        if source.quarantined or source.fields:
            continue
        current: TableRow | None = None
        for figure in sorted(labelled.get((source.doc, source.page), []), key=lambda f: f.start):
            columns = {c.column_label for c in current.cells} if current else set()
            if (
                current is None
                or figure.row_label != current.label
                or figure.column_label in columns
            ):
                current = TableRow(source, figure.row_label or "", [])
                rows.append(current)
            current.cells.append(figure)
    return [r for r in rows if r.line() != r.label]


def table_lead(
    question: str,
    sources: Sequence[Source],
    labelled: Mapping[tuple[str, int], list[Figure]],
    weights: TermWeights,
) -> Lead | None:
    """The lead read from the one table row the question names, or None."""
    slot = asked_slot(question)
    if slot not in (Slot.AMOUNT, Slot.ANY):
        return None
    asked = weights.question_terms(question)
    total = sum(weights.idf(t) for t in asked)
    if total <= 0:
        return None
    fitting: list[tuple[float, TableRow]] = []
    for row in table_rows(sources, labelled):
        own = terms(weights.tokenizer, _BRACKETED.sub(" ", row.label))  # not '(6154)'
        own_total = sum(weights.idf(t) for t in own)
        if own_total <= 0:
            continue
        row_asked = sum(weights.idf(t) * _asked(t, asked) for t in own) / own_total
        named = sum(weights.idf(t) * compound_credit(t, own) for t in asked) / total
        if row_asked >= MIN_ROW_ASKED and named >= MIN_QUESTION_NAMED:
            fitting.append((named, row))
    if not fitting:
        return None
    best = max(score for score, _ in fitting)
    rows = [row for score, row in fitting if score == best]
    if len({(r.label, tuple(c.raw for c in r.cells)) for r in rows}) > 1:
        return None  # two rows fit equally well: no guess
    row = rows[0]
    cells = asked_cells(question, row.cells)
    if not cells:
        return None
    text, labels = row.label, [(0, len(row.label))]
    for i, cell in enumerate(cells[:MAX_CELLS]):
        text += " – " if i == 0 else "; "
        column = cell.column_label or ""
        labels.append((len(text), len(text) + len(column)))
        text += f"{column}: {_value(cell)}"
    unit = Unit(row.line(), row.source.n, 0, cued=True)  # quoted first, heading or not
    return Lead(f"{text} [{row.source.n}].", LeadKind.TABLE, [unit], labels=labels)


def asked_cells(question: str, cells: Sequence[Figure]) -> list[Figure]:
    """The row's cells the question asks for: those of the years it names (with the columns
    without a year, such as 'Återstår'), the columns it names first. [] when it names no year
    that a column carries, or names a column ('avvikelse') that the row has not."""
    years = set(_YEAR.findall(question))
    dated = [c for c in cells if column_years(c.column_label or "")]
    kept = [c for c in cells if c not in dated or column_years(c.column_label or "") & years]
    if not [c for c in kept if c in dated]:
        return []
    # a column of the asked year alone before one spanning years ('Utfall -16', 'tot 15/16')
    kept.sort(key=lambda c: len(column_years(c.column_label or "")))
    folded = question.casefold()
    # the column words the question names, by where it names them ('återstod av budgeten')
    words = {name: folded.index(stem) for stem, name in _COLUMN_WORDS.items() if stem in folded}
    at = {id(c): _named_at(c, words) for c in kept}
    named = sorted((c for c in kept if at[id(c)] >= 0), key=lambda c: at[id(c)])
    shown = " ".join(c.column_label or "" for c in kept).casefold()
    if any(word not in shown for word in words):
        return []  # the question asks for a column the row has not
    return named + [c for c in kept if c not in named]


def column_years(label: str) -> set[str]:
    """The years a column label names, as the number parser reads them: 'Utfall -16' →
    {'2016'}, 'tot 15/16' → {'2015', '2016'}, 'Prognos 2024-12' (a month) → {'2024'}."""
    years: set[str] = set()
    for number in find_numbers(label):
        if number.kind is NumberKind.YEAR and number.value is not None:
            low = int(number.value)
            high = int(number.value_high or low)
            years.update(str(y) for y in range(low, min(high, low + 20) + 1))
        elif number.kind is NumberKind.DATE:
            years.update(_YEAR.findall(number.raw))
    return years


def _named_at(cell: Figure, words: Mapping[str, int]) -> int:
    """Where the question names the cell's column (-1: it does not)."""
    label = (cell.column_label or "").casefold()
    return min((at for word, at in words.items() if word in label), default=-1)


# A row label's abbreviation ('Gem adm') stands for the question's word it begins.
MIN_ABBREVIATION = 3


def _asked(term: str, asked: set[str]) -> float:
    """How far the question asks for a word of the row's label: as :func:`compound_credit`,
    and fully for an abbreviation of one of its words ('adm' for 'administration')."""
    credit = compound_credit(term, asked)
    if credit < 1.0 and len(term) >= MIN_ABBREVIATION and any(a.startswith(term) for a in asked):
        return 1.0
    return credit


def _value(cell: Figure) -> str:
    """The cell's value as its labelled context shows it (with the table's unit)."""
    prefix = f"{cell.row_label} – {cell.column_label}: "
    return cell.context[len(prefix) :] if cell.context.startswith(prefix) else cell.raw

"""TABLE from a numbered table whose text layer keeps no columns: 'Nr <items> …' rows.

Some PDFs write a table as plain lines, one or more per row, all at the same x position,
so neither the cells nor the columns can be told apart::

    Nr Strukturpaket i LUP ekonomi Effekt 2016
    1 Akut omhändertagande (PCI) separat flik 8,2 8,2
    2 Sjuktransporter/sjukresor (utveckling sjukresor taxi
    mellan 2015 och 2016) -1,3 -1,3
    6
    Primärvårdsstruktur (2014-2015 återställande resultat …
    Summa resultatförbättringar per år 45,0 71,2

What still says "table of measures" is the header: a number column ('Nr', '#', 'Löpnr')
followed at once by a column naming the items (åtgärd, insats, aktivitet, uppdrag, or a
compound ending so: 'Strukturpaket', 'Åtgärdsområde' is not one). Under it each row
starts with its number, rising (gaps allowed: rows that were struck out); lines between
two numbers belong to the row above. The table ends at a sum row ('Summa', 'Totalt'), a
number that does not rise, or a paragraph of running text.

A row's title is its first line without the trailing figures and without a comment in
parentheses (a one-word abbreviation in parentheses, '(PCI)', stays); a status phrase
closing the line ('ej startat') is its status. The rest of the row is its description.
"""

from __future__ import annotations

import re

from ingest.measures.action_plan import COLUMN_WORDS
from ingest.measures.status import normalise_status, trailing_status
from ingest.measures.text import Found, TextBlock, is_furniture, join_lines, page_blocks
from lagesbild.types import Measure, MeasureLayout, Page

_NUMBER_LABEL = re.compile(r"^(?:nr\.?|#|löpnr\.?|id)$", re.IGNORECASE)
# Item words a compound column label may end in ('Strukturpaket', 'Förbättringsåtgärd').
_ITEM_ENDINGS = ("åtgärd", "åtgärder", "insats", "insatser", "paket", "uppdrag", "aktivitet")
_ROW = re.compile(r"^(?P<n>\d{1,2})[.)]?(?:\s+(?P<rest>\S.*))?$")
_SUM = re.compile(r"^(?:summa|totalt|total|summering)\b", re.IGNORECASE)
_FIGURES = re.compile(r"(?:\s+[-−–]?\d{1,3}(?:[  ]\d{3})*(?:,\d+)?)+\s*$")
_COMMENT = re.compile(r"\s*\((?P<inner>[^()]*)\)?")
_MIN_ROWS = 3
_MAX_GAP = 3
_SENTENCE_WORDS = 12
_HEADING_WORDS = 8
_LOOK_BACK = 6


def _is_item_label(word: str) -> bool:
    key = word.casefold().strip(":,.")
    return COLUMN_WORDS.get(key) == "activity" or key.endswith(_ITEM_ENDINGS)


def is_header(line: str) -> bool:
    """True for 'Nr <item column> …': a number column right before the items' column."""
    words = line.split()
    return len(words) >= 2 and bool(_NUMBER_LABEL.match(words[0])) and _is_item_label(words[1])


def _is_prose(block: TextBlock) -> bool:
    """A paragraph of running text: a sentence of many words ending with a full stop."""
    text = join_lines(block.lines)
    return text.endswith(".") and len(text.split()) >= _SENTENCE_WORDS


def _table_lines(blocks: list[TextBlock], start: int) -> list[str]:
    """The lines of the table under the header (first line of block ``start``), up to
    where it ends: a sum row or a paragraph of running text."""
    lines = list(blocks[start].lines[1:])
    for block in blocks[start + 1 :]:
        if _is_prose(block):
            break
        lines += [line for line in block.lines if not is_furniture(line)]
    for n, line in enumerate(lines):
        if _SUM.match(line):
            return lines[:n]
    return lines


def _rows(lines: list[str]) -> list[list[str]]:
    """The lines of each numbered row; text before the first number is header text."""
    rows: list[list[str]] = []
    last = 0
    for line in lines:
        match = _ROW.match(line)
        number = int(match.group("n")) if match else None
        if match and number is not None and last < number <= last + _MAX_GAP:
            rows.append([match.group("rest") or ""])
            last = number
        elif number is not None and rows:
            break  # a number that does not rise: the table has ended
        elif rows:
            rows[-1].append(line)
    return [[part for part in row if part] for row in rows if any(row)]


def split_title(line: str) -> tuple[str, str]:
    """(title, comment) of a row's first line: figures at the end and a comment in
    parentheses go; a one-word abbreviation in parentheses ends the title and stays."""
    figures = _FIGURES.search(line)
    text = line[: figures.start()].strip() if figures else line.strip()
    tail = figures.group(0).strip() if figures else ""
    for match in _COMMENT.finditer(text):
        inner = match.group("inner").strip()
        keep = bool(inner) and " " not in inner and inner.isupper()
        cut = match.end() if keep else match.start()
        title = text[:cut].strip(" ,;/")
        if title:
            return title, f"{text[cut:].strip()} {tail}".strip()
    return text.strip(" ,;"), tail


def _measure(doc: str, page: Page, section: str, row: list[str]) -> Measure | None:
    title, comment = split_title(row[0])
    status_raw = None
    ending = trailing_status(title)
    if ending is not None and ending[0]:
        title, status_raw = ending
    if len(title) < 3 or not title[:1].isalpha():
        return None
    description = join_lines([comment, *row[1:]]).strip()
    return Measure(
        id="",
        doc=doc,
        page=page.number,
        pages=[page.number],
        layout=MeasureLayout.TABLE,
        section=section,
        title=title,
        description=description,
        status_raw=status_raw,
        status=normalise_status(status_raw),
    )


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _HEADING_WORDS
        and line[:1].isupper()
        and not line.endswith((".", ":", ",", ";"))
        and not is_header(line)
    )


def _section(before: list[str]) -> str:
    """The nearest heading-like line above the table (this page, then the page before)."""
    for line in reversed(before[-_LOOK_BACK:]):
        if _is_heading(line):
            return line
    return ""


def _page_lines(page: Page | None) -> list[str]:
    return [line for block in page_blocks(page) for line in block.lines] if page else []


def parse_page(doc: str, page: Page, previous: Page | None) -> list[Found]:
    """Measures of the numbered tables of one page."""
    blocks = page_blocks(page)
    found: list[Found] = []
    for i, block in enumerate(blocks):
        if not block.lines or not is_header(block.lines[0]):
            continue
        rows = _rows(_table_lines(blocks, i))
        if len(rows) < _MIN_ROWS:
            continue
        above = [line for b in blocks[:i] for line in b.lines]
        section = _section(_page_lines(previous) + above)
        for n, row in enumerate(rows):
            measure = _measure(doc, page, section, row)
            if measure is not None:
                found.append(Found(measure, page.number, block.index * 1000 + n))
    return found


def parse_numbered_rows(doc: str, pages: list[Page], all_pages: list[Page]) -> list[Found]:
    """Measures of numbered tables without columns on the given pages."""
    by_number = {p.number: p for p in all_pages}
    found: list[Found] = []
    for page in pages:
        found += parse_page(doc, page, by_number.get(page.number - 1))
    return found

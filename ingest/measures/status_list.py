"""STATUS_LIST: short status lists such as '-Planeringsprocessen,klar' / '-Styrmodell, pågår'.

An item is one bullet line: a bullet ('-', '•', '–'), a short name, a separator (comma,
colon or dash) and a known status word closing the line. One such line in running text
is not enough: a block needs at least two items to count as a status list, and a name
with a finite verb ('Arbetet är i fas, klart') is a sentence, not an item.
"""

from __future__ import annotations

import re

from ingest.measures.status import STATUS_PHRASES, normalise_status
from ingest.measures.text import Found, TextBlock, page_blocks, strip_bullet
from lagesbild.types import Measure, MeasureLayout, Page

_PHRASES = "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(STATUS_PHRASES, key=len, reverse=True)
)
_ITEM = re.compile(
    rf"^(?P<name>[^\s,:].{{1,118}}?)\s*(?:,|:|\s[–—-])\s*(?P<status>{_PHRASES})[.!]?$",
    re.IGNORECASE,
)
_MIN_ITEMS = 2
_BULLET = re.compile(r"^\s*[-•–▪*]")
_VERBS = frozenset({"är", "var", "har", "hade", "blir", "ska", "skall", "kommer", "kan", "bör"})
_MAX_NAME_WORDS = 10
# Colour words are statuses in a table cell, but too common as list entries.
_WEAK = {"grön", "gul", "röd", "delvis", "planerad", "planerat"}


def match_item(line: str) -> tuple[str, str] | None:
    """(name, status word) for a status-list line, else None."""
    if not _BULLET.match(line):
        return None
    text = strip_bullet(line).strip()
    match = _ITEM.match(text)
    if not match:
        return None
    name, status = match.group("name").strip(" ,:–-"), match.group("status")
    if status.casefold() in _WEAK or len(name.split()) > _MAX_NAME_WORDS:
        return None
    if name.endswith((".", "?", "!")) or not name[:1].isalpha():
        return None
    if _VERBS & {w.casefold() for w in re.split(r"[\s,/]+", name)}:
        return None
    return name, status


def _heading(block: TextBlock, line_no: int, title: str | None) -> str:
    """The line above the first item of its block, else the slide title."""
    if line_no > 0 and match_item(block.lines[line_no - 1]) is None:
        return block.lines[line_no - 1]
    return title or ""


def parse_status_list(doc: str, page: Page) -> list[Found]:
    """Measures from the status-list items of one page (blocks with two or more items)."""
    found: list[Found] = []
    for block in page_blocks(page):
        items = [(n, match) for n, line in enumerate(block.lines) if (match := match_item(line))]
        if len(items) < _MIN_ITEMS:
            continue
        section = _heading(block, items[0][0], page.title)
        for line_no, (name, status_raw) in items:
            measure = Measure(
                id="",
                doc=doc,
                page=page.number,
                pages=[page.number],
                layout=MeasureLayout.STATUS_LIST,
                section=section,
                title=name,
                status_raw=status_raw,
                status=normalise_status(status_raw),
            )
            found.append(Found(measure, page.number, block.index * 1000 + line_no))
    return found

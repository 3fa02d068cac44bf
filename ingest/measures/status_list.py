"""STATUS_LIST: short status lists such as '-Planeringsprocessen,klar' / '-Styrmodell, pågår'.

An item is one line: an optional bullet, a name, a separator (comma, colon or dash) and
a known status word closing the line. One such line in running text is not enough: a
page needs at least two items to count as a status list.
"""

from __future__ import annotations

import re

from ingest.measures.status import STATUS_PHRASES, normalise_status
from ingest.measures.text import Block, Found, page_blocks, strip_bullet
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Page

_PHRASES = "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(STATUS_PHRASES, key=len, reverse=True)
)
_ITEM = re.compile(
    rf"^(?P<name>[^\s,:].{{1,118}}?)\s*(?:,|:|\s[–—-])\s*(?P<status>{_PHRASES})[.!]?$",
    re.IGNORECASE,
)
_MIN_ITEMS = 2
_MAX_NAME_WORDS = 10
# Colour words are statuses in a table cell, but too common as list entries.
_WEAK = {"grön", "gul", "röd", "delvis", "planerad", "planerat"}


def match_item(line: str) -> tuple[str, str] | None:
    """(name, status word) for a status-list line, else None."""
    text = strip_bullet(line).strip()
    match = _ITEM.match(text)
    if not match:
        return None
    name, status = match.group("name").strip(" ,:–-"), match.group("status")
    if status.casefold() in _WEAK or len(name.split()) > _MAX_NAME_WORDS:
        return None
    if name.endswith((".", "?", "!")) or not name[:1].isalpha():
        return None
    return name, status


def _heading(blocks: list[Block], block: Block, line_no: int, title: str | None) -> str:
    """The line above the first item of its block, else the slide title."""
    if line_no > 0 and match_item(block.lines[line_no - 1]) is None:
        return block.lines[line_no - 1]
    return title or ""


def parse_status_list(doc: str, page: Page) -> list[Found]:
    """Measures from the status-list items of one page; [] if fewer than two."""
    blocks = page_blocks(page)
    items: list[tuple[Block, int, str, str]] = []
    for block in blocks:
        for line_no, line in enumerate(block.lines):
            match = match_item(line)
            if match:
                items.append((block, line_no, *match))
    if len(items) < _MIN_ITEMS:
        return []
    found: list[Found] = []
    section = ""
    for block, line_no, name, status_raw in items:
        first_of_block = line_no == 0 or match_item(block.lines[line_no - 1]) is None
        if first_of_block:
            section = _heading(blocks, block, line_no, page.title)
        status = normalise_status(status_raw)
        measure = Measure(
            id="", doc=doc, page=page.number, pages=[page.number],
            layout=MeasureLayout.STATUS_LIST, section=section, title=name,
            status_raw=status_raw, status=status if status else MeasureStatus.UNKNOWN,
        )
        found.append(Found(measure, page.number, block.index * 1000 + line_no))
    return found

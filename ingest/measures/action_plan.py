"""ACTION_PLAN: multi-page action-plan tables ('Aktivitet | Beskrivning | Ansvarig | …').

A plan starts at a header line made only of column names — an activity column
('Aktivitet', 'Åtgärd', 'Insats'), an owner column ('Ansvarig', 'Ansvar') and a due
or status column ('Tidpunkt', 'Klart senast', 'Tidplan', 'Status') — and runs over the
following pages (the header may repeat on each) until a page of running prose. Its
blocks are turned into a stream of cells (``action_cells``), and the cells into rows
(``action_rows``).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ingest.measures.action_cells import (
    Cell,
    Kind,
    cut_leading,
    cut_squashed,
    cut_trailing_owner,
    due_like,
    owner_like,
    section_heading,
)
from ingest.measures.action_rows import build_rows
from ingest.measures.dates import find_due
from ingest.measures.text import Found, TextBlock, clean_line, is_furniture, page_blocks
from lagesbild.types import Page

COLUMN_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "aktivitet",
            "aktiviteter",
            "åtgärd",
            "åtgärder",
            "insats",
            "insatser",
            "moment",
            "delmål",
            "vad",
            "uppgift",
            "förslag",
        ),
        "activity",
    ),
    **dict.fromkeys(
        (
            "beskrivning",
            "kommentar",
            "kommentarer",
            "syfte",
            "innehåll",
            "förklaring",
            "mål",
            "hur",
        ),
        "description",
    ),
    **dict.fromkeys(
        ("ansvarig", "ansvariga", "ansvar", "vem", "ägare", "huvudansvarig", "ansvarar"), "owner"
    ),
    **dict.fromkeys(
        (
            "tidpunkt",
            "tid",
            "tidplan",
            "tidsplan",
            "när",
            "datum",
            "deadline",
            "slutdatum",
            "senast",
            "klart",
            "klar",
            "klart senast",
            "tidsram",
            "genomförs",
            "slut",
            "slutår",
            "färdigt",
        ),
        "due",
    ),
    # A start is no deadline, and a partner no owner: columns read, never as due or owner.
    **dict.fromkeys(("start", "startdatum", "startår", "påbörjas", "början"), "start"),
    **dict.fromkeys(
        ("samverkanspart", "samverkansparter", "samverkan", "medverkande", "medverkar"),
        "partner",
    ),
    **dict.fromkeys(("status", "uppföljning", "läge", "lägesrapport", "resultat"), "status"),
    **dict.fromkeys(("prognos", "effekthemtagning", "effekt"), "forecast"),
    **dict.fromkeys(("och", "&", "/", "-", "–", "nr"), "filler"),
}
_LEGEND = re.compile(r"^[A-ZÅÄÖ]{1,5}\s?=\s?[A-ZÅÄÖ]\w+(?:,\s*[A-ZÅÄÖ]{1,5}\s?=\s?\w+)*$")
_PROSE_FACTOR = 1.25


@dataclass
class _Region:
    pages: list[int] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    numbered_rows: bool = False  # a 'Nr' column: '1 Införa …' is a row, not a group


def header_roles(text: str) -> list[str] | None:
    """Column roles of a header line, or None if it is not an action-plan header."""
    words = [w for w in re.split(r"[\s/]+", clean_line(text).casefold()) if w]
    roles: list[str] = []
    for word in words:
        role = COLUMN_WORDS.get(word.strip(":,."))
        if role is None:
            return None
        if role != "filler" and role not in roles:
            roles.append(role)
    if "activity" not in roles or "owner" not in roles or len(roles) < 3:
        return None
    if {"start", "partner"} & set(roles):
        return None  # columns the text parser cannot place; tables read them (tables, grid)
    return roles if {"due", "status"} & set(roles) else None


def _find_header(block: TextBlock) -> tuple[int, int] | None:
    """(first line, lines used) of a header inside a block, else None.

    A header wrapped over two lines ('… Ansvarig Tidpunkt' / 'Status') uses both.
    """
    lines = block.lines
    for i in range(len(lines)):
        if i + 1 < len(lines) and header_roles(f"{lines[i]} {lines[i + 1]}"):
            return i, 2
        if header_roles(lines[i]):
            return i, 1
    return None


def _strip_header(blocks: list[TextBlock], first_page: bool) -> tuple[list[TextBlock], str]:
    """Blocks of a page without its header (and without what precedes it on page one),
    and the header's text ('' when the page has none)."""
    out: list[TextBlock] = []
    seen = ""
    for block in blocks:
        hit = _find_header(block)
        if hit is None:
            out.append(block)
            continue
        start, size = hit
        if first_page and not seen:
            out.clear()
            before: list[str] = []
        else:
            before = [line for line in block.lines[:start] if not is_furniture(line)]
        seen = seen or " ".join(block.lines[start : start + size])
        rest = before + block.lines[start + size :]
        if rest:
            out.append(TextBlock(block.page, block.index, rest))
    return out, seen


def _prose_page(blocks: list[TextBlock], width: float) -> bool:
    """A page of running text: two or more blocks of three-plus lines wider than the table."""
    wide = [b for b in blocks if len(b.lines) >= 3 and sum(len(x) > width for x in b.lines) >= 3]
    return len(wide) >= 2


def find_regions(pages: list[Page]) -> list[_Region]:
    """Action-plan regions: from a header page through the table-like pages after it."""
    regions: list[_Region] = []
    current: _Region | None = None
    width = 0.0
    for page in pages:
        blocks = [b for b in page_blocks(page) if b.lines]
        kept, has_header = _strip_header(blocks, first_page=current is None)
        if current is None and not has_header:
            continue
        if current is not None and not has_header and _prose_page(blocks, width):
            regions.append(current)
            current = None
            continue
        if current is None:
            words = has_header.casefold().split()
            current = _Region(numbered_rows=bool({"nr", "#", "id"} & set(words)))
            lengths = sorted(len(x) for b in kept for x in b.lines) or [50]
            width = _PROSE_FACTOR * lengths[int(0.9 * (len(lengths) - 1))]
        current.pages.append(page.number)
        current.blocks += kept
    if current is not None:
        regions.append(current)
    return regions


def _line_cells(line: str, page: int, first: bool) -> list[Cell] | None:
    """Cells from one line cut at anchors, or None when the line is a single cell."""
    squashed = cut_squashed(line)
    if squashed and squashed[0]:
        before, owner, due, rest = squashed
        cells = [Cell(Kind.TEXT, [before], page, tags={"row_start"})]
        cells += [Cell(Kind.OWNER, [owner], page)] if owner else []
        cells.append(Cell(Kind.DUE, [due], page))
        cells += [Cell(Kind.TEXT, [rest], page, tags={"status"})] if rest else []
        return cells
    leading = cut_leading(line) if first else None
    if leading:
        owner, due, rest = leading
        cells = [Cell(Kind.OWNER, [owner], page)] if owner else []
        cells.append(Cell(Kind.DUE, [due], page))
        cells += [Cell(Kind.TEXT, [rest], page, tags={"status", "lead"})] if rest else []
        return cells
    words = line.split()
    if first and len(words) > 1 and owner_like(words[0]) and words[1][:1].isupper():
        return [
            Cell(Kind.OWNER, [words[0]], page),
            Cell(Kind.TEXT, [" ".join(words[1:])], page, tags={"status", "lead"}),
        ]
    return None


def _block_kind(block: TextBlock) -> Kind:
    text = block.text
    if owner_like(text):
        return Kind.OWNER
    if due_like(text):
        return Kind.DUE
    for k in (1, 2):
        head, tail = " ".join(block.lines[:k]), " ".join(block.lines[k:])
        if tail and due_like(head) and (found := find_due(tail)) and found[2] == 0:
            return Kind.DUE
    return Kind.TEXT


def _split_continuation(block: TextBlock) -> list[TextBlock]:
    """A block that starts in lower case continues a cell only up to its first new line
    that starts with a capitalised word ('doktorander' / 'Utvecklingsdagar/internat …')."""
    if not block.lines[0][:1].islower():
        return [block]
    for i, line in enumerate(block.lines[1:], start=1):
        if line[:1].isupper() and line[1:2].islower():
            head, tail = block.lines[:i], block.lines[i:]
            return [
                TextBlock(block.page, block.index, head),
                TextBlock(block.page, block.index, tail),
            ]
    return [block]


def _trailing_anchors(lines: list[str]) -> tuple[list[str], list[Cell]]:
    """Owner/tidpunkt lines closing a text block: 'i verksamheten' + 'Områdeschef'."""
    tail: list[Cell] = []
    rest = list(lines)
    while len(rest) > 1:
        last = rest[-1]
        if due_like(last) and not tail:
            tail.insert(0, Cell(Kind.DUE, [last], 0))
        elif (
            owner_like(last)
            and len(last.split()) <= 3
            and not rest[-2].endswith((",", "-"))
            and (not tail or tail[0].kind is Kind.DUE)
        ):
            tail.insert(0, Cell(Kind.OWNER, [last], 0))
        else:
            break
        rest.pop()
    return rest, tail


def _text_cells(lines: list[str], page: int) -> list[Cell]:
    """A run of plain lines: text, perhaps closed by an owner (and tidpunkt)."""
    rest, tail = _trailing_anchors(lines)
    if not tail:
        trailing = cut_trailing_owner(rest[-1])
        if trailing and (len(rest) > 1 or trailing[0]):
            rest = [*rest[:-1], trailing[0]]
            tail = [Cell(Kind.OWNER, [trailing[1]], page)]
    for cell in tail:
        cell.page = page
    return [Cell(Kind.TEXT, rest, page), *tail]


def _block_cells(block: TextBlock) -> list[Cell]:
    """Cells of one block: whole-block anchors, else lines cut at anchors."""
    kind = _block_kind(block)
    if kind is not Kind.TEXT:
        return [Cell(kind, block.lines, block.page)]
    cells: list[Cell] = []
    pending: list[str] = []
    for n, line in enumerate(block.lines):
        cut = _line_cells(line, block.page, first=n == 0)
        if cut is None and n and cells and "lead" in cells[-1].tags:
            cells[-1].lines.append(line)
            continue
        if cut is None:
            pending.append(line)
            continue
        if pending:
            cells += _text_cells(pending, block.page)
            pending = []
        cells += cut
    if pending:
        cells += _text_cells(pending, block.page)
    return cells


def _merge_dues(cells: list[Cell]) -> list[Cell]:
    """A text cell right after a tidpunkt that starts with a date belongs to it."""
    out: list[Cell] = []
    for cell in cells:
        prev = out[-1] if out else None
        found = find_due(cell.text) if cell.kind is Kind.TEXT else None
        if prev is not None and prev.kind is Kind.DUE and found and found[2] == 0:
            prev.lines += cell.lines
            continue
        out.append(cell)
    return out


def _block_parts(lines: list[str], expected: int) -> tuple[list[tuple[bool, list[str]]], int]:
    """Cut a block's lines at numbered group headings: [(is_heading, lines)], last number."""
    parts: list[tuple[bool, list[str]]] = []
    start = i = 0
    while i < len(lines):
        heading = section_heading(lines[i], expected)
        if heading is None:
            i += 1
            continue
        if i > start:
            parts.append((False, lines[start:i]))
        expected, end = heading[0], i + 1
        while end < len(lines) and lines[end][:1].islower():
            end += 1
        parts.append((True, lines[i:end]))
        start = i = end
    if start < len(lines):
        parts.append((False, lines[start:]))
    return parts, expected


def region_cells(region: _Region) -> list[Cell]:
    """The region's blocks as one cell stream, with numbered group headings as sections."""
    cells: list[Cell] = []
    expected = 0
    for block in region.blocks:
        lines = [x for x in block.lines if not is_furniture(x) and not _LEGEND.match(x)]
        if region.numbered_rows:
            parts = [(False, lines)] if lines else []
        else:
            parts, expected = _block_parts(lines, expected)
        for heading, part in parts:
            if heading:
                cells.append(Cell(Kind.SECTION, part, block.page))
                continue
            for sub in _split_continuation(TextBlock(block.page, block.index, part)):
                cells += _block_cells(sub)
    return _merge_dues(cells)


def parse_action_plans(doc: str, pages: list[Page]) -> list[Found]:
    """Measures from every action-plan table among ``pages``."""
    found: list[Found] = []
    for region in find_regions(pages):
        cells = region_cells(region)
        widths = [len(x) for c in cells if c.kind is Kind.TEXT for x in c.lines]
        text_width = statistics.quantiles(widths, n=10)[-1] if len(widths) >= 10 else 50.0
        found += build_rows(doc, cells, text_width)
    return found

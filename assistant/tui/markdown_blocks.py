"""Markdown, as the user edited a draft, read back into the blocks the Word exporter writes.

Only what the drafts use is understood: headings (``#`` is the title, ``##`` a section,
``###`` a subsection), paragraphs (``**Etikett:** text`` keeps its bold label), quotes
(``>``), bulleted and numbered lists, and pipe tables. Emphasis marks and backslash escapes
are removed; anything else stays as text, so nothing the user wrote is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.drafts.outline import Block, Bullets, Heading, Paragraph, TableBlock

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^\s*[-*+•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_LABEL = re.compile(r"^\*\*(.+?):\*\*\s*(.*)$", re.DOTALL)
_STRONG = re.compile(r"(?<!\\)(?:\*\*|__)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of a Markdown text (see the module docstring)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or _RULE.match(line):
            i += 1
        elif heading := _HEADING.match(line.strip()):
            blocks.append(Heading(plain(heading.group(2)), len(heading.group(1)) - 1))
            i += 1
        elif line.lstrip().startswith("|"):
            rows, i = _take(lines, i, lambda s: s.lstrip().startswith("|"))
            blocks.append(_table(rows))
        elif _QUOTE.match(line):
            quoted, i = _take(lines, i, lambda s: bool(_QUOTE.match(s)))
            body = " ".join(_QUOTE.sub(r"\1", q).strip() for q in quoted)
            blocks.append(_paragraph(body, quote=True))
        elif _BULLET.match(line) or _NUMBERED.match(line):
            items, numbered, i = _list(lines, i)
            blocks.append(Bullets(items, numbered))
        else:
            para, i = _take(lines, i, _continues_paragraph)
            blocks.append(_paragraph(" ".join(p.strip() for p in para)))
    return blocks


def plain(text: str) -> str:
    """Inline Markdown as plain text: bold marks and backslash escapes removed."""
    return _ESCAPE.sub(r"\1", _STRONG.sub("", text)).strip()


def _take(lines: list[str], i: int, keep: Callable[[str], bool]) -> tuple[list[str], int]:
    """Lines from ``i`` on while ``keep`` holds (at least one), and the index after them."""
    taken = [lines[i]]
    i += 1
    while i < len(lines) and lines[i].strip() and keep(lines[i]):
        taken.append(lines[i])
        i += 1
    return taken, i


def _continues_paragraph(line: str) -> bool:
    starts_block = (
        _HEADING.match(line.strip())
        or line.lstrip().startswith("|")
        or _QUOTE.match(line)
        or _BULLET.match(line)
        or _NUMBERED.match(line)
        or _RULE.match(line)
    )
    return not starts_block


def _paragraph(text: str, quote: bool = False) -> Paragraph:
    label = _LABEL.match(text)
    if label:
        return Paragraph(plain(label.group(2)), label=plain(label.group(1)), quote=quote)
    return Paragraph(plain(text), quote=quote)


def _list(lines: list[str], i: int) -> tuple[list[str], bool, int]:
    """A run of list items of one kind; indented lines without a mark continue an item."""
    numbered = _NUMBERED.match(lines[i]) is not None and _BULLET.match(lines[i]) is None
    mark = _NUMBERED if numbered else _BULLET
    items: list[str] = []
    while i < len(lines) and lines[i].strip():
        item = mark.match(lines[i])
        if item:
            items.append(item.group(1).strip())
        elif lines[i][:1].isspace() and items and _continues_paragraph(lines[i]):
            items[-1] = f"{items[-1]} {lines[i].strip()}"
        else:
            break
        i += 1
    return [plain(item) for item in items], numbered, i


def _table(rows: list[str]) -> TableBlock:
    cells = [list(_cells(row)) for row in rows]
    cells = [row for row in cells if not all(_SEPARATOR_CELL.match(c) for c in row if c)]
    header = cells[0] if cells else [""]
    width = len(header)
    body = [(row + [""] * width)[:width] for row in cells[1:]]
    return TableBlock(header, body)


def _cells(row: str) -> Iterator[str]:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    for cell in _CELL_BORDER.split(inner):
        yield plain(cell)

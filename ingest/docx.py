"""Word documents (python-docx): paragraphs and tables in document order, split into pages.

Pages are split at explicit page breaks (a page break, 'page break before', a section break)
when the document has any; else before every Heading 1 and, within long sections, about every
``PAGE_CHARS`` characters, so page numbers stay meaningful. Each paragraph is one block; a table
is a ``Table`` and one text block (a line per row, cells joined by ' | ').
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ingest.normalize import normalize_line, normalize_text
from ingest.pptx import render_table, table_rows
from lagesbild.errors import CorruptDocumentError, DocumentError
from lagesbild.types import Page, Table

PAGE_CHARS = 3000
PAGE_BREAK = "\f"
_FIX = "Öppna filen i Word, spara den igen som .docx och kör `lagesbild ingest` igen."
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik"})
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _TYPE = qn("w:noBreakHyphen"), qn("w:type")


@dataclass
class _Block:
    """One paragraph or table, with what it says about pages and headings."""

    text: str
    level: int | None = None  # heading level (0 for the Title style)
    break_before: bool = False
    table: Table | None = None


@dataclass
class _PageDraft:
    """A page being assembled."""

    blocks: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    title: str | None = None
    chars: int = 0


def _heading_level(paragraph: Paragraph) -> int | None:
    """Heading level from the paragraph style ('Heading 1', 'Rubrik 2', 'Title')."""
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return int(match.group(1))
    return 0 if name.strip().casefold() in _TITLE_STYLES else None


def _paragraph_parts(paragraph: Paragraph) -> tuple[str, bool]:
    """Paragraph text with page breaks as form feeds, and whether a break comes before it."""
    parts: list[str] = []
    for element in paragraph._p.iter():
        tag = element.tag
        if tag == _T:
            parts.append(element.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR:
            parts.append(PAGE_BREAK if element.get(_TYPE) == "page" else "\n")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    ppr = paragraph._p.pPr
    before = ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None
    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
        parts.append(PAGE_BREAK)  # a section break ends the page after this paragraph
    return "".join(parts), before


def _table_block(table: DocxTable) -> _Block | None:
    """A Word table as a block; horizontally merged cells are read once."""
    raw_rows: list[list[str]] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        raw_rows.append(cells)
    rows = table_rows(raw_rows)
    if not rows:
        return None
    result = Table(rows=rows)
    return _Block(text=render_table(result), table=result)


def _blocks(document: Any) -> list[_Block]:
    """Paragraphs and tables in document order; page breaks split a paragraph's text."""
    blocks: list[_Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            block = _table_block(item)
            if block is not None:
                blocks.append(block)
            continue
        text, before = _paragraph_parts(item)
        level = _heading_level(item)
        for i, piece in enumerate(text.split(PAGE_BREAK)):
            blocks.append(_Block(text=piece, level=level, break_before=before or i > 0))
    return blocks


def _starts_page(block: _Block, draft: _PageDraft, explicit: bool) -> bool:
    """True when ``block`` should open a new page."""
    if not draft.blocks:
        return False
    if explicit:
        return block.break_before
    if block.level is not None and block.level <= 1:
        return True
    return draft.chars + len(block.text) > PAGE_CHARS


def _paginate(blocks: list[_Block]) -> list[_PageDraft]:
    """Group blocks into pages (see the module docstring)."""
    explicit = any(b.break_before for b in blocks)
    drafts = [_PageDraft()]
    section: str | None = None
    for block in blocks:
        if _starts_page(block, drafts[-1], explicit):
            drafts.append(_PageDraft(title=None if explicit else section))
        draft = drafts[-1]
        text = block.text.strip()
        if block.level is not None and text:
            if explicit:
                draft.title = draft.title or normalize_line(text)
            elif block.level <= 1:
                section = normalize_line(text)
                draft.title = section if not draft.blocks else draft.title
        if block.table is not None:
            draft.tables.append(block.table)
        if text:
            draft.blocks.append(block.text)
            draft.chars += len(block.text)
    return drafts


def parse_docx(path: Path, data: bytes) -> tuple[list[Page], str | None]:
    """Read a DOCX into pages and its metadata title."""
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        meta_title = normalize_line(document.core_properties.title or "") or None
    except DocumentError:
        raise
    except Exception as exc:  # the one broad catch: python-docx may raise anything on a broken file
        raise CorruptDocumentError(
            path.name, f"Word-filen är skadad och kan inte läsas ({type(exc).__name__})", _FIX
        ) from exc
    drafts = [d for d in _paginate(blocks) if d.blocks or d.tables] or [_PageDraft()]
    pages = [
        Page(
            number=i,
            text=normalize_text("\n\n".join(draft.blocks)),
            title=draft.title,
            tables=draft.tables,
        )
        for i, draft in enumerate(drafts, start=1)
    ]
    return pages, meta_title

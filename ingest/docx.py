"""Word documents (python-docx): paragraphs and tables in document order, split into pages.

Pages are split at explicit page breaks (a page break, 'page break before', a section break)
when the document has any; else before every Heading 1 and, within long sections, about every
``PAGE_CHARS`` characters, so page numbers stay meaningful. Each paragraph is one block; a table
is a ``Table`` and one text block (a line per row, cells joined by ' | ').

Hidden runs (``w:vanish``, directly or through a style) and comments (``word/comments.xml``)
are not the document's text: they go to ``Page.hidden`` on the page where they are anchored,
never into the page text. A hidden run keeps the paragraph it stands in as its ``block``, so an
instruction hidden in a paragraph quarantines that paragraph too.
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

from ingest.deadline import check as check_deadline
from ingest.normalize import normalize_line, normalize_text
from ingest.pptx import render_table, table_rows
from lagesbild.errors import CorruptDocumentError, DocumentError
from lagesbild.types import HiddenReason, HiddenText, Page, Table

PAGE_CHARS = 3000
PAGE_BREAK = "\f"
_FIX = "Öppna filen i Word, spara den igen som .docx och kör `lagesbild ingest` igen."
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik"})
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _TYPE = qn("w:noBreakHyphen"), qn("w:type")
_R, _RPR, _VANISH, _VAL = qn("w:r"), qn("w:rPr"), qn("w:vanish"), qn("w:val")
_RSTYLE, _PSTYLE, _STYLE_ID = qn("w:rStyle"), qn("w:pStyle"), qn("w:styleId")
_COMMENT_REF, _ID = qn("w:commentReference"), qn("w:id")
_OFF = frozenset({"0", "false", "off"})


@dataclass
class _Block:
    """One paragraph or table, with what it says about pages and headings."""

    text: str
    level: int | None = None  # heading level (0 for the Title style)
    break_before: bool = False
    table: Table | None = None
    hidden: list[HiddenText] = field(default_factory=list)


@dataclass
class _PageDraft:
    """A page being assembled."""

    blocks: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    title: str | None = None
    chars: int = 0
    hidden: list[HiddenText] = field(default_factory=list)


def _heading_level(paragraph: Paragraph) -> int | None:
    """Heading level from the paragraph style ('Heading 1', 'Rubrik 2', 'Title')."""
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return int(match.group(1))
    return 0 if name.strip().casefold() in _TITLE_STYLES else None


@dataclass(frozen=True)
class _Hiding:
    """What hides text in this document: hidden styles (by id) and the comments (by id)."""

    styles: frozenset[str] = frozenset()
    comments: dict[str, str] = field(default_factory=dict)


def _vanish(rpr: Any) -> bool | None:
    """True/False when run properties set ``w:vanish``, None when they do not say."""
    vanish = rpr.find(_VANISH) if rpr is not None else None
    return None if vanish is None else vanish.get(_VAL, "true").casefold() not in _OFF


def _hiding(document: Any) -> _Hiding:
    """The document's hidden styles and its comments' texts."""
    styles = frozenset(
        style.get(_STYLE_ID, "")
        for style in document.styles.element.iter(qn("w:style"))
        if _vanish(style.find(_RPR))
    )
    try:
        comments = {str(c.comment_id): c.text for c in document.comments}
    except (KeyError, ValueError, AttributeError):
        comments = {}
    return _Hiding(styles, comments)


def _run_hidden(run: Any, hiding: _Hiding, paragraph_hidden: bool) -> bool:
    """Whether a run is hidden: its own ``w:vanish``, else its style's, else the paragraph's."""
    rpr = run.find(_RPR)
    direct = _vanish(rpr)
    if direct is not None:
        return direct
    style = rpr.find(_RSTYLE) if rpr is not None else None
    if style is not None and style.get(_VAL) in hiding.styles:
        return True
    return paragraph_hidden


def _paragraph_parts(paragraph: Any, hiding: _Hiding) -> tuple[str, str, bool, list[str]]:
    """Visible text (page breaks as form feeds), hidden text, whether a break comes before,
    and the ids of the comments anchored in the paragraph.
    """
    ppr = paragraph.pPr
    pstyle = ppr.find(_PSTYLE) if ppr is not None else None
    paragraph_hidden = pstyle is not None and pstyle.get(_VAL) in hiding.styles
    parts: list[str] = []
    hidden: list[str] = []
    comments: list[str] = []
    runs: dict[int, tuple[Any, bool]] = {}  # the run is kept so that its id stays its own
    for element in paragraph.iter():
        tag = element.tag
        if tag == _COMMENT_REF:
            comments.append(element.get(_ID, ""))
            continue
        run = element.getparent()
        if run is None or run.tag != _R:
            continue
        if id(run) not in runs:
            runs[id(run)] = (run, _run_hidden(run, hiding, paragraph_hidden))
        out = hidden if runs[id(run)][1] else parts
        if tag == _T:
            out.append(element.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag == _BR:
            out.append(PAGE_BREAK if element.get(_TYPE) == "page" and out is parts else "\n")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
    before = ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None
    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
        parts.append(PAGE_BREAK)  # a section break ends the page after this paragraph
    return "".join(parts), "".join(hidden), before, comments


def _side_texts(hidden: str, comments: list[str], block: str, hiding: _Hiding) -> list[HiddenText]:
    """A paragraph's hidden runs (kept with their paragraph) and its comments."""
    found: list[HiddenText] = []
    if text := normalize_text(hidden):
        found.append(HiddenText(text=text, reason=HiddenReason.VANISH, block=normalize_text(block)))
    for comment in dict.fromkeys(comments):
        if text := normalize_text(hiding.comments.get(comment, "")):
            found.append(HiddenText(text=text, reason=HiddenReason.COMMENT))
    return found


def _table_block(table: DocxTable, hiding: _Hiding) -> _Block | None:
    """A Word table as a block; horizontally merged cells are read once."""
    raw_rows: list[list[str]] = []
    hidden: list[HiddenText] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts: list[str] = []
            for paragraph in cell.paragraphs:
                text, secret, _, comments = _paragraph_parts(paragraph._p, hiding)
                texts.append(text.replace(PAGE_BREAK, ""))
                hidden += _side_texts(secret, comments, "", hiding)
            cells.append("\n".join(texts))
        raw_rows.append(cells)
    rows = table_rows(raw_rows)
    if not rows:
        return None if not hidden else _Block(text="", hidden=hidden)
    result = Table(rows=rows)
    return _Block(text=render_table(result), table=result, hidden=hidden)


def _blocks(document: Any) -> list[_Block]:
    """Paragraphs and tables in document order; page breaks split a paragraph's text."""
    hiding = _hiding(document)
    blocks: list[_Block] = []
    for item in document.iter_inner_content():
        check_deadline()
        if isinstance(item, DocxTable):
            block = _table_block(item, hiding)
            if block is not None:
                blocks.append(block)
            continue
        text, secret, before, comments = _paragraph_parts(item._p, hiding)
        level = _heading_level(item)
        pieces = text.split(PAGE_BREAK)
        anchor = next((i for i, piece in enumerate(pieces) if piece.strip()), 0)
        for i, piece in enumerate(pieces):
            side = _side_texts(secret, comments, piece, hiding) if i == anchor else []
            blocks.append(
                _Block(text=piece, level=level, break_before=before or i > 0, hidden=side)
            )
    anchored = {h.text for b in blocks for h in b.hidden if h.reason is HiddenReason.COMMENT}
    loose = [
        HiddenText(text=text, reason=HiddenReason.COMMENT)
        for comment in hiding.comments.values()
        if (text := normalize_text(comment)) and text not in anchored
    ]
    if loose:  # comments not anchored anywhere: with the last page
        blocks.append(_Block(text="", hidden=loose))
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
        draft.hidden += block.hidden
        if text:
            draft.blocks.append(block.text)
            draft.chars += len(block.text)
    return drafts


def _kept(drafts: list[_PageDraft]) -> list[_PageDraft]:
    """Pages with text or tables; hidden text of an empty page goes to the page before."""
    kept: list[_PageDraft] = []
    orphans: list[HiddenText] = []
    for draft in drafts:
        if draft.blocks or draft.tables:
            draft.hidden = [*orphans, *draft.hidden]
            orphans = []
            kept.append(draft)
        elif kept:
            kept[-1].hidden += draft.hidden
        else:
            orphans += draft.hidden
    return kept or [_PageDraft(hidden=orphans)]


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
    drafts = _kept(_paginate(blocks))
    pages = [
        Page(
            number=i,
            text=normalize_text("\n\n".join(draft.blocks)),
            title=draft.title,
            tables=draft.tables,
            hidden=draft.hidden,
        )
        for i, draft in enumerate(drafts, start=1)
    ]
    return pages, meta_title

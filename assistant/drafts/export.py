"""Drafts as Markdown or Word (.docx), written atomically.

Both formats render the blocks of :mod:`assistant.drafts.outline`. Word output uses the
built-in styles of python-docx's default template — *Title*, *Heading 1–2*, *List Bullet*,
*List Number*, *Quote*, *Table Grid* — so the document takes the house style when pasted
into another template. A file is written to a temporary name in the same folder and then
renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from assistant.drafts.blocks import Block, Bullets, Heading, Paragraph, TableBlock
from lagesbild.errors import ConfigError

SUFFIXES = (".md", ".docx")


# --------------------------------------------------------------------------- Markdown


def to_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as Markdown (CommonMark with pipe tables)."""
    parts = [_markdown_block(block) for block in blocks]
    return "\n\n".join(part for part in parts if part) + "\n"


def _markdown_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * (block.level + 1)} {_md(block.text)}"
    if isinstance(block, Paragraph):
        text = _md(block.text)
        if block.label:
            text = f"**{_md(block.label)}:** {text}".rstrip()
        return f"> {text}" if block.quote else text
    if isinstance(block, Bullets):
        marks = [f"{n}." if block.numbered else "-" for n in range(1, len(block.items) + 1)]
        return "\n".join(
            f"{mark} {_md(item)}" for mark, item in zip(marks, block.items, strict=True)
        )
    return _markdown_table(block)


def _markdown_table(table: TableBlock) -> str:
    lines = [_row(table.header), _row(["---"] * len(table.header))]
    lines.extend(_row(row) for row in table.rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md(cell).replace("|", "\\|") for cell in cells) + " |"


def _md(text: str) -> str:
    """One line of Markdown text: whitespace folded, emphasis marks and '#' escaped."""
    text = " ".join(text.split()).replace("*", "\\*").replace("_", "\\_")
    return "\\" + text if text.startswith("#") else text


# --------------------------------------------------------------------------- Word


def to_docx(blocks: Sequence[Block]) -> DocxDocument:
    """The blocks as a python-docx Document."""
    document = docx.Document()
    document.core_properties.language = "sv-SE"
    for block in blocks:
        _docx_block(document, block)
    return document


def _docx_block(document: DocxDocument, block: Block) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, level=block.level)
        if block.level == 0:
            document.core_properties.title = block.text
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph(style="Quote" if block.quote else None)
        if block.label:
            paragraph.add_run(f"{block.label}:").bold = True
            if block.text:
                paragraph.add_run(" ")
        paragraph.add_run(block.text)
    elif isinstance(block, Bullets):
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            document.add_paragraph(" ".join(item.split()), style=style)
    else:
        _docx_table(document, block)


def _docx_table(document: DocxDocument, table: TableBlock) -> None:
    grid = document.add_table(rows=1, cols=len(table.header), style="Table Grid")
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for n, row in enumerate(table.rows):
        shades = table.shades[n] if n < len(table.shades) else []
        for k, (cell, text) in enumerate(zip(grid.add_row().cells, row, strict=True)):
            cell.text = " ".join(text.split())
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
            if k < len(shades) and shades[k]:
                _shade(cell, shades[k])


def _shade(cell: _Cell, fill: str) -> None:
    """Fill a table cell with a colour (hex 'RRGGBB')."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


# --------------------------------------------------------------------------- files


def check_output(path: Path) -> None:
    """Raise a Swedish error unless ``path`` ends in .md or .docx."""
    if path.suffix.lower() not in SUFFIXES:
        raise ConfigError(
            f"Okänt filformat '{path.suffix or path.name}' för --out: använd .md eller .docx."
        )


def write_draft(blocks: Sequence[Block], path: Path) -> Path:
    """Write the blocks to ``path`` (.md or .docx, by suffix), atomically."""
    check_output(path)
    if path.suffix.lower() == ".md":
        write_text_atomic(path, to_markdown(blocks))
    else:
        document = to_docx(blocks)
        _atomic(path, lambda tmp: document.save(str(tmp)))
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; a Swedish ``ConfigError`` if it cannot."""
    _atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through ``write`` to a temporary file next to ``path``, then rename it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(_cannot_write(path, exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _cannot_write(path: Path, exc: OSError) -> str:
    return (
        f"Kunde inte skriva '{path}': {exc.strerror or exc}. "
        "Kontrollera att mappen finns och att du har skrivrätt där."
    )

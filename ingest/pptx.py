"""PowerPoint slides (python-pptx): one page per slide, text frames in reading order.

Shapes are ordered by top then left, with shapes whose tops differ by less than
``ROW_TOLERANCE`` of the slide height counted as one row; group shapes are read recursively.
Each text frame is one block; a table is a ``Table`` and one text block (a line per row,
cells joined by ' | '). Speaker notes go to ``Page.notes``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

from ingest.deadline import check as check_deadline
from ingest.normalize import normalize_line, normalize_text
from lagesbild.errors import CorruptDocumentError, DocumentError
from lagesbild.types import Page, Table

ROW_TOLERANCE = 0.02
CELL_SEPARATOR = " | "
# Placeholders that repeat on every slide and carry no content.
_SKIPPED_PLACEHOLDERS = frozenset(
    {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE}
)
_TITLE_PLACEHOLDERS = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})
_FIX = "Öppna filen i PowerPoint, spara den igen som .pptx och kör `lagesbild ingest` igen."


def _placeholder_type(shape: BaseShape) -> PP_PLACEHOLDER | None:
    """The placeholder type of a shape, or None for ordinary shapes."""
    if not shape.is_placeholder:
        return None
    return shape.placeholder_format.type


def _ordered(shapes: Iterable[BaseShape], slide_height: int) -> list[BaseShape]:
    """Shapes in reading order: rows top to bottom (tolerant), left to right in a row."""
    tolerance = max(1, int(slide_height * ROW_TOLERANCE))
    placed = [(s.top or 0, s.left or 0, i, s) for i, s in enumerate(shapes)]
    placed.sort(key=lambda t: (t[0], t[1], t[2]))
    rows: list[list[tuple[int, int, int, BaseShape]]] = []
    for item in placed:
        if rows and item[0] - rows[-1][0][0] <= tolerance:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [s for row in rows for (_, _, _, s) in sorted(row, key=lambda t: (t[1], t[2]))]


def _frame_text(shape: BaseShape) -> str:
    """The text of a shape's text frame as one block (line breaks kept, empty lines dropped)."""
    lines: list[str] = []
    for paragraph in shape.text_frame.paragraphs:  # type: ignore[attr-defined]
        for line in paragraph.text.replace("\v", "\n").split("\n"):
            clean = " ".join(line.split())
            if clean:
                lines.append(clean)
    return "\n".join(lines)


def table_rows(cells_by_row: Iterable[Iterable[str]]) -> list[list[str]]:
    """Normalised cell texts per row; rows without any text are dropped."""
    rows = [[normalize_line(text) for text in row] for row in cells_by_row]
    return [row for row in rows if any(row)]


def render_table(table: Table) -> str:
    """A table as one text block: one line per row, cells joined by ' | '."""
    return "\n".join(CELL_SEPARATOR.join(row) for row in table.rows)


def _shape_blocks(shape: BaseShape, height: int, tables: list[Table]) -> list[str]:
    """Text blocks of one shape (recursing into groups); tables are also collected."""
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        blocks: list[str] = []
        for child in _ordered(shape.shapes, height):  # type: ignore[attr-defined]
            blocks.extend(_shape_blocks(child, height, tables))
        return blocks
    if _placeholder_type(shape) in _SKIPPED_PLACEHOLDERS:
        return []
    if getattr(shape, "has_table", False):
        rows = table_rows(
            [cell.text for cell in row.cells if not cell.is_spanned]
            for row in shape.table.rows  # type: ignore[attr-defined]
        )
        if not rows:
            return []
        table = Table(rows=rows)
        tables.append(table)
        return [render_table(table)]
    if getattr(shape, "has_text_frame", False):
        text = _frame_text(shape)
        return [text] if text else []
    return []


def _title(slide: Slide) -> str | None:
    """The text of the slide's title placeholder; None when missing or empty."""
    for shape in slide.placeholders:
        if _placeholder_type(shape) in _TITLE_PLACEHOLDERS:
            title = normalize_line(shape.text_frame.text) if shape.has_text_frame else ""
            return title or None
    return None


def _notes(slide: Slide) -> str:
    """Speaker notes, normalised."""
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return normalize_text(frame.text.replace("\v", "\n")) if frame is not None else ""


def _slide_page(number: int, slide: Slide, height: int) -> Page:
    """One slide as a page."""
    tables: list[Table] = []
    blocks: list[str] = []
    for shape in _ordered(slide.shapes, height):
        blocks.extend(_shape_blocks(shape, height, tables))
    return Page(
        number=number,
        text=normalize_text("\n\n".join(blocks)),
        title=_title(slide),
        is_slide=True,
        notes=_notes(slide),
        tables=tables,
    )


def parse_pptx(path: Path, data: bytes) -> tuple[list[Page], str | None]:
    """Read a PPTX into one page per slide and its metadata title."""
    try:
        presentation = Presentation(io.BytesIO(data))
        height = int(presentation.slide_height or 6858000)
        pages = []
        for i, slide in enumerate(presentation.slides, start=1):
            check_deadline()
            pages.append(_slide_page(i, slide, height))
        meta_title = normalize_line(presentation.core_properties.title or "") or None
    except DocumentError:
        raise
    except Exception as exc:  # the one broad catch: python-pptx may raise anything on a broken file
        raise CorruptDocumentError(
            path.name, f"PowerPoint-filen är skadad och kan inte läsas ({type(exc).__name__})", _FIX
        ) from exc
    return pages, meta_title

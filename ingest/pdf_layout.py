"""Layout-mode text of PDF pages, for reading table columns (measure parsing only).

The page text every other part reads (``ingest.pdf``) is pypdf's plain extraction: lines in
content order, cells of one table row run together ('Kommunstyrelsen beslutar om
Samhällsbyggnads- ramar för 2025. förvaltningen'). pypdf's *layout* mode instead lays the
text out on a character grid, so the cells of a row keep their columns::

    14/3     Kommunstyrelsen beslutar om          Samhällsbyggnads-
             ramar för 2025.                      förvaltningen

``PdfLayout`` reads that grid for the pages a measure parser asks for, once per page, from
the file the document was ingested from — and only when the file still has the bytes the
document was read from (same SHA-256) and the page has a text layer (not OCR). Anything
else gives ``None`` and the parsers fall back to the plain text.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zlib
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from lagesbild.types import Document, Page, SourceFormat

# Layout mode warns of rotated text on every such page ('Output will be incomplete'): the
# plain text is read anyway and a table missed here keeps its plain labels, so the user need
# not hear of it.
logging.getLogger("pypdf._text_extraction._layout_mode").setLevel(logging.ERROR)

# What pypdf may raise on an odd page; the page then has no layout text.
_FAILURES: tuple[type[BaseException], ...] = (
    PyPdfError,
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    AssertionError,
    RuntimeError,
    zlib.error,
)


class PdfLayout:
    """Layout-mode text of a document's PDF pages, read on demand and cached."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._reader: PdfReader | None = None
        self._opened = False
        self._texts: dict[int, str | None] = {}

    def _open(self) -> PdfReader | None:
        if self._opened:
            return self._reader
        self._opened = True
        if self._document.format is not SourceFormat.PDF:
            return None
        try:
            data = Path(self._document.path).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != self._document.sha256:
            return None
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return None
        except _FAILURES:
            return None
        self._reader = reader
        return reader

    def text(self, page: Page) -> str | None:
        """The page's layout-mode text (lines kept, columns as runs of spaces), or None.

        None for a page with hidden text: layout mode would show it again.
        """
        if page.ocr or page.hidden or not (page.text or "").strip():
            return None
        if page.number in self._texts:
            return self._texts[page.number]
        reader = self._open()
        text: str | None = None
        if reader is not None and 0 < page.number <= len(reader.pages):
            try:
                text = reader.pages[page.number - 1].extract_text(extraction_mode="layout")
            except _FAILURES:
                text = None
        self._texts[page.number] = text
        return text

"""OCR for PDF pages without a text layer: render with pypdfium2, read with RapidOCR.

A scanned page has no text for pypdf to extract. Such a page is rendered to an image
(``OCR_DPI``, one page at a time so memory stays flat) and read by RapidOCR, whose detection
and recognition models ship inside the ``rapidocr`` wheel and run on ``onnxruntime``: nothing
is downloaded, and its multilingual recogniser keeps å, ä and ö. About 5–10 s per A4 page on
two cores, so the caller reports progress per page.

RapidOCR gives text boxes, not lines: boxes whose vertical extents overlap form one line
(read left to right), and a vertical gap larger than ``BLOCK_GAP`` line heights starts a new
block, so the page text has the same blocks-and-lines shape as a text-layer page.

OCR is optional: without the packages ``ocr_available()`` is False and the reader keeps its
"no text layer" message, which names the packages to install.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Any

OCR_DPI = 200
"""Render resolution: enough for 9–10 pt print, and a page stays ~1650×2340 pixels."""
MIN_SCORE = 0.5
"""Recognised boxes below this confidence are dropped (RapidOCR's own default)."""
BLOCK_GAP = 0.8
"""A vertical gap of more than this many line heights between two lines starts a block."""
LINE_OVERLAP = 0.5
"""A box joins a line when this share of the smaller height overlaps the line vertically."""
OCR_PACKAGES = ("rapidocr", "onnxruntime", "pypdfium2")
OCR_PINS = "rapidocr==3.10.0 onnxruntime==1.32.0 pypdfium2==5.15.2"
"""The install line for the OCR packages (as pinned in pyproject.toml)."""

PageProgress = Callable[[int, int], None]
"""Called with (pages read so far, pages to read) while pages are OCR'd."""


class OcrPageError(Exception):
    """One page could not be rendered or read (the page stays empty, with a warning)."""


@dataclass(frozen=True)
class _Box:
    """One recognised text box: its text and vertical/horizontal extent in pixels."""

    text: str
    top: float
    bottom: float
    left: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def ocr_available() -> bool:
    """True when the OCR packages are installed (checked without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in OCR_PACKAGES)


@lru_cache(maxsize=1)
def _engine() -> Any:
    """The RapidOCR engine, loaded once per process (~1.5 s, models from the wheel)."""
    from rapidocr import RapidOCR

    engine = RapidOCR(params={"Global.log_level": "warning"})
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return engine


def ocr_pdf_pages(
    data: bytes, numbers: Sequence[int], progress: PageProgress | None = None
) -> tuple[dict[int, str], dict[int, str]]:
    """OCR the given 1-based pages of a PDF; returns (text by page, failure cause by page).

    Pages are rendered and read one at a time. A page that cannot be rendered or read gets
    a cause instead of text; a page where nothing legible is found gets empty text.
    """
    texts: dict[int, str] = {}
    failed: dict[int, str] = {}
    if not numbers:
        return texts, failed
    if progress:
        progress(0, len(numbers))
    try:
        with _open_pdf(data) as document:
            for done, number in enumerate(numbers, start=1):
                try:
                    texts[number] = read_image(_render(document, number))
                except OcrPageError as exc:
                    failed[number] = str(exc)
                if progress:
                    progress(done, len(numbers))
    except OcrPageError as exc:  # the whole file could not be opened for rendering
        failed.update(dict.fromkeys(numbers, str(exc)))
    return texts, failed


@contextmanager
def _open_pdf(data: bytes) -> Iterator[Any]:
    """The PDF opened with pdfium (closed afterwards); OcrPageError when it cannot be."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise OcrPageError(f"PDF-filen kunde inte öppnas för OCR ({exc})") from exc
    try:
        yield document
    finally:
        document.close()


def _render(document: Any, number: int) -> Any:
    """Page ``number`` (1-based) as an RGB numpy array at ``OCR_DPI``."""
    import pypdfium2 as pdfium

    try:
        page = document[number - 1]
        try:
            bitmap = page.render(scale=OCR_DPI / 72)
            try:
                return bitmap.to_numpy().copy()[:, :, :3]
            finally:
                bitmap.close()
        finally:
            page.close()
    except (pdfium.PdfiumError, IndexError, ValueError, MemoryError) as exc:
        raise OcrPageError(f"sidan kunde inte ritas upp för OCR ({exc})") from exc


def read_image(image: Any) -> str:
    """The text of an image (numpy array or PIL image) in reading order, blocks and lines."""
    try:
        result = _engine()(image)
    except (RuntimeError, ValueError, MemoryError) as exc:
        raise OcrPageError(f"OCR misslyckades ({type(exc).__name__}: {exc})") from exc
    boxes = _boxes(result)
    return layout_text(boxes)


def _boxes(result: Any) -> list[_Box]:
    """Text boxes of a RapidOCR result above ``MIN_SCORE``."""
    if result is None or result.boxes is None or result.txts is None:
        return []
    scores = result.scores or [1.0] * len(result.txts)
    boxes: list[_Box] = []
    for points, text, score in zip(result.boxes, result.txts, scores, strict=False):
        if score < MIN_SCORE or not str(text).strip():
            continue
        ys = [float(p[1]) for p in points]
        xs = [float(p[0]) for p in points]
        boxes.append(_Box(str(text).strip(), min(ys), max(ys), min(xs)))
    return boxes


def layout_text(boxes: Sequence[_Box]) -> str:
    """Boxes joined into lines (left to right) and blocks (by vertical gaps)."""
    lines = _lines(boxes)
    if not lines:
        return ""
    pitch = median(max(b.height for b in line) for line in lines)
    out: list[str] = []
    previous_bottom: float | None = None
    for line in lines:
        top = min(b.top for b in line)
        if previous_bottom is not None and top - previous_bottom > BLOCK_GAP * pitch:
            out.append("")
        out.append(" ".join(b.text for b in sorted(line, key=lambda b: b.left)))
        previous_bottom = max(b.bottom for b in line)
    return "\n".join(out)


def _lines(boxes: Sequence[_Box]) -> list[list[_Box]]:
    """Group boxes into lines: a box joins the line it overlaps enough vertically."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if lines:
            line = lines[-1]
            top, bottom = min(b.top for b in line), max(b.bottom for b in line)
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap >= LINE_OVERLAP * min(box.height, bottom - top):
                line.append(box)
                continue
        lines.append([box])
    return lines

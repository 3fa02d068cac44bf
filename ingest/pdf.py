"""PDF pages with their block structure recovered from line positions (pypdf), OCR for scans.

pypdf's ``extract_text`` gives lines in content order but drops paragraph spacing. While it
extracts, a visitor records where each output line sits (baseline position and font size from
the text matrix). A line gap clearly larger than the document's normal line pitch, a jump back
up the page (a new column or text box), or a change of font size starts a new block.

Pages without any text layer (scans) are read by OCR (``ingest.ocr``) when it is installed
and enabled; their text goes through the same normalising as the others and the pages are
marked ``ocr=True``.
"""

from __future__ import annotations

import io
import math
import struct
import zlib
from bisect import bisect_right
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import NamedTuple

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from ingest.deadline import check as check_deadline
from ingest.normalize import dehyphenate, normalize_line, normalize_text, strip_running_lines
from ingest.ocr import PageProgress, ocr_available, ocr_pdf_pages
from ingest.pdf_lines import Line, hidden_blocks, page_lines
from lagesbild.errors import (
    CorruptDocumentError,
    DocumentError,
    EncryptedDocumentError,
)
from lagesbild.types import Page

# A gap is a block break when it exceeds the normal pitch by this factor …
GAP_FACTOR = 1.3
# … where the normal pitch (baseline distance / font size) is the smallest gap value shared
# (within PITCH_SPREAD) by at least PITCH_MIN_SHARE of the gaps and at least two of them.
PITCH_SPREAD = 1.1
PITCH_MIN_SHARE = 0.15
DEFAULT_PITCH = 1.2
# A page's own pitch that would be a block gap by the document's pitch needs this many gaps.
PAGE_EVIDENCE = 5
# Gaps outside this range (in font sizes) say nothing about line pitch.
PITCH_RANGE = (0.8, 3.0)
# Font size ratio that counts as a change of style (heading → body).
SIZE_CHANGE = 1.2
# How many lines from the top of a page may hold its heading.
HEADING_WINDOW = 6
# Moving up the page by more than this (in font sizes) starts a new block.
UPWARD_JUMP = 0.5

_FIX_CORRUPT = (
    "Öppna filen i en PDF-läsare och spara eller exportera den som PDF igen, "
    "eller be avsändaren om en ny kopia."
)
# What pypdf raises on a damaged page (a bad filter, font, operator or stream): the page is
# read as empty with a warning. Anything else, or every page failing, fails the document.
_PAGE_FAILURES: tuple[type[BaseException], ...] = (
    PyPdfError,
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    AssertionError,
    RuntimeError,  # includes NotImplementedError (unsupported filter) and RecursionError
    zlib.error,
    struct.error,
)


class PdfContent(NamedTuple):
    """What ``read_pdf`` found: pages (1-based), metadata title, warnings, unreadable pages."""

    pages: list[Page]
    title: str | None
    warnings: list[str]
    unreadable: list[int]


def _gap_ratios(lines: list[Line]) -> list[float]:
    """Baseline gaps between consecutive same-size lines, in font sizes."""
    ratios: list[float] = []
    for prev, cur in pairwise(lines):
        if prev.pos is None or cur.pos is None or not prev.size or not cur.size:
            continue
        if max(prev.size, cur.size) / min(prev.size, cur.size) > SIZE_CHANGE:
            continue
        ratio = (prev.pos - cur.pos) / max(prev.size, cur.size)
        if PITCH_RANGE[0] <= ratio <= PITCH_RANGE[1]:
            ratios.append(ratio)
    return ratios


def _pitch(ratios: list[float]) -> tuple[float, int] | None:
    """Normal line pitch (in font sizes) and how many gaps show it; None if nothing recurs.

    Lines inside a block sit at the normal pitch; gaps between blocks are larger and vary, so
    the smallest cluster of gaps is the pitch even on a page where most lines are blocks.
    """
    ordered = sorted(ratios)
    needed = max(2, math.ceil(len(ordered) * PITCH_MIN_SHARE))
    for i, low in enumerate(ordered):
        end = bisect_right(ordered, low * PITCH_SPREAD, lo=i)
        if end - i >= needed:
            return median(ordered[i:end]), end - i
    return None


def _page_pitch(lines: list[Line], doc_pitch: float) -> float:
    """The page's own pitch when the page shows one convincingly, else the document's.

    A page whose recurring gap would be a block gap by the document's pitch (a slide where
    every line is its own block) needs PAGE_EVIDENCE gaps to overrule the document.
    """
    found = _pitch(_gap_ratios(lines))
    if found is None:
        return doc_pitch
    pitch, count = found
    if pitch > doc_pitch * GAP_FACTOR and count < PAGE_EVIDENCE:
        return doc_pitch
    return pitch


def _is_break(prev: Line, cur: Line, pitch: float) -> bool:
    """True when ``cur`` starts a new block after ``prev``."""
    if prev.pos is None or cur.pos is None or not prev.size or not cur.size:
        return False
    size = max(prev.size, cur.size)
    gap = (prev.pos - cur.pos) / size
    if gap < -UPWARD_JUMP:
        return True
    if max(prev.size, cur.size) / min(prev.size, cur.size) > SIZE_CHANGE and gap > UPWARD_JUMP:
        return True
    return gap > pitch * GAP_FACTOR


def blocks_text(lines: list[Line], pitch: float) -> str:
    """Join lines, with a blank line wherever a block break is detected."""
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        if not line.text.strip():
            if out and out[-1] != "":
                out.append("")  # pypdf's own empty line: keep it as a break
            continue
        if prev is not None and out and out[-1] != "" and _is_break(prev, line, pitch):
            out.append("")
        out.append(line.text)
        prev = line
    return "\n".join(out)


def _is_landscape(page: PageObject) -> bool:
    """True when the page is displayed wider than high."""
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    if int(page.get("/Rotate", 0) or 0) % 180 == 90:
        width, height = height, width
    return width > height


def _slide_title(text: str) -> str | None:
    """Default slide title: the first line of the page text."""
    for line in text.split("\n"):
        if line.strip():
            return normalize_line(line)[:200]
    return None


def _heading_title(lines: list[Line], slide: bool) -> str | None:
    """A page's heading: a line set clearly larger than the body text, else None.

    On a portrait page the first such line among the top ``HEADING_WINDOW`` lines; on a slide
    the first line in the largest size anywhere (slide titles are often drawn last). Following
    lines in the same size continue the heading (a heading over two lines).
    """
    texts = [ln for ln in lines if ln.text.strip()]
    sizes = [ln.size for ln in texts if ln.size]
    if not sizes:
        return None
    body, largest = median(sizes), max(sizes)
    candidates = texts if slide else texts[:HEADING_WINDOW]
    for i, line in enumerate(candidates):
        if line.size < body * SIZE_CHANGE or (slide and line.size < largest):
            continue
        parts = [line.text]
        for nxt in candidates[i + 1 :]:
            if abs(nxt.size - line.size) > line.size * 0.05:
                break
            parts.append(nxt.text)
        title = normalize_line(dehyphenate("\n".join(p.strip() for p in parts)))
        if sum(c.isalpha() for c in title) >= 3:
            return title[:200]
    return None


def _open(path: Path, data: bytes) -> PdfReader:
    """Open the PDF; decrypt with the empty password when it is protected."""
    if data.rfind(b"%%EOF") == -1:
        raise CorruptDocumentError(
            path.name,
            "PDF-filen är ofullständig (avkortad, slutmarkeringen %%EOF saknas)",
            _FIX_CORRUPT,
        )
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as exc:
            raise EncryptedDocumentError(
                path.name,
                "filen är krypterad (AES) och kan inte öppnas utan lösenord",
                "Ta bort lösenordet/krypteringen och kör `lagesbild ingest` igen.",
            ) from exc
        if not opened:
            raise EncryptedDocumentError(
                path.name,
                "filen är krypterad med lösenord",
                "Ta bort lösenordet och kör `lagesbild ingest` igen.",
            )
    return reader


class _PageLines(NamedTuple):
    """What extraction found on every page: visible lines, hidden lines, orientation."""

    lines: list[list[Line]]
    hidden: list[list[Line]]
    landscape: list[bool]


def _read_pages(reader: PdfReader) -> tuple[_PageLines, dict[int, str]]:
    """Positioned lines (visible and hidden) and landscape flags of every page, and why pages
    failed (by number). A page whose text extraction raises is read as an empty page.
    """
    found = _PageLines([], [], [])
    failed: dict[int, str] = {}
    for number, page in enumerate(reader.pages, start=1):
        check_deadline()
        try:
            lines, hidden = page_lines(page)
        except FileNotDecryptedError:
            raise
        except _PAGE_FAILURES as exc:
            failed[number] = _cause(exc)
            lines, hidden = [], []
        found.lines.append(lines)
        found.hidden.append(hidden)
        found.landscape.append(_is_landscape(page))
    return found, failed


def _metadata_title(reader: PdfReader) -> str | None:
    """The document title from the PDF metadata, if any."""
    meta = reader.metadata
    title = meta.title if meta is not None else None
    return normalize_line(str(title)) if title else None


def read_pdf(
    path: Path, data: bytes, *, ocr: bool = True, progress: PageProgress | None = None
) -> PdfContent:
    """Read a PDF into pages (1-based), its metadata title and warnings.

    Raises ``CorruptDocumentError`` for damaged or truncated files (and when no page can be
    read) and ``EncryptedDocumentError`` when a password is needed. A single page whose text
    cannot be extracted becomes an empty page and a warning ('sidan 7 kunde inte läsas: …').
    Pages without a text layer are read by OCR when ``ocr`` is set and OCR is installed
    (``progress`` hears of each page); pages still without text get empty text, and the
    caller decides whether that is a warning or an error.
    """
    try:
        reader = _open(path, data)
        found, failed = _read_pages(reader)
        meta_title = _metadata_title(reader)
    except DocumentError:
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocumentError(
            path.name,
            "filen är krypterad med lösenord",
            "Ta bort lösenordet och kör `lagesbild ingest` igen.",
        ) from exc
    except Exception as exc:  # the one broad catch: pypdf may raise anything on a broken file
        raise CorruptDocumentError(
            path.name,
            f"PDF-filen är skadad och kan inte läsas (teknisk orsak: {type(exc).__name__}: {exc})",
            _FIX_CORRUPT,
        ) from exc
    all_lines = found.lines
    if not all_lines:
        raise CorruptDocumentError(path.name, "PDF-filen innehåller inga sidor", _FIX_CORRUPT)
    if len(failed) == len(all_lines):
        first = next(iter(failed.values()))
        raise CorruptDocumentError(
            path.name,
            f"ingen sida i PDF-filen kunde läsas (teknisk orsak på sidan 1: {first})",
            _FIX_CORRUPT,
        )
    scanned = [
        number
        for number, lines in enumerate(all_lines, start=1)
        if number not in failed and not any(line.text.strip() for line in lines)
    ]
    use_ocr = bool(scanned) and ocr and ocr_available()
    ocr_texts, ocr_failed = ocr_pdf_pages(data, scanned, progress) if use_ocr else ({}, {})
    pages = _pages(all_lines, found.landscape, ocr_texts)
    for page, hidden in zip(pages, found.hidden, strict=True):
        page.hidden = hidden_blocks(hidden)
    warnings = [
        f"sidan {number} kunde inte läsas: {cause}. Sidan lästes in som tom; "
        "spara om PDF-filen för att få med den."
        for number, cause in failed.items()
    ]
    warnings += [
        f"sidan {number} saknar textlager och kunde inte läsas med OCR: {cause}."
        for number, cause in ocr_failed.items()
    ]
    read = [p.number for p in pages if p.ocr]
    if read:
        label = "Sidan" if len(read) == 1 else "Sidorna"
        warnings.append(
            f"{label} {', '.join(map(str, read))} saknar textlager och lästes med OCR; "
            "kontrollera tal och namn mot originalet."
        )
    return PdfContent(pages, meta_title, warnings, sorted({*failed, *ocr_failed}))


def _cause(exc: BaseException) -> str:
    """A short technical cause for a warning: the exception's type and (clipped) message."""
    detail = " ".join(str(exc).split()).rstrip(".:")
    cause = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return cause if len(cause) <= 200 else cause[:199] + "…"


def _pages(
    all_lines: list[list[Line]], landscape: list[bool], ocr_texts: dict[int, str]
) -> list[Page]:
    """Pages from the positioned lines (or OCR text): blocks, running lines removed, titles."""
    found = _pitch([r for lines in all_lines for r in _gap_ratios(lines)])
    doc_pitch = found[0] if found else DEFAULT_PITCH
    raw_texts = []
    for number, lines in enumerate(all_lines, start=1):
        if number in ocr_texts:
            raw_texts.append(normalize_text(ocr_texts[number]))
            continue
        pitch = _page_pitch(lines, doc_pitch)
        raw_texts.append(normalize_text(blocks_text(lines, pitch)))
    texts = strip_running_lines(raw_texts)
    return [
        Page(
            number=i,
            text=text,
            title=(_heading_title(lines, True) or _slide_title(text))
            if wide
            else _heading_title(lines, False),
            is_slide=wide,
            ocr=bool(ocr_texts.get(i, "").strip()),
        )
        for i, (text, lines, wide) in enumerate(zip(texts, all_lines, landscape, strict=True), 1)
    ]

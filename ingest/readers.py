"""Read any supported file into a ``ParsedDocument``: sniff, dispatch, hash, describe.

The real format is sniffed from the bytes (``%PDF-``, a zip with ``ppt/`` or ``word/``
entries, else text if it decodes), not taken from the extension. Problems become
``lagesbild.errors`` exceptions with a Swedish cause and fix.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ingest.docx import parse_docx
from ingest.kinds import detect_kind
from ingest.normalize import first_text_line, normalize_line
from ingest.ocr import OCR_PINS, PageProgress, ocr_available
from ingest.pdf import read_pdf
from ingest.pptx import parse_pptx
from ingest.text import decode_text, parse_text
from lagesbild.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from lagesbild.types import Document, HiddenReason, Page, ParsedDocument, SourceFormat

SUPPORTED = "PDF, PPTX, DOCX, TXT eller MD"
_FIX_UNSUPPORTED = (
    f"Spara eller exportera dokumentet som {SUPPORTED} och kör `lagesbild ingest` igen."
)
_FIX_REEXPORT = (
    "Öppna filen i programmet den skapades i, spara den igen och kör `lagesbild ingest` igen."
)

# Extensions that promise a specific binary format.
_PROMISED = {".pdf": SourceFormat.PDF, ".pptx": SourceFormat.PPTX, ".docx": SourceFormat.DOCX}
_MARKDOWN_EXT = {".md", ".markdown"}

# Magic numbers of formats people often try to ingest, with a Swedish name.
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF8", "en GIF-bild"),
    (b"II*\x00", "en TIFF-bild"),
    (b"MM\x00*", "en TIFF-bild"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ett äldre Office-dokument (.doc/.ppt/.xls)"),
    (b"{\\rtf", "ett RTF-dokument"),
    (b"\x1f\x8b", "en gzip-komprimerad fil"),
    (b"Rar!", "ett RAR-arkiv"),
    (b"7z\xbc\xaf", "ett 7z-arkiv"),
)
_PDF_MAGIC = b"%PDF-"
# A password-protected PPTX/DOCX is an OLE container holding an 'EncryptedPackage' stream.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = b"PK\x03\x04"
# A PDF may have a few bytes of junk before its header.
_PDF_HEADER_WINDOW = 1024

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_YEAR_PAGES = 3
_GENERIC_TITLES = re.compile(
    r"^(untitled|namnlös|presentation\d*|powerpoint[- ]presentation|dokument\d*|document\d*"
    r"|microsoft (word|powerpoint) - .*|slide \d+|bild \d+|rubrik|title)$",
    re.IGNORECASE,
)


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def _zip_format(path: Path, data: bytes) -> SourceFormat:
    """PPTX or DOCX from the entries of a zip; errors for broken or other zips."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise CorruptDocumentError(
            path.name,
            "filen är ett skadat eller ofullständigt zip-arkiv (PPTX/DOCX)",
            _FIX_REEXPORT,
        ) from exc
    if any(n.startswith("ppt/") for n in names):
        return SourceFormat.PPTX
    if any(n.startswith("word/") for n in names):
        return SourceFormat.DOCX
    if any(n.startswith("xl/") for n in names):
        raise UnsupportedFormatError(path.name, "Excel-filer (XLSX) stöds inte", _FIX_UNSUPPORTED)
    raise UnsupportedFormatError(
        path.name,
        "filen är ett zip-arkiv utan PowerPoint- eller Word-innehåll",
        "Packa upp arkivet och läs in dokumenten i det var för sig.",
    )


def _mismatch(path: Path, what: str) -> CorruptDocumentError | UnsupportedFormatError:
    """The error for content that is not what the extension says (or not readable at all)."""
    promised = _PROMISED.get(path.suffix.lower())
    if promised is not None:
        return CorruptDocumentError(
            path.name,
            f"filen heter .{promised.value} men innehållet är {what}",
            f"Kontrollera att det är rätt fil; spara den som riktig {promised.value.upper()} "
            "och kör `lagesbild ingest` igen.",
        )
    return UnsupportedFormatError(
        path.name, f"filformatet stöds inte (innehållet är {what})", _FIX_UNSUPPORTED
    )


def _is_pdf(data: bytes) -> bool:
    """PDF header at the start, or (as readers allow) a little later in a file with %%EOF."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(_PDF_MAGIC):
        return True
    return _PDF_MAGIC in data[:_PDF_HEADER_WINDOW] and b"%%EOF" in data[-_PDF_HEADER_WINDOW:]


def sniff_format(path: Path, data: bytes) -> SourceFormat:
    """The real format of the bytes; raises for empty, mismatched or unsupported content.

    Content decides: a PPTX named .pdf is read as a PPTX. Content that is no supported format
    raises ``CorruptDocumentError`` when the extension promised PDF/PPTX/DOCX (the file is
    not what it says) and ``UnsupportedFormatError`` otherwise.
    """
    if not data:
        raise CorruptDocumentError(
            path.name,
            "filen är tom (0 byte)",
            "Kontrollera att filen sparades eller kopierades färdigt och läs in den igen.",
        )
    if _is_pdf(data):
        return SourceFormat.PDF
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(path, data)
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED_OOXML in data:
        raise EncryptedDocumentError(
            path.name,
            "Office-filen är krypterad med lösenord",
            "Ta bort lösenordet (Arkiv → Info → Skydda) och kör `lagesbild ingest` igen.",
        )
    for magic, what in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise _mismatch(path, what)
    if path.suffix.lower() in _PROMISED:
        what = "text" if decode_text(data) is not None else "okänd binärdata"
        raise _mismatch(path, what)
    if decode_text(data) is None:
        raise _mismatch(path, "binärdata som inte är text")
    return SourceFormat.MD if path.suffix.lower() in _MARKDOWN_EXT else SourceFormat.TXT


class _Parsed(NamedTuple):
    """A parser's result: pages, metadata title, warnings and pages that could not be read."""

    pages: list[Page]
    title: str | None
    warnings: tuple[str, ...] = ()
    unreadable: frozenset[int] = frozenset()


def _parse(
    path: Path, data: bytes, fmt: SourceFormat, ocr: bool, progress: PageProgress | None
) -> _Parsed:
    """Dispatch to the parser of the format."""
    if fmt is SourceFormat.PDF:
        pdf = read_pdf(path, data, ocr=ocr, progress=progress)
        return _Parsed(pdf.pages, pdf.title, tuple(pdf.warnings), frozenset(pdf.unreadable))
    if fmt is SourceFormat.PPTX:
        return _Parsed(*parse_pptx(path, data))
    if fmt is SourceFormat.DOCX:
        return _Parsed(*parse_docx(path, data))
    return _Parsed(*parse_text(path, data))


def _ocr_state(ocr: bool) -> str:
    """Why scanned pages were or were not read: 'tried', 'off' or 'missing'."""
    if not ocr:
        return "off"
    return "tried" if ocr_available() else "missing"


_OCR_HINTS = {
    "tried": " (inskannad? OCR hittade ingen läsbar text)",
    "off": " (inskannad? OCR är avstängt: LAGESBILD_INGEST__OCR)",
    "missing": " (inskannad? OCR-stödet är inte installerat; `make setup` installerar det)",
}
_OCR_CAUSES = {
    "tried": "PDF-filen saknar textlager (inskannad?) och OCR hittade ingen läsbar text",
    "off": "PDF-filen saknar textlager (inskannad?) och OCR är avstängt",
    "missing": "PDF-filen saknar textlager (inskannad?) och OCR-stödet är inte installerat",
}
_OCR_FIXES = {
    "tried": "Kontrollera att skanningen är läsbar (rak, skarp, minst 200 dpi), skanna om vid "
    "behov och kör `lagesbild ingest` igen.",
    "off": "Slå på OCR (ta bort LAGESBILD_INGEST__OCR=false) och kör `lagesbild ingest` igen.",
    "missing": "Installera OCR-stödet (`make setup`, eller `.venv/bin/pip install "
    f"{OCR_PINS}`) och kör `lagesbild ingest` igen, eller kör OCR på filen "
    "(t.ex. `ocrmypdf in.pdf ut.pdf`) och läs in resultatet.",
}


def _check_text(
    path: Path,
    fmt: SourceFormat,
    pages: list[Page],
    unreadable: frozenset[int] = frozenset(),
    ocr: bool = True,
) -> list[str]:
    """Raise when no page has text; return a warning naming the pages without text.

    Pages in ``unreadable`` (their extraction failed, and has its own warning) are not named.
    For a PDF the message says whether OCR was tried, is turned off or is not installed.
    """
    empty = [p.number for p in pages if not p.text.strip() and p.number not in unreadable]
    if pages and len(empty) + len(unreadable) < len(pages):
        if not empty:
            return []
        numbers = ", ".join(str(n) for n in empty)
        hint = _OCR_HINTS[_ocr_state(ocr)] if fmt is SourceFormat.PDF else ""
        if fmt is SourceFormat.PPTX:
            label = "Bild" if len(empty) == 1 else "Bilderna"
        else:
            label = "Sida" if len(empty) == 1 else "Sidorna"
        return [f"{path.name}: {label} {numbers} saknar text{hint}."]
    if fmt is SourceFormat.PDF:
        state = _ocr_state(ocr)
        raise NoTextLayerError(path.name, _OCR_CAUSES[state], _OCR_FIXES[state])
    raise NoTextLayerError(
        path.name,
        "filen innehåller ingen text",
        "Kontrollera att det är rätt fil och att texten inte bara finns i bilder.",
    )


def _meaningful_title(title: str | None, path: Path) -> bool:
    """True for a metadata title that says something (not 'Untitled', not the file name)."""
    if not title or sum(c.isalpha() for c in title) < 3:
        return False
    if _GENERIC_TITLES.match(title.strip()):
        return False
    stem = path.stem.casefold()
    return title.casefold() not in {stem, path.name.casefold()}


def _heading_overrules(meta_title: str, pages: list[Page]) -> str | None:
    """The first page's heading when the metadata title is not on the first pages at all.

    Word/PDF metadata often keeps a stale title ('Bakgrund', a template's name); a portrait
    first page with a real heading that the metadata title does not appear on says more.
    """
    first = next((p for p in pages if p.text.strip()), None)
    if first is None or first.is_slide or not first.title:
        return None
    early = normalize_line(" ".join(p.text for p in pages[:2])).casefold()
    return None if meta_title.casefold() in early else first.title


def document_title(meta_title: str | None, pages: list[Page], path: Path) -> str:
    """Metadata title if meaningful, else the first page title or non-trivial line."""
    if meta_title and _meaningful_title(meta_title, path):
        return _heading_overrules(meta_title, pages) or normalize_line(meta_title)
    for page in pages[:3]:
        if page.title and _meaningful_title(page.title, path):
            return page.title
    line = first_text_line([p.text for p in pages[:3]])
    return normalize_line(line)[:200] if line else path.stem


def document_year(title: str, pages: list[Page]) -> int | None:
    """The most prominent year: the first in the title, else the most frequent early on."""
    found = _YEAR.findall(title)
    if found:
        return int(found[0])
    counts = Counter(int(y) for p in pages[:_YEAR_PAGES] for y in _YEAR.findall(p.text))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


_HIDDEN_LABELS = {
    HiddenReason.COLOUR: "i bakgrundens färg",
    HiddenReason.TINY: "pyttesmå tecken",
    HiddenReason.INVISIBLE: "osynlig",
    HiddenReason.OFF_PAGE: "utanför sidan",
    HiddenReason.VANISH: "dold i Word",
    HiddenReason.COMMENT: "kommentar",
}
_HIDDEN_PAGES_SHOWN = 5


def hidden_warning(pages: list[Page]) -> str | None:
    """How much hidden text (and comments) each page had, which is never used as evidence."""
    parts: list[str] = []
    for page in pages:
        if page.hidden:
            chars = sum(len(h.text) for h in page.hidden)
            labels = ", ".join(dict.fromkeys(_HIDDEN_LABELS[h.reason] for h in page.hidden))
            parts.append(f"sidan {page.number}: {chars} tecken ({labels})")
    if not parts:
        return None
    more = len(parts) - _HIDDEN_PAGES_SHOWN
    shown = "; ".join(parts[:_HIDDEN_PAGES_SHOWN])
    shown += f"; och {more} sidor till" if more > 0 else ""
    return (
        f"dold text och kommentarer används aldrig som underlag — {shown}. Text riktad "
        "till en AI-assistent sätts i karantän."
    )


def read_document(
    path: Path, *, ocr: bool = True, progress: PageProgress | None = None
) -> ParsedDocument:
    """Read one file: sniff its format, parse its pages and describe it.

    ``ocr``: read PDF pages without a text layer by OCR (when installed); ``progress`` is
    told of each such page. Raises ``CorruptDocumentError``, ``EncryptedDocumentError``,
    ``NoTextLayerError`` or ``UnsupportedFormatError`` (all ``DocumentError``) with a Swedish
    cause and fix.
    """
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise UnsupportedFormatError(
            path.name,
            "sökvägen är en mapp, inte en fil",
            "Ange filerna i mappen eller mappen som helhet till `lagesbild ingest`.",
        ) from exc
    except OSError as exc:
        raise CorruptDocumentError(
            path.name,
            f"filen kunde inte läsas ({exc.strerror or exc})",
            "Kontrollera att filen finns och att du har läsbehörighet.",
        ) from exc
    fmt = sniff_format(path, data)
    parsed = _parse(path, data, fmt, ocr, progress)
    pages, meta_title = parsed.pages, parsed.title
    warnings = [f"{path.name}: {w}" for w in parsed.warnings]
    warnings += _check_text(path, fmt, pages, parsed.unreadable, ocr)
    if (hidden := hidden_warning(pages)) is not None:
        warnings.append(f"{path.name}: {hidden}")
    title = document_title(meta_title, pages, path)
    kind, reason = detect_kind(pages, fmt, path.name)
    document = Document(
        doc=path.name,
        path=str(path.resolve()),
        sha256=sha256_bytes(data),
        format=fmt,
        kind=kind,
        kind_reason=reason,
        title=title,
        pages=len(pages),
        year=document_year(title, pages),
        warnings=warnings,
    )
    return ParsedDocument(document=document, pages=pages)

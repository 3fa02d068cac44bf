"""Plain text and Markdown files: decoding odd encodings and splitting into pages.

Pages are split on form feeds if the file has them, else on Markdown '# ' headings, and long
stretches are cut at block boundaries about every ``PAGE_CHARS`` characters so that page
numbers stay meaningful.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ingest.normalize import normalize_line, normalize_text, strip_running_lines
from lagesbild.errors import CorruptDocumentError
from lagesbild.types import Page

PAGE_CHARS = 3000
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded bytes are not text.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")  # ESC: terminal colours, stripped later
_MD_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MD_ANY_HEADING = re.compile(r"^#{1,6}\s+")


def _looks_like_text(text: str) -> bool:
    """True when the decoded string has (almost) no control characters."""
    if not text:
        return True
    controls = sum(1 for c in text if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    return "\x00" not in text and controls <= len(text) * _MAX_CONTROL_SHARE


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 without a BOM, recognised by NUL bytes on every other position."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0) / (len(data) / 2)
    odd_nuls = data[1::2].count(0) / (len(data) / 2)
    encoding = (
        "utf-16-le"
        if odd_nuls > 0.3 > even_nuls
        else "utf-16-be"
        if even_nuls > 0.3 > odd_nuls
        else None
    )
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes) -> str | None:
    """Decode text bytes: BOM (UTF-8/16/32), UTF-8, UTF-16 without BOM, cp1252, latin-1.

    Returns None when the bytes are not text in any of these encodings.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if _looks_like_text(text) else None
    for decode in (_strict_utf8, _utf16_without_bom, _strict_cp1252):
        decoded = decode(data)
        if decoded is not None:
            return decoded if _looks_like_text(decoded) else None
    if b"\x00" in data:
        return None
    latin = data.decode("latin-1")
    return latin if _looks_like_text(latin) else None


def _strict_utf8(data: bytes) -> str | None:
    """UTF-8, or None when the bytes are not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _strict_cp1252(data: bytes) -> str | None:
    """Windows-1252 (Swedish Windows default), or None for bytes it does not define."""
    if b"\x00" in data:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _split_long(text: str) -> list[str]:
    """Cut text at block boundaries into parts of about PAGE_CHARS characters."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for block in text.split("\n\n"):
        if current and size + len(block) > PAGE_CHARS:
            parts.append("\n\n".join(current))
            current, size = [], 0
        current.append(block)
        size += len(block) + 2
    if current:
        parts.append("\n\n".join(current))
    return parts


def _split_markdown(text: str) -> list[str]:
    """Split before every top-level '# ' heading (the first part may have no heading)."""
    sections: list[list[str]] = [[]]
    for line in text.split("\n"):
        if _MD_HEADING.match(line) and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    return ["\n".join(s).strip("\n") for s in sections]


def _section_title(text: str) -> str | None:
    """The Markdown heading a section starts with, if any."""
    for line in text.split("\n"):
        if line.strip():
            match = _MD_ANY_HEADING.match(line)
            return normalize_line(line[match.end() :]) if match else None
    return None


def split_pages(text: str) -> list[str]:
    """Split a decoded text into normalised page texts.

    Form feeds separate pages when present (as in ``pdftotext`` output; running headers and
    page numbers are then removed); else the text is split before '# ' headings and
    long parts are cut at block boundaries about every PAGE_CHARS characters.
    """
    if "\f" in text:
        return strip_running_lines([normalize_text(part) for part in text.split("\f")])
    text = normalize_text(text)
    sections = _split_markdown(text) if _MD_HEADING.search(text) else [text]
    return [part for section in sections for part in _split_long(section)]


def parse_text(path: Path, data: bytes) -> tuple[list[Page], str | None]:
    """Read a TXT/MD file into pages; no metadata title (the caller uses the first line)."""
    text = decode_text(data)
    if text is None:
        raise CorruptDocumentError(
            path.name,
            "texten kunde inte avkodas (okänd teckenkodning)",
            "Spara filen som UTF-8 och kör `lagesbild ingest` igen.",
        )
    pages = [
        Page(number=i, text=part, title=_section_title(part))
        for i, part in enumerate(split_pages(text), start=1)
    ]
    return pages or [Page(number=1, text="")], None

"""Bad inputs fail with the right error and a Swedish message naming the file, cause and fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.readers import read_document
from lagesbild.errors import (
    CorruptDocumentError,
    DocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
    UnsupportedFormatError,
)

DATA = Path(__file__).resolve().parent / "data"

BAD_INPUTS: list[tuple[str, type[DocumentError], list[str]]] = [
    ("empty.pdf", CorruptDocumentError, ["tom", "0 byte"]),
    ("truncated.pdf", CorruptDocumentError, ["ofullständig", "avkortad"]),
    ("corrupt.pdf", CorruptDocumentError, ["skadad"]),
    ("encrypted.pdf", EncryptedDocumentError, ["krypterad med lösenord", "Ta bort lösenordet"]),
    ("scanned.pdf", NoTextLayerError, ["textlager", "inskannad", "OCR"]),
    ("image.pdf", CorruptDocumentError, ["heter .pdf", "PNG-bild"]),
    ("notes.pdf", CorruptDocumentError, ["heter .pdf", "text"]),
    ("broken.pptx", CorruptDocumentError, ["zip-arkiv", "spara den igen"]),
    ("broken.docx", CorruptDocumentError, ["zip-arkiv"]),
    ("garbled.pptx", CorruptDocumentError, ["PowerPoint-filen är skadad"]),
    ("garbled.docx", CorruptDocumentError, ["Word-filen är skadad"]),
    ("table.xlsx", UnsupportedFormatError, ["Excel", "stöds inte"]),
    ("binary.bin", UnsupportedFormatError, ["stöds inte", "PDF, PPTX, DOCX"]),
]


@pytest.mark.parametrize(("name", "error", "words"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_raises_named_error(
    name: str, error: type[DocumentError], words: list[str]
) -> None:
    """Each bad file raises its own error class; the message names the file and the cause."""
    with pytest.raises(error) as caught:
        read_document(DATA / name)
    message = str(caught.value)
    assert name in message
    for word in words:
        assert word in message, f"{word!r} saknas i: {message}"
    assert caught.value.cause and caught.value.fix
    assert "igen" in caught.value.fix or "OCR" in caught.value.fix or "Spara" in caught.value.fix


def test_password_protected_office_file(tmp_path: Path) -> None:
    """An encrypted PPTX/DOCX (an OLE container with EncryptedPackage) is reported as such."""
    path = tmp_path / "hemlig.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100)
    with pytest.raises(EncryptedDocumentError, match="krypterad med lösenord"):
        read_document(path)


def test_library_errors_are_chained() -> None:
    """Wrapped third-party exceptions keep their origin (raise … from exc)."""
    with pytest.raises(CorruptDocumentError) as caught:
        read_document(DATA / "corrupt.pdf")
    assert caught.value.__cause__ is not None


def test_owner_password_only_pdf_is_read() -> None:
    """A PDF that opens with the empty password is read, not refused."""
    parsed = read_document(DATA / "plan-owner-only.pdf")
    assert parsed.document.pages == 2
    assert "Åtgärdsplan 2017" in parsed.pages[0].text


def test_some_pages_without_text_is_a_warning() -> None:
    """Pages without text give a warning naming them; the rest is read."""
    parsed = read_document(DATA / "partly-scanned.pdf")
    assert parsed.pages[0].text
    assert parsed.pages[1].text == ""
    assert len(parsed.document.warnings) == 1
    assert "Sida 2" in parsed.document.warnings[0]
    assert "OCR" in parsed.document.warnings[0]


def test_format_is_sniffed_not_taken_from_extension(tmp_path: Path) -> None:
    """A real PDF named .txt is read as a PDF; a DOCX named .pptx as a DOCX."""
    pdf_as_txt = tmp_path / "rapport.txt"
    shutil.copy(DATA / "plan.pdf", pdf_as_txt)
    assert read_document(pdf_as_txt).document.format == "pdf"
    docx_as_pptx = tmp_path / "plan.pptx"
    shutil.copy(DATA / "plan.docx", docx_as_pptx)
    assert read_document(docx_as_pptx).document.format == "docx"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A missing path and a directory give DocumentErrors, not OSError."""
    with pytest.raises(CorruptDocumentError, match=r"saknas\.pdf"):
        read_document(tmp_path / "saknas.pdf")
    with pytest.raises(UnsupportedFormatError, match="mapp"):
        read_document(tmp_path)


def test_whitespace_only_text_has_no_text(tmp_path: Path) -> None:
    """A text file with only whitespace is refused with NoTextLayerError."""
    path = tmp_path / "tom.txt"
    path.write_text("  \n\n \t\n", encoding="utf-8")
    with pytest.raises(NoTextLayerError, match="ingen text"):
        read_document(path)


@pytest.mark.parametrize("name", ["utf16.txt", "cp1252.txt", "utf8-bom.txt"])
def test_odd_text_encodings(name: str) -> None:
    """UTF-16 with BOM, cp1252 and UTF-8 with BOM decode to the same Swedish text."""
    parsed = read_document(DATA / name)
    text = parsed.pages[0].text
    assert text.startswith("Åtgärdsplan för region Väst")
    assert "320 000 kr" in text
    assert "\ufeff" not in text
    assert parsed.document.format == "txt"

"""Bad inputs for the reliability tests, generated at test time (nothing here is committed).

``tests/test_bad_input_suite.py`` imports these builders; run this file to write every file
into ``tests/data/bad/`` for a look by hand: ``.venv/bin/python tests/data/make_bad_fixtures.py``.
PDFs come from the hand-made writer in ``make_fixtures.py`` (exact layout) or from ``raw_pdf``
below, which takes raw content streams, so a single page can carry a broken one.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from make_fixtures import (  # noqa: E402
    PLAN_PAGES,
    _zip,
    docx_bytes,
    encrypted_pdf,
    pdf_bytes,
    png_bytes,
    pptx_bytes,
    write_pdf,
)

_FONT = b"<< /Font << /F1 3 0 R >> >>"
# A content stream pypdf cannot decode: its text extraction raises NotImplementedError.
BROKEN_PAGE = (b"/Filter /FooDecode ", b"xx")
_WORDS = ["budget", "vårdplatser", "hyrpersonal", "uppföljning", "åtgärd", "ansvarig", "revision"]


def text_page(text: str, y: int = 790) -> tuple[bytes, bytes]:
    """A raw page (stream dictionary extras, stream data) showing one line of text."""
    raw = text.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"", b"BT /F1 12 Tf 1 0 0 1 56 %d Tm (%s) Tj ET" % (y, raw)


def raw_pdf(pages: list[tuple[bytes, bytes]]) -> bytes:
    """A PDF whose pages have the given raw content streams (Helvetica as /F1)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for extra, data in pages:
        objects.append(b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources %s >>" % (len(objects), _FONT)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    return write_pdf(objects, header=b"%PDF-1.4\n")


def plan_pdf() -> bytes:
    """The two-page action plan of ``make_fixtures``."""
    return bytes(pdf_bytes(PLAN_PAGES))


def many_pages_pdf(pages: int) -> bytes:
    """A PDF with ``pages`` small pages of varied text (two lines each)."""
    w = _WORDS
    return bytes(
        pdf_bytes(
            [
                [
                    (56, 790, 12, f"Avsnitt {w[i % 7]} och {w[i * 3 % 7]}"),
                    (56, 770, 11, f"Underskottet för {w[i * 5 % 7]} är {i} mkr enligt prognos."),
                ]
                for i in range(1, pages + 1)
            ]
        )
    )


def aes_pdf(user_password: str) -> bytes:
    """The plan encrypted with AES-256 and a user password."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plan_pdf())))
    writer.encrypt(user_password=user_password, owner_password="ägare", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_xref_pdf() -> bytes:
    """The plan with its cross-reference table replaced by garbage (readers rebuild it)."""
    body = plan_pdf().split(b"xref\n")[0]
    return body + b"xref\n0 3\nSKRAP\ntrailer\n<< /Root 1 0 R >>\nstartxref\n99999\n%%EOF\n"


def long_line_text(words: int) -> str:
    """One line of ``words`` words (no line breaks) and a single number at the end."""
    return " ".join(_WORDS[i % 7] for i in range(words)) + " Underskottet är 47 mkr."


def bad_files() -> dict[str, bytes]:
    """File name → bytes of every bad input that is a plain file."""
    plan = plan_pdf()
    pptx = pptx_bytes()
    return {
        "tom.pdf": b"",
        "avkortad.pdf": plan[: len(plan) * 3 // 5],
        "skadad.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF\n",
        "trasig-xref.pdf": broken_xref_pdf(),
        "losenord-rc4.pdf": encrypted_pdf(plan, "hemligt"),
        "losenord-aes.pdf": aes_pdf("hemligt"),
        "agarlosenord.pdf": encrypted_pdf(plan, ""),
        "text.pdf": "Det här är bara text, inte en PDF.\n".encode(),
        "bild.pdf": png_bytes(),
        "webbsida.pdf": b"<!DOCTYPE html><html><body>Inte en PDF</body></html>\n",
        "gammal-word.pdf": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "word-som-pdf.pdf": docx_bytes(),
        "skrap-fore.pdf": "skräp\n".encode() + plan,
        "inskannad.pdf": pdf_bytes([[], []], image_pages=frozenset({0, 1})),
        "delvis-inskannad.pdf": pdf_bytes([PLAN_PAGES[1], []], image_pages=frozenset({1})),
        "trasig-sida.pdf": raw_pdf(
            [text_page("Budget 2024 för regionen"), BROKEN_PAGE, text_page("Vårdplatser")]
        ),
        "alla-sidor-trasiga.pdf": raw_pdf([BROKEN_PAGE, BROKEN_PAGE]),
        "inga-sidor.pdf": raw_pdf([]),
        "avkortad.pptx": pptx[: len(pptx) // 2],
        "trasig.pptx": _zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p"}),
        "avkortad.docx": b"PK\x03\x04" + b"\x00" * 200,
        "trasig.docx": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w"}),
        "kalkyl.docx": _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>"}),
        "krypterad.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 500
        + "EncryptedPackage".encode("utf-16-le"),
        "utf16.txt": "\ufeffÅtgärdsplan för Väst: 320 000 kr.\n".encode("utf-16-le"),
        "utf16-utan-bom.txt": "Åtgärdsplan för Norr: 12 mkr.\n".encode("utf-16-le"),
        "cp1252.txt": "Åtgärdsplan för Öst: 7 mkr.\n".encode("cp1252"),
        "blandad.txt": "Åtgärd ett klar.\n".encode() + "Åtgärd två pågår.\n".encode("cp1252"),
        "nul.txt": "Åtgärdsplan med NUL\x00 mitt i texten. ".encode() * 20,
        "lang-rad.txt": long_line_text(40_000).encode(),
        "blanksteg.txt": b"  \n\t\n   \n",
    }


def main() -> None:
    """Write every plain bad file into ``tests/data/bad/``."""
    folder = HERE / "bad"
    folder.mkdir(exist_ok=True)
    for name, data in bad_files().items():
        (folder / name).write_bytes(data)
        print(f"{name}: {len(data)} B")


if __name__ == "__main__":
    main()

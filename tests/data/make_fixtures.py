"""Regenerate the small test fixtures in this folder.

Run from the project root: ``.venv/bin/python tests/data/make_fixtures.py``. PDFs are written
by a minimal hand-made PDF writer (Helvetica, WinAnsi text, correct xref) so the layout — line
positions, paragraph gaps — is exact; the encrypted PDF uses pypdf; the PPTX uses python-pptx;
the DOCX is a minimal hand-written package (python-docx's template would be ~36 KB).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Pt
from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent

# A line of text on a PDF page: (x, y, font size, text).
Line = tuple[float, float, float, str]

PLAN_PAGES: list[list[Line]] = [
    [
        (56, 790, 16, "Åtgärdsplan 2017"),
        (56, 760, 11, "Regionstyrelsen har tagit fram en åtgärdsplan efter revisorernas gransk-"),
        (56, 746, 11, "ning. Kostnaden beräknas till 320\u00a0000 kronor för HS-"),
        (56, 732, 11, "direktörens stab."),
        (56, 704, 11, "Aktivitet Beskrivning Ansvarig Tidpunkt Status"),
        (56, 690, 11, "Översyn av bemanning Ny modell för Områdes-"),
        (56, 676, 11, "chef Jan 2017 Pågår"),
        (56, 648, 11, "Samordna Stabs-"),
        (56, 634, 11, "arbets-"),
        (56, 620, 11, "grupp Regiondirektör 2017-"),
        (56, 606, 11, "2018 Klar"),
        (280, 40, 9, "Sida 1 av 2"),
    ],
    [
        (56, 790, 11, "Uppföljning"),
        (56, 776, 11, "Arbetet följs upp i risk- och konsekvensanalysen varje kvartal."),
        (56, 748, 11, "Inköp-logistik ska effektiviseras under\u00a02017."),
        (280, 40, 9, "Sida 2 av 2"),
    ],
]
SLIDE_SIZE = (960.0, 540.0)
A4 = (595.0, 842.0)


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) encoding."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: list[Line], image: bool) -> bytes:
    """Content stream: text lines positioned with Tm, optionally an image over the page."""
    parts: list[bytes] = []
    if image:
        parts.append(b"q 400 0 0 500 90 170 cm /Im1 Do Q")
    for x, y, size, text in lines:
        parts.append(
            b"BT /F1 %g Tf 1 0 0 1 %g %g Tm " % (size, x, y) + _pdf_string(text) + b" Tj ET"
        )
    return b"\n".join(parts)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object body."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_bytes(
    pages: list[list[Line]],
    size: tuple[float, float] = A4,
    image_pages: frozenset[int] = frozenset(),
) -> bytes:
    """A small PDF: one Helvetica font, optional 1×1 grey image on the given (0-based) pages."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(
            b"\x80",
            b"/Type /XObject /Subtype /Image /Width 1 /Height 1 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8 ",
        ),
    ]
    kids: list[int] = []
    for index, lines in enumerate(pages):
        objects.append(_stream(_content(lines, index in image_pages)))
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>"
            % (size[0], size[1], content_id)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    return write_pdf(objects)


def write_pdf(objects: list[bytes], header: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    """A PDF file of numbered objects (object 1 the catalog) with a correct xref table."""
    out = io.BytesIO()
    out.write(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def encrypted_pdf(source: bytes, user_password: str) -> bytes:
    """The PDF encrypted with RC4 (readable without extra crypto libraries)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password="ägare", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    """A valid 1×1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def pptx_bytes() -> bytes:
    """Two slides: slide 1 with an empty title, slide 2 with title, two text boxes (added
    bottom first), a table and notes."""
    prs = Presentation()
    for layout in list(prs.slide_layouts)[:5:-1] + list(prs.slide_layouts)[1:5]:
        prs.slide_layouts.remove(layout)  # keep the file small: only 'Title' and 'Title Only'
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.placeholders[1].text_frame.text = "Kommande månad\nInget nytt"
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text_frame.text = "FM Uppdrag, Minska hyrberoendet"
    lower = slide.shapes.add_textbox(Emu(457200), Pt(300), Emu(4000000), Pt(60))
    lower.text_frame.text = "Senaste månaden\nHyrkostnaden minskade med 1,2\u00a0MSEK."
    upper = slide.shapes.add_textbox(Emu(457200), Pt(150), Emu(4000000), Pt(60))
    upper.text_frame.text = "Kommande månad\nUppföljning i HSLG."
    table = slide.shapes.add_table(2, 3, Emu(457200), Pt(400), Emu(6000000), Pt(60)).table
    for r, row in enumerate([["Aktivitet", "Ansvarig", "Status"], ["Bemanning", "HR", "Pågår"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    slide.notes_slide.notes_text_frame.text = "Talarmanus: nämn 320\u00a0000 kr."
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _para(text: str, style: str | None = None) -> str:
    """A w:p with one run."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _table(rows: list[list[str]]) -> str:
    """A w:tbl with plain cells."""
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_para(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr/>{body}</w:tbl>"


def docx_bytes() -> bytes:
    """A minimal DOCX: Heading 1, paragraphs, a table, a second Heading 1."""
    body = "".join(
        [
            _para("Åtgärdsplan 2017", "Heading1"),
            _para("Regionstyrelsen redovisar åtgärder efter revisorernas granskning."),
            _table(
                [
                    ["Aktivitet", "Ansvarig", "Tidpunkt"],
                    ["Översyn av bemanning", "HR-chef", "Jan 2017"],
                ]
            ),
            _para("Kostnaden är 320\u00a0000 kronor."),
            _para("Uppföljning", "Heading1"),
            _para("Arbetet följs upp varje kvartal."),
        ]
    )
    styles = (
        f'<w:styles {_W}><w:style w:type="paragraph" w:styleId="Heading1">'
        '<w:name w:val="heading 1"/></w:style></w:styles>'
    )
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>'
        ),
        "word/document.xml": f"<w:document {_W}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": styles,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(
                name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text
            )
    return out.getvalue()


SWEDISH = "Åtgärdsplan för region Väst\n\nKostnaden är 320\u00a0000 kr för 2017.\n"


def fixtures() -> dict[str, bytes]:
    """File name → bytes of every fixture."""
    plan = pdf_bytes(PLAN_PAGES)
    pptx = pptx_bytes()
    docx = docx_bytes()
    return {
        "plan.pdf": plan,
        "plan-owner-only.pdf": encrypted_pdf(plan, ""),
        "encrypted.pdf": encrypted_pdf(plan, "hemligt"),
        "truncated.pdf": plan[: len(plan) * 3 // 5],
        "corrupt.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF\n",
        "scanned.pdf": pdf_bytes([[], []], image_pages=frozenset({0, 1})),
        "partly-scanned.pdf": pdf_bytes([PLAN_PAGES[1], []], image_pages=frozenset({1})),
        "slides.pdf": pdf_bytes(
            [[(40, 480, 28, "Vägvalen"), (40, 440, 18, "Alternativ A")]] * 2, size=SLIDE_SIZE
        ),
        "empty.pdf": b"",
        "image.pdf": png_bytes(),
        "notes.pdf": "Det här är bara text, inte en PDF.\n".encode(),
        "slides.pptx": pptx,
        "broken.pptx": pptx[: len(pptx) // 2],
        "plan.docx": docx,
        "broken.docx": b"PK\x03\x04" + b"\x00" * 200,
        "garbled.pptx": _zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p"}),
        "garbled.docx": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w"}),
        "table.xlsx": _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
        "utf16.txt": ("\ufeff" + SWEDISH).encode("utf-16-le"),
        "cp1252.txt": SWEDISH.replace("\u00a0", " ").encode("cp1252"),
        "utf8-bom.txt": SWEDISH.encode("utf-8-sig"),
        "pages.txt": "Sida ett\n\fSida två med Tid-\npunkt\n".encode(),
        "notes.md": b"# Bakgrund\n\nText om bakgrunden.\n\n# Status\n\nArbetet pagar.\n",
        "binary.bin": bytes(range(256)),
    }


def _zip(files: dict[str, str]) -> bytes:
    """A zip with the given text entries (for look-alike or garbled Office files)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def main() -> None:
    """Write every fixture next to this script."""
    for name, data in fixtures().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} B")


if __name__ == "__main__":
    main()

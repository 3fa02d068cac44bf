"""OCR of scanned PDF pages: an image-only PDF made here from Swedish text is read offline.

The page is drawn with PIL in DejaVu Sans (shipped with the system fonts) and saved as a PDF
that holds nothing but the picture, so only OCR can find its words.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answering import Answerer
from assistant.tui.chat import answer_as_text
from ingest import ocr as ocr_module
from ingest import pdf as pdf_module
from ingest import readers
from ingest.ocr import _Box, layout_text, ocr_available
from ingest.readers import read_document
from lagesbild.errors import NoTextLayerError
from lagesbild.settings import get_settings
from vectorstore.library import Library

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="OCR-paketen är inte installerade")

LINES = [
    "Revisionsrapport för Göteborgs Stad",
    "",
    "Underskottet för året uppgår till 2 480,5 mnkr.",
    "Åtgärder: nämnden ska återkomma före mars 2025.",
    "Överförmyndaren är ansvarig för uppföljningen.",
]
DATA = Path(__file__).resolve().parent / "data"


def _font_path() -> Path:
    for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        for found in sorted(root.rglob("DejaVuSans.ttf")) if root.is_dir() else []:
            return found
    pytest.skip("typsnittet DejaVuSans.ttf finns inte på maskinen")


def scanned_pdf(lines: list[str], pages: int = 1) -> bytes:
    """An A4 PDF (200 dpi) whose pages are pictures of ``lines``: no text layer at all."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(_font_path()), 40)
    images = []
    for _ in range(pages):
        image = Image.new("RGB", (1654, 2339), "white")
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((150, 200 + row * 80), line, fill="black", font=font)
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return out.getvalue()


@needs_ocr
def test_scanned_pdf_is_read_by_ocr_with_swedish_letters_and_amounts(
    tmp_path: Path, fake_embeddings: object, no_network: list[str]
) -> None:
    folder = tmp_path / "skannat"
    folder.mkdir()
    scan = folder / "revisionsbrev.pdf"
    scan.write_bytes(scanned_pdf(LINES))
    library = Library(get_settings())
    pages_seen: list[tuple[str, int, int]] = []
    try:
        summary = library.ingest(
            [folder],
            page_progress=lambda path, done, total: pages_seen.append((path.name, done, total)),
        )
        assert not summary.failed, summary.failed
        assert summary.documents == 1
        assert any("lästes med OCR" in w for w in summary.warnings)
        page = library.register.pages(str(scan.resolve()))[0]
        figures = library.register.figures()
        chunks = library.register.chunks()
        hits = library.search("underskottet 2 480,5 mnkr", k=3)
        chat = FakeListChatModel(responses=["Underskottet uppgår till 2 480,5 mnkr [1]."])
        answer = Answerer(library, chat).ask("Hur stort är underskottet för året?")
    finally:
        library.close()

    assert page.ocr
    for line in LINES[2:]:
        assert line in page.text
    assert "Göteborgs Stad" in page.text
    amount = [f for f in figures if f.raw == "2 480,5 mnkr"]
    assert amount, [f.raw for f in figures]
    assert all(f.ocr for f in amount)
    assert chunks and all(c.ocr for c in chunks)
    assert hits and hits[0].doc == "revisionsbrev.pdf"
    assert pages_seen == [("revisionsbrev.pdf", 0, 1), ("revisionsbrev.pdf", 1, 1)]
    # an answer from the scan says where the official must check the original
    assert answer.citations and all(c.ocr for c in answer.citations)
    assert "revisionsbrev.pdf s. 1 (läst med OCR)" in answer_as_text(answer)
    assert no_network == []  # the models come from the wheel; nothing is fetched


@needs_ocr
def test_blank_scan_is_still_refused_and_says_ocr_found_nothing() -> None:
    with pytest.raises(NoTextLayerError) as caught:
        read_document(DATA / "scanned.pdf")
    message = str(caught.value)
    assert "textlager" in message and "OCR hittade ingen läsbar text" in message


def test_without_ocr_installed_the_message_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_module, "ocr_available", lambda: False)
    monkeypatch.setattr(readers, "ocr_available", lambda: False)
    with pytest.raises(NoTextLayerError) as caught:
        read_document(DATA / "scanned.pdf")
    message = str(caught.value)
    for words in ("textlager", "inskannad", "inte installerat", "rapidocr==3.10.0", "ocrmypdf"):
        assert words in message


def test_ocr_turned_off_is_named_in_the_message() -> None:
    with pytest.raises(NoTextLayerError, match="OCR är avstängt"):
        read_document(DATA / "scanned.pdf", ocr=False)
    parsed = read_document(DATA / "partly-scanned.pdf", ocr=False)
    assert any("Sida 2 saknar text" in w and "avstängt" in w for w in parsed.document.warnings)


def test_boxes_become_lines_left_to_right_and_blocks_by_gaps() -> None:
    boxes = [
        _Box("mnkr", 102, 140, 500),  # same line as 'Budget 2 480,5', further right
        _Box("Rubrik", 0, 40, 10),
        _Box("Budget 2 480,5", 100, 138, 10),
        _Box("Prognos", 150, 188, 10),  # the next line, no gap
        _Box("Ny del", 300, 338, 10),  # far below: a new block
    ]
    assert layout_text(boxes) == "Rubrik\n\nBudget 2 480,5 mnkr\nPrognos\n\nNy del"
    assert layout_text([]) == ""


@needs_ocr
def test_a_page_that_cannot_be_rendered_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(document: object, number: int) -> object:
        raise ocr_module.OcrPageError("sidan kunde inte ritas upp för OCR (trasig bild)")

    monkeypatch.setattr(ocr_module, "_render", broken)
    parsed = read_document(DATA / "partly-scanned.pdf")
    assert parsed.pages[0].text and not parsed.pages[0].ocr
    assert any("sidan 2" in w and "trasig bild" in w for w in parsed.document.warnings)

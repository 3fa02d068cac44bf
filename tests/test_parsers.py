"""Parsers and normalisation: fixtures, the sample corpus and (when present) real documents."""

from __future__ import annotations

import difflib
import hashlib
from functools import cache
from pathlib import Path

import docx
import pytest
from pptx import Presentation
from pptx.util import Emu

from ingest.normalize import (
    dehyphenate,
    normalize_line,
    normalize_text,
    strip_running_lines,
)
from ingest.readers import read_document
from ingest.text import PAGE_CHARS
from lagesbild.types import ParsedDocument

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SAMPLE = HERE.parent / "examples" / "corpus"
SEED_TEXT = HERE.parent.parent / "shared" / "corpus" / "seed-text"

SAMPLE_PAGES = {
    "manadsrapport-fm-uppdrag-2025.pdf": 8,
    "manadsrapport-fm-uppdrag-2025.pptx": 8,
    "omstallningsplanen-2021-2022.pdf": 10,
    "regionplanen-2023-utmaningar-uppdrag.pdf": 20,
    "regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf": 76,
    "vagen-fram-ledning-och-styrning.pdf": 21,
}


@cache
def parsed(path: Path) -> ParsedDocument:
    """Parse each file once per test session."""
    return read_document(path)


def blocks(text: str) -> list[str]:
    """The blocks of a page text."""
    return text.split("\n\n")


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tid-\npunkt", "Tidpunkt"),
        ("Områdes-\nchef", "Områdeschef"),
        ("Stabs-\narbets-\ngrupp", "Stabsarbetsgrupp"),
        ("kompetens-\nförskjutning", "kompetensförskjutning"),
        ("HS-\ndirektör", "HS-direktör"),
        ("2017-\n2018", "2017-2018"),
        ("e-\ntjänster", "e-tjänster"),
        ("Inköp-logistik", "Inköp-logistik"),
        ("risk- och konsekvens", "risk- och konsekvens"),
        ("risk-\noch konsekvens", "risk-\noch konsekvens"),
        ("Region-\nStockholm", "Region-\nStockholm"),
        ("slut -\nnästa", "slut -\nnästa"),
        ("block-\n\nnästa", "block-\n\nnästa"),
    ],
)
def test_dehyphenate(raw: str, expected: str) -> None:
    """Broken words are joined; real hyphens and block boundaries are kept."""
    assert dehyphenate(raw) == expected
    assert normalize_text(raw) == expected


def test_normalize_text_spaces_and_blocks() -> None:
    """NBSP/thin spaces, tabs, soft hyphens, trailing spaces, blank-line runs."""
    raw = (
        "Kostnad\u00a0320\u00a0000\u202fkr\tper år  \nTid\u00adpunkt\u00ad\nen \n\n\n \n\n"
        "Nästa\u00a0block"
    )
    assert normalize_text(raw) == "Kostnad 320 000 kr per år\nTidpunkten\n\nNästa block"


def test_normalize_text_keeps_minus_and_composes() -> None:
    """U+2212 stays for the number parser; decomposed letters are composed (NFC)."""
    assert normalize_text("\u22125,2 mkr") == "\u22125,2 mkr"
    assert normalize_text("A\u030angermanland") == "Ångermanland"


def test_normalize_line_collapses_whitespace() -> None:
    """Cells and titles become one line."""
    assert normalize_line("  Ansvarig\n HR-\u00a0chef\t ") == "Ansvarig HR- chef"


def test_strip_running_lines() -> None:
    """Running headers, page numbering and bare page numbers go; content and years stay."""
    pages = [
        f"Stadsrevisionen, Rapport X\n\nKommande månad\nText {i}\n\n{2014 + i}"
        f"\n\nSida {i} av 4\n\n{i}"
        for i in range(1, 5)
    ]
    stripped = strip_running_lines(pages)
    assert stripped[0] == "Kommande månad\nText 1\n\n2015"
    assert stripped[2] == "Kommande månad\nText 3\n\n2017"


def test_strip_running_lines_keeps_figures() -> None:
    """A bare number inside the page is a figure, not a page number."""
    pages = ["Rubrik\n\nAntal vårdplatser\n\n3\n\nKälla: HSF", "Annat\n\n2"]
    assert strip_running_lines(pages) == ["Rubrik\n\nAntal vårdplatser\n\n3\n\nKälla: HSF", "Annat"]


def test_strip_running_lines_numbered_header_and_few_pages() -> None:
    """'… 2 (5)' headers go even on two pages; short repeated lines need ≥ 3 pages."""
    pages = ["Rapport om skolan 1 (2)\n\nInnehåll A\n\nRegion Väst", "Innehåll B\n\nRegion Väst"]
    assert strip_running_lines(pages) == ["Innehåll A\n\nRegion Väst", "Innehåll B\n\nRegion Väst"]


# --------------------------------------------------------------------------- PDF


def test_pdf_fixture_blocks() -> None:
    """Blocks from line gaps, de-hyphenation, NBSP in numbers, page footer removed."""
    doc = parsed(DATA / "plan.pdf")
    assert [p.number for p in doc.pages] == [1, 2]
    assert blocks(doc.pages[0].text) == [
        "Åtgärdsplan 2017",
        "Regionstyrelsen har tagit fram en åtgärdsplan efter revisorernas granskning. "
        "Kostnaden beräknas till 320 000 kronor för HS-direktörens stab.",
        "Aktivitet Beskrivning Ansvarig Tidpunkt Status\n"
        "Översyn av bemanning Ny modell för Områdeschef Jan 2017 Pågår",
        "Samordna Stabsarbetsgrupp Regiondirektör 2017-2018 Klar",
    ]
    assert blocks(doc.pages[1].text) == [
        "Uppföljning\nArbetet följs upp i risk- och konsekvensanalysen varje kvartal.",
        "Inköp-logistik ska effektiviseras under 2017.",
    ]
    assert doc.pages[0].title == "Åtgärdsplan 2017"
    assert not doc.pages[0].is_slide


def test_pdf_document_fields() -> None:
    """Document: hash, absolute path, format, pages, title, year."""
    path = DATA / "plan.pdf"
    document = parsed(path).document
    assert document.doc == "plan.pdf"
    assert Path(document.path).is_absolute()
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (document.format, document.pages, document.year) == ("pdf", 2, 2017)
    assert document.title == "Åtgärdsplan 2017"
    assert document.warnings == []


def test_landscape_pdf_pages_are_slides() -> None:
    """Landscape pages are slides; the title is the line in the largest font."""
    doc = parsed(DATA / "slides.pdf")
    assert all(p.is_slide for p in doc.pages)
    assert doc.pages[0].title == "Vägvalen"


@pytest.mark.parametrize(("name", "count"), SAMPLE_PAGES.items())
def test_sample_page_counts(name: str, count: int) -> None:
    """Every sample document has its known number of pages/slides, numbered from 1."""
    doc = parsed(SAMPLE / name)
    assert doc.document.pages == count
    assert [p.number for p in doc.pages] == list(range(1, count + 1))


def test_sample_pdf_block_structure() -> None:
    """A known slide: blocks as in the source's text layer."""
    page = parsed(SAMPLE / "omstallningsplanen-2021-2022.pdf").pages[0]
    found = blocks(page.text)
    assert len(found) == 2
    assert found[0].startswith("Omställningsplanen 2021-2022\nEtt arbete har pågått")
    assert found[0].endswith("De fackliga parter har även involverats")
    assert found[1].startswith("Noteras bör : Planen har bristande/ingen koppling")
    assert page.is_slide and page.title == "Omställningsplanen 2021-2022"


def test_monthly_report_pdf_keeps_text_order() -> None:
    """The slide title 'FM Uppdrag, …' comes last in text order and stays there."""
    page = parsed(SAMPLE / "manadsrapport-fm-uppdrag-2025.pdf").pages[1]
    found = blocks(page.text)
    assert found[0].startswith("Kommande månad\n")
    assert found[-1] == "FM Uppdrag, Minska personalkostnaden RUN"
    assert any(b.startswith("Senaste månaden\n") for b in found)


def test_report_pdf_is_portrait_with_dehyphenation() -> None:
    """The 76-page report: portrait pages, no line ends with a broken lowercase word."""
    doc = parsed(SAMPLE / "regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf")
    assert not any(p.is_slide for p in doc.pages)
    text = "\n".join(p.text for p in doc.pages)
    assert "HS-direktör" in text
    assert "\u00a0" not in text and "\u00ad" not in text


def _line_breaks(text: str) -> tuple[list[str], list[bool]]:
    """Non-empty lines and, between neighbours, whether a blank line separates them."""
    lines: list[str] = []
    breaks: list[bool] = []
    pending = False
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if not line:
            pending = True
            continue
        if lines:
            breaks.append(pending)
        lines.append(line)
        pending = False
    return lines, breaks


@pytest.mark.parametrize("name", [n for n in SAMPLE_PAGES if n.endswith(".pdf")])
def test_blocks_match_seed_text(name: str) -> None:
    """Block boundaries agree with the raw text layer (blank lines) the sample was built from.

    Compared on line pairs that appear unchanged and adjacent in both, inside one page.
    """
    seed = SEED_TEXT / name.replace(".pdf", ".txt")
    if not seed.is_file():
        pytest.skip("seed-text saknas")
    seed_lines, seed_breaks = _line_breaks(seed.read_text(encoding="utf-8"))
    ours: list[str] = []
    our_breaks: list[bool] = []
    page_starts: set[int] = set()
    for page in parsed(SAMPLE / name).pages:
        lines, page_breaks = _line_breaks(page.text)
        if ours and lines:
            page_starts.add(len(our_breaks))
            our_breaks.append(True)
        ours += lines
        our_breaks += page_breaks
    agree = disagree = 0
    matcher = difflib.SequenceMatcher(None, seed_lines, ours, autojunk=False)
    for match in matcher.get_matching_blocks():
        for k in range(match.size - 1):
            if match.b + k in page_starts:
                continue
            same = seed_breaks[match.a + k] == our_breaks[match.b + k]
            agree, disagree = agree + same, disagree + (not same)
    assert agree > 50
    assert disagree <= 0.02 * (agree + disagree)


# --------------------------------------------------------------------------- PPTX


def test_pptx_fixture() -> None:
    """Title placeholder, boxes in reading order, table as Table and text, notes."""
    doc = parsed(DATA / "slides.pptx")
    first, second = doc.pages
    assert first.title is None and first.is_slide
    assert second.title == "FM Uppdrag, Minska hyrberoendet"
    assert blocks(second.text) == [
        "FM Uppdrag, Minska hyrberoendet",
        "Kommande månad\nUppföljning i HSLG.",
        "Senaste månaden\nHyrkostnaden minskade med 1,2 MSEK.",
        "Aktivitet | Ansvarig | Status\nBemanning | HR | Pågår",
    ]
    assert [t.rows for t in second.tables] == [
        [["Aktivitet", "Ansvarig", "Status"], ["Bemanning", "HR", "Pågår"]]
    ]
    assert second.notes == "Talarmanus: nämn 320 000 kr."


def test_pptx_sample() -> None:
    """The monthly report PPTX: 8 slides, slide 1 without title, four text boxes per slide."""
    doc = parsed(SAMPLE / "manadsrapport-fm-uppdrag-2025.pptx")
    assert doc.pages[0].title is None
    assert doc.pages[1].title == "FM Uppdrag, Minska personalkostnaden RUN"
    assert all(p.is_slide for p in doc.pages)
    found = blocks(doc.pages[1].text)
    assert found[0] == "FM Uppdrag, Minska personalkostnaden RUN"
    assert [b.split("\n")[0] for b in found[1:]] == [
        "Kommande månad",
        "Senaste månaden",
        "Kommentarer",
        "Uppkomna risker och Eventuellt behov av stöd",
    ]
    assert doc.document.title == "Månadsrapport FM-uppdrag 2025"


def test_pptx_groups_and_row_tolerance(tmp_path: Path) -> None:
    """Boxes on one row (tops a little apart) read left to right; groups are read inside."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(
        Emu(5_000_000), Emu(1_000_000), Emu(2_000_000), Emu(500_000)
    ).text = "Höger"
    slide.shapes.add_textbox(
        Emu(500_000), Emu(1_050_000), Emu(2_000_000), Emu(500_000)
    ).text = "Vänster"
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(
        Emu(500_000), Emu(4_000_000), Emu(2_000_000), Emu(500_000)
    ).text = "I gruppen"
    path = tmp_path / "grupp.pptx"
    prs.save(str(path))
    assert blocks(read_document(path).pages[0].text) == ["Vänster", "Höger", "I gruppen"]


# --------------------------------------------------------------------------- DOCX, TXT, MD


def test_docx_explicit_page_breaks(tmp_path: Path) -> None:
    """Explicit page breaks decide the pages (not headings); a page's title is its heading."""
    document = docx.Document()
    document.add_heading("Inledning", level=1)
    document.add_paragraph("Första sidan.")
    document.add_heading("Bakgrund", level=1)
    document.add_page_break()  # type: ignore[no-untyped-call]
    document.add_paragraph("Andra sidan.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Sammanslagen"
    path = tmp_path / "brytning.docx"
    document.save(str(path))
    pages = read_document(path).pages
    assert [p.text for p in pages] == [
        "Inledning\n\nFörsta sidan.\n\nBakgrund",
        "Andra sidan.\n\nSammanslagen",
    ]
    assert pages[0].title == "Inledning"
    assert pages[1].tables[0].rows == [["Sammanslagen"]]


def test_docx_fixture() -> None:
    """Split at Heading 1; heading as title; table as Table and one block."""
    doc = parsed(DATA / "plan.docx")
    assert [p.title for p in doc.pages] == ["Åtgärdsplan 2017", "Uppföljning"]
    assert blocks(doc.pages[0].text) == [
        "Åtgärdsplan 2017",
        "Regionstyrelsen redovisar åtgärder efter revisorernas granskning.",
        "Aktivitet | Ansvarig | Tidpunkt\nÖversyn av bemanning | HR-chef | Jan 2017",
        "Kostnaden är 320 000 kronor.",
    ]
    assert doc.pages[0].tables[0].rows[0] == ["Aktivitet", "Ansvarig", "Tidpunkt"]
    assert doc.document.format == "docx"


def test_text_pages_split_on_form_feed() -> None:
    """Form feeds separate pages; normalisation applies."""
    doc = parsed(DATA / "pages.txt")
    assert [p.text for p in doc.pages] == ["Sida ett", "Sida två med Tidpunkt"]


def test_markdown_split_on_headings() -> None:
    """'# ' headings start pages and give their titles."""
    doc = parsed(DATA / "notes.md")
    assert doc.document.format == "md"
    assert [p.title for p in doc.pages] == ["Bakgrund", "Status"]
    assert doc.pages[0].text == "# Bakgrund\n\nText om bakgrunden."


def test_long_text_is_cut_at_blocks(tmp_path: Path) -> None:
    """Long text without markers is cut at block boundaries about every PAGE_CHARS."""
    paragraph = "Ett stycke om ekonomi och styrning. " * 10
    path = tmp_path / "lang.txt"
    path.write_text("\n\n".join([paragraph.strip()] * 40), encoding="utf-8")
    doc = read_document(path)
    assert doc.document.pages > 3
    assert all(len(p.text) <= PAGE_CHARS + len(paragraph) for p in doc.pages)
    assert all(not p.text.startswith("\n") for p in doc.pages)


# --------------------------------------------------------------------------- real corpus


def test_real_corpus_parses(real_corpus: Path) -> None:
    """Every real document parses; pages have text; headers like '2 (5)' are gone."""
    files = sorted(p for p in real_corpus.iterdir() if p.is_file())
    assert files
    for path in files:
        doc = parsed(path)
        assert doc.document.pages == len(doc.pages) > 0, path.name
        assert sum(bool(p.text) for p in doc.pages) >= len(doc.pages) // 2, path.name
    report = parsed(real_corpus / "gbg_granskning_finansiering_likviditet.pdf")
    assert "2 (5)" not in report.pages[1].text
    assert report.pages[1].title == "Göteborgs Stads finansierings- och likviditetsprocess"

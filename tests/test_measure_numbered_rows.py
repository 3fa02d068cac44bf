"""A numbered table whose text layer keeps no columns ('Nr Åtgärdspaket …' and one line per
row, all at the same x), and monthly slides whose boxes hold only their headings.

The documents are made up here (PDFs with the fixture builder, a PPTX with python-pptx)
and read through the real readers.
"""

from __future__ import annotations

from pathlib import Path

from data.make_fixtures import pdf_bytes
from pptx import Presentation
from pptx.util import Inches

from ingest.measures import extract_measures
from ingest.measures.numbered_rows import is_header, parse_page, split_title
from ingest.readers import read_document
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Page


def _lines(texts: list[str], top: float = 790, gap: float = 14) -> list[tuple]:
    """Lines at one x from ``top`` down; '' leaves a paragraph gap."""
    out, y = [], top
    for text in texts:
        if text:
            out.append((56, y, 11, text))
        y -= gap if text else gap * 1.8
    return out


PACKAGES = [
    "Uppföljning av åtgärdspaketen",
    "",
    "Nr Åtgärdspaket Besparing 2025 Ack. besparing",
    "",
    "1 Samordnad upphandling av livsmedel 1,2 2,4",
    "",
    "2 Färre lokaler i centrum (avveckling av två",
    "kontor under hösten) 3,5 3,5",
    "",
    "3",
    "Digital tidbokning (SMS) via e-tjänst",
    "",
    "0,4 0,4",
    "",
    "5 Energieffektivisering i skolor ej påbörjad",
    "",
    "Totalt 5,1 6,3",
    "",
    "Besparingarna under året blev alltså något större än vad som beräknades när planen",
    "antogs av fullmäktige i februari.",
]


def _from_pdf(tmp_path: Path, texts: list[str]) -> list[Measure]:
    path = tmp_path / "uppfoljning.pdf"
    path.write_bytes(pdf_bytes([_lines(texts)]))
    parsed = read_document(path)
    return extract_measures(parsed.document, parsed.pages)


def test_numbered_rows_under_a_nr_header_are_measures(tmp_path: Path) -> None:
    measures = _from_pdf(tmp_path, PACKAGES)
    assert [m.title for m in measures] == [
        "Samordnad upphandling av livsmedel",
        "Färre lokaler i centrum",
        "Digital tidbokning (SMS)",
        "Energieffektivisering i skolor",
    ]
    assert {m.layout for m in measures} == {MeasureLayout.TABLE}
    assert {m.section for m in measures} == {"Uppföljning av åtgärdspaketen"}
    assert "avveckling av två kontor under hösten" in measures[1].description
    assert measures[3].status is MeasureStatus.NOT_STARTED
    assert all(m.owner is None and m.due is None for m in measures)


def test_the_sum_row_and_the_paragraph_below_are_not_measures(tmp_path: Path) -> None:
    titles = [m.title for m in _from_pdf(tmp_path, PACKAGES)]
    assert not any(t.startswith(("Totalt", "Besparingarna")) for t in titles)


def _page(text: str, number: int = 1) -> Page:
    return Page(number=number, text=text)


def test_a_header_needs_a_number_column_right_before_the_items() -> None:
    assert is_header("Nr Strukturpaket Effekt 2016")
    assert is_header("# Åtgärd Ansvarig")
    assert not is_header("Nr Datum Händelse")
    assert not is_header("Åtgärd Nr Ansvarig")
    assert not is_header("Nr")


def test_rows_under_another_header_give_nothing() -> None:
    text = "Nr Datum Händelse\n\n1 Beslut i nämnden\n\n2 Remiss\n\n3 Beslut i fullmäktige"
    assert parse_page("d.pdf", _page(text), None) == []


def test_fewer_than_three_rows_are_no_table() -> None:
    text = "Nr Åtgärd Kostnad\n\n1 Ny växel 200\n\n2 Nya skrivare 50"
    assert parse_page("d.pdf", _page(text), None) == []


def test_a_number_that_does_not_rise_ends_the_table() -> None:
    text = (
        "Nr Insats Kommentar\n\n1 Första insatsen\n\n2 Andra insatsen\n\n3 Tredje insatsen"
        "\n\n1 En annan lista börjar här"
    )
    titles = [f.measure.title for f in parse_page("d.pdf", _page(text), None)]
    assert titles == ["Första insatsen", "Andra insatsen", "Tredje insatsen"]


def test_the_heading_may_stand_on_the_page_before() -> None:
    previous = _page("Långsiktig plan för ekonomin\nUppföljningen ser ut så här:", 4)
    text = "Nr Åtgärdspaket Effekt\n\n1 Ett\n\n2 Två paket\n\n3 Tre paket"
    found = parse_page("d.pdf", _page(text, 5), previous)
    assert {f.measure.section for f in found} == {"Långsiktig plan för ekonomin"}


def test_split_title_keeps_an_abbreviation_and_moves_a_comment() -> None:
    assert split_title("Akut vård (PCI) separat flik 8,2 8,2") == (
        "Akut vård (PCI)",
        "separat flik 8,2 8,2",
    )
    assert split_title("Läkemedel (efter förhandling lägre pris) 1,6") == (
        "Läkemedel",
        "(efter förhandling lägre pris) 1,6",
    )
    assert split_title("Psykisk ohälsa 0,0") == ("Psykisk ohälsa", "0,0")


# --------------------------------------------------------------------------- monthly slides


def _monthly_deck(path: Path, empty_first: bool) -> Path:
    """Two uppdrag slides with text under their box headings, and (when asked) a slide
    with the same headings and nothing, or only the template's instruction, under them."""
    deck = Presentation()
    layout = deck.slide_layouts[5]
    slides = [
        ("Månadsrapport april", {"Kommande månad": "", "Senaste månaden": "Fyll i här."}),
        (
            "Uppdrag 1: Ny växel",
            {
                "Kommande månad": "Upphandlingen avslutas.",
                "Senaste månaden": "Anbud har kommit in.",
            },
        ),
        (
            "Uppdrag 2: Färre lokaler",
            {"Kommande månad": "Flytt av arkivet.", "Senaste månaden": "Två kontor är avvecklade."},
        ),
    ]
    for title, boxes in slides[0 if empty_first else 1 :]:
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        for top, (heading, body) in enumerate(boxes.items()):
            box = slide.shapes.add_textbox(Inches(1), Inches(2 + 2 * top), Inches(6), Inches(1))
            box.text_frame.text = heading
            if body:
                box.text_frame.add_paragraph().text = body
    deck.save(str(path))
    return path


def _monthly(path: Path) -> list[Measure]:
    parsed = read_document(path)
    return extract_measures(parsed.document, parsed.pages)


def test_a_slide_with_only_empty_box_headings_is_no_measure(tmp_path: Path) -> None:
    measures = _monthly(_monthly_deck(tmp_path / "rapport.pptx", empty_first=True))
    assert [m.title for m in measures] == ["Uppdrag 1: Ny växel", "Uppdrag 2: Färre lokaler"]
    assert {m.layout for m in measures} == {MeasureLayout.MONTHLY_STATUS}


def test_the_same_deck_without_the_empty_slide_gives_the_same_measures(tmp_path: Path) -> None:
    with_empty = _monthly(_monthly_deck(tmp_path / "a.pptx", empty_first=True))
    without = _monthly(_monthly_deck(tmp_path / "b.pptx", empty_first=False))
    assert [m.title for m in with_empty] == [m.title for m in without]
    assert [m.last_month for m in with_empty] == [
        "Anbud har kommit in.",
        "Två kontor är avvecklade.",
    ]

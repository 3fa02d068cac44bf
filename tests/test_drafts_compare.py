"""CLG month over month: a second month made by editing the sample PPTX, compared."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pptx import Presentation
from pptx.util import Inches
from typer.testing import CliRunner

from assistant.cli import app
from assistant.drafts import summarise_clg
from assistant.drafts.export import to_markdown, write_draft
from assistant.drafts.models import Colour
from assistant.drafts.outline import clg_blocks
from assistant.drafts.reports import link_uppdrag, title_score
from lagesbild.types import Measure, MeasureLayout
from vectorstore.library import Library

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "corpus"
ORIGINAL = "manadsrapport-fm-uppdrag-2025"
NEW_RISK = "Risk för att uppföljningen dröjer när data saknas."
NEW_AMOUNT_TEXT = "Hittills har åtgärder motsvarande 12,4 MSEK genomförts."


def edit_report(target: Path, edits: dict[int, dict[str, str]], title: str | None = None) -> Path:
    """The sample PPTX with a paragraph added under a box heading on some slides.

    ``edits`` maps a 1-based slide number to {box heading: paragraph to add}. Saved by
    python-pptx, so even an unedited copy has other bytes than the original.
    """
    deck = Presentation(str(SAMPLE / f"{ORIGINAL}.pptx"))
    for number, boxes in edits.items():
        slide = deck.slides[number - 1]
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            frame = shape.text_frame
            heading = frame.paragraphs[0].text.strip()
            if heading in boxes:
                frame.add_paragraph().text = boxes[heading]
    if title is not None:
        deck.core_properties.title = title
    deck.save(str(target))
    return target


CHANGES = {
    3: {"Senaste månaden": NEW_AMOUNT_TEXT},
    5: {"Uppkomna risker och Eventuellt behov av stöd": NEW_RISK},
}


@pytest.fixture
def months(tmp_path: Path, fake_embeddings: object) -> Iterator[Library]:
    """The sample report (PDF and PPTX), an unchanged copy and a changed next month."""
    folder = tmp_path / "rapporter"
    folder.mkdir()
    for suffix in (".pdf", ".pptx"):
        (folder / f"{ORIGINAL}{suffix}").write_bytes((SAMPLE / f"{ORIGINAL}{suffix}").read_bytes())
    edit_report(folder / "kopia.pptx", {})
    edit_report(folder / "manadsrapport-2025-06.pptx", CHANGES)
    library = Library()
    assert not library.ingest([folder]).failed
    yield library
    library.close()


def test_an_unchanged_copy_reports_no_changes(months: Library) -> None:
    summary = summarise_clg(months, "kopia", compare=f"{ORIGINAL}.pptx")
    comparison = summary.comparison
    assert comparison is not None
    assert len(comparison.uppdrag) == 8
    assert all(not u.changed and not u.changes for u in comparison.uppdrag)
    assert comparison.added == comparison.removed == []
    assert summary.documents == ["kopia.pptx"]  # the original PDF is the other month's copy
    assert "Inga förändringar" in to_markdown(clg_blocks(summary))


def test_the_changed_month_lists_colour_risk_and_amount(months: Library) -> None:
    summary = summarise_clg(months, "2025-06", compare=ORIGINAL + ".pptx")
    assert summary.period == "2025-06"
    comparison = summary.comparison
    assert comparison is not None
    changed = {u.title: u for u in comparison.uppdrag if u.changed}
    assert len(changed) == 2
    risky = next(u for t, u in changed.items() if "kloka kliniska val" in t)
    assert (risky.previous_colour, risky.colour) == (Colour.GREEN, Colour.YELLOW)
    assert risky.rule.startswith("risker angivna") and NEW_RISK in risky.rule
    assert [c.field for c in risky.changes] == ["colour", "risks"]
    amount = next(u for t, u in changed.items() if t.endswith("personalkostnaden RS"))
    fields = {c.field: c for c in amount.changes}
    assert set(fields) == {"last_month", "figures"}
    assert NEW_AMOUNT_TEXT in (fields["last_month"].after or "")
    assert NEW_AMOUNT_TEXT not in (fields["last_month"].before or "")
    assert "12,4 mkr" in (fields["figures"].after or "")
    assert [f.raw for f in amount.new_figures] == ["12,4 MSEK"]
    checked = {(n.check.raw, n.label) for n in summary.numbers if "Förändring" in n.where}
    assert ("12,4 MSEK", "belagt") in checked
    text = to_markdown(clg_blocks(summary))
    head = text.split("## Översikt")[0]
    assert "## Förändringar sedan förra rapporten" in head
    assert "grön → gul" in head and "Ny risk" in head and "12,4 MSEK" in head
    assert "manadsrapport-2025-06.pptx s. 3" in head  # cited where it stands now


def test_json_contract(months: Library) -> None:
    result = CliRunner().invoke(
        app, ["summary", "clg", "--doc", "2025-06", "--compare", f"{ORIGINAL}.pptx", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"uppdrag", "added", "removed"}
    for item in data["uppdrag"]:
        assert set(item) == {"title", "colour", "previous_colour", "changed", "changes"}
        assert item["changed"] == bool(item["changes"])
        assert all(set(c) == {"field", "before", "after"} for c in item["changes"])
    unchanged = [i for i in data["uppdrag"] if not i["changed"]]
    assert len(unchanged) == 6
    assert all(i["colour"] == i["previous_colour"] for i in unchanged)


def test_docx_has_a_shaded_colour_grid(months: Library, tmp_path: Path) -> None:
    summary = summarise_clg(months, "2025-06", compare=f"{ORIGINAL}.pptx")
    path = write_draft(clg_blocks(summary), tmp_path / "clg.docx")
    grid = docx.Document(str(path)).tables[0]
    header = [c.text for c in grid.rows[0].cells]
    assert header == ["Uppdrag", f"{ORIGINAL}.pptx", "2025-06"]
    row = next(r for r in grid.rows if "kloka kliniska val" in r.cells[0].text)
    assert [c.text for c in row.cells[1:]] == ["grön", "gul"]
    fills = [c._tc.tcPr.xpath("./w:shd/@w:fill") for c in row.cells[1:]]
    assert fills == [["C6EFCE"], ["FFEB9C"]]


def test_without_compare_the_previous_month_of_the_series_is_found(
    tmp_path: Path, fake_embeddings: object
) -> None:
    folder = tmp_path / "serie"
    folder.mkdir()
    edit_report(folder / "fm-uppdrag-2025-05.pptx", {})
    edit_report(folder / "fm-uppdrag-2025-06.pptx", CHANGES)
    library = Library()
    try:
        assert not library.ingest([folder]).failed
        summary = summarise_clg(library)
    finally:
        library.close()
    assert summary.documents == ["fm-uppdrag-2025-06.pptx"]
    assert summary.comparison is not None
    assert summary.months == ["2025-05", "2025-06"]
    assert sum(u.changed for u in summary.comparison.uppdrag) == 2


def test_a_report_alone_has_no_comparison(tmp_path: Path, fake_embeddings: object) -> None:
    folder = tmp_path / "ensam"
    folder.mkdir()
    edit_report(folder / "fm-uppdrag-2025-06.pptx", {})
    library = Library()
    try:
        assert not library.ingest([folder]).failed
        summary = summarise_clg(library)
    finally:
        library.close()
    assert summary.comparison is None and summary.trend == []
    assert "Förändringar sedan" not in to_markdown(clg_blocks(summary))


def with_title_slide(target: Path) -> Path:
    """The sample PPTX with a title slide first: the report's name and the box headings of
    the uppdrag slides as a reading guide, each with the template's instruction only."""
    deck = Presentation(str(SAMPLE / f"{ORIGINAL}.pptx"))
    slide = deck.slides.add_slide(deck.slides[0].slide_layout)
    slide.shapes.title.text = "Månadsrapport FM-uppdrag mars 2025"
    for top, heading in enumerate(("Kommande månad", "Senaste månaden", "Kommentarer")):
        box = slide.shapes.add_textbox(Inches(1), Inches(1.5 + top), Inches(6), Inches(0.8))
        box.text_frame.text = heading
    order = deck.slides._sldIdLst  # python-pptx has no public way to reorder slides
    first = order[-1]
    order.remove(first)
    order.insert(0, first)
    deck.save(str(target))
    return target


def test_a_title_slide_is_not_an_uppdrag(tmp_path: Path, fake_embeddings: object) -> None:
    """A slide with the box headings but nothing under them (no status, risk, last or
    next month) is not an uppdrag: the summary lists the sample's eight."""
    folder = tmp_path / "med-titelbild"
    folder.mkdir()
    with_title_slide(folder / "fm-uppdrag-2025-03.pptx")
    library = Library()
    try:
        assert not library.ingest([folder]).failed
        summary = summarise_clg(library)
    finally:
        library.close()
    titles = [item.title for item in summary.items]
    assert len(titles) == 8
    assert not any("bild 1)" in t or "Månadsrapport" in t for t in titles)
    assert titles[1] == "FM Uppdrag, Minska personalkostnaden RUN"


# --------------------------------------------------------------------------- linking


def uppdrag(title: str) -> Measure:
    return Measure(id=title, doc="a.pptx", page=1, layout=MeasureLayout.MONTHLY_STATUS, title=title)


def test_titles_link_across_small_edits_and_numbers() -> None:
    old = [
        uppdrag(t)
        for t in (
            "Uppdrag 1: Minska hyrberoendet",
            "Uppdrag 2: Kit med arbetstidsmodeller",
            "Uppdrag 3: Digitala möten",
        )
    ]
    new = [
        uppdrag(t)
        for t in (
            "Uppdrag 2: Kit med olika arbetstidsmodeller",
            "Uppdrag 1: Minska hyrberoendet i regionen",
            "Uppdrag 4: Nya lokaler",
        )
    ]
    pairs = [(o.title if o else None, n.title if n else None) for o, n in link_uppdrag(old, new)]
    assert pairs == [
        ("Uppdrag 2: Kit med arbetstidsmodeller", "Uppdrag 2: Kit med olika arbetstidsmodeller"),
        ("Uppdrag 1: Minska hyrberoendet", "Uppdrag 1: Minska hyrberoendet i regionen"),
        (None, "Uppdrag 4: Nya lokaler"),
        ("Uppdrag 3: Digitala möten", None),
    ]


def test_different_numbers_keep_alike_titles_apart() -> None:
    assert title_score("Uppdrag 1: Minska kostnaden RUN", "Uppdrag 2: Minska kostnaden RS") < 0.6

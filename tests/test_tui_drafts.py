"""The Utkast tab: make a draft, edit it, check its numbers, export it; and its pure rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from langchain_core.embeddings import Embeddings
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea
from tui_helpers import SIZE, draft_corpus, ingest, make_app, run, settle, static_text

from assistant.drafts.clg import monthly_reports
from assistant.drafts.outline import Bullets, Heading, Paragraph, TableBlock
from assistant.service import DraftKind, checked_part, cited_pages
from assistant.tui.app import LagesbildApp
from assistant.tui.draft_text import (
    default_export_path,
    export_draft,
    export_target,
    flagged_numbers,
)
from assistant.tui.gateway import LibraryGateway
from assistant.tui.markdown_blocks import markdown_blocks
from assistant.tui.screens.dialogs import ConfirmScreen, ErrorScreen
from lagesbild.errors import ConfigError
from lagesbild.settings import get_settings
from lagesbild.types import NumberCheck, NumberKind, NumberStatus
from vectorstore.library import Library

EDIT = "Underskottet ökade till 74 mkr under våren.\n\n"


@pytest.fixture
def reports(fake_embeddings: Embeddings, tmp_path: Path) -> None:
    """An auditors' report and a monthly status report in the library."""
    ingest(draft_corpus(tmp_path / "korpus"))


async def open_drafts(pilot: Pilot[Any]) -> None:
    """Wait for the app, then go to the Utkast tab and wait for its choices."""
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)


def editor(app: LagesbildApp) -> TextArea:
    """The draft's editor."""
    return app.query_one("#draft-text", TextArea)


def messages(app: LagesbildApp, severity: str = "information") -> list[str]:
    """The notifications shown so far, of one severity."""
    return [n.message for n in app._notifications if n.severity == severity]


# ------------------------------------------------------------------------------ Pilot


def test_clg_draft_is_made_edited_checked_and_exported(reports: None, tmp_path: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            assert app.query_one("#draft-doc", Select).value == "manadsrapport.txt"
            assert app.query_one("#draft-path", Input).value == "~/Lägesbild-utkast-clg.docx"
            await pilot.press("ctrl+g")
            await settle(pilot)
            text = editor(app).text
            assert text.startswith("# Sammanfattning för CLG – manadsrapport.txt\n")
            assert "| 1 | Uppdrag 1: Minska hyrberoendet | röd |" in text
            summary = static_text(app, "#draft-check-summary")
            assert "belagt" in summary and "ej belagt" not in summary
            assert "Inget tal saknar stöd" in summary
            assert not app.query_one("#draft-flags").display

            editor(app).insert(EDIT, (2, 0))
            await pilot.pause()
            assert "Texten har ändrats" in static_text(app, "#draft-check-summary")
            editor(app).focus()
            await pilot.press("ctrl+t")
            await settle(pilot)
            assert "1 ej belagt" in static_text(app, "#draft-check-summary")
            flags = app.query_one("#draft-flags", OptionList)
            assert flags.display and flags.option_count == 1
            assert "rad 3: 74 mkr" in str(flags.get_option_at_index(0).prompt)
            flags.focus()
            flags.highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
            assert editor(app).selected_text == "74 mkr" and editor(app).has_focus

            out = tmp_path / "utkast.docx"
            app.query_one("#draft-path", Input).value = str(out)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert any(m.startswith("Skrev ") for m in messages(app))
            document = docx.Document(str(out))
            paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
            assert ("Title", "Sammanfattning för CLG – manadsrapport.txt") in paragraphs
            assert ("Normal", EDIT.strip()) in paragraphs
            assert ("Heading 1", "Översikt") in paragraphs
            assert len(document.tables) == 2  # the overview and the number appendix
            assert document.tables[0].rows[1].cells[1].text == "Uppdrag 1: Minska hyrberoendet"

            markdown = tmp_path / "utkast.md"
            app.query_one("#draft-path", Input).value = str(markdown)
            app.query_one("#draft-export").press()
            await settle(pilot)
            assert markdown.read_text(encoding="utf-8") == editor(app).text

    run(scenario)


def test_revisor_draft_defaults_to_the_auditors_report(reports: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            await pilot.click("#kind-revisorer")
            await pilot.pause()
            assert app.query_one("#draft-doc", Select).value == "revisionsrapport.txt"
            path = app.query_one("#draft-path", Input).value
            assert path == default_export_path(DraftKind.REVISOR)
            app.query_one("#draft-make").press()
            await settle(pilot)
            text = editor(app).text
            assert text.startswith("# Svar till revisorerna – utkast\n")
            assert "## Kritik" in text and "42 mkr" in text
            assert "Svar till revisorerna – utkast." in static_text(app, "#draft-status")

    run(scenario)


def test_palette_makes_both_drafts(reports: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            commands = {c.title: c for c in app.palette_commands()}
            assert {"Visa utkast", "Kontrollera talen i utkastet", "Exportera utkastet"} <= set(
                commands
            )
            commands["Skapa sammanfattning för CLG"].callback()
            await settle(pilot)
            assert editor(app).text.startswith("# Sammanfattning för CLG")
            commands["Skapa svar till revisorerna"].callback()
            await settle(pilot)
            assert editor(app).text.startswith("# Svar till revisorerna – utkast")
            assert app.query_one("#draft-doc", Select).value == "revisionsrapport.txt"

    run(scenario)


def test_exporting_over_a_file_asks_first(reports: None, tmp_path: Path) -> None:
    out = tmp_path / "utkast.md"
    out.write_text("gammalt", encoding="utf-8")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            app.query_one("#draft-path", Input).value = str(out)
            app.query_one("#draft-path").focus()
            await pilot.press("enter")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.click("#confirm")
            await settle(pilot)
            assert out.read_text(encoding="utf-8").startswith("# Sammanfattning för CLG")

    run(scenario)


def test_draft_and_export_errors_are_notified_in_swedish(
    reports: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_report(library: object, doc: str | None, *_: object) -> None:
        raise ConfigError("Ingen månadsrapport med uppdrag är inläst.")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            await pilot.press("ctrl+s")
            assert "Det finns inget utkast att exportera." in messages(app, "warning")
            with monkeypatch.context() as patch:
                patch.setattr("assistant.service.summarise_clg", no_report)
                await pilot.press("ctrl+g")
                await settle(pilot)
            assert "Ingen månadsrapport med uppdrag är inläst." in messages(app, "error")
            assert "kunde inte skapas" in static_text(app, "#draft-status")
            assert not editor(app).loading and not isinstance(app.screen, ErrorScreen)
            await pilot.press("ctrl+g")
            await settle(pilot)
            for path, words in (
                (tmp_path / "utkast.txt", "Okänt filformat"),
                (tmp_path / "saknas" / "utkast.docx", "Kontrollera att mappen finns"),
            ):
                app.query_one("#draft-path", Input).value = str(path)
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert any(words in m for m in messages(app, "error"))
            assert not isinstance(app.screen, ErrorScreen)

    run(scenario)


def test_an_unexpected_error_opens_the_dialog_and_unlocks_the_view(
    reports: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(library: object, doc: str | None, *_: object) -> None:
        raise RuntimeError("trasigt register")

    monkeypatch.setattr("assistant.service.summarise_clg", crash)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert isinstance(app.screen, ErrorScreen)
            assert "RuntimeError: trasigt register" in static_text(app, "#error-message")
            assert not editor(app).loading and not app.query_one("#draft-make").disabled

    run(scenario)


def test_making_a_new_draft_over_edits_asks_first(reports: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            editor(app).insert(EDIT, (2, 0))
            await pilot.press("ctrl+g")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("escape")
            assert EDIT in editor(app).text
            await pilot.press("ctrl+g")
            await pilot.click("#confirm")
            await settle(pilot)
            assert EDIT not in editor(app).text

    run(scenario)


def test_without_documents_there_is_nothing_to_draft(fake_embeddings: Embeddings) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_drafts(pilot)
            assert app.query_one("#draft-doc", Select).is_blank()
            await pilot.press("ctrl+g")
            await pilot.press("ctrl+t")
            warnings = messages(app, "warning")
            assert any(m.startswith("Välj ett dokument först.") for m in warnings)
            assert "Det finns ingen text att kontrollera." in warnings

    run(scenario)


# ------------------------------------------------------------------------------ pure rules

DRAFT = """\
# Sammanfattning för CLG – Rapport 2025

**Underlag:** rapport\\_a.pdf, rapport\\_a.pptx

## Översikt

| Nr | Uppdrag | Färg |
| --- | --- | --- |
| 1 | Minska \\*kostnaden\\* | gul |

Första stycket
fortsätter här.

> ”Citat” (rapport\\_a.pdf s. 3)

- punkt ett
  fortsätter
- punkt två

1. första
2. andra

### Underrubrik

## Bilaga: kontroll av tal

| Tal | Status |
| --- | --- |
| 74 mkr | ej belagt |
"""


def test_markdown_is_read_back_into_the_exporters_blocks() -> None:
    blocks = markdown_blocks(DRAFT)
    assert blocks[:4] == [
        Heading("Sammanfattning för CLG – Rapport 2025", 0),
        Paragraph("rapport_a.pdf, rapport_a.pptx", label="Underlag"),
        Heading("Översikt", 1),
        TableBlock(["Nr", "Uppdrag", "Färg"], [["1", "Minska *kostnaden*", "gul"]]),
    ]
    assert blocks[4:9] == [
        Paragraph("Första stycket fortsätter här."),
        Paragraph("”Citat” (rapport_a.pdf s. 3)", quote=True),
        Bullets(["punkt ett fortsätter", "punkt två"]),
        Bullets(["första", "andra"], numbered=True),
        Heading("Underrubrik", 2),
    ]


def test_the_number_check_reads_up_to_the_appendix_and_knows_the_cited_pages() -> None:
    part = checked_part(DRAFT)
    assert part.endswith("### Underrubrik\n\n") and "74 mkr" not in part
    assert checked_part("Bara text") == "Bara text"
    cited = cited_pages(DRAFT, ["rapport_a.pdf", "rapport_a.pptx", "annan.pdf"])
    assert cited == {("rapport_a.pdf", 3)}


def test_flagged_numbers_name_their_line_and_context() -> None:
    text = "Rubrik\n\n" + "Lång inledning " * 8 + "och sedan 74 mkr i slutet av en lång rad."
    start = text.index("74 mkr")
    checks = [
        NumberCheck(
            raw="74 mkr",
            start=start,
            end=start + 6,
            kind=NumberKind.MONEY,
            value=74e6,
            status=NumberStatus.UNSUPPORTED,
            explanation="saknas i källorna",
        )
    ]
    (flag,) = flagged_numbers(text, checks)
    assert flag.label == "rad 3: 74 mkr – saknas i källorna"
    assert "74 mkr" in flag.context and flag.context.startswith("…")
    assert len(flag.context) <= 72
    supported = checks[0].model_copy(update={"status": NumberStatus.SUPPORTED})
    assert flagged_numbers(text, [supported]) == []


def test_export_writes_markdown_as_typed_and_refuses_other_formats(tmp_path: Path) -> None:
    out = export_draft("# Rubrik\n\nText *med* stjärnor.\n", tmp_path / "u.md")
    assert out.read_text(encoding="utf-8") == "# Rubrik\n\nText *med* stjärnor.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["u.md"]  # no temporary file left
    with pytest.raises(ConfigError, match="Okänt filformat"):
        export_draft("text", tmp_path / "u.pdf")


def test_export_into_a_missing_folder_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Kontrollera att mappen finns"):
        export_draft("text", tmp_path / "saknas" / "u.md")
    assert list(tmp_path.iterdir()) == []


def test_the_clg_choices_are_the_monthly_reports_the_summary_picks_from(reports: None) -> None:
    library = Library(get_settings())
    try:
        expected = [d.doc for d in monthly_reports(library.register)]
    finally:
        library.close()
    gateway = LibraryGateway(get_settings())
    try:
        choices = gateway.draft_choices()
    finally:
        gateway.close()
    assert expected == ["manadsrapport.txt"]
    assert [s.doc for s in choices.sources[DraftKind.CLG]] == expected
    assert choices.defaults[DraftKind.CLG] == expected[0]


def test_export_target_expands_home_and_names_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "finns.docx").write_bytes(b"")
    assert export_target(" ~/finns.docx ") == (tmp_path / "finns.docx", True)
    assert export_target("~/ny.MD") == (tmp_path / "ny.MD", False)
    for typed, words in (
        ("~/utkast.pdf", "Okänt filformat '.pdf': skriv en sökväg som slutar på .docx"),
        ("~ingen-sådan-användare/utkast.docx", "går inte att använda"),
    ):
        with pytest.raises(ConfigError, match=words):
            export_target(typed)

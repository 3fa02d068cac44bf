"""Pilot tests of the register (Åtgärder) and the documents (Dokument) tabs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from textual.widgets import DataTable, Input, ProgressBar, Select, TabbedContent
from textual.widgets.data_table import ColumnKey
from tui_helpers import (
    CORRUPT_PDF,
    PLAN_PDF,
    SIZE,
    SLIDES_PDF,
    ingest,
    make_app,
    run,
    settle,
    static_text,
    table_titles,
)

from assistant.tui.app import LagesbildApp
from assistant.tui.screens.add_path import AddPathScreen
from assistant.tui.screens.dialogs import ConfirmScreen
from assistant.tui.screens.measure_detail import MeasureDetailScreen
from assistant.tui.screens.register import RegisterView


@pytest.fixture
def two_documents(fake_embeddings: Embeddings) -> None:
    """plan.pdf (two dated measures, overdue on TODAY) and a status slide deck (six)."""
    ingest([PLAN_PDF, SLIDES_PDF])


# ------------------------------------------------------------------------------ Åtgärder


def test_register_lists_colours_and_counts_measures(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert len(table_titles(app)) == 8
            assert "Översyn av bemanning" in table_titles(app)
            table: DataTable[Any] = app.query_one("#register-table", DataTable)
            due = table.get_cell(table_row_key(app, "Översyn"), "due")
            assert "⚠" in str(due) and "red" in str(due.style)
            chart = static_text(app, "#status-chart")
            assert "enligt plan" in chart and "Förfallna, ej klara: 2" in chart
            assert "Visar 8 av 8 åtgärder" in static_text(app, "#register-count")

    run(scenario)


def table_row_key(app: LagesbildApp, title_start: str) -> str:
    """The row key (measure id) of the first row whose title starts with ``title_start``."""
    view = app.query_one(RegisterView)
    return next(m.id for m in view.measures if m.title.startswith(title_start))


def test_register_filters_by_status_owner_document_and_overdue(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.query_one("#filter-status", Select).value = "enligt plan"
            await settle(pilot)
            assert len(table_titles(app)) == 3
            await pilot.press("c")
            await settle(pilot)
            assert len(table_titles(app)) == 8
            await pilot.click("#filter-owner")
            await pilot.press(*"region")
            await settle(pilot)
            assert table_titles(app) == ["Samordna"]
            await pilot.press("escape")
            app.query_one("#register-table").focus()
            await pilot.press("c")
            await settle(pilot)
            app.query_one("#filter-doc", Select).value = "plan.pdf"
            await settle(pilot)
            assert sorted(table_titles(app)) == ["Samordna", "Översyn av bemanning"]
            app.query_one("#filter-doc", Select).clear()
            await settle(pilot)
            await pilot.click("#filter-overdue")
            await settle(pilot)
            assert sorted(table_titles(app)) == ["Samordna", "Översyn av bemanning"]

    run(scenario)


def test_register_sorts_by_column_and_reverses(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("s")  # from 'Källa' to the next column, 'Åtgärd'
            titles = table_titles(app)
            assert titles == sorted(titles, key=str.casefold)
            view = app.query_one(RegisterView)
            view.sort_by("due")
            assert table_titles(app)[:2] == ["Översyn av bemanning", "Samordna"]
            view.sort_by("due")
            assert table_titles(app)[:2] == ["Samordna", "Översyn av bemanning"]
            table: DataTable[Any] = app.query_one("#register-table", DataTable)
            assert str(table.columns[ColumnKey("due")].label) == "Tidpunkt ▼"

    run(scenario)


def test_enter_opens_measure_detail_with_sources_and_figures(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.query_one("#filter-status", Select).value = "delvis enligt plan"
            await settle(pilot)
            app.query_one("#register-table").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeasureDetailScreen)
            assert app.screen.measure.title == "Samordna admin RUF-RS"
            assert "omstallningsplanen-2021-2022.pdf, sida 3" in static_text(app, "#detail-sources")
            amounts: DataTable[Any] = app.screen.query_one("#detail-amounts", DataTable)
            assert amounts.row_count == len(app.screen.measure.amounts) == 1
            assert "delvis enligt plan" in static_text(app, "#detail-facts")
            await pilot.press("escape")
            assert not isinstance(app.screen, MeasureDetailScreen)
            await pilot.press("enter")
            assert isinstance(app.screen, MeasureDetailScreen)
            await pilot.press("f3")  # a tab key closes the detail screen and switches
            assert not isinstance(app.screen, MeasureDetailScreen)
            assert app.query_one(TabbedContent).active == "documents"

    run(scenario)


# ------------------------------------------------------------------------------ Dokument


def test_documents_add_folder_shows_progress_and_swedish_failures(
    fake_embeddings: Embeddings, tmp_path: Path
) -> None:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    shutil.copy(PLAN_PDF, folder / "plan.pdf")
    shutil.copy(CORRUPT_PDF, folder / "trasig.pdf")
    (folder / "anteckning.txt").write_text("Budgeten för 2024 är 12 mkr.\n", encoding="utf-8")

    async def scenario() -> None:
        app = make_app(start_dir=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f3")
            await pilot.press("a")
            assert isinstance(app.screen, AddPathScreen)
            path_input = app.screen.query_one("#add-path", Input)
            path_input.value = str(tmp_path / "finns-inte")
            await pilot.press("enter")
            assert "finns inte" in static_text(app, "#add-error")
            path_input.value = str(folder)
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, AddPathScreen)
            documents: DataTable[Any] = app.query_one("#documents-table", DataTable)
            assert documents.row_count == 2
            assert app.query_one("#ingest-progress", ProgressBar).percentage == 1.0
            report = static_text(app, "#ingest-report")
            assert "Inläst: 2 dokument" in report
            assert (
                "Misslyckades:" in report and "trasig.pdf" in report and "Kunde inte läsa" in report
            )
            assert any(n.severity == "error" for n in app._notifications)
            assert len(table_titles(app)) == 2  # the register was read again

    run(scenario)


def test_documents_reingest_and_remove(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f3")
            await settle(pilot)
            documents: DataTable[Any] = app.query_one("#documents-table", DataTable)
            assert documents.row_count == 2
            assert "omstallningsplanen" in static_text(app, "#document-details")
            await pilot.press("r")
            await settle(pilot)
            assert any("oförändrade" in str(n.message) for n in app._notifications)
            await pilot.press("delete")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.click("#confirm")
            await settle(pilot)
            assert documents.row_count == 1
            assert len(table_titles(app)) == 2  # only plan.pdf's measures are left

    run(scenario)


def test_register_at_80x24_keeps_rows_and_folds_the_overview(two_documents: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.screen.has_class("-narrow", "-short")
            table: DataTable[Any] = app.query_one("#register-table", DataTable)
            assert [str(c.label) for c in table.columns.values()][-1] == "Status"  # no Källa
            assert table.region.height >= 10 and table.row_count == 8
            assert app.query_one("#filter-status", Select).compact
            assert not app.query_one("#register-summary").display or (
                app.query_one("#register-summary").region.height == 0
            )
            brief = static_text(app, "#register-brief")
            assert brief.startswith("Visar 8 av 8") and "2 förfallna" in brief
            await pilot.press("v")  # Översikt: the chart and Bevakning in full
            await settle(pilot)
            assert app.query_one("#register-summary").region.height > 0
            await pilot.resize_terminal(120, 40)
            await settle(pilot)
            assert app.screen.has_class("-wide", "-tall")
            assert not app.query_one("#filter-status", Select).compact
            assert "Källa" in str(list(table.columns.values())[-1].label)

    run(scenario)

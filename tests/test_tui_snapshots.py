"""SVG snapshots of every view at 80×24 and 120×40 (pytest-textual-snapshot; update with
--snapshot-update).

Each test also checks, without the snapshot, that the view's key rows are on the screen at
that size (so an update cannot quietly accept an empty table or a cut-off dialog).

Deterministic by construction: fixed terminal sizes, a fixed 'today', the fake embedder,
the home folder set to the test's temporary folder (so paths show as '~/…'), no blinking
cursor, notifications cleared, and every worker finished before the screenshot.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea
from tui_helpers import (
    PLAN_PDF,
    SIZES,
    SLIDES_PDF,
    assert_in_view,
    draft_corpus,
    ingest,
    make_app,
    scripted_answer,
    settle,
    table_titles,
)

from assistant.tui.history import HISTORY_FILE, ConversationHistory
from lagesbild.settings import get_settings

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
Check = Callable[[Any], None]
Size = tuple[int, int]


@pytest.fixture(params=list(SIZES.values()), ids=list(SIZES))
def size(request: pytest.FixtureRequest) -> Size:
    """The terminal size of the snapshot."""
    value: Size = request.param
    return value


@pytest.fixture
def snapshot_home(
    fake_embeddings: Embeddings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two test documents, in a data directory shown as '~/data'."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LAGESBILD_HOME", str(tmp_path / "data"))
    get_settings.cache_clear()
    ingest([PLAN_PDF, SLIDES_PDF])


@pytest.fixture
def drafts_home(
    fake_embeddings: Embeddings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An auditors' report and a monthly status report, in a data directory '~/data'."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LAGESBILD_HOME", str(tmp_path / "data"))
    get_settings.cache_clear()
    ingest(draft_corpus(tmp_path / "korpus"))


def steady(*keys: str, then: RunBefore | None = None, check: Check | None = None) -> RunBefore:
    """Wait for the workers, press ``keys``, run ``then``, wait again; no blink, no toasts.

    ``check`` then looks at the app (the key rows on the screen) before the snapshot.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
            await settle(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        for editor in pilot.app.screen.query(TextArea):
            editor.cursor_blink = False
        pilot.app.clear_notifications()
        await pilot.pause()
        if check is not None:
            check(pilot.app)

    return run_before


def register_rows(app: Any) -> None:
    """The filters and at least the first rows of the register are on the screen."""
    titles = table_titles(app)
    assert len(titles) >= 3
    assert_in_view(app, "#register-table", *(t[:20] for t in titles[:3]))
    assert_in_view(app, "#filter-status")
    assert app.query_one("#register-table").region.height >= 6


def test_snapshot_register(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=steady(check=register_rows))


def test_snapshot_register_filtered(
    snapshot_home: None, snap_compare: SnapCompare, size: Size
) -> None:
    async def filter_status(pilot: Pilot[Any]) -> None:
        pilot.app.query_one("#filter-status", Select).value = "enligt plan"

    def rows(app: Any) -> None:
        titles = table_titles(app)
        assert titles
        assert_in_view(app, "#register-table", titles[0][:20])

    assert snap_compare(
        make_app(), terminal_size=size, run_before=steady(then=filter_status, check=rows)
    )


def test_snapshot_measure_detail(
    snapshot_home: None, snap_compare: SnapCompare, size: Size
) -> None:
    async def open_measure(pilot: Pilot[Any]) -> None:
        pilot.app.query_one("#filter-status", Select).value = "delvis enligt plan"
        await settle(pilot)
        pilot.app.query_one("#register-table").focus()
        await pilot.press("enter")

    def fields(app: Any) -> None:
        assert_in_view(app, ".detail-title", "Status", "Statuskälla ", "Källor")

    assert snap_compare(
        make_app(), terminal_size=size, run_before=steady(then=open_measure, check=fields)
    )


def test_snapshot_documents(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    def rows(app: Any) -> None:
        assert_in_view(app, "#documents-table", "plan.pdf", "omstallningsplanen-2021-2022")
        assert_in_view(app, "#document-details", "Titel:")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady("f3", check=rows))


def test_snapshot_search(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        pilot.app.query_one("#ask-input", Input).value = "bemanning"
        await pilot.press("enter")

    def hits(app: Any) -> None:
        assert_in_view(app, "#ask-input", "bemanning")
        assert_in_view(app, "#ask-hits", "1. plan.pdf", "2. ")
        assert_in_view(app, "#ask-source")

    assert snap_compare(
        make_app(), terminal_size=size, run_before=steady("f4", then=search, check=hits)
    )


def test_snapshot_answer(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await pilot.click("#mode-ask")
        pilot.app.query_one("#ask-input", Input).value = "Följs bemanningsmålet?"
        pilot.app.query_one("#ask-input").focus()
        await pilot.press("enter")

    def answer(app: Any) -> None:
        assert_in_view(app, "#ask-answer", "Följs bemanningsmålet?", "Utfallet är 95 %")
        assert_in_view(app, "#answer-actions", "Avbryt (Esc)", "Historik (Ctrl+O)")

    app = make_app(ask=scripted_answer().factory)
    assert snap_compare(app, terminal_size=size, run_before=steady("f4", then=ask, check=answer))


def test_snapshot_settings(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    def shown(app: Any) -> None:
        assert_in_view(app, "#settings", "Språkmodell", "Backend")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady("f5", check=shown))


def test_snapshot_help(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    def dialog(app: Any) -> None:
        assert_in_view(app, ".dialog", "Lägesbild – hjälp", "Flikar", "Tangent")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady("f1", check=dialog))


def test_snapshot_drafts(drafts_home: None, snap_compare: SnapCompare, size: Size) -> None:
    async def draft_edit_and_check(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+g")
        await settle(pilot)
        editor = pilot.app.query_one("#draft-text", TextArea)
        editor.insert("Underskottet ökade till 74 mkr under våren.\n\n", (2, 0))
        await pilot.press("ctrl+t")

    def editor(app: Any) -> None:
        assert_in_view(app, "#draft-doc", "manadsrapport.txt", "Skapa (Ctrl+G)")
        assert_in_view(app, "#draft-text", "# Sammanfattning för CLG", "74 mkr")
        assert_in_view(app, "#draft-check", "Talkontroll")
        assert_in_view(app, "#drafts-bottom", "Kontrollera tal (Ctrl+T)", "Exportera (Ctrl+S)")

    assert snap_compare(
        make_app(),
        terminal_size=size,
        run_before=steady("f6", then=draft_edit_and_check, check=editor),
    )


def test_snapshot_history(snapshot_home: None, snap_compare: SnapCompare, size: Size) -> None:
    answer = scripted_answer().answer
    asked = iter([datetime(2025, 5, 28, 9, 41), datetime(2025, 6, 1, 14, 3)])
    history = ConversationHistory(
        get_settings().data_dir / HISTORY_FILE,
        clock=lambda: next(asked).astimezone(),  # the same wall-clock time in any time zone
    )
    history.add("Följs bemanningsmålet?", answer)
    history.add("Hur stort var underskottet för RUN 2023?", answer)

    def dialog(app: Any) -> None:
        assert_in_view(
            app,
            "#history-dialog",
            "Följs bemanningsmålet?",
            "Hur stort var underskottet",
            "Stäng (Esc)",
        )

    app = make_app(ask=scripted_answer().factory)
    assert snap_compare(app, terminal_size=size, run_before=steady("f4", "ctrl+o", check=dialog))

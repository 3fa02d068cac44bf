"""SVG snapshots of every view (pytest-textual-snapshot; update with --snapshot-update).

Deterministic by construction: fixed terminal size, a fixed 'today', the fake embedder,
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
    SIZE,
    SLIDES_PDF,
    draft_corpus,
    ingest,
    make_app,
    scripted_answer,
    settle,
)

from assistant.tui.history import HISTORY_FILE, ConversationHistory
from lagesbild.settings import get_settings

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


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


def steady(*keys: str, then: RunBefore | None = None) -> RunBefore:
    """Wait for the workers, press ``keys``, run ``then``, wait again; no blink, no toasts."""

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

    return run_before


def test_snapshot_register(snapshot_home: None, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady())


def test_snapshot_register_filtered(snapshot_home: None, snap_compare: SnapCompare) -> None:
    async def filter_status(pilot: Pilot[Any]) -> None:
        pilot.app.query_one("#filter-status", Select).value = "enligt plan"

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady(then=filter_status))


def test_snapshot_measure_detail(snapshot_home: None, snap_compare: SnapCompare) -> None:
    async def open_measure(pilot: Pilot[Any]) -> None:
        pilot.app.query_one("#filter-status", Select).value = "delvis enligt plan"
        await settle(pilot)
        pilot.app.query_one("#register-table").focus()
        await pilot.press("enter")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady(then=open_measure))


def test_snapshot_documents(snapshot_home: None, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady("f3"))


def test_snapshot_search(snapshot_home: None, snap_compare: SnapCompare) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        pilot.app.query_one("#ask-input", Input).value = "bemanning"
        await pilot.press("enter")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady("f4", then=search))


def test_snapshot_answer(snapshot_home: None, snap_compare: SnapCompare) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await pilot.click("#mode-ask")
        pilot.app.query_one("#ask-input", Input).value = "Följs bemanningsmålet?"
        pilot.app.query_one("#ask-input").focus()
        await pilot.press("enter")

    app = make_app(ask=scripted_answer().factory)
    assert snap_compare(app, terminal_size=SIZE, run_before=steady("f4", then=ask))


def test_snapshot_settings(snapshot_home: None, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady("f5"))


def test_snapshot_help(snapshot_home: None, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=steady("f1"))


def test_snapshot_drafts(drafts_home: None, snap_compare: SnapCompare) -> None:
    async def draft_edit_and_check(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+g")
        await settle(pilot)
        editor = pilot.app.query_one("#draft-text", TextArea)
        editor.insert("Underskottet ökade till 74 mkr under våren.\n\n", (2, 0))
        await pilot.press("ctrl+t")

    assert snap_compare(
        make_app(), terminal_size=SIZE, run_before=steady("f6", then=draft_edit_and_check)
    )


def test_snapshot_history(snapshot_home: None, snap_compare: SnapCompare) -> None:
    answer = scripted_answer().answer
    asked = iter([datetime(2025, 5, 28, 9, 41), datetime(2025, 6, 1, 14, 3)])
    history = ConversationHistory(
        get_settings().data_dir / HISTORY_FILE,
        clock=lambda: next(asked).astimezone(),  # the same wall-clock time in any time zone
    )
    history.add("Följs bemanningsmålet?", answer)
    history.add("Hur stort var underskottet för RUN 2023?", answer)
    app = make_app(ask=scripted_answer().factory)
    assert snap_compare(app, terminal_size=SIZE, run_before=steady("f4", "ctrl+o"))

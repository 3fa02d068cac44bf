"""The conversation history: SQLite storage, and the Historik dialog of the Fråga tab."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from tui_helpers import (
    CITATIONS,
    LEAD_TEXT,
    SIZE,
    make_app,
    run,
    scripted_answer,
    settle,
    static_text,
    styles_by_text,
)

from assistant.tui.history import HISTORY_FILE, SCHEMA_VERSION, ConversationHistory
from assistant.tui.screens.dialogs import ConfirmScreen
from assistant.tui.screens.history import HistoryScreen
from lagesbild.errors import StoreError
from lagesbild.settings import get_settings
from lagesbild.types import Answer, Citation

QUESTION = "Följs bemanningsmålet?"


def answer(text: str, question: str = QUESTION) -> Answer:
    """A finished answer citing one source."""
    return Answer(
        question=question,
        answer=f"{text} [1].",
        citations=[Citation(n=1, doc="plan.pdf", page=1, quote="Översyn av bemanning")],
    )


def ticking_clock(start: datetime) -> Iterator[datetime]:
    """One minute later on each call."""
    moment = start
    while True:
        yield moment
        moment += timedelta(minutes=1)


def history_in(folder: Path) -> ConversationHistory:
    clock = ticking_clock(datetime(2025, 6, 1, 12, 0, tzinfo=UTC))
    return ConversationHistory(folder / HISTORY_FILE, clock=lambda: next(clock))


def home_history() -> ConversationHistory:
    """The history of the test's data directory (the one the app uses)."""
    return history_in(get_settings().data_dir)


# ------------------------------------------------------------------------------ storage


def test_history_is_created_on_first_use_with_wal_and_a_schema_version(tmp_path: Path) -> None:
    history = history_in(tmp_path)
    assert not history.path.exists()
    assert history.entries() == []
    db = sqlite3.connect(history.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        db.close()


def test_answers_are_listed_newest_first_and_read_back_whole(tmp_path: Path) -> None:
    history = history_in(tmp_path)
    first = history.add("Första frågan?", answer("Ett", "Första frågan?"))
    second = history.add("Andra frågan?", answer("Två", "Andra frågan?"))
    entries = history_in(tmp_path).entries()  # a new instance: read from the file
    assert [e.question for e in entries] == ["Andra frågan?", "Första frågan?"]
    assert entries == [second, first]
    assert entries[0].asked_at == datetime(2025, 6, 1, 12, 1, tzinfo=UTC)
    assert history.answer(first) == answer("Ett", "Första frågan?")


def test_entries_are_deleted_one_by_one_or_all_at_once(tmp_path: Path) -> None:
    history = history_in(tmp_path)
    entries = [history.add(f"Fråga {n}?", answer(str(n))) for n in range(3)]
    history.delete(entries[1])
    history.delete(entries[1])  # already gone: nothing happens
    assert [e.question for e in history.entries()] == ["Fråga 2?", "Fråga 0?"]
    with pytest.raises(StoreError, match="finns inte längre"):
        history.answer(entries[1])
    assert history.clear() == 2
    assert history.entries() == []


def not_a_database(path: Path) -> None:
    path.write_bytes(b"detta \x00 \xff \x01 \x02 \x03 \x04 \x05 \x06 \x07 \x08 \x09 \x0a" * 200)


def newer_schema(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (not_a_database, ["går inte att använda", "fortsätter utan historik", "Flytta undan"]),
        (newer_schema, ["nyare version", "Uppdatera Lägesbild", "Flytta undan"]),
    ],
)
def test_an_unusable_history_file_raises_a_swedish_store_error(
    tmp_path: Path, spoil: Any, words: list[str]
) -> None:
    history = history_in(tmp_path)
    spoil(history.path)
    for call in (history.entries, lambda: history.add(QUESTION, answer("Ett"))):
        with pytest.raises(StoreError) as info:
            call()
        message = str(info.value)
        assert str(history.path) in message
        assert all(word in message for word in words), message


def test_an_answer_stored_by_another_version_names_the_fix(tmp_path: Path) -> None:
    history = history_in(tmp_path)
    entry = history.add(QUESTION, answer("Ett"))
    db = sqlite3.connect(history.path)
    db.execute("UPDATE entries SET answer_json = ?", ('{"svar": "gammalt format"}',))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match=r"annan version.*Ta bort frågan"):
        history.answer(entry)


# ------------------------------------------------------------------------------ the dialog


async def ask_question(pilot: Pilot[Any], question: str) -> None:
    """Type ``question`` in ask mode and wait for the answer."""
    app = pilot.app
    app.query_one("#ask-input", Input).value = question
    app.query_one("#ask-input").focus()
    await pilot.press("enter")
    await settle(pilot)


async def open_ask_tab(pilot: Pilot[Any], ask_mode: bool = True) -> None:
    await settle(pilot)
    await pilot.press("f4")
    if ask_mode:
        await pilot.click("#mode-ask")


def test_answers_are_stored_and_reopened_after_a_restart_without_the_model(
    fake_embeddings: Embeddings,
) -> None:
    scripted = scripted_answer()

    async def first_session() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_tab(pilot)
            await ask_question(pilot, QUESTION)
            await ask_question(pilot, "Och nästa år?")

    async def second_session() -> None:
        app = make_app()  # no assistant at all: the answer can only come from the history
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_tab(pilot, ask_mode=False)
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            options = app.screen.query_one("#history-list", OptionList)
            labels = [str(options.get_option_at_index(i).prompt) for i in range(2)]
            assert labels[0].endswith("  Och nästa år?") and labels[1].endswith(QUESTION)
            assert labels[0][:4].isdigit() and labels[0][10] == " "  # '2025-06-01 14:03'
            assert "2 frågor" in static_text(app, "#history-status")
            await pilot.press("down", "enter")
            await settle(pilot)
            assert not isinstance(app.screen, HistoryScreen)
            assert static_text(app, "#answer-question") == f"Fråga: {QUESTION}"
            text = app.query_one("#answer-text")
            assert text.display and str(text.render()) == LEAD_TEXT
            assert "red" in styles_by_text(text.render())["95 %"]  # type: ignore[arg-type]
            citations = app.query_one("#answer-citations", OptionList)
            assert citations.option_count == len(CITATIONS)
            assert static_text(app, "#source-where") == "omstallningsplanen-2021-2022.pdf, sida 3"
            assert "ur historiken" in static_text(app, "#ask-status")
            assert app.query_one("#answer-again").disabled  # no assistant to ask again
            assert not app.query_one("#answer-copy").disabled

    run(first_session)
    assert scripted.questions == [QUESTION, "Och nästa år?"]
    run(second_session)
    assert scripted.questions == [QUESTION, "Och nästa år?"]  # the model was not asked


def test_history_entries_are_deleted_and_cleared_after_confirmation(
    fake_embeddings: Embeddings,
) -> None:
    history = home_history()
    for n in range(3):
        history.add(f"Fråga {n}?", answer(str(n)))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            palette = {c.title: c for c in app.palette_commands()}
            palette["Visa historik"].callback()
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("delete")  # the newest, under the cursor
            await settle(pilot)
            assert [e.question for e in history.entries()] == ["Fråga 1?", "Fråga 0?"]
            assert app.screen.query_one("#history-list", OptionList).option_count == 2
            await pilot.click("#history-clear")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("escape")  # changed my mind
            await settle(pilot)
            assert len(history.entries()) == 2
            await pilot.click("#history-clear")
            await pilot.click("#confirm")
            await settle(pilot)
            assert history.entries() == []
            assert isinstance(app.screen, HistoryScreen)
            assert "Inga sparade frågor" in static_text(app, "#history-status")
            assert app.screen.query_one("#history-open").disabled
            await pilot.press("escape")
            assert not isinstance(app.screen, HistoryScreen)

    run(scenario)


def test_a_damaged_history_is_reported_and_the_answers_still_work(
    fake_embeddings: Embeddings,
) -> None:
    not_a_database(get_settings().data_dir / HISTORY_FILE)
    scripted = scripted_answer()

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_tab(pilot)
            await ask_question(pilot, QUESTION)
            await ask_question(pilot, "Och nästa år?")
            assert static_text(app, "#ask-status") == "Svaret är kontrollerat."
            warnings = [n for n in app._notifications if n.severity == "warning"]
            assert len(warnings) == 1  # said once, not after every answer
            assert "fortsätter utan historik" in warnings[0].message
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            assert "går inte att använda" in static_text(app, "#history-status")
            assert app.screen.query_one("#history-clear").disabled

    run(scenario)
    assert scripted.questions == [QUESTION, "Och nästa år?"]

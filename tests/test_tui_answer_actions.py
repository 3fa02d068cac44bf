"""The buttons under an answer: Kopiera svar, Svara igen and Avbryt (stop streaming)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import PrivateAttr
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import (
    SIZE,
    ask_question,
    ingest,
    make_app,
    open_ask_mode,
    run,
    scripted_answer,
    settle,
    static_text,
)

from assistant.answering import Answerer
from assistant.tui.chat import answer_as_text
from assistant.tui.history import HISTORY_FILE, ConversationHistory
from assistant.tui.screens.ask import STOPPED
from lagesbild.settings import get_settings
from lagesbild.types import Answer, Citation
from vectorstore.library import Library

QUESTION = "Följs bemanningsmålet?"


def stored_questions() -> list[str]:
    """The questions in the history of the test's data directory, newest first."""
    history = ConversationHistory(get_settings().data_dir / HISTORY_FILE)
    return [entry.question for entry in history.entries()]


# ------------------------------------------------------------------------------ copy


def test_copy_answer_puts_the_text_and_a_source_list_on_the_clipboard(
    fake_embeddings: Embeddings,
) -> None:
    scripted = scripted_answer()

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_mode(pilot)
            await ask_question(pilot, QUESTION)
            await pilot.press("ctrl+y")
            copied = app.clipboard
            assert copied.startswith("Utfallet är 95 % [⚠ ej belagt] mot målet 78 % [1][2].")
            assert copied.endswith(
                "Källor:\n[1] omstallningsplanen-2021-2022.pdf s. 3\n[2] plan.pdf s. 1\n"
            )
            assert "Ur underlaget:" in copied
            messages = [n.message for n in app._notifications]
            assert "Svaret och 2 källor är kopierade till urklipp." in messages

    run(scenario)


def test_copy_text_of_an_abstention_lists_the_closest_sources() -> None:
    abstention = Answer(
        question="Vad kostar parkering?",
        answer="Underlaget innehåller inget svar på frågan.",
        abstained=True,
        closest=[Citation(n=1, doc="plan.pdf", page=2, quote="…")],
        note="Språkmodellen fann inget direkt svar.",
    )
    assert answer_as_text(abstention) == (
        "Inget svar i dokumenten. Underlaget innehåller inget svar på frågan.\n\n"
        "Språkmodellen fann inget direkt svar.\n\n"
        "Närmaste källor:\n[1] plan.pdf s. 2\n"
    )


# ------------------------------------------------------------------------------ regenerate


def test_svara_igen_asks_the_same_question_again_and_stores_the_new_answer(
    fake_embeddings: Embeddings,
) -> None:
    scripted = scripted_answer()

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_mode(pilot)
            assert not app.query_one("#answer-actions").display  # nothing asked yet
            await ask_question(pilot, QUESTION)
            assert app.query_one("#answer-actions").display
            app.query_one("#ask-input", Input).value = "något annat, ej skickat"
            await pilot.click("#answer-again")
            await settle(pilot)
            assert scripted.questions == [QUESTION, QUESTION]
            assert static_text(app, "#answer-question") == f"Fråga: {QUESTION}"
            assert static_text(app, "#ask-status") == "Svaret är kontrollerat."
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert scripted.questions == [QUESTION] * 3

    run(scenario)
    assert stored_questions() == [QUESTION] * 3


# ------------------------------------------------------------------------------ stop

BUDGET = "Budget 2023\n\nUnderskott mot budgetprognos 2023: RUN -47Mkr och RS -57Mkr."
BUDGET_QUESTION = "Hur stort var underskottet för RUN 2023?"
SHORT = "Underskottet för RUN var -47Mkr [1]."
LONG = "Underskottet för RUN var -47Mkr [1] " + "och det är mycket pengar " * 20


class SlowChat(FakeListChatModel):
    """Streams its answers a character every 20 ms, one generation at a time (the
    llama.cpp model holds a lock while it generates), counting what it streamed."""

    streamed: int = 0
    _generating: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._generating:
            for chunk in super()._stream(messages, stop, run_manager, **kwargs):
                self.streamed += 1
                yield chunk

    @property
    def busy(self) -> bool:
        """True while a generation holds the model."""
        return self._generating.locked()


async def wait_until(pilot: Pilot[Any], condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def test_avbryt_stops_a_slow_stream_stores_nothing_and_the_next_question_works(
    fake_embeddings: Embeddings, tmp_path: Path
) -> None:
    budget = tmp_path / "budget.txt"
    budget.write_text(BUDGET, encoding="utf-8")
    ingest([budget])
    chat = SlowChat(responses=[LONG, SHORT], sleep=0.02)

    def factory(library: Library) -> Any:
        return Answerer(library, chat, backend="fake").ask

    async def scenario() -> None:
        app = make_app(ask=factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_mode(pilot)
            await ask_question(pilot, BUDGET_QUESTION, wait=False)
            await wait_until(pilot, lambda: chat.streamed >= 5)
            assert not app.query_one("#answer-stop").disabled
            await pilot.press("escape")
            await pilot.pause()
            assert static_text(app, "#ask-status").startswith("Avbrutet.")  # at once
            assert static_text(app, "#answer-text") == STOPPED
            assert not app.query_one("#answer-stream").display
            assert app.query_one("#answer-stop").disabled
            assert app.focused is app.query_one("#ask-input")
            await wait_until(pilot, lambda: not chat.busy, seconds=2.0)  # stream abandoned
            stopped_at = chat.streamed
            await pilot.pause(0.2)
            assert chat.streamed == stopped_at < len(LONG)
            assert stored_questions() == []
            await ask_question(pilot, "Vilket underskott hade RUN 2023?")
            await wait_until(pilot, lambda: app.query_one("#answer-citations").display)
            assert static_text(app, "#ask-status") == "Svaret är kontrollerat."
            assert static_text(app, "#answer-text").startswith(SHORT)

    run(scenario)
    assert stored_questions() == ["Vilket underskott hade RUN 2023?"]


def test_a_new_question_while_answering_replaces_the_old_answer(
    fake_embeddings: Embeddings,
) -> None:
    scripted = scripted_answer()

    async def scenario() -> None:
        app = make_app(ask=scripted.factory)
        async with app.run_test(size=SIZE) as pilot:
            await open_ask_mode(pilot)
            scripted.hold.clear()  # the first answer waits after streaming
            await ask_question(pilot, "Första frågan?", wait=False)
            await wait_until(pilot, lambda: scripted.questions == ["Första frågan?"])
            await ask_question(pilot, "Andra frågan?", wait=False)
            await pilot.pause(0.1)
            scripted.hold.set()
            await settle(pilot)
            await wait_until(pilot, lambda: len(scripted.questions) == 2)
            await settle(pilot)
            assert static_text(app, "#answer-question") == "Fråga: Andra frågan?"
            assert static_text(app, "#ask-status") == "Svaret är kontrollerat."

    run(scenario)
    assert stored_questions() == ["Andra frågan?"]

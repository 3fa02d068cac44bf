"""The 'Sök / Fråga' tab: search the passages, or ask the assistant when one is plugged in.

A typed question (ending with "?" or opening with a question word: see
:mod:`assistant.tui.ask_mode`) is answered even in Sök mode; other text runs in the mode the
user chose. Search lists the passages that best match, with document and page; the sources
pane shows the selected passage with the query's words highlighted. Ask mode streams the assistant's
answer and then shows it checked (see ``assistant.tui.chat``); without an assistant the
mode is disabled and says why — the view never invents an answer.

Under the answer: Avbryt (Esc) stops the generation at the next token — nothing of it is
shown as an answer or stored; Svara igen (Ctrl+N) asks the question again; Kopiera svar
(Ctrl+Y) copies the answer with its sources; Historik (Ctrl+O) lists the finished answers,
stored in :mod:`assistant.tui.history`, and reopens one without asking the model.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import (
    Button,
    ContentSwitcher,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from assistant.tui.ask_mode import Mode, choose_mode
from assistant.tui.chat import answer_as_text
from assistant.tui.gateway import LibraryGateway
from assistant.tui.history import ConversationHistory
from assistant.tui.layout import DENSE
from assistant.tui.screens.dialogs import ReportsWorkerErrors
from assistant.tui.screens.history import HistoryScreen, Reopened
from assistant.tui.widgets.answer_panel import AnswerPanel
from assistant.tui.widgets.source_pane import SourcePane
from lagesbild.errors import LagesbildError, StoreError
from lagesbild.types import Answer, SearchHit

SEARCH_K = 10
NO_ANSWERER = (
    "Fråga-läget behöver assistentens svarsfunktion, som inte är inkopplad. "
    "Sök visar de textavsnitt som bäst matchar."
)
STOPPED = "Avbrutet. Det som hann skrivas visas inte och sparas inte."


class GenerationStopped(Exception):
    """Raised from the token callback to stop a generation the user cancelled."""


class AskView(ReportsWorkerErrors, Vertical):
    """Query input, mode switch, results or answer, and the sources pane."""

    BINDINGS: ClassVar[list[BindingType]] = [  # shown on the buttons under the answer
        Binding("escape", "stop", "Avbryt", show=False),
        Binding("ctrl+n", "again", "Svara igen", show=False),
        Binding("ctrl+y", "copy_answer", "Kopiera svar", show=False),
        Binding("ctrl+o", "history", "Historik", show=False),
    ]

    def __init__(
        self, gateway: LibraryGateway, history: ConversationHistory, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.gateway = gateway
        self.history = history
        self.hits: list[SearchHit] = []
        self.query_text = ""
        self.searched_once = False
        self.generation: Worker[None] | None = None
        """The worker answering now (None when no answer is being generated)."""
        self.question = ""
        """The question of the answer panel (asked, or reopened from the history)."""
        self.shown: Answer | None = None
        """The finished answer in the answer panel."""
        self.history_warned = False
        self.chosen_mode = Mode.SEARCH
        """The mode the user picked; a typed question is answered even in Sök."""
        self.mode_note = ""
        """Why the running answer was asked in Fråga when the user had Sök chosen."""

    def compose(self) -> ComposeResult:
        """Input and mode on top; results (or answer) and the source below."""
        with Horizontal(id="ask-top"):
            yield Input(
                placeholder="Sök eller fråga i dokumenten … (Enter)",
                id="ask-input",
                classes=DENSE,
            )
            with RadioSet(id="ask-mode"):
                yield RadioButton("Sök", value=True, id="mode-search")
                yield RadioButton("Fråga", id="mode-ask", disabled=not self.gateway.can_ask)
        yield Static(id="ask-status")
        with Horizontal(id="ask-body"):
            with ContentSwitcher(initial="ask-hits", id="ask-left"):
                yield OptionList(id="ask-hits")
                yield AnswerPanel(id="ask-answer")
            yield SourcePane(id="ask-source")
        with Horizontal(id="answer-actions"):
            yield Button("Avbryt (Esc)", variant="error", id="answer-stop", compact=True)
            yield Button("Svara igen (Ctrl+N)", id="answer-again", compact=True)
            yield Button("Kopiera svar (Ctrl+Y)", id="answer-copy", compact=True)
            yield Button("Historik (Ctrl+O)", id="answer-history", compact=True)

    def on_mount(self) -> None:
        """Explain what the view can do."""
        self.query_one("#ask-hits").border_title = "Träffar"
        can_ask = self.gateway.can_ask
        status = (
            "Välj Sök eller Fråga och tryck Enter. Ctrl+O visar tidigare frågor."
            if can_ask
            else NO_ANSWERER
        )
        self._status(status)
        self._show_left("ask-hits")

    def _status(self, text: str) -> None:
        self.query_one("#ask-status", Static).update(Content(text))

    def _show_left(self, which: str) -> None:
        """Show the search hits or the answer (with the buttons under it)."""
        self.query_one("#ask-left", ContentSwitcher).current = which
        self.query_one("#answer-actions").display = which == "ask-answer"
        self._refresh_actions()

    def _refresh_actions(self) -> None:
        """Enable the buttons (and keys) that apply now."""
        self.query_one("#answer-stop", Button).disabled = self.generation is None
        self.query_one("#answer-again", Button).disabled = not self.can_ask_again
        self.query_one("#answer-copy", Button).disabled = self.shown is None
        self.refresh_bindings()

    @property
    def can_ask_again(self) -> bool:
        """True when the panel's question can be asked again now."""
        return self.gateway.can_ask and bool(self.question) and self.generation is None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Avbryt only while answering; Svara igen and Kopiera svar when they apply."""
        if action == "stop":
            return self.generation is not None
        if action == "again":
            return self.can_ask_again
        if action == "copy_answer":
            return self.shown is not None
        return True

    @property
    def asking(self) -> bool:
        """True in ask mode (only possible with an assistant)."""
        return self.gateway.can_ask and self.query_one("#mode-ask", RadioButton).value

    @on(RadioSet.Changed, "#ask-mode")
    def _mode_chosen(self, event: RadioSet.Changed) -> None:
        """The user picked a mode: kept until they pick the other one."""
        self.chosen_mode = Mode.ASK if event.pressed.id == "mode-ask" else Mode.SEARCH

    def _use_mode(self, mode: Mode) -> None:
        """Show the mode a query runs in (the user's own choice is kept aside)."""
        button = self.query_one("#mode-ask" if mode is Mode.ASK else "#mode-search", RadioButton)
        if not button.value:
            with self.prevent(RadioSet.Changed):
                button.value = True

    @on(Input.Submitted, "#ask-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_query(event.value)

    def run_query(self, text: str) -> None:
        """Search, or ask, depending on the mode."""
        text = text.strip()
        if not text:
            self._status("Skriv något att söka efter.")
            return
        self.query_text = text
        self.query_one("#ask-source", SourcePane).clear()
        choice = choose_mode(text, self.chosen_mode, self.gateway.can_ask)
        self._use_mode(choice.mode)
        self.mode_note = f"Fråga ({choice.reason}). " if choice.reason else ""
        if choice.mode is Mode.ASK:
            self._show_left("ask-answer")
            self.call_after_refresh(self._start_answer, text)
        else:
            self.action_stop()  # the search would wait for the model otherwise
            self._show_left("ask-hits")
            self.query_one("#ask-hits").loading = True
            first = "" if self.searched_once else " (första sökningen läser in sökmodellen)"
            self._status(f"Söker efter ”{text}” …{first}")
            self._search(text)

    # ------------------------------------------------------------------ search

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str) -> None:
        try:
            hits = self.gateway.search(text, SEARCH_K)
        except LagesbildError as exc:
            self.app.notify(
                str(exc), title="Sökningen misslyckades", severity="error", markup=False
            )
            self.app.call_from_thread(self._show_hits, [], text)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_hits, hits, text)

    def _show_hits(self, hits: list[SearchHit], text: str) -> None:
        self.searched_once = True
        self.hits = hits
        options = self.query_one("#ask-hits", OptionList)
        options.loading = False
        options.clear_options()
        options.add_options(
            Option(
                Content.assemble(
                    (f"{n}. {hit.doc}, sida {hit.page}", "bold"), f"\n   {hit.section}"
                )
            )
            for n, hit in enumerate(hits, 1)
        )
        if hits:
            self._status(f"{len(hits)} träffar för ”{text}”. Välj en träff för att se texten.")
            options.highlighted = 0
            options.focus()
        else:
            self._status(f"Inga träffar för ”{text}”.")

    @on(OptionList.OptionHighlighted, "#ask-hits")
    def _hit_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.hits):
            hit = self.hits[event.option_index]
            pane = self.query_one("#ask-source", SourcePane)
            pane.show(hit.doc, hit.page, hit.section, hit.text, self.query_text)

    # ------------------------------------------------------------------ ask

    async def _start_answer(self, question: str) -> None:
        self._stop_generation()  # a new question replaces the one being answered
        self.question, self.shown = question, None
        panel = self.query_one("#ask-answer", AnswerPanel)
        await panel.start(question)
        first = "" if self.gateway.ask_ready else " Första frågan läser in språkmodellen."
        note, self.mode_note = self.mode_note, ""
        self._status(f"{note}Assistenten svarar … Esc avbryter.{first}")
        self.generation = self._answer(question)
        self._refresh_actions()

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def _answer(self, question: str) -> None:
        worker: Worker[None] = get_current_worker()

        def on_text(fragment: str) -> None:
            if worker.is_cancelled:
                raise GenerationStopped  # leaves the model's stream, which frees the model
            self._on_ui(self._streamed, worker, fragment)

        try:
            answer = self.gateway.ask(question, on_text)
        except GenerationStopped:
            return
        except LagesbildError as exc:
            if not worker.is_cancelled:
                self._on_ui(self._failed, worker, exc)
            return
        if worker.is_cancelled:
            return  # stopped after the last token: not stored, not shown
        self._store(question, answer)
        self._on_ui(self._answered, worker, answer)

    def _on_ui(self, method: Callable[..., Awaitable[None]], *args: object) -> None:
        """From a worker thread: run an async method of the UI and wait until it is done."""
        # call_from_thread accepts coroutine functions; its overloaded type confuses mypy.
        run = cast("Callable[..., None]", self.app.call_from_thread)
        run(method, *args)

    def _store(self, question: str, answer: Answer) -> None:
        """From the worker: keep the finished answer in the history (warn once if it fails)."""
        try:
            self.history.add(question, answer)
        except StoreError as exc:
            if not self.history_warned:
                self.history_warned = True
                self.app.notify(
                    str(exc), title="Svaret sparades inte", severity="warning", markup=False
                )

    async def _streamed(self, worker: Worker[None], fragment: str) -> None:
        if worker is self.generation:
            await self.query_one("#ask-answer", AnswerPanel).append(fragment)

    async def _answered(self, worker: Worker[None], answer: Answer) -> None:
        if worker is not self.generation:
            return
        self.generation, self.shown = None, answer
        await self.query_one("#ask-answer", AnswerPanel).finish(answer)
        self._status("Assistenten avstod." if answer.abstained else "Svaret är kontrollerat.")
        self._refresh_actions()

    async def _failed(self, worker: Worker[None], exc: LagesbildError) -> None:
        if worker is not self.generation:
            return
        self.generation = None
        self.app.notify(str(exc), title="Inget svar", severity="error", markup=False)
        await self.query_one("#ask-answer", AnswerPanel).fail(str(exc))
        self._status("Frågan kunde inte besvaras.")
        self._refresh_actions()

    def _stop_generation(self) -> bool:
        """Cancel the answer being generated; its worker leaves the stream at the next token."""
        worker, self.generation = self.generation, None
        if worker is None:
            return False
        worker.cancel()
        self._refresh_actions()
        return True

    @on(AnswerPanel.CitationSelected)
    def _citation_selected(self, event: AnswerPanel.CitationSelected) -> None:
        c = event.citation
        pane = self.query_one("#ask-source", SourcePane)
        pane.show(c.doc, c.page, f"Källa [{c.n}]", c.quote, self.query_text)

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#answer-actions Button")
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "answer-stop": self.action_stop,
            "answer-again": self.action_again,
            "answer-copy": self.action_copy_answer,
            "answer-history": self.action_history,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    def action_stop(self) -> None:
        """Avbryt: stop the answer being generated; the view is usable at once."""
        if not self._stop_generation():
            return
        self.call_later(self.query_one("#ask-answer", AnswerPanel).fail, STOPPED)
        self._status("Avbrutet. Svara igen (Ctrl+N) frågar på nytt.")
        self.query_one("#ask-input", Input).focus()

    def action_again(self) -> None:
        """Svara igen: ask the panel's question again, replacing the answer shown."""
        if not self.can_ask_again:
            self.app.notify(self._why_not_again(), severity="warning")
            return
        self.query_text = self.question
        self.query_one("#ask-source", SourcePane).clear()
        self._show_left("ask-answer")
        self.call_after_refresh(self._start_answer, self.question)

    def _why_not_again(self) -> str:
        if not self.gateway.can_ask:
            return NO_ANSWERER
        if self.generation is not None:
            return "Assistenten svarar redan; Esc avbryter."
        return "Ställ en fråga först; Svara igen ställer den en gång till."

    def action_copy_answer(self) -> None:
        """Kopiera svar: the answer and its sources to the clipboard (OSC 52)."""
        if self.shown is None:
            self.app.notify("Det finns inget färdigt svar att kopiera.", severity="warning")
            return
        self.app.copy_to_clipboard(answer_as_text(self.shown))
        count = len(self.shown.citations or self.shown.closest)
        if count == 0:
            self.app.notify("Svaret är kopierat till urklipp.")
        else:
            sources = "1 källa" if count == 1 else f"{count} källor"
            self.app.notify(f"Svaret och {sources} är kopierade till urklipp.")

    def action_history(self) -> None:
        """Historik: choose an earlier question to see its answer again."""
        self.app.push_screen(HistoryScreen(self.history), self._reopen)

    async def _reopen(self, chosen: Reopened | None) -> None:
        if chosen is None:
            return
        entry, answer = chosen
        if self._stop_generation():
            self.app.notify("Svaret som skrevs avbröts.", severity="warning")
        self.question, self.query_text, self.shown = entry.question, entry.question, answer
        self.query_one("#ask-source", SourcePane).clear()
        self._show_left("ask-answer")
        await self.query_one("#ask-answer", AnswerPanel).show(entry.question, answer)
        self._status(f"Svar från {entry.when}, ur historiken (språkmodellen tillfrågades inte).")
        self._refresh_actions()

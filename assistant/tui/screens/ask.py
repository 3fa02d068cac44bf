"""The 'Sök / Fråga' tab: search the passages, or ask the assistant when one is plugged in.

Search lists the passages that best match, with document and page; the sources pane shows
the selected passage with the query's words highlighted. Ask mode streams the assistant's
answer and then shows it checked (see ``assistant.tui.chat``); without an assistant the
mode is disabled and says why — the view never invents an answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from assistant.tui.chat import AnswerLike
from assistant.tui.gateway import LibraryGateway
from assistant.tui.screens.dialogs import ReportsWorkerErrors
from assistant.tui.widgets.answer_panel import AnswerPanel
from assistant.tui.widgets.source_pane import SourcePane
from lagesbild.errors import LagesbildError
from lagesbild.types import SearchHit

SEARCH_K = 10
NO_ANSWERER = (
    "Fråga-läget behöver assistentens svarsfunktion, som inte är inkopplad. "
    "Sök visar de textavsnitt som bäst matchar."
)


class AskView(ReportsWorkerErrors, Vertical):
    """Query input, mode switch, results or answer, and the sources pane."""

    def __init__(self, gateway: LibraryGateway, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.gateway = gateway
        self.hits: list[SearchHit] = []
        self.query_text = ""
        self.searched_once = False

    def compose(self) -> ComposeResult:
        """Input and mode on top; results (or answer) and the source below."""
        with Horizontal(id="ask-top"):
            yield Input(placeholder="Sök eller fråga i dokumenten … (Enter)", id="ask-input")
            with RadioSet(id="ask-mode"):
                yield RadioButton("Sök", value=True, id="mode-search")
                yield RadioButton("Fråga", id="mode-ask", disabled=not self.gateway.can_ask)
        yield Static(id="ask-status")
        with Horizontal(id="ask-body"):
            with ContentSwitcher(initial="ask-hits", id="ask-left"):
                yield OptionList(id="ask-hits")
                yield AnswerPanel(id="ask-answer")
            yield SourcePane(id="ask-source")

    def on_mount(self) -> None:
        """Explain what the view can do."""
        self.query_one("#ask-hits").border_title = "Träffar"
        can_ask = self.gateway.can_ask
        status = "Välj Sök eller Fråga och tryck Enter." if can_ask else NO_ANSWERER
        self._status(status)

    def _status(self, text: str) -> None:
        self.query_one("#ask-status", Static).update(Content(text))

    @property
    def asking(self) -> bool:
        """True in ask mode (only possible with an assistant)."""
        return self.gateway.can_ask and self.query_one("#mode-ask", RadioButton).value

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
        if self.asking:
            self.query_one("#ask-left", ContentSwitcher).current = "ask-answer"
            self.call_after_refresh(self._start_answer, text)
        else:
            self.query_one("#ask-left", ContentSwitcher).current = "ask-hits"
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
        panel = self.query_one("#ask-answer", AnswerPanel)
        await panel.start(question)
        first = "" if self.gateway.ask_ready else " (första frågan läser in språkmodellen)"
        self._status(f"Assistenten svarar …{first}")
        self._answer(question, panel)

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def _answer(self, question: str, panel: AnswerPanel) -> None:

        def on_text(fragment: str) -> None:
            self._on_ui(panel.append, fragment)

        try:
            answer = self.gateway.ask(question, on_text)
        except LagesbildError as exc:
            self.app.notify(str(exc), title="Inget svar", severity="error", markup=False)
            self._on_ui(panel.fail, str(exc))
            self.app.call_from_thread(self._status, "Frågan kunde inte besvaras.")
            return
        self._on_ui(self._answered, answer)

    def _on_ui(self, method: Callable[..., Awaitable[None]], *args: object) -> None:
        """From a worker thread: run an async method of the UI and wait until it is done."""
        # call_from_thread accepts coroutine functions; its overloaded type confuses mypy.
        run = cast("Callable[..., None]", self.app.call_from_thread)
        run(method, *args)

    async def _answered(self, answer: AnswerLike) -> None:
        await self.query_one("#ask-answer", AnswerPanel).finish(answer)
        self._status("Assistenten avstod." if answer.abstained else "Svaret är kontrollerat.")

    @on(AnswerPanel.CitationSelected)
    def _citation_selected(self, event: AnswerPanel.CitationSelected) -> None:
        c = event.citation
        pane = self.query_one("#ask-source", SourcePane)
        pane.show(c.doc, c.page, f"Källa [{c.n}]", c.quote, self.query_text)

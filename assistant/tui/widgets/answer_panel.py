"""The answer of the chat view: streamed as Markdown, then shown checked.

While the model writes, fragments go into a Markdown widget. When the answer is complete it
is replaced by the answer's parts: its notes first (a false premise, a withheld page, why the
model's sentence was replaced), the lead with the flags of unbacked numbers beside it, then
"Ur underlaget" with each verbatim quote on its own bulleted line; numbers coloured by how
the sources back them (with a legend), citation marks ``[n]`` clickable, and the cited
sources listed below.
An abstention ('the documents do not say') is shown as such, not as an answer. An answer
reopened from the history is shown the same way, without streaming.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.markdown import MarkdownStream
from textual.widgets.option_list import Option

from assistant.answer_text import EVIDENCE_HEADING, OCR_MARK
from assistant.tui.chat import (
    AnswerParts,
    answer_parts,
    number_legend,
    number_summary,
    unsupported_notes,
)
from lagesbild.types import Answer, Citation


class AnswerText(Static):
    """The checked answer; clicking a citation mark ``[n]`` selects that source."""

    class CiteClicked(Message):
        """A citation mark was clicked."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def action_cite(self, number: int) -> None:
        """Handle a click on ``[number]``."""
        self.post_message(self.CiteClicked(number))


class AnswerPanel(VerticalScroll):
    """Question, streamed answer, checked answer, number legend and the cited sources."""

    class CitationSelected(Message):
        """The user picked a cited source (by its mark or in the list)."""

        def __init__(self, citation: Citation) -> None:
            super().__init__()
            self.citation = citation

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stream: MarkdownStream | None = None
        self._citations: dict[int, Citation] = {}

    def compose(self) -> ComposeResult:
        """The parts, most of them hidden until an answer arrives."""
        yield Static(id="answer-question")
        yield Markdown(id="answer-stream")
        yield AnswerText(id="answer-warning")
        yield AnswerText(id="answer-text")
        yield Static(id="answer-flags")
        with Vertical(id="answer-evidence"):
            yield Static(EVIDENCE_HEADING, id="answer-evidence-label")
            yield Vertical(id="answer-quotes")
        yield Static(id="answer-summary")
        yield Static(number_legend(), id="answer-legend")
        yield Static("Källor (klicka eller välj för att visa):", id="answer-sources-label")
        yield OptionList(id="answer-citations")

    def on_mount(self) -> None:
        """Start empty."""
        self.border_title = "Svar"
        self._set_finished(False)
        self.query_one("#answer-stream").display = False

    def _set_finished(self, finished: bool) -> None:
        for selector in ("#answer-text", "#answer-summary", "#answer-legend"):
            self.query_one(selector).display = finished
        for selector in ("#answer-sources-label", "#answer-citations"):
            self.query_one(selector).display = finished and bool(self._citations)
        if not finished:
            for selector in ("#answer-warning", "#answer-evidence", "#answer-flags"):
                self.query_one(selector).display = False

    async def start(self, question: str) -> None:
        """Clear the panel and get ready to stream the answer to ``question``."""
        await self._reset(question)
        markdown = self.query_one("#answer-stream", Markdown)
        await markdown.update("")
        markdown.display = True
        self._stream = Markdown.get_stream(markdown)

    async def show(self, question: str, answer: Answer) -> None:
        """Show a finished answer to ``question`` at once (e.g. one from the history)."""
        await self._reset(question)
        await self.finish(answer)

    async def _reset(self, question: str) -> None:
        await self._stop_stream()
        self._citations = {}
        await self.query_one("#answer-quotes").remove_children()
        self.remove_class("-abstained")
        self._set_finished(False)
        self.query_one("#answer-question", Static).update(Content(f"Fråga: {question}"))
        self.scroll_home(animate=False)

    async def append(self, fragment: str) -> None:
        """Add a fragment of the answer as it is generated."""
        if self._stream is not None:
            await self._stream.write(fragment)

    async def _stop_stream(self) -> None:
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None

    async def finish(self, answer: Answer) -> None:
        """Replace the streamed text with the checked answer and list its sources."""
        await self._stop_stream()
        self.query_one("#answer-stream").display = False
        summary = self.query_one("#answer-summary", Static)
        if answer.abstained:
            self.add_class("-abstained")
            lead = Content.assemble(("Inget svar i dokumenten. ", "bold"), answer.answer)
            warning = Content("\n").join([Content(n) for n in answer.notes])
            parts = AnswerParts(warning=warning, lead=lead, flags=Content(), quotes=[])
            summary.update("Assistenten avstod: källorna räcker inte för att svara.")
        else:
            parts = answer_parts(answer)
            notes = unsupported_notes(answer)
            summary.update(Content("\n").join([number_summary(answer), *notes]))
        shown = {
            "#answer-warning": parts.warning,
            "#answer-text": parts.lead,
            "#answer-flags": parts.flags,
        }
        for selector, content in shown.items():
            self.query_one(selector, Static).update(content)
        await self._show_quotes(parts.quotes)
        self._show_sources(answer)
        self._set_finished(True)
        for selector, content in shown.items():
            self.query_one(selector).display = bool(content.plain.strip())
        self.query_one("#answer-evidence").display = bool(parts.quotes)
        self.query_one("#answer-legend").display = not answer.abstained

    async def _show_quotes(self, quotes: list[Content]) -> None:
        """One row per quote: a bullet mark and the quote, wrapped under itself."""
        box = self.query_one("#answer-quotes")
        await box.remove_children()
        await box.mount_all(
            Horizontal(
                Static("•", classes="quote-mark"),
                AnswerText(quote, classes="quote-text"),
                classes="quote-row",
            )
            for quote in quotes
        )

    def _show_sources(self, answer: Answer) -> None:
        """The cited sources, or (abstention, no citations) the closest ones."""
        sources = list(answer.citations) or list(answer.closest)
        self._citations = {c.n: c for c in sources}
        label = "Källor" if answer.citations else "Närmaste källor"
        self.query_one("#answer-sources-label", Static).update(
            f"{label} (klicka eller välj för att visa):"
        )
        options = self.query_one("#answer-citations", OptionList)
        options.clear_options()
        options.add_options(
            Option(
                Content(f"[{c.n}] {c.doc}, sida {c.page}{OCR_MARK if c.ocr else ''}"),
                id=f"cite-{c.n}",
            )
            for c in sources
        )
        if sources:
            options.highlighted = 0
            self.select_citation(sources[0].n)  # show the first source right away

    async def fail(self, message: str) -> None:
        """Show that the answer could not be produced."""
        await self._stop_stream()
        self.query_one("#answer-stream").display = False
        self._citations = {}
        self.query_one("#answer-text", AnswerText).update(Content(message))
        await self.query_one("#answer-quotes").remove_children()
        self._set_finished(True)
        hidden = (
            "#answer-summary",
            "#answer-legend",
            "#answer-warning",
            "#answer-evidence",
            "#answer-flags",
        )
        for selector in hidden:
            self.query_one(selector).display = False

    def on_answer_text_cite_clicked(self, event: AnswerText.CiteClicked) -> None:
        """A mark in the text was clicked."""
        self.select_citation(event.number)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A source in the list was chosen."""
        event.stop()
        if event.option.id:
            self.select_citation(int(event.option.id.removeprefix("cite-")))

    def select_citation(self, number: int) -> None:
        """Tell the chat view to show the source marked ``[number]``."""
        citation = self._citations.get(number)
        if citation is not None:
            self.post_message(self.CitationSelected(citation))

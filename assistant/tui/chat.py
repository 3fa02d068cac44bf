"""The small interface the chat view needs from the assistant, and how an answer is shown.

The assistant is plugged in from outside as an ``AskFactory``: called once, lazily, in a
worker with the app's ``Library``, it returns an ``AskFunction`` — ``ask(question, on_token)``
— which streams Markdown fragments to ``on_token`` (from the worker thread) and returns an
``Answer``; ``assistant.answering.Answerer(library, chat).ask`` fits as it is. ``on_token``
may raise to stop the generation (the chat view does when the user presses Avbryt).

The returned answer is shown from its parts, never by cutting its text up again: the notes
(a false premise, a withheld page, why the model's sentence was replaced) first, the lead
with its numbers coloured by how the sources back them and its citation marks ``[n]``
clickable (``n`` is ``Citation.n``), the flags of unbacked numbers beside it, then each
verbatim quote with its mark. An abstention is shown as one, with the closest sources.
Without a factory the view searches only; it never makes up an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from textual.content import Content
from textual.style import Style

from assistant.answer_text import source_place
from assistant.labels import NUMBER_STATUS_LABELS, NUMBER_STATUS_STYLES
from lagesbild.types import Answer, NumberCheck, NumberStatus, Quote
from vectorstore.library import Library

FLAG_STYLE = "bold white on red"


class AskFunction(Protocol):
    """Answer a question, streaming the model's text to ``on_token`` as it is written."""

    def __call__(self, question: str, on_token: Callable[[str], None], /) -> Answer:
        """Called in a thread worker; may load the chat model on first use."""
        ...


AskFactory = Callable[[Library], AskFunction]
"""Builds the ask function for the app's library (once, on the first question)."""


def number_legend() -> Content:
    """One line explaining the number colours."""
    examples = {
        NumberStatus.SUPPORTED: "12 mkr",
        NumberStatus.DERIVED: "≈ 30 %",
        NumberStatus.UNSUPPORTED: "99 st",
    }
    parts: list[str | tuple[str, str]] = ["Tal: "]
    for status, example in examples.items():
        parts += [
            (f" {example} ", NUMBER_STATUS_STYLES[status]),
            f" {NUMBER_STATUS_LABELS[status]}  ",
        ]
    return Content.assemble(*parts)


def _cite_link(content: Content, number: int, start: int, end: int) -> Content:
    """``content`` with ``[number]`` at start..end clickable (runs the ``cite`` action)."""
    link = Style.from_meta({"@click": f"cite({number})"})
    return content.stylize(link, start, end).stylize("bold underline", start, end)


def lead_content(answer: Answer) -> Content:
    """The lead with numbers coloured by status and citation marks clickable.

    The number check ran on the lead itself, so its offsets point into ``answer.lead``.
    """
    text = answer.lead
    content = Content(text)
    for check in answer.number_check:
        if text[check.start : check.end] == check.raw:
            content = content.stylize(NUMBER_STATUS_STYLES[check.status], check.start, check.end)
    cited = {c.n for c in answer.citations}
    for mark in answer.lead_marks:
        if mark.n in cited and text[mark.start : mark.end] == f"[{mark.n}]":
            content = _cite_link(content, mark.n, mark.start, mark.end)
    return content


def quote_content(quote: Quote) -> Content:
    """A verbatim quote in quotation marks, with its clickable mark."""
    body = f"”{quote.text}” "
    mark = f"[{quote.n}]"
    return _cite_link(Content(body + mark), quote.n, len(body), len(body) + len(mark))


def flags_content(answer: Answer) -> Content:
    """One line per number the check did not back, shown beside the lead."""
    lines = [
        Content.assemble(("⚠", FLAG_STYLE), f" {flag.raw}: {flag.message}") for flag in answer.flags
    ]
    return Content("\n").join(lines)


@dataclass(frozen=True)
class AnswerParts:
    """What the answer panel shows, built from the answer's fields."""

    warning: Content
    """The notes, one a line (a false premise, a withheld page, a replaced sentence)."""
    lead: Content
    """The first sentence with its ``[n]`` marks."""
    flags: Content
    """Numbers of the lead that the check did not back."""
    quotes: list[Content]
    """Each verbatim quote with its mark."""


def answer_parts(answer: Answer) -> AnswerParts:
    """The answer's parts as content (a history entry without a lead shows its text)."""
    lead = lead_content(answer) if answer.lead else Content(answer.answer)
    return AnswerParts(
        warning=Content("\n").join([Content(note) for note in answer.notes]),
        lead=lead,
        flags=flags_content(answer),
        quotes=[quote_content(q) for q in answer.quotes],
    )


def number_summary(answer: Answer) -> Content:
    """'2 tal: 1 belagt, 1 ej belagt', or that there were none."""
    return checks_summary(answer.number_check, "Svaret innehåller inga tal att kontrollera.")


def checks_summary(checks: Sequence[NumberCheck], no_numbers: str) -> Content:
    """A count of checked numbers per status, coloured; ``no_numbers`` when there are none."""
    if not checks:
        return Content(no_numbers)
    counts = {status: sum(c.status is status for c in checks) for status in NumberStatus}
    shown = [status for status in NumberStatus if counts[status]]
    parts: list[str | tuple[str, str]] = [f"{len(checks)} tal: "]
    for index, status in enumerate(shown):
        separator = ", " if index < len(shown) - 1 else ""
        parts += [
            (f"{counts[status]} {NUMBER_STATUS_LABELS[status]}", NUMBER_STATUS_STYLES[status]),
            separator,
        ]
    return Content.assemble(*parts)


def unsupported_notes(answer: Answer) -> list[str]:
    """One line per number without support, with the checker's explanation."""
    return [f"{flag.raw}: {flag.message}" for flag in answer.flags]


def answer_as_text(answer: Answer) -> str:
    """The answer as plain text to paste elsewhere: the text with its ``[n]`` marks and flags,
    the note, and the sources one a line, '[n] fil.pdf s. 3'."""
    sources = list(answer.citations) or list(answer.closest)
    text = f"Inget svar i dokumenten. {answer.answer}" if answer.abstained else answer.answer
    heading = "Källor" if answer.citations else "Närmaste källor"
    listed = "\n".join(f"[{c.n}] {source_place(c)}" for c in sources)
    notes = "\n".join(answer.notes) if answer.notes else answer.note
    parts = [text.strip(), notes.strip(), f"{heading}:\n{listed}" if sources else ""]
    return "\n\n".join(part for part in parts if part) + "\n"

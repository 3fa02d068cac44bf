"""The small interface the chat view needs from the assistant, and how an answer is shown.

The assistant is plugged in from outside as an ``AskFactory``: called once, lazily, in a
worker with the app's ``Library``, it returns an ``AskFunction`` — ``ask(question, on_token)``
— which streams Markdown fragments to ``on_token`` (from the worker thread) and returns an
``Answer``; ``assistant.answering.Answerer(library, chat).ask`` fits as it is. ``on_token``
may raise to stop the generation (the chat view does when the user presses Avbryt).

The returned answer is shown checked: numbers coloured by how the sources back them,
citation marks ``[n]`` clickable (``n`` is ``Citation.n``), the "Ur underlaget" quotes under
the model's text one per line, the answer's note (why the model's text is not shown, a false
premise, a withheld source) as a warning, and an abstention shown as one, with the closest
sources. Without a factory the view searches only; it never makes up an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from textual.content import Content
from textual.style import Style

from assistant.answering import EVIDENCE_HEADING, PREMISE_PREFIX
from assistant.tui.formatting import NUMBER_LABELS, NUMBER_STYLES
from lagesbild.types import Answer, NumberCheck, NumberStatus
from vectorstore.library import Library

CITATION_MARK = re.compile(r"\[(\d{1,3})\]")
FLAG_MARKS: dict[NumberStatus, re.Pattern[str]] = {
    NumberStatus.UNSUPPORTED: re.compile(r"\[⚠[^\]]*\]"),
    NumberStatus.DERIVED: re.compile(r"\[≈[^\]]*\]"),
}
"""Flags the assistant writes after a checked number, e.g. '[⚠ ej belagd]'."""
_EVIDENCE_LINE = re.compile(rf"^{re.escape(EVIDENCE_HEADING)}[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"•[ \t]*")


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
    for status in examples:
        parts += [(f" {examples[status]} ", NUMBER_STYLES[status]), f" {NUMBER_LABELS[status]}  "]
    return Content.assemble(*parts)


def number_spans(text: str, checks: Sequence[NumberCheck]) -> list[tuple[int, int, NumberStatus]]:
    """Where each checked number stands in ``text``.

    The checker's offsets refer to the text before the assistant inserted its flags
    ('[⚠ ej belagd]'), so each number is looked up at or after its offset, in order.
    """
    spans = []
    cursor = 0
    for check in sorted(checks, key=lambda c: c.start):
        at = text.find(check.raw, max(cursor, check.start))
        if at == -1:
            continue
        spans.append((at, at + len(check.raw), check.status))
        cursor = at + len(check.raw)
    return spans


def checked_answer(answer: Answer) -> Content:
    """The answer text with numbers coloured by status and citation marks clickable.

    Clicking ``[n]`` runs the ``cite(n)`` action of the widget that shows the content.
    """
    text = answer.answer
    content = Content(text)
    for start, end, status in number_spans(text, answer.number_check):
        content = content.stylize(NUMBER_STYLES[status], start, end)
    for status, pattern in FLAG_MARKS.items():
        for match in pattern.finditer(text):
            content = content.stylize(NUMBER_STYLES[status], match.start(), match.end())
    cited = {c.n for c in answer.citations}
    for match in CITATION_MARK.finditer(text):
        number = int(match.group(1))
        if number in cited:
            link = Style.from_meta({"@click": f"cite({number})"})
            content = content.stylize(link, match.start(), match.end())
            content = content.stylize("bold underline", match.start(), match.end())
    return content


Span = tuple[int, int]


@dataclass(frozen=True)
class AnswerParts:
    """The checked answer cut up: a warning said first, the model's text, the quotes."""

    warning: Content
    """A false-premise warning ('Observera: frågan talar om …') the answer opens with."""
    lead: Content
    """The model's sentences with their ``[n]`` marks (empty when it is not shown)."""
    quotes: list[Content]
    """Each "Ur underlaget" bullet, without its bullet mark."""


def answer_spans(text: str) -> tuple[Span, Span, list[Span]]:
    """Where the opening warning, the model's text and each quote stand in the answer text.

    The answer may open with a paragraph starting ``PREMISE_PREFIX`` ("Observera: frågan
    talar om …"); the quotes follow a line "Ur underlaget:", one "• ”…” [n]" a line, and a
    line without a bullet mark continues the quote above it. Without the heading everything
    after the warning is the lead.
    """
    warning = (0, 0)
    if text.startswith(PREMISE_PREFIX):
        end = text.find("\n\n")
        warning = (0, len(text) if end == -1 else end)
    lead_start = len(text) - len(text[warning[1] :].lstrip())
    heading = _EVIDENCE_LINE.search(text, lead_start)
    if heading is None:
        return warning, (lead_start, len(text.rstrip())), []
    lead = (lead_start, max(lead_start, len(text[: heading.start()].rstrip())))
    return warning, lead, _quote_spans(text, heading.end())


def _quote_spans(text: str, offset: int) -> list[Span]:
    quotes: list[Span] = []
    for line in text[offset:].splitlines(keepends=True):
        start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        if not body.strip():
            continue
        mark = _BULLET.match(body)
        if mark is None and quotes:
            quotes[-1] = (quotes[-1][0], start + len(body.rstrip()))
        else:
            skip = mark.end() if mark else len(body) - len(body.lstrip())
            quotes.append((start + skip, start + len(body.rstrip())))
    return quotes


def answer_parts(answer: Answer) -> AnswerParts:
    """The checked answer (see :func:`checked_answer`) cut into warning, lead and quotes."""
    content = checked_answer(answer)
    warning, lead, quotes = answer_spans(answer.answer)
    return AnswerParts(
        warning=content[slice(*warning)],
        lead=content[slice(*lead)],
        quotes=[content[slice(*quote)] for quote in quotes],
    )


def number_summary(answer: Answer) -> Content:
    """'2 tal: 1 finns i källorna, 1 saknar stöd i källorna', or that there were none."""
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
        parts += [(f"{counts[status]} {NUMBER_LABELS[status]}", NUMBER_STYLES[status]), separator]
    return Content.assemble(*parts)


def unsupported_notes(answer: Answer) -> list[str]:
    """One line per number without support, with the checker's explanation."""
    return [
        f"{check.raw}: {check.explanation or 'inget tal i källorna stöder det'}"
        for check in answer.number_check
        if check.status is NumberStatus.UNSUPPORTED
    ]


def answer_as_text(answer: Answer) -> str:
    """The answer as plain text to paste elsewhere: the text with its ``[n]`` marks and flags,
    the note, and the sources one a line, '[n] fil.pdf s. 3'."""
    sources = list(answer.citations) or list(answer.closest)
    text = f"Inget svar i dokumenten. {answer.answer}" if answer.abstained else answer.answer
    heading = "Källor" if answer.citations else "Närmaste källor"
    listed = "\n".join(f"[{c.n}] {c.doc} s. {c.page}" for c in sources)
    parts = [text.strip(), answer.note.strip(), f"{heading}:\n{listed}" if sources else ""]
    return "\n\n".join(part for part in parts if part) + "\n"

"""An ``Answer`` built from its parts, and the Swedish notes it may carry.

The parts are structure: ``lead`` (the first sentence, with its ``[n]``), ``quotes`` (verbatim
evidence with source and page), ``notes`` and ``flags`` (numbers the check did not back, shown
beside the text, never inside a quote). ``answer`` is their rendering as one text for
plain output — the lead, then "Ur underlaget:" with one "• ”quote” [n]" a line — and nothing
reads it back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.context import Source
from assistant.evidence import Unit, centred, is_heading
from assistant.labels import NUMBER_STATUS_HELP
from assistant.lead import BAD_STATUSES, OPPOSITES
from assistant.number_check import check_with_index, mark_unsupported
from assistant.number_match import FigureIndex
from lagesbild.types import (
    Answer,
    AnswerFlag,
    Citation,
    CitationMark,
    LeadKind,
    NumberCheck,
    NumberStatus,
    Quote,
)
from prompts import CANNOT_ANSWER_PHRASE

EVIDENCE_HEADING = "Ur underlaget:"
QUOTE_CHARS = 300
LEAD_CHARS = 260
MAX_QUOTES = 2
QUOTE_SHARE = 0.6
# Longer model text than this is a model running on, not a short answer.
MAX_LEAD_CHARS = 450
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SINGLE_MARK = re.compile(r"\[(\d{1,3})\]")
_QUOTED = re.compile(r"”[^”]*”")
_WORD = re.compile(r"\w{3,}")
_KEPT_OUT = "första meningen är i stället ett ordagrant utdrag ur underlaget."
NO_CITATION_NOTE = f"Språkmodellens formulering hänvisade inte till någon källa; {_KEPT_OUT}"
RAN_ON_NOTE = f"Språkmodellens formulering blev för lång eller upprepade sig; {_KEPT_OUT}"
PREMISE_NOTE = (
    f"Språkmodellens formulering upprepade frågans antagande, som underlaget motsäger; {_KEPT_OUT}"
)
REGISTER_NOTE = "Svaret är hämtat direkt ur åtgärdsregistret; ingen språkmodell behövdes."
LIST_NOTE = (
    "Svaret är de meningar i underlaget som inleds med det frågan nämner, ordagrant; "
    "ingen språkmodell behövdes."
)
TABLE_NOTE = (
    "Svaret är läst ur en tabell i underlaget (raden frågan nämner, kolumnerna med rubrik); "
    "ingen språkmodell behövdes."
)
DECLINED_NOTE = (
    "Språkmodellen fann inget direkt svar i utdragen; här är det underlaget säger som ligger "
    "närmast frågan, ordagrant."
)
UNGROUNDED_NOTE = (
    f"Språkmodellens formulering stödde sig på utdrag som inte handlar om frågan; {_KEPT_OUT}"
)
PREMISE_PREFIX = "Observera: frågan talar om"
OCR_MARK = " (läst med OCR)"  # after a source read by OCR: check its words against the original


@dataclass
class Lead:
    """The first sentence of an answer, where it comes from, and what it rests on."""

    text: str
    kind: LeadKind
    units: list[Unit] = field(default_factory=list)  # the evidence the lead rests on
    notes: list[str] = field(default_factory=list)
    # spans of the text that are a document's labels, not claims ('Utfall -16' in a table
    # lead): the number check leaves them alone
    labels: list[tuple[int, int]] = field(default_factory=list)


def source_place(citation: Citation) -> str:
    """'fil.pdf s. 3', with :data:`OCR_MARK` when the page was read by OCR."""
    return f"{citation.doc} s. {citation.page}{OCR_MARK if citation.ocr else ''}"


def dropped_note(problem: str) -> str:
    """Why the model's sentence was not kept, for the user."""
    return f"Språkmodellens formulering klarade inte kontrollen ({problem}); {_KEPT_OUT}"


def missing_part_note(part: str) -> str:
    """The note for a part of the question that no evidence names."""
    return f"Underlaget säger inget om {part}."


def withheld_note(sources: Sequence[Source]) -> str:
    """Which pages held text addressed to an assistant (kept out of the answer)."""
    if not sources:
        return ""
    where = ", ".join(dict.fromkeys(f"{s.doc} s. {s.page}" for s in sources))
    return (
        f"Observera: {where} innehåller text riktad till en AI-assistent (t.ex. 'ignorera "
        "tidigare instruktioner'). Den texten användes inte som underlag, visades inte för "
        "språkmodellen och citeras inte."
    )


def premise_note(question: str, units: Sequence[Unit]) -> str:
    """A warning when the question names X and the evidence names only X's opposite."""
    asked = set(_WORD.findall(question.casefold()))
    said = " ".join(u.text.casefold() for u in units)
    for a, b in OPPOSITES:
        for named, other in ((a, b), (b, a)):
            if any(w.startswith(named) for w in asked) and other in said and named not in said:
                return f"{PREMISE_PREFIX} {named}, men underlaget talar om {other}."
    return ""


def citation_marks(text: str, valid: set[int]) -> list[CitationMark]:
    """The marks ``[n]`` in a finished lead that point at a source, with their offsets.

    A ``[n]`` inside a verbatim quote (”…”) is the document's own text, never a mark.
    """
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    return [
        CitationMark(n=int(m.group(1)), start=m.start(), end=m.end())
        for m in _SINGLE_MARK.finditer(text)
        if int(m.group(1)) in valid and not any(a <= m.start() < b for a, b in quoted)
    ]


def runs_on(text: str) -> bool:
    """True when model text is too long or repeats itself (a small model looping)."""
    if len(text) > MAX_LEAD_CHARS:
        return True
    words = text.casefold().split()
    grams = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
    return len(grams) != len(set(grams))


def resolve_markers(text: str, valid: set[int]) -> tuple[str, set[int], list[int]]:
    """Keep markers that point at a source; drop the rest. Returns (text, cited, dropped)."""
    cited: set[int] = set()
    dropped: list[int] = []

    def replace(match: re.Match[str]) -> str:
        numbers = [int(n) for n in match.group(1).split(",")]
        kept = [n for n in numbers if n in valid]
        dropped.extend(n for n in numbers if n not in valid)
        cited.update(kept)
        return "".join(f"[{n}]" for n in kept)

    cleaned = _MARKER.sub(replace, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned)
    return cleaned, cited, dropped


class Composer:
    """Builds the ``Answer`` of one question from its parts."""

    def __init__(
        self, question: str, sources: Sequence[Source], figures: FigureIndex, backend: str
    ) -> None:
        self.question = question
        self.by_n = {s.n: s for s in sources}
        self.figures = figures
        self.backend = backend

    def check(self, text: str, units: Sequence[Unit]) -> list[NumberCheck]:
        """The number check of ``text``, preferring figures of the pages ``units`` come from."""
        pages = {(s.doc, s.page) for u in units if (s := self.by_n.get(u.source))}
        return check_with_index(text, self.figures, pages)

    def check_as_answer(self, text: str, units: Sequence[Unit]) -> list[NumberCheck]:
        """The number check of ``text`` read as the answer to the question: the question's
        words say what a bare '63 procent' is about. Only the checks of ``text``'s own
        numbers, at their offsets in ``text``."""
        asked = " ".join(self.question.rstrip(" ?").split())
        prefix = f"{asked}: " if asked else ""
        checks = self.check(prefix + text, units)
        shift = len(prefix)
        return [
            c.model_copy(update={"start": c.start - shift, "end": c.end - shift})
            for c in checks
            if c.start >= shift
        ]

    def quote_lead(self, unit: Unit, focus: Callable[[str], bool]) -> str:
        """An evidence clause as a lead: verbatim, in quotation marks, cited."""
        return f"”{centred(unit.text, focus, LEAD_CHARS)}” [{unit.source}]"

    def citation(self, source: Source, quote: str) -> Citation:
        """A citation of ``source`` showing ``quote`` (its first words when empty)."""
        text = quote or source.text
        return Citation(
            n=source.n,
            doc=source.doc,
            page=source.page,
            quote=text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…",
            chunk_id=source.chunk_id,
            measure_id=source.measure_id,
            ocr=source.ocr,
        )

    def compose(
        self,
        lead: Lead,
        units: Sequence[Unit],
        notes: Sequence[str],
        withheld: Sequence[Source],
        focus: Callable[[str], bool] = lambda _: False,
    ) -> Answer:
        """The answer: lead, quotes of the other best units, notes, flags, citations."""
        in_lead = lead.units if lead.kind is LeadKind.QUOTE else []
        quoted = _quotes(
            [u for u in units if not _within(u, in_lead) and (u.cued or not is_heading(u.text))]
        )
        quotes = [self._quote(u, focus) for u in quoted]
        checks = [
            c
            for c in self.check(lead.text, lead.units)
            if not any(start <= c.start < end for start, end in lead.labels)
        ]
        verbatim = lead.kind in (LeadKind.QUOTE, LeadKind.REGISTER)
        flags = [] if verbatim else _flags(checks)
        shown_lead = lead.text if verbatim else _marked(lead.text, checks)
        body = "\n".join(f"• ”{q.text}” [{q.n}]" for q in quotes)
        text = "\n\n".join(
            filter(None, [shown_lead, f"{EVIDENCE_HEADING}\n{body}" if body else ""])
        )
        all_notes = [n for n in [*notes, withheld_note(withheld)] if n]
        cited = sorted({u.source for u in lead.units} | {q.n for q in quotes})
        citations = [
            self.citation(self.by_n[n], _best_text(n, [*lead.units, *quoted]))
            for n in cited
            if n in self.by_n
        ]
        return Answer(
            question=self.question,
            answer=text,
            lead=lead.text,
            lead_kind=lead.kind,
            lead_marks=citation_marks(lead.text, set(self.by_n)),
            quotes=quotes,
            notes=all_notes,
            flags=flags,
            citations=citations,
            number_check=checks,
            backend=self.backend,
            note=" ".join(all_notes),
        )

    def abstention(self, closest: list[Citation], withheld: Sequence[Source]) -> Answer:
        """'Underlaget innehåller inget svar på frågan.' with the closest sources."""
        notes = [n for n in [withheld_note(withheld)] if n]
        return Answer(
            question=self.question,
            answer=CANNOT_ANSWER_PHRASE,
            lead=CANNOT_ANSWER_PHRASE,
            lead_kind=LeadKind.ABSTAIN,
            abstained=True,
            closest=closest,
            notes=notes,
            note=" ".join(notes),
            backend=self.backend,
        )

    def _quote(self, unit: Unit, focus: Callable[[str], bool]) -> Quote:
        source = self.by_n[unit.source]
        return Quote(
            n=unit.source,
            text=centred(unit.text, focus, QUOTE_CHARS),
            doc=source.doc,
            page=source.page,
        )


def _flags(checks: Sequence[NumberCheck]) -> list[AnswerFlag]:
    return [
        AnswerFlag(
            raw=c.raw,
            status=c.status,
            message=c.explanation or NUMBER_STATUS_HELP[c.status],
        )
        for c in checks
        if c.status in BAD_STATUSES
    ]


def _marked(text: str, checks: Sequence[NumberCheck]) -> str:
    """Model text with a warning after each number the check did not back."""
    as_unsupported = [
        c.model_copy(update={"status": NumberStatus.UNSUPPORTED}) if c.status in BAD_STATUSES else c
        for c in checks
    ]
    return mark_unsupported(text, as_unsupported)


def _quotes(units: Sequence[Unit]) -> list[Unit]:
    """The best units, at most MAX_QUOTES, in source order: asked-for register fields first."""
    if not units:
        return []
    best = sorted(units, key=lambda u: (not u.cued, -u.score, u.source, u.position))
    floor = QUOTE_SHARE * max(u.score for u in units)  # a far weaker second sentence is noise
    best = [best[0], *[u for u in best[1:MAX_QUOTES] if u.cued or u.score >= floor]]
    return sorted(best, key=lambda u: (u.source, u.position))


def _best_text(n: int, units: Sequence[Unit]) -> str:
    mine = [u for u in units if u.source == n]
    return max(mine, key=lambda u: u.score).text if mine else ""


def _within(unit: Unit, lead_units: Sequence[Unit]) -> bool:
    """True when ``unit`` is quoted in the lead already: one of its units, or part of one
    (a clause quoted with the sentence next to it)."""
    return any(unit is u or (unit.source == u.source and unit.text in u.text) for u in lead_units)

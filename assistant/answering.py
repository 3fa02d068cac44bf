"""Answer a question: sources → evidence → lead → checks → a structured ``Answer``.

Each question passes each stage once:

1. *sources* (:mod:`assistant.context`): the measure the question names, then search hits;
2. *evidence* (:mod:`assistant.evidence`): the few sentences that bear on the question.
   Quarantined passages and every block holding text addressed to an AI assistant are left
   out whole — never evidence, never in the prompt, never quoted — and a note names their page;
3. *lead*: the register's fields for a named measure; else the model's sentence when it passes
   the checks of :mod:`assistant.lead`; else the best evidence clause, verbatim;
4. *checks*: every number of the lead against the figures; flags stand beside the text.

The answer is built from its parts (``lead``, ``quotes``, ``notes``, ``flags``) and ``answer``
is their rendering as one text. The assistant abstains ("Underlaget innehåller inget svar på
frågan.") with the closest sources when the evidence covers too little of what the question
names, when the model declines and no single sentence covers most of the question, or when
the question asks for an amount or a date and the sentence that would stand in for the model's
holds none (a quote without a number is no answer to *hur mycket*). Every
abstention and every dropped model sentence is logged with its reason and coverage figures.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from assistant.answer_text import (
    DECLINED_NOTE,
    LIST_NOTE,
    NO_CITATION_NOTE,
    PREMISE_NOTE,
    RAN_ON_NOTE,
    REGISTER_NOTE,
    TABLE_NOTE,
    UNGROUNDED_NOTE,
    Composer,
    Lead,
    dropped_note,
    missing_part_note,
    premise_note,
    resolve_markers,
    runs_on,
)
from assistant.context import ContextBuilder, Source
from assistant.denial import DENIAL_NOTE, denial_unit
from assistant.evidence import (
    EvidencePicker,
    Passage,
    TermWeights,
    Unit,
    blocks,
    is_heading,
    render,
    terms,
)
from assistant.lead import (
    Slot,
    answered_aside,
    answers_sub,
    asked_slot,
    best_clause,
    fills,
    holds_part,
    model_lead_problem,
    model_sentences,
    polarity_conflict,
    question_parts,
    says_information_lacks,
    strip_markers,
    sub_questions,
    without_stray_sentences,
)
from assistant.list_lead import list_lead
from assistant.measure_fields import TITLE, asked_fields
from assistant.number_match import FigureIndex
from assistant.safety import looks_like_instruction
from assistant.table_lead import labelled_by_page, table_lead
from lagesbild.logs import snippet
from lagesbild.types import Answer, Figure, LeadKind, Timings
from prompts import CANNOT_ANSWER_MARKER, load_template
from vectorstore.library import Library

__all__ = [
    "DECLINED_NOTE",
    "LIST_NOTE",
    "NO_CITATION_NOTE",
    "PREMISE_NOTE",
    "RAN_ON_NOTE",
    "REGISTER_NOTE",
    "UNGROUNDED_NOTE",
    "Answerer",
    "premise_note",
    "resolve_markers",
    "runs_on",
]

log = logging.getLogger(__name__)

# Evidence must cover at least this share (by term rarity) of what the question names...
MIN_COVERAGE = 0.4
# ...and so must the evidence of the sources the model cites (else it answered something else).
MIN_GROUNDING = 0.25
# One evidence sentence covering this much of the question is a strong hit: the answer may
# then stand on it when the model declines or writes nothing usable.
STRONG_COVERAGE = 0.6
# A sentence quoted in the model's stead must itself be about the question.
MIN_QUOTE_COVERAGE = 0.3
STOP = ["\n\n", "Fråga:", "Utdrag:"]

TokenCallback = Callable[[str], None]


@dataclass
class Evidence:
    """The evidence stage's output: usable sources, their picked units, withheld sources."""

    sources: list[Source]
    units: list[Unit]
    withheld: list[Source]


class Answerer:
    """Answers questions from one library with one chat model."""

    def __init__(self, library: Library, chat: BaseChatModel, backend: str = "") -> None:
        self.library = library
        self.chat = chat
        self.backend = backend
        self.context = ContextBuilder(library)
        self.picker = EvidencePicker()
        self.template = load_template("answer")
        self._figures: tuple[str, FigureIndex] | None = None
        self._labelled: tuple[str, dict[tuple[str, int], list[Figure]]] | None = None
        self._weights: tuple[str, TermWeights] | None = None

    def figure_index(self) -> FigureIndex:
        """The figures of the whole register, indexed once per register state."""
        key = self.library.register.content_key()
        if self._figures is None or self._figures[0] != key:
            register = self.library.register
            self._figures = (key, FigureIndex(register.figures(), register.page_texts()))
        return self._figures[1]

    def labelled_figures(self) -> dict[tuple[str, int], list[Figure]]:
        """The figures of table rows (row and column labelled), by document and page."""
        key = self.library.register.content_key()
        if self._labelled is None or self._labelled[0] != key:
            self._labelled = (key, labelled_by_page(self.library.register.figures()))
        return self._labelled[1]

    def term_weights(self) -> TermWeights:
        """Term rarities over the indexed passages, computed once per register state."""
        key = self.library.register.content_key()
        if self._weights is None or self._weights[0] != key:
            texts = (c.text for c in self.library.register.chunks())
            self._weights = (key, TermWeights(self.picker.tokenizer, texts))
        return self._weights[1]

    def ask(self, question: str, on_token: TokenCallback | None = None) -> Answer:
        """Answer ``question``; ``on_token`` receives the model's text as it streams."""
        start = time.perf_counter()
        evidence = self.evidence(question, self.context.sources(question))
        timings = Timings(retrieve_ms=(time.perf_counter() - start) * 1000)
        composer = Composer(question, evidence.sources, self.figure_index(), self.backend)
        focus = self.picker.focus(question)
        asked = register_fields(question, evidence)
        if asked:  # the measure the question names has the fields it asks for: no model needed
            lead = _register_lead(evidence.sources[0], asked)
            log.info(
                "svar ur registret utan modell: %s, fälten %s",
                _place(evidence.sources[0]),
                [u.field.label if u.field else "" for u in asked],
            )
            rest = [u for u in evidence.units if u.source != evidence.sources[0].n]
            answer = composer.compose(lead, rest, [REGISTER_NOTE], evidence.withheld, focus)
            return _timed(answer, timings, start)
        weights = self.term_weights()
        table = table_lead(question, evidence.sources, self.labelled_figures(), weights)
        if table:  # the question names one table row and its column: the cells answer
            log.info("svar ur tabellraden utan modell: %s", snippet(table.text))
            answer = composer.compose(
                table, [*table.units, *evidence.units], [TABLE_NOTE], evidence.withheld, focus
            )
            return _timed(answer, timings, start)
        listed = list_lead(question, evidence.sources)
        if listed:  # "vilka …?" and a run of sentences opening with what it names
            log.info("svar ur meningar som inleds likadant, utan modell: %s", snippet(listed.text))
            shown = {u.text for u in listed.units}
            rest = [u for u in evidence.units if " ".join(u.text.split()) not in shown]
            answer = composer.compose(listed, rest, [LIST_NOTE], evidence.withheld, focus)
            return _timed(answer, timings, start)
        coverage = weights.coverage(question, evidence.units)
        if not evidence.units or coverage < MIN_COVERAGE:
            denied = denial_unit(question, evidence.sources, weights, looks_like_instruction)
            if denied:
                return _timed(_denial(composer, denied, evidence, focus), timings, start)
            reason = f"underlaget täcker {coverage:.2f} av frågans termer (< {MIN_COVERAGE})"
            return self._abstain(composer, question, evidence, reason, timings, start)
        log.debug(
            "underlaget täcker %.2f av frågans termer (minst %s): %d meningar ur %d källor",
            coverage,
            MIN_COVERAGE,
            len(evidence.units),
            len(evidence.sources),
        )
        raw = self._generate(question, evidence.units, on_token, timings, start)
        chosen = self._choose_lead(question, raw, evidence, weights, composer)
        if chosen is None:
            denied = denial_unit(question, evidence.sources, weights, looks_like_instruction)
            if denied:  # the sources say there is none of what the question assumes
                answer = _denial(composer, denied, evidence, focus)
                answer.model_text = raw
                return _timed(answer, timings, start)
            reason = (
                f"modellen avböjde eller stödde sig på fel källa, och ingen mening räcker "
                f"(täckning {coverage:.2f}, bästa mening under {STRONG_COVERAGE} eller ingen)"
            )
            return self._abstain(composer, question, evidence, reason, timings, start, raw)
        lead = _answer_parts(
            question, chosen, evidence.units, lambda u: composer.quote_lead(u, focus)
        )
        lead = _answer_sub_questions(
            question, lead, evidence.units, weights, lambda u: composer.quote_lead(u, focus)
        )
        notes = [premise_note(question, evidence.units), *lead.notes]
        answer = composer.compose(lead, evidence.units, notes, evidence.withheld, focus)
        answer.model_text = raw
        answer.dropped_markers = resolve_markers(raw, {u.source for u in evidence.units})[2]
        return _timed(answer, timings, start)

    def evidence(self, question: str, sources: list[Source]) -> Evidence:
        """Pick the evidence units; quarantined sources and instruction blocks are withheld."""
        withheld = [s for s in sources if s.quarantined or _holds_instruction(s)]
        usable = [s for s in sources if not s.quarantined]
        passages = [Passage(s.n, s.text, s.fields) for s in usable]
        slot = asked_slot(question)
        units = self.picker.pick(
            question,
            passages,
            skip=looks_like_instruction,
            weights=self.term_weights(),
            fills=(lambda text: fills(text, slot, question)) if slot in _PICK_FILLS else None,
        )
        if withheld:
            log.info(
                "undanhållna källor (text riktad till en AI-assistent): %s",
                ", ".join(_place(s) for s in withheld),
            )
        return Evidence(usable, units, withheld)

    def _generate(
        self,
        question: str,
        units: list[Unit],
        on_token: TokenCallback | None,
        timings: Timings,
        start: float,
    ) -> str:
        best_first = sorted(units, key=lambda u: -u.score)  # small models lean on the first line
        focus = self.picker.focus(question)
        messages = self.template.format_messages(
            question=question, evidence=render(best_first, focus)
        )
        pieces: list[str] = []
        for chunk in self.chat.stream(messages, stop=STOP):
            text = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
            if not pieces:
                timings.ttft_ms = (time.perf_counter() - start) * 1000
            pieces.append(text)
            if on_token:
                on_token(text)
        return "".join(pieces).strip()

    def _choose_lead(
        self,
        question: str,
        raw: str,
        evidence: Evidence,
        weights: TermWeights,
        composer: Composer,
    ) -> Lead | None:
        """The model's sentence when it passes every check, else the best evidence clause;
        None when the answer must abstain."""
        units = evidence.units
        text, cited, _ = resolve_markers(without_stray_sentences(raw), {u.source for u in units})
        coverage = weights.coverage(question, units)
        best = max(weights.coverage(question, [u]) for u in units)
        strong = best >= STRONG_COVERAGE
        if CANNOT_ANSWER_MARKER.casefold() in raw.casefold():
            problem, note = "modellen fann inget svar", DECLINED_NOTE
        else:
            problem, note = self._model_problem(question, text, cited, evidence, weights, composer)
        cited_units = [u for u in units if u.source in cited]
        if not problem:
            return Lead(text, LeadKind.MODEL, cited_units)
        log.info(
            "modellens mening togs bort: %s (täckning %.2f, bästa mening %.2f, citerade %s): %r",
            problem,
            coverage,
            best,
            sorted(cited),
            snippet(raw),
        )
        quote = self._quote_instead(question, evidence, weights, composer, note, strong, best)
        if quote is not None or note in (DECLINED_NOTE, PREMISE_NOTE):
            return quote
        # Rather than abstain: a sentence of the model's may hold on its own what the whole
        # text does not (the rest strays, or its marker points at the wrong source).
        for sentence in model_sentences(text):
            sentence, own = copied_from(sentence, evidence.sources)
            if not own:
                sentence, own = short_answer_cited(sentence, question, units, weights)
            problem = (
                self._model_problem(question, sentence, own, evidence, weights, composer)[0]
                if own
                else ""
            )
            if own and problem:
                log.info("modellens mening %r håller inte ensam: %s", snippet(sentence), problem)
            if own and not problem:
                log.info("modellens mening %r håller ensam", snippet(sentence))
                return Lead(sentence, LeadKind.MODEL, [u for u in units if u.source in own])
        return None

    def _quote_instead(
        self,
        question: str,
        evidence: Evidence,
        weights: TermWeights,
        composer: Composer,
        note: str,
        strong: bool,
        best: float,
    ) -> Lead | None:
        """The best evidence clause as the lead in the model's stead; None when none will do."""
        units = evidence.units
        if note in (DECLINED_NOTE, UNGROUNDED_NOTE, NO_CITATION_NOTE) and not strong:
            log.info("ingen mening räcker ensam: bästa %.2f < %s", best, STRONG_COVERAGE)
            return None
        slot = asked_slot(question)
        pool = [*units, *self._figure_lines(question, evidence)] if slot is Slot.AMOUNT else units
        clause = best_clause(question, pool, weights, lambda u: u.field is TITLE)
        if clause is None:
            log.info("ingen mening i underlaget duger som svar i modellens ställe")
            return None
        own = weights.coverage(question, [clause])
        if own < MIN_QUOTE_COVERAGE:
            log.info(
                "bästa mening (källa %d) täcker %.2f av frågan (< %s): avstår",
                clause.source,
                own,
                MIN_QUOTE_COVERAGE,
            )
            return None
        clause = self._run_on(question, clause, slot, evidence)
        if slot in (Slot.AMOUNT, Slot.DATE) and not fills(clause.text, slot, question, strict=True):
            log.info(
                "bästa mening (källa %d) fyller inte frågans lucka (%s): avstår",
                clause.source,
                slot.value,
            )
            return None
        if says_information_lacks(clause.text, question):
            log.info("bästa mening (källa %d) säger att uppgiften saknas: avstår", clause.source)
            return None
        log.info("svaret står på källa %d ordagrant i stället", clause.source)
        focus = self.picker.focus(question)
        return Lead(composer.quote_lead(clause, focus), LeadKind.QUOTE, [clause], [note])

    def _figure_lines(self, question: str, evidence: Evidence) -> list[Unit]:
        """For an amount question: each evidence unit without an amount joined with the
        line after it when that line holds one and is short (at most
        :data:`MAX_FIGURE_LINE_CHARS`: room for a label and its number, not for a subject of
        its own) — a table row or key figure whose words stand above its number
        ('Kiropraktoravtal avtalen upphörde 2015-12-31 – inga kostnader 2016' and 'Minskad
        kostnad 1300 tkr'); quoted as they stand, one after the other."""
        joined = []
        by_n = {s.n: s for s in evidence.sources}
        for unit in evidence.units:
            source = by_n.get(unit.source)
            if source is None or unit.field is not None:
                continue
            if fills(unit.text, Slot.AMOUNT, question, strict=True):
                continue
            passage = Passage(source.n, source.text, source.fields)
            after = self.picker.neighbours(passage, unit, looks_like_instruction)[1]
            if after is None or len(" ".join(after.text.split())) > MAX_FIGURE_LINE_CHARS:
                continue
            if not fills(after.text, Slot.AMOUNT, question, strict=True):
                continue
            text = f"{unit.text} {after.text}"
            tokens = unit.tokens | after.tokens
            joined.append(Unit(text, unit.source, unit.position, unit.score, tokens))
        return joined

    def _run_on(self, question: str, clause: Unit, slot: Slot, evidence: Evidence) -> Unit:
        """For a *varför* question: the clause with the sentence after it when the clause
        names the question's subject but gives no reason and that sentence does ('… en
        kraftig förskjutning av tidsplanen. Orsaken hävdar de är effekten av pandemin …'),
        or with the sentence before it ('På grund av …. Därför är projektet försenat.').
        Both are quoted as they stand, one after the other; else the clause alone. Only a
        reason runs on so: an amount or a day in the next sentence is as often that
        sentence's own (measured: it quoted a wrong amount where the answer abstained)."""
        if slot is not Slot.REASON or fills(clause.text, slot, question):
            return clause
        source = next((s for s in evidence.sources if s.n == clause.source), None)
        if source is None:
            return clause
        passage = Passage(source.n, source.text, source.fields)
        before, after = self.picker.neighbours(passage, clause, looks_like_instruction)
        for first, second in ((clause, after), (before, clause)):
            if first is None or second is None:
                continue
            other = second if first is clause else first
            if is_heading(other.text) or not fills(other.text, slot, question):
                continue
            text = f"{first.text} {second.text}"
            if len(text) > MAX_RUN_ON_CHARS:
                continue
            log.info("meningen intill (källa %d) fyller frågans lucka: citeras med", clause.source)
            tokens = first.tokens | second.tokens
            return Unit(text, clause.source, first.position, clause.score, tokens)
        return clause

    def _model_problem(
        self,
        question: str,
        text: str,
        cited: set[int],
        evidence: Evidence,
        weights: TermWeights,
        composer: Composer,
    ) -> tuple[str, str]:
        """(why ``text``, citing ``cited``, cannot be the lead, the note saying so); ('', '')
        when it can."""
        units = evidence.units
        cited_units = [u for u in units if u.source in cited]
        if not cited_units:
            return "hänvisar inte till någon källa", NO_CITATION_NOTE
        if runs_on(text):
            return "för lång eller upprepar sig", RAN_ON_NOTE
        if weights.coverage(question, cited_units) < MIN_GROUNDING:
            return "de citerade källorna handlar inte om frågan", UNGROUNDED_NOTE
        if premise_note(question, units) and _echoes_premise(text, units):
            return "upprepar frågans felaktiga antagande", PREMISE_NOTE
        cited_text = " ".join(s.text for s in evidence.sources if s.n in cited)
        checks = composer.check_as_answer(text, cited_units)
        problem = model_lead_problem(text, question, cited_units, cited_text, checks, weights)
        if not problem:
            aside = answered_aside(strip_markers(text), question, cited_units, units, weights)
            problem = f"handlar om något annat än frågan; det gör '{aside}'" if aside else ""
        return problem, dropped_note(problem) if problem else ""

    def _abstain(
        self,
        composer: Composer,
        question: str,
        evidence: Evidence,
        reason: str,
        timings: Timings,
        start: float,
        raw: str = "",
    ) -> Answer:
        log.info(
            "avstår: %s; fråga %r; %d meningar ur %d källor",
            reason,
            snippet(question),
            len(evidence.units),
            len(evidence.sources),
        )
        closest = []
        for source in evidence.sources[:3]:
            quote = self.picker.best(question, source.text, skip=looks_like_instruction)
            closest.append(composer.citation(source, quote))
        answer = composer.abstention(closest, evidence.withheld)
        answer.model_text = raw
        return _timed(answer, timings, start)


# A clause and the sentence next to it are quoted together only up to this length.
MAX_RUN_ON_CHARS = 420
# A line this short holding an amount is a key figure or table cell whose subject stands above.
MAX_FIGURE_LINE_CHARS = 40
# The slots a picked sentence is preferred for filling (a number for an amount question
# already counts in the picker).
_PICK_FILLS = (Slot.DATE, Slot.PERSON, Slot.REASON)


def register_fields(question: str, evidence: Evidence) -> list[Unit]:
    """The fields the question asks for of the measure it names (the register's source 1)."""
    if not evidence.sources or not evidence.sources[0].fields:
        return []
    measure = evidence.sources[0]
    wanted = asked_fields(question)
    values = [fv for fv in measure.fields if fv.field in wanted]
    kept = [fv for fv in values if not looks_like_instruction(fv.value)]
    return [
        Unit(fv.text, measure.n, i, cued=True, field=fv.field, value=fv.value)
        for i, fv in enumerate(kept)
    ]


def _register_lead(measure: Source, asked: list[Unit]) -> Lead:
    title = next((fv.value for fv in measure.fields if fv.field is TITLE), "")
    fields = "; ".join(u.text for u in asked)
    if fields.endswith(".") and not fields.endswith(".."):  # one full stop, after the marker
        fields = fields[:-1]
    text = f"{title} – {fields} [{measure.n}]."
    return Lead(text, LeadKind.REGISTER, asked)


def _answer_parts(
    question: str, lead: Lead, units: list[Unit], quote: Callable[[Unit], str]
) -> Lead:
    """Each part of a several-part question answered, or a note on the part the sources lack."""
    parts = question_parts(question)
    missing = [p for p in parts if not holds_part(lead.text, p)]
    extra: list[str] = []
    for part in missing:
        shown = lead.units if lead.kind is not LeadKind.MODEL else []
        holders = [u for u in units if holds_part(u.text, part) and u not in shown]
        if holders:
            best = max(holders, key=lambda u: u.score)
            if best not in lead.units:
                lead.units.append(best)
            extra.append(quote(best))
        elif not any(holds_part(u.text, part) for u in units):
            lead.notes.append(missing_part_note(part))
    if extra:
        lead.text = " ".join([lead.text, *extra])
    return lead


def _answer_sub_questions(
    question: str,
    lead: Lead,
    units: list[Unit],
    weights: TermWeights,
    quote: Callable[[Unit], str],
) -> Lead:
    """Each of several joined questions answered: for one the lead leaves open, the evidence
    sentence that covers it and holds what it asks for is quoted after the lead."""
    subs = sub_questions(question)
    if not subs:
        return lead
    said = terms(weights.tokenizer, lead.text)
    for sub in subs:
        if answers_sub(lead.text, said, sub, weights):
            continue
        shown = lead.units if lead.kind is not LeadKind.MODEL else []  # model text quotes none
        holders = [
            u for u in units if u not in shown and answers_sub(u.text, u.tokens, sub, weights)
        ]
        if not holders:
            log.info("delfrågan %r besvaras inte av underlaget", snippet(sub))
            continue
        best = max(holders, key=lambda u: (weights.coverage(sub, [u]), u.score))
        log.info("delfrågan %r besvaras med källa %d ordagrant", snippet(sub), best.source)
        if best not in lead.units:
            lead.units.append(best)
        lead.text = f"{lead.text} {quote(best)}"
        said |= best.tokens
    return lead


# A model sentence that holds this share of a source's words (three letters or more, at
# least MIN_COPIED_WORDS of them) is copied from it; one that holds less than
# MAX_MISCITED_SHARE of each source it cites is miscited.
COPIED_SHARE = 0.9
MAX_MISCITED_SHARE = 0.6
MIN_COPIED_WORDS = 4
_WORDS = re.compile(r"\w{3,}")
_MARKS = re.compile(r"\[(\d+)\]")


def copied_from(sentence: str, sources: list[Source]) -> tuple[str, set[int]]:
    """The sentence and the sources it cites, its marker moved to the source it copies when
    the small model numbered that source wrong ("Inflation … påverkar oss negativt [2]."
    where the words stand in source 1 only)."""
    cited = {int(n) for n in _MARKS.findall(sentence)} & {s.n for s in sources}
    words = set(_WORDS.findall(strip_markers(sentence).casefold()))
    if len(words) < MIN_COPIED_WORDS:
        return sentence, cited
    share = {s.n: len(words & set(_WORDS.findall(s.text.casefold()))) / len(words) for s in sources}
    if any(share[n] >= MAX_MISCITED_SHARE for n in cited):
        return sentence, cited
    copied = [n for n, held in share.items() if held >= COPIED_SHARE]
    if len(copied) != 1:
        return sentence, cited
    mark = f"[{copied[0]}]"
    if _MARKS.search(sentence):
        marks = iter([mark])
        moved = _MARKS.sub(lambda _: next(marks, ""), sentence)
    else:  # uncited: the marker before the full stop
        moved = re.sub(r"([.!?]?)$", rf" {mark}\1", sentence.rstrip(), count=1)
    log.info("markören flyttad till källa %d, som meningen står i: %r", copied[0], snippet(moved))
    return re.sub(r"\s+([.,;:])", r"\1", moved), set(copied)


def short_answer_cited(
    sentence: str, question: str, units: Sequence[Unit], weights: TermWeights
) -> tuple[str, set[int]]:
    """A short uncited answer to a *vem* or *när* question ('Fortum', 'I maj') with the
    marker of the evidence sentence that holds it word for word and covers most of the
    question; unchanged when it has a marker, is longer, or no sentence holds it."""
    plain = " ".join(strip_markers(sentence).split()).rstrip(".!?")
    if _MARKS.search(sentence) or not plain or len(_WORDS.findall(plain)) >= MIN_COPIED_WORDS:
        return sentence, set()
    if asked_slot(question) not in (Slot.PERSON, Slot.DATE) or "§" in plain:
        return sentence, set()  # a bare number or reference is too easily found anywhere
    pattern = re.compile(rf"(?<!\w){re.escape(plain.casefold())}(?!\w)")
    holding = [u for u in units if pattern.search(" ".join(u.text.split()).casefold())]
    if not holding:
        return sentence, set()
    best = max(holding, key=lambda u: (weights.coverage(question, [u]), u.score))
    log.info("kort svar utan markör hänvisat till källa %d, som det står i", best.source)
    return f"{plain} [{best.source}].", {best.source}


def _denial(
    composer: Composer, denied: Unit, evidence: Evidence, focus: Callable[[str], bool]
) -> Answer:
    """The answer that quotes a source denying what the question takes for granted."""
    log.info("frågans antagande motsägs av källa %d: %s", denied.source, snippet(denied.text))
    lead = Lead(composer.quote_lead(denied, focus), LeadKind.QUOTE, [denied], [DENIAL_NOTE])
    rest = [u for u in evidence.units if u.text != denied.text]
    return composer.compose(lead, rest, [DENIAL_NOTE], evidence.withheld, focus)


def _echoes_premise(text: str, units: list[Unit]) -> bool:
    return polarity_conflict(strip_markers(text), " ".join(u.text for u in units)) is not None


def _holds_instruction(source: Source) -> bool:
    if source.fields:
        return any(looks_like_instruction(fv.value) for fv in source.fields)
    return any(looks_like_instruction(b) for b in blocks(source.text))


def _place(source: Source) -> str:
    return f"[{source.n}] {source.doc} s. {source.page}"


def _timed(answer: Answer, timings: Timings, start: float) -> Answer:
    answer.timings = timings
    answer.timings.total_ms = (time.perf_counter() - start) * 1000
    for flag in answer.flags:
        log.info("talet %r flaggat som %s: %s", flag.raw, flag.status.value, snippet(flag.message))
    log.debug(
        "svar (%s) på %.0f ms: %d citat, %d tal kontrollerade, %d flaggade",
        answer.lead_kind.value,
        answer.timings.total_ms,
        len(answer.citations),
        len(answer.number_check),
        len(answer.flags),
    )
    return answer

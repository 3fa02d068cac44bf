"""The first sentence of an answer: the model's, when it answers, else the best evidence clause.

An official copies the first sentence. The model's sentence is kept only when it

* fills the slot the question asks for (an amount for *hur mycket/stor/många*, a person or
  role for *vem*, a date for *när*, a status for *status/läge*, a reason for *varför*),
* has every number backed by the number check (not unsupported, misattributed or
  quarantined),
* agrees in polarity with what it cites (no *överskott* where the source says *underskott*),
* says something beyond the question or a heading ("Vägvalen beskrivs i planen [1]."), and
* uses terms that occur in the passages it cites.

Otherwise the lead is the evidence clause that covers the question best — verbatim, cited.
A question of several parts ("RUN och RS", "2016 och ackumulerat 2014–2016") gets each part
answered, or a note naming the part the sources lack. The functions here only judge; the
decision and its log line are made in :mod:`assistant.answering`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from assistant.evidence import (
    PAGE_OF,
    QUANTITY,
    TermWeights,
    Unit,
    compound_credit,
    is_heading,
    terms,
)
from ingest.numbers import find_numbers
from lagesbild.swedish import MONTHS, NUMBER_SPACE, alternation
from lagesbild.tokenizer import STOPWORDS
from lagesbild.types import AMOUNT_KINDS, NumberCheck, NumberStatus

log = logging.getLogger(__name__)

BAD_STATUSES = frozenset(
    {NumberStatus.UNSUPPORTED, NumberStatus.MISATTRIBUTED, NumberStatus.QUARANTINED}
)
# Share of the lead's own terms that must occur in the passages it cites.
MIN_LEAD_GROUNDING = 0.7
_MARKER = re.compile(r"\s*\[\d+\]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


class Slot(StrEnum):
    """What a question asks for."""

    AMOUNT = "belopp eller antal"
    PERSON = "person eller roll"
    DATE = "tidpunkt"
    STATUS = "status"
    REASON = "orsak"
    ANY = "uppgift"


_SLOT_CUES: tuple[tuple[Slot, re.Pattern[str]], ...] = (
    (Slot.REASON, re.compile(r"\b(varför|orsak\w*|anledning\w*|beror\w*|skäl\w*)\b", re.I)),
    # "när" asks for a time where the question or a part of it opens with it ("När …",
    # "Till när …", "…, och när ska det vara klart?"), not as a conjunction ("Hur mycket
    # minskade kostnaden när avtalen upphörde?", "…, när nu lösningen är …")
    (
        Slot.DATE,
        re.compile(
            r"(?:^\W*|\b(?:och|samt|till|senast|sedan|från|med|ungefär)\s+)när\b"
            # "Vilket datum", "Vilket är sista datum", "I vilken månad", "sista dag"
            r"|\bvilke[nt]\s+(?:(?:är|var|blir|blev)\s+)?(?:\w+[ae]\s+)?"
            r"(?:datum|dag|dagen|månad|år|vecka|tidpunkt)\b|\b(tidpunkt|sista (?:dag|datum))\b",
            re.I,
        ),
    ),
    (Slot.AMOUNT, QUANTITY),
    (
        Slot.PERSON,
        re.compile(
            r"\b(vem|vilka (?:ansvarar|kan|ska|bör|deltar|ingår|fick|får|har utsetts)"
            r"|vilk(?:en|et|a) (?:förvaltning|nämnd|enhet|funktion|roll|avdelning|bolag"
            r"|personer)\w*)\b",
            re.I,
        ),
    ),
    (Slot.STATUS, re.compile(r"\b(status|läget?|hur går|hur bedöm\w*)\b", re.I)),
)
_FILLS: dict[Slot, re.Pattern[str]] = {
    Slot.AMOUNT: re.compile(
        r"\d|\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra|tusen"
        r"|miljon\w*|miljard\w*|hälften|samtliga|alla|inga)\b",
        re.I,
    ),
    Slot.PERSON: re.compile(
        r"\b\w*(direktör|chef|ansvarig|nämnd|förvaltning|styrelse|avdelning|enhet|kontor"
        r"|samordnare|ledning|funktion|revisor\w*|fullmäktige|bolag|HR|koordinator)\w*\b"
        r"|(?-i:\b[A-ZÅÄÖ]{2,}\b)"  # an acronym: "HSN", "RUN"
        r"|(?-i:\b[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ][a-zåäö]+)",  # a name: "Anna Petterson"
        re.I,
    ),
    Slot.DATE: re.compile(
        rf"\b(19|20)\d\d\b|\d{{1,2}}/\d{{1,2}}|\b({alternation(MONTHS)}"
        r"|kvartal\w*|vecka|vår\w*|höst\w*|sommar\w*|årsskifte\w*|Q[1-4]|T[1-3])\b",
        re.I,
    ),
    Slot.STATUS: re.compile(
        r"\b(pågår|pågående|klar\w*|avslutad\w*|genomför\w*|enligt plan|försen\w*|påbörja\w*"
        r"|planera\w*|grön\w*|gul\w*|röd\w*|uppnå\w*|uppfyll\w*|delvis|stoppa\w*|pausa\w*"
        r"|startat|inte startat|ej startat|avbrut\w*|slutför\w*)\b",
        re.I,
    ),
    Slot.REASON: re.compile(
        r"\b(på grund av|eftersom|beror\w* på|till följd av|orsak\w*|för att|med anledning"
        r"|pga|p\.g\.a\.|därför|främst|bland annat|då|anledning\w*)\b",
        re.I,
    ),
}
# Pairs of words with opposite meaning: a lead saying one where its source says only the
# other has turned the source round.
OPPOSITES = (
    ("överskott", "underskott"),
    ("ökning", "minskning"),
    ("ökade", "minskade"),
    ("ökat", "minskat"),
    ("vinst", "förlust"),
    ("positiv", "negativ"),
    ("klar", "försenad"),
    ("tillstyrker", "avstyrker"),
    ("beviljas", "avslås"),
    ("godkänd", "underkänd"),
)
# A name or a day the lead answers with must stand in a cited sentence that is about the
# question: at least this share (by rarity) of the question's terms in that sentence.
MIN_FILLER_COVERAGE = 0.3
_FILLERS: dict[Slot, re.Pattern[str]] = {
    Slot.AMOUNT: re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|(?<![\d,.])\d+,\d+"),
    Slot.PERSON: re.compile(r"\b[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?\b"),
    Slot.DATE: re.compile(
        rf"\b\d{{1,2}}/\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{alternation(MONTHS)})\b", re.I
    ),
}
# A sentence saying the document lacks the information ('Det saknas upplysning om …', 'SKR
# har inte lämnat information gällande …'): no answer, unless the question asks what is lacking.
_LACKS_INFO = re.compile(
    r"\b(?:saknas|saknar|inte\s+(?:lämnat|redovisat|angett|presenterat)|finns\s+inte)\s+"
    r"(?:\w+\s+){0,3}?(?:upplysning|uppgift|information|redovisning|underlag)\w*\b",
    re.IGNORECASE,
)
_ASKS_WHAT_LACKS = re.compile(r"\b(sakna\w*|brist\w*|kritik\w*|anmärk\w*)\b", re.I)


def says_information_lacks(text: str, question: str) -> bool:
    """True when ``text`` says the information is not there and the question does not ask
    what is lacking: the sources then do not answer."""
    return bool(_LACKS_INFO.search(text)) and not _ASKS_WHAT_LACKS.search(question)


# Terms that describe the documents rather than answer ("beskrivs i planen").
_META = re.compile(r"\b(beskrivs|framgår|redovisas|anges|nämns|behandlas|finns beskriv\w*)\b", re.I)
_PART = r"(?:[A-ZÅÄÖ]{2,5}|(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)\d\d)?)"
_PARTS = re.compile(
    rf"\b({_PART})\b((?:\s*(?:,|och|respektive|samt)\s+(?:ackumulerat\s+|för\s+|totalt\s+)?"
    rf"{_PART}\b)+)"
)
_PART_ITEM = re.compile(rf"\b{_PART}\b")


def asked_slot(question: str) -> Slot:
    """The slot the question asks for (ANY when it names none)."""
    for slot, pattern in _SLOT_CUES:
        if pattern.search(question):
            return slot
    return Slot.ANY


# A whole answer of one to three capitalised words: a name ('Fortum', 'Region Uppsala').
_SHORT_NAME = re.compile(
    r"^\W*(?!(?:Ja|Nej|Ingen|Inget|Inga|Alla|Det|Den|Detta|Dessa)\b)"
    r"(?-i:[A-ZÅÄÖ][\w&'-]+)(?:\s+[\w&'-]+){0,2}\W*$"
)


def fills(text: str, slot: Slot, question: str = "", strict: bool = False) -> bool:
    """True when ``text`` holds something of the kind the slot asks for that ``question``
    does not already say ("i april" in the question fills no date), not counting list and
    section numbers ("6 Dimensionering", "2.2", "11 kap. 1 §") as amounts. ``strict`` asks
    an amount to be a number ("alla", "inga" do not count)."""
    if slot is Slot.ANY:
        return True
    if slot not in (Slot.DATE, Slot.AMOUNT):
        plain = without_question_words(strip_markers(text), question)
        if slot is Slot.PERSON and _SHORT_NAME.match(plain):
            return True  # a bare name answers 'vem' or 'vilket bolag': 'Fortum.'
        return bool(_FILLS[slot].search(plain))
    # labels go before the question's words: "Process 3" stays a label when the question
    # says "process"
    # ("i procent" in the question still lets "6,1 procent" answer it)
    asked = _PERCENT_WORD.sub(" ", question)
    plain = without_question_words(without_list_numbers(strip_markers(text)), asked)
    if slot is Slot.DATE:  # "(2017:725)" names a statute, not a year
        return bool(_FILLS[slot].search(plain))
    plain = _DAY.sub(" ", plain)
    if _SHARE_ASKED.search(question):  # "Hur stor andel …?": a share, not 6043 MWh
        return bool(_SHARE.search(plain))
    amounts = [t for t in re.findall(r"\d[\d\s,.]*", plain) if not _YEAR.match(t.strip())]
    words = _CARDINALS if strict else _FILLS[slot]
    return bool(amounts) or bool(words.search(re.sub(r"\d", "", plain)))


# A question for a share is answered by a percentage or a fraction ("hur stor del" may ask
# for an amount: "Hur stor del av förslagen …? 15 mkr").
_PERCENT_WORD = re.compile(r"\bprocent\b", re.IGNORECASE)
_SHARE_ASKED = re.compile(r"\b(andel\w*|procentandel\w*|hur många procent|i procent)\b", re.I)
_SHARE = re.compile(
    r"\d\s*(?:%|procent)|\b(hälften|halva|en tredjedel|en fjärdedel|två tredjedelar"
    r"|tre fjärdedelar|samtliga|alla|ingen|inga)\b",
    re.IGNORECASE,
)


# A day written out ("13 aug 2026", "2026-03-26", "17/3"): a date, not an amount.
_DAY = re.compile(
    rf"\b\d{{1,2}}(?:\s*(?:och|–|-)\s*\d{{1,2}})?\s+(?:{alternation(MONTHS)})\.?"
    r"(?:\s+(?:19|20)\d\d)?\b"
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}\b",
    re.I,
)

_CARDINALS = re.compile(
    r"\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra\w*|tusen\w*|miljon\w*"
    r"|miljard\w*|hälften|en tredjedel|en fjärdedel)\b",
    re.I,
)


# A unit after a number makes it an amount ("1.1 Mkr", "2 MSEK"), not a section number.
_UNIT_AFTER = r"(?!(?i:mkr|mnkr|mdkr|msek|tkr|ksek|sek|kr|md|mn)\b)"
_LIST_NUMBER = re.compile(
    rf"^\s*\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+{_UNIT_AFTER}(?=[A-ZÅÄÖ])"  # "6 Dimensionering"
    rf"|\b\d{{1,2}}(?:\.\d{{1,2}})+\s+{_UNIT_AFTER}(?=[A-ZÅÄÖ])"  # "… enligt 2.2 Styrning"
    r"|\b\d{1,3}\s?[a-z]?\s*(?i:kap\.?|§)|§\s*\d{1,3}\b"  # "11 kap", "1 §", "1 a §", "§ 10"
    r"|\b(?i:punkt|bilaga|avsnitt|kapitel|sidan|sid\.|s\.)\s+\d{1,3}\b"
    # a numbered goal or action: "Mål 5 Kommunerna ska …", "Åtgärd 4", "Delmål 2.1"
    # and a numbered place: "Byggnad 23", "plan 3", "sal 2"
    r"|\b(?i:mål|delmål|åtgärd|aktivitet|insats|uppdrag|steg|fas|etapp|process|version|dag"
    r"|byggnad|hus|våning|plan|sal|rum)\s+\d{1,2}(?:\.\d{1,2})?(?:\s*[-–]\s*\d{1,2}\b)?"
    r"(?!\d|,\d|\s*(?:%|procent|st\b|kr|mkr|tkr|mnkr|miljon|miljard))"
    r"|(?<=[a-zåäö][.,])\d{1,2}(?=\s+[A-ZÅÄÖ])"  # a footnote mark: "förpliktelser.3 Kommun…"
    r"|\b(?:19|20)\d\d:\d{1,4}\b"  # a statute's number: "kommunallagen (2017:725)"
    rf"|{PAGE_OF.pattern}"  # a running header's page of pages: "12 (29)"
)


def without_list_numbers(text: str) -> str:
    """``text`` without the numbers that order or locate rather than count."""
    return _LIST_NUMBER.sub(" ", text)


def without_question_words(text: str, question: str) -> str:
    """``text`` without the words and numbers the question already states."""
    if not question:
        return text
    asked = {w.casefold() for w in re.findall(r"[\w/:-]+", _DASHES.sub("-", question))}
    return " ".join(
        w for w in text.split() if _DASHES.sub("-", w.strip('.,;:()”"')).casefold() not in asked
    )


_DASHES = re.compile(r"[‐‑‒–—]")


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def without_stray_sentences(text: str) -> str:
    """Model text without sentences that only talk about the sources' numbers ("[3] och [3]
    är samma [3]."): a marker first, at most three words after it, no number."""
    kept: list[str] = []
    for sentence in _SENTENCE.split(text.strip()):
        words = strip_markers(sentence).split()
        if not words and kept:  # "… regn. [1]": the marker belongs to the sentence before
            kept[-1] = f"{kept[-1]} {sentence}"
            continue
        stray = (
            sentence.startswith("[") and len(words) <= 3 and not re.search(r"\d", " ".join(words))
        )
        if not stray:
            kept.append(sentence)
    return " ".join(kept)


def model_sentences(text: str) -> list[str]:
    """The sentences of a model text, each with the markers after its full stop."""
    sentences: list[str] = []
    for sentence in _SENTENCE.split(text.strip()):
        if sentences and not strip_markers(sentence):  # "… regn. [1]"
            sentences[-1] = f"{sentences[-1]} {sentence}"
        elif sentence:
            sentences.append(sentence)
    return sentences


def strip_markers(text: str) -> str:
    """The text without its ``[n]`` marks."""
    return _MARKER.sub("", text).strip()


def polarity_conflict(text: str, evidence: str) -> tuple[str, str] | None:
    """(said, source's word) when ``text`` says a word whose opposite alone is in ``evidence``."""
    said = text.casefold()
    source = evidence.casefold()
    for a, b in OPPOSITES:
        for named, other in ((a, b), (b, a)):
            if named in said and other not in said and other in source and named not in source:
                return named, other
    return None


# "Hur många …?" may be answered "alla", "samtliga" or "inga"; "hur mycket/stor …?", a cost
# or a share only with a number or a number word.
_COUNTS = re.compile(r"\bhur många\b", re.IGNORECASE)


# "Vilka nämnder …?", "Vilken förvaltning …?": the answer names such a body
# ('grundskolenämnden', 'Socialnämnden Centrum').
_BODY_ASKED = re.compile(
    r"\bvilk(?:en|et|a)\s+(nämnd|förvaltning|bolag|enhet|avdelning|styrelse|myndighet)",
    re.IGNORECASE,
)


def names_no_body_asked(plain: str, question: str) -> str:
    """The kind of body a *vilken nämnd/förvaltning …* question asks for when ``plain`` names
    none of that kind beyond the question's own words; '' otherwise."""
    asked = _BODY_ASKED.search(question)
    if asked is None:
        return ""
    kind = asked.group(1).casefold()
    said = without_question_words(plain, question)
    if kind in _NAMED_BODIES and _SHORT_NAME.match(strip_markers(said)):
        return ""  # a company or an agency is named, seldom called so: 'Fortum'
    return "" if kind in said.casefold() else kind


# Bodies an answer names by their name alone ('Fortum', 'Skatteverket').
_NAMED_BODIES = ("bolag", "myndighet")


# "… 2025 jämfört med året innan?": the answer gives both values, or the change.
_COMPARES = re.compile(
    r"\b(jämfört med|jämfört|i jämförelse med|än (?:året|åren) (?:innan|före)"
    r"|(?:året|åren) (?:innan|före)|föregående år|förra året)\b",
    re.IGNORECASE,
)
_CHANGE_WORDS = re.compile(
    r"\b(ök\w*|minsk\w*|fler|färre|mer|mindre|högre|lägre|skillnad\w*|förändr\w*"
    r"|förbättr\w*|försämr\w*|rekord\w*)\b",
    re.IGNORECASE,
)


def one_side_of(plain: str, question: str, cited: Sequence[Unit]) -> bool:
    """True when a comparing question ('… jämfört med året innan?') gets one amount without
    a change, while a cited sentence holds both sides."""
    if not _COMPARES.search(question) or _CHANGE_WORDS.search(plain):
        return False
    if len(_amounts(plain)) >= 2:
        return False
    return any(len(_amounts(u.text)) >= 2 for u in cited)


def _amounts(text: str) -> list[str]:
    return [n.raw for n in find_numbers(text) if n.kind in AMOUNT_KINDS]


def model_lead_problem(
    lead: str,
    question: str,
    cited: Sequence[Unit],
    cited_text: str,
    checks: Iterable[NumberCheck],
    weights: TermWeights,
) -> str:
    """Why the model's sentence cannot be the lead ('' when it can). ``cited_text`` is the
    whole text of the sources it cites; ``checks`` the number check of the lead."""
    slot = asked_slot(question)
    if not fills(lead, slot, question, strict=slot is Slot.AMOUNT and not _COUNTS.search(question)):
        return f"fyller inte frågans lucka ({slot.value})"
    body = names_no_body_asked(strip_markers(lead), question)
    if body:
        return f"nämner ingen {body}"
    if slot is Slot.AMOUNT and one_side_of(strip_markers(lead), question, cited):
        return "ger bara ena sidan av jämförelsen frågan ber om"
    bad = [c.raw for c in checks if c.status in BAD_STATUSES]
    if bad:
        return f"tal utan stöd: {', '.join(bad)}"
    shared = parts_sharing_amount(lead, question) if slot is Slot.AMOUNT else []
    if shared:
        return f"ett belopp för flera delar av frågan ({' och '.join(shared)})"
    shown = _numbers(without_list_numbers(" ".join(u.text for u in cited)))
    said = _numbers(without_list_numbers(strip_markers(lead)))
    unseen = sorted(n for n in said - shown if not _YEAR.match(n))
    if unseen:
        return f"tal som inte står i de citerade utdragen: {', '.join(unseen)}"
    if slot is not Slot.DATE and _other_years(strip_markers(lead), years_asked(question)):
        return "gäller ett annat år än frågan"
    conflict = polarity_conflict(lead, " ".join(u.text for u in cited) + " " + cited_text)
    if conflict:
        return f"säger '{conflict[0]}' där källan säger '{conflict[1]}'"
    plain = strip_markers(lead)
    dropped = dropped_filler(plain, question, cited, weights)
    if dropped:
        return f"återger en mening men utelämnar svaret ur den ('{dropped}')"
    # A lead that fills an asked slot with what the question does not say is no restatement,
    # even when a cited heading says the same ("CLG" under the slide title "Styrgrupp: CLG").
    if slot is Slot.ANY and restates(plain, question, cited, weights):
        return "upprepar frågan eller en rubrik"
    stray = stray_filler(plain, question, cited, weights)
    if stray:
        return f"'{stray}' står i en mening som inte handlar om frågan"
    grounding = lead_grounding(plain, cited_text, weights, question)
    if grounding < MIN_LEAD_GROUNDING:
        return f"orden finns inte i den citerade källan (täckning {grounding:.2f})"
    log.debug("modellens mening håller: lucka %s, förankring %.2f", slot.value, grounding)
    return ""


_NUMBER = re.compile(rf"\d{{1,3}}(?:{NUMBER_SPACE}\d{{3}})+(?:[,.]\d+)?|\d+(?:[,.]\d+)?")


def _numbers(text: str) -> set[str]:
    """The numbers written in a text, spacing and decimal point folded ('4 200,5' → '4200,5')."""
    return {re.sub(NUMBER_SPACE, "", m).replace(".", ",") for m in _NUMBER.findall(text)}


def stray_filler(plain: str, question: str, cited: Sequence[Unit], weights: TermWeights) -> str:
    """The name, day or amount the lead answers a *vem*/*när*/*hur mycket* question with, when
    every cited sentence holding it is about something else ("Peter Larsson" from a line about
    another body, "232,3 miljoner" from another year's result); '' when it stands in a sentence
    about the question, or in no cited sentence at all."""
    pattern = _FILLERS.get(asked_slot(question))
    if pattern is None:
        return ""
    for match in pattern.finditer(without_question_words(plain, question)):
        filler = " ".join(match.group().split()).casefold()
        holding = [u for u in cited if filler in " ".join(u.text.split()).casefold()]
        if (
            holding
            and max(weights.coverage(question, with_lead_in(u, cited)) for u in holding)
            < MIN_FILLER_COVERAGE
        ):
            return match.group()
    return ""


# Shortest shared word stem by which a sentence continues the one before it.
_CONTINUING_STEM = 4


def with_lead_in(unit: Unit, units: Sequence[Unit]) -> list[Unit]:
    """``unit``, with the sentence right before it in the same source when that one is among
    ``units`` and the two share a word ('Av yttrandet ska det framgå vilka åtgärder …' /
    'Yttrandet ska skickas … senast den 19 juni'): what the second says is about what the
    first is about."""
    before = next(
        (u for u in units if u.source == unit.source and u.position == unit.position - 1), None
    )
    if before is None or before.field is not None or unit.field is not None:
        return [unit]
    shared = {t for t in unit.tokens & before.tokens if len(t) >= _CONTINUING_STEM}
    shared = {t for t in shared if not t.isdigit() and t not in STOPWORDS}
    return [before, unit] if shared else [unit]


# A clause of the cited text that fills the slot answers instead of the lead when it holds
# this much more of the question (by rarity) than the lead, and at least FOCUS_HELD of it.
FOCUS_MARGIN = 0.3
FOCUS_HELD = 0.5
_CLAUSE_CUT = re.compile(r"\s*(?:;|•|(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9]))\s*")


def answered_aside(
    plain: str,
    question: str,
    cited: Sequence[Unit],
    units: Sequence[Unit],
    weights: TermWeights,
) -> str:
    """For a *hur mycket*/*när*/*vem* question: a clause of the evidence that fills the
    slot and clearly is about what the question asks, when the lead is not ('90 miljoner
    kronor avsätts till elevpengen …' for 'Hur mycket pengar avsätts till den kommunala
    kulturskolan?' where the evidence says '5 mnkr avsätts till den kommunala
    kulturskolan'); '' otherwise. Clauses are cut at sentence ends, semicolons and bullets.
    A short lead ('Sedan sommaren 2016 [3].', 'CLG [1].') is as much about the question as
    the cited clause that holds its numbers or all its words."""
    slot = asked_slot(question)
    if slot not in (Slot.AMOUNT, Slot.DATE, Slot.PERSON):
        return ""

    def cover(text: str) -> float:
        tokens = terms(weights.tokenizer, text)
        return weights.coverage(question, [Unit(text, 0, 0, tokens=tokens)])

    said, words = _numbers(plain), terms(weights.tokenizer, plain)

    def holds_lead(clause: str) -> bool:
        if said & _numbers(clause):
            return True
        return bool(words) and words <= terms(weights.tokenizer, clause)

    held = [
        " ".join([*(b.text for b in with_lead_in(u, cited)[:-1]), c])
        for u in cited
        for c in _CLAUSE_CUT.split(u.text)
        if holds_lead(c)
    ]
    # a lead's numbers are about what the clause they stand in is about, not the whole text
    # ('Med 2191 MWh … för VA-verksamheten [3]. Den stora minskningen kommer av …')
    answering = [c for c in _CLAUSE_CUT.split(plain) if said & _numbers(c)] or [plain]
    lead_cover = max([*(cover(c) for c in answering), *(cover(c) for c in held)])
    if lead_cover >= FOCUS_HELD:
        return ""
    clauses = [c for u in units for c in _CLAUSE_CUT.split(u.text)]
    scored = [(cover(c), c) for c in clauses if fills(c, slot, question, strict=True)]
    best, clause = max(scored, default=(0.0, ""))
    if best >= FOCUS_HELD and best >= lead_cover + FOCUS_MARGIN:
        return " ".join(clause.split())
    return ""


# Share of the lead's terms that one cited sentence must hold for the lead to
# count as a retelling of that sentence.
RETELLING = 0.8


def dropped_filler(plain: str, question: str, cited: Sequence[Unit], weights: TermWeights) -> str:
    """The day, name or amount that a cited sentence answers with and the lead leaves out
    when it retells that sentence ("Nämnderna ska senast lämna in … till ekonomienheten"
    from "30 juni Nämnderna ska senast lämna in …"); '' when the lead keeps one of its own
    or retells no sentence."""
    slot = asked_slot(question)
    pattern = _FILLERS.get(slot)
    if pattern is None or pattern.search(without_question_words(plain, question)):
        return ""
    if slot is Slot.AMOUNT and fills(plain, slot, question, strict=True):
        return ""  # an amount of its own ('25 Mkr'), checked elsewhere
    own = terms(weights.tokenizer, plain)
    if not own:
        return ""
    for unit in cited:
        if len(own & unit.tokens) < RETELLING * len(own):
            continue
        rest = without_question_words(unit.text, question)
        match = pattern.search(rest)
        if match:
            return " ".join(match.group().split())
        if slot is Slot.AMOUNT and fills(unit.text, slot, question, strict=True):
            amounts = _amounts(rest)
            return " ".join(amounts[0].split()) if amounts else "ett belopp"
    return ""


def restates(plain: str, question: str, cited: Sequence[Unit], weights: TermWeights) -> bool:
    """True when the sentence says nothing beyond the question or a heading it cites."""
    own = terms(weights.tokenizer, plain)
    asked = terms(weights.tokenizer, question)
    headings = set().union(*(u.tokens for u in cited if is_heading(u.text))) if cited else set()
    # a part of a compound the question asks with says nothing new ('betyg' of 'kreditbetyg')
    new = {t for t in own - asked - headings if not compound_credit(t, asked)}
    if not new:  # a number the question lacks is news, even from a table row's cells
        return not fills(plain, Slot.AMOUNT, question, strict=True)
    return bool(_META.search(plain)) and not re.search(r"\d", plain) and len(new) <= 2


def lead_grounding(plain: str, cited_text: str, weights: TermWeights, question: str = "") -> float:
    """Share (by rarity) of the sentence's terms that occur in the cited passages or in the
    question (a lead may answer in the asker's words: "… förutsätter att personalstyrkan
    krymper" where the source says "färre medarbetare")."""
    own = terms(weights.tokenizer, plain)
    if not own:
        return 0.0
    source = terms(weights.tokenizer, cited_text) | terms(weights.tokenizer, question)
    total = sum(weights.idf(t) for t in own)
    return sum(weights.idf(t) for t in own & source) / total if total > 0 else 1.0


# A footnote's text: its number, then a reference ("1 Se bland andra Granskning av …,
# 2019-12-19", "2 Källa: SCB", "3 https://…").
_FOOTNOTE = re.compile(
    r"^\d{1,2}\s+(?:(?:Se|Jfr|Källa|Källor|Ibid|Ref)\b|https?://|www\.)", re.IGNORECASE
)


def is_footnote(text: str) -> bool:
    """True for a footnote's text: a number, then a reference to another work."""
    return bool(_FOOTNOTE.match(text.strip()))


def best_clause(
    question: str, units: Sequence[Unit], weights: TermWeights, used: Callable[[Unit], bool]
) -> Unit | None:
    """The unit that best answers: most of the question covered, the slot filled, no heading,
    never a footnote (its dates and numbers belong to the work it cites)."""
    slot = asked_slot(question)
    candidates = [u for u in units if not used(u) and not is_footnote(u.text)]
    if slot in (Slot.AMOUNT, Slot.DATE):  # a sentence without the amount or day answers none
        candidates = [u for u in candidates if fills(u.text, slot, question, strict=True)] or (
            candidates
        )
    # "vilka nämnder": a sentence naming such a body, if one does
    candidates = [u for u in candidates if not names_no_body_asked(u.text, question)] or (
        candidates
    )
    if not candidates:
        return None

    asked_years = years_asked(question)

    def merit(unit: Unit) -> tuple[float, float]:
        value = weights.coverage(question, [unit])
        value += 0.3 if fills(unit.text, slot, question) else 0.0
        value -= 0.3 if is_heading(unit.text) else 0.0
        value -= 0.3 if _other_years(unit.text, asked_years) else 0.0
        return value, unit.score

    best = max(candidates, key=merit)
    if log.isEnabledFor(logging.DEBUG):
        log.debug("bästa mening: källa %d, värde %.2f (%s)", best.source, merit(best)[0], slot)
    return best


_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[–-]\s*((?:19|20)\d\d)\b")


def years_asked(question: str) -> set[str]:
    """The years a question names, a span ("2027–2031") with every year inside it."""
    years = set(_YEARS.findall(question))
    for first, last in _YEAR_SPAN.findall(question):
        years.update(str(y) for y in range(int(first), min(int(last), int(first) + 20) + 1))
    return years


def _other_years(text: str, asked: set[str]) -> bool:
    """True when ``text`` names years and none of them is one the question asks about or the
    year before or after it (a comparison with "året innan" names the neighbour)."""
    years = {int(y) for y in _YEARS.findall(text)}
    near = {int(y) + d for y in asked for d in (-1, 0, 1)}
    return bool(asked and years and not years & near)


def question_parts(question: str) -> list[str]:
    """The parts a question asks about together ('RUN och RS' → ['RUN', 'RS'])."""
    parts: list[str] = []
    for match in _PARTS.finditer(question):
        for item in _PART_ITEM.findall(match.group(0)):
            if item not in parts:
                parts.append(item)
    return parts if len(parts) > 1 else []


_SUB_QUESTION = re.compile(
    r",?\s+(?:och|samt)\s+(?=(?:hur|vad|vem|vilka|vilken|vilket|när)\b)", re.IGNORECASE
)
# A sub-question counts as answered by a text covering this share of its terms.
SUB_COVERAGE = 0.5


def parts_sharing_amount(text: str, question: str) -> list[str]:
    """The parts of a several-part amount question ('RUN och RS') that ``text`` names while
    giving fewer amounts than parts ('för RUN och RS var -47Mkr'): one number cannot be the
    answer for each. [] when every part can have its own amount."""
    parts = [p for p in question_parts(question) if holds_part(text, p)]
    if len(parts) < 2:
        return []
    plain = without_list_numbers(without_question_words(strip_markers(text), question))
    amounts = [n for n in _NUMBER.findall(plain) if not _YEAR.match(n.strip())]
    return parts if len(amounts) < len(parts) else []


def sub_questions(question: str) -> list[str]:
    """The questions joined in one ('Hur många fordon …, och hur många av dem …?' → two);
    [] for a single question."""
    parts = [p.strip(" ,?") for p in _SUB_QUESTION.split(question)]
    return parts if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts) else []


def answers_sub(text: str, tokens: set[str], sub: str, weights: TermWeights) -> bool:
    """True when a text (with its comparison ``tokens``) covers a sub-question and fills its
    slot."""
    covered = weights.coverage(sub, [Unit(text, 0, 0, tokens=tokens)])
    return covered >= SUB_COVERAGE and fills(text, asked_slot(sub), sub, strict=True)


def holds_part(text: str, part: str) -> bool:
    """True when ``text`` names the part as a word of its own (dashes and spacing folded)."""
    pattern = rf"(?<![\w]){re.escape(_fold_part(part))}(?![\w])"
    return re.search(pattern, _fold_part(text)) is not None


def _fold_part(text: str) -> str:
    return re.sub(r"\s*[–-]\s*", "-", text)

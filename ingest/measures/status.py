"""Status normalisation: the many written forms of a status → ``MeasureStatus``.

Two strengths of evidence are kept apart:

* ``normalise_status`` reads a *status cell*: the whole text is a status phrase
  ('Ej Enligt plan', 'Klart', 'På gång'), or it starts with one and goes on with a
  comment ('Pågår. Ingår i …'). Anything else is ``okänd``.
* ``infer_status`` reads a *free comment* in a status column and only trusts clear
  words ('pågår', 'påbörjades', 'infört', 'klart'), skipping negated ('ej klart') and
  planned ('ska ha slutförts') uses.
"""

from __future__ import annotations

import re

from lagesbild.types import MeasureStatus

S = MeasureStatus

# Written forms of a status, case-insensitive, as a whole cell or a leading phrase.
STATUS_PHRASES: dict[str, MeasureStatus] = {
    **dict.fromkeys(
        (
            "klar",
            "klart",
            "avklarad",
            "avklarat",
            "genomförd",
            "genomfört",
            "genomförda",
            "slutförd",
            "slutfört",
            "infört",
            "införd",
            "införda",
            "implementerad",
            "implementerat",
            "avslutad",
            "avslutat",
            "färdig",
            "färdigt",
            "levererad",
            "levererat",
            "uppnådd",
            "uppnått",
            "utförd",
            "utfört",
            "klar och avslutad",
        ),
        S.DONE,
    ),
    **dict.fromkeys(
        (
            "enligt plan",
            "i fas",
            "följer plan",
            "följer planen",
            "planenligt",
            "pågår enligt plan",
            "grön",
        ),
        S.ON_TRACK,
    ),
    **dict.fromkeys(("delvis enligt plan", "delvis i fas", "delvis", "gul"), S.PARTLY_ON_TRACK),
    **dict.fromkeys(
        (
            "ej enligt plan",
            "inte enligt plan",
            "ej i fas",
            "inte i fas",
            "ej planenligt",
            "avviker",
            "avviker från plan",
            "röd",
        ),
        S.OFF_TRACK,
    ),
    **dict.fromkeys(
        (
            "pågår",
            "pågående",
            "på gång",
            "påbörjad",
            "påbörjat",
            "påbörjade",
            "startad",
            "startat",
            "startade",
            "igång",
            "i gång",
            "under arbete",
            "under genomförande",
            "arbete pågår",
            "arbetet pågår",
        ),
        S.ONGOING,
    ),
    **dict.fromkeys(
        (
            "ej påbörjad",
            "ej påbörjat",
            "ej påbörjade",
            "inte påbörjad",
            "inte påbörjat",
            "ej startad",
            "ej startat",
            "inte startad",
            "inte startat",
            "ej igång",
            "ej i gång",
            "ej inledd",
            "ej inlett",
            "planerad",
            "planerat",
            "ej aktuell ännu",
        ),
        S.NOT_STARTED,
    ),
    **dict.fromkeys(
        ("försenad", "försenat", "försenade", "fördröjd", "fördröjt", "försenad start"),
        S.DELAYED,
    ),
}

_ALTERNATION = "|".join(
    re.escape(phrase).replace(r"\ ", r"\s+")
    for phrase in sorted(STATUS_PHRASES, key=len, reverse=True)
)
# A status phrase closing a line: 'Samordna admin RUF-RS Delvis enligt plan'.
_AT_END = re.compile(rf"^(?P<before>.*?)[\s,;:–\-]*\b(?P<status>{_ALTERNATION})[.!]?$", re.I)
# A status phrase opening a text: 'Enligt plan Hög', 'Pågår. Ingår i …'.
_AT_START = re.compile(rf"^(?P<status>{_ALTERNATION})(?![\wåäö])[\s.,:;–\-]*(?P<rest>.*)$", re.I)
_EDGE_PUNCT = " \t.,;:!–-•*"

# Clear words inside a free comment; the earliest one wins.
_CLEAR_WORDS: list[tuple[re.Pattern[str], MeasureStatus]] = [
    (
        re.compile(r"\b(?:ej|inte|icke)\s+(?:påbörja(?:d|t|ts|de)|startat?|inlett)\b", re.I),
        S.NOT_STARTED,
    ),
    (
        re.compile(
            r"\b(?:pågår|pågående|på gång|påbörja(?:d|t|des|ts|de)|startade?|igång)\b", re.I
        ),
        S.ONGOING,
    ),
    (
        re.compile(
            r"\b(?:klart?|genomför(?:t|d|ts|da)|inför(?:t|d|ts|da)|implementera(?:t|d|ts)"
            r"|slutför(?:t|d|ts)|avslutat?)\b",
            re.I,
        ),
        S.DONE,
    ),
    (re.compile(r"\b(?:försen(?:ad|at|ade|ing)|fördröj(?:d|t|ning))\b", re.I), S.DELAYED),
]
_NEGATION = re.compile(r"\b(?:ej|inte|icke|aldrig|ännu inte)\s*$", re.I)
_MODAL = re.compile(r"\b(?:ska|skall|kommer att|bör|kan|målet|planeras|avses)\b[\w\s]{0,20}$", re.I)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip(_EDGE_PUNCT + "\n")).casefold()


def normalise_status(raw: str | None) -> MeasureStatus:
    """Map a status cell to ``MeasureStatus``; unknown wording gives ``okänd``.

    >>> normalise_status("Ej Enligt plan")
    <MeasureStatus.OFF_TRACK: 'ej enligt plan'>
    """
    if not raw or not raw.strip():
        return S.UNKNOWN
    key = _key(raw)
    if key in STATUS_PHRASES:
        return STATUS_PHRASES[key]
    lead = leading_status(raw)
    return STATUS_PHRASES[_key(lead[0])] if lead else S.UNKNOWN


def is_status_phrase(text: str) -> bool:
    """True when the whole text is one status phrase ('Enligt plan', 'Klart.')."""
    return _key(text) in STATUS_PHRASES


def leading_status(text: str) -> tuple[str, str] | None:
    """Split '<status phrase><rest>' → (phrase, rest); None if it does not start so.

    A lone word that is also common prose ('Delvis', 'Klart') only counts when it is
    followed by punctuation or nothing, so 'Klart definierade mål' is not a status.
    """
    match = _AT_START.match(text.strip())
    if not match:
        return None
    phrase, rest = match.group("status"), match.group("rest")
    after = text.strip()[len(phrase) :]
    if rest and " " not in phrase and after[:1] == " " and rest[:1].islower():
        return None
    return phrase, rest


def trailing_status(line: str) -> tuple[str, str] | None:
    """Split '<text> <status phrase>' → (text, phrase); None if it does not end so."""
    match = _AT_END.match(line.strip())
    if not match:
        return None
    return match.group("before").strip(), match.group("status")


def infer_status(comment: str | None) -> MeasureStatus:
    """Status from a free comment: a status cell first, else clear words, else ``okänd``."""
    if not comment:
        return S.UNKNOWN
    direct = normalise_status(comment)
    if direct is not S.UNKNOWN:
        return direct
    found = clear_words(comment)
    return found[0] if found else S.UNKNOWN


def clear_words(comment: str) -> tuple[MeasureStatus, str] | None:
    """(status, the words that say it) from the first clear status word of a free comment
    ('arbetet påbörjades i mars' → pågår, 'påbörjades'); negated and planned uses skipped."""
    best: tuple[int, MeasureStatus, str] | None = None
    for pattern, status in _CLEAR_WORDS:
        for match in pattern.finditer(comment):
            before = comment[: match.start()]
            if status is not S.NOT_STARTED and _NEGATION.search(before):
                continue
            if _MODAL.search(before[-40:]):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), status, match.group(0))
            break
    return (best[1], best[2]) if best else None

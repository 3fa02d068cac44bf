"""Traffic-light colours of uppdrag in a monthly status report, by written-out rules.

The rules live here, in ingest, so the register can give a monthly report's uppdrag a
status derived by rule (``status_source`` = rule, ``status_rule`` = the rule and the words
it saw) when the source states none; the CLG summary (``assistant.drafts.colours``) uses
the same rules.

The first rule that applies sets the colour, and the summary says which one it was:

1. **Uttalad status i källan vinner** (a status read from a status field; one inferred
   from free text or derived by these rules is not stated). A colour word in the status
   ('grön', 'gul', 'röd') gives that colour; status *klar* or *enligt plan* → grön;
   *delvis enligt plan* or *ej påbörjad* → gul; *ej enligt plan* or *försenad* → röd.
   (*pågår* and *okänd* say nothing about the colour: the next rules decide.)
2. **röd – behov av stöd angivet:** the 'Behov av stöd' field asks for support. A field
   that says there is none ('Inget behov av stöd', 'Nej') or only that needs may come up
   later ('eventuella behov av stöd') does not count.
3. **röd – statustexten anger försening:** 'Senaste månaden' or 'Kommentarer' says
   försenad/försening, förskjutning, senareläggning, 'ej/inte enligt plan'.
4. **gul – risker angivna:** the 'Risker' field names a risk (not 'Nej'/'Inga risker'),
   or the status text says 'delvis enligt plan'.
5. **grön – inga risker och inget stödbehov:** none of the above.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from lagesbild.types import Measure, MeasureStatus, StatusSource


class Colour(StrEnum):
    """Traffic-light colour of an uppdrag."""

    GREEN = "grön"
    YELLOW = "gul"
    RED = "röd"


CUE_CHARS = 90

EXPLICIT: dict[MeasureStatus, Colour] = {
    MeasureStatus.DONE: Colour.GREEN,
    MeasureStatus.ON_TRACK: Colour.GREEN,
    MeasureStatus.PARTLY_ON_TRACK: Colour.YELLOW,
    MeasureStatus.NOT_STARTED: Colour.YELLOW,
    MeasureStatus.OFF_TRACK: Colour.RED,
    MeasureStatus.DELAYED: Colour.RED,
}
_COLOUR_WORD = re.compile(r"(?i)\b(grön|gul|röd)\b")
_NO_NEED = re.compile(
    r"(?i)^\s*(?:nej|inget|inga|ej|nix|saknas|[-–—])\s*\.?\s*$"
    r"|\b(?:inget|inga|ej|inte|eventuell\w*)\s+(?:\w+\s+)?behov"
)
_NO_RISK = re.compile(
    r"(?i)^\s*(?:nej|inga(?: kända)?(?: risker)?|ingen(?: risk)?|ej|[-–—])\s*\.?\s*$"
)
_DELAY = re.compile(
    r"(?i)försen\w*|förskjut\w*|senarelägg\w*|skjut\w* upp|\b(?:ej|inte) enligt plan"
)
_BULLET = re.compile(r"^[•\-–▪*]\s*")
_PARTLY = re.compile(r"(?i)delvis enligt plan")


@dataclass(frozen=True)
class ColourRule:
    """One rule: its colour (None: the one the source states), its Swedish wording, and a
    test that returns the text it saw (None when the rule does not apply)."""

    colour: Colour | None
    wording: str
    test: Callable[[Measure], str | None]


def _explicit(m: Measure) -> str | None:
    word = _COLOUR_WORD.search(m.status_raw or "")
    stated = m.status_source in (StatusSource.STATED, StatusSource.UNKNOWN)
    if word or (m.status in EXPLICIT and stated):
        return m.status_raw or m.status.value
    return None


def _support(m: Measure) -> str | None:
    need = (m.support_need or "").strip()
    return need if need and not _NO_NEED.search(need) else None


def _delay(m: Measure) -> str | None:
    return _cue(_DELAY, m.last_month, m.comments)


def _risks(m: Measure) -> str | None:
    risks = (m.risks or "").strip()
    if risks and not _NO_RISK.match(risks):
        return risks
    return _cue(_PARTLY, m.last_month, m.comments)


def _cue(pattern: re.Pattern[str], *texts: str | None) -> str | None:
    for text in texts:
        found = pattern.search(text or "")
        if found:
            return found.group(0)
    return None


RULES: tuple[ColourRule, ...] = (
    ColourRule(None, "uttalad status i källan", _explicit),
    ColourRule(Colour.RED, "behov av stöd angivet", _support),
    ColourRule(Colour.RED, "statustexten anger försening", _delay),
    ColourRule(Colour.YELLOW, "risker angivna", _risks),
    ColourRule(Colour.GREEN, "inga risker och inget stödbehov", lambda m: ""),
)

RULE_TEXTS: list[str] = [
    "Uttalad status i källan vinner: klar/enligt plan → grön, delvis enligt plan/ej påbörjad "
    "→ gul, ej enligt plan/försenad → röd (en färg i statusfältet gäller som den står).",
    "röd: behov av stöd angivet (inte 'Inget behov av stöd' eller 'eventuella behov').",
    "röd: statustexten (senaste månaden, kommentarer) anger försening, förskjutning eller "
    "'ej enligt plan'.",
    "gul: risker angivna, eller statustexten anger 'delvis enligt plan'.",
    "grön: inga risker och inget stödbehov.",
]


def colour_of(m: Measure) -> tuple[Colour, str, bool]:
    """(colour, the rule that set it with the text it saw, whether the source stated it)."""
    for rule in RULES:
        cue = rule.test(m)
        if cue is None:
            continue
        colour = rule.colour or _stated_colour(m)
        wording = f"{rule.wording} ({_quote(cue)})" if cue else rule.wording
        return colour, wording, rule.colour is None
    raise AssertionError("the last rule always applies")  # pragma: no cover


def _stated_colour(m: Measure) -> Colour:
    word = _COLOUR_WORD.search(m.status_raw or "")
    return Colour(word.group(1).lower()) if word else EXPLICIT[m.status]


def _quote(text: str) -> str:
    text = _BULLET.sub("", " ".join(text.split()))
    return f"”{text if len(text) <= CUE_CHARS else text[: CUE_CHARS - 1] + '…'}”"


# What a colour derived by rule says about the status of an uppdrag.
COLOUR_STATUS: dict[Colour, MeasureStatus] = {
    Colour.GREEN: MeasureStatus.ON_TRACK,
    Colour.YELLOW: MeasureStatus.PARTLY_ON_TRACK,
    Colour.RED: MeasureStatus.OFF_TRACK,
}


def rule_status(m: Measure) -> tuple[MeasureStatus, str] | None:
    """(status, 'colour: rule (words)') by the colour rules for an uppdrag whose source
    states no status; None when the source states one (the first rule applies)."""
    colour, wording, stated = colour_of(m)
    if stated:
        return None
    return COLOUR_STATUS[colour], f"{colour.value}: {wording}"

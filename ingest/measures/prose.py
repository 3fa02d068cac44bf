"""Owner and deadline stated in the running text of a numbered measure section.

Plans that describe each measure in a paragraph say who and when in sentences::

    3.1 Energieffektivisera kommunens lokaler
    Energianvändningen ska minska med 15 procent. Ansvarig är fastighetschefen.
    Åtgärden ska vara genomförd senast 2027-06-30.

The owner is taken only from a sentence that names it as such — 'Ansvarig (för åtgärden)
är X', 'X ansvarar för …', 'Ansvar: X', 'görs/genomförs av X' — and the deadline from a
due phrase ('senast …', 'klar under 2026', 'Tidsplan: 2026–2028'). A section is read this
way only when it states both: a chapter of a report that mentions a date or who is
responsible for something is no measure.
"""

from __future__ import annotations

import re

from ingest.measures.list_fields import find_due_phrase, find_owner

# What ends an owner named in a sentence: 'servicenämnden och den ska vara klar …'.
_OWNER_END = re.compile(
    r"\s+(?:och|samt)\s+(?=(?:den|det|de|planen|arbetet|åtgärden|insatsen|ska|skall|som|har"
    r"|kommer|klart?)\b)|\s+(?:som|vilken|vilket|senast|under|i\s+samverkan)\b",
    re.IGNORECASE,
)
_OWNER_IS = re.compile(
    r"\b(?:huvud)?ansvarig[a]?(?:\s+för\s+(?:åtgärden|insatsen|aktiviteten|arbetet|"
    r"genomförandet|detta|uppdraget))?\s+är\s+(?P<owner>[^.;,:()]+)",
    re.IGNORECASE,
)
_OWNER_BY = re.compile(
    r"\b(?:görs|genomförs|utförs|leds|drivs|samordnas)\s+av\s+(?P<owner>[^.;,:()]+)",
    re.IGNORECASE,
)
_MAX_OWNER_WORDS = 6
_NOT_OWNERS = frozenset({"vi", "man", "det", "den", "de", "alla", "flera", "en", "ett"})


def _named_owner(text: str) -> str | None:
    for pattern in (_OWNER_IS, _OWNER_BY):
        for match in pattern.finditer(text):
            owner = _OWNER_END.split(match.group("owner"), maxsplit=1)[0].strip(" ,–-")
            words = owner.split()
            if 0 < len(words) <= _MAX_OWNER_WORDS and words[0].casefold() not in _NOT_OWNERS:
                return owner
    return None


def prose_owner_due(text: str) -> tuple[str, str] | None:
    """(owner, due phrase) when the text states both, as written; else None."""
    owner = find_owner(text) or _named_owner(text)
    due = find_due_phrase(text) if owner else None
    return (owner, due) if owner and due else None

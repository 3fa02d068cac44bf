"""A source that says there is none of what the question takes for granted.

"Vilket belopp räknar nämnden med att betala ut i sina pågående rättstvister?" assumes there
are disputes; the annual report's table says *Inga rättstvister*. No sentence of the sources
gives an amount, so the answer would abstain, and the official would not learn that the
premise is wrong. Here such a denial is found: a short statement that opens with *inga*,
*ingen*, *inget* or *inte några* (after an optional 'Det finns', 'Nämnden har'), whose
denied words include one of the question's rarest terms (its subject, not a frame word such
as 'belopp'). It is then quoted verbatim as the answer, with a note that it contradicts the
question's assumption. Nothing is inferred: a sentence that merely lacks the subject, or
denies something else, does not count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.context import Source
from assistant.evidence import TermWeights, Unit, compound_credit, split_units, terms

DENIAL_NOTE = (
    "Frågan förutsätter något som underlaget säger inte finns; här är det underlaget säger, "
    "ordagrant."
)
# A denial is a short statement; a long sentence that opens with 'Inga' says more than that.
MAX_DENIAL_CHARS = 160
# The denied words must hold one of the question's terms whose rarity is at least this share
# of the rarest question term's: the subject, not a common word. (A question word no source
# has is the rarest: a denial of another word is then about something else.)
MIN_SUBJECT_SHARE = 0.75
# Only the best-ranked sources are read: a denial far down the list is about something else.
MAX_SOURCES = 4

_DENIAL = re.compile(
    r"^(?:(?:det|här)\s+(?:finns|fanns|förekommer|förekom|har\s+förekommit)\s+"
    r"|(?:\w+\s+){1,3}?(?:har|hade)\s+(?:haft\s+)?)?"
    r"(?:inga|ingen|inget|inte\s+några|inte\s+någon|inte\s+något)\s+(?P<what>[^.;:!?]{2,100})",
    re.IGNORECASE,
)


def denial_unit(
    question: str,
    sources: Sequence[Source],
    weights: TermWeights,
    skip: Callable[[str], bool] | None = None,
) -> Unit | None:
    """The first short statement of the best sources that denies the question's subject."""
    asked = weights.question_terms(question)
    if not asked:
        return None
    rarest = max(weights.idf(t) for t in asked)
    subject = {t for t in asked if weights.idf(t) >= MIN_SUBJECT_SHARE * rarest}
    for source in sources[:MAX_SOURCES]:
        if source.quarantined or source.fields:
            continue
        for position, text in enumerate(split_units(source.text, skip)):
            statement = " ".join(text.split())
            found = _DENIAL.match(statement)
            if found is None or len(statement) > MAX_DENIAL_CHARS:
                continue
            denied = terms(weights.tokenizer, found.group("what"))
            if any(compound_credit(t, denied) >= 1.0 for t in subject):
                return Unit(statement, source.n, position, tokens=terms(weights.tokenizer, text))
    return None

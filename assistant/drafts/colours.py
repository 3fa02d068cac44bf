"""Traffic-light colours of uppdrag for the CLG summary: the rules of
:mod:`ingest.measures.colours` (where the register derives rule statuses from them too),
with the drafts' own ``Colour``.
"""

from __future__ import annotations

from assistant.drafts.models import Colour
from ingest.measures import colours as rules
from lagesbild.types import Measure

RULE_TEXTS: list[str] = rules.RULE_TEXTS


def colour_of(m: Measure) -> tuple[Colour, str, bool]:
    """(colour, the rule that set it with the text it saw, whether the source stated it)."""
    colour, wording, stated = rules.colour_of(m)
    return Colour(colour.value), wording, stated

"""Which words of a point of criticism are worth matching on.

A word stem is *informative* when it has at least :data:`MIN_STEM` letters, is neither a
negation nor one of the :data:`GENERIC` words every plan and report uses ('stärka',
'arbete', 'säkerställa' …), and stands in at most :data:`MAX_DF_SHARE` of the corpus
passages (or :data:`MIN_DF_LIMIT`, in a small corpus): 'budget', 'balanskrav', 'lånetak'
are; 'mål', 'verksamhet', 'inte' are not.
Stems come from :class:`~lagesbild.tokenizer.SwedishTokenizer` without compound splitting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from lagesbild.tokenizer import SwedishTokenizer

MIN_STEM = 4
MAX_DF_SHARE = 0.1
MIN_DF_LIMIT = 10  # in a small corpus, frequency says little: this many passages pass
MAX_MEASURES = 5
MIN_HEAD = 6  # shortest stem that counts as the head of a compound
MIN_TAIL = 4  # shortest rest of such a compound
GENERIC = (
    "inte ej icke arbete arbeta arbetet stärka syfte syftar genomföra genomför utveckla "
    "utvecklas säkerställa förbättra förtydliga åtgärd åtgärder uppdrag uppdraget verksamhet "
    "verksamheten region regionen nämnd nämnden nämnderna styrelse styrelsen kommun kommunen "
    "fram över flera olika samtliga behöver behov rekommenderas rekommenderar saknas liksom "
    "finns också även inom genom mellan kommer viktig viktiga vikt kring"
)


class Stems:
    """Informative word stems, judged against the passages of a corpus."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.tokenizer = SwedishTokenizer(compounds=False)
        self.df: dict[str, int] = {}
        self.n = 0
        for text in texts:
            self.n += 1
            for token in set(self.tokenizer.tokenize(text)):
                self.df[token] = self.df.get(token, 0) + 1
        self.generic = set(self.tokenizer.tokenize(GENERIC))

    def tokens(self, text: str) -> set[str]:
        """All stems of a text."""
        return set(self.tokenizer.tokenize(text))

    def informative(self, text: str) -> set[str]:
        """The informative stems of a text (see the module docstring)."""
        limit = max(MAX_DF_SHARE * self.n, MIN_DF_LIMIT)
        return {
            t
            for t in self.tokens(text)
            if len(t) >= MIN_STEM
            and t.isalpha()
            and t not in self.generic
            and self.df.get(t, 0) <= limit
        }

    def shared(self, asked: set[str], text: str) -> list[str]:
        """The stems of ``asked`` that ``text`` holds, as a word or as the head of a
        compound ('budget' in 'budgetprocessen'; stems of :data:`MIN_HEAD` letters or more,
        followed by :data:`MIN_TAIL` or more)."""
        tokens = self.tokens(text)
        return sorted(
            a
            for a in asked
            if a in tokens
            or (
                len(a) >= MIN_HEAD
                and any(t.startswith(a) and len(t) - len(a) >= MIN_TAIL for t in tokens)
            )
        )

    def weight(self, tokens: Iterable[str]) -> float:
        """Summed inverse document frequency of stems (rarer weighs more)."""
        return sum(math.log((self.n + 1) / (self.df.get(t, 0) + 0.5)) for t in tokens)

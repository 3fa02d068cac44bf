"""The Swedish tokenizer: the words of a text as the keyword index and the evidence picker see
them.

It lowercases, folds non-breaking spaces, keeps numbers as written ('47', '9/4', '1,64';
'320 000' also as '320000'), folds money units (mkr, Mkr, MSEK, miljoner → 'mkr'), keeps
acronyms (HSN, RS, RUN, HSF; a genitive 'HSFs' → 'hsf') unstemmed, drops Swedish stopwords
(but not the negations 'ej'/'inte' that statuses turn on) and stems with Snowball. Compounds
made of words the corpus knows are also split ('personalkostnaden' → 'personalkostnad' +
'personal', 'kostnad'). With ``abbreviations`` the long forms of the common Swedish
public-sector abbreviations are given their abbreviation ('hälso- och sjukvårdsnämnden' →
also 'hsn', 'regionstyrelsens' → also 'rs'), so a question and a text that name the same body
the two ways still share a term.

It lives on the lowest floor because both the keyword index (``vectorstore.keyword``) and the
assistant (evidence, attribution, drafts) stem words the same way; the assistant must not reach
into the vector store for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

from lagesbild.swedish import SPACE_CHARS

# Bump when tokenization changes: a saved keyword index with another version is rebuilt.
TOKENIZER_VERSION = "t2"

_SPACES = re.compile(f"[{SPACE_CHARS}]")
_SOFT = re.compile(r"[\u00ad\u200b]")
_TOKEN = re.compile(
    r"(?P<grouped>(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d]))"
    r"|(?P<slash>\d+(?:/\d+)+)"
    r"|(?P<decimal>\d+[,.]\d+)"
    r"|(?P<int>\d+)"
    r"|(?P<word>[^\W\d_]+)"
)
_WORD = re.compile(r"[^\W\d_]+")
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,6}(?P<genitive>s)?$")
_UNITS = {
    "mkr": "mkr", "msek": "mkr", "mnkr": "mkr", "mkronor": "mkr", "miljoner": "mkr",
    "miljon": "mkr", "tkr": "tkr", "tsek": "tkr", "mdkr": "mdkr", "mdr": "mdkr",
    "miljarder": "mdkr", "miljard": "mdkr", "kr": "kr", "sek": "kr", "kronor": "kr",
}  # fmt: skip
STOPWORDS = frozenset(STOPWORDS_SWEDISH) - {"ej", "inte", "icke"}
"""Swedish function words (negations kept: they carry meaning)."""
_STOPWORDS = STOPWORDS
# Long forms of abbreviations that Swedish regions and municipalities use for their bodies
# (any inflection: '-en', '-ens', '-s'); the abbreviation is added after the long form.
_ABBREVIATIONS = {
    "HSN": r"hälso-\s*och\s*sjukvårdsnämnd",
    "HSF": r"hälso-\s*och\s*sjukvårdsförvaltning",
    "RUN": r"regionala?\s+utvecklingsnämnd",
    "RUF": r"regionala?\s+utvecklingsförvaltning",
    "RS": r"regionstyrelse",
    "RF": r"regionfullmäktige",
    "KS": r"kommunstyrelse",
    "KF": r"kommunfullmäktige",
    "BUN": r"barn-\s*och\s*utbildningsnämnd",
}
_LONG_FORMS = re.compile(
    "|".join(f"(?P<{short}>\\b{long}\\w*)" for short, long in _ABBREVIATIONS.items()),
    re.IGNORECASE,
)


# Spoken idioms of public finance, in a question, asked as the word the reports use.
_IDIOMS = (
    (re.compile(r"\b(?:gå|går|gick|gått)\s+back\b", re.IGNORECASE), "underskott"),
    (re.compile(r"\b(?:gå|går|gick|gått)\s+(?:plus|med\s+plus)\b", re.IGNORECASE), "överskott"),
    (
        re.compile(
            r"\b(?:dra|drar|drog|dragit|dras|skär|skära|skar|skurit)\s+ne[rd]\s+på\b", re.IGNORECASE
        ),
        "minskat",
    ),
)


def abbreviate(text: str) -> str:
    """``text`` with each long form replaced by its abbreviation ('hälso- och
    sjukvårdsnämnden' → 'HSN'): a question naming a body either way then asks for one term,
    which text in either form holds when tokenized with ``abbreviations``. A finance idiom
    ('gå back') becomes the reports' word ('underskott')."""
    for idiom, word in _IDIOMS:
        text = idiom.sub(word, text)
    return _LONG_FORMS.sub(lambda m: m.lastgroup or m.group(), text)


_MIN_PART = 4  # shortest compound part; shorter parts split too eagerly ('av', 'ut', 'ska')
_MIN_COMPOUND = 2 * _MIN_PART + 1


class SwedishTokenizer:
    """Swedish tokens for BM25; ``known`` words (from the corpus) allow compound splitting."""

    def __init__(
        self, known: Iterable[str] = (), compounds: bool = True, abbreviations: bool = False
    ) -> None:
        self._stemmer = Stemmer.Stemmer("swedish")
        self.abbreviations = abbreviations
        self._stems: dict[str, str] = {}
        self._splits: dict[str, list[str]] = {}
        self._word_cache: dict[str, list[str]] = {}
        self.compounds = compounds
        self.known: set[str] = set()
        self._known_stems: set[str] = set()
        self.learn(known)

    def learn(self, words: Iterable[str]) -> None:
        """Add corpus words (lowercase) that compound parts may be."""
        fresh = {
            w for w in words if len(w) >= _MIN_PART and w not in self.known and w not in _STOPWORDS
        }
        self.known |= fresh
        self._known_stems |= {self.stem(w) for w in fresh}
        self._splits.clear()
        self._word_cache.clear()

    def stem(self, word: str) -> str:
        """The Snowball stem of a lowercase word (cached)."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def words(self, text: str) -> list[str]:
        """The lowercase words of a text (the vocabulary compounds are split against)."""
        return _WORD.findall(self._prepare(text).lower())

    def tokenize(self, text: str, split: bool | None = None) -> list[str]:
        """BM25 tokens of a text; with ``split`` (default: ``compounds``) plus compound parts."""
        plain, with_parts = self.tokenize_fields(text)
        return with_parts if (self.compounds if split is None else split) else plain

    def terms(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """Distinct words-field tokens of a text, each with its compound parts (in order)."""
        seen: dict[str, tuple[str, ...]] = {}
        for match in _TOKEN.finditer(self._prepare(text)):
            if match.lastgroup == "word":
                raw = match.group()
                cached = self._word_cache.get(raw)
                if cached is None:
                    cached = self._word_cache[raw] = self._word_tokens(raw)
                if cached:
                    seen.setdefault(cached[0], tuple(cached[1:]))
            else:
                for token in self.tokenize(match.group(), split=False):
                    seen.setdefault(token, ())
        return list(seen.items())

    def tokenize_fields(self, text: str) -> tuple[list[str], list[str]]:
        """Tokens without and with compound parts, in one pass."""
        plain: list[str] = []
        with_parts: list[str] = []
        for match in _TOKEN.finditer(self._prepare(text)):
            kind, raw = match.lastgroup, match.group()
            if kind == "word":
                cached = self._word_cache.get(raw)
                if cached is None:
                    cached = self._word_cache[raw] = self._word_tokens(raw)
                plain.extend(cached[:1])
                with_parts.extend(cached)
                continue
            if kind == "grouped":
                numbers = [*raw.split(" "), raw.replace(" ", "")]
            elif kind == "slash":
                numbers = [raw, *raw.split("/")]
            else:
                numbers = [raw.replace(".", ",")]
            plain.extend(numbers)
            with_parts.extend(numbers)
        return plain, with_parts

    def _prepare(self, text: str) -> str:
        """Spaces folded, soft hyphens dropped; with ``abbreviations``, long forms followed by
        their abbreviation."""
        text = _normalise(text)
        if self.abbreviations:
            text = _LONG_FORMS.sub(lambda m: f"{m.group()} {m.lastgroup}", text)
        return text

    def _word_tokens(self, raw: str) -> list[str]:
        """The word's token first, then the stems of its compound parts (if any)."""
        acronym = _ACRONYM.match(raw)
        lower = raw.lower()
        if lower in _UNITS:
            return [_UNITS[lower]]
        if acronym:
            return [lower[:-1] if acronym.group("genitive") else lower]
        if lower in _STOPWORDS or len(lower) < 2:
            return []
        stem = self.stem(lower)
        if len(lower) < _MIN_COMPOUND:
            return [stem]
        return [stem, *self.split_compound(lower)]

    def split_compound(self, word: str) -> list[str]:
        """Stems of the parts of a compound made of known words, or [] (cached)."""
        parts = self._splits.get(word)
        if parts is None:
            parts = self._splits[word] = self._split(word, depth=0) or []
        return parts

    def _split(self, word: str, depth: int) -> list[str] | None:
        """Longest known head first; the rest is a known word or splits again (max 3 parts)."""
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if not self._is_known(head):
                continue
            if self._is_known(tail):
                return [self.stem(head), self.stem(tail)]
            rest = self._split(tail, depth + 1) if depth < 1 else None
            if rest:
                return [self.stem(head), *rest]
        return None

    def _is_known(self, part: str) -> bool:
        """A corpus word, or a form of one (same stem of at least ``_MIN_PART`` letters)."""
        if part in self.known:
            return True
        stem = self.stem(part)
        return len(stem) >= _MIN_PART and stem in self._known_stems


def _normalise(text: str) -> str:
    return _SOFT.sub("", _SPACES.sub(" ", text))

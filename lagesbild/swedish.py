"""Swedish basics that every layer reads the same way: month names, spaces and dashes.

The lowest floor: ingest, vectorstore, assistant and evals all import it, it imports nothing
of theirs. Each class is given twice — as the characters (``…_CHARS``, for ``str.translate``
or ``in`` tests) and as a regex fragment (a ready character class) — so a pattern never spells
the characters out again.
"""

from __future__ import annotations

from collections.abc import Iterable

# -- Months -----------------------------------------------------------------------------------

MONTH_NAMES: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
"""The months written out, lowercase, with their number."""

MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
"""The usual short forms (written with or without a full stop); 'maj' has none."""

MONTHS: dict[str, int] = {**MONTH_NAMES, **MONTH_ABBREVIATIONS}
"""Every written month, full or short, lowercase → 1-12 (for cells such as 'Jan 2017')."""

MONTHS_IN_PROSE: dict[str, int] = {w: n for w, n in MONTHS.items() if w != "jul"}
"""The months as read in running text: without 'jul', which there is Christmas ('inför jul')."""


def alternation(words: Iterable[str]) -> str:
    """'januari|februari|…' longest first, so a regex never stops at a shorter prefix."""
    return "|".join(sorted(words, key=len, reverse=True))


# -- Spaces -----------------------------------------------------------------------------------

SPACE_CHARS = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
"""Characters that read as a plain space (NBSP, narrow NBSP, thin, figure, hair spaces …);
extracted text has them folded to ' ' (``ingest.normalize.clean_chars``)."""

NUMBER_SPACE_CHARS = "\u0020\u00a0\u2009\u202f"
"""The spaces that group thousands: space, NBSP, thin space, narrow NBSP ('8 388 424')."""

INLINE_SPACE_CHARS = " \t\u00a0\u2009\u202f"
"""A blank inside a line: space, tab, NBSP, thin space, narrow NBSP; never a line break."""

INLINE_SPACE = f"[{INLINE_SPACE_CHARS}]"
"""Regex: one blank inside a line."""

NUMBER_SPACE = f"[{NUMBER_SPACE_CHARS}]"
"""Regex: one thousands separator."""

# -- Dashes -----------------------------------------------------------------------------------

DASH_CHARS = "-–"
"""Hyphen and en dash: what stands between the ends of a range ('2017–2018', '5-7') or opens a
bullet; written both ways in the same documents."""

DASH = f"[{DASH_CHARS}]"
"""Regex: one hyphen or en dash."""

DASH_IN_CLASS = r"\-–"
"""The dashes to put inside a larger character class: rf'[\\s,{DASH_IN_CLASS}]'."""

MINUS_CHARS = "-−–‐"
"""What is written as a minus sign before a number: hyphen-minus, minus (U+2212), en dash,
hyphen (U+2010)."""

HYPHEN_CHARS = "-\u2010\u2011\u2012\u2013\u2212"
"""Every character that reads as a plain '-' when words are compared (hyphen, non-breaking
hyphen, figure dash, en dash, minus)."""

HYPHENS_TO_PLAIN = str.maketrans({c: "-" for c in HYPHEN_CHARS[1:]})
"""``str.translate`` table: 'AI\u2011assistenten' → 'AI-assistenten'."""

# -- Words for the same thing -----------------------------------------------------------------

SYNONYMS: tuple[tuple[str, ...], ...] = (
    # waiting and queues
    ("kö", "väntetid", "väntelista"),
    # money, cost and income
    ("pengar", "medel", "medlen", "anslag"),
    ("kostnad", "utgift"),
    ("intäkt", "inkomst"),
    ("underskott", "förlust"),
    ("överskott", "vinst"),
    ("resultat", "utfall"),
    ("lån", "upplåning", "låna"),
    # people and bodies
    ("personal", "medarbetare", "anställda"),
    ("invånare", "medborgare", "befolkning"),
    ("hyrpersonal", "hyrbemanning", "bemanningsföretag", "hyrläkare", "hyrsjuksköterskor"),
    ("företag", "bolag"),
    ("chef", "ledare"),
    ("möte", "sammanträde"),
    # change
    ("minska", "minskning", "sänka", "sänkning", "reducera", "reducering"),
    ("öka", "ökning", "höja", "höjning"),
    ("börja", "starta", "inleda", "påbörja"),
    ("avveckla", "avveckling", "stänga", "nedläggning"),
    ("klar", "färdig", "slutförd", "avslutad", "färdigställd"),
    ("försening", "försenad", "förskjutning"),
    # reasons, aims, plans, reviews
    ("orsak", "anledning", "skäl"),
    ("mål", "målsättning"),
    ("tidplan", "tidsplan"),
    ("granskning", "revision"),
    ("yttrande", "svar"),
    # things
    ("bil", "fordon"),
    ("laddplats", "laddstation", "laddpunkt", "laddstolpe"),
    ("sjukhus", "lasarett"),
    ("fastighet", "byggnad"),
    ("läsa", "studera"),
)
"""Groups of words a question and a report use for the same thing ('väntetid' / 'kö',
'laddplatser' / 'laddstationer', 'pengar' / 'medel'), in base form; inflected forms match
through the stemmer. Only everyday Swedish of public administration: no document's own terms."""

"""Due-date normalisation: 'Jan 2017' → '2017-01' (due_by 2017-01-31).

A due ("tidpunkt", "klart senast", "tidplan") is normalised to the precision it is
written with — 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' — and ``due_by`` is the last day of
that period. A span ('2017-2018') is due when it ends. Words that are not dates
('Möjlighet', 'Pågår', 'Löpande', 'Omgående') give no due.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from lagesbild.swedish import DASH_IN_CLASS, MONTHS, alternation

# Seasons and halves end in a month: 'Våren 2017' is done by the end of June.
SEASONS: dict[str, int] = {
    "våren": 6,
    "vår": 6,
    "försommaren": 6,
    "sommaren": 8,
    "sommar": 8,
    "hösten": 12,
    "höst": 12,
    "vt": 6,
    "ht": 12,
    "första halvåret": 6,
    "andra halvåret": 12,
    "årsskiftet": 12,
    "slutet av": 12,
    "mitten av": 6,
    "början av": 3,
}
# Cells in a due column that say something other than a date.
NON_DATES: frozenset[str] = frozenset(
    {
        "möjlighet",
        "pågår",
        "pågående",
        "löpande",
        "omgående",
        "kontinuerligt",
        "kontinuerlig",
        "fortlöpande",
        "årligen",
        "årlig",
        "varje år",
        "tills vidare",
        "vid behov",
        "ständigt",
        "återkommande",
        "snarast",
        "ej fastställt",
        "ej bestämt",
        "saknas",
        "-",
        "–",
    }
)

_MONTH = alternation(MONTHS)
_SEASON = alternation(SEASONS)
_YEAR = r"(?:19|20)\d\d"
_DASH = rf"\s*[{DASH_IN_CLASS}/]\s*"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?P<y>{_YEAR})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?(?!\d)")),
    ("dmy", re.compile(rf"(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTH})\.?\s+(?P<y>{_YEAR})\b", re.I)),
    ("span", re.compile(rf"(?P<y0>{_YEAR}){_DASH}(?P<y>{_YEAR}|\d\d)(?!\d)")),
    (
        "quarter",
        re.compile(rf"\b(?:Q|kv(?:artal)?\.?\s*|T|tertial\s*)(?P<q>[1-4])\s*(?P<y>{_YEAR})", re.I),
    ),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH})\.?\s*(?P<y>{_YEAR})\b", re.I)),
    ("season", re.compile(rf"\b(?P<season>{_SEASON})\s+(?:år\s+)?(?P<y>{_YEAR})\b", re.I)),
    ("yymmdd", re.compile(r"^(?P<y>\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)\b")),
    ("year", re.compile(rf"(?<![\d-])(?P<y>{_YEAR})(?![\d-])")),
]
# 'och framåt', 'fr.o.m.', 'från' make a date a start, not a due.
_START_ONLY = re.compile(r"\b(?:och framåt|fr\.?\s?o\.?\s?m\.?|från och med|från)\b", re.I)


def _period(year: int, month: int | None = None, day: int | None = None) -> tuple[str, date]:
    if month is None:
        return f"{year:04d}", date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return f"{year:04d}-{month:02d}", date(year, month, last)
    day = min(day, last)
    return f"{year:04d}-{month:02d}-{day:02d}", date(year, month, day)


def _from_match(kind: str, m: re.Match[str]) -> tuple[str, date] | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if kind == "span":
        year = year + 2000 if year < 100 else year
        return _period(year) if year >= int(groups["y0"]) else None
    if kind == "yymmdd":
        year += 2000
    month: int | None = None
    if groups.get("m"):
        month = int(groups["m"])
    elif groups.get("mon"):
        month = MONTHS[groups["mon"].casefold()]
    elif groups.get("q"):
        quarters = 3 if m.group(0)[:1] in "Qq" or m.group(0)[:2].casefold() == "kv" else 4
        month = int(groups["q"]) * quarters
    elif groups.get("season"):
        month = SEASONS[re.sub(r"\s+", " ", groups["season"]).casefold()]
    if month is not None and not 1 <= month <= 12:
        return None
    day = int(groups["d"]) if groups.get("d") else None
    return _period(year, month, day)


def _is_non_date(text: str) -> bool:
    """'Möjlighet', 'Pågår', also when a line break split it ('Kontinu erligt')."""
    key = text.casefold().strip(" .")
    return key in NON_DATES or key.replace(" ", "") in NON_DATES


def find_due(text: str) -> tuple[str, date, int, int] | None:
    """The first date expression in ``text``: (due, due_by, start, end), or None."""
    best: tuple[str, date, int, int] | None = None
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if not match or (best is not None and match.start() >= best[2]):
            continue
        period = _from_match(kind, match)
        if period is not None:
            best = (period[0], period[1], match.start(), match.end())
    return best


def normalise_due(raw: str | None) -> tuple[str | None, date | None]:
    """Normalise a due cell: ('Jan 2017') → ('2017-01', date(2017, 1, 31)).

    The first date in the cell wins ('Mars 2017 Hösten 2017 påbörjas tillämpning' →
    2017-03). Non-dates and start dates ('161213 och framåt') give (None, None).
    """
    if not raw:
        return None, None
    text = re.sub(r"\s+", " ", raw).strip()
    if _is_non_date(text) or _START_ONLY.search(text):
        return None, None
    found = find_due(text)
    return (found[0], found[1]) if found else (None, None)


def is_due_text(text: str, max_words: int = 4) -> bool:
    """True when a short text is a due cell: a date expression or a due word alone.

    'Jan 2017', '2017-2018', 'Möjlighet', 'Hösten 2017', '161213 och framåt' → True;
    a sentence that happens to contain a year → False.
    """
    clean = re.sub(r"\s+", " ", text).strip().strip(".")
    if not clean:
        return False
    if _is_non_date(clean):
        return True
    if len(clean.split()) > max_words:
        return False
    found = find_due(clean)
    if found is None:
        return False
    rest = (clean[: found[2]] + " " + clean[found[3] :]).strip(" ,.:")
    rest = _START_ONLY.sub("", rest).strip(" ,.:")
    return not rest or rest.casefold() in {"senast", "klart", "klar", "år", "t.o.m.", "tom"}

"""The month a monthly report covers ('YYYY-MM'), from its text, file name or title.

A month counts only where something says it is the report's month: a report word before
it ('Månadsrapport maj 2025', 'Lägesrapport, april 2025', 'Uppföljning per 2025-04',
'Rapportperiod: 2025-04', 'Status mars 2025') or a lone month heading on the first page
('Maj 2025'). A date in running text ('beslutades den 3 maj 2025') is not a report month.

Where it is read, strongest first:

1. the document's title (file metadata, or the first heading) and its first page;
2. the file name: ``manadsrapport-2025-05.pptx``, ``rapport_maj_2025.pdf``,
   ``status-202505.pdf``;
3. any later page with a report word before a month.

Nothing is guessed: with no such month the period is None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lagesbild.swedish import DASH_IN_CLASS, MONTHS_IN_PROSE, alternation
from lagesbild.types import Document, Page

FIRST_PAGE_CHARS = 600

_YEAR = r"(?P<y>20\d\d)"
_MONTH_NAME = alternation(MONTHS_IN_PROSE)
_MONTH_YEAR = (
    rf"(?:(?P<mon>{_MONTH_NAME})\.?[\s,{DASH_IN_CLASS}]*{_YEAR}"
    r"|(?P<iy>20\d\d)-(?P<im>0[1-9]|1[0-2]))"
)
_CUE = r"\w*rapport\w*|rapportperiod|period|lägesbild|uppföljning|status|avser"
_CUED = re.compile(
    rf"(?i)\b(?:{_CUE})\b[\s:,{DASH_IN_CLASS}]*(?:(?:för|per|avseende|t\.?\s?o\.?\s?m\.?)\s+)?"
    rf"(?:månaden\s+)?{_MONTH_YEAR}(?:-\d\d)?(?![\d-])"
)
_HEADING = re.compile(rf"(?im)^\s*{_MONTH_YEAR}\s*$")
_NAME = re.compile(
    rf"(?i)(?<![\da-z]){_MONTH_YEAR}(?![\d])"
    rf"|(?<!\d)(?P<ny>20\d\d)[-_. ]?(?P<nm>0[1-9]|1[0-2])(?!\d)"
    rf"|(?<![a-zåäö])(?P<nmon>{_MONTH_NAME})[-_. ]*(?P<nyy>20\d\d)"
)


def report_period(document: Document, pages: Sequence[Page]) -> str | None:
    """'YYYY-MM' of the month ``document`` reports on, or None (see the module docstring)."""
    first = pages[0].text[:FIRST_PAGE_CHARS] if pages else ""
    lead = [document.title, pages[0].title or "" if pages else "", first]
    return (
        _first(_cued(text) or _heading(text) for text in lead)
        or _from_name(document.doc)
        or _first(_cued(page.text) for page in pages[1:])
    )


def _first(found: Iterable[str | None]) -> str | None:
    return next((period for period in found if period), None)


def _cued(text: str) -> str | None:
    match = _CUED.search(text)
    return _period(match) if match else None


def _heading(text: str) -> str | None:
    match = _HEADING.search(text)
    return _period(match) if match else None


def _from_name(name: str) -> str | None:
    stem = name.rsplit(".", 1)[0]
    match = _NAME.search(stem)
    if not match:
        return None
    if match.group("ny"):
        return f"{match.group('ny')}-{match.group('nm')}"
    if match.group("nmon"):
        return _format(match.group("nyy"), MONTHS_IN_PROSE[match.group("nmon").casefold()])
    return _period(match)


def _period(match: re.Match[str]) -> str | None:
    if match.group("iy"):
        return f"{match.group('iy')}-{match.group('im')}"
    month = MONTHS_IN_PROSE.get(match.group("mon").casefold().rstrip("."))
    return _format(match.group("y"), month) if month else None


def _format(year: str, month: int) -> str:
    return f"{year}-{month:02d}"

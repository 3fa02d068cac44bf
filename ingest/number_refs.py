"""References for the Swedish number parser: numbers that name something rather than count it.

Paragraphs ('§ 142', '1a §', '4 kap.'), diary numbers ('RS/383/2016', 'Dnr 123-2016',
'KS 2016/123'), running page headers ('1 (5)', 'sida 2 av 7'), phone, organisation and postal
numbers. Matchers take ``(text, pos)`` and return a REFERENCE :class:`NumberMention` or None.
"""

from __future__ import annotations

import re

from ingest.number_dates import Matcher
from ingest.number_units import ID_LABEL_BEFORE, mention
from lagesbild.swedish import INLINE_SPACE
from lagesbild.types import NumberKind, NumberMention

_S = INLINE_SPACE
_DIARY_ID = (
    r"[A-ZÅÄÖ]{1,6}(?:-[A-ZÅÄÖ]{1,6})?(?:/\d{1,6}/\d{2,4}|[ ]?(?:19|20)\d\d/\d{1,6})"
    r"|[A-ZÅÄÖ]{1,6}[-–]?\d{1,6}(?:[/–-]\d{1,6})+"  # SRV-2025-00071, N609-4635/23
)

_PARAGRAPH = re.compile(
    rf"§§?{_S}*(?P<n>\d+)(?:{_S}?(?P<l>[a-z])(?!\w))?(?:{_S}*[-–]{_S}*(?P<n2>\d+))?(?!\d)"
)
_PARAGRAPH_AFTER = re.compile(rf"(?P<n>\d+)(?:{_S}?(?P<l>[a-z]))?{_S}*(?P<sign>§)(?!§)")
_CHAPTER = re.compile(rf"(?P<n>\d+){_S}*kap(?:itlet)?\.?(?!\w)")
_DNR = re.compile(
    rf"(?i:dnr|diarienr|diarienummer|diarie-nr|ärendenr|ärendenummer)\.?:?{_S}*"
    r"(?P<id>(?:[A-ZÅÄÖ]{1,6}(?:[ /–-]|(?=\d)))?\d(?:[\d/.:–-]*\d)?)"
)
_DIARY = re.compile(rf"(?P<id>{_DIARY_ID})(?![\d/])")
_SFS = re.compile(rf"(?:SFS{_S}*)?(?P<id>(?:19|20)\d\d:\d{{1,4}})(?![\d:])")
_SLASH_ID = re.compile(r"(?P<id>(?:0\d*|\d{3,6})/\d{2,4})(?![\d/])")
_LABELLED_ID = re.compile(r"(?P<id>\d+(?:[/–-]\d+)+)(?![\d/–-])")
_HEADER = re.compile(rf"(?P<n>\d{{1,3}}){_S}?\((?P<m>\d{{1,3}})\)(?={_S}*(?:\n|$))")
_PAGE = re.compile(
    rf"(?i:sida|sidan|sid\.?){_S}*(?P<n>\d{{1,3}})"
    rf"(?:{_S}*(?:av|/){_S}*(?P<m>\d{{1,4}})|{_S}?\((?P<m2>\d{{1,4}})\))?(?!\d)"
)
_PHONE = re.compile(
    r"(?:\+46[ -]?\(?0?\)?[ -]?\d{1,3}|0\d{1,3})[-–]?[ ]?\d{2,3}(?:[ \u00a0-]\d{2,3}){1,3}(?!\d)"
    r"|0\d{1,3}[-–]\d{5,8}(?!\d)"
)
_ORGNR = re.compile(r"\d{6}-\d{4}(?!\d)")
_POSTAL = re.compile(r"\d{3}[ \u00a0]\d\d(?=[ \u00a0]+[A-ZÅÄÖ][a-zåäö])")

# Words that may start a reference (the scanner tries the matchers there).
WORD_TRIGGER = (
    r"§|(?i:dnr|diarienr|diarienummer|diarie-nr|ärendenr|ärendenummer|sidan|sida|sid\.?)"
    rf"|(?={_DIARY_ID})|\+46|SFS(?={_S}*\d)"
)


def _ref(
    text: str,
    pos: int,
    end: int,
    normalized: str,
    value: float | None = None,
    value_high: float | None = None,
) -> NumberMention:
    """A REFERENCE mention."""
    return mention(text, pos, end, NumberKind.REFERENCE, normalized, value, value_high)


def paragraph(text: str, pos: int) -> NumberMention | None:
    """'§ 142', '§10', '§§ 12-14', '§ 1a'."""
    m = _PARAGRAPH.match(text, pos)
    if not m:
        return None
    number = m["n"] + (m["l"] or "")
    high = float(m["n2"]) if m["n2"] else None
    normalized = f"§ {number}" + (f"–{m['n2']}" if m["n2"] else "")
    return _ref(text, pos, m.end(), normalized, float(m["n"]), high)


def paragraph_after(text: str, pos: int) -> NumberMention | None:
    """'1a §', '3 §' (law text style), and '4 kap.'."""
    m = _PARAGRAPH_AFTER.match(text, pos)
    if m:
        return _ref(text, pos, m.end(), f"{m['n']}{m['l'] or ''} §", float(m["n"]))
    m = _CHAPTER.match(text, pos)
    if m:
        return _ref(text, pos, m.end(), f"{m['n']} kap.", float(m["n"]))
    return None


def diary_number(text: str, pos: int) -> NumberMention | None:
    """'Dnr 123-2016', 'Dnr: RS/337/2015', 'RS/383/2016', 'KS 2016/123'."""
    m = _DNR.match(text, pos) or _DIARY.match(text, pos)
    if not m:
        return None
    return _ref(text, pos, m.end(), " ".join(m["id"].split()))


def page_header(text: str, pos: int) -> NumberMention | None:
    """'1 (5)' or '46(49)' at the end of a line, 'sida 2 av 7', 'sid 8'."""
    m = _HEADER.match(text, pos)
    if m and 0 < int(m["n"]) <= int(m["m"]):
        return _ref(text, pos, m.end(), f"{m['n']} ({m['m']})", float(m["n"]))
    m = _PAGE.match(text, pos)
    if not m:
        return None
    total = m["m"] or m["m2"]
    normalized = f"{m['n']} ({total})" if total else m["n"]
    return _ref(text, pos, m.end(), normalized, float(m["n"]))


def contact_number(text: str, pos: int) -> NumberMention | None:
    """Phone numbers ('063-14 75 00'), organisation numbers, postal codes at a line start."""
    m = _PHONE.match(text, pos) or _ORGNR.match(text, pos)
    if not m and (pos == 0 or text[pos - 1] == "\n" or text[max(0, pos - 2) : pos] == ", "):
        m = _POSTAL.match(text, pos)
    if not m:
        return None
    return _ref(text, pos, m.end(), " ".join(m.group().split()))


def statute(text: str, pos: int) -> NumberMention | None:
    """'SFS 2017:725', '(2017:725)': a Swedish statute number."""
    m = _SFS.match(text, pos)
    return _ref(text, pos, m.end(), m["id"]) if m else None


def labelled_id(text: str, pos: int) -> NumberMention | None:
    """'mål nr 6279-24', 'ärende nr 2016/123': a compound number after an id word."""
    m = _LABELLED_ID.match(text, pos)
    if not m or not ID_LABEL_BEFORE.search(text, max(0, pos - 30), pos):
        return None
    return _ref(text, pos, m.end(), m["id"])


def slash_id(text: str, pos: int) -> NumberMention | None:
    """'202/24', '008/24': a running number over a year (tried after the date matchers)."""
    m = _SLASH_ID.match(text, pos)
    return _ref(text, pos, m.end(), m["id"]) if m else None


DIGIT_MATCHERS: tuple[Matcher, ...] = (
    labelled_id,
    contact_number,
    statute,
    paragraph_after,
    page_header,
)
WORD_MATCHERS: tuple[Matcher, ...] = (
    paragraph,
    diary_number,
    page_header,
    contact_number,
    statute,
)

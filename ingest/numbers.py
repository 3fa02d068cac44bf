"""The Swedish, unit-aware number parser: every number in a text, with kind, value and unit.

Used wherever numbers are read — at ingest (figures) and when checking numbers in answers —
so values are exact (parsed with :class:`~decimal.Decimal`) and units normalised ('mkr',
'tkr', 'kr', 'mdkr', '%', 'st', 'kg/mil', or the noun after a count). Pure functions only.

A text is scanned left to right. Where a number or a trigger word starts, reference
matchers (:mod:`ingest.number_refs`) and calendar matchers (:mod:`ingest.number_dates`) are
tried first; otherwise the amount parser reads a number (thousands grouped by space, NBSP or
thin space; decimal comma or point; minus as '-', '−' or '–' where it is a sign), an optional
range and an optional unit (:mod:`ingest.number_units`), and decides by unit and context
whether it is money, a percentage, a count, a quantity, a year, an identifier or a number.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest import number_dates, number_refs
from ingest.number_units import (
    COUNT_NOUN_AFTER_SCALE,
    CUE_BEFORE,
    ID_LABEL_BEFORE,
    LABEL_BEFORE,
    QUALIFIED_COUNT_NOUN,
    UNIT,
    UNIT_GAP,
    classify_unit,
    format_decimal,
    is_scale_word,
    mention,
    written_precision,
)
from lagesbild.swedish import (
    DASH,
    DASH_IN_CLASS,
    INLINE_SPACE_CHARS,
    MINUS_CHARS,
    NUMBER_SPACE,
)
from lagesbild.types import NumberKind, NumberMention

__all__ = ["find_numbers", "format_decimal", "parse_number"]

_CORE = (
    r"(?:\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.,]\d)"  # 1.500.000 / 1.500.000,50
    rf"|\d{{1,3}}(?:{NUMBER_SPACE}\d{{3}}(?!\d))+(?:[,.]\d+)?"  # 8 388 424 / 5 660,5
    r"|\d+(?:[,.]\d+)?(?!\d))"  # 29,5 / 3.8 / 2016
)
_RANGE_SEP = rf"(?:[{DASH_IN_CLASS}—]|[ \t]+[{DASH_IN_CLASS}—][ \t]+|-[ \t]*\n[ \t]*)"
_AMOUNT = re.compile(
    rf"(?P<num>{_CORE})(?:(?P<sep>{_RANGE_SEP})(?P<num2>{_CORE}))?"
    rf"(?:{UNIT_GAP}(?:{UNIT}))?"
)
# The same without a range (its range groups never match, so they read as None).
_SINGLE = re.compile(rf"(?P<num>{_CORE})(?:(?P<sep>(?!))(?P<num2>))?(?:{UNIT_GAP}(?:{UNIT}))?")
_SECTION = re.compile(
    r"\d{1,2}(?:\.\d{1,2}){2,}(?![\d.]\d)|\d{1,2}\.\d{1,2}(?=[ \t]+[A-ZÅÄÖ]|[ \t]*$)", re.M
)
_AFTER_SENTENCE = re.compile(r"[.!?:][ \t]+$")  # a section number may start a sentence
_DOTTED_SECTION = re.compile(r"\d{1,2}\.\d{1,2}")  # '2.2' after 'avsnitt' names a section
_ENUMERATION = re.compile(rf"[ \t]*(?:,|och|samt|eller|resp\.|respektive|{DASH})[ \t]*$")
_CODE = re.compile(r"\w+(?:[-–/.]\w+)*")
_FOOTNOTE = re.compile(r"\d{1,2}(?=[ \t]*(?:\n|$)|[ \t]+[A-ZÅÄÖ])")  # 'inför.1 Göteborg'
_YEAR_FOOTNOTE = re.compile(rf"{number_dates.YEAR}(?=\.\d{{1,2}}(?:[ \t]|$))")  # '2025.2 Även'
_LIST_ITEM_AFTER = re.compile(r"[ \t]+[A-ZÅÄÖ]|[.)][ \t]")
_LOOKBACK = 40  # characters of left context read for cue and label words
_UNIT_GROUPS = ("money", "percent", "count", "quantity", "noun")
_START = re.compile(rf"\d|(?<!\w)(?:{number_refs.WORD_TRIGGER}|{number_dates.WORD_TRIGGER})")
_DIGIT_MATCHERS = (*number_refs.DIGIT_MATCHERS, *number_dates.DIGIT_MATCHERS, number_refs.slash_id)
_WORD_MATCHERS = (*number_dates.WORD_MATCHERS, *number_refs.WORD_MATCHERS)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in order and non-overlapping, with offsets into ``text``."""
    found: list[NumberMention] = []
    pos = 0
    while (start := _START.search(text, pos)) is not None:
        at = start.start()
        if text[at].isdigit():
            hit = _at_digit(text, at, floor=pos)
        else:
            hit = next((h for match in _WORD_MATCHERS if (h := match(text, at))), None)
        if hit is None:
            pos = _skip(text, at)
            continue
        if found and _continues_references(text, found[-1], hit):
            hit = hit.model_copy(update={"kind": NumberKind.REFERENCE})
        found.append(hit)
        pos = hit.end
    return found


def _continues_references(text: str, previous: NumberMention, hit: NumberMention) -> bool:
    """True for a bare number listed right after a section or list reference, in the same
    shape: the '2.2' of 'avsnitten 2.1 och 2.2', the '3' of 'punkterna 2 och 3'."""
    if previous.kind is not NumberKind.REFERENCE or hit.kind is not NumberKind.NUMBER:
        return False
    shapes = [_DOTTED_SECTION.fullmatch(m.raw) is not None for m in (previous, hit)]
    whole = all(m.raw.isdigit() and len(m.raw) <= 3 for m in (previous, hit))
    return (all(shapes) or whole) and _ENUMERATION.match(text[previous.end : hit.start]) is not None


def parse_number(raw: str) -> NumberMention | None:
    """Parse one expression: the mention covering all of ``raw`` (stripped), else the first."""
    mentions = find_numbers(raw)
    lo, hi = len(raw) - len(raw.lstrip()), len(raw.rstrip())
    whole = [m for m in mentions if m.start <= lo and m.end >= hi]
    return whole[0] if whole else (mentions[0] if mentions else None)


def _skip(text: str, at: int) -> int:
    """Where to go on after a start that gave no number: past the word or code it begins."""
    code = _CODE.match(text, at)
    return code.end() if code else at + 1


# A table column's short year: 'Utfall -16', 'Budget ’24', 'tot 15/16' (a year, no amount).
_SHORT_YEAR_BEFORE = re.compile(
    rf"(?i)(?<!\w)(?:utfall|budget|bokslut|prognos|tot(?:al|alt)?|ack\.?|helår)[ \t]+"
    rf"(?P<sign>[{MINUS_CHARS}’'])?$"
)
_SHORT_YEAR = re.compile(r"(?P<a>\d\d)(?:/(?P<b>\d\d))?(?![\d/]|[,.]\d)")


def _short_year(text: str, at: int) -> NumberMention | None:
    """'-16' of 'Utfall -16', '15/16' of 'tot 15/16': the years 2016, 2015–2016."""
    before = _SHORT_YEAR_BEFORE.search(text, max(0, at - _LOOKBACK), at)
    found = _SHORT_YEAR.match(text, at)
    if before is None or found is None or bool(before["sign"]) == bool(found["b"]):
        return None  # a short year has its sign ('-16') or is a pair ('15/16'), not both

    def year(two: str) -> int:
        return (2000 if int(two) < 70 else 1900) + int(two)

    start = before.start("sign") if before["sign"] else at
    low = year(found["a"])
    high = year(found["b"]) if found["b"] else None
    years = f"{low}" + (f"–{high}" if high is not None else "")
    return mention(
        text,
        start,
        found.end(),
        NumberKind.YEAR,
        years,
        float(low),
        None if high is None else float(high),
    )


def _at_digit(text: str, at: int, floor: int) -> NumberMention | None:
    """The number starting with the digit at ``at`` (its sign may stand before it)."""
    if short := _short_year(text, at):
        return short
    prev = text[at - 1] if at > 0 else ""
    before = text[at - 2] if at > 1 else ""
    if prev.isalpha() or prev == "_":
        return None  # part of a word or code: 'CO2', 'sätt1'
    if prev == "." and before.isalnum() and _FOOTNOTE.match(text, at):
        return None  # a footnote mark after a full stop
    if prev in MINUS_CHARS and before.isalpha():  # 'Covid-19', but 'RS-57Mkr', 'jan–31 dec'
        hit = next((h for match in _DIGIT_MATCHERS if (h := match(text, at))), None)
        hit = hit or _amount(text, at, at)
        return hit if hit and (hit.unit or hit.kind is NumberKind.DATE) else None
    for match in _DIGIT_MATCHERS:
        if hit := match(text, at):
            return hit
    return _amount(text, at, _sign_start(text, at, floor))


def _sign_start(text: str, at: int, floor: int) -> int:
    """Start of a minus or plus sign belonging to the number at ``at``, else ``at``."""
    sign = at - 1
    if sign >= floor and text[sign] == "\n" and text[sign - 1 : sign] in ("-", "−"):
        sign -= 1  # 'vara -\n69 %': a minus left at the end of a line
        if sign - 1 < 0 or text[sign - 1] not in " \t":
            return at
    if sign < floor or text[sign] not in MINUS_CHARS + "+":
        return at
    before = text[sign - 1] if sign > 0 else " "
    return sign if before.isspace() or before in "([{:;=/" else at


def _amount(text: str, at: int, start: int) -> NumberMention | None:
    """Number, optional range and optional unit at ``at``, classified by unit and context."""
    m = _AMOUNT.match(text, at)
    if m is None:
        return None
    if m["num2"] and not _good_range(m, negative=start < at):
        m = _SINGLE.match(text, at)
        assert m is not None  # _AMOUNT matched the same number
    end = m.end()
    if end < len(text) and text[end].isalpha() and text[end - 1].isalnum():
        return None  # glued to a word that is no unit: '5G', '3D'
    year = _YEAR_FOOTNOTE.match(text, at)
    if year and start == at and not any(m[g] for g in _UNIT_GROUPS):
        return mention(text, at, year.end(), NumberKind.YEAR, year[0], float(year[0]))
    section = _SECTION.match(text, at)
    if section and _section_context(text, at, m):
        return mention(text, at, section.end(), NumberKind.REFERENCE, section.group())
    return _classify(text, start, m)


def _decimal(raw: str) -> Decimal:
    """The exact value of a number as written (no sign)."""
    digits = "".join(raw.split())
    if digits.count(".") > 1 or ("." in digits and "," in digits):
        digits = digits.replace(".", "")
    return Decimal(digits.replace(",", "."))


def _good_range(m: re.Match[str], negative: bool) -> bool:
    """True if 'a-b' reads as a range (low ≤ high, or an abbreviated year range '2023-24')."""
    low, high = _decimal(m["num"]), _decimal(m["num2"])
    if negative:
        return False
    if _is_year(m["num"]) and len(m["num2"]) == 2:
        return high > low % 100
    if _is_year(m["num"]) and not _is_year(m["num2"]):
        return False  # '2009 – 13508 MWh' is a year and a value, not a range
    if "\n" in m["sep"] and not (_is_year(m["num"]) and _is_year(m["num2"])):
        return False
    return low < high


def _is_year(raw: str) -> bool:
    """A bare four-digit 1900–2100 as written (no grouping, no decimals)."""
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100


def _section_context(text: str, at: int, m: re.Match[str]) -> bool:
    """True for '2.1' or '3.2.1' used as a heading or section number, not as an amount:
    at a line start or right after a sentence's end ('… styrning. 2.2 Ekonomi'), the way a
    heading reads once its lines are joined into one."""
    if m["num2"] or any(m[g] for g in _UNIT_GROUPS):
        return False
    if m["num"].count(".") > 1 and "," not in m["num"]:
        return True
    heading_start = _at_line_start(text, at) or _AFTER_SENTENCE.search(text, 0, at) is not None
    return heading_start and "." in m["num"] and "," not in m["num"]


# A numbered heading's word at the start of a line: 'MÅL 12 Tillförd energi …', 'Åtgärd 3 Ta
# fram …' (followed by a capital, as a list item is).
_HEADING_WORD = re.compile(r"(?i:mål|delmål|åtgärd|aktivitet|insats|punkt|steg)[ \t]+$")
_HEADING_TITLE = re.compile(r"[ \t]+[A-ZÅÄÖ][^\d\s]*(?:[ \t]+[^\d\s]+){2}|[ \t]*(?:\n|$)")


def _headed(text: str, at: int, end: int) -> bool:
    """True if the number follows a numbered heading's word that opens its line, and ends
    the line or words follow it, not another label's value ('Mål 60 Utfall 45' is a row)."""
    line_start = text.rfind("\n", 0, at) + 1
    word = _HEADING_WORD.search(text, line_start, at)
    return (
        word is not None
        and _at_line_start(text, word.start())
        and _HEADING_TITLE.match(text, end) is not None
    )


def _at_line_start(text: str, at: int) -> bool:
    """True if only spaces stand between the previous line break and ``at``."""
    return not text[text.rfind("\n", 0, at) + 1 : at].strip(INLINE_SPACE_CHARS)


def _classify(text: str, start: int, m: re.Match[str]) -> NumberMention:
    """Turn an amount match into a mention: unit kind, or year / reference / number by context."""
    sign = Decimal(-1) if start < m.start() and text[start] != "+" else Decimal(1)
    low = sign * _decimal(m["num"])
    high = _decimal(m["num2"]) if m["num2"] else None
    if high is not None and _is_year(m["num"]) and len(m["num2"]) == 2:
        high = low - low % 100 + high  # '2023-24'
    group = next((g for g in _UNIT_GROUPS if m[g]), None)
    if group is None:
        return _unitless(text, start, m, low, high)
    kind, unit, money = classify_unit(group, m[group])
    if kind is NumberKind.QUANTITY and unit == "år" and _is_year(m["num"]):
        return _unitless(text, start, m, low, high)  # '2014 års nivå'
    end = m.end()
    noun = COUNT_NOUN_AFTER_SCALE.match(text, end) if is_scale_word(m[group]) else None
    if noun:  # '2 miljoner invånare' counts people, not kronor
        unit = f"{' '.join(m[group].split()).casefold()} {noun[0].strip()}"
        kind, money, end = NumberKind.COUNT, None, noun.end()
    sek = sek_high = None
    if money and money.sek:
        sek = float(low * money.factor)
        sek_high = _float(high * money.factor if high is not None else None)
    span = format_decimal(low) + (f"–{format_decimal(high)}" if high is not None else "")
    return NumberMention(
        raw=text[start:end],
        start=start,
        end=end,
        kind=kind,
        value=float(low),
        value_high=_float(high),
        unit=unit,
        sek=sek,
        sek_high=sek_high,
        normalized=f"{span} {unit}",
        precision=_precision(m),
    )


def _unitless(
    text: str, start: int, m: re.Match[str], low: Decimal, high: Decimal | None
) -> NumberMention:
    """A number without unit: a year, an identifier ('plan 8', '4 Genomföra …') or a number."""
    end = m.end("num2") if m["num2"] else m.end("num")
    at = m.start()
    lo_ctx = max(0, start - _LOOKBACK)
    signed = start < at
    year_like = _is_year(m["num"]) and (high is None or 1900 <= high <= 2100)
    if year_like and not signed and not CUE_BEFORE.search(text, lo_ctx, start):
        years = f"{low}" + (f"–{high}" if high is not None else "")
        return mention(text, start, end, NumberKind.YEAR, years, float(low), _float(high))
    integral = "," not in m["num"] and "." not in m["num"] and not signed
    labelled = ID_LABEL_BEFORE.search(text, lo_ctx, start) or (
        low < 1000 and LABEL_BEFORE.search(text, lo_ctx, start)
    )
    section = not signed and not m["num2"] and _DOTTED_SECTION.fullmatch(m["num"])
    if (integral or section) and labelled:
        return _numeric(text, start, end, NumberKind.REFERENCE, low, high)
    list_item = not m["num2"] and low < 100 and _LIST_ITEM_AFTER.match(text, end)
    if integral and list_item and _at_line_start(text, start):
        return _numeric(text, start, end, NumberKind.REFERENCE, low, None)
    if integral and not m["num2"] and low < 100 and _headed(text, start, end):
        return _numeric(text, start, end, NumberKind.REFERENCE, low, None)
    qualified = QUALIFIED_COUNT_NOUN.match(text, end) if integral else None
    if qualified:  # '8 aktiva mätbara mål', '3 nya vårdplatser': a count of the noun
        found = _numeric(text, start, qualified.end(), NumberKind.COUNT, low, high, _precision(m))
        noun = qualified["noun"]
        normalized = f"{found.normalized} {noun}"
        return found.model_copy(update={"unit": noun, "normalized": normalized})
    return _numeric(text, start, end, NumberKind.NUMBER, low, high, _precision(m))


def _numeric(
    text: str,
    start: int,
    end: int,
    kind: NumberKind,
    low: Decimal,
    high: Decimal | None,
    precision: int | None = None,
) -> NumberMention:
    """A mention with a value (and range) but no unit."""
    normalized = format_decimal(low) + (f"–{format_decimal(high)}" if high is not None else "")
    return mention(text, start, end, kind, normalized, float(low), _float(high), precision)


def _precision(m: re.Match[str]) -> int:
    """The written precision of an amount match (of both ends of a range)."""
    return written_precision(m["num"], *([m["num2"]] if m["num2"] else []))


def _float(value: Decimal | None) -> float | None:
    """``value`` as a float, keeping None."""
    return float(value) if value is not None else None

"""Unit and word tables for the Swedish number parser (:mod:`ingest.numbers`).

Mostly data plus the regexes built from it: which words after a number make it money, a
percentage, a count or a measured quantity, how each spelling is normalised, and which words
before a number make it an identifier or an amount. Money and percent units match
case-insensitively, measurement units and count words case-sensitively (``MW`` is not
``mW``, ``ST`` is not ``st``). A space in a key matches any run of whitespace. Also the two
small helpers the parser modules share: :func:`format_decimal` and :func:`mention`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from lagesbild.swedish import INLINE_SPACE
from lagesbild.types import NumberKind, NumberMention


class Money(NamedTuple):
    """A money unit: normalised label, factor to the written currency, and whether it is SEK."""

    label: str
    factor: Decimal
    sek: bool = True


_KR, _TKR, _MKR, _MDKR = Decimal(1), Decimal(1000), Decimal(10**6), Decimal(10**9)

# fmt: off
# Spellings of money units (lower case) → normalised label and factor to kronor.
MONEY_UNITS: dict[str, Money] = {
    **dict.fromkeys(
        ("kr", "kronor", "kronors", "krona", "sek", ":-"),
        Money("kr", _KR),
    ),
    **dict.fromkeys(
        ("tkr", "tsek", "ksek", "tusen kronor", "tusen kr", "tusen sek", "tusental kronor"),
        Money("tkr", _TKR),
    ),
    **dict.fromkeys(
        (
            "mkr", "mnkr", "msek", "mn kr", "milj kr", "milj. kr", "milj.", "milj", "mio",
            "miljon", "miljoner", "miljoner kronor", "miljoner kronors", "miljon kronor",
            "miljoner kr", "miljoner sek", "mn sek",
        ),
        Money("mkr", _MKR),
    ),
    **dict.fromkeys(
        (
            "mdkr", "mdr", "mdr kr", "mrd", "mrd kr", "md kr", "mdsek", "gsek",
            "miljard", "miljarder", "miljarder kronor", "miljarders", "miljard kronor",
            "miljarder kr",
        ),
        Money("mdkr", _MDKR),
    ),
    "öre": Money("öre", Decimal("0.01")),
    **dict.fromkeys(("eur", "euro", "€"), Money("EUR", _KR, sek=False)),
    **dict.fromkeys(("teur", "tusen euro"), Money("TEUR", _KR, sek=False)),
    **dict.fromkeys(("meur", "miljoner euro"), Money("MEUR", _KR, sek=False)),
    **dict.fromkeys(("usd", "dollar"), Money("USD", _KR, sek=False)),
}
_SEK_FACTORS: dict[str, Decimal] = {m.label: m.factor for m in MONEY_UNITS.values() if m.sek}
# A number grouped by dots: 1.500.000 / 1.500.000,50.
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")

# Scale words that are money on their own ("3.8 miljarder") but counts before a count noun
# ("2 miljoner invånare").
SCALE_WORDS: frozenset[str] = frozenset(
    {"miljon", "miljoner", "miljard", "miljarder", "milj", "milj.", "mdr", "mrd", "mio"}
)

PERCENT_UNITS: dict[str, str] = {
    "%": "%",
    "procent": "%",
    "procents": "%",
    "procentenheter": "procentenheter",
    "procentenhet": "procentenheter",
    "%-enheter": "procentenheter",
    "‰": "‰",
    "promille": "‰",
}

# Measurement units, matched exactly (case-sensitive) → normalised label.
QUANTITY_UNITS: dict[str, str] = {
    **{u: u for u in (
        "kg", "ton", "kton", "Mton", "mg", "gram", "hg", "km", "m", "cm", "mm", "mil", "meter",
        "kilometer", "ha", "hektar", "liter", "dl", "kWh", "MWh", "GWh", "TWh", "Wh", "kW",
        "MW", "GW", "kWp", "MJ", "GJ", "°C", "grader", "dB", "ppm", "år", "månader", "månad",
        "veckor", "dygn", "dagar", "dag", "timmar", "timme", "tim", "h", "minuter", "min",
        "sekunder", "km/h",
    )},
    **dict.fromkeys(("m2", "m²", "kvm", "kvadratmeter"), "m²"),
    "års": "år", "månaders": "månader", "veckors": "veckor", "dagars": "dagar",
    "timmars": "timmar",
    **dict.fromkeys(("km2", "km²"), "km²"),
    **dict.fromkeys(("m3", "m³", "kubikmeter"), "m³"),
}
# A climate suffix belongs to the unit: "12 000 ton CO2e".
_CO2_SUFFIX = rf"(?:{INLINE_SPACE}(?:CO2e?|CO₂e?|CO2-ekv(?:ivalenter)?|koldioxidekvivalenter))?"

COUNT_WORDS: dict[str, str] = {"st": "st", "stycken": "st", "styck": "st"}

# Nouns that make a number a count; compounds ending in one also do ("vårdplatser").
COUNT_NOUNS: tuple[str, ...] = (
    "personer", "person", "individer", "människor", "invånare", "medborgare", "patienter",
    "patient", "brukare", "klienter", "kunder", "barn", "elever", "elev", "studenter",
    "deltagare", "besökare", "resenärer", "anställda", "medarbetare", "arbetare", "årsarbeten",
    "heltider", "tjänster", "tjänst", "chefer", "chef", "läkare", "sjuksköterskor",
    "sköterskor", "assistenter", "specialister", "handläggare", "lärare", "politiker",
    "ledamöter", "konsulter", "tjänstepersoner", "tjänstemän", "familjer", "hushåll",
    "företag", "organisationer", "föreningar", "platser", "plats", "bäddar", "sängar",
    "lägenheter", "bostäder", "lokaler", "byggnader", "fastigheter", "skolor", "enheter",
    "avdelningar", "mottagningar", "vårdcentraler", "kliniker", "kommuner", "regioner",
    "nämnder", "förvaltningar", "ärenden", "ärende", "beslut", "fall", "besök",
    "tillfällen", "operationer", "ingrepp", "remisser", "anmälningar", "ansökningar",
    "avvikelser", "klagomål", "åtgärder", "åtgärd", "aktiviteter", "aktivitet", "uppdrag",
    "projekt", "förslag", "mål", "delmål", "indikatorer", "nyckeltal", "faktorer",
    "punkter", "frågor", "rekommendationer", "brister", "risker", "avtal", "kontrakt",
    "upphandlingar", "möten", "utbildningar", "kurser", "lappar", "sidor", "gånger",
    "fordon", "bilar", "bussar", "vårddagar", "exemplar", "åringar",
)

# Words right before a number that make it an identifier: "bilaga 3", "plan 8", "uppdrag 2".
LABEL_WORDS: tuple[str, ...] = (
    "bilaga", "bilagor", "kapitel", "kap", "avsnitt", "punkt", "paragraf", "sid", "sida",
    "sidan", "s.", "nr", "nummer", "version", "ver", "etapp", "fas", "steg", "delsteg",
    "delprojekt", "process", "block", "pilot", "uppdrag", "aktivitet", "plan", "våning",
    "byggnad", "hus", "box", "tabell", "figur", "diagram", "bild", "fotnot", "artikel",
    "fråga", "område", "rad", "kolumn", "alternativ", "ärende", "ref", "avsnittet",
    "avsnitten", "punkten", "punkterna", "kapitlet", "kapitlen", "bilagan", "rubrik",
    "rubriken",
)
# Words before a number that make it an identifier whatever its size: "mål nr 6279-24".
ID_LABELS: tuple[str, ...] = (
    "nr", "nummer", "dnr", "diarienr", "diarienummer", "ärendenr", "ärendenummer", "löpnr",
    "målnummer", "id", "ref", "referens", "org.nr", "orgnr", "organisationsnummer",
)

# Words right before a bare 1900–2100 that make it an amount rather than a year.
AMOUNT_CUES: tuple[str, ...] = (
    "ca", "ca.", "cirka", "c:a", "drygt", "knappt", "nästan", "närmare", "minst", "högst",
    "maximalt", "uppgår till", "uppgick till", "uppgå till",
)
# fmt: on


def _alternation(keys: list[str]) -> str:
    """A regex alternation of ``keys``, longest first; a space matches any whitespace run."""
    parts = sorted(keys, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in parts)


_END = r"(?![\w%‰])"
_PER = r"(?:/[A-Za-zÅÄÖåäö²³0-9]+\b)?"
_NOUN_TAIL = "|".join(sorted(COUNT_NOUNS, key=len, reverse=True))
# A count noun, possibly as the end of a compound ("vårdplatser", "ST-läkare").
_NOUN = rf"(?:[A-ZÅÄÖ]{{1,4}}-)?(?:[a-zåäöé][a-zåäöé-]*?)?(?:{_NOUN_TAIL})(?!\w)"

# The unit after a number: money, percent, count word, quantity or count noun (in that order).
UNIT = (
    rf"(?P<money>(?i:{_alternation(list(MONEY_UNITS))}){_END}{_PER})"
    rf"|(?P<percent>(?i:{_alternation(list(PERCENT_UNITS))})(?!\w))"
    rf"|(?P<count>(?:{_alternation(list(COUNT_WORDS))})(?![\w-]))"
    rf"|(?P<quantity>(?:{_alternation(list(QUANTITY_UNITS))}){_PER}(?![\w²³]|\.\w){_CO2_SUFFIX})"
    rf"|(?P<noun>{_NOUN})"
)
# Whitespace between a number and its unit: spaces, and at most one line break.
UNIT_GAP = rf"{INLINE_SPACE}*(?:\n{INLINE_SPACE}*)?"

COUNT_NOUN_AFTER_SCALE = re.compile(rf"\s+{_NOUN}")
# One or two adjectives in the plural before a count noun: '8 aktiva mätbara mål'.
QUALIFIED_COUNT_NOUN = re.compile(rf"(?:[ \t]+[a-zåäö]{{2,}}[ae]){{1,2}}[ \t]+(?P<noun>{_NOUN})")
LABEL_BEFORE = re.compile(
    rf"(?i)(?:(?<![\w.])(?:{_alternation(list(LABEL_WORDS))})\.?|\.{{3,}}|…)[ \t]*$"
)
ID_LABEL_BEFORE = re.compile(rf"(?i)(?<![\w.])(?:{_alternation(list(ID_LABELS))})\.?:?[ \t]*$")
CUE_BEFORE = re.compile(rf"(?i)(?<![\w.])(?:{_alternation(list(AMOUNT_CUES))})[ \t]*$")


def _key(unit_text: str) -> str:
    """The table key for a unit as written: lower case, single spaces."""
    return " ".join(unit_text.split()).casefold()


def classify_unit(group: str, unit_text: str) -> tuple[NumberKind, str, Money | None]:
    """Kind, normalised label and money info for a unit matched by :data:`UNIT`."""
    if group == "money":
        base, _, per = unit_text.partition("/")
        money = MONEY_UNITS[_key(base.rstrip("."))]
        return NumberKind.MONEY, money.label + (f"/{per}" if per else ""), money
    if group == "percent":
        return NumberKind.PERCENT, PERCENT_UNITS[_key(unit_text)], None
    if group == "count":
        return NumberKind.COUNT, COUNT_WORDS[_key(unit_text)], None
    if group == "quantity":
        base, sep, rest = unit_text.partition(" ")
        unit, slash, per = base.partition("/")
        label = QUANTITY_UNITS.get(unit, unit) + slash + QUANTITY_UNITS.get(per, per)
        return NumberKind.QUANTITY, label + (sep + rest if rest else ""), None
    return NumberKind.COUNT, " ".join(unit_text.split()), None


def is_scale_word(unit_text: str) -> bool:
    """True for money scale words that may also scale a count ("2 miljoner invånare")."""
    return _key(unit_text) in SCALE_WORDS


def format_decimal(value: Decimal) -> str:
    """Swedish display form of a number: '5 660', '29,5', '-0,14' (no trailing zeros)."""
    sign = "-" if value < 0 else ""
    digits = format(abs(value).normalize(), "f")
    whole, _, fraction = digits.partition(".")
    if len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = " ".join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    return sign + whole + ("," + fraction if fraction else "")


def sek_factor(label: str) -> Decimal | None:
    """Kronor per unit of a Swedish money label ('mkr' → 1 000 000); None for other currencies."""
    return _SEK_FACTORS.get(label)


def written_precision(*numbers: str) -> int:
    """The precision numbers are written with, as the power of ten of their step (the coarser
    of several): '8,4' → -1, '10 600' → 2, '20' → 0, '1.500.000' → 5.

    Zeros at the end of a whole number are read as rounding ('10 600 tkr' is written to 100
    tkr), but a number keeps at least two significant digits ('20 %' to 1, '100 mkr' to 10).
    """
    return max(_precision(number) for number in numbers)


def _precision(number: str) -> int:
    token = "".join(number.split())
    if _DOT_GROUPED.fullmatch(token):
        token = token.replace(".", "")
    whole, _, fraction = token.replace(",", ".").partition(".")
    if fraction:
        return -len(fraction)
    digits = whole.lstrip("0")
    zeros = len(digits) - len(digits.rstrip("0"))
    return min(zeros, max(0, len(digits) - 2))


def mention(
    text: str,
    start: int,
    end: int,
    kind: NumberKind,
    normalized: str,
    value: float | None = None,
    value_high: float | None = None,
    precision: int | None = None,
) -> NumberMention:
    """A :class:`NumberMention` without unit or kronor (dates, years, references, numbers)."""
    return NumberMention(
        raw=text[start:end],
        start=start,
        end=end,
        kind=kind,
        value=value,
        value_high=value_high,
        normalized=normalized,
        precision=precision,
    )

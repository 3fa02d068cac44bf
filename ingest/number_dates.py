"""Calendar expressions for the Swedish number parser: dates, times, weeks, periods, years.

Each matcher takes ``(text, pos)`` and returns a :class:`NumberMention` starting at ``pos``,
or ``None``. Normalised forms are ISO-like: '2016-12-22', '--04-09' (day without year),
'2017-04' (month), '2021-Q4', '2016-W51', 'hösten 2017', '13:00'; ranges join two forms
with '/'. Dates carry no ``value``; years carry the year as ``value`` (and ``value_high``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ingest.number_units import mention, written_precision
from lagesbild.swedish import DASH, INLINE_SPACE, MONTH_NAMES, MONTHS_IN_PROSE, alternation
from lagesbild.types import NumberKind, NumberMention

Matcher = Callable[[str, int], NumberMention | None]

# fmt: off
SEASONS: dict[str, str] = {
    "våren": "våren", "vårvintern": "vårvintern", "försommaren": "försommaren",
    "sommaren": "sommaren", "hösten": "hösten", "vintern": "vintern", "vt": "VT", "ht": "HT",
}
_PERIODS: dict[str, str] = {"q": "Q", "kv": "Q", "kvartal": "Q", "t": "T", "tertial": "T",
                            "h": "H", "halvår": "H"}
_ORDINALS: dict[str, int] = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4}
# fmt: on

YEAR = r"(?<!\d)(?:19\d\d|20\d\d|2100)(?!\d)"
_S = INLINE_SPACE
_WS1 = rf"{_S}*\n?{_S}*"  # spaces, at most one line break
_GAP = rf"(?:{_S}+\n?|\n){_S}*"  # at least one space or a line break, not a blank line
_MONTH = (
    rf"(?i:(?:{alternation(MONTH_NAMES)})(?!\w)"
    rf"|(?:{alternation(set(MONTHS_IN_PROSE) - set(MONTH_NAMES))})(?!\w)\.?)"
)
_DASH = DASH

_ISO = re.compile(
    rf"(?P<y>{YEAR})-\n?(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"
    rf"(?:(?:--|{_DASH}|{_S}{_DASH}{_S}|/)(?:(?P<y2>{YEAR})-(?P<m2>\d\d)-)?(?P<d2>\d\d)(?![\d-]))?"
)
_YEAR_MONTH = re.compile(rf"(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?![\d-])")
_DOTTED = re.compile(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>{YEAR})")
_DAY_MONTH = re.compile(
    rf"(?P<d>\d{{1,2}})(?:{_S}*{_DASH}{_S}*(?P<d2>\d{{1,2}}))?\.?{_GAP}(?P<mon>{_MONTH})"
    rf"(?:{_WS1}(?P<y>{YEAR}))?"
)
_SLASH = re.compile(
    rf"(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?![\d/])(?:(?:{_S}+|-)(?P<y>{YEAR}))?"
    rf"(?P<of>{_S}+av\b)?"
)
_YEAR_SLASH = re.compile(rf"(?P<y>{YEAR})/(?P<y2>\d{{4}}|\d\d)(?![\d/])")
_DECADE = re.compile(rf"(?P<y>{YEAR})-tal(?:et|ets|s)?(?!\w)")
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d\d)(?![\d:])")
_KL = re.compile(
    rf"(?i:kl\.?|klockan){_S}*(?P<h>\d{{1,2}})(?:[.:](?P<m>\d\d))?"
    rf"(?:{_S}*{_DASH}{_S}*(?P<h2>\d{{1,2}})(?:[.:](?P<m2>\d\d))?)?(?!\d)"
)
_MONTH_YEAR = re.compile(
    rf"(?P<m1>{_MONTH})(?:{_S}+(?P<y1>{YEAR}))?(?:{_S}*{_DASH}{_S}*(?P<m2>{_MONTH}))?"
    rf"{_WS1}(?P<y2>{YEAR})"
)
_SEASON = re.compile(
    rf"(?P<s>(?i:{alternation(SEASONS)})){_S}*"
    rf"(?P<y>{YEAR}(?:/(?:\d{{4}}|\d\d)(?!\d))?|\d\d(?!\d))"
)
_PERIOD = re.compile(
    rf"(?P<p>Q|T|H|(?i:kv\.?|kvartal|tertial|halvår)){_S}*(?P<n>[1-4])(?!\d)"
    rf"(?:[ \t,-]+(?P<y>{YEAR}))?"
)
_ORDINAL_PERIOD = re.compile(
    rf"(?i:(?P<o>första|andra|tredje|fjärde){_S}+(?P<p>kvartalet|tertialet|halvåret))"
    rf"{_S}+(?P<y>{YEAR})"
)
_WEEK = re.compile(
    rf"(?i:vecka|veckorna|v\.?){_S}*(?P<w>\d{{1,2}})(?:{_S}*{_DASH}{_S}*(?P<w2>\d{{1,2}}))?"
    rf"(?!\d)(?:[ \t,]*\n?{_S}*(?P<y>{YEAR}))?"
)

# Words that may start a calendar expression (the scanner tries the matchers there).
WORD_TRIGGER = (
    rf"{_MONTH}|(?i:våren|vårvintern|försommaren|sommaren|hösten|vintern|vt|ht|kl\.?|klockan"
    rf"|kv\.?|kvartal|tertial|halvår|första|andra|tredje|fjärde|vecka|veckorna|v\.?(?={_S}*\d))"
    rf"|[QTH](?=[1-4])"
)


def _valid(year: int, month: int, day: int) -> bool:
    """True if the day exists (year 2000 stands in for an unknown year)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _day(year: str | None, month: int, day: int) -> str:
    """'2016-12-22', or '--12-22' without a year."""
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def iso_date(text: str, pos: int) -> NumberMention | None:
    """'2016-12-22', '2016-03-22--23', '2016-01-01–2016-06-30' (line break after the year ok)."""
    m = _ISO.match(text, pos)
    if not m or not _valid(int(m["y"]), int(m["m"]), int(m["d"])):
        return None
    first = _day(m["y"], int(m["m"]), int(m["d"]))
    if m["d2"]:
        y2, m2 = m["y2"] or m["y"], int(m["m2"] or m["m"])
        if _valid(int(y2), m2, int(m["d2"])):
            second = _day(y2, m2, int(m["d2"]))
            return mention(text, pos, m.end(), NumberKind.DATE, f"{first}/{second}")
    return mention(text, pos, m.end("d"), NumberKind.DATE, first)


def year_month(text: str, pos: int) -> NumberMention | None:
    """'2016-12' (but '2016-17' is a year range, left to the amount parser)."""
    m = _YEAR_MONTH.match(text, pos)
    if not m or (m["m"][0] != "0" and int(m["m"]) > int(m["y"]) % 100):
        return None
    return mention(text, pos, m.end(), NumberKind.DATE, f"{m['y']}-{m['m']}")


def dotted_date(text: str, pos: int) -> NumberMention | None:
    """'22.12.2016'."""
    m = _DOTTED.match(text, pos)
    if not m or not _valid(int(m["y"]), int(m["m"]), int(m["d"])):
        return None
    return mention(text, pos, m.end(), NumberKind.DATE, _day(m["y"], int(m["m"]), int(m["d"])))


def day_month(text: str, pos: int) -> NumberMention | None:
    """'1 januari 2019', '30 november', 'den 1-2 november'."""
    m = _DAY_MONTH.match(text, pos)
    if not m:
        return None
    month = MONTHS_IN_PROSE[m["mon"].rstrip(".").casefold()]
    days = [int(d) for d in (m["d"], m["d2"]) if d]
    if not all(_valid(int(m["y"] or 2000), month, d) for d in days):
        return None
    normalized = "/".join(_day(m["y"], month, d) for d in days)
    return mention(text, pos, m.end(), NumberKind.DATE, normalized)


def slash_date(text: str, pos: int) -> NumberMention | None:
    """'9/4', '26/3', '30/6 2019'; '2/3 av' is a fraction, '15/16' is not a date."""
    m = _SLASH.match(text, pos)
    if not m:
        return None
    num, den = int(m["d"]), int(m["m"])
    if m["of"] and 0 < num < den:
        end = m.end("m")
        written = written_precision(m["d"], m["m"])
        return mention(text, pos, end, NumberKind.NUMBER, f"{num}/{den}", num / den, None, written)
    if not _valid(int(m["y"] or 2000), den, num):
        return None
    end = m.end("y") if m["y"] else m.end("m")
    return mention(text, pos, end, NumberKind.DATE, _day(m["y"], den, num))


def year_slash(text: str, pos: int) -> NumberMention | None:
    """'2016/2017', '2015/16': a split year or winter."""
    m = _YEAR_SLASH.match(text, pos)
    if not m:
        return None
    first = int(m["y"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first - first % 100 + int(m["y2"])
    if second != first + 1:
        return None
    return mention(text, pos, m.end(), NumberKind.YEAR, f"{first}/{second}", first, second)


def decade(text: str, pos: int) -> NumberMention | None:
    """'1990-talet'."""
    m = _DECADE.match(text, pos)
    if not m or not m["y"].endswith("0"):
        return None
    return mention(text, pos, m.end(), NumberKind.YEAR, f"{m['y']}-talet", float(m["y"]))


def _clock(hour: str, minute: str | None) -> str | None:
    """'13:00', or None for an impossible time."""
    h, mi = int(hour), int(minute or 0)
    return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


def clock(text: str, pos: int) -> NumberMention | None:
    """'13:30' (a bare hh:mm)."""
    m = _CLOCK.match(text, pos)
    normalized = _clock(m["h"], m["m"]) if m else None
    if not m or not normalized:
        return None
    return mention(text, pos, m.end(), NumberKind.DATE, normalized)


def kl_time(text: str, pos: int) -> NumberMention | None:
    """'kl. 13.00', 'kl 9-12'."""
    m = _KL.match(text, pos)
    if not m:
        return None
    first = _clock(m["h"], m["m"])
    second = _clock(m["h2"], m["m2"]) if m["h2"] else ""
    if not first or second is None:
        return None
    return mention(text, pos, m.end(), NumberKind.DATE, f"{first}/{second}" if second else first)


def month_year(text: str, pos: int) -> NumberMention | None:
    """'april 2017', 'Sept 2017', 'januari-februari 2017', 'Dec 2015-dec 2016'."""
    m = _MONTH_YEAR.match(text, pos)
    if not m:
        return None
    m1 = MONTHS_IN_PROSE[m["m1"].rstrip(".").casefold()]
    first = f"{m['y1'] or m['y2']}-{m1:02d}"
    if not m["m2"]:
        return mention(text, pos, m.end(), NumberKind.DATE, first)
    m2 = MONTHS_IN_PROSE[m["m2"].rstrip(".").casefold()]
    return mention(text, pos, m.end(), NumberKind.DATE, f"{first}/{m['y2']}-{m2:02d}")


def season(text: str, pos: int) -> NumberMention | None:
    """'hösten 2017', 'vintern 2016/2017', 'HT17'."""
    m = _SEASON.match(text, pos)
    if not m:
        return None
    name = SEASONS[m["s"].casefold()]
    year = m["y"] if len(m["y"]) != 2 else f"20{m['y']}"
    if len(m["y"]) == 2 and name not in ("VT", "HT"):
        return None
    return mention(text, pos, m.end(), NumberKind.DATE, f"{name} {year}")


def period(text: str, pos: int) -> NumberMention | None:
    """'Q4 2021', 'Q2', 'T1 2017', 'kvartal 3', 'första halvåret 2017'."""
    m = _PERIOD.match(text, pos) or _ORDINAL_PERIOD.match(text, pos)
    if not m:
        return None
    groups = m.groupdict()
    if groups.get("o"):
        letter, number = _PERIODS[m["p"].casefold()[:-2]], _ORDINALS[m["o"].casefold()]
    else:
        letter, number = _PERIODS[m["p"].rstrip(".").casefold()], int(m["n"])
    limit = {"Q": 4, "T": 3, "H": 2}[letter]
    if number > limit or (m["p"] in ("T", "H") and not m["y"]):
        return None
    label = f"{letter}{number}"
    normalized = f"{m['y']}-{label}" if m["y"] else label
    return mention(text, pos, m.end(), NumberKind.DATE, normalized)


def week(text: str, pos: int) -> NumberMention | None:
    """'vecka 39', 'v. 12-14', 'vecka 51 2016'."""
    m = _WEEK.match(text, pos)
    if not m:
        return None
    weeks = [int(w) for w in (m["w"], m["w2"]) if w]
    if not all(1 <= w <= 53 for w in weeks):
        return None
    if m["y"]:
        normalized = "/".join(f"{m['y']}-W{w:02d}" for w in weeks)
    else:
        normalized = "v" + "–".join(str(w) for w in weeks)
    return mention(text, pos, m.end(), NumberKind.DATE, normalized)


# Tried in order where a number starts with a digit, and where a trigger word starts.
DIGIT_MATCHERS: tuple[Matcher, ...] = (
    iso_date,
    dotted_date,
    year_month,
    day_month,
    clock,
    slash_date,
    year_slash,
    decade,
)
WORD_MATCHERS: tuple[Matcher, ...] = (month_year, season, period, week, kl_time)

"""Page text cut into units for ACTION_LIST: headings, goals, labels and paragraphs.

A *unit* is a heading line (with the lines that belong to it) or a run of paragraph
lines. Headings are recognised from their wording, never from layout alone:

* ``ACTION`` — an action heading: 'Åtgärder', 'Föreslagna åtgärder', 'Aktiviteter',
  '8. Åtgärder', 'Åtgärder, mål 11-12' (a short suffix, never a sentence);
* ``TABLE`` — a column header that starts with an activity column and has no owner
  column: 'Aktivitet Status Färdiggrad' (with an owner it is an ACTION_PLAN table);
* ``GOAL`` — 'Mål 3 Kommunerna ska …' / 'MÅL 11' with the goal text after it;
* ``GROUP`` — a short line naming goals: 'Politiska mål', 'Förvaltningens inriktningsmål';
* ``SECTION`` — a numbered heading ('9. Uppföljning', '09 Klimatanpassning'), a known
  report heading ('Bakgrund', 'Uppföljning'), the page title, or a header line made of
  column words ('Nämndmål Bedömning');
* ``LABEL`` — a block that opens with a field label: 'Kommentar:', 'Ansvarig: X';
* ``TEXT`` — everything else (paragraphs and bullets).

A heading line inside a block only counts at the block's start or after a line that
ends a sentence, so a wrapped line of running text is never a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from ingest.measures.text import clean_line, is_furniture, page_blocks
from lagesbild.types import Page


class UnitKind(StrEnum):
    """What a unit of page text is (see the module docstring)."""

    ACTION = "action"
    TABLE = "table"
    GOAL = "goal"
    GROUP = "group"
    SECTION = "section"
    LABEL = "label"
    TEXT = "text"


@dataclass
class ListUnit:
    """A heading or a paragraph run, with its place in the document."""

    kind: UnitKind
    page: int
    position: int
    lines: list[str] = field(default_factory=list)
    number: str = ""  # goal number ('3') or section number ('9', '2.1')
    suffix: str = ""  # what follows an action heading: 'mål 11-12'
    first_on_page: bool = False

    @property
    def head(self) -> str:
        """The unit's first line."""
        return self.lines[0] if self.lines else ""


_ACTION = re.compile(
    r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+)?"
    r"(?P<head>(?:(?:föreslagna|planerade|konkreta|övriga|prioriterade|beslutade|kommande"
    r"|nya|förslag\s+(?:till|på))\s+)?(?:åtgärder|åtgärd|aktiviteter|insatser|åtgärdsförslag))"
    r"(?:\s*[,–—-]\s*(?P<suffix>[^.:;!?]{1,60})|\s+(?P<year>(?:19|20)\d\d(?:\s*[-–]\s*\d{2,4})?)"
    r"|\s*:)?$",
    re.IGNORECASE,
)
_MAX_SUFFIX_WORDS = 6
_GOAL = re.compile(
    r"^(?P<word>mål|delmål|effektmål|inriktningsmål|nämndmål|verksamhetsmål)\s+"
    r"(?P<num>\d{1,2}[a-z]?(?:\.\d{1,2})*)(?![-–]\d)[.:)]?(?:\s+(?P<rest>\S.*))?$",
    re.IGNORECASE,
)
_GOAL_GROUP = re.compile(r"^[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö/-]+){0,2}?\s*(?:mål|mål/delmål):?$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<text>[A-ZÅÄÖ].*)$")
_APPENDIX = re.compile(r"^(?:bilaga|kapitel|avsnitt|del)\s+(?P<num>\d{1,2})\b", re.IGNORECASE)
_MAX_HEADING_WORDS = 8
_ACTIVITY_COLUMNS = frozenset(
    {"aktivitet", "aktiviteter", "åtgärd", "åtgärder", "insats", "insatser"}
)
_TABLE_COLUMNS = frozenset(
    {"status", "färdiggrad", "bedömning", "kommentar", "kommentarer", "uppföljning", "prognos"}
    | {"läge", "resultat", "måluppfyllelse", "beskrivning", "och", "/", "-", "–"}
)
_OWNER_COLUMNS = frozenset({"ansvarig", "ansvariga", "ansvar", "ägare", "vem"})
_HEADER_COLUMNS = (
    _ACTIVITY_COLUMNS
    | _TABLE_COLUMNS
    | _OWNER_COLUMNS
    | {"mål", "delmål", "nämndmål", "verksamhetsmål", "indikator", "indikatorer", "datum"}
    | {"tidpunkt", "tidplan", "uppdrag", "målvärde", "utfall", "nyckeltal", "område"}
)
# Headings of report chapters that close an action list when they stand alone.
KNOWN_HEADINGS = frozenset(
    {
        "bakgrund",
        "syfte",
        "inledning",
        "sammanfattning",
        "uppföljning",
        "utvärdering",
        "ekonomi",
        "finansiering",
        "kostnader",
        "budget",
        "mål",
        "målsättning",
        "vision",
        "ansvar",
        "ansvarsfördelning",
        "organisation",
        "tidplan",
        "genomförande",
        "kommunikation",
        "risker",
        "riskanalys",
        "bilaga",
        "bilagor",
        "referenser",
        "källor",
        "resultat",
        "analys",
        "nulägesanalys",
        "nuläge",
        "slutsatser",
        "bedömning",
        "rekommendationer",
        "förutsättningar",
        "strategi",
        "strategier",
        "indikatorer",
        "nyckeltal",
        "innehåll",
        "innehållsförteckning",
        "beslut",
        "ärendet",
        "handlingar",
    }
)
LABEL = re.compile(
    r"^(?P<label>kommentar(?:er)?|status|(?:huvud)?ansvarig(?:a)?(?:\s+(?:förvaltning|nämnd"
    r"|enhet|funktion))?|ansvar|tidplan|tidpunkt|klart(?:\s+senast)?|deadline|slutdatum"
    r"|uppföljning|resultat|läge|lägesbeskrivning|prognos|risker|risk|nästa\s+steg)"
    r"\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?", ":", ")")
_RUNS = (UnitKind.TEXT, UnitKind.LABEL)
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def _words(line: str) -> list[str]:
    return [w for w in re.split(r"[\s/]+", line.casefold().strip(" :")) if w]


def action_heading(line: str) -> tuple[str, str] | None:
    """(heading number, suffix) of an action heading line, else None.

    'Åtgärder' → ('', ''); '8. Åtgärder' → ('8', ''); 'Åtgärder, mål 13' → ('', 'mål 13').
    'Åtgärd: Hälso- och sjukvårdsledningen har …' is a field, not a heading.
    """
    match = _ACTION.match(line)
    if not match or not (line[:1].isupper() or line[:1].isdigit()):
        return None
    head = match.group("head")
    if not head[:1].isupper():
        return None
    suffix = (match.group("suffix") or match.group("year") or "").strip()
    if len(suffix.split()) > _MAX_SUFFIX_WORDS:
        return None
    return match.group("num") or "", suffix


def table_header(line: str) -> bool:
    """'Aktivitet Status Färdiggrad': an activity column first, no owner column."""
    words = _words(line)
    if len(words) < 2 or words[0] not in _ACTIVITY_COLUMNS or not line[:1].isupper():
        return False
    rest = set(words[1:])
    return rest <= _TABLE_COLUMNS and bool(rest - {"och", "/", "-", "–", "beskrivning"})


def header_line(line: str) -> bool:
    """A line made only of column words ('Nämndmål Bedömning', 'Datum Aktivitet')."""
    words = _words(line)
    return len(words) >= 2 and set(words) <= _HEADER_COLUMNS and line[:1].isupper()


def goal_line(line: str) -> tuple[str, str, str] | None:
    """('Mål', '3', 'Kommunerna ska …') for a goal line, else None."""
    match = _GOAL.match(line)
    if not match or not line[:1].isupper():
        return None
    return match.group("word").capitalize(), match.group("num"), match.group("rest") or ""


def section_heading(line: str) -> str | None:
    """The number of a numbered heading ('9. Uppföljning' → '9'), '' for a known heading
    ('Bakgrund', 'Uppföljning och utvärdering'), None for anything else."""
    text = line.strip()
    appendix = _APPENDIX.match(text)
    if appendix and text[:1].isupper():
        return appendix.group("num")
    if text.endswith((".", ",", ";", ":", "!", "?")) or "...." in text or "…" in text:
        return None
    numbered = _NUMBERED.match(text)
    if numbered and len(numbered.group("text").split()) <= _MAX_HEADING_WORDS:
        return numbered.group("num")
    words = _words(text)
    if words and len(words) <= 4 and words[0] in KNOWN_HEADINGS and text[:1].isupper():
        return ""
    return None


def _heading_kind(line: str, title: str | None) -> UnitKind | None:
    """The heading kind of one line, or None for a plain line."""
    if action_heading(line):
        return UnitKind.ACTION
    if table_header(line):
        return UnitKind.TABLE
    if goal_line(line):
        return UnitKind.GOAL
    if _GOAL_GROUP.match(line.strip()):
        return UnitKind.GROUP
    if header_line(line) or section_heading(line) is not None:
        return UnitKind.SECTION
    if title and clean_line(line).casefold() == clean_line(title).casefold():
        return UnitKind.SECTION
    return None


def _new_unit(kind: UnitKind, page: int, position: int, line: str) -> ListUnit:
    unit = ListUnit(kind, page, position, [line])
    if kind is UnitKind.ACTION:
        unit.number, unit.suffix = action_heading(line) or ("", "")
    elif kind is UnitKind.GOAL:
        unit.number = (goal_line(line) or ("", "", ""))[1]
    elif kind is UnitKind.SECTION:
        unit.number = section_heading(line) or ""
    return unit


def _absorbs(unit: ListUnit, line: str) -> bool:
    """Whether a heading unit takes the next line of its block as part of itself."""
    if unit.kind is UnitKind.GOAL:
        return not re.match(r"^\s*[•\uf0b7▪●*–-]", line)
    if unit.kind is UnitKind.SECTION and unit.number:
        return line[:1].islower()
    return False


def _may_wrap(kind: UnitKind | None, line: str) -> bool:
    """Only goals and numbered headings go on in a lower-case line; any other heading
    followed by one is the start of running text."""
    return kind is None or kind is UnitKind.GOAL or bool(section_heading(line))


def _block_units(lines: list[str], page: int, base: int, title: str | None) -> list[ListUnit]:
    """Units of one block, cut at heading lines."""
    units: list[ListUnit] = []
    for n, line in enumerate(lines):
        prev = units[-1] if units else None
        may_head = prev is None or prev.kind not in _RUNS or line_ends(prev.lines[-1])
        kind = _heading_kind(line, title) if may_head else None
        if n + 1 < len(lines) and lines[n + 1][:1].islower() and not _may_wrap(kind, line):
            kind = None  # 'Aktiviteter' + 'under året var många.' is running text
        if kind is None and prev is not None and prev.kind is UnitKind.LABEL:
            kind = UnitKind.LABEL if LABEL.match(line) else None
        joins = prev is not None and (prev.kind in _RUNS or _absorbs(prev, line))
        if kind is not None:
            units.append(_new_unit(kind, page, base + n, line))
        elif prev is not None and joins:
            prev.lines.append(line)
        else:
            kind = UnitKind.LABEL if n == 0 and LABEL.match(line) else UnitKind.TEXT
            units.append(ListUnit(kind, page, base + n, [line]))
    return units


def line_ends(line: str) -> bool:
    """True when a line ends a sentence (or a clause that a heading may follow)."""
    return line.rstrip().endswith(_SENTENCE_END)


def page_units(page: Page) -> list[ListUnit]:
    """All units of a page in reading order, page numbers and running lines dropped."""
    units: list[ListUnit] = []
    title = clean_line(page.title or "").casefold()
    for block in page_blocks(page):
        lines = [x for x in block.lines if not is_furniture(x)]
        if not lines or (len(lines) == 1 and _PAGE_NUMBER.match(lines[0])):
            continue
        if len(lines) > 1 and title and clean_line(" ".join(lines)).casefold() == title:
            units.append(ListUnit(UnitKind.SECTION, page.number, block.index * 1000, lines))
            continue
        units += _block_units(lines, page.number, block.index * 1000, page.title)
    if units:
        units[0].first_on_page = True
    return units

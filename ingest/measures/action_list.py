"""ACTION_LIST: measures written as paragraphs or bullets under an action heading.

Swedish plans often list their measures as running text::

    Mål 3
    Kommunerna ska verka för ett större utbud av förnybara drivmedel.

    Åtgärder

    Kommunerna ska verka för … genom att se till så att det etableras minst ett tankställe …

    Skulle marknaden snabbt öka för laddningsbara elbilar bör Fortum kontaktas …

A *region* opens at an action heading ('Åtgärder', 'Föreslagna åtgärder', 'Aktiviteter',
'Åtgärder, mål 11-12') and runs — over page breaks — until the next heading-like unit: a
goal ('Mål 4'), a numbered or known section heading, another action heading, a header
line, or a paragraph too long to be a measure. Each paragraph or bullet in it is one
measure; its section is the goal(s) just above the heading, the goals the heading names,
or else the heading itself. Two lists open without a heading (``list_openers``): a
numbered or bulleted list after a lead-in that names the measures ('… ett antal
åtgärder:'), and the bullets and 'ska'/'bör' paragraphs right under a goal in a plan that
elsewhere puts an action heading under its goals. Otherwise 'åtgärder' in running text,
or a goal followed by prose, gives no measures.

A column header without an owner column ('Aktivitet Status Färdiggrad') opens a *table*
region: there each activity paragraph is followed by its 'Kommentar:' block, and a
paragraph followed directly by another paragraph is the goal the next activities serve.

Paragraphs that describe the list ('Åtgärderna är främst kopplade till …'), lead-ins
ending in ':' and auditors' recommendations ('… rekommenderas att …') are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.measures.list_fields import (
    join_item,
    label_pairs,
    read_item,
    sentences,
    split_labels,
    trim,
)
from ingest.measures.list_openers import (
    as_item,
    capital_item,
    directive,
    goal_with_items,
    lead_in,
    numbered_item,
    pairs_goals_with_actions,
)
from ingest.measures.list_units import (
    ListUnit,
    UnitKind,
    goal_line,
    header_line,
    line_ends,
    page_units,
)
from ingest.measures.responsibility import shared_owners
from ingest.measures.text import Found, join_lines
from lagesbild.types import Measure, MeasureLayout, Page

K = UnitKind
_STOPS = frozenset({K.SECTION, K.GROUP, K.ACTION, K.TABLE})
_BULLET = re.compile(r"^\s*(?:[•\uf0b7▪●*–-]|\d{1,2}[.)]|[a-z][)])\s+")
_META = re.compile(
    r"\b(?:åtgärderna|åtgärdsförslagen|aktiviteterna|insatserna|respektive\s+åtgärd"
    r"|följande\s+(?:åtgärder|aktiviteter|insatser)|nedanstående|dessa\s+åtgärder)\b",
    re.IGNORECASE,
)
_RECOMMENDATION = re.compile(r"\brekommender(?:ar|as|ade)\b", re.IGNORECASE)
_MAX_SENTENCES = 5
_MAX_CHARS = 900
_MAX_GOAL_LABEL = 120
_MAX_SUBHEADING_WORDS = 6
_GOAL_REF = re.compile(r"^(?:mål|delmål)\s+(?P<a>\d{1,2})(?:\s*[-–]\s*(?P<b>\d{1,2}))?$", re.I)


@dataclass
class _Item:
    lines: list[str]
    page: int
    position: int
    section: str
    pages: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@dataclass
class _Context:
    """What the walk has seen: the last heading, the goals above, goals by number."""

    heading: str = ""
    goals: list[tuple[str, str]] = field(default_factory=list)
    known: dict[str, str] = field(default_factory=dict)
    last: UnitKind | None = None
    chapter: int = 0  # number of the last numbered heading ('8. Åtgärder' → 8)

    def note_chapter(self, unit: ListUnit) -> None:
        """Remember the top-level number of a numbered heading."""
        top = unit.number.split(".")[0]
        self.chapter = int(top) if top.isdigit() else self.chapter


def _goal_label(unit: ListUnit) -> str:
    word, number, rest = goal_line(unit.head) or ("Mål", unit.number, "")
    text = join_item([rest, *unit.lines[1:]]) if rest or len(unit.lines) > 1 else ""
    first = sentences(text)[0].rstrip(" .") if text else ""
    return trim(f"{word} {number} {first}".strip(), _MAX_GOAL_LABEL)


def _note_goal(ctx: _Context, unit: ListUnit) -> None:
    label = _goal_label(unit)
    if ctx.last not in (K.GOAL, K.GROUP):
        ctx.goals = []
    ctx.goals.append((unit.number, label))
    ctx.known[unit.number] = label


def _section(ctx: _Context, unit: ListUnit) -> str:
    """The section of the measures under an action or table heading."""
    ref = _GOAL_REF.match(unit.suffix)
    if ref:
        first, last = int(ref.group("a")), int(ref.group("b") or ref.group("a"))
        labels = [ctx.known.get(str(n)) for n in range(first, last + 1)]
        if all(labels) and last - first < 5:
            return "; ".join(label for label in labels if label)
        return unit.suffix[:1].upper() + unit.suffix[1:]
    if unit.suffix or (unit.number and unit.kind is K.ACTION):
        return unit.head.rstrip(" :")
    if ctx.goals:
        return "; ".join(label for _, label in ctx.goals)
    return ctx.heading or re.sub(r"[:\s]+$", "", unit.head)


def _is_prose(text: str) -> bool:
    return len(text) > _MAX_CHARS or len(sentences(text)) > _MAX_SENTENCES


def _skip(text: str) -> bool:
    """Paragraphs that are not measures: meta text, lead-ins, recommendations, headings."""
    words = text.split()
    return (
        len(words) < 2
        or text.rstrip().endswith(":")
        or bool(_META.search(text) or _RECOMMENDATION.search(text))
        or (text.isupper() and len(words) <= 6)
    )


def _subheading(lines: list[str], bullets_follow: bool) -> bool:
    """A short unpunctuated line over bullets names their group ('Energi i byggnader')."""
    line = lines[0]
    return (
        bullets_follow
        and len(lines) == 1
        and len(line.split()) <= _MAX_SUBHEADING_WORDS
        and line[:1].isupper()
        and not line.rstrip().endswith((".", "!", "?", ",", ";"))
    )


def _pieces(unit: ListUnit) -> list[tuple[int, list[str]]]:
    """A text unit cut at bullets: [(line offset, lines)]; wrapped lines stay with theirs."""
    pieces: list[tuple[int, list[str]]] = []
    for n, line in enumerate(unit.lines):
        if not pieces or _BULLET.match(line):
            pieces.append((n, [_BULLET.sub("", line, count=1) if _BULLET.match(line) else line]))
        else:
            pieces[-1][1].append(line)
    return pieces


@dataclass
class _Region:
    """One open action list or activity table and the items read from it so far."""

    table: bool
    section: str
    base: str = ""  # the goal or heading a sub-heading's group belongs to
    items: list[_Item] = field(default_factory=list)
    goal_grouped: bool = False
    numbered: int = 0
    done: bool = False
    mode: str = ""  # 'lead': list after a lead-in; 'goal': a goal without its heading

    def add_text(self, unit: ListUnit, bullets_next: bool = False) -> None:
        """Items from a paragraph unit; a long prose paragraph closes the region.

        ``bullets_next``: the next unit opens with a bullet (for sub-headings)."""
        last = self.items[-1] if self.items else None
        cut_off = last is not None and not line_ends(last.lines[-1])
        if last and cut_off and unit.first_on_page and unit.head[:1].islower():
            last.lines += unit.lines
            last.pages.append(unit.page)
            return
        pieces = _pieces(unit)
        for n, (offset, lines) in enumerate(pieces):
            bulleted = bool(_BULLET.match(unit.lines[offset]))
            follow = bullets_next if n + 1 == len(pieces) else True
            if not bulleted and _subheading(lines, follow):
                sub = lines[0].rstrip(" :")
                self.section = f"{self.base} – {sub}" if self.base else sub
                self.numbered = 0
                continue
            text = join_lines(split_labels(lines)[0])
            if _is_prose(text):
                self.done = True
                return
            if _skip(text) or (self.mode == "goal" and not bulleted and not directive(text)):
                continue
            number = re.match(r"^\s*(\d{1,2})[.)]\s", unit.lines[offset])
            self.numbered = int(number.group(1)) if number else self.numbered
            self.items.append(
                _Item(lines, unit.page, unit.position + offset, self.section, [unit.page])
            )

    def add_label(self, unit: ListUnit) -> None:
        """A 'Kommentar:' block belongs to the item before it."""
        if self.items:
            self.items[-1].labels += unit.lines
            if unit.page not in self.items[-1].pages:
                self.items[-1].pages.append(unit.page)


def _table_items(region: _Region, units: list[ListUnit]) -> None:
    """Activity-table units. When the table has comment blocks, an activity is a paragraph
    followed by its 'Kommentar:' block, and a one-sentence paragraph followed by another
    paragraph is the goal of the activities after it; anything else is not a row."""
    with_labels = any(u.kind is K.LABEL for u in units)
    for n, unit in enumerate(units):
        after = units[n + 1].kind if n + 1 < len(units) else None
        if unit.kind is K.LABEL:
            region.add_label(unit)
            continue
        if with_labels and after is not K.LABEL:
            text = join_lines(unit.lines)
            if after is K.TEXT and len(sentences(text)) == 1:
                region.section = trim(text.rstrip(" ."), _MAX_GOAL_LABEL)
            continue
        region.add_text(unit)
        if region.done:
            return


def _collect(units: list[ListUnit], start: int, region: _Region, ctx: _Context) -> int:
    """The index after the region's last unit; list items are added on the way."""
    body: list[ListUnit] = []
    i = start + 1
    while i < len(units):
        unit = units[i]
        if (
            unit.kind is K.SECTION
            and not region.table
            and numbered_item(region.numbered, unit, ctx.chapter)
        ):
            as_item(units, i)
        if _ends_opened(region, unit):
            break
        if unit.kind is K.GOAL and not region.table and (region.goal_grouped or not region.items):
            region.goal_grouped = True
            _note_goal(ctx, unit)
        elif unit.kind in _STOPS or unit.kind is K.GOAL:
            break
        body.append(unit)
        if not region.table:
            after = units[i + 1] if i + 1 < len(units) else None
            _list_unit(region, unit, after is not None and bool(_BULLET.match(after.head)))
            if region.done:
                return i + 1
        i += 1
    if region.table:
        _table_items(region, body)
    return i


def _ends_opened(region: _Region, unit: ListUnit) -> bool:
    """Where a list opened without an action heading ends: a goal's items at the next
    heading, a lead-in's list at the first unit that is not one of its items."""
    if region.mode == "goal":
        return unit.kind not in (K.TEXT, K.LABEL)
    if region.mode == "lead" and unit.kind is K.TEXT:
        carried = unit.first_on_page and unit.head[:1].islower()
        return not (capital_item(unit.head) or carried)
    return False


def _list_unit(region: _Region, unit: ListUnit, bullets_next: bool) -> None:
    if unit.kind is K.GOAL:
        region.section = region.base = _goal_label(unit)
        region.numbered = 0
    elif unit.kind is K.LABEL:
        region.add_label(unit)
    else:
        region.add_text(unit, bullets_next)


def _measure(doc: str, item: _Item) -> Found:
    main, inline = split_labels(item.lines)
    fields = read_item(main, inline + label_pairs(item.labels))
    measure = Measure(
        id="",
        doc=doc,
        page=item.page,
        pages=sorted(set(item.pages)),
        layout=MeasureLayout.ACTION_LIST,
        section=item.section,
        title=fields.title,
        description=fields.description,
        owner=fields.owner,
        responsibilities=shared_owners(fields.owner, fields.due_raw, fields.due, fields.due_by),
        due_raw=fields.due_raw,
        due=fields.due,
        due_by=fields.due_by,
        status_raw=fields.status_raw,
        status=fields.status,
        comments="\n".join(fields.comments) or None,
        risks=fields.risks,
        next_steps=fields.next_steps,
    )
    return Found(measure, item.page, item.position)


def _units(pages: list[Page]) -> list[ListUnit]:
    """All units of the pages; a gap in page numbers becomes a section break."""
    units: list[ListUnit] = []
    previous: int | None = None
    for page in pages:
        if previous is not None and page.number != previous + 1:
            units.append(ListUnit(K.SECTION, page.number, -1, [""]))
        units += page_units(page)
        previous = page.number
    return units


def _opened(unit: ListUnit, after: ListUnit | None, ctx: _Context, goals: bool) -> _Region | None:
    """A region that a lead-in or a goal opens without an action heading (list_openers)."""
    if lead_in(unit, after):
        section = "; ".join(label for _, label in ctx.goals) or ctx.heading
        return _Region(table=False, section=section, base=section, mode="lead")
    if goals and goal_with_items(unit, after):
        _note_goal(ctx, unit)
        section = _goal_label(unit)
        return _Region(table=False, section=section, base=section, mode="goal")
    return None


def _walk(units: list[ListUnit]) -> list[_Region]:
    """Regions in document order, with the context that names their sections."""
    ctx = _Context()
    regions: list[_Region] = []
    goals = pairs_goals_with_actions(units)
    i = 0
    while i < len(units):
        unit = units[i]
        opened = _opened(unit, units[i + 1] if i + 1 < len(units) else None, ctx, goals)
        if opened is not None:
            regions.append(opened)
            i = _collect(units, i, opened, ctx)
            ctx.last = K.TEXT
            continue
        if unit.kind in (K.ACTION, K.TABLE):
            ctx.note_chapter(unit)
            section = _section(ctx, unit)
            region = _Region(table=unit.kind is K.TABLE, section=section, base=section)
            regions.append(region)
            ctx.last = unit.kind
            i = _collect(units, i, region, ctx)
            continue
        if unit.kind is K.GOAL:
            _note_goal(ctx, unit)
        elif unit.kind in (K.SECTION, K.GROUP) and unit.head:
            ctx.note_chapter(unit)
            ctx.heading = unit.head if not header_line(unit.head) else ctx.heading
            ctx.goals = []
        ctx.last = unit.kind
        i += 1
    return regions


def parse_action_lists(doc: str, pages: list[Page]) -> list[Found]:
    """Measures from every action list and activity table among ``pages``."""
    found: list[Found] = []
    for region in _walk(_units(pages)):
        if region.mode == "lead" and len(region.items) < 2:
            continue  # a lead-in and a single item: no list
        seen: set[tuple[str, str]] = set()
        for item in region.items:
            key = (item.section, join_lines(item.lines).casefold())
            if key in seen:
                continue
            seen.add(key)
            found.append(_measure(doc, item))
    return found

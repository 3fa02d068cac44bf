"""Rows of an action plan from its cell stream, anchored on owner and tidpunkt cells.

Between the anchors of row k and row k+1 lies a run of text cells: the status of row k,
perhaps whole rows without owner or tidpunkt, and the activity (+ description) of row
k+1. The run is cut by shape:

* the activity is the last *narrow* cell (its lines wrap in a column narrower than the
  text columns), or the one before a wider description; after a group heading the
  first cell is the activity;
* a narrow cell (or a question) inside the status part starts a row of its own;
* cells that start in lower case continue something: first an owner or tidpunkt cut by
  the page break ('Områdes-' … 'chef DTS'), then an unfinished description, status or
  title — this is how rows split across page breaks are put back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.measures.action_cells import Cell, Kind, due_like, join_owner, split_activity
from ingest.measures.dates import NON_DATES, normalise_due
from ingest.measures.status import (
    infer_status,
    is_status_phrase,
    leading_status,
    normalise_status,
)
from ingest.measures.text import Found, join_bulleted, join_lines, join_paragraphs
from lagesbild.types import Measure, MeasureLayout, MeasureStatus

# Words an unfinished title can end with ('”Fånga upp” sjuksköterskestudenter redan i').
_FUNCTION_WORD_LIST = (
    "i på av för med till och att om en ett mellan under vid från som samt eller den det de "
    "inom mot ex t.ex. bl.a. utan efter"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?\s+")
# Words ending in -a that open a comment rather than an activity ('Övriga områden startar').
_NOT_VERB_LIST = (
    "alla andra båda denna dessa enda flera första hela många nya samtliga sina stora vissa "
    "övriga egna vilka sådana enligt"
)
_NOT_VERBS = frozenset(_NOT_VERB_LIST.split())
_ROLE_CONT = re.compile(
    r"^(?:[a-zåäö]*(?:chef|chefer|direktör|grupp|ansvarig|vård|strateg"
    r"|sörjning|ledare)|[A-ZÅÄÖ]{2,5})[,]?$"
)


@dataclass
class _Row:
    title: list[str]
    section: str
    description: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    dues: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    squashed: bool = False


def _finished(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ")", "”", '"', ":"))


def _unfinished_title(text: str) -> bool:
    last = text.split()[-1].casefold() if text.split() else ""
    return text.rstrip().endswith((",", "-")) or last in _FUNCTION_WORDS


def _upper(cell: Cell) -> bool:
    """The cell starts with a capital (after quotes or a row number such as '3 ')."""
    first = _ROW_NUMBER.sub("", cell.lines[0])
    return first[:1].isupper() or first[:1] in '”"«'


def narrow(cell: Cell, text_width: float) -> bool:
    """True when a multi-line cell wraps in a column narrower than the text columns.

    Its lines are all clearly shorter than the text columns' lines, or a little shorter
    and each line's next word would have fitted a text column.
    """
    lines = cell.lines
    if len(lines) < 2 or not _upper(cell) or any(x[:1] in "•-–" for x in lines):
        return False
    if any(x.endswith((".", ":", ";", "!")) for x in lines[:-1]):
        return False
    longest = max(len(x) for x in lines)
    if longest <= 0.82 * text_width:
        return True
    fits = all(len(a) + 1 + len(b.split()[0]) <= text_width - 3 for a, b in pairwise(lines))
    return fits and longest <= 0.86 * text_width


def can_start_row(cell: Cell) -> bool:
    """An activity starts with a capital and is not a status or tidpunkt phrase."""
    return _upper(cell) and leading_status(cell.lines[0]) is None and not due_like(cell.lines[0])


def _activity_like(cell: Cell, text_width: float) -> bool:
    if not can_start_row(cell):
        return False
    return narrow(cell, text_width) or (len(cell.lines) == 1 and not _finished(cell.lines[0]))


def _split_run(run: list[Cell], after_row: bool, width: float) -> int:
    """Index in ``run`` where the next row's activity starts (len(run) if none)."""
    starts = [i for i, c in enumerate(run) if "row_start" in c.tags]
    if starts:
        i = starts[-1]
        alone = split_activity(run[i].lines[0])[1] == "" and len(run[i].lines) == 1
        if alone and i > 0 and _activity_like(run[i - 1], width):
            return i - 1
        return i
    if not run or not after_row:
        return 0
    n = len(run)
    if not _upper(run[-1]):
        return n
    if n >= 2 and _activity_like(run[-2], width):
        last_like = _activity_like(run[-1], width)
        if not last_like or (narrow(run[-2], width) and not narrow(run[-1], width)):
            return n - 2
    return n - 1 if can_start_row(run[-1]) else n


def _new_row(cells: list[Cell], section: str, act_width: float) -> _Row:
    """A row from its activity cell(s): cut a squashed first line into title/description."""
    first = cells[0]
    row = _Row(title=[], section=section, pages={c.page for c in cells})
    lines = list(first.lines)
    if "row_start" in first.tags or len(lines[0]) > act_width:
        title, rest = split_activity(lines[0])
        row.squashed = "row_start" in first.tags
        row.title = [title]
        if rest:
            row.description.append(join_bulleted([rest, *lines[1:]]))
        elif lines[1:]:
            row.title += lines[1:]
    else:
        row.title = lines
    for cell in cells[1:]:
        if row.description and cell.lines[0][:1].islower():
            row.description[-1] = join_lines([row.description[-1], cell.text])
        else:
            row.description.append(cell.text)
    return row


def _complete_fragment(values: list[str], text: str, role: bool) -> str:
    """Join an owner/tidpunkt cut by a line or page break with its continuation words.

    'Områdes-' + 'chef DTS detta.' → owner 'Områdeschef DTS', rest 'detta.';
    'Om-' + 'gående finnas …' → tidpunkt 'Omgående'. Other words leave both alone.
    """
    if not values or not text[:1].islower():
        return text
    words = text.split()
    if not role and not values[-1].endswith("-") and due_like(values[-1] + words[0]):
        values[-1] = values[-1] + words[0]
        return " ".join(words[1:])
    if not values[-1].endswith("-"):
        return text
    joined = join_lines([values[-1], words[0]])
    if role and not _ROLE_CONT.match(words[0]):
        return text
    if not role and not due_like(joined):
        return text
    take = 1
    while role and take < len(words) and _ROLE_CONT.match(words[take]):
        take += 1
    values[-1] = join_lines([values[-1], " ".join(words[:take])])
    return " ".join(words[take:])


def _title_continues(row: _Row, title: str, text: str) -> bool:
    """A short tail after an unfinished title, or the rest of a squashed one-line title."""
    if (len(text.split()) <= 2 and not _finished(title)) or _unfinished_title(title):
        return True
    return row.squashed and not row.description


def _continue(row: _Row, cell: Cell) -> None:
    """Place a lower-case continuation cell (see module docstring)."""
    text = _complete_fragment(row.owners, cell.text, role=True)
    text = _complete_fragment(row.dues, text, role=False)
    row.pages.add(cell.page)
    if not text:
        return
    title = join_lines(row.title)
    if row.description and not _finished(row.description[-1]):
        row.description[-1] = join_lines([row.description[-1], text])
    elif row.status and not _finished(row.status[-1]):
        row.status[-1] = join_lines([row.status[-1], text])
    elif _title_continues(row, title, text):
        row.title.append(text)
    elif row.status:
        row.status[-1] = join_lines([row.status[-1], text])
    else:
        row.description.append(text)


def _starts_row(cell: Cell, current: _Row, owner_row: _Row | None, width: float) -> bool:
    """A narrow cell in a status run is a row without owner or tidpunkt of its own."""
    if not narrow(cell, width):
        return False
    if current is not owner_row:
        return bool(current.description or current.status)
    return bool(current.status) or cell.text.endswith("?")


def _status_part(row: _Row | None, cells: list[Cell], width: float, rows: list[_Row]) -> None:
    """Give ``cells`` to ``row`` as status, starting new rows where a narrow cell stands."""
    current = row
    for n, cell in enumerate(cells):
        if can_start_row(cell) and (current is None or _starts_row(cell, current, row, width)):
            section = current.section if current else ""
            current = _Row(title=list(cell.lines), section=section, pages={cell.page})
            rows.append(current)
            continue
        if current is None:
            continue
        if not _upper(cell):
            _continue(current, cell)
        elif current is not row and not current.description and n + 1 < len(cells):
            current.description.append(cell.text)
        else:
            current.status.append(cell.text)
        current.pages.add(cell.page)


def _anchor(row: _Row, cell: Cell) -> None:
    """Add an owner or tidpunkt cell; 'Kontinu erligt' (a word broken by the column) → one."""
    if cell.kind is Kind.OWNER:
        row.owners.append(join_owner(cell.lines))
    elif is_status_phrase(cell.text) and any(normalise_due(d)[0] for d in row.dues):
        row.status.append(cell.text)  # 'Pågår' in the status column after a real date
    else:
        solid = "".join(cell.text.split())
        row.dues.append(solid if solid.casefold() in NON_DATES else cell.text)
    row.pages.add(cell.page)


def _infinitive_start(text: str) -> bool:
    """The text opens with an infinitive, as activities do ('Försöka få fler …')."""
    first = re.sub(r"[^\wåäö]", "", text.split()[0].casefold()) if text.split() else ""
    return (
        len(first) > 2
        and first.endswith("a")
        and not first.endswith(("na", "rna"))
        and first not in _NOT_VERBS
    )


def _closing_run(current: _Row | None, run: list[Cell], rows: list[_Row], width: float) -> None:
    """A run that ends at a group heading or at the end of the plan.

    After a finished status, a last one-sentence cell that opens with an infinitive is a
    row of its own with no owner, tidpunkt or status — nothing after it could anchor it
    ('Försöka få fler av sjukhusets ST-läkare att randa sig i primärvården.').
    """
    last = run[-1] if run else None
    before = run[-2].text if len(run) > 1 else ""
    before = before or (current.status[-1] if current and current.status else "")
    if (
        current is not None
        and last is not None
        and before
        and _finished(before)
        and can_start_row(last)
        and len(last.lines) <= 3
        and _infinitive_start(last.text)
        and len(re.findall(r"[.!?](?:\s|$)", last.text)) <= 1
    ):
        _status_part(current, run[:-1], width, rows)
        section = rows[-1].section if rows else current.section
        rows.append(_Row(title=list(last.lines), section=section, pages={last.page}))
        return
    _status_part(current, run, width, rows)


def _group_end(cells: list[Cell], i: int) -> int:
    j = i
    while j < len(cells) and cells[j].kind in (Kind.OWNER, Kind.DUE):
        j += 1
    return j


def _rows(cells: list[Cell], width: float, act_width: float) -> list[_Row]:
    """Walk the cell stream and build rows (see the module docstring)."""
    rows: list[_Row] = []
    section = ""
    current: _Row | None = None
    run: list[Cell] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        if cell.kind is Kind.SECTION:
            _closing_run(current, run, rows, width)
            section, current, run = join_lines(cell.lines), None, []
        elif cell.kind is Kind.TEXT:
            if "status" in cell.tags and current is not None and not run:
                current.status.append(cell.text)
            else:
                run.append(cell)
        else:
            end = _group_end(cells, i)
            cut = _split_run(run, current is not None, width)
            if cut < len(run) and can_start_row(run[cut]):
                _status_part(current, run[:cut], width, rows)
                current = _new_row(run[cut:], section, act_width)
                rows.append(current)
            else:
                _status_part(current, run, width, rows)
            for anchor in cells[i:end]:
                if current is not None:
                    _anchor(current, anchor)
            run, i = [], end
            continue
        i += 1
    _closing_run(current, run, rows, width)
    return rows


def _status(row: _Row) -> tuple[str | None, MeasureStatus, str | None]:
    """(status_raw, status, comments) of a row."""
    text = join_paragraphs(row.status) or None
    words = [d for d in row.dues if d.casefold().strip(" .") in NON_DATES]
    status = normalise_status(text)
    if status is MeasureStatus.UNKNOWN and words:
        status = normalise_status(words[0])
    if status is MeasureStatus.UNKNOWN:
        status = infer_status(text)
    raw = text or (words[0] if words and is_status_phrase(words[0]) else None)
    comments = text if text and not is_status_phrase(text) else None
    return raw, status, comments


def _measure(doc: str, row: _Row) -> Measure:
    due_raw = " / ".join(join_lines([d]) for d in row.dues) or None
    due, due_by = None, None
    for raw in row.dues:
        due, due_by = normalise_due(join_lines([raw]))
        if due:
            break
    owners = list(dict.fromkeys(join_lines([o]) for o in row.owners))
    status_raw, status, comments = _status(row)
    pages = sorted(row.pages)
    return Measure(
        id="",
        doc=doc,
        page=pages[0],
        pages=pages,
        layout=MeasureLayout.ACTION_PLAN,
        section=row.section,
        title=join_lines(row.title),
        description=join_paragraphs(row.description),
        owner=" / ".join(owners) or None,
        due_raw=due_raw,
        due=due,
        due_by=due_by,
        status_raw=status_raw,
        status=status,
        comments=comments,
    )


def build_rows(doc: str, cells: list[Cell], text_width: float) -> list[Found]:
    """Measures for the rows of one action-plan cell stream."""
    narrow_lines = [
        len(x) for c in cells if c.kind is Kind.TEXT and narrow(c, text_width) for x in c.lines
    ]
    act_width = 1.05 * max(narrow_lines) if narrow_lines else 0.8 * text_width
    found: list[Found] = []
    for position, row in enumerate(_rows(cells, text_width, act_width)):
        title = join_lines(row.title)
        if len(title) < 3 or not row.pages:
            continue
        measure = _measure(doc, row)
        found.append(Found(measure, measure.page, position))
    return found

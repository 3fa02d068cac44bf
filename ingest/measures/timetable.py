"""TABLE (timetable): rows that start with a date under a 'Datum | Aktivitet' header.

Budget instructions, project plans and meeting calendars give their activities as a
timetable::

    Datum     Aktivitet                                   Ansvarig
    År 2026
    12 mars   Uppstart med budgeten 2027 (halvdag). …      Ekonomichef
              planeringsförutsättningar, anvisningar …
    20 mars   Nämnderna ska inkomma till ekonomienheten …
    2027
    31 jan    Nämnderna ska ha fastställt internbudgeten.

A timetable starts at a header line made of column words whose first column is a date
('Datum', 'När', 'Tidpunkt', 'Vecka', 'Månad') and that names an activity ('Aktivitet',
'Händelse', 'Vad', 'Åtgärd'). Each line that opens with a date ('12 mars', '2026-03-12',
'12/3', 'v. 12', 'mars') starts a row; the lines after it continue the row — over blocks
and pages — until a block that opens with something else once the row has its text.
A line that is only a year ('År 2026', '2027') gives the year of the rows after it; a
date without a year takes that year (else the document's year), moving on a year when
the months turn back (Dec → Jan). Each row is one measure: its text the activity, its
date the due; the owner comes from an owner column (when the PDF's layout gives the
columns, ``grid``) or from the text itself ('Ansvarig: …').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.measures.dates import normalise_due
from ingest.measures.grid import Grid, PlainText, find_header
from ingest.measures.list_fields import read_item, split_labels
from ingest.measures.text import Found, clean_line, is_furniture, join_lines, page_blocks
from ingest.pdf_layout import PdfLayout
from lagesbild.swedish import DASH, DASH_IN_CLASS, MONTHS, alternation
from lagesbild.types import Measure, MeasureLayout, Page, Responsibility

_DATE_COLUMNS = frozenset({"datum", "när", "tidpunkt", "vecka", "månad", "tid", "period"})
_ACTIVITY_COLUMNS = frozenset(
    {
        "aktivitet",
        "aktiviteter",
        "händelse",
        "händelser",
        "vad",
        "åtgärd",
        "åtgärder",
        "moment",
        "ärende",
        "innehåll",
        "beskrivning",
        "uppgift",
    }
)
_OTHER_COLUMNS = frozenset(
    {"ansvarig", "ansvar", "vem", "kommentar", "status", "plats", "deltagare", "och", "/", "-"}
)
_MONTH = alternation(MONTHS)
_YEAR_ROW = re.compile(r"^(?:år\s+)?(?P<y>(?:19|20)\d\d)\s*:?$", re.IGNORECASE)
# A date opening a row, then the rest of the line.
_ROW_DATE = re.compile(
    rf"^(?P<date>(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|(?P<d>[0-3]?\d)(?:\s*{DASH}\s*[0-3]?\d)?\s+(?P<mon>{_MONTH})\.?(?:\s+(?P<y>(?:19|20)\d\d))?"
    rf"|(?P<dn>[0-3]?\d)/(?P<mn>1[0-2]|0?[1-9])(?:[/-](?P<yn>(?:19|20)?\d\d))?"
    rf"|(?:v\.?|vecka)\s*(?P<w>[1-5]?\d)"
    rf"|(?P<mo>{_MONTH})(?:\s+(?P<ym>(?:19|20)\d\d))?)"
    rf"(?=[\s:.,;?!{DASH_IN_CLASS}]|$)\s*[:.,;{DASH_IN_CLASS}]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MAX_HEADING_WORDS = 8


@dataclass
class _Row:
    date: str
    month: int | None
    day: int | None
    year: int | None
    page: int
    position: int
    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    owner: list[str] = field(default_factory=list)


@dataclass
class _Line:
    """One line of the table: its date-and-activity text, and its owner cell if known."""

    text: str
    owner: str = ""
    grid: bool = False  # read from layout columns
    dated: bool = False  # its date column is filled
    crosses: bool = False  # running text across the columns


_Block = tuple[int, list[_Line]]


@dataclass
class _State:
    year: int | None
    last_month: int = 0
    rows: list[_Row] = field(default_factory=list)
    section: str = ""
    grid: Grid | None = None


def _words(line: str) -> list[str]:
    return [w.strip(":,.") for w in re.split(r"[\s/]+", line.casefold()) if w.strip(":,.")]


def timetable_header(line: str) -> bool:
    """'Datum Aktivitet', 'När Vad Ansvarig', 'Tidpunkt Händelse': date column first."""
    words = _words(line)
    if len(words) < 2 or words[0] not in _DATE_COLUMNS or not line[:1].isupper():
        return False
    rest = set(words[1:])
    return bool(rest & _ACTIVITY_COLUMNS) and rest <= _ACTIVITY_COLUMNS | _OTHER_COLUMNS


def _row_date(line: str) -> re.Match[str] | None:
    match = _ROW_DATE.match(line)
    if match is None:
        return None
    rest = match.group("rest")
    if match.group("mo") and not match.group("ym") and rest[:1].islower():
        return None  # 'mars är en bra månad' is text, not a row
    return match


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _new_row(match: re.Match[str], state: _State, page: int, position: int) -> _Row:
    g = match.groupdict()
    month: int | None = None
    day: int | None = None
    year = _year(g["y"] or g["yn"] or g["ym"])
    if g["iso"]:
        y, m, d = g["iso"].split("-")
        year, month, day = int(y), int(m), int(d)
    elif g["mon"]:
        month, day = MONTHS[g["mon"].casefold().rstrip(".")], int(g["d"])
    elif g["mn"]:
        month, day = int(g["mn"]), int(g["dn"])
    elif g["mo"]:
        month = MONTHS[g["mo"].casefold().rstrip(".")]
    elif g["w"] and state.year is not None and 1 <= int(g["w"]) <= 52:
        friday = date.fromisocalendar(year or state.year, int(g["w"]), 5)
        month, day = friday.month, friday.day
        year = friday.year
    if year is None and month is not None and state.year is not None:
        if month < state.last_month:
            state.year += 1
        year = state.year
    if year is not None and month is not None:
        state.year, state.last_month = year, month
    row = _Row(match.group("date"), month, day, year, page, position, pages=[page])
    rest = match.group("rest").strip()
    if rest.strip("?!.,;:–- "):
        row.lines.append(rest)
    return row


def _due_text(row: _Row) -> str | None:
    """The row's date with its year, in a form ``normalise_due`` reads."""
    if row.year is None or row.month is None:
        return None
    if row.day is None:
        return f"{row.year:04d}-{row.month:02d}"
    return f"{row.year:04d}-{row.month:02d}-{row.day:02d}"


def _heading_before(lines: list[str]) -> str:
    """The nearest short heading-like line above the header ('Tidplan')."""
    for line in reversed(lines):
        words = line.split()
        if 0 < len(words) <= _MAX_HEADING_WORDS and not line.rstrip().endswith((".", ":", ",")):
            return line.rstrip(" :")
    return ""


def _column_role(text: str) -> str | None:
    """Role of a header segment: 'date', 'activity', 'owner' or 'other'; None if no column."""
    words = _words(text)
    if not words:
        return None
    if words[0] in _DATE_COLUMNS and len(words) == 1:
        return "date"
    if set(words) <= _ACTIVITY_COLUMNS | {"och", "/", "-"}:
        return "activity"
    if words[0] in {"ansvarig", "ansvar", "vem"}:
        return "owner"
    return "other" if set(words) <= _OTHER_COLUMNS else None


def _measure(doc: str, row: _Row, section: str) -> Measure | None:
    main, labels = split_labels(row.lines)
    if not main:
        return None
    fields = read_item(main, labels)
    due_text = _due_text(row)
    due, due_by = normalise_due(due_text) if due_text else (None, None)
    written = row.date
    if row.year is not None and str(row.year) not in row.date:
        written = f"{row.date} {row.year}"
    owner = join_lines(row.owner) if row.owner else fields.owner
    return Measure(
        id="",
        doc=doc,
        page=row.page,
        pages=sorted(set(row.pages)),
        layout=MeasureLayout.TABLE,
        section=section,
        title=fields.title,
        description=fields.description,
        owner=owner,
        responsibilities=[Responsibility(organisation=owner, role="ansvarig", due=due)]
        if owner and row.owner
        else [],
        due_raw=written if due else fields.due_raw,
        due=due or fields.due,
        due_by=due_by or fields.due_by,
        due_earliest=due_by or fields.due_by,
        due_latest=due_by or fields.due_by,
        status_raw=fields.status_raw,
        status=fields.status,
        comments="\n".join(fields.comments) or None,
    )


def _feed(state: _State, lines: list[_Line], page: int, base: int, fresh_block: bool) -> bool:
    """Read one block's lines into rows; False when the block ends the timetable.

    From layout columns, a filled date column starts a row and must hold a date; a line
    of running text across the columns ends the table. From plain text, a line that opens
    with a date starts a row, and a block that opens with anything else ends the table
    once the row has its text."""
    for n, line in enumerate(lines):
        year = _YEAR_ROW.match(line.text)
        if (year and not line.owner) or timetable_header(line.text):
            if year:
                state.year, state.last_month = int(year.group("y")), 0
            continue  # a year row, or the header repeated on a new page
        match = _row_date(line.text)
        current = state.rows[-1] if state.rows else None
        if line.grid:
            starts = line.dated
            if (starts and match is None) or (not starts and (line.crosses or current is None)):
                return False
        else:
            starts = match is not None
            if not starts and (current is None or (n == 0 and fresh_block and current.lines)):
                return False
        if starts and match is not None:
            current = _new_row(match, state, page, base + n)
            state.rows.append(current)
        elif current is not None and re.search(r"\w", line.text):
            current.lines.append(line.text)
        if current is None:
            continue
        if line.owner:
            current.owner.append(line.owner)
        if page not in current.pages:
            current.pages.append(page)
    return True


def _plain_blocks(page: Page) -> list[tuple[int, list[_Line]]]:
    blocks = []
    for block in page_blocks(page):
        lines = [_Line(x) for x in block.lines if not is_furniture(x)]
        if lines:
            blocks.append((block.index * 1000, lines))
    return blocks


def _layout_blocks(text: str, page: Page, grid: Grid | None) -> tuple[list[_Block], Grid | None]:
    """Blocks of layout lines; from a timetable header on, lines are cut into columns."""
    plain = PlainText(page.text or "")
    blocks: list[_Block] = []
    current: list[_Line] = []
    for n, raw in enumerate(text.split("\n")):
        header = find_header(raw, _column_role)
        if header is not None and {"date", "activity"} <= {c.role for c in header.columns}:
            grid = header if header.columns[0].role == "date" else None
            current.append(_Line(clean_line(raw)))
            continue
        if not raw.strip() or is_furniture(raw):
            if current:
                blocks.append((n * 1000, current))
                current = []
            continue
        current.append(_grid_line(raw, grid, plain) if grid else _Line(plain.respace(raw)))
    if current:
        blocks.append((len(blocks) * 1000, current))
    return blocks, grid


def _grid_line(raw: str, grid: Grid, plain: PlainText) -> _Line:
    cells = {role: plain.respace(text) for role, text in grid.cells(raw).items()}
    date, activity = cells.get("date", ""), cells.get("activity", "")
    text = f"{date} {activity}".strip()
    return _Line(
        text, cells.get("owner", ""), grid=True, dated=bool(date), crosses=grid.crosses(raw)
    )


def parse_timetables(
    doc: str, pages: list[Page], year: int | None = None, layout: PdfLayout | None = None
) -> list[Found]:
    """Measures from every date-first timetable among ``pages``."""
    found: list[Found] = []
    state: _State | None = None
    for page in pages:
        grid: Grid | None = None
        blocks = _plain_blocks(page)
        if not any(timetable_header(x.text) for _, b in blocks for x in b) and state is None:
            continue
        layout_text = layout.text(page) if layout is not None else None
        if layout_text:
            blocks, grid = _layout_blocks(layout_text, page, state.grid if state else None)
            if state is not None:
                state.grid = grid
        before: list[str] = []
        for base, lines in blocks:
            if state is not None:
                fresh = True
                if timetable_header(lines[0].text):
                    lines, fresh = lines[1:], False
                if _feed(state, lines, page.number, base, fresh):
                    continue
                found += _close(doc, state)
                state = None
            for n, line in enumerate(lines):
                if timetable_header(line.text):
                    section = _heading_before(before + [x.text for x in lines[:n]])
                    state = _State(year=year, section=section, grid=grid if layout_text else None)
                    _feed(state, lines[n + 1 :], page.number, base + n + 1, False)
                    break
            before += [x.text for x in lines]
    if state is not None:
        found += _close(doc, state)
    return found


def _close(doc: str, state: _State) -> list[Found]:
    found: list[Found] = []
    for row in state.rows:
        measure = _measure(doc, row, state.section)
        if measure is not None:
            found.append(Found(measure, row.page, row.position))
    return found

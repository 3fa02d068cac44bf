"""ACTION_PLAN / TABLE from the columns of a PDF table (layout mode), cells over many lines.

The plain text of a PDF table runs the cells of a row together and wraps each cell on its
own, so 'Byta belysning till LED i Fastighets- 2031-06 Pågår' / 'alla skolor och förskolor
avdelningen' cannot be put back. Layout-mode text (``ingest.pdf_layout``) keeps the columns:
the header line names them (``action_plan.COLUMN_WORDS``: åtgärd/aktivitet/insats,
ansvarig, klart/tidplan, status, kostnad …; a 'Nr' column before the activity is left
out) and each body line is cut into cells
(``grid``); ``grid_rows`` groups the lines into rows, whether the cells are top-aligned,
centred or bottom-aligned. The table runs until a line of running text across the
columns (a one-line row right above it is its heading and is dropped), and goes on over
the next page when that page repeats the header.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ingest.measures.action_plan import COLUMN_WORDS
from ingest.measures.dates import normalise_due
from ingest.measures.grid import Grid, PlainText, find_header
from ingest.measures.grid_rows import GridRow, Line, anchors_of, realign
from ingest.measures.responsibility import owner_rows
from ingest.measures.status import infer_status, is_status_phrase, normalise_status
from ingest.measures.text import Found, is_furniture
from ingest.pdf_layout import PdfLayout
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Page

_COST = frozenset({"kostnad", "kostnader", "budget", "belopp", "finansiering", "resurser"})


_PERIOD = re.compile(
    r"^(?:(?:19|20)\d\d|(?:Q|Kv\.?\s?|Kvartal\s|T|Tertial\s)[1-4](?:\s+(?:19|20)\d\d)?"
    r"|(?:19|20)\d\d\s+(?:Q|Kv\.?\s?|T)[1-4])$",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"(?P<kind>Q|Kv|Kvartal|T|Tertial)\.?\s?(?P<n>[1-4])", re.IGNORECASE)
_PERIODS_IN_LINE = re.compile(r"\b(?:(?:19|20)\d\d|Q[1-4]|Kv\.?\s?[1-4]|T[1-4])\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_SENTENCE_WORDS = 5
# A column of row numbers before the activity ('Nr', 'Nr.', '#', 'Id').
_NUMBER = re.compile(r"^(?:nr\.?|#|id|löpnr)$", re.IGNORECASE)


def period_end(label: str, year: int | None) -> date | None:
    """The last day of a period column: '2026' → 2026-12-31, 'Q2 2026' → 2026-06-30,
    'Kv 3' → the quarter of ``year`` (the document's), 'T1' → the tertial."""
    found = _YEAR.search(label)
    y = int(found.group(0)) if found else year
    quarter = _QUARTER.search(label)
    if y is None:
        return None
    if quarter is None:
        return date(y, 12, 31)
    size = 4 if quarter.group("kind")[:1].casefold() == "t" else 3
    month = int(quarter.group("n")) * size
    return date(y, month, calendar.monthrange(y, month)[1])


def column_role(text: str) -> str | None:
    """Role of a header segment ('Klart senast' → 'due', '2026' → 'period:2026'), None
    when it names no column."""
    if _PERIOD.match(text.strip()):
        return f"period:{text.strip()}"
    if _NUMBER.match(text.strip()):
        return "number"
    words = [w.strip(":,.()") for w in re.split(r"[\s/]+", text.casefold()) if w.strip(":,.()")]
    roles = []
    for word in words:
        role = "cost" if word in _COST else COLUMN_WORDS.get(word)
        if role is None:
            return None
        roles.append(role)
    named = [r for r in roles if r != "filler"]
    return named[0] if named else None


def _table_grid(line: str) -> Grid | None:
    grid = find_header(line, column_role)
    if grid is None:
        return None
    roles = [c.role for c in grid.columns if c.role != "number"]
    periods = [r for r in roles if r.startswith("period:")]
    if not roles or roles[0] != "activity":
        return None
    if not ({"owner", "due"} & set(roles) or len(periods) >= 2):
        return None
    return grid


def _page_rows(text: str, page: Page, grid: Grid | None) -> tuple[list[GridRow], Grid | None, bool]:
    """Rows of the page's table, the grid in force at its end, and whether it runs on."""
    plain = PlainText(page.text or "")
    rows: list[GridRow] = []
    blank = False
    open_table = grid is not None
    for n, raw in enumerate(text.split("\n")):
        header = _table_grid(raw)
        if header is not None:
            grid, open_table, blank = header, True, False
            continue
        if not open_table or grid is None:
            continue
        if not raw.strip() or is_furniture(raw):
            blank = True
            continue
        if grid.crosses(raw):
            open_table = False
            if rows and _heads_text(rows[-1], blank):
                rows.pop()
            continue
        cells = {k: plain.respace(v) for k, v in grid.cells(raw).items()}
        if _page_number(cells):
            continue
        roles = {c.role for c in grid.columns}
        if cells.get("activity") and (not rows or blank or _starts_row(rows[-1], cells, roles)):
            rows.append(GridRow(after_blank=blank))
        if rows:
            rows[-1].lines.append(Line(page.number, n, cells))
        blank = False
    roles = {c.role for c in grid.columns} if grid else set()
    return realign(rows, anchors_of(roles)), grid, open_table


def _page_number(cells: dict[str, str]) -> bool:
    """A lone number under an owner, due or status column is the page's number."""
    ((role, text),) = cells.items() if len(cells) == 1 else ((None, ""),)
    return role in {"owner", "due", "status"} and bool(re.fullmatch(r"\d{1,3}", text))


def _closing_sentence(rows: list[GridRow]) -> bool:
    """The last row is a sentence under the table ('Nämnden följer upp planen …'): only an
    activity cell, a full sentence, below rows that all have more than their activity."""
    if len(rows) < 2 or rows[-1].roles != {"activity"}:
        return False
    text = rows[-1].get("activity") or ""
    return (
        text.endswith(".")
        and len(text.split()) >= _SENTENCE_WORDS
        and all(r.roles - {"activity"} for r in rows[:-1])
    )


def _heads_text(row: GridRow, blank: bool) -> bool:
    """A one-line row of only an activity cell, right above running text that crosses the
    columns, is that text's heading ('Uppföljning'), not a row of the table."""
    return not blank and row.after_blank and len(row.lines) == 1 and row.roles == {"activity"}


def _starts_row(row: GridRow, cells: dict[str, str], roles: set[str]) -> bool:
    """A line opens a new row when it fills an anchor cell (due or status; else owner) that
    the current row has filled already: those cells are short and on one line."""
    anchors = anchors_of(roles)
    return bool(anchors & set(cells) and anchors & row.roles)


def _marked(row: GridRow, year: int | None) -> list[tuple[str, date]]:
    """(label, end) of the period columns the row marks ('X', '●', text), in order."""
    marks = []
    for role in row.roles:
        if role.startswith("period:") and row.get(role):
            end = period_end(role.removeprefix("period:"), year)
            if end is not None:
                marks.append((role.removeprefix("period:"), end))
    return sorted(marks, key=lambda m: m[1])


def _measure(doc: str, row: GridRow, layout: MeasureLayout, year: int | None) -> Measure | None:
    title = row.get("activity")
    if not title:
        return None
    owner = row.get("owner")
    due_raw = row.get("due")
    due, due_by = normalise_due(due_raw)
    earliest = latest = due_by
    marks = _marked(row, year)
    if marks and due is None:
        due_raw = marks[0][0] if len(marks) == 1 else f"{marks[0][0]}–{marks[-1][0]}"
        due, due_by = normalise_due(marks[-1][0] if _YEAR.search(marks[-1][0]) else None)
        due_by = due_by or marks[-1][1]
        due = due or due_by.isoformat()[:7]
        earliest, latest = marks[0][1], marks[-1][1]
    status_raw = row.get("status")
    status = normalise_status(status_raw)
    if status is MeasureStatus.UNKNOWN:
        status = infer_status(status_raw)
    comments = [status_raw] if status_raw and not is_status_phrase(status_raw) else []
    comments += [f"Kostnad: {c}" for c in [row.get("cost")] if c]
    return Measure(
        id="",
        doc=doc,
        page=row.page,
        pages=row.pages,
        layout=layout,
        title=title,
        description=row.get("description") or "",
        owner=owner,
        responsibilities=owner_rows(owner, due_raw, due, due_by),
        due_raw=due_raw,
        due=due,
        due_by=due_by,
        due_earliest=earliest,
        due_latest=latest,
        status_raw=status_raw,
        status=status,
        forecast=row.get("forecast"),
        comments="\n".join(comments) or None,
    )


def parse_grid_tables(
    doc: str, pages: list[Page], layout: PdfLayout | None, year: int | None = None
) -> list[Found]:
    """Measures from the column tables of PDF pages whose header names an activity column
    and an owner or due column."""
    if layout is None:
        return []
    found: list[Found] = []
    grid: Grid | None = None
    for page in pages:
        lines = (page.text or "").split("\n")
        if grid is None and not any(_looks_like_header(x) for x in lines):
            continue
        text = layout.text(page)
        if not text:
            grid = None
            continue
        rows, grid, runs_on = _page_rows(text, page, grid)
        grid = grid if runs_on else None
        if _closing_sentence(rows):
            rows.pop()
        for row in rows:
            roles = row.roles
            kind = (
                MeasureLayout.ACTION_PLAN
                if "owner" in roles and {"due", "status"} & roles
                else MeasureLayout.TABLE
            )
            measure = _measure(doc, row, kind, year)
            if measure is not None:
                found.append(Found(measure, row.page, row.position))
    return found


def _looks_like_header(line: str) -> bool:
    roles = [column_role(w) for w in line.split()]
    periods = _PERIODS_IN_LINE.findall(line)
    return "activity" in roles and (bool({"owner", "due"} & set(roles)) or len(periods) >= 2)

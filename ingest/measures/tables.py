"""Real tables (PPTX, DOCX): action plans and status tables read cell by cell.

When the reader found a real table (``Page.tables``), its header row names the columns
and nothing has to be guessed from text order. A table with an owner or due column is
an ACTION_PLAN ('Åtgärd | Ansvar | Klart senast | Status'); one with only a status
column is a STATUS_TABLE ('Innehåll | Status | Prognos effekthemtagning'). A row with
only its first cell filled — or one cell merged across the table — is a group heading
(``section``); a row with an empty first cell continues the row above. An unnamed first
column ('Nr') names the rows only when no other column is the activity. A header may ask
('Vad ska göras? | Hur? | Vem ansvarar? | När?'). A two-column table that labels the fields
of one measure ('Insats | …', 'Ansvarig | …', 'Tidsplan | …') is one KEY_VALUE measure
(``field_table``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.measures.action_plan import COLUMN_WORDS
from ingest.measures.dates import normalise_due
from ingest.measures.field_table import parse_field_table
from ingest.measures.responsibility import owner_rows, parties, shared_owners
from ingest.measures.status import infer_status, is_status_phrase, normalise_status
from ingest.measures.text import Found
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Page, Responsibility, Table


@dataclass
class _Row:
    cells: dict[str, list[str]] = field(default_factory=dict)
    section: str = ""

    def get(self, role: str) -> str | None:
        """The row's text in a column role, parts joined by newlines."""
        text = "\n".join(t for t in self.cells.get(role, []) if t)
        return text or None


def column_roles(header: list[str]) -> list[str | None]:
    """The role of each header cell ('Klart senast' → due); None for unknown columns."""
    roles: list[str | None] = []
    for cell in header:
        words = [w.strip(":,.()?") for w in re.split(r"[\s/]+", cell.casefold()) if w]
        found = [COLUMN_WORDS.get(w) for w in words]
        named = [r for r in found if r and r != "filler"]
        roles.append(named[0] if named else None)
    if roles and roles[0] is None and "activity" not in roles:
        roles[0] = "activity"  # the first column names the row (not a 'Nr' before 'Åtgärd')
    if "activity" not in roles and "description" in roles:
        roles[roles.index("description")] = "activity"  # 'Innehåll' in a status table
    return roles


def table_layout(roles: list[str | None]) -> MeasureLayout | None:
    """ACTION_PLAN with an owner and a due or status column; STATUS_TABLE with a status
    column and no owner; None otherwise (a 'Datum | Aktivitet' timetable is no plan)."""
    named = set(roles)
    if "owner" in named and named & {"due", "status"}:
        return MeasureLayout.ACTION_PLAN
    if "status" in named:
        return MeasureLayout.STATUS_TABLE
    return None


def _rows(table: Table, roles: list[str | None]) -> list[_Row]:
    """Body rows by role; group headings and continuation rows folded in."""
    rows: list[_Row] = []
    section = ""
    width = len(table.rows[0])
    for cells in table.rows[1:]:
        filled = [i for i, text in enumerate(cells) if text.strip()]
        if filled == [0] and max(len(cells), width) > 2:  # merged cells read as one
            section = cells[0].strip()
            continue
        if not filled:
            continue
        if 0 not in filled and rows:
            row = rows[-1]
        else:
            row = _Row(section=section)
            rows.append(row)
        for role, text in zip(roles, cells, strict=False):
            if role and role != "filler" and text.strip():
                row.cells.setdefault(role, []).append(text.strip())
    return rows


def _parties(
    row: _Row, due_raw: str | None, due: str | None, due_by: date | None
) -> list[Responsibility]:
    """Rows for an owner cell naming several parties, and for each partner ('Samverkanspart',
    'Medverkande'); a single owner alone is the measure's owner and needs no row."""
    partners = [
        Responsibility(organisation=p, role="medverkande") for p in parties(row.get("partner"))
    ]
    owner = row.get("owner")
    if not partners:
        return shared_owners(owner, due_raw, due, due_by)
    return owner_rows(owner, due_raw, due, due_by) + partners


def _measure(doc: str, page: Page, row: _Row, layout: MeasureLayout) -> Measure | None:
    title = row.get("activity")
    if not title:
        return None
    due_raw = row.get("due")
    due, due_by = normalise_due(due_raw)
    status_raw = row.get("status")
    status = normalise_status(status_raw)
    if status is MeasureStatus.UNKNOWN:
        status = infer_status(status_raw)
    comments = status_raw if status_raw and not is_status_phrase(status_raw) else None
    return Measure(
        id="",
        doc=doc,
        page=page.number,
        pages=[page.number],
        layout=layout,
        section=row.section or (page.title or ""),
        title=title,
        description=row.get("description") or "",
        owner=row.get("owner"),
        responsibilities=_parties(row, due_raw, due, due_by),
        due_raw=due_raw,
        due=due,
        due_by=due_by,
        status_raw=status_raw,
        status=status,
        forecast=row.get("forecast"),
        comments=comments,
    )


def parse_tables(doc: str, page: Page) -> list[Found]:
    """Measures from the real tables of a page whose header names measure columns."""
    found: list[Found] = []
    for number, table in enumerate(page.tables):
        if len(table.rows) < 2:
            continue
        roles = column_roles(table.rows[0])
        layout = table_layout(roles)
        if layout is None:
            box = parse_field_table(doc, page, table)
            if box is not None:
                found.append(Found(box, page.number, number * 1000))
            continue
        for index, row in enumerate(_rows(table, roles)):
            measure = _measure(doc, page, row, layout)
            if measure is not None:
                found.append(Found(measure, page.number, number * 1000 + index))
    return found

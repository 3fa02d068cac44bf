"""KEY_VALUE from a real table that describes one measure, a field per row.

Plans that give every measure a box of its own write it as a two-column Word table::

    Insats        Mobila vårdteam för äldre i hemmet
    Beskrivning   Läkare och sjuksköterskor gör hembesök …
    Ansvarig      Hälso- och sjukvårdsförvaltningen
    Medverkande   Kommunernas hemsjukvård
    Tidsplan      Kvartal 4 2026
    Status        Pågår

The left column holds field labels (those of ``labels.label_of``, plus the name of the
measure: Insats/Åtgärd/Aktivitet/Uppdrag). A table is such a box when it names the measure
and an owner or a deadline; a partner ('Medverkande', 'Samverkan') is a party, never the
owner.
"""

from __future__ import annotations

from ingest.measures.dates import normalise_due
from ingest.measures.labels import label_of
from ingest.measures.responsibility import owner_rows, parties
from ingest.measures.status import infer_status, normalise_status
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Page, Responsibility, Table

_NAME_LABELS = frozenset(
    {"insats", "åtgärd", "aktivitet", "uppdrag", "åtgärdsförslag", "namn", "benämning", "rubrik"}
)
_WIDTH = 2


def _fields(table: Table) -> dict[str, list[str]] | None:
    """The table's values by field, or None when a row is not 'label | value'."""
    fields: dict[str, list[str]] = {}
    for row in table.rows:
        cells = [c.strip() for c in row]
        if len(cells) != _WIDTH or not cells[0]:
            return None
        key = cells[0].casefold().strip(" :?")
        labelled = label_of(f"{key}: {cells[1]}")
        kind = "name" if key in _NAME_LABELS else labelled[0] if labelled else None
        if kind is None:
            return None
        if cells[1]:
            fields.setdefault(kind, []).append(cells[1])
    return fields


def parse_field_table(doc: str, page: Page, table: Table) -> Measure | None:
    """The measure a 'label | value' table describes, else None."""
    fields = _fields(table) if len(table.rows) >= 3 else None
    if not fields or "name" not in fields or not {"owner", "due"} & fields.keys():
        return None

    def value(kind: str) -> str | None:
        return "\n".join(fields.get(kind, [])) or None

    owner, due_raw, status_raw = value("owner"), value("due"), value("status")
    due, due_by = normalise_due(due_raw)
    status = normalise_status(status_raw)
    if status is MeasureStatus.UNKNOWN and status_raw:
        status = infer_status(status_raw)
    rows = owner_rows(owner, due_raw, due, due_by)
    rows += [Responsibility(organisation=p, role="medverkande") for p in parties(value("partner"))]
    comments = [f"Kostnad: {v}" for v in [value("cost")] if v] + fields.get("comment", [])
    return Measure(
        id="",
        doc=doc,
        page=page.number,
        pages=[page.number],
        layout=MeasureLayout.KEY_VALUE,
        section=page.title or "",
        title=" ".join(fields["name"]),
        description=value("description") or "",
        owner=owner,
        responsibilities=rows,
        due_raw=due_raw,
        due=due,
        due_by=due_by,
        due_earliest=due_by,
        due_latest=due_by,
        status_raw=status_raw,
        status=status,
        comments="\n".join(comments) or None,
        risks=value("risks"),
        next_steps=value("next"),
    )

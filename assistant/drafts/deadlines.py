"""Bevakning: the measures that are overdue or fall due within a number of days, per owner.

A measure with ``responsibilities`` (one row per responsible party with its own deadline)
gives one line per row: the party is the owner, the row's deadline the date. Otherwise the
measure's own owner and ``due_by`` count; when its rows span several deadlines
(``due_earliest`` before ``due_latest``) the earliest is watched first and, once it has
passed, the latest — the line says which. Done measures (status *klar*) are never listed;
a measure without a deadline is counted, not listed.

Days are counted from ``today`` (given, so a test or a report can fix the date):
negative for overdue, 0 for today.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import Field

from lagesbild.types import Measure, MeasureStatus, Record, Responsibility

NO_OWNER = "Ansvarig saknas"
DEFAULT_DAYS = 30


class DeadlineItem(Record):
    """One deadline of a measure that is overdue or falls due soon."""

    measure_id: str = Field(description="Id of the register measure.")
    title: str = Field(description="Name of the measure, as written.")
    owner: str = Field(description="Responsible party (Swedish 'Ansvarig saknas' if none).")
    role: str | None = Field(default=None, description="The party's role, if stated.")
    due: date = Field(description="The deadline watched (last day of its period).")
    due_raw: str | None = Field(default=None, description="The deadline as written.")
    which: str = Field(default="", description="'första' / 'sista' when the measure has several.")
    days: int = Field(description="Days from today to the deadline; negative when overdue.")
    overdue: bool = Field(description="True when the deadline has passed.")
    status: MeasureStatus = Field(description="Normalised status.")
    status_raw: str | None = Field(default=None, description="Status text, as written.")
    status_source: str = Field(default="unknown", description="Where the status comes from.")
    doc: str = Field(description="File name of the source document.")
    page: int = Field(description="1-based page where the measure starts.")

    @property
    def when(self) -> str:
        """'förfallen sedan 12 dagar', 'förfaller i dag', 'om 5 dagar' (Swedish)."""
        if self.overdue:
            return f"förfallen sedan {-self.days} {_dagar(-self.days)}"
        if self.days == 0:
            return "förfaller i dag"
        return f"om {self.days} {_dagar(self.days)}"

    @property
    def short_when(self) -> str:
        """'förfallen (12 d)', 'i dag', 'om 5 d' (for narrow tables)."""
        if self.overdue:
            return f"förfallen ({-self.days} d)"
        return "i dag" if self.days == 0 else f"om {self.days} d"


class OwnerDeadlines(Record):
    """The deadlines of one owner: overdue first (oldest first), then the coming ones."""

    owner: str = Field(description="Responsible party.")
    items: list[DeadlineItem] = Field(default_factory=list, description="Deadlines, in order.")


class DeadlineWatch(Record):
    """Bevakning: overdue and coming deadlines, per owner."""

    today: date = Field(description="The date counted from.")
    days: int = Field(description="How many days ahead are watched.")
    owner_filter: str | None = Field(default=None, description="Owner filter, if any.")
    owners: list[OwnerDeadlines] = Field(default_factory=list, description="Per owner.")
    overdue: int = Field(default=0, description="Number of overdue deadlines.")
    upcoming: int = Field(default=0, description="Number of deadlines within the window.")
    undated: int = Field(default=0, description="Measures not done that have no deadline.")


def watch_deadlines(
    measures: Iterable[Measure],
    today: date,
    days: int = DEFAULT_DAYS,
    owner: str | None = None,
) -> DeadlineWatch:
    """The overdue deadlines and those within ``days`` of ``today`` (see the module doc)."""
    items: list[DeadlineItem] = []
    undated = 0
    for m in measures:
        if m.status is MeasureStatus.DONE:
            continue
        found = list(_deadlines(m, today))
        if not found:
            undated += 1
        items.extend(i for i in found if i.overdue or i.days <= days)
    if owner:
        wanted = owner.casefold()
        items = [i for i in items if wanted in i.owner.casefold()]
    by_owner: dict[str, list[DeadlineItem]] = {}
    for item in sorted(items, key=lambda i: (i.due, i.title, i.doc, i.page)):
        by_owner.setdefault(item.owner, []).append(item)
    owners = [
        OwnerDeadlines(owner=name, items=listed)
        for name, listed in sorted(by_owner.items(), key=lambda kv: (kv[0] == NO_OWNER, kv[0]))
    ]
    return DeadlineWatch(
        today=today,
        days=days,
        owner_filter=owner,
        owners=owners,
        overdue=sum(i.overdue for i in items),
        upcoming=sum(not i.overdue for i in items),
        undated=undated,
    )


def _deadlines(m: Measure, today: date) -> Iterable[DeadlineItem]:
    rows = [r for r in m.responsibilities if r.due_by is not None]
    if rows:
        for row in rows:
            yield _item(m, today, row.organisation or m.owner, row, row.due_by, row.due_raw, "")
        return
    earliest, latest = m.due_earliest, m.due_latest or m.due_by
    if earliest is not None and latest is not None and earliest < latest:
        due, which = (earliest, "första") if earliest >= today else (latest, "sista")
        yield _item(m, today, m.owner, None, due, m.due_raw, which)
    elif latest is not None:
        yield _item(m, today, m.owner, None, latest, m.due_raw, "")


def _item(
    m: Measure,
    today: date,
    owner: str | None,
    row: Responsibility | None,
    due: date | None,
    due_raw: str | None,
    which: str,
) -> DeadlineItem:
    assert due is not None
    days = (due - today).days
    return DeadlineItem(
        measure_id=m.id,
        title=m.title,
        owner=" ".join((owner or "").split()) or NO_OWNER,
        role=row.role if row else None,
        due=due,
        due_raw=due_raw or m.due_raw,
        which=which,
        days=days,
        overdue=days < 0,
        status=m.status,
        status_raw=m.status_raw,
        status_source=m.status_source.value,
        doc=m.doc,
        page=m.page,
    )


def _dagar(n: int) -> str:
    return "dag" if n == 1 else "dagar"

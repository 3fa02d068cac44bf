"""Responsibility tables under a measure: one row per party, with its role and deadline.

Plans that describe each measure at length often close it with a small table::

    Organisation            Roll              Klart
    Kommunstyrelsen         Huvudansvarig     2025
    Samhällsbyggnads-       Medverkande       2024–2026
    förvaltningen

A header is a line made of party, role and deadline column words (at least two of them,
one a party or a deadline). From layout-mode text (``grid``) each row's cells come from
their columns, and a line with only a party cell continues the party of the row above.
From plain text a row is one line: the deadline is the date expression that closes it,
the role the role word before that ('huvudansvarig', 'medverkande'), the party the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.measures.dates import find_due, is_due_text, normalise_due
from ingest.measures.grid import Grid
from ingest.measures.text import join_lines
from lagesbild.types import Responsibility

_PARTY_WORDS = frozenset(
    {
        "organisation",
        "organisationer",
        "aktör",
        "aktörer",
        "ansvarig",
        "ansvariga",
        "part",
        "parter",
        "förvaltning",
        "förvaltningar",
        "nämnd",
        "nämnder",
        "bolag",
        "huvudman",
        "utförare",
        "vem",
        "enhet",
        "verksamhet",
        "ansvarig aktör",
        "ansvarig förvaltning",
        "ansvarig nämnd",
        "ansvarig enhet",
        "ansvarig organisation",
    }
)
_ROLE_WORDS = frozenset({"roll", "roller", "ansvar", "typ av ansvar", "ansvarsroll", "funktion"})
_DUE_WORDS = frozenset(
    {
        "klart",
        "klar",
        "klart senast",
        "senast",
        "tidpunkt",
        "tidplan",
        "tidsplan",
        "deadline",
        "när",
        "datum",
        "år",
        "period",
        "genomförs",
        "slutdatum",
        "tidsram",
    }
)
_COST_WORDS = frozenset({"kostnad", "kostnader", "budget", "belopp", "finansiering", "resurser"})
# Roles a party can have in a row.
_ROLE_VALUES = re.compile(
    r"\b(?P<role>huvudansvarig[a]?|ansvarig[a]?|medansvarig[a]?|delansvarig[a]?|medverkande"
    r"|deltar|deltagande|delaktig[a]?|stödjande|stöd|samordnare|samordnande|samordningsansvarig"
    r"|utförare|genomförare|utförande|initiativtagare|samverkanspart|samverkan|beställare"
    r"|processägare|ägare|informeras|konsulteras|rådgivande|finansiär|medfinansiär)\b",
    re.IGNORECASE,
)


def column_role(text: str) -> str | None:
    """The role of a header segment: 'party', 'role', 'due', 'cost'; None otherwise."""
    key = re.sub(r"\s+", " ", text.casefold().strip(" :.")).replace("/", " ")
    for words, role in (
        (_PARTY_WORDS, "party"),
        (_ROLE_WORDS, "role"),
        (_DUE_WORDS, "due"),
        (_COST_WORDS, "cost"),
    ):
        if key in words:
            return role
    return None


def _pipe_roles(line: str) -> list[str] | None:
    """Roles of a table row rendered as 'Organisation | Roll | Klart' (DOCX/PPTX)."""
    roles = [column_role(cell) for cell in line.split("|")]
    named = [r for r in roles if r is not None]
    if len(named) != len(roles) or len(set(named)) != len(named) or len(named) < 2:
        return None
    return named if {"party", "due"} & set(named) else None


def rows_from_pipes(roles: list[str], lines: list[str]) -> tuple[list[Responsibility], int]:
    """Rows of a table rendered with ' | ' between the cells, under a header of ``roles``."""
    rows: list[_Row] = []
    used = 0
    for line in lines:
        cells = [c.strip() for c in line.split("|")]
        if "|" not in line or len(cells) != len(roles):
            break
        row = _Row()
        for role, text in zip(roles, cells, strict=True):
            if text:
                getattr(row, role).append(text)
        rows.append(row)
        used += 1
    return [r for r in (_responsibility(row) for row in rows) if r is not None], used


def header_roles(line: str) -> list[str] | None:
    """Column roles of a plain responsibility header line ('Organisation Roll Klart')."""
    if "|" in line:
        return _pipe_roles(line)
    words = line.split()
    roles: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            role = column_role(" ".join(words[i : i + size])) if i + size <= len(words) else None
            if role is not None:
                roles.append(role)
                i += size
                break
        else:
            return None
    if len(roles) < 2 or len(set(roles)) != len(roles) or not {"party", "due"} & set(roles):
        return None
    return roles if "party" in roles or "role" in roles else None


@dataclass
class _Row:
    party: list[str] = field(default_factory=list)
    role: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)
    cost: list[str] = field(default_factory=list)


def _plain_row(line: str) -> _Row | None:
    """'Kommunstyrelsen Huvudansvarig 2025' → party, role, due; None when nothing fits."""
    words = line.split()
    due: list[str] = []
    for n in (3, 2, 1):
        tail = " ".join(words[-n:])
        if len(words) > n and is_due_text(tail, max_words=3) and find_due(tail):
            due, words = [tail], words[:-n]
            break
    text = " ".join(words)
    role: list[str] = []
    matches = list(_ROLE_VALUES.finditer(text))
    match = matches[-1] if matches else None
    if match is not None and match.start() > 0:
        role = [text[match.start() :].strip(" ,;")]
        text = text[: match.start()].strip(" ,;–-")
    if not due and not role:
        return None
    return _Row(party=[text] if text else [], role=role, due=due)


def rows_from_plain(lines: list[str]) -> tuple[list[Responsibility], int]:
    """Responsibility rows from plain lines after a header, and how many lines they used.

    A line that fits no row (no role, no deadline) continues the party of the row above
    when it starts in lower case or the party ends with a hyphen; otherwise the table ends.
    """
    rows: list[_Row] = []
    used = 0
    for line in lines:
        row = _plain_row(line)
        if row is not None:
            rows.append(row)
        elif rows and (line[:1].islower() or (rows[-1].party and rows[-1].party[-1].endswith("-"))):
            rows[-1].party.append(line)
        else:
            break
        used += 1
    return [r for r in (_responsibility(row) for row in rows) if r is not None], used


def rows_from_grid(grid: Grid, lines: list[str]) -> tuple[list[Responsibility], int]:
    """Responsibility rows from layout lines under a grid, and how many lines they used."""
    rows: list[_Row] = []
    used = 0
    for raw in lines:
        if not raw.strip() or grid.crosses(raw):
            break
        cells = grid.cells(raw)
        others = {k: v for k, v in cells.items() if k != "party"}
        if cells.get("party") and (not rows or others):
            rows.append(_Row())
        elif not rows:
            break
        for role, text in cells.items():
            getattr(rows[-1], role if role in ("party", "role", "due", "cost") else "cost").append(
                text
            )
        used += 1
    return [r for r in (_responsibility(row) for row in rows) if r is not None], used


def _responsibility(row: _Row) -> Responsibility | None:
    party = join_lines(row.party) if row.party else None
    if not party and not row.due:
        return None
    due_raw = join_lines(row.due) or None
    due, due_by = normalise_due(due_raw)
    return Responsibility(
        organisation=party,
        role=join_lines(row.role).casefold() or None,
        due_raw=due_raw,
        due=due,
        due_by=due_by,
    )


def due_span(rows: list[Responsibility], own: str | None = None) -> tuple[date | None, date | None]:
    """Earliest and latest deadline over the rows (and the measure's own due text).

    A span ('2024–2026') counts with both ends: done by the end of 2024 at the earliest,
    of 2026 at the latest.
    """
    dates: list[date] = []
    for text in [own, *(r.due_raw for r in rows)]:
        dates += span_dates(text)
    return (min(dates), max(dates)) if dates else (None, None)


_SPAN = re.compile(r"(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d)")


def span_dates(text: str | None) -> list[date]:
    """The due dates a text stands for: both ends of a year span, else its one due."""
    if not text:
        return []
    span = _SPAN.search(text)
    if span and int(span.group("b")) >= int(span.group("a")):
        return [date(int(span.group("a")), 12, 31), date(int(span.group("b")), 12, 31)]
    _, due_by = normalise_due(text)
    return [due_by] if due_by else []


_PARTIES = re.compile(r"\s*[,;\n]\s*|\s*/\s*(?=[A-ZÅÄÖ])|\s+(?:och|samt)\s+(?=[A-ZÅÄÖ])")


def parties(cell: str | None) -> list[str]:
    """The organisations a cell names: 'Utbildningsförvaltningen, Socialförvaltningen' and
    'Samhällsbyggnadsnämnden och Tekniska nämnden' are two; 'Kultur- och
    fritidsförvaltningen' and 'Miljö- och byggnämnden' are one."""
    return [p.strip(" .") for p in _PARTIES.split(cell or "") if p and p.strip(" .")]


def owner_rows(
    owner: str | None, due_raw: str | None, due: str | None, due_by: date | None
) -> list[Responsibility]:
    """One 'ansvarig' row per organisation of an owner cell, each with the row's due."""
    return [
        Responsibility(organisation=name, role="ansvarig", due_raw=due_raw, due=due, due_by=due_by)
        for name in parties(owner)
    ]


def shared_owners(
    owner: str | None, due_raw: str | None, due: str | None, due_by: date | None
) -> list[Responsibility]:
    """One row per organisation when an owner cell names several ('Utbildnings-
    förvaltningen, Socialförvaltningen'); a single owner is the measure's owner alone."""
    return owner_rows(owner, due_raw, due, due_by) if len(parties(owner)) > 1 else []

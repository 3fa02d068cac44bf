"""`lagesbild bevakning`: measures overdue and falling due within N days, per owner.

A table per owner on stdout (readable at 80 columns), ``--json`` for the record, ``--out``
for a Markdown or Word file (an existing file only with ``--force``; see
:mod:`assistant.drafts.deadlines`).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from assistant.cli_drafts import ForceOpt, check_out
from assistant.cli_tables import TITLE_MIN, Layout, layout_for, plain
from assistant.console import err, out, print_json
from assistant.drafts.deadlines import DEFAULT_DAYS, DeadlineWatch, watch_deadlines
from assistant.drafts.export import write_draft
from assistant.drafts.month_blocks import deadline_blocks, watch_summary
from assistant.service import open_library


def bevakning(
    days: Annotated[
        int, typer.Option("--days", min=0, help="Hur många dagar framåt som bevakas.")
    ] = DEFAULT_DAYS,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Bara ansvarig som innehåller denna text.")
    ] = None,
    today: Annotated[
        datetime | None,
        typer.Option(
            "--datum", formats=["%Y-%m-%d"], help="Räkna från detta datum; standard: i dag."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")] = False,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Skriv till en fil: .md eller .docx.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Bevakning: förfallna åtgärder och de som förfaller inom --days dagar, per ansvarig."""
    check_out(out_path, force)
    with open_library() as library:
        measures = library.register.measures()
    day = today.date() if today else date.today()
    watch = watch_deadlines(measures, day, days, owner)
    if out_path is not None:
        write_draft(deadline_blocks(watch, level=0), out_path)
        err.print(f"Skrev {out_path}.", highlight=False, markup=False)
    if as_json:
        print_json(watch)
    elif out_path is None:
        print_watch(watch)


def print_watch(watch: DeadlineWatch) -> None:
    """One table per owner; the summary line first. No markup is read from the texts.

    The status column shows the normalised status (the text as written is in --json). Below
    ``WIDE`` columns the 'Läge' (how overdue, or how soon) goes under the date.
    """
    wide = layout_for(out.width) is Layout.WIDE
    out.print(Text(watch_summary(watch)), soft_wrap=False)
    for group in watch.owners:
        table = Table(title=plain(group.owner, "bold"), title_justify="left", expand=True)
        table.add_column("Åtgärd och källa", ratio=1, min_width=TITLE_MIN, overflow="fold")
        table.add_column("Tidpunkt", width=10 if wide else 18, overflow="fold")
        if wide:
            table.add_column("Läge", width=18, overflow="fold")
        table.add_column("Status", width=14 if wide else 13, overflow="fold")
        for item in group.items:
            when = plain(item.short_when, "bold red" if item.overdue else "")
            due = plain(item.due.isoformat())
            if not wide:
                due.append("\n")
                due.append_text(when)
            cells = [
                Text.assemble(plain(item.title), "\n", plain(f"{item.doc} s. {item.page}", "dim")),
                due,
            ]
            cells += [when] if wide else []
            table.add_row(*cells, plain(item.status.value))
        out.print(table)

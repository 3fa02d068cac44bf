"""`lagesbild draft revisorer` and `lagesbild summary clg`: drafts without a language model.

Markdown goes to stdout unless ``--out`` names a file (.md or .docx; an existing file is only
overwritten with ``--force``); ``--json`` prints the draft's record instead. Notes and
"skrev fil" messages go to stderr.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel

from assistant.console import err, literal, print_json, refuse_overwrite
from assistant.drafts.export import check_output, to_markdown, write_draft
from assistant.drafts.models import ClgSummary
from assistant.drafts.outline import Block
from assistant.service import DraftKind, DraftText, make_draft, open_library

JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv utkastet som JSON på stdout.")]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Skriv till en fil: .md (Markdown) eller .docx (Word)."),
]

ForceOpt = Annotated[
    bool, typer.Option("--force", help="Skriv över filen som --out anger om den redan finns.")
]

DateOpt = Annotated[
    datetime | None,
    typer.Option(
        "--datum",
        formats=["%Y-%m-%d"],
        help="Räkna förfallna och kommande tidpunkter från detta datum (ÅÅÅÅ-MM-DD); "
        "standard: i dag.",
    ),
]

draft_app = typer.Typer(help="Utkast till dokument, sammanställda ur underlaget.")
summary_app = typer.Typer(help="Sammanfattningar av inlästa rapporter.")


@draft_app.command("revisorer")
@draft_app.command("revisor", hidden=True)
def revisorer(
    doc: Annotated[
        str, typer.Option("--doc", help="Revisorernas rapport (filnamn eller del av det).")
    ],
    out: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Utkast till svar till revisorerna: kritiken, åtgärder, belägg och vad som saknas."""
    draft = _make(DraftKind.REVISOR, doc, out, force)
    if draft.note:
        err.print(f"[yellow]Obs:[/] {literal(draft.note)}", highlight=False)
    _emit(draft.record, draft.blocks, out, as_json)


@summary_app.command("clg")
def clg(
    doc: Annotated[
        str | None,
        typer.Option("--doc", help="Månadsrapporten (del av filnamnet); standard: den senaste."),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            help="Förra månadens rapport (del av filnamnet); standard: föregående månad i "
            "samma serie, om den är inläst. Med --json skrivs då bara förändringarna.",
        ),
    ] = None,
    today: DateOpt = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Sammanfattning för CLG: förändringar sedan förra rapporten, varje uppdrag med färg,
    regeln bakom färgen och nyckeltal."""
    draft = _make(DraftKind.CLG, doc, out, force, compare, _day(today))
    summary = draft.record
    assert isinstance(summary, ClgSummary)
    if summary.comparison is not None:
        err.print(
            f"Jämför med {summary.comparison.previous_report}.", highlight=False, markup=False
        )
    record: BaseModel = summary
    if compare is not None and summary.comparison is not None:
        record = summary.comparison
    _emit(record, draft.blocks, out, as_json)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _make(
    kind: DraftKind,
    doc: str | None,
    out: Path | None,
    force: bool,
    compare: str | None = None,
    today: date | None = None,
) -> DraftText:
    """Check the output path first (before any work), then make the draft from the library."""
    check_out(out, force)
    with open_library() as library:
        return make_draft(library, kind, doc, compare, today)


def check_out(out: Path | None, force: bool) -> None:
    """Before any work: ``--out`` must end in .md or .docx and, without ``--force``, must not
    name an existing file (the same rule for every command that writes a draft)."""
    if out is not None:
        check_output(out)
        refuse_overwrite(out, force)


def _emit(record: BaseModel, blocks: Sequence[Block], out: Path | None, as_json: bool) -> None:
    """The file (if asked for), then JSON or (without a file) Markdown on stdout."""
    if out is not None:
        write_draft(blocks, out)
        err.print(f"Skrev {literal(out)}.", highlight=False)
    if as_json:
        print_json(record)
    elif out is None:
        text = to_markdown(blocks)
        if sys.stdout.isatty():
            text = wrap_markdown(text, shutil.get_terminal_size().columns)
        sys.stdout.write(text)


_PREFIX = re.compile(r"^(?:#+ |> |- |\d+\. )")


def wrap_markdown(text: str, width: int) -> str:
    """Markdown with paragraphs, quotes and list items wrapped at ``width`` (a terminal),
    continuation lines indented under their item; headings and tables as they are."""
    lines = []
    for line in text.split("\n"):
        prefix = _PREFIX.match(line)
        if len(line) <= width or line.startswith(("#", "|")):
            lines.append(line)
            continue
        lead = prefix.group(0) if prefix else ""
        indent = "> " if lead == "> " else " " * len(lead)
        lines.extend(
            textwrap.wrap(
                line[len(lead) :],
                max(width, 40),
                initial_indent=lead,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)

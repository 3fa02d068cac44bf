"""The `lagesbild` command line. stdout carries results (clean JSON with --json);
diagnostics and progress go to stderr.

Exit codes: 0 ok, 1 usage or configuration error, 2 some inputs failed (the others done).
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.cli_assistant import ask, check, models
from assistant.cli_bevakning import bevakning
from assistant.cli_drafts import draft_app, summary_app
from assistant.cli_search import VERBOSE_FLAGS, VerboseOpt, run_typer, search
from assistant.cli_tables import documents_table, figures_table, measures_table
from assistant.console import err, literal, out, print_json
from assistant.service import DocumentRow, document_rows, ingest_counts, open_library
from lagesbild.errors import LagesbildError
from lagesbild.logs import start_logging, stop_logging
from lagesbild.settings import get_settings
from lagesbild.types import IngestSummary

EXIT_OK, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2

app = typer.Typer(
    name="lagesbild",
    help="Lägesbild – offline dokumentanalys för tjänstepersoner.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# `lagesbild eval …` and `lagesbild bench` live in evals/, a layer above the assistant: mounted by
# module name, so nothing in assistant/ imports evals (import-linter, tests/test_layers.py).
EVAL_COMMANDS = "evals.cli"


def _mount_eval_commands(target: typer.Typer) -> None:
    """Add the eval commands when evals/ is installed (it is, with this package)."""
    try:
        module = importlib.import_module(EVAL_COMMANDS)
    except ModuleNotFoundError as exc:
        if exc.name not in {"evals", EVAL_COMMANDS}:
            raise
        return
    module.register(target)


for _command in (ask, check, models, search):
    app.command()(_command)
_mount_eval_commands(app)
app.command()(bevakning)
app.add_typer(draft_app, name="draft")
app.add_typer(summary_app, name="summary")

JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON på stdout.")]
DocOpt = Annotated[str | None, typer.Option("--doc", help="Filnamn eller del av filnamn.")]


@app.callback()
def _root(ctx: typer.Context, verbose: VerboseOpt = 0) -> None:
    """Lägesbild – offline dokumentanalys för tjänstepersoner."""
    start_logging(verbose)
    ctx.call_on_close(stop_logging)


# ------------------------------------------------------------------------------ ingest


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Filer eller mappar att läsa in.")],
    as_json: JsonOpt = False,
) -> None:
    """Läs in dokument (PDF, PPTX, DOCX, TXT, MD) till registret."""
    with (
        open_library() as library,
        Progress(
            TextColumn("[bold]Läser in[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("", total=None)

        def report(done: int, total: int, path: Path) -> None:
            progress.update(task, completed=done, total=total, description=literal(path.name))

        def report_page(path: Path, done: int, pages: int) -> None:
            what = f"{path.name} – OCR sida {min(done + 1, pages)} av {pages}"
            progress.update(task, description=literal(what))

        summary = library.ingest(paths, progress=report, page_progress=report_page)
    _report_ingest(summary, as_json)
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)


def _report_ingest(summary: IngestSummary, as_json: bool) -> None:
    for warning in summary.warnings:
        err.print(f"[yellow]Varning:[/] {literal(warning)}", highlight=False)
    for failure in summary.failed:
        err.print(f"[red]Misslyckades:[/] {literal(failure.error)}", highlight=False)
    if as_json:
        print_json(summary.model_dump(mode="json", exclude={"warnings"}))
        return
    out.print(ingest_counts(summary, chunks=True))


# ------------------------------------------------------------------------------ listing


@app.command()
def docs(as_json: JsonOpt = False) -> None:
    """Lista inlästa dokument."""
    with open_library() as library:
        rows = document_rows(library)
    if as_json:
        print_json([_doc_json(row) for row in rows])
        return
    table = documents_table(rows, out.width)
    _print_table(table, rows, "Inga dokument är inlästa. Kör `lagesbild ingest MAPP`.")


def _doc_json(row: DocumentRow) -> dict[str, Any]:
    data = row.document.model_dump(mode="json")
    data.update(measures=row.measures, figures=row.figures)
    return data


@app.command()
def measures(
    doc: DocOpt = None,
    status: Annotated[str | None, typer.Option(help="Status, t.ex. 'pågår' eller 'klar'.")] = None,
    owner: Annotated[str | None, typer.Option(help="Ansvarig (del av namnet).")] = None,
    all_copies: Annotated[
        bool, typer.Option("--all", help="Visa samma åtgärd från varje dokument för sig.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Lista åtgärder och uppdrag i registret."""
    with open_library() as library:
        found = library.register.measures(doc, status, owner, merge_duplicates=not all_copies)
    if as_json:
        print_json(found)
        return
    table = measures_table(found, out.width)
    _print_table(table, found, "Inga åtgärder matchar.")


@app.command()
def figures(
    doc: DocOpt = None,
    kind: Annotated[str | None, typer.Option(help="money, percent, count, date, year …")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Lista tal (belopp, procent, antal, datum) med källa."""
    with open_library() as library:
        found = [f for f in library.register.figures(doc) if kind is None or f.kind == kind]
    if as_json:
        print_json(found)
        return
    table = figures_table(found, out.width)
    _print_table(table, found, "Inga tal hittades.")


def _print_table(table: Table, rows: Sequence[object], empty: str) -> None:
    if rows:
        out.print(table)
    else:
        err.print(empty)


@app.command()
def remove(name: Annotated[str, typer.Argument(help="Filnamn (eller entydig del).")]) -> None:
    """Ta bort ett dokument och allt som hör till det."""
    with open_library() as library:
        removed = library.remove(name)
    err.print(f"Tog bort {literal(removed.doc)}.")


@app.command()
def verify(
    repair: Annotated[
        bool, typer.Option("--repair", help="Rätta det som inte stämmer (vektorer, avbrutna).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Kontrollera att registret och vektorlagret stämmer överens (och rätta med --repair)."""
    with open_library() as library:
        check = library.repair() if repair else library.verify()
    found = check.messages()
    if as_json:
        print_json({**dataclasses.asdict(check), "ok": check.ok, "repaired": repair})
    else:
        err.print(
            f"{check.documents} dokument, {check.chunks} textavsnitt, {check.vectors} vektorer."
        )
        for message in found:
            err.print(f"- {literal(message)}")
        if check.ok:
            err.print("Registret och vektorlagret stämmer överens.")
        elif repair:
            err.print("Rättat. Kör `lagesbild verify` igen för att se resultatet.")
        else:
            err.print("Kör `lagesbild verify --repair` för att rätta.")
    if not check.ok and not repair:
        raise typer.Exit(EXIT_PARTIAL)


# ------------------------------------------------------------------------------ entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; translate errors into a short message and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not set(args) - set(VERBOSE_FLAGS):  # `lagesbild` or `lagesbild -v`: the terminal UI
        return _open_tui(verbose=sum(VERBOSE_FLAGS[a] for a in args))
    return run_typer(app, args)


def _open_tui(verbose: int = 0) -> int:
    """`lagesbild` with no arguments: the terminal UI (textual is imported only here).

    Logs go to the log file only (at INFO with ``--verbose``): the UI owns the terminal.
    """
    from assistant.answering import Answerer
    from assistant.llm import make_chat_model
    from assistant.tui import run_app

    start_logging(verbose, stderr=False)
    try:
        settings = get_settings()
        run_app(
            settings,
            ask=lambda lib: (
                Answerer(lib, make_chat_model(lib.settings), backend=settings.llm.backend).ask
            ),
        )
    except LagesbildError as exc:
        err.print(Panel(literal(exc), title="Fel", border_style="red"), highlight=False)
        return EXIT_USAGE
    finally:
        stop_logging()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

"""`lagesbild search`: one question, or a file of questions answered by one loaded searcher.

Kept light on purpose: ``assistant.launch`` runs this command without importing the rest of
the CLI (the answering stack, the language model, the drafts), so a single search starts in a
fraction of the time. Document text is printed as data (rich ``Text``), never as markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.text import Text
from typer.exceptions import TyperException

from assistant.console import clip, err, out, print_json
from ingest.normalize import strip_controls
from lagesbild.errors import ConfigError, LagesbildError
from lagesbild.logs import start_logging, stop_logging
from lagesbild.types import SearchHit

EXIT_OK, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2

DocOpt = Annotated[str | None, typer.Option("--doc", help="Filnamn eller del av filnamn.")]
VerboseOpt = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="Förklara besluten på stderr (-v, felsökning: -vv); loggfilen får mer.",
    ),
]
VERBOSE_FLAGS = {"--verbose": 1, "-v": 1, "-vv": 2}
"""The root option ``--verbose`` as written before a command, with its count."""


def search(
    query: Annotated[
        str | None, typer.Argument(help="Fråga eller sökord, på svenska.", show_default=False)
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="En fråga per rad; alla besvaras i en körning."),
    ] = None,
    k: Annotated[int, typer.Option("-k", help="Antal träffar.", min=1, max=100)] = 6,
    doc: DocOpt = None,
    kind: Annotated[str | None, typer.Option(help="Dokumenttyp, t.ex. 'åtgärdsplan'.")] = None,
    year: Annotated[int | None, typer.Option(help="Dokumentets år.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON på stdout (med --file: en rad per fråga).")
    ] = False,
) -> None:
    """Sök i de inlästa dokumenten (betydelse + svenska nyckelord)."""
    queries = _queries(query, file)
    from vectorstore.library import Library  # the store and the model: only when searching

    library = Library()
    try:
        for text in queries:
            hits = library.search(text, k=k, doc=doc, kind=kind, year=year)
            if file is None and as_json:
                print_json(hits)
            elif as_json:
                line = {"query": text, "hits": [h.model_dump(mode="json") for h in hits]}
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                _print_hits(text if file is not None else None, hits)
    finally:
        library.close()


def _queries(query: str | None, file: Path | None) -> list[str]:
    """The one question given, or the non-empty lines of ``file`` ('-' is stdin)."""
    if (query is None) == (file is None):
        raise ConfigError("Ange antingen en fråga eller --file med en fråga per rad.")
    if file is None:
        return [query or ""]
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"Kunde inte läsa frågefilen '{file}': {exc}. Ange en UTF-8-textfil med en fråga "
            "per rad."
        ) from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


_QUARANTINED = "  (riktad till en AI-assistent – används aldrig i svar)"


def _print_hits(query: str | None, hits: Sequence[SearchHit]) -> None:
    """Each hit's place, score and text, printed as data (no markup, no terminal escapes)."""
    if query is not None:
        out.print(Text.assemble(("Fråga: ", "bold"), strip_controls(query)))
    for rank, hit in enumerate(hits, 1):
        head = Text.assemble(
            (strip_controls(f"{rank}. {hit.doc} s. {hit.page}"), "bold"),
            f"  ({hit.score:.2f})  ",
            strip_controls(hit.section),
            (_QUARANTINED if hit.quarantined else "", "italic"),
        )
        out.print(head, highlight=False)
        out.print(Text(strip_controls(clip(hit.text, 400))), highlight=False)
    if not hits:
        err.print("Inga träffar.")
    if query is not None:
        out.print()


def run_typer(app: typer.Typer, args: Sequence[str]) -> int:
    """Run a Typer app; translate errors into a short message and an exit code."""
    try:
        result = app(args=list(args), standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show(file=sys.stderr)
        else:
            err.print(exc.format_message(), markup=False)
        return EXIT_USAGE
    except typer.Abort:
        err.print("Avbrutet.")
        return EXIT_USAGE
    except LagesbildError as exc:
        message = Text(strip_controls(str(exc)))
        err.print(Panel(message, title="Fel", border_style="red"), highlight=False)
        return EXIT_USAGE
    return result if isinstance(result, int) else EXIT_OK


def search_app() -> typer.Typer:
    """A Typer app with only the search command (what ``assistant.launch`` runs)."""
    app = typer.Typer(name="lagesbild", add_completion=False, pretty_exceptions_enable=False)
    app.command(name="search")(search)

    @app.callback()
    def _root(ctx: typer.Context, verbose: VerboseOpt = 0) -> None:
        """Lägesbild – sökning."""
        start_logging(verbose)
        ctx.call_on_close(stop_logging)

    return app

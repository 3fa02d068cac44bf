"""`lagesbild eval …` and `lagesbild bench`: quality and speed, measured on data files.

These commands sit in evals/, a layer above the assistant: ``assistant.cli`` mounts them by
module name through :func:`register`, so nothing in assistant/ imports evals (the floors are
import-linter contracts in pyproject.toml, checked by tests/test_layers.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from assistant.answering import Answerer
from assistant.cli_assistant import load_chat_model
from assistant.console import err, literal, out, print_json
from evals.answers import load_qa, render_answers, run_answers_eval
from evals.bench import BENCH_QUESTIONS, SYNTHETIC_CHUNKS, render_bench, run_bench
from evals.claims import read_corpus, render_claims, run_claims_eval
from evals.drafts import render_drafts, run_drafts_eval
from evals.measures import render_measures, run_measures_eval
from evals.model_cache import CachedChat
from evals.retrieval import render_misses, render_table, run_retrieval_eval
from lagesbild.errors import LagesbildError
from lagesbild.settings import get_settings
from vectorstore.library import Library

DEFAULT_CORPUS = Path("examples/corpus")

eval_app = typer.Typer(help="Utvärdera mot frågeuppsättningar.", no_args_is_help=True)

CorpusOpt = Annotated[Path, typer.Option("--corpus", help="Mappen med dokumenten frågorna gäller.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON på stdout.")]


def register(app: typer.Typer) -> None:
    """Add `bench` and the `eval` group to the `lagesbild` command line."""
    app.command()(bench)
    app.add_typer(eval_app, name="eval")


@eval_app.command("retrieval")
def eval_retrieval(
    set_path: Annotated[
        Path, typer.Option("--set", help="dev-qa.jsonl eller SweQUAD-MC (.json).", exists=True)
    ],
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Mapp med dokumenten frågorna gäller (kan upprepas)."),
    ] = None,
    k: Annotated[int, typer.Option("-k", help="Antal träffar som bedöms.", min=1)] = 10,
    limit: Annotated[int | None, typer.Option(help="Högst så många frågor/kontexter.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Träffsäkerhet (hit@1, hit@5, MRR@10, söktid) för vår sökning, BM25 och en naiv baslinje."""
    reports = run_retrieval_eval(set_path, corpus or [DEFAULT_CORPUS], k=k, limit=limit)
    if as_json:
        print_json(reports)
        return
    out.print(literal(render_table(reports)), highlight=False)
    for report in reports:
        out.print(
            literal(f"\n{report.name} — missar på rank 1:\n{render_misses(report)}"),
            highlight=False,
        )


@eval_app.command("claims")
def eval_claims(
    set_path: Annotated[
        Path, typer.Option("--set", help="dev-claims.jsonl (claim, supported).", exists=True)
    ],
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Mapp med dokumenten påståendena gäller (kan upprepas)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Talkontrollen: andel felaktiga tal som flaggas och falsklarm på korrekta."""
    figures, pages = read_corpus(*(corpus or [DEFAULT_CORPUS]))
    report = run_claims_eval(set_path, figures, pages)
    if as_json:
        print_json(report)
        return
    out.print(literal(render_claims(report)), highlight=False)


LibraryCorpusOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--corpus",
        help="Läs in de här mapparna i en tillfällig samling (annars din samling); "
        "kan anges flera gånger.",
    ),
]


@contextmanager
def eval_library(corpus: list[Path] | None) -> Iterator[Library]:
    """The user's library, or with ``corpus`` a temporary one holding just those folders."""
    with tempfile.TemporaryDirectory(prefix="lagesbild-eval-") as tmp:
        settings = get_settings()
        if corpus:
            settings = settings.model_copy(update={"home": Path(tmp)})
        library = Library(settings)
        try:
            if corpus:
                library.ingest(corpus)
            yield library
        finally:
            library.close()


@eval_app.command("answers")
def eval_answers(
    set_path: Annotated[
        Path, typer.Option("--set", help="dev-qa.jsonl (q, facts, doc, kind).", exists=True)
    ],
    corpus: LibraryCorpusOpt = None,
    limit: Annotated[int | None, typer.Option(help="Högst så många frågor.")] = None,
    model_cache: Annotated[
        Path | None,
        typer.Option(
            "--model-cache",
            help="JSON-fil som minns modellens text per exakt prompt (för upprepade körningar).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Svaren: fakta, rätt dokument citerat, avstående, ej belagda tal och svarstid."""
    items = load_qa(set_path)[:limit]
    with eval_library(corpus) as library:
        if not library.register.counts()["chunks"]:
            raise LagesbildError(
                "Samlingen är tom. Kör `lagesbild ingest examples/corpus` eller ange --corpus."
            )
        settings = library.settings
        chat = load_chat_model(settings)
        cache = CachedChat(inner=chat, path=model_cache) if model_cache else None
        answerer = Answerer(library, cache or chat, backend=settings.llm.backend)
        with Progress(
            TextColumn("[bold]Frågor[/]"), BarColumn(), MofNCompleteColumn(), console=err
        ) as bar:
            task = bar.add_task("", total=len(items))
            report = run_answers_eval(
                items,
                answerer,
                lambda done, _: bar.update(task, completed=done),
                (lambda: cache.hits) if cache else None,
            )
    if as_json:
        print_json(report)
        return
    out.print(literal(render_answers(report)), highlight=False)


@eval_app.command("measures")
def eval_measures(
    set_path: Annotated[
        Path,
        typer.Option("--set", help="gold-measures-real.json (åtgärder och tabeller).", exists=True),
    ],
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Mappen med dokumenten (annars facitets).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Registret mot facit: precision och recall per dokument, ansvarig, tidpunkt, tabeller."""
    report = run_measures_eval(set_path, corpus)
    if as_json:
        print_json(report)
        return
    out.print(render_measures(report), highlight=False)


@eval_app.command("drafts")
def eval_drafts(
    set_path: Annotated[
        Path,
        typer.Option("--set", help="gold-revisor-*.json (punkter och svar).", exists=True),
    ],
    corpus: LibraryCorpusOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Revisorsutkastet mot facit: punkter funna, länkar rätt, fel besvarade."""
    with eval_library(corpus) as library:
        report = run_drafts_eval(set_path, library)
    if as_json:
        print_json(report)
        return
    out.print(literal(render_drafts(report)), highlight=False)


def bench(
    corpus: CorpusOpt = DEFAULT_CORPUS,
    synthetic: Annotated[
        int,
        typer.Option(
            "--synthetic",
            "--search-chunks",
            help="Avsnitt i samlingen som söktiden mäts på (0 = hoppa över).",
        ),
    ] = SYNTHETIC_CHUNKS,
    cache: Annotated[
        Path | None, typer.Option(help="Behåll den syntetiska samlingen här mellan körningar.")
    ] = None,
    ingest_folder: Annotated[
        int,
        typer.Option(
            "--ingest-folder",
            help="Läs också in en genererad mapp med så många dokument (0 = hoppa över).",
            min=0,
        ),
    ] = 0,
    answers: Annotated[
        int,
        typer.Option(
            "--answers",
            help="Svara på så många frågor (bänkens egna, eller de första ur --questions) med "
            "språkmodellen och mät tiden till första token och till helt svar (0 = hoppa över).",
            min=0,
        ),
    ] = len(BENCH_QUESTIONS),
    questions: Annotated[
        Path | None,
        typer.Option(
            "--questions",
            help="Frågorna att mäta svarstiden på: en JSON-lines-fil med fältet 'q' (t.ex. "
            "dev-qa.jsonl) i stället för bänkens egna.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Mät inläsning (per steg), inbäddning, ny inläsning, söklatens, svarstid och
    arkivinläsning."""
    asked = [item.q for item in load_qa(questions)] if questions else list(BENCH_QUESTIONS)
    report = run_bench(
        corpus,
        synthetic,
        cache,
        archive=ingest_folder,
        questions=asked[:answers],
        chat=load_chat_model,
    )
    if as_json:
        print_json(report)
        return
    out.print(literal(render_bench(report)), highlight=False)

"""`lagesbild ask`, `lagesbild check` and `lagesbild models`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from langchain_core.language_models import BaseChatModel
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn
from rich.text import Text

from assistant.answer_text import EVIDENCE_HEADING, source_place
from assistant.answering import Answerer
from assistant.console import clip, err, literal, out, print_json
from assistant.labels import NUMBER_STATUS_LABELS, NUMBER_STATUS_STYLES
from assistant.llm import describe_backend, make_chat_model
from assistant.model_copies import remove_copies, stale_copies
from assistant.number_check import FLAGGED, check_numbers, mark_unsupported
from ingest.normalize import strip_controls
from lagesbild.errors import ConfigError
from lagesbild.settings import Settings, get_settings
from lagesbild.types import Answer, NumberCheck
from vectorstore.library import Library

JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON på stdout.")]


def ask(
    question: Annotated[str, typer.Argument(help="Frågan, på svenska.")],
    as_json: JsonOpt = False,
) -> None:
    """Ställ en fråga; svaret citerar fil och sida och varje tal kontrolleras."""
    settings = get_settings()
    library = Library(settings)
    try:
        chat = load_chat_model()
        answerer = Answerer(library, chat, backend=settings.llm.backend)
        stream = None if as_json else _TokenEcho()
        answer = answerer.ask(strip_controls(question), on_token=stream)
    finally:
        library.close()
    if as_json:
        print_json(answer.model_dump(mode="json"))
        return
    _print_answer(answer)


def load_chat_model(settings: Settings | None = None) -> BaseChatModel:
    """The configured chat model, with a progress bar while the bundled model is assembled."""
    with Progress(
        TextColumn("[bold]Förbereder språkmodellen[/]"),
        BarColumn(),
        DownloadColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return make_chat_model(settings, progress=report)


class _TokenEcho:
    """Shows the model's text on stderr as it streams; the checked answer follows on stdout."""

    def __init__(self) -> None:
        self.started = False

    def __call__(self, text: str) -> None:
        if not self.started:
            sys.stderr.write("Språkmodellen skriver (kontrolleras sedan): ")
            self.started = True
        sys.stderr.write(strip_controls(text))
        sys.stderr.flush()


def _print_answer(answer: Answer) -> None:
    """The checked answer from its parts: notes, lead, flags beside it, quotes, sources.

    Document and model text are printed as ``Text``, never read as markup.
    """
    out.print()
    out.rule("Svar")
    for note in answer.notes:
        out.print(_data(note, style="italic"))
    if answer.notes:
        out.print()
    lead = answer.lead or answer.answer
    out.print(_data(lead, style="bold") if answer.abstained else _data(lead))
    for flag in answer.flags:
        out.print(_data(f"  ⚠ {flag.raw}: {flag.message}", style="bold red"))
    if answer.quotes:
        out.print(Text(f"\n{EVIDENCE_HEADING}", style="bold"))
        for quote in answer.quotes:
            out.print(_data(f"• ”{quote.text}” [{quote.n}]"))
    if answer.citations:
        out.print(Text("\nKällor", style="bold"))
        for c in answer.citations:
            out.print(_data(f"[{c.n}] {source_place(c)}"))
    if answer.closest:
        out.print(Text("\nNärmaste källor", style="bold"))
        for c in answer.closest:
            out.print(_data(f"- {source_place(c)}: ”{clip(c.quote, 160)}”"))
    _print_checks(answer.number_check)
    t = answer.timings
    err.print(
        f"{strip_controls(answer.backend)}: sökning {t.retrieve_ms:.0f} ms, "
        f"första token {t.ttft_ms:.0f} ms, totalt {t.total_ms:.0f} ms",
        markup=False,
    )


def _print_checks(checks: list[NumberCheck]) -> None:
    """One line per number: status, source figure and page, explanation; for a flagged
    number with a source, the figure's own sentence beneath. Text is printed as data."""
    if not checks:
        return
    out.print(Text("\nTalkontroll", style="bold"))
    for c in checks:
        where = f"{c.source.doc} s. {c.source.page} ({c.source.raw})" if c.source else "–"
        note = f" – {c.explanation}" if c.explanation else ""
        line = _data(f"{c.raw}: ")
        line.append(NUMBER_STATUS_LABELS[c.status], style=NUMBER_STATUS_STYLES[c.status])
        line.append(strip_controls(f", {where}{note}"))
        out.print(line, highlight=False)
        if c.status in FLAGGED and c.source is not None and c.source.context:
            quote = clip(c.source.context, 200)
            out.print(_data(f"    källans mening: ”{quote}”", style="dim"), highlight=False)


def _data(text: str, style: str = "") -> Text:
    """Document, model or user text as printable data: no markup, no terminal escapes."""
    return Text(strip_controls(text), style=style)


def check(
    text: Annotated[str | None, typer.Argument(help="Text att kontrollera.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Läs texten från en fil ('-' = stdin).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Kontrollera varje tal i en text (t.ex. ett utkast) mot talen i de inlästa källorna."""
    body = strip_controls(_text_to_check(text, file))  # escapes are not part of what it says
    library = Library()
    try:
        register = library.register
        checks = check_numbers(body, register.figures(), pages=register.page_texts())
    finally:
        library.close()
    if as_json:
        print_json(checks)
        return
    out.print(Text(mark_unsupported(body, checks)), highlight=False)
    _print_checks(checks)
    if not checks:
        err.print("Texten innehåller inga belopp, procent eller antal att kontrollera.")


def _text_to_check(text: str | None, file: Path | None) -> str:
    if (text is None) == (file is None):
        raise ConfigError("Ange antingen en text eller --file FIL (men inte båda).")
    if file is None:
        return text or ""
    if str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Kunde inte läsa '{file}': {exc}. Spara den som UTF-8-text.") from exc


def models(
    prune: Annotated[
        bool, typer.Option("--prune", help="Ta bort gamla kopior av den inbyggda modellen.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Fråga inte först.")] = False,
    search: Annotated[
        list[Path] | None,
        typer.Option("--in", help="Leta också efter gamla kopior i den här datakatalogen."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Visa vilken språkmodell som används, var den ligger och om den går att nå."""
    if prune:
        _prune_models(search or [], yes, as_json)
        return
    status = describe_backend()
    stale = stale_copies(folders=search or [])
    if as_json:
        print_json({**status.model_dump(), "stale_copies": [str(p) for p in stale]})
        return
    mark = "[green]tillgänglig[/]" if status.reachable else "[red]inte tillgänglig[/]"
    out.print(
        f"Språkmodell: {literal(status.backend)} – {literal(status.model)}: {mark}", highlight=False
    )
    out.print(literal(status.detail), highlight=False)
    if stale:
        size = sum(_size(p) for p in stale)
        err.print(
            f"{len(stale)} gamla kopior ({_gb(size)}) ligger kvar; "
            "`lagesbild models --prune` tar bort dem.",
            markup=False,
        )
    if not status.reachable:
        raise typer.Exit(1)


def _prune_models(search: list[Path], yes: bool, as_json: bool) -> None:
    """Remove stale copies of the bundled model, asking first unless ``yes``."""
    stale = stale_copies(folders=search)
    total = sum(_size(p) for p in stale)
    if not stale:
        if as_json:
            print_json({"removed": [], "freed_bytes": 0})
        else:
            err.print("Inga gamla kopior av språkmodellen hittades.")
        return
    if not as_json:
        for path in stale:
            err.print(f"- {path} ({_gb(_size(path))})", markup=False, highlight=False)
    if not yes and not typer.confirm(
        f"Ta bort {len(stale)} gamla kopior och frigöra {_gb(total)}?", err=True
    ):
        err.print("Inget togs bort.")
        return
    freed = remove_copies(stale)
    if as_json:
        print_json({"removed": [str(p) for p in stale], "freed_bytes": freed})
        return
    err.print(f"Tog bort {len(stale)} gamla kopior; {_gb(freed)} frigjordes.")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _gb(size: int) -> str:
    """A size for people: '1,1 GB', or MB below a gigabyte."""
    text = f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{size / 1e6:.1f} MB"
    return text.replace(".", ",")

"""The 'Inställningar' tab: what the app runs with, read-only."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from lagesbild.errors import ConfigError
from lagesbild.settings import Settings, config_file
from vectorstore.embeddings import embedder_id

BUNDLED = "inbyggd modell (följer med paketet)"


def display_path(path: Path) -> str:
    """A path as the user reads it: under the home folder written with '~'."""
    try:
        return f"~/{path.expanduser().relative_to(Path.home())}"
    except ValueError:
        return str(path)


def settings_sections(settings: Settings) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(label, value)]) of everything worth showing, in Swedish."""
    llm, retrieval, ingest = settings.llm, settings.retrieval, settings.ingest
    if retrieval.chroma_mode == "http":
        chroma = f"server ({retrieval.chroma_host}:{retrieval.chroma_port})"
    else:
        chroma = f"lokala filer ({display_path(settings.chroma_path)})"
    return [
        (
            "Språkmodell",
            [
                ("Backend", llm.backend),
                ("Modell", llm.model or (BUNDLED if llm.backend == "llamacpp" else "–")),
                ("Server", llm.base_url or "–"),
                ("Temperatur", f"{llm.temperature:g}"),
                ("Max antal token", str(llm.max_tokens)),
            ],
        ),
        (
            "Sökning",
            [
                ("Inbäddningsmodell", _embedder(settings)),
                ("Modellmapp", retrieval.embedder_model or "–"),
                ("Träffar per sökning", str(retrieval.top_k)),
                ("Chroma", chroma),
            ],
        ),
        (
            "Inläsning",
            [
                ("Största fil", f"{ingest.max_file_mb} MB"),
                ("Textavsnitt", f"{ingest.chunk_chars} tecken"),
                ("Följ länkar ut ur mappar", "ja" if ingest.follow_symlinks else "nej"),
            ],
        ),
        (
            "Data",
            [
                ("Datakatalog", display_path(settings.data_dir)),
                ("Register", display_path(settings.register_path)),
                ("Konfigurationsfil", display_path(config_file())),
            ],
        ),
    ]


def _embedder(settings: Settings) -> str:
    """The embedding backend and the model id its vectors are stored under."""
    try:
        return f"{settings.retrieval.embedder} ({embedder_id(settings.retrieval)})"
    except ConfigError as exc:
        return f"{settings.retrieval.embedder} – fel: {exc}"


def settings_content(settings: Settings) -> Content:
    """The settings as aligned label/value lines under bold section names."""
    sections = settings_sections(settings)
    width = max(len(label) for _, rows in sections for label, _ in rows) + 2
    lines: list[Content] = []
    for title, rows in sections:
        lines.append(Content.assemble((title, "bold underline")))
        lines += [Content.assemble((f"  {label:<{width}}", "dim"), value) for label, value in rows]
        lines.append(Content(""))
    lines.append(
        Content(
            "Inställningarna ändras med miljövariabler (LAGESBILD_…, t.ex. "
            "LAGESBILD_LLM__BACKEND=ollama) eller i konfigurationsfilen, och gäller vid "
            "nästa start."
        )
    )
    return Content("\n").join(lines)


class SettingsView(VerticalScroll):
    """Model backend, embedder, data directory and Chroma mode (read-only)."""

    def __init__(self, settings: Settings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.settings = settings

    def compose(self) -> ComposeResult:
        """One static block."""
        yield Static(settings_content(self.settings), id="settings-text")

"""The library: what the assistant and the CLI talk to for ingest, listing and removal.

``Library.ingest`` walks the given files and folders, skips files whose content and
pipeline version are unchanged, extracts the rest and stores each document as one unit.
A file that fails leaves its previously stored version untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.chunking import indexed_text
from ingest.pipeline import PIPELINE_VERSION, StageTimer, extract_document
from lagesbild.errors import ConfigError, DocumentError
from lagesbild.settings import Settings, get_settings
from lagesbild.types import Document, ExtractedDocument, IngestFailure, IngestSummary, SearchHit
from vectorstore.chroma import ChunkStore, make_client
from vectorstore.embeddings import embedder_id, make_embeddings
from vectorstore.hybrid import HybridSearcher, open_searcher
from vectorstore.register import Register

SUPPORTED_SUFFIXES = frozenset({".pdf", ".pptx", ".docx", ".txt", ".md"})

ProgressCallback = Callable[[int, int, Path], None]


@dataclass
class Discovery:
    """Files found under the given paths, and paths that could not be used."""

    files: list[Path] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path], follow_symlinks: bool = False) -> Discovery:
    """Expand files and folders into the document files to ingest, in a stable order."""
    found = Discovery()
    seen: set[Path] = set()
    for given in paths:
        if not given.exists():
            found.failures.append(
                IngestFailure(
                    path=str(given),
                    error=f"Kunde inte läsa '{given}': filen eller mappen finns inte. "
                    "Kontrollera sökvägen och kör `lagesbild ingest` igen.",
                )
            )
            continue
        candidates = [given] if given.is_file() else _walk(given, follow_symlinks, found)
        for path in candidates:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.files.append(path)
    return found


def _walk(root: Path, follow_symlinks: bool, found: Discovery) -> list[Path]:
    root_resolved = root.resolve()
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith((".", "~$")) for part in relative.parts):
            continue
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        if path.is_symlink() and not follow_symlinks:
            target = path.resolve()
            if not target.is_relative_to(root_resolved):
                found.warnings.append(
                    f"'{path}' är en länk till '{target}' utanför '{root}' och hoppades över "
                    "(sätt LAGESBILD_INGEST__FOLLOW_SYMLINKS=true för att följa länkar)."
                )
                continue
        files.append(path)
    return files


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Library:
    """Ingest, list, search and remove documents.

    The SQLite register is the source of truth; Chroma holds the chunk vectors. A document's
    new vectors are added before its register rows are replaced, and its old vectors are
    deleted after, so the register never points at vectors that are not there.
    """

    def __init__(self, settings: Settings | None = None, embeddings: Embeddings | None = None):
        self.settings = settings or get_settings()
        self.register = Register(self.settings.register_path)
        self.timer = StageTimer()
        self.version = f"{PIPELINE_VERSION}|{embedder_id(self.settings.retrieval)}"
        self._embeddings = embeddings
        self._store: ChunkStore | None = None
        self._searcher: HybridSearcher | None = None

    @property
    def embeddings(self) -> Embeddings:
        """The embedding model (loaded on first use)."""
        if self._embeddings is None:
            self._embeddings = make_embeddings(self.settings.retrieval)
        return self._embeddings

    @property
    def store(self) -> ChunkStore:
        """The Chroma collection for the configured embedder and chunker."""
        if self._store is None:
            self._store = ChunkStore(
                make_client(self.settings), self.embeddings, embedder_id(self.settings.retrieval)
            )
        return self._store

    def close(self) -> None:
        """Release the register."""
        self.register.close()

    def ingest(
        self, paths: Iterable[Path], progress: ProgressCallback | None = None
    ) -> IngestSummary:
        """Ingest files and folders; returns what was done, failures included."""
        found = discover(paths, self.settings.ingest.follow_symlinks)
        summary = IngestSummary(failed=list(found.failures), warnings=list(found.warnings))
        total = len(found.files)
        for index, path in enumerate(found.files):
            if progress:
                progress(index, total, path)
            self._ingest_one(path, summary)
        if progress:
            progress(total, total, Path())
        return summary

    def _ingest_one(self, path: Path, summary: IngestSummary) -> None:
        resolved = str(path.resolve())
        try:
            self._check_size(path)
            sha = file_sha256(path)
        except (OSError, DocumentError) as exc:
            summary.failed.append(IngestFailure(path=str(path), error=_message(path, exc)))
            return
        stored = self.register.stored_version(resolved)
        if stored == (sha, self.version):
            summary.skipped += 1
            return
        twin = self.register.path_with_sha(sha)
        if twin and twin != resolved:
            summary.skipped += 1
            summary.warnings.append(
                f"'{path}' har samma innehåll som '{twin}' och lästes inte in en gång till."
            )
            return
        try:
            extracted = extract_document(path, self.settings.ingest.chunk_chars, self.timer)
        except (OSError, DocumentError) as exc:
            summary.failed.append(IngestFailure(path=str(path), error=_message(path, exc)))
            return
        self._store_document(extracted, old_sha=stored[0] if stored else None)
        summary.documents += 1
        summary.pages += len(extracted.pages)
        summary.measures += len(extracted.measures)
        summary.figures += len(extracted.figures)
        summary.chunks += len(extracted.chunks)
        summary.warnings.extend(f"{path.name}: {w}" for w in extracted.document.warnings)

    def _store_document(self, extracted: ExtractedDocument, old_sha: str | None) -> None:
        chunks = extracted.chunks
        with self.timer.stage("embed"):
            vectors = self.embeddings.embed_documents([indexed_text(c) for c in chunks])
        with self.timer.stage("store"):
            if old_sha == extracted.document.sha256:  # same file, new pipeline: drop old ids
                self.store.delete_doc(old_sha)
            self.store.add(chunks, vectors)
            self.register.replace_document(extracted, self.version)
            if old_sha and old_sha != extracted.document.sha256:
                self.store.delete_doc(old_sha)
        self._searcher = None

    def _check_size(self, path: Path) -> None:
        limit_mb = self.settings.ingest.max_file_mb
        if path.stat().st_size > limit_mb * 1024 * 1024:
            raise DocumentError(
                str(path),
                f"filen är större än {limit_mb} MB",
                "Dela upp filen eller höj gränsen med LAGESBILD_INGEST__MAX_FILE_MB.",
            )

    def documents(self) -> list[Document]:
        """All stored documents."""
        return self.register.documents()

    def remove(self, name: str) -> Document:
        """Remove one stored document (by file name or a unique part of it)."""
        matches = self.register.find_documents(name)
        if len(matches) != 1:
            names = ", ".join(d.doc for d in matches) or "inga"
            raise ConfigError(
                f"'{name}' matchar {len(matches)} dokument ({names}). "
                "Ange ett entydigt filnamn; `lagesbild docs` listar dem."
            )
        self.register.remove_document(matches[0].path)
        self.store.delete_doc(matches[0].sha256)
        self._searcher = None
        return matches[0]

    def search(
        self,
        query: str,
        k: int | None = None,
        doc: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> list[SearchHit]:
        """Hybrid (meaning + Swedish keywords) search over the stored chunks."""
        if self._searcher is None:
            self._searcher = open_searcher(self.settings, self.register.chunks(), self.embeddings)
        return self._searcher.search(query, k or self.settings.retrieval.top_k, doc, kind, year)


def _message(path: Path, exc: Exception) -> str:
    if isinstance(exc, DocumentError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return (
            f"Kunde inte läsa '{path}': filen försvann under inläsningen. "
            "Kör `lagesbild ingest` igen."
        )
    if isinstance(exc, PermissionError):
        return (
            f"Kunde inte läsa '{path}': behörighet saknas. Ge läsrätt till filen och försök igen."
        )
    return f"Kunde inte läsa '{path}': {exc.__class__.__name__}: {exc}."

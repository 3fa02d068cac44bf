"""The library: what the assistant and the CLI talk to for ingest, listing and removal.

``Library.ingest`` walks the given files and folders, skips files whose content and
pipeline version are unchanged, extracts the rest and stores each document as one unit in
its own commit: a run that is killed keeps every document it had stored, and the next run
skips them and goes on where it stopped. Extracted documents wait in a small group so that
their chunks are embedded and written to the vector store together (the embedder is several
times faster on full batches than on a document's two or three chunks, and a vector-store
write costs ~40 ms however small); the group is stored as soon as it holds
``GROUP_CHUNKS`` chunks or ``GROUP_DOCUMENTS`` documents, or its documents took
``GROUP_SECONDS`` to extract (a scanned document read by OCR is stored at once). A file that
fails leaves its previously stored version untouched.

The SQLite register is the source of truth; Chroma holds the chunk vectors. Writing both is
not atomic, so every change is journaled: a document's SHA-256 goes into the register's
``pending`` table before its vectors change and leaves it when register and vectors agree.
Vectors are written before the register rows (one transaction per document) and old vectors
are deleted after, so the register never points at vectors that are not there; a crash can
only leave vectors the register does not know, which the next ``ingest`` (or ``repair``)
removes. One writer at a time per data directory: ``ingest``, ``remove`` and ``repair`` hold
a file lock that the operating system releases if the process dies. Searching needs no lock.

Searching while another process ingests: Chroma's local client keeps an in-memory view of
the vectors per process and path, and does not see another process's later writes (asking
it for a newer vector fails with 'Error finding id'). A searcher is therefore built from a
register snapshot first and a newly loaded Chroma view second (never older than the
snapshot), and is rebuilt when the register has changed since.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chromadb.api.shared_system_client import SharedSystemClient
from langchain_core.embeddings import Embeddings

from ingest.chunking import indexed_text
from ingest.ocr import ocr_available
from ingest.pipeline import PIPELINE_VERSION, StageTimer, extract_document
from lagesbild.errors import ConfigError, DocumentError, StoreError
from lagesbild.ids import file_sha256
from lagesbild.settings import Settings, get_settings
from lagesbild.types import (
    Chunk,
    Document,
    ExtractedDocument,
    IngestFailure,
    IngestSummary,
    SearchHit,
)
from vectorstore.chroma import ChunkStore, make_client
from vectorstore.consistency import (
    IndexCheck,
    check_index,
    delete_vectors,
    reconcile_pending,
    repair_index,
    write_lock,
)
from vectorstore.discovery import SUPPORTED_SUFFIXES, Discovery, discover
from vectorstore.embeddings import embedder_id, make_embeddings
from vectorstore.hybrid import HybridSearcher, open_searcher
from vectorstore.register import Register

__all__ = ["SUPPORTED_SUFFIXES", "Discovery", "IndexCheck", "Library", "discover", "file_sha256"]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, Path], None]
"""Called with (files done, files found, the file read next); a document counts as done once
it is stored (or skipped, or failed)."""
PageProgressCallback = Callable[[Path, int, int], None]
"""Called with (file, pages read, pages to read) while a file's scanned pages are OCR'd."""


# A group of extracted documents is embedded together, then stored one commit per document,
# when it holds this many chunks or documents or took this long to extract.
GROUP_CHUNKS = 64
GROUP_DOCUMENTS = 16
GROUP_SECONDS = 5.0


@dataclass
class _Item:
    """A document waiting in a batch, with the content it replaces."""

    extracted: ExtractedDocument
    old_sha: str | None  # what its path held before
    displaced: str | None = None  # another path whose stale record held this content
    seconds: float = 0.0  # time it took to extract

    def journal(self) -> list[tuple[str, str]]:
        """(sha256, path) of the contents whose vectors storing this document adds or removes."""
        doc = self.extracted.document
        return [(doc.sha256, doc.path)] + ([(self.old_sha, doc.path)] if self.old_sha else [])


@dataclass
class _Batch:
    """Extracted documents waiting to be embedded together and stored one by one."""

    items: list[_Item] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.chunks += len(item.extracted.chunks)
        self.seconds += item.seconds

    def full(self) -> bool:
        return (
            self.chunks >= GROUP_CHUNKS
            or len(self.items) >= GROUP_DOCUMENTS
            or self.seconds >= GROUP_SECONDS
        )

    def shas(self) -> set[str]:
        return {sha for item in self.items for sha, _ in item.journal()}

    def clear(self) -> None:
        self.items.clear()
        self.chunks, self.seconds = 0, 0.0


class Library:
    """Ingest, list, search, verify and remove documents (see the module docstring)."""

    def __init__(self, settings: Settings | None = None, embeddings: Embeddings | None = None):
        self.settings = settings or get_settings()
        self.register = Register(self.settings.register_path)
        self.timer = StageTimer()
        self.ocr = self.settings.ingest.ocr and ocr_available()
        # With OCR switched on or installed, files stored without it are read again.
        ocr_mark = "|ocr" if self.ocr else ""
        self.version = f"{PIPELINE_VERSION}|{embedder_id(self.settings.retrieval)}{ocr_mark}"
        self._embeddings = embeddings
        self._store: ChunkStore | None = None
        self._searcher: HybridSearcher | None = None
        self._searcher_version = -1

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
            namespace = self.register.register_id if self._shared_store else ""
            self._store = ChunkStore(
                make_client(self.settings),
                self.embeddings,
                embedder_id(self.settings.retrieval),
                namespace=namespace,
            )
        return self._store

    def close(self) -> None:
        """Release the register."""
        self.register.close()

    # ------------------------------------------------------------------ ingest

    def ingest(
        self,
        paths: Iterable[Path],
        progress: ProgressCallback | None = None,
        page_progress: PageProgressCallback | None = None,
    ) -> IngestSummary:
        """Ingest files and folders; returns what was done, failures included.

        First reconciles what an interrupted run left behind; then each document is stored
        as one unit in its own commit (see the module docstring). ``progress(done, total,
        next_file)`` counts only documents that are stored (or skipped or failed), so what it
        reported done survives a kill. ``page_progress`` hears of each page read by OCR.
        """
        with write_lock(self.settings.data_dir):
            if reconcile_pending(self.register, self.store, self._embed_and_add):
                log.warning(
                    "en avbruten inläsning lämnade dokument halvlagrade: vektorerna rättade"
                )
                self._searcher = None
            found = discover(paths, self.settings.ingest.follow_symlinks)
            summary = IngestSummary(failed=list(found.failures), warnings=list(found.warnings))
            batch = _Batch()
            total = len(found.files)
            for index, path in enumerate(found.files):
                if progress:
                    progress(index - len(batch.items), total, path)
                self._prepare(path, summary, batch, page_progress)
                if batch.full():
                    self._flush(batch, summary)
            self._flush(batch, summary)
            self._check_counts()
        for failure in summary.failed:
            log.warning("inläsningen misslyckades: %s", failure.error)
        if progress:
            progress(total, total, Path())
        return summary

    def _prepare(
        self,
        path: Path,
        summary: IngestSummary,
        batch: _Batch,
        page_progress: PageProgressCallback | None = None,
    ) -> None:
        """Extract one file into the batch, unless it is unchanged, a duplicate or fails."""
        resolved = str(path.resolve())
        try:
            self._check_size(path)
            sha = file_sha256(path)
        except (OSError, DocumentError) as exc:
            summary.failed.append(IngestFailure(path=str(path), error=_message(path, exc)))
            return
        if sha in batch.shas():  # the group adds or drops this content: store it first
            self._flush(batch, summary)
        stored = self.register.stored_version(resolved)
        if stored == (sha, self.version):
            summary.skipped += 1
            log.debug("%s oförändrad: hoppas över", path.name)
            return
        if stored and stored[0] == sha:
            log.info("%s läses in igen: lagrad med %s, nu %s", path.name, stored[1], self.version)
        twin = self.register.path_with_sha(sha)
        displaced = twin if twin and twin != resolved else None
        # the twin's file still holds this content (hashed once: the file may be large)
        twin_here = displaced is not None and _current_sha(Path(displaced)) == sha
        # a twin read by an older pipeline is no reason to skip: its record is out of date
        stale = displaced is not None and self.register.stored_version(displaced) != (
            sha,
            self.version,
        )
        if twin_here and not stale:
            summary.skipped += 1
            summary.warnings.append(
                f"'{path}' har samma innehåll som '{twin}' och lästes inte in en gång till."
            )
            return
        pages = (lambda done, total: page_progress(path, done, total)) if page_progress else None
        started = time.perf_counter()
        try:
            extracted = extract_document(
                path, self.settings.ingest.chunk_chars, self.timer, ocr=self.ocr, progress=pages
            )
        except (OSError, DocumentError) as exc:
            summary.failed.append(IngestFailure(path=str(path), error=_message(path, exc)))
            return
        if extracted.document.sha256 != sha:
            summary.failed.append(IngestFailure(path=str(path), error=_changed(path)))
            return
        if displaced and twin_here:  # read again: the twin's record was out of date
            summary.warnings.append(_reread_twin(path, displaced))
        elif displaced:  # the twin's file changed or is gone: this path takes its record over
            summary.warnings.append(_moved(path, displaced))
        seconds = time.perf_counter() - started
        _log_extracted(extracted, seconds)
        batch.add(_Item(extracted, stored[0] if stored else None, displaced, seconds))

    def _flush(self, batch: _Batch, summary: IngestSummary) -> None:
        """Store a group: journal, embed and add its vectors, then one commit per document.

        Each document's register rows are its own transaction, after which its old vectors
        go and its journal entry is cleared; a kill keeps the documents committed so far and
        leaves the rest journaled (their vectors are removed by the next run).
        """
        if not batch.items:
            return
        self.register.mark_pending([entry for item in batch.items for entry in item.journal()])
        chunks = [c for item in batch.items for c in item.extracted.chunks]
        with self.timer.stage("embed"):
            vectors = self.embeddings.embed_documents([indexed_text(c) for c in chunks])
        with self.timer.stage("store"):
            self.store.add(chunks, vectors)  # one vector-store write per group (~40 ms each)
            for item in batch.items:
                self.register.replace_document(item.extracted, self.version, item.displaced)
                self._drop_old_vectors(item)
                self.register.clear_pending(sha for sha, _ in item.journal())
                _count(summary, item.extracted)
        self._searcher = None
        batch.clear()

    def _drop_old_vectors(self, item: _Item) -> None:
        """Delete the vectors of what a document replaced (a changed file or pipeline)."""
        sha = item.extracted.document.sha256
        if item.old_sha and item.old_sha != sha:
            self.store.delete_doc(item.old_sha)
        if item.old_sha == sha or item.displaced:  # same content, maybe another pipeline
            stale = set(self.store.ids_for_doc(sha)) - {c.id for c in item.extracted.chunks}
            delete_vectors(self.store, sorted(stale))

    def _check_size(self, path: Path) -> None:
        limit_mb = self.settings.ingest.max_file_mb
        if path.stat().st_size > limit_mb * 1024 * 1024:
            raise DocumentError(
                str(path),
                f"filen är större än {limit_mb} MB",
                "Dela upp filen eller höj gränsen med LAGESBILD_INGEST__MAX_FILE_MB.",
            )

    # ------------------------------------------------------------------ consistency

    def verify(self) -> IndexCheck:
        """Compare the register with the vector store (reads only).

        With a Chroma server, vectors of documents this register never had are another
        register's, not orphans.
        """
        return check_index(self.register, self.store, self._shared_store)

    @property
    def _shared_store(self) -> bool:
        return self.settings.retrieval.chroma_mode != "persistent"

    def repair(self) -> IndexCheck:
        """Make the vectors agree with the register; returns what was found before repairing.

        Vectors the register does not know are deleted; chunks without a vector are embedded
        again from the register (their files are not needed).
        """
        with write_lock(self.settings.data_dir):
            return self._repair()

    def _repair(self) -> IndexCheck:
        check = check_index(self.register, self.store, self._shared_store)
        if not check.ok:
            log.warning("rättar registret och vektorlagret: %s", " ".join(check.messages()))
        repair_index(self.register, self.store, self._embed_and_add, check)
        self._searcher = None
        return check

    def _check_counts(self) -> None:
        """Repair when the store's vector count differs from the register's chunk count.

        On a Chroma server too: each register has its own collection there (a register from
        before that gets its collection filled this way on first use).
        """
        vectors, chunks = self.store.count(), self.register.counts()["chunks"]
        if vectors != chunks:
            log.warning(
                "vektorlagret har %d vektorer men registret %d textavsnitt: rättar", vectors, chunks
            )
            self._repair()

    def _embed_and_add(self, chunks: list[Chunk]) -> None:
        vectors = self.embeddings.embed_documents([indexed_text(c) for c in chunks])
        self.store.add(chunks, vectors)

    # ------------------------------------------------------------------ reading and removal

    def documents(self) -> list[Document]:
        """All stored documents."""
        return self.register.documents()

    def remove(self, name: str) -> Document:
        """Remove one stored document (by file name or a unique part of it)."""
        with write_lock(self.settings.data_dir):
            matches = self.register.find_documents(name)
            if len(matches) != 1:
                names = ", ".join(d.doc for d in matches) or "inga"
                raise ConfigError(
                    f"'{name}' matchar {len(matches)} dokument ({names}). "
                    "Ange ett entydigt filnamn; `lagesbild docs` listar dem."
                )
            doc = matches[0]
            self.register.mark_pending([(doc.sha256, doc.path)])
            self.register.remove_document(doc.path)
            self.store.delete_doc(doc.sha256)
            self.register.clear_pending([doc.sha256])
        log.info("tog bort %s", doc.doc)
        self._searcher = None
        return doc

    def search(
        self,
        query: str,
        k: int | None = None,
        doc: str | None = None,
        kind: str | None = None,
        year: int | None = None,
    ) -> list[SearchHit]:
        """Hybrid (meaning + Swedish keywords) search over the stored chunks."""
        k = k or self.settings.retrieval.top_k
        try:
            return self._current_searcher().search(query, k, doc, kind, year)
        except StoreError:  # a view older than the register after all: reload from disk once
            log.warning("sökvyn var äldre än registret: läser vektorerna från disk igen")
            self._searcher, self._searcher_version = None, -1
        try:
            return self._current_searcher().search(query, k, doc, kind, year)
        except StoreError as exc:
            raise StoreError(
                f"{exc} Pågår en inläsning i en annan process? Försök då igen när den är klar."
            ) from exc

    def _current_searcher(self) -> HybridSearcher:
        """The searcher; rebuilt after our own writes, and from disk after anyone else's."""
        version = self.register.data_version()  # changes only with other connections' commits
        if self._searcher is not None and version == self._searcher_version:
            return self._searcher
        if version != self._searcher_version and not self._shared_store:
            SharedSystemClient.clear_system_cache()  # the next client loads the store from disk
            self._store = None
        chunks = self.register.chunks()  # the snapshot first, then the vectors
        rebuilt = self._searcher_version != -1
        log.log(
            logging.INFO if rebuilt else logging.DEBUG,
            "sökindexet byggs%s: %d textavsnitt",
            " om (registret har ändrats)" if rebuilt else "",
            len(chunks),
        )
        self._searcher = open_searcher(self.settings, chunks, self.embeddings)
        self._searcher_version = version
        return self._searcher


def _log_extracted(extracted: ExtractedDocument, seconds: float) -> None:
    """What one file gave, and the pages read by OCR or holding quarantined text."""
    doc, pages = extracted.document, extracted.pages
    log.info(
        "%s läst på %.1f s: %d sidor, %d tal, %d åtgärder, %d textavsnitt (%s)",
        doc.doc,
        seconds,
        len(pages),
        len(extracted.figures),
        len(extracted.measures),
        len(extracted.chunks),
        doc.kind.value,
    )
    ocr = [p.number for p in pages if p.ocr]
    if ocr:
        log.info("%s: OCR på sidorna %s", doc.doc, _page_list(ocr))
    quarantined = [p.number for p in pages if p.quarantined]
    if quarantined:
        log.warning(
            "%s: %d block riktade till en AI-assistent i karantän, sidorna %s",
            doc.doc,
            sum(len(p.quarantined) for p in pages),
            _page_list(quarantined),
        )


def _page_list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" …" if len(numbers) > 20 else "")


def _count(summary: IngestSummary, extracted: ExtractedDocument) -> None:
    doc = extracted.document
    summary.documents += 1
    summary.pages += len(extracted.pages)
    summary.measures += len(extracted.measures)
    summary.figures += len(extracted.figures)
    summary.chunks += len(extracted.chunks)
    summary.warnings.extend(
        w if w.startswith(f"{doc.doc}:") else f"{doc.doc}: {w}" for w in doc.warnings
    )


def _current_sha(path: Path) -> str | None:
    """The SHA-256 of a file as it is now; None when it cannot be read."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def _moved(path: Path, displaced: str) -> str:
    return (
        f"'{path}' har det innehåll som var inläst från '{displaced}', som har ändrats eller "
        "flyttats; posten flyttades hit. Läs in den andra filen igen om den finns kvar."
    )


def _reread_twin(path: Path, twin: str) -> str:
    return (
        f"'{path}' har samma innehåll som '{twin}', som lästes in med en äldre version av "
        "inläsningen; filen lästes in på nytt och posten flyttades hit."
    )


def _changed(path: Path) -> str:
    return (
        f"Kunde inte läsa '{path}': filen ändrades medan den lästes in (skrivs den fortfarande?). "
        "Vänta tills filen är färdigskriven och kör `lagesbild ingest` igen."
    )


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

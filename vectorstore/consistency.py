"""Register and vectors in agreement: the write lock, the crash journal, verify and repair.

The register (SQLite) is the source of truth; Chroma holds one vector per chunk. The two are
written separately, so the library journals every change (``Register.mark_pending``) and, after
an interrupted run, ``reconcile_pending`` makes the vectors of the journaled documents match the
register again: vectors the register does not know are deleted, chunks without a vector are
embedded again from their stored text. ``check_index`` compares everything (read-only) and
``repair_index`` fixes what it found. ``write_lock`` keeps to one writer per data directory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chromadb.errors import ChromaError

from lagesbild.errors import StoreError
from lagesbild.ids import doc_id, doc_id_of
from lagesbild.types import Chunk
from vectorstore.chroma import ChunkStore
from vectorstore.register import Register

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


# Page size when listing every vector id.
ID_PAGE = 5000

AddChunks = Callable[[list[Chunk]], None]


@dataclass
class IndexCheck:
    """How the register and the vector store agree (``check_index``)."""

    documents: int
    chunks: int
    vectors: int
    orphans: list[str] = field(default_factory=list)  # vector ids the register does not know
    missing: list[str] = field(default_factory=list)  # register chunk ids without a vector
    pending: list[str] = field(default_factory=list)  # journaled documents (an interrupted run)
    problems: list[str] = field(default_factory=list)  # register rows breaking the unit rule

    @property
    def ok(self) -> bool:
        """True when nothing needs repair."""
        return not (self.orphans or self.missing or self.pending or self.problems)

    def messages(self) -> list[str]:
        """What is wrong, in Swedish (empty when ``ok``)."""
        found = list(self.problems)
        if self.orphans:
            found.append(f"{len(self.orphans)} vektorer hör inte till något dokument i registret.")
        if self.missing:
            found.append(f"{len(self.missing)} textavsnitt i registret saknar vektor.")
        if self.pending:
            found.append(f"{len(self.pending)} dokument avbröts mitt i en tidigare inläsning.")
        return found


@contextmanager
def write_lock(folder: Path) -> Iterator[None]:
    """Hold the data directory's write lock; the operating system releases it if we die."""
    with (folder / "write.lock").open("a+b") as handle:
        try:
            _lock(handle.fileno())
        except OSError as exc:
            raise StoreError(
                f"En annan inläsning, borttagning eller reparation pågår redan i '{folder}'. "
                "Vänta tills den är klar och försök igen."
            ) from exc
        yield


def check_index(register: Register, store: ChunkStore, shared: bool = False) -> IndexCheck:
    """Compare the register with the vector store (reads only).

    ``shared``: the collection may hold other registers' vectors (a Chroma server used by a
    team), so only vectors of documents this register knows or journaled can be orphans.
    """
    chunk_ids = register.chunk_ids()
    pending = register.pending()
    stored = vector_ids(store)
    unknown = stored - chunk_ids
    if shared:
        ours = {doc_id_of(cid) for cid in chunk_ids} | {doc_id(sha) for sha in pending}
        unknown = {cid for cid in unknown if doc_id_of(cid) in ours}
    return IndexCheck(
        documents=register.counts()["documents"],
        chunks=len(chunk_ids),
        vectors=len(stored),
        orphans=sorted(unknown),
        missing=sorted(chunk_ids - stored),
        pending=pending,
        problems=register.problems(),
    )


def repair_index(register: Register, store: ChunkStore, add: AddChunks, check: IndexCheck) -> None:
    """Fix what ``check`` found: delete orphan vectors, embed chunks without one, clear the journal.

    ``add`` embeds chunks and stores their vectors (their files are not needed).
    """
    delete_vectors(store, check.orphans)
    missing = set(check.missing)
    if missing:
        add([c for c in register.chunks() if c.id in missing])
    register.clear_pending(check.pending)


def reconcile_pending(register: Register, store: ChunkStore, add: AddChunks) -> bool:
    """Make the vectors of journaled documents match the register; True if any were."""
    pending = register.pending()
    for doc in sorted({doc_id(sha) for sha in pending}):
        chunks = register.chunks_of(doc)
        stored = set(store.ids_for_doc(doc))
        delete_vectors(store, sorted(stored - {c.id for c in chunks}))
        missing = [c for c in chunks if c.id not in stored]
        if missing:
            add(missing)
    register.clear_pending(pending)
    return bool(pending)


def vector_ids(store: ChunkStore) -> set[str]:
    """Every vector id in the collection."""
    ids: set[str] = set()
    while True:
        page = _call(
            store, "läsa", store.collection.get, include=[], limit=ID_PAGE, offset=len(ids)
        )
        ids.update(page["ids"])
        if len(page["ids"]) < ID_PAGE:
            return ids


def delete_vectors(store: ChunkStore, ids: list[str]) -> None:
    """Delete vectors by chunk id."""
    size = store.client.get_max_batch_size()
    for start in range(0, len(ids), size):
        _call(store, "ta bort", store.collection.delete, ids=ids[start : start + size])


def _call(store: ChunkStore, action: str, method: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return method(**kwargs)
    except (ChromaError, ValueError) as exc:
        raise StoreError(
            f"Kunde inte {action} vektorlagret (samlingen '{store.name}'): {exc}."
        ) from exc

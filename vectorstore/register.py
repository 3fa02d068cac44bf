"""The register: documents, pages, measures, figures and chunks in one SQLite file.

A document is stored as one unit: ``replace_document`` deletes the old rows of the path
and inserts the new ones in a single transaction, so a reader never sees half a document.

The ``pending`` table is the library's journal for the vector store: a document's SHA-256 is
entered before its vectors are written or deleted and removed when register and vectors agree
again, so after a crash the library knows which documents to reconcile.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lagesbild.errors import StoreError
from lagesbild.settings import private_dir, private_file
from lagesbild.types import (
    Chunk,
    Document,
    ExtractedDocument,
    Figure,
    Measure,
    MeasureStatus,
    Page,
    SourceRef,
)

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY, doc TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
    pipeline TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS pages (
    path TEXT NOT NULL, number INTEGER NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (path, number));
CREATE TABLE IF NOT EXISTS measures (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, doc TEXT NOT NULL, page INTEGER NOT NULL,
    title_key TEXT NOT NULL, status TEXT NOT NULL, owner TEXT, due_by TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS measures_path ON measures(path);
CREATE TABLE IF NOT EXISTS figures (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, doc TEXT NOT NULL, page INTEGER NOT NULL,
    kind TEXT NOT NULL, value REAL, sek REAL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS figures_path ON figures(path);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, doc TEXT NOT NULL, page INTEGER NOT NULL,
    record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_path ON chunks(path);
CREATE TABLE IF NOT EXISTS pending (sha256 TEXT PRIMARY KEY, path TEXT NOT NULL);
"""

_TABLES_BY_PATH = ("pages", "measures", "figures", "chunks", "documents")


def title_key(title: str) -> str:
    """The key two measures must share to be the same measure (case and spacing folded)."""
    return " ".join(title.casefold().replace("–", "-").split())


class Register:
    """SQLite register of everything ingest produced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            private_file(private_dir(path.parent) / path.name)
            self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )
            self._db.execute(  # names this register's own collection on a shared Chroma server
                "INSERT OR IGNORE INTO meta VALUES ('register_id', ?)", (uuid.uuid4().hex[:12],)
            )
            self._db.execute(  # a no-op (no write) unless the file is older
                "UPDATE meta SET value = ? WHERE key = 'schema' AND CAST(value AS INTEGER) < ?",
                (str(SCHEMA_VERSION), SCHEMA_VERSION),
            )
            self._db.commit()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(
                f"Registret '{path}' kunde inte öppnas ({exc}). Kontrollera att filen inte är "
                "skadad, eller flytta undan den och kör `lagesbild ingest` igen."
            ) from exc

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @property
    def register_id(self) -> str:
        """A random id made when the register was created; it never changes."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'register_id'").fetchone()
        return str(row[0])

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._db:
                yield self._db
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Registret '{self.path}' kunde inte skrivas: {exc}.") from exc

    # ------------------------------------------------------------------ writing

    def replace_document(
        self, extracted: ExtractedDocument, pipeline: str, displaced: str | None = None
    ) -> None:
        """Store a document with all its records, replacing any earlier version of its path.

        ``displaced`` is another path whose (stale) records go in the same transaction: its
        stored content is this document's, and the file no longer holds it (moved or changed).
        """
        doc = extracted.document.model_copy(update={"ingested_at": datetime.now(UTC)})
        with self._transaction() as db:
            self._delete_path(db, doc.path)
            if displaced:
                self._delete_path(db, displaced)
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                (doc.path, doc.doc, doc.sha256, doc.kind.value, pipeline, doc.model_dump_json()),
            )
            db.executemany(
                "INSERT INTO pages VALUES (?, ?, ?)",
                [(doc.path, p.number, p.model_dump_json()) for p in extracted.pages],
            )
            db.executemany(
                "INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_measure_row(doc.path, m) for m in extracted.measures],
            )
            db.executemany(
                "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        f.id,
                        doc.path,
                        f.doc,
                        f.page,
                        f.kind.value,
                        f.value,
                        f.sek,
                        f.model_dump_json(),
                    )
                    for f in extracted.figures
                ],
            )
            db.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                [(c.id, doc.path, c.doc, c.page, c.model_dump_json()) for c in extracted.chunks],
            )

    def remove_document(self, path: str) -> None:
        """Remove a document and all its records."""
        with self._transaction() as db:
            self._delete_path(db, path)

    @staticmethod
    def _delete_path(db: sqlite3.Connection, path: str) -> None:
        for table in _TABLES_BY_PATH:
            db.execute(f"DELETE FROM {table} WHERE path = ?", (path,))

    # ------------------------------------------------------------------ the vector journal

    def mark_pending(self, entries: Iterable[tuple[str, str]]) -> None:
        """Journal (sha256, path) of documents whose vectors are about to change."""
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)", list(entries))

    def clear_pending(self, shas: Iterable[str]) -> None:
        """Remove journal entries: register and vectors agree for these documents again."""
        with self._transaction() as db:
            db.executemany("DELETE FROM pending WHERE sha256 = ?", [(s,) for s in shas])

    def pending(self) -> list[str]:
        """SHA-256 of documents whose vectors may disagree with the register (after a crash)."""
        return [r[0] for r in self._db.execute("SELECT sha256 FROM pending ORDER BY sha256")]

    # ------------------------------------------------------------------ reading documents

    def documents(self) -> list[Document]:
        """All documents, by file name."""
        rows = self._db.execute("SELECT record FROM documents ORDER BY doc, path").fetchall()
        return [Document.model_validate_json(r[0]) for r in rows]

    def stored_version(self, path: str) -> tuple[str, str] | None:
        """(sha256, pipeline version) stored for a path, or None."""
        row = self._db.execute(
            "SELECT sha256, pipeline FROM documents WHERE path = ?", (path,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def path_with_sha(self, sha256: str) -> str | None:
        """A stored path whose content has this hash, if any."""
        row = self._db.execute(
            "SELECT path FROM documents WHERE sha256 = ? ORDER BY path", (sha256,)
        ).fetchone()
        return row[0] if row else None

    def find_documents(self, name: str) -> list[Document]:
        """Documents whose file name equals, or else contains, ``name`` (case-insensitive)."""
        docs = self.documents()
        exact = [d for d in docs if d.doc.casefold() == name.casefold()]
        if exact:
            return exact
        return [d for d in docs if name.casefold() in d.doc.casefold()]

    def pages(self, path: str) -> list[Page]:
        """Pages of a stored document."""
        rows = self._db.execute(
            "SELECT record FROM pages WHERE path = ? ORDER BY number", (path,)
        ).fetchall()
        return [Page.model_validate_json(r[0]) for r in rows]

    def page_texts(self) -> dict[tuple[str, int], str]:
        """The text of every stored page, by (document name, page number)."""
        rows = self._db.execute(
            "SELECT d.doc, p.record FROM pages p JOIN documents d ON d.path = p.path"
        ).fetchall()
        found: dict[tuple[str, int], str] = {}
        for doc, record in rows:
            page = Page.model_validate_json(record)
            found[(doc, page.number)] = page.text
        return found

    # ------------------------------------------------------------------ reading records

    def measures(
        self,
        doc: str | None = None,
        status: str | None = None,
        owner: str | None = None,
        *,
        merge_duplicates: bool = True,
    ) -> list[Measure]:
        """Measures, filtered by document (name substring), status and owner (substring).

        With ``merge_duplicates`` the same measure found in several documents (e.g. the PDF
        and PPTX of one report) is listed once, with the other places in ``also_in``.
        """
        rows = self._db.execute("SELECT record FROM measures ORDER BY doc, page, id").fetchall()
        measures = _link_duplicates([Measure.model_validate_json(r[0]) for r in rows])
        if merge_duplicates:
            linked = {ref.measure_id for m in measures for ref in m.also_in}
            measures = [m for m in measures if m.id not in linked or _is_primary(m)]
        return [m for m in measures if _measure_matches(m, doc, status, owner)]

    def measure(self, measure_id: str) -> Measure | None:
        """One measure by id."""
        return next((m for m in self.measures(merge_duplicates=False) if m.id == measure_id), None)

    def figures(self, doc: str | None = None) -> list[Figure]:
        """Figures, optionally of documents whose name contains ``doc``."""
        rows = self._db.execute("SELECT doc, record FROM figures ORDER BY doc, page, id").fetchall()
        return [
            Figure.model_validate_json(r[1]) for r in rows if doc is None or _name_match(r[0], doc)
        ]

    def chunks(self, doc: str | None = None) -> list[Chunk]:
        """Chunks, optionally of documents whose name contains ``doc``."""
        rows = self._db.execute("SELECT doc, record FROM chunks ORDER BY doc, page, id").fetchall()
        return [
            Chunk.model_validate_json(r[1]) for r in rows if doc is None or _name_match(r[0], doc)
        ]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """Chunks of the stored documents whose SHA-256 starts with ``doc_id`` (12 hex digits)."""
        rows = self._db.execute(
            "SELECT c.record FROM chunks c JOIN documents d ON c.path = d.path "
            "WHERE substr(d.sha256, 1, ?) = ? ORDER BY c.id",
            (len(doc_id), doc_id),
        ).fetchall()
        return [Chunk.model_validate_json(r[0]) for r in rows]

    def chunk_ids(self) -> set[str]:
        """Ids of all stored chunks."""
        return {r[0] for r in self._db.execute("SELECT id FROM chunks")}

    def problems(self) -> list[str]:
        """Rows that break the one-unit rule: records without their document, or missing pages."""
        found = []
        for table in _TABLES_BY_PATH[:-1]:
            (orphans,) = self._db.execute(
                f"SELECT COUNT(*) FROM {table} WHERE path NOT IN (SELECT path FROM documents)"
            ).fetchone()
            if orphans:
                found.append(f"{orphans} rader i tabellen {table} saknar sitt dokument.")
        stored = dict(self._db.execute("SELECT path, COUNT(*) FROM pages GROUP BY path").fetchall())
        for doc in self.documents():
            if stored.get(doc.path, 0) != doc.pages:
                found.append(
                    f"'{doc.doc}' har {stored.get(doc.path, 0)} av {doc.pages} sidor i registret."
                )
        return found

    def data_version(self) -> int:
        """A number that changes whenever another connection (or process) commits."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def content_key(self) -> str:
        """Changes whenever the register's content does: its documents' paths, hashes and
        pipeline versions (what caches built from the register are keyed on)."""
        rows = self._db.execute(
            "SELECT path, sha256, pipeline FROM documents ORDER BY path"
        ).fetchall()
        return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()

    def counts(self) -> dict[str, int]:
        """Row counts per table."""
        tables = ("documents", "pages", "measures", "figures", "chunks")
        return {t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def _measure_row(path: str, m: Measure) -> tuple[object, ...]:
    due_by = m.due_by.isoformat() if m.due_by else None
    return (
        m.id,
        path,
        m.doc,
        m.page,
        title_key(m.title),
        m.status.value,
        m.owner,
        due_by,
        m.model_dump_json(),
    )


def _name_match(name: str, wanted: str) -> bool:
    return wanted.casefold() in name.casefold()


def _measure_matches(m: Measure, doc: str | None, status: str | None, owner: str | None) -> bool:
    if doc and not (_name_match(m.doc, doc) or any(_name_match(r.doc, doc) for r in m.also_in)):
        return False
    if status and not _status_matches(m, status):
        return False
    return not owner or bool(m.owner and _name_match(m.owner, owner))


def _status_matches(m: Measure, wanted: str) -> bool:
    wanted_key = wanted.casefold().replace("_", " ").strip()
    known = {s.value: s for s in MeasureStatus}
    if wanted_key in known:
        return m.status == known[wanted_key]
    return wanted_key in (m.status_raw or "").casefold() or wanted_key in m.status.value


def _link_duplicates(measures: list[Measure]) -> list[Measure]:
    """Fill ``also_in`` for measures with the same title and layout in other documents."""
    groups: dict[tuple[str, str], list[Measure]] = {}
    for m in measures:
        groups.setdefault((title_key(m.title), m.layout.value), []).append(m)
    for group in groups.values():
        docs = {m.doc for m in group}
        if len(docs) < 2:
            continue
        for m in group:
            m.also_in = [
                SourceRef(doc=o.doc, page=o.page, measure_id=o.id) for o in group if o.doc != m.doc
            ]
    return measures


def _is_primary(m: Measure) -> bool:
    """The primary of a linked group: the one whose document sorts first (PDF before PPTX)."""
    return all((m.doc, m.page) <= (ref.doc, ref.page) for ref in m.also_in)

"""The conversation history of the 'Fråga' mode: each question and its final answer, in SQLite.

The file ``history.sqlite3`` in the data directory is created on first use (WAL journal, the
schema version in ``PRAGMA user_version``). An entry keeps the question, when it was asked and
the whole ``Answer`` as JSON, so a reopened answer is shown exactly as it was — citations,
quotes, number check — without asking the model again. Only finished answers are stored.

A file that cannot be used (damaged, not a database, written by a newer Lägesbild) raises a
Swedish ``StoreError`` that names the file and the fix; the TUI then carries on without
history. Every call opens its own connection, so any worker thread may use the history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from lagesbild.errors import StoreError
from lagesbild.types import Answer

HISTORY_FILE = "history.sqlite3"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL
)
"""
_FIX = (
    "Lägesbild fortsätter utan historik. Flytta undan eller ta bort filen, så börjar en ny "
    "historik nästa gång du ställer en fråga."
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class HistoryEntry:
    """One stored question (its answer is read with :meth:`ConversationHistory.answer`)."""

    id: int
    asked_at: datetime
    """When the question was asked (timezone-aware)."""
    question: str

    @property
    def when(self) -> str:
        """'2025-06-01 14:03', in local time."""
        return self.asked_at.astimezone().strftime("%Y-%m-%d %H:%M")


class ConversationHistory:
    """The questions asked and their answers, newest first, in one SQLite file."""

    def __init__(self, path: Path, clock: Callable[[], datetime] = _utc_now) -> None:
        self.path = path
        self._clock = clock

    def add(self, question: str, answer: Answer) -> HistoryEntry:
        """Store a finished answer to ``question``; returns the new entry."""
        asked_at = self._clock()
        with self._connection() as db:
            cursor = db.execute(
                "INSERT INTO entries (asked_at, question, answer_json) VALUES (?, ?, ?)",
                (asked_at.isoformat(), question, answer.model_dump_json()),
            )
        return HistoryEntry(int(cursor.lastrowid or 0), asked_at, question)

    def entries(self) -> list[HistoryEntry]:
        """Every stored question, newest first."""
        with self._connection() as db:
            rows = db.execute("SELECT id, asked_at, question FROM entries ORDER BY id DESC")
            return [HistoryEntry(n, datetime.fromisoformat(at), q) for n, at, q in rows]

    def answer(self, entry: HistoryEntry) -> Answer:
        """The answer stored with ``entry``."""
        with self._connection() as db:
            row = db.execute("SELECT answer_json FROM entries WHERE id = ?", (entry.id,))
            found = row.fetchone()
        if found is None:
            raise StoreError(
                f"Frågan '{entry.question}' finns inte längre i historiken. Öppna historiken "
                "igen för att se de frågor som finns kvar."
            )
        try:
            return Answer.model_validate_json(found[0])
        except ValidationError as exc:
            raise StoreError(
                f"Svaret på '{entry.question}' i historiken går inte att läsa: det sparades "
                "av en annan version av Lägesbild. Ta bort frågan ur historiken och ställ den "
                "igen."
            ) from exc

    def delete(self, entry: HistoryEntry) -> None:
        """Remove one entry (nothing happens when it is already gone)."""
        with self._connection() as db:
            db.execute("DELETE FROM entries WHERE id = ?", (entry.id,))

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        with self._connection() as db:
            return db.execute("DELETE FROM entries").rowcount

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A connection on a ready, current schema; SQLite errors become a ``StoreError``."""
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            self._prepare(db)
            yield db
        except sqlite3.Error as exc:
            message = f"Historiken '{self.path}' går inte att använda ({exc}). {_FIX}"
            raise StoreError(message) from exc
        finally:
            if db is not None:
                db.close()

    def _prepare(self, db: sqlite3.Connection) -> None:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"Historiken '{self.path}' är sparad av en nyare version av Lägesbild "
                f"(version {version}). Uppdatera Lägesbild, eller: {_FIX}"
            )
        if version < SCHEMA_VERSION:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")

"""Stable ids, made in one place.

A document's id is the first 12 hex digits of the SHA-256 of its bytes, so the same file gets
the same id wherever it lies; the records read from it are numbered within it in document
order: ``<doc id>:f<n>`` for a figure, ``:m<n>`` for a measure, ``:c<n>`` for a chunk. The
vector store files each vector under the document id of its chunk.

``file_sha256`` is the one way a file on disk is hashed: the library hashes each document to
tell new content from old, and the bundled model is checked against its published hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

DOC_ID_CHARS = 12
_BLOCK = 8 * 1024 * 1024

RecordKind = Literal["f", "m", "c"]
FIGURE: RecordKind = "f"
MEASURE: RecordKind = "m"
CHUNK: RecordKind = "c"


def file_sha256(path: Path, progress: Callable[[int, int], None] | None = None) -> str:
    """The hex SHA-256 of a file, read in blocks; ``progress(bytes done, bytes total)`` after
    each block (hashing the 1 GB model takes a while)."""
    digest = hashlib.sha256()
    total = path.stat().st_size if progress else 0
    done = 0
    with path.open("rb") as src:
        while block := src.read(_BLOCK):
            digest.update(block)
            done += len(block)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def doc_id(sha256: str) -> str:
    """The id of the document whose content has this SHA-256 (hex)."""
    return sha256[:DOC_ID_CHARS]


def record_id(doc: str, kind: RecordKind, n: int) -> str:
    """The id of the ``n``-th figure, measure or chunk (from 1) of the document ``doc``."""
    return f"{doc}:{kind}{n}"


def doc_id_of(record: str) -> str:
    """The document id a figure, measure or chunk id starts with."""
    return record.split(":", 1)[0]

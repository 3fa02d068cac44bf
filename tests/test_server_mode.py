"""Server mode: the vector store in a real Chroma server (`chroma run`) on the loopback interface.

A session fixture starts the server that ships with the chromadb package on a free port of
127.0.0.1 and waits (bounded) for its heartbeat; each test empties it and points the settings
at it with ``LAGESBILD_RETRIEVAL__CHROMA_MODE=http``. The library's own integration tests
(tests/test_library.py, tests/test_reliability.py) and part of the bad-input suite run again
against it, plus search
during an ingest in another process and, as a slow test, the real embedding model.
"""

from __future__ import annotations

import inspect
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import chromadb
import pytest
import test_bad_input_suite
import test_library
import test_reliability
from chromadb.config import Settings as ChromaSettings

from lagesbild.errors import StoreError
from lagesbild.settings import Settings, get_settings
from vectorstore.library import Library

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
HOST = "127.0.0.1"  # loopback only
START_TIMEOUT_S = 30.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _chroma_binary() -> str | None:
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


def _wait_for_heartbeat(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Chroma-servern avslutades: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Chroma-servern svarade inte inom {START_TIMEOUT_S:.0f} s")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real Chroma server on 127.0.0.1 for the whole session."""
    binary = _chroma_binary()
    if binary is None:
        pytest.skip("programmet 'chroma' saknas (det följer med paketet chromadb)")
    folder = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [binary, "run", "--path", str(folder / "data"), "--host", HOST, "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_heartbeat(port, process, log)
            yield HOST, port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def server(
    chroma_server: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, int]]:
    """Settings pointing at the (emptied) server for one test."""
    host, port = chroma_server
    monkeypatch.setenv("LAGESBILD_RETRIEVAL__CHROMA_MODE", "http")
    monkeypatch.setenv("LAGESBILD_RETRIEVAL__CHROMA_HOST", host)
    monkeypatch.setenv("LAGESBILD_RETRIEVAL__CHROMA_PORT", str(port))
    get_settings.cache_clear()
    client = chromadb.HttpClient(
        host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    for collection in client.list_collections():
        client.delete_collection(collection.name)
    yield host, port
    get_settings.cache_clear()


@pytest.fixture
def library(server: tuple[str, int], fake_embeddings: Any) -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def _takes_library(test: Callable[..., None]) -> bool:
    return list(inspect.signature(test).parameters) == ["library", "tmp_path"]


# Not against a server: the thousand files (time) and the repair that only a local store gets
# (a shared server may hold other registers' vectors, so counts there say nothing).
_LOCAL_ONLY = {"test_a_thousand_small_files", "test_leftovers_from_before_the_journal_are_repaired"}
LIBRARY_TESTS = [
    test
    for module in (test_library, test_reliability)
    for name, test in sorted(vars(module).items())
    if name.startswith("test_") and callable(test) and _takes_library(test)
    if not name.startswith(tuple(_LOCAL_ONLY))
]
SERVER_CASES = [
    case
    for case in test_bad_input_suite.CASES
    if case.name in {"skadad.pdf", "losenord-rc4.pdf", "trasig-sida.pdf", "dubblett.txt"}
]


@pytest.mark.parametrize("test", LIBRARY_TESTS, ids=lambda t: t.__name__)
def test_library_suite_against_the_server(
    test: Callable[[Library, Path], None], library: Library, tmp_path: Path
) -> None:
    assert library.settings.retrieval.chroma_mode == "http"
    test(library, tmp_path)
    assert library.verify().ok
    assert not library.settings.chroma_path.exists()  # no local vector files were made


@pytest.mark.parametrize("case", SERVER_CASES, ids=lambda c: c.name)
@pytest.mark.usefixtures("server", "fake_embeddings")
def test_bad_inputs_against_the_server(
    case: test_bad_input_suite.Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    test_bad_input_suite.test_bad_input(case, tmp_path, monkeypatch)


def test_the_server_listens_on_loopback_only(library: Library, server: tuple[str, int]) -> None:
    host, port = server
    chroma = library.store.client.get_settings()
    assert (chroma.chroma_server_host, chroma.chroma_server_http_port) == (host, port)
    assert chroma.anonymized_telemetry is False
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=1):
        pass  # not even another loopback address answers


def test_repair_against_the_server(library: Library, tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"dok-{i}.txt").write_text(f"Dokument {i}: {i + 1} mkr.", encoding="utf-8")
    library.ingest([tmp_path])
    chunk = library.register.chunks()[0]
    library.store.collection.delete(ids=[chunk.id])
    assert library.verify().missing == [chunk.id]
    library.repair()
    assert library.verify().ok


@pytest.mark.usefixtures("server")
def test_two_registers_share_one_server(tmp_path: Path, fake_embeddings: Any) -> None:
    """Two team members (own registers) on one server: each has its own collection there.

    The same file in both registers is stored in each; when one removes it, the other keeps
    its vectors and can still search it.
    """
    shared = tmp_path / "delad.txt"
    shared.write_text("Gemensam rapport: underskottet är 9 mkr.", encoding="utf-8")
    own = tmp_path / "egen"
    own.mkdir()
    (own / "bara-b.txt").write_text("Bara B:s anteckning om 3 vårdplatser.", encoding="utf-8")
    a = Library(get_settings().model_copy(update={"home": tmp_path / "a"}), fake_embeddings)
    b = Library(get_settings().model_copy(update={"home": tmp_path / "b"}), fake_embeddings)
    try:
        a.ingest([shared])
        b.ingest([shared, own])
        assert a.store.name != b.store.name
        assert a.verify().ok and b.verify().ok
        assert (a.store.count(), b.store.count()) == (1, 2)
        a.remove("delad.txt")
        assert b.verify().ok  # A's removal does not touch B's vectors
        assert b.search("underskottet", k=1)[0].doc == "delad.txt"
        assert b.search("vårdplatser", k=1)[0].doc == "bara-b.txt"
    finally:
        a.close()
        b.close()


def test_a_server_that_is_down_gives_a_clear_message(tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path, retrieval={"chroma_mode": "http", "chroma_port": _free_port()}
    )
    library = Library(settings)
    try:
        with pytest.raises(StoreError, match="Chroma-servern kör"):
            library.ingest([tmp_path])
    finally:
        library.close()


RUNNER = """
import sys
sys.path.insert(0, sys.argv[1])
from fakes import HashEmbeddings
import vectorstore.library as library
library.make_embeddings = lambda settings: HashEmbeddings()
from assistant.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_search_while_another_process_ingests_through_the_server(
    library: Library, tmp_path: Path, lagesbild_home: Path
) -> None:
    folder = tmp_path / "korpus"
    folder.mkdir()
    for i in range(200):
        (folder / f"dok-{i:03d}.txt").write_text(
            f"Dokument {i}.\n\nUnderskottet för enhet {i} är {i + 1} mkr.", encoding="utf-8"
        )
    (tmp_path / "först.txt").write_text("Underskottet för staben är 2 mkr.", encoding="utf-8")
    library.ingest([tmp_path / "först.txt"])
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(runner), str(TESTS), "ingest", str(folder)],
        cwd=REPO,
        env={**os.environ, "LAGESBILD_HOME": str(lagesbild_home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    searches = 0
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None:
            assert time.monotonic() < deadline
            hits = library.search("underskottet för enhet", k=5)
            stored = {c.id: c.text for c in library.register.chunks()}  # only grows meanwhile
            assert hits
            assert all(stored.get(h.chunk_id) == h.text for h in hits)
            searches += 1
        assert process.wait() == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert searches >= 2
    assert library.search("Dokument 199", k=1)[0].doc == "dok-199.txt"
    assert library.verify().ok


@pytest.mark.slow
@pytest.mark.usefixtures("server")
def test_real_model_through_the_server(tmp_path: Path) -> None:
    library = Library()
    try:
        (tmp_path / "plan.txt").write_text(
            "Åtgärdsplan\n\nRegionen ska öppna 12 nya vårdplatser i Kiruna under 2025.",
            encoding="utf-8",
        )
        (tmp_path / "budget.txt").write_text(
            "Budget\n\nUnderskottet för RUN är 47 mkr enligt prognosen.", encoding="utf-8"
        )
        assert library.ingest([tmp_path]).documents == 2
        assert library.search("hur många vårdplatser", k=1)[0].doc == "plan.txt"
        assert library.verify().ok
    finally:
        library.close()

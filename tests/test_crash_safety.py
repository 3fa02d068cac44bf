"""Crash safety: `kill -9` during `lagesbild ingest`, then check the index and run again.

A runner script (test code, written to the temporary folder) starts the real CLI with the
fake embedder patched in. Random rounds kill it after a random delay; targeted rounds kill it
at the riskiest points (right after vectors were added, right after a register transaction,
right before old vectors are deleted). Between rounds some files change, so replacements are
in flight when the process dies. After every kill:

- the register holds every document completely or not at all;
- no register chunk lacks its vector (search never points at nothing);
- vectors the register does not know belong only to documents in the crash journal;

and the final, uninterrupted run leaves register, vectors and BM25 in full agreement, with
every file's current content stored exactly once.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fakes import HashEmbeddings

from lagesbild.settings import Settings
from vectorstore.chroma import ChunkStore
from vectorstore.hybrid import open_searcher
from vectorstore.library import Library, file_sha256
from vectorstore.register import Register

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
ROUND_LIMIT_S = 90.0  # a hang guard, not a timing target: a loaded 2-core machine is slow
RANDOM_ROUNDS = 5
KILL_WINDOW_S = 3.0  # an uninterrupted round ingests for about this long after start-up
FILES = 160

RUNNER = """
import os, signal, sys, time
sys.path.insert(0, sys.argv[1])
from fakes import HashEmbeddings
import vectorstore.library as library
from vectorstore.chroma import ChunkStore
from vectorstore.register import Register

point, after, ready = sys.argv[2], int(sys.argv[3]), sys.argv[4]
calls = [0]


class SlowHashEmbeddings(HashEmbeddings):
    # takes a moment per batch, like a real model, so that kills land in every stage

    def embed_documents(self, texts):
        time.sleep(0.05)
        return super().embed_documents(texts)


def slow_extract(path, *args, **kwargs):
    time.sleep(0.005)
    return extract_document(path, *args, **kwargs)


library.make_embeddings = lambda settings: SlowHashEmbeddings()
extract_document = library.extract_document
library.extract_document = slow_extract

def dying(original, before):
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if before and calls[0] >= after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if not before and calls[0] >= after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return wrapper

if point == "after-add":
    ChunkStore.add = dying(ChunkStore.add, before=False)
elif point == "after-register":
    Register.replace_document = dying(Register.replace_document, before=False)
elif point == "before-delete":
    ChunkStore.delete_doc = dying(ChunkStore.delete_doc, before=True)
from assistant.cli import main
open(ready, "w").close()
sys.exit(main(sys.argv[5:]))
"""


def _write_corpus(folder: Path, round_no: int) -> None:
    """FILES text files; each round gives three in four of them new content (replacements)."""
    folder.mkdir(exist_ok=True)
    for i in range(FILES):
        version = round_no if i % 4 else 0
        path = folder / f"rapport-{i:03d}.txt"
        if version or not path.exists():
            path.write_text(
                f"Rapport {i}, version {version}\n\nUnderskottet för enhet {i} är {i + 3} mkr.\n\n"
                f"Åtgärd {i}: minska hyrpersonal med {i % 17} procent under {2020 + i % 6}.\n\n"
                + "Uppföljning sker varje månad i nämnden. "
                * (1 + i % 7),
                encoding="utf-8",
            )


def _run(tmp_path: Path, home: Path, corpus: Path, point: str, after: int, delay: float) -> int:
    """Run the CLI ingest; kill it after ``delay`` s (or at ``point``); returns the exit code."""
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    ready = tmp_path / "ready"
    ready.unlink(missing_ok=True)
    env = {**os.environ, "LAGESBILD_HOME": str(home)}
    args = [str(TESTS), point, str(after), str(ready), "ingest", str(corpus), "--json"]
    with (tmp_path / "stderr.txt").open("ab") as stderr:
        process = subprocess.Popen(
            [sys.executable, str(runner), *args],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        deadline = time.monotonic() + ROUND_LIMIT_S
        try:
            while not ready.exists() and process.poll() is None:
                assert time.monotonic() < deadline, "körningen startade inte i tid"
                time.sleep(0.02)
            if point == "random":
                time.sleep(delay)
                process.send_signal(signal.SIGKILL)
            return process.wait(timeout=max(0.1, deadline - time.monotonic()))
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _check_after_crash(home: Path) -> tuple[int, int, int]:
    """Check the index a kill left; returns (documents, journaled documents, orphan vectors)."""
    library = Library(Settings(home=home), HashEmbeddings())
    try:
        check = library.verify()
        assert check.problems == [], check.problems  # every document complete or absent
        assert check.missing == [], check.missing[:5]  # no chunk without its vector
        journaled = {sha[:12] for sha in check.pending}
        stray = {cid.split(":", 1)[0] for cid in check.orphans} - journaled
        assert not stray, f"vektorer utan dokument och utan journal: {sorted(stray)[:5]}"
        chunks = library.register.chunks()
        searcher = open_searcher(library.settings, chunks, library.embeddings)
        assert sorted(searcher.keyword.ids) == sorted(c.id for c in chunks)  # BM25 agrees
        return check.documents, len(check.pending), len(check.orphans)
    finally:
        library.close()


def _check_complete(home: Path, corpus: Path) -> None:
    library = Library(Settings(home=home), HashEmbeddings())
    try:
        check = library.verify()
        assert check.ok, check.messages()
        assert check.vectors == check.chunks > 0
        stored = {Path(d.path).name: d.sha256 for d in library.documents()}
        on_disk = {p.name: file_sha256(p) for p in corpus.iterdir()}
        assert stored == on_disk  # every file, its current content, once
        hits = library.search("underskottet för enhet 7", k=3)
        assert hits
        assert hits[0].doc == "rapport-007.txt"
    finally:
        library.close()


def test_kill_minus_nine_during_ingest_never_leaves_an_inconsistent_index(
    tmp_path: Path,
) -> None:
    home, corpus = tmp_path / "home", tmp_path / "korpus"
    shutil.copytree(REPO / "examples" / "corpus", corpus)
    rng = random.Random(int(os.environ.get("LAGESBILD_TEST_SEED", "20240607")))
    window = KILL_WINDOW_S / RANDOM_ROUNDS  # one random delay in each part of the window
    rounds = [("random", 0, rng.uniform(i, i + 1) * window) for i in range(RANDOM_ROUNDS)]
    rounds += [("after-add", 2, 0.0), ("after-register", 70, 0.0), ("before-delete", 3, 0.0)]
    outcomes: list[tuple[object, ...]] = []
    for round_no, (point, after, delay) in enumerate(rounds, start=1):
        _write_corpus(corpus, round_no)
        start = time.monotonic()
        code = _run(tmp_path, home, corpus, point, after, delay)
        elapsed = time.monotonic() - start
        assert elapsed < ROUND_LIMIT_S
        assert code in (0, -signal.SIGKILL), (outcomes, (tmp_path / "stderr.txt").read_text())
        outcomes.append(
            (point, round(delay, 2), code, round(elapsed, 1), *_check_after_crash(home))
        )
    start = time.monotonic()
    assert _run(tmp_path, home, corpus, "none", 0, 0.0) == 0
    outcomes.append(("none", 0.0, 0, round(time.monotonic() - start, 1), *_check_after_crash(home)))
    print("\n(punkt, fördröjning s, slutkod, tid s, dokument, i journalen, föräldralösa vektorer)")
    print("\n".join(map(str, outcomes)))
    assert sum(o[2] == -signal.SIGKILL for o in outcomes) >= len(rounds) - 2
    _check_complete(home, corpus)


class _Died(BaseException):
    """Stands in for the process dying (not an Exception: nothing may catch it)."""


@pytest.mark.parametrize(
    ("target", "method", "before"),
    [
        (ChunkStore, "add", False),
        (Register, "replace_document", False),
        (ChunkStore, "delete_doc", True),
    ],
    ids=["after-add", "after-register", "before-delete"],
)
def test_repair_fixes_what_an_interrupted_ingest_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: type, method: str, before: bool
) -> None:
    """``Library.repair`` (without a new ingest) makes register and vectors agree again."""
    home, corpus = tmp_path / "home", tmp_path / "korpus"
    _write_corpus(corpus, 0)
    library = Library(Settings(home=home), HashEmbeddings())
    try:
        library.ingest([corpus])
        _write_corpus(corpus, 1)
        original = getattr(target, method)

        def dies(*args: Any, **kwargs: Any) -> Any:
            if not before:
                original(*args, **kwargs)
            raise _Died

        monkeypatch.setattr(target, method, dies)
        with pytest.raises(_Died):
            library.ingest([corpus])
        monkeypatch.setattr(target, method, original)
        _check_after_crash(home)
        found = library.repair()
        assert found.pending  # the interruption left a journal
        after = library.verify()
        assert after.ok, after.messages()
        assert after.vectors == after.chunks
    finally:
        library.close()

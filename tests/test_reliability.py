"""Reliability of the library: scale, idempotence, replacement as one unit, concurrency.

Searching while another process ingests is tested against the real CLI in a subprocess (with
the fake embedder patched in by a runner script that belongs to this test).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import HashEmbeddings

from lagesbild.errors import StoreError
from lagesbild.settings import Settings
from lagesbild.types import Chunk, DocumentKind, Page
from vectorstore.consistency import write_lock
from vectorstore.hybrid import HybridSearcher
from vectorstore.library import Library, discover, file_sha256

pytestmark = pytest.mark.usefixtures("fake_embeddings")

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

RUNNER = """
import sys
sys.path.insert(0, sys.argv[1])
from fakes import HashEmbeddings
import vectorstore.library as library
library.make_embeddings = lambda settings: HashEmbeddings()
from assistant.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture
def library() -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def _texts(folder: Path, count: int, prefix: str = "dok") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{prefix}-{i:04d}.txt"
        path.write_text(
            f"Dokument {i} om enhet {i}.\n\nUnderskottet är {i + 1} mkr och "
            f"hyrpersonalen minskar med {i % 9} procent.",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _state(library: Library) -> tuple[dict[str, int], list[str], list[str]]:
    """Register counts, register chunk ids and vector ids (sorted)."""
    vectors = sorted(library.store.collection.get(include=[])["ids"])
    return library.register.counts(), sorted(library.register.chunk_ids()), vectors


def test_a_thousand_small_files(library: Library, tmp_path: Path) -> None:
    _texts(tmp_path / "många", 1000)
    start = time.perf_counter()
    summary = library.ingest([tmp_path / "många"])
    elapsed = time.perf_counter() - start
    assert (summary.documents, summary.failed) == (1000, [])
    assert elapsed < 60, f"1 000 små filer tog {elapsed:.1f} s"
    check = library.verify()
    assert check.ok and check.vectors == check.chunks >= 1000
    again = library.ingest([tmp_path / "många"])
    assert (again.documents, again.skipped) == (0, 1000)


def test_reingest_is_idempotent(library: Library, tmp_path: Path) -> None:
    _texts(tmp_path / "in", 30)
    library.ingest([tmp_path / "in"])
    first = _state(library)
    for _ in range(2):
        assert library.ingest([tmp_path / "in"]).documents == 0
        assert _state(library) == first
    assert first[1] == first[2]


def test_changed_file_is_replaced_as_one_unit(library: Library, tmp_path: Path) -> None:
    paths = _texts(tmp_path / "in", 5)
    library.ingest([tmp_path / "in"])
    old = {d.doc: d.sha256 for d in library.documents()}
    others = {c.id for c in library.register.chunks() if c.doc != paths[2].name}
    paths[2].write_text("Ny version: 99 mkr till vårdplatser.\n\n" * 40, encoding="utf-8")
    assert library.ingest([tmp_path / "in"]).documents == 1
    new = {d.doc: d.sha256 for d in library.documents()}
    assert new[paths[2].name] != old[paths[2].name]
    assert library.store.ids_for_doc(old[paths[2].name]) == []  # old vectors gone
    _, chunk_ids, vector_ids = _state(library)
    assert chunk_ids == vector_ids
    assert others <= set(chunk_ids)  # the other documents are untouched
    assert {f.raw for f in library.register.figures(paths[2].name)} == {"99 mkr"}


def test_new_pipeline_version_leaves_no_stale_vectors(library: Library, tmp_path: Path) -> None:
    """Same file, new pipeline (here: smaller chunks, then larger): ids it no longer has go."""
    path = tmp_path / "lang.txt"
    path.write_text("\n\n".join(f"Stycke {i} om budgeten, {i} mkr." for i in range(200)))
    library.settings.ingest.chunk_chars = 300
    library.ingest([path])
    many = library.register.counts()["chunks"]
    library.settings.ingest.chunk_chars = 2000
    library.version += "-ny"
    assert library.ingest([path]).documents == 1
    _, chunk_ids, vector_ids = _state(library)
    assert len(chunk_ids) < many
    assert chunk_ids == vector_ids


def test_contents_swapped_between_two_files(library: Library, tmp_path: Path) -> None:
    """One batch replaces a file's content with what another file held: both end up right."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Text A om budgeten 1 mkr.", encoding="utf-8")
    b.write_text("Text B om vårdplatser 2 mkr.", encoding="utf-8")
    library.ingest([tmp_path])
    a.write_text("Text B om vårdplatser 2 mkr.", encoding="utf-8")
    b.write_text("Text A om budgeten 1 mkr.", encoding="utf-8")
    summary = library.ingest([tmp_path])
    assert summary.failed == []
    stored = {d.doc: d.sha256 for d in library.documents()}
    assert stored == {"a.txt": file_sha256(a), "b.txt": file_sha256(b)}
    assert library.verify().ok
    assert library.ingest([tmp_path]).skipped == 2


def test_a_renamed_file_moves_its_record(library: Library, tmp_path: Path) -> None:
    old = tmp_path / "gammalt-namn.txt"
    old.write_text("Åtgärdsplanen kostar 4 mkr.", encoding="utf-8")
    library.ingest([tmp_path])
    new = old.rename(tmp_path / "nytt-namn.txt")
    summary = library.ingest([tmp_path])
    assert [d.doc for d in library.documents()] == ["nytt-namn.txt"]
    assert any("posten flyttades hit" in w for w in summary.warnings)
    assert library.verify().ok
    assert library.search("åtgärdsplanen", k=1)[0].doc == new.name


def test_same_new_content_twice_in_one_batch(library: Library, tmp_path: Path) -> None:
    for name in ("x.txt", "y.txt", "z.txt"):
        (tmp_path / name).write_text("Samma text om 5 mkr.", encoding="utf-8")
    summary = library.ingest([tmp_path])
    assert (summary.documents, summary.skipped) == (1, 2)
    assert sum("samma innehåll" in w for w in summary.warnings) == 2
    assert library.verify().ok


def test_a_second_writer_is_refused_with_a_clear_message(library: Library, tmp_path: Path) -> None:
    _texts(tmp_path / "in", 1)
    with write_lock(library.settings.data_dir), pytest.raises(StoreError) as caught:
        library.ingest([tmp_path / "in"])
    assert "En annan inläsning" in str(caught.value)
    assert library.ingest([tmp_path / "in"]).documents == 1  # the lock went with its holder


def test_leftovers_from_before_the_journal_are_repaired_on_ingest(
    library: Library, tmp_path: Path
) -> None:
    """Vectors no register row knows (an older crash) are removed by the next ingest."""
    _texts(tmp_path / "in", 3)
    library.ingest([tmp_path / "in"])
    ghost = Chunk(
        id="0123456789ab:c1", doc="spöke.txt", doc_kind=DocumentKind.OTHER, page=1, text="Spöke."
    )
    library.store.add([ghost], [[0.1] * 64])
    assert library.verify().orphans == [ghost.id]
    _texts(tmp_path / "in", 4)
    library.ingest([tmp_path / "in"])
    assert library.verify().ok


def test_journaled_document_is_reconciled_on_ingest(library: Library, tmp_path: Path) -> None:
    _texts(tmp_path / "in", 2)
    library.ingest([tmp_path / "in"])
    doc = library.documents()[0]
    chunk = library.register.chunks(doc.doc)[0]
    library.register.mark_pending([(doc.sha256, doc.path)])
    library.store.collection.delete(ids=[chunk.id])  # as if killed between two writes
    assert library.verify().missing == [chunk.id]
    library.ingest([tmp_path / "in"])
    check = library.verify()
    assert check.ok, check.messages()


# ------------------------------------------------------------------------------ discovery


def test_symlinked_folders_are_followed_only_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "utanför"
    _texts(outside, 2, "ute")
    root = tmp_path / "rot"
    _texts(root / "inne", 1, "inne")
    (root / "länk-ut").symlink_to(outside, target_is_directory=True)
    (root / "länk-in").symlink_to(root / "inne", target_is_directory=True)
    (root / "inne" / "upp").symlink_to(root, target_is_directory=True)

    found = discover([root])
    assert [p.name for p in found.files] == ["inne-0000.txt"]
    assert any("länk-ut" in w and "utanför" in w for w in found.warnings)
    assert any("upp" in w and "länkslinga" in w for w in found.warnings)

    followed = discover([root], follow_symlinks=True)
    assert sorted(p.name for p in followed.files) == [
        "inne-0000.txt",
        "ute-0000.txt",
        "ute-0001.txt",
    ]


def test_mutual_folder_links_do_not_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _texts(a, 1, "a")
    _texts(b, 1, "b")
    (a / "till-b").symlink_to(b, target_is_directory=True)
    (b / "till-a").symlink_to(a, target_is_directory=True)
    found = discover([a], follow_symlinks=True)
    assert sorted(p.name for p in found.files) == ["a-0000.txt", "b-0000.txt"]


def test_given_paths_that_are_not_files(tmp_path: Path) -> None:
    loop = tmp_path / "slinga.pdf"
    loop.symlink_to(loop)
    dangling = tmp_path / "trasig.pdf"
    dangling.symlink_to(tmp_path / "borta.pdf")
    fifo = tmp_path / "rör.txt"
    os.mkfifo(fifo)
    found = discover([loop, dangling, fifo, tmp_path / "saknas.txt"])
    errors = [f.error for f in found.failures]
    assert found.files == []
    assert "slinga.pdf" in errors[0] and "länkslinga" in errors[0]
    assert "trasig.pdf" in errors[1] and "trasig länk" in errors[1]
    assert "rör.txt" in errors[2] and "ingen vanlig fil" in errors[2]
    assert "saknas.txt" in errors[3] and "finns inte" in errors[3]


def test_a_symlinked_folder_given_directly_is_read(tmp_path: Path) -> None:
    _texts(tmp_path / "riktig", 2)
    (tmp_path / "genväg").symlink_to(tmp_path / "riktig", target_is_directory=True)
    assert len(discover([tmp_path / "genväg"]).files) == 2


def test_files_are_read_never_executed(library: Library, tmp_path: Path) -> None:
    marker = tmp_path / "kördes"
    script = tmp_path / "in" / "skript.txt"
    script.parent.mkdir()
    script.write_text(f"#!/bin/sh\ntouch {marker}\n\nBudgeten är 3 mkr.\n", encoding="utf-8")
    script.chmod(0o755)
    (tmp_path / "in" / "sida.md").write_text(
        f"# Rubrik\n\n<script>fetch('http://example.com')</script>\n\n$(touch {marker})\n"
    )
    summary = library.ingest([tmp_path / "in"])
    assert summary.documents == 2
    assert not marker.exists()


# ------------------------------------------------------------------------------ concurrency


def test_search_while_another_process_ingests(tmp_path: Path, lagesbild_home: Path) -> None:
    """Search repeatedly while the CLI ingests in a subprocess: no errors, consistent hits."""
    folder = tmp_path / "korpus"
    _texts(folder, 300)
    seed = tmp_path / "först"
    _texts(seed, 1, "först")
    library = Library(Settings(home=lagesbild_home), HashEmbeddings())
    library.ingest([seed])
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(runner), str(TESTS), "ingest", str(folder), "--json"],
        cwd=REPO,
        env={**os.environ, "LAGESBILD_HOME": str(lagesbild_home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen_documents: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None:
            assert time.monotonic() < deadline, "inläsningen blev inte klar i tid"
            hits = library.search("underskottet hyrpersonalen enhet", k=5)
            stored = {c.id: c for c in library.register.chunks()}
            assert hits
            for hit in hits:
                assert hit.chunk_id in stored, hit.chunk_id
                assert hit.text == stored[hit.chunk_id].text
            seen_documents.append(len(library.documents()))
        assert process.wait() == 0, process.stderr.read().decode() if process.stderr else ""
        final = library.search("Dokument 299 om enhet 299", k=1)
        assert final[0].doc == "dok-0299.txt"
        assert library.verify().ok
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        library.close()
    assert len(seen_documents) >= 3, seen_documents
    assert any(1 < n < 301 for n in seen_documents), seen_documents  # searched mid-ingest


def test_search_reloads_once_then_explains(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store read that fails (a stale view) is retried from disk once, then explained."""
    _texts(tmp_path / "in", 3)
    library.ingest([tmp_path / "in"])
    real = HybridSearcher.search
    failures = [StoreError("Kunde inte läsa vektorlagret: Error finding id.")]

    def flaky(self: HybridSearcher, *args: Any) -> Any:
        if failures:
            raise failures.pop()
        return real(self, *args)

    monkeypatch.setattr(HybridSearcher, "search", flaky)
    assert library.search("underskottet", k=1)  # second try works
    failures.extend([StoreError("Kunde inte läsa vektorlagret."), StoreError("Igen.")])
    with pytest.raises(StoreError, match="Pågår en inläsning i en annan process"):
        library.search("underskottet", k=1)


# ------------------------------------------------------------------------------ known problems


def test_figure_extraction_is_not_quadratic_in_paragraph_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counts the characters scanned for sentence boundaries (deterministic, not timed)."""
    import ingest.figures as figures

    scanned = [0]
    real = figures._sentence_cuts

    def counting(text: str, lo: int, hi: int) -> list[int]:
        scanned[0] += hi - lo
        return real(text, lo, hi)

    monkeypatch.setattr(figures, "_sentence_cuts", counting)
    text = " ".join(f"post {i} kostar {i} mkr" for i in range(400))
    found = figures.extract_figures("tal.txt", "0" * 12, [Page(number=1, text=text)])
    assert len(found) >= 400
    assert scanned[0] < 20 * len(text), f"{scanned[0]} tecken lästes för en text på {len(text)}"

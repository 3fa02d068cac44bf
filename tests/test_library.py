"""Ingest through the library: skip by hash, replace changed files, keep on failure."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lagesbild.errors import ConfigError
from lagesbild.ids import file_sha256
from vectorstore.library import Library, discover

pytestmark = pytest.mark.usefixtures("fake_embeddings")


@pytest.fixture
def library() -> Iterator[Library]:
    lib = Library()
    yield lib
    lib.close()


def _text_file(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_reingest_of_unchanged_file_is_skipped(library: Library, tmp_path: Path) -> None:
    path = _text_file(tmp_path, "plan.txt", "Budget\n\nUnderskottet är 47 mkr år 2023.")
    first = library.ingest([path])
    assert (first.documents, first.skipped, first.failed) == (1, 0, [])
    second = library.ingest([path])
    assert (second.documents, second.skipped) == (0, 1)


def test_changed_file_replaces_its_records(library: Library, tmp_path: Path) -> None:
    path = _text_file(tmp_path, "plan.txt", "Underskottet är 47 mkr.")
    library.ingest([path])
    path.write_text("Underskottet är 57 mkr.", encoding="utf-8")
    summary = library.ingest([path])
    assert summary.documents == 1
    raws = [f.raw for f in library.register.figures("plan")]
    assert raws == ["57 mkr"]
    assert len(library.documents()) == 1


def test_failing_new_version_keeps_the_previous_one(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    shutil.copy(
        Path(__file__).parent.parent / "examples/corpus/omstallningsplanen-2021-2022.pdf", path
    )
    library.ingest([path])
    before = library.register.counts()
    path.write_bytes(b"%PDF-1.4 trasig")  # the file is overwritten by a broken copy
    summary = library.ingest([path])
    assert len(summary.failed) == 1
    assert "rapport.pdf" in summary.failed[0].error
    assert library.register.counts() == before


def test_other_files_are_ingested_when_one_fails(library: Library, tmp_path: Path) -> None:
    _text_file(tmp_path, "bra.txt", "Status: klar.")
    (tmp_path / "tom.pdf").write_bytes(b"")
    summary = library.ingest([tmp_path])
    assert summary.documents == 1
    assert [Path(f.path).name for f in summary.failed] == ["tom.pdf"]


def test_same_content_under_two_names_is_stored_once(library: Library, tmp_path: Path) -> None:
    _text_file(tmp_path, "a.txt", "Samma text 12 mkr.")
    _text_file(tmp_path, "b.txt", "Samma text 12 mkr.")
    summary = library.ingest([tmp_path])
    assert (summary.documents, summary.skipped) == (1, 1)
    assert any("samma innehåll" in w for w in summary.warnings)


def test_missing_path_is_a_failure_not_a_crash(library: Library, tmp_path: Path) -> None:
    summary = library.ingest([tmp_path / "finns-inte.pdf"])
    assert "finns inte" in summary.failed[0].error


def test_discover_skips_hidden_and_unknown_files(tmp_path: Path) -> None:
    _text_file(tmp_path, "a.txt", "x")
    _text_file(tmp_path, ".dold.txt", "x")
    _text_file(tmp_path, "bild.png", "x")
    (tmp_path / "~$lås.docx").write_text("x")
    assert [p.name for p in discover([tmp_path]).files] == ["a.txt"]


def test_discover_does_not_follow_symlinks_out_of_the_folder(tmp_path: Path) -> None:
    outside = _text_file(tmp_path, "hemlig.txt", "x")
    root = tmp_path / "rot"
    root.mkdir()
    (root / "länk.txt").symlink_to(outside)
    found = discover([root])
    assert found.files == []
    assert "utanför" in found.warnings[0]
    assert [p.name for p in discover([root], follow_symlinks=True).files] == ["länk.txt"]


def test_remove_needs_an_unambiguous_name(library: Library, tmp_path: Path) -> None:
    _text_file(tmp_path, "plan-a.txt", "x 1 st")
    _text_file(tmp_path, "plan-b.txt", "y 2 st")
    library.ingest([tmp_path])
    with pytest.raises(ConfigError, match="matchar 2 dokument"):
        library.remove("plan")
    assert library.remove("plan-a").doc == "plan-a.txt"
    assert [d.doc for d in library.documents()] == ["plan-b.txt"]


def test_vectors_follow_the_register(library: Library, tmp_path: Path) -> None:
    path = _text_file(
        tmp_path, "plan.txt", "Underskottet är 47 mkr.\n\nRUN ska minska kostnaderna."
    )
    library.ingest([path])
    assert library.store.count() == len(library.register.chunks()) > 0
    path.write_text("Helt ny text om vårdplatser.", encoding="utf-8")
    library.ingest([path])
    stored = {c.id for c in library.register.chunks()}
    assert set(library.store.ids_for_doc(library.documents()[0].sha256)) == stored
    assert library.store.count() == len(stored)
    library.remove("plan.txt")
    assert library.store.count() == 0


def test_search_finds_the_passage_and_filters_by_document(library: Library, tmp_path: Path) -> None:
    _text_file(tmp_path, "budget.txt", "Underskottet för RUN är 47 mkr.\n\nVädret var fint.")
    _text_file(tmp_path, "personal.txt", "Hyrpersonal ska minska till 3,7 procent.")
    library.ingest([tmp_path])
    hits = library.search("underskottet för RUN", k=3)
    assert hits[0].doc == "budget.txt"
    assert "47 mkr" in hits[0].text
    assert {h.doc for h in library.search("minska", doc="personal")} == {"personal.txt"}


def test_a_twin_read_by_an_older_pipeline_is_read_again(library: Library, tmp_path: Path) -> None:
    # a second clone of the project: same files under a new path, the first clone's records
    # made by an older ingest; they must not be kept as they are
    first = _text_file(tmp_path, "a.txt", "Samma text 12 mkr.")
    assert library.ingest([first]).documents == 1
    library.version = library.version + "-nyare"
    second_dir = tmp_path / "klon"
    second_dir.mkdir()
    second = _text_file(second_dir, "a.txt", "Samma text 12 mkr.")
    summary = library.ingest([second])
    assert (summary.documents, summary.skipped) == (1, 0)
    assert any("äldre version" in w for w in summary.warnings)
    assert library.register.stored_version(str(second.resolve())) == (
        file_sha256(second),
        library.version,
    )
    # read with the current pipeline, the twin is skipped as before
    again = library.ingest([first])
    assert again.skipped == 1

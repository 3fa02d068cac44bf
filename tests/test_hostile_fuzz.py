"""Fuzzed files and property tests: odd input never raises, never hangs, never loses the batch.

Mutated copies of the sample PDF/PPTX/DOCX (truncated at random offsets, flipped bytes, zip
entries removed; seeded) each either ingest or fail with the one message naming the file,
and the good file in the same batch is always ingested. The number parser and the text
normaliser never raise, and normalising twice changes nothing.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.normalize import normalize_line, normalize_text, strip_controls
from ingest.numbers import find_numbers
from ingest.pipeline import extract_document
from lagesbild.errors import DocumentError
from vectorstore.library import Library

REPO = Path(__file__).resolve().parents[1]
SOURCES = [
    REPO / "examples" / "corpus" / "manadsrapport-fm-uppdrag-2025.pdf",
    REPO / "examples" / "corpus" / "manadsrapport-fm-uppdrag-2025.pptx",
    REPO / "tests" / "data" / "plan.docx",
]
MUTANTS_PER_SOURCE = 6


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    mutable = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        mutable[rng.randrange(len(mutable))] ^= 1 << rng.randrange(8)
    return bytes(mutable)


def _drop_entry(data: bytes, rng: random.Random) -> bytes:
    if not data.startswith(b"PK"):
        return _flip(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    dropped = rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            if name != dropped:
                target.writestr(name, source.read(name))
    return out.getvalue()


MUTATIONS = (_truncate, _flip, _drop_entry)


def _mutants(folder: Path) -> list[Path]:
    rng = random.Random(15)
    paths: list[Path] = []
    for source in SOURCES:
        data = source.read_bytes()
        for n in range(MUTANTS_PER_SOURCE):
            mutate = MUTATIONS[n % len(MUTATIONS)]
            path = folder / f"{source.stem}-{mutate.__name__.strip('_')}-{n}{source.suffix}"
            path.write_bytes(mutate(data, rng))
            paths.append(path)
    return paths


@pytest.mark.usefixtures("fake_embeddings")
def test_mutated_files_ingest_or_fail_with_one_message_and_the_batch_survives(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    mutants = _mutants(folder)
    good = folder / "bra.txt"
    good.write_text("Underskottet för RUN var 47 mkr 2023.", encoding="utf-8")
    library = Library()
    try:
        summary = library.ingest([folder])
        docs = {d.doc for d in library.documents()}
    finally:
        library.close()
    assert "bra.txt" in docs
    failed = {Path(f.path).name: f.error for f in summary.failed}
    for path in mutants:
        if path.name in failed:
            message = failed[path.name]
            assert path.name in message and "\n" not in message and "Traceback" not in message
        else:
            assert path.name in docs, path.name
    assert len(docs) + len(failed) == len(mutants) + 1


def test_a_file_that_reads_too_long_is_given_up_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "seg.txt"
    path.write_text("Budget 4,2 mkr.", encoding="utf-8")

    def slow(path: Path, **options: object) -> object:
        time.sleep(5)
        raise AssertionError("the time limit did not stop the read")

    monkeypatch.setattr("ingest.pipeline.read_document", slow)
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"seg\.txt.*tog mer än"):
        extract_document(path, seconds=0.3)
    assert time.monotonic() - started < 3


_TEXT = st.lists(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(list("0123456789 ,.-–−%\u00a0\n\t\x1b[]\u00ad\u202e")),
        st.sampled_from(["mkr", "tkr", "kr", "MSEK", "procent", " st", "\n\n", "-\n", "\x1b[31m"]),
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT)
def test_normaliser_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    line = normalize_line(text)
    assert normalize_line(line) == line
    assert strip_controls(strip_controls(text)) == strip_controls(text)
    assert "\x1b" not in once and "\x1b" not in line


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT)
def test_number_parser_never_raises_and_spans_point_into_the_text(text: str) -> None:
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.raw

"""Fuzzed files and property tests: odd input never raises, never hangs, never loses the batch.

Mutated copies of the sample PDF/PPTX/DOCX (truncated at random offsets, flipped bytes, zip
entries removed; seeded) each either ingest or fail with the one message naming the file,
and the good file in the same batch is always ingested. The per-file time limit holds on a
worker thread too (the TUI's), where no timer signal can land. The number parser and the text
normaliser never raise, and normalising twice changes nothing.
"""

from __future__ import annotations

import io
import random
import threading
import time
import zipfile
from functools import partial
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


# Pages that differ (lines repeated on every page would be stripped as running lines).
_FRUITS = "äpple banan citron dadel fikon granat hallon kiwi lime mango oliv persika"
_LONG_PAGES = [
    [(56.0, 790.0, 11.0, f"Budgeten för {word} ökar."), (56.0, 700.0, 11.0, f"Ansvar: {word}.")]
    for word in _FRUITS.split() * 2
]


def _slow_pages(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[int]:
    """Every PDF page takes ``seconds`` to read; the list returned counts the pages read."""
    import ingest.pdf

    read = ingest.pdf.page_lines
    pages_read: list[int] = []

    def slow(page: object) -> object:
        time.sleep(seconds)
        pages_read.append(1)
        return read(page)  # type: ignore[arg-type]

    monkeypatch.setattr("ingest.pdf.page_lines", slow)
    return pages_read


def _in_thread(work: object) -> dict[str, object]:
    """Run ``work()`` on a worker thread; its result or exception in a dict."""
    found: dict[str, object] = {}

    def run() -> None:
        try:
            found["result"] = work()  # type: ignore[operator]
        except Exception as exc:  # handed back to the test thread
            found["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "the time limit did not stop the read"
    return found


def test_the_time_limit_holds_on_a_worker_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.make_fixtures import pdf_bytes

    path = tmp_path / "lång.pdf"
    path.write_bytes(pdf_bytes(_LONG_PAGES))
    pages_read = _slow_pages(monkeypatch, 0.1)
    found = _in_thread(lambda: extract_document(path, seconds=0.4))
    error = found.get("error")
    assert isinstance(error, DocumentError), found
    assert "lång.pdf" in str(error) and "tog mer än" in str(error)
    assert len(pages_read) < len(_LONG_PAGES)  # given up before all 24 pages were read


@pytest.mark.usefixtures("fake_embeddings")
def test_a_batch_on_a_worker_thread_keeps_the_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.make_fixtures import pdf_bytes

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "lång.pdf").write_bytes(pdf_bytes(_LONG_PAGES))
    (docs / "budget.txt").write_text("Budget 2026\n\nBudgeten är 4,2 mkr.", encoding="utf-8")
    (docs / "plan.docx").write_bytes((REPO / "tests" / "data" / "plan.docx").read_bytes())
    _slow_pages(monkeypatch, 0.1)
    monkeypatch.setattr(
        "vectorstore.library.extract_document", partial(extract_document, seconds=0.4)
    )

    def ingest() -> tuple[object, list[str]]:
        library = Library()
        try:
            return library.ingest([docs]), [d.doc for d in library.documents()]
        finally:
            library.close()

    found = _in_thread(ingest)
    assert "error" not in found, found
    summary, stored = found["result"]  # type: ignore[misc]
    assert [Path(f.path).name for f in summary.failed] == ["lång.pdf"]
    message = summary.failed[0].error
    assert "lång.pdf" in message and "tog mer än" in message and "\n" not in message
    assert sorted(stored) == ["budget.txt", "plan.docx"]


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

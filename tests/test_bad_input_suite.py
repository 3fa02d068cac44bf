"""Bad inputs through the whole library: one clear message, the rest ingested, nothing lost.

Each case ingests a folder holding one bad input next to a good document, into a data
directory that already holds another document. The message must name the file and the cause;
the good document must be stored and searchable; the earlier document must be untouched; the
register and the vector store must agree, with nothing duplicated, also after a second run.
The inputs are generated at test time (``tests/data/make_bad_fixtures.py``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from data.make_bad_fixtures import bad_files, many_pages_pdf

from ingest.pipeline import extract_document
from ingest.readers import read_document
from lagesbild.types import IngestSummary
from vectorstore.library import Library, ProgressCallback, file_sha256

pytestmark = pytest.mark.usefixtures("fake_embeddings")

GOOD = "Uppföljning av ekonomin: prognosen visar 12 mkr i underskott för RUN."
BASE = "Regionstyrelsen beslutade om tre nya vårdplatser i Kiruna under 2024."


@dataclass
class Ctx:
    """What a case's setup may use: the folder to ingest, a folder outside it, and hooks."""

    folder: Path
    outside: Path
    monkeypatch: pytest.MonkeyPatch
    library: Library
    progress: ProgressCallback | None = None


@dataclass(frozen=True)
class Case:
    """One bad input and what must come of it."""

    name: str  # the file (or link) the message must name
    outcome: str  # "failed", "warning" (message among the warnings) or "ok" (no message)
    words: tuple[str, ...] = ()
    stored: int = 0  # documents the bad input itself adds to the register
    text: str | None = None  # text that must be in the register afterwards
    pages: int | None = None  # pages the stored document must have
    setup: Callable[[Ctx], None] | None = None  # default: write bad_files()[name]


@cache
def _files() -> dict[str, bytes]:
    return bad_files()


def _write_bad(ctx: Ctx, name: str) -> None:
    (ctx.folder / name).write_bytes(_files()[name])


def _duplicate(ctx: Ctx) -> None:
    (ctx.folder / "dubblett.txt").write_text(GOOD, encoding="utf-8")


def _link_loop(ctx: Ctx) -> None:
    (ctx.folder / "slinga.pdf").symlink_to(ctx.folder / "slinga2.pdf")
    (ctx.folder / "slinga2.pdf").symlink_to(ctx.folder / "slinga.pdf")


def _dangling_link(ctx: Ctx) -> None:
    (ctx.folder / "trasig-lank.pdf").symlink_to(ctx.folder / "finns-inte.pdf")


def _link_outside(ctx: Ctx) -> None:
    secret = ctx.outside / "hemlig.txt"
    secret.write_text("Hemlig text som inte ska läsas in.", encoding="utf-8")
    (ctx.folder / "utanfor.txt").symlink_to(secret)


def _folder_link_outside(ctx: Ctx) -> None:
    (ctx.outside / "hemlig.txt").write_text("Hemlig text i en annan mapp.", encoding="utf-8")
    (ctx.folder / "mapp-utanfor").symlink_to(ctx.outside, target_is_directory=True)


def _folder_link_loop(ctx: Ctx) -> None:
    sub = ctx.folder / "under"
    sub.mkdir()
    (sub / "mapplank").symlink_to(ctx.folder, target_is_directory=True)


def _fifo(ctx: Ctx) -> None:
    os.mkfifo(ctx.folder / "ror.txt")


def _undecodable_name(ctx: Ctx) -> None:
    with open(os.fsencode(ctx.folder) + b"/r\xe4pport.txt", "wb") as handle:
        handle.write(b"Rapport om budgeten 2024.")


def _vanishes(ctx: Ctx) -> None:
    path = ctx.folder / "forsvinner.txt"
    path.write_text("Den här filen tas bort under inläsningen.", encoding="utf-8")

    def progress(done: int, total: int, current: Path) -> None:
        if current.name == path.name:
            path.unlink()

    ctx.progress = progress


def _changes(ctx: Ctx) -> None:
    path = ctx.folder / "andras.txt"
    path.write_text("Första versionen av texten om budgeten.", encoding="utf-8")

    def grow_then_extract(target: Path, *args: Any, **kwargs: Any) -> Any:
        if target.name == path.name:  # after hashing, before parsing
            with path.open("a", encoding="utf-8") as handle:
                handle.write(" Ett tillägg skrivs medan filen läses in.")
        return extract_document(target, *args, **kwargs)

    ctx.monkeypatch.setattr("vectorstore.library.extract_document", grow_then_extract)


def _unreadable(ctx: Ctx) -> None:
    path = ctx.folder / "last.txt"
    path.write_text("Den här filen får inte läsas.", encoding="utf-8")

    def refuse(target: Path) -> str:
        if target.name == path.name:  # what reading a chmod 000 file gives a normal user
            raise PermissionError(13, "Permission denied", str(target))
        return file_sha256(target)

    ctx.monkeypatch.setattr("vectorstore.library.file_sha256", refuse)


def _too_large(ctx: Ctx) -> None:
    ctx.library.settings.ingest.max_file_mb = 1
    (ctx.folder / "stor.txt").write_text("budget " * 200_000, encoding="utf-8")


def _many_pages(ctx: Ctx) -> None:
    (ctx.folder / "2000-sidor.pdf").write_bytes(many_pages_pdf(2000))


CASES = [
    Case("tom.pdf", "failed", ("tom", "0 byte")),
    Case("avkortad.pdf", "failed", ("ofullständig", "avkortad")),
    Case("skadad.pdf", "failed", ("skadad", "spara eller exportera")),
    Case("trasig-xref.pdf", "ok", stored=1, text="Åtgärdsplan 2017"),
    Case("losenord-rc4.pdf", "failed", ("krypterad med lösenord", "Ta bort lösenordet")),
    Case("losenord-aes.pdf", "failed", ("krypterad", "lösenord")),
    Case("agarlosenord.pdf", "ok", stored=1, text="Åtgärdsplan 2017"),
    Case("text.pdf", "failed", ("heter .pdf", "innehållet är text")),
    Case("bild.pdf", "failed", ("heter .pdf", "PNG-bild")),
    Case("webbsida.pdf", "failed", ("heter .pdf", "text")),
    Case("gammal-word.pdf", "failed", ("äldre Office-dokument",)),
    Case("word-som-pdf.pdf", "ok", stored=1, text="Åtgärdsplan 2017"),
    Case("skrap-fore.pdf", "ok", stored=1, text="Åtgärdsplan 2017"),
    Case("inskannad.pdf", "failed", ("textlager", "inskannad", "OCR")),
    Case("delvis-inskannad.pdf", "warning", ("Sida 2 saknar text", "OCR"), stored=1),
    Case("trasig-sida.pdf", "warning", ("sidan 2 kunde inte läsas", "FooDecode"), stored=1),
    Case("alla-sidor-trasiga.pdf", "failed", ("ingen sida i PDF-filen kunde läsas",)),
    Case("inga-sidor.pdf", "failed", ("inga sidor",)),
    Case("2000-sidor.pdf", "ok", stored=1, text="Underskottet", pages=2000, setup=_many_pages),
    Case("avkortad.pptx", "failed", ("zip-arkiv", "spara den igen")),
    Case("trasig.pptx", "failed", ("PowerPoint-filen är skadad",)),
    Case("avkortad.docx", "failed", ("zip-arkiv",)),
    Case("trasig.docx", "failed", ("Word-filen är skadad",)),
    Case("kalkyl.docx", "failed", ("Excel", "stöds inte")),
    Case("krypterad.docx", "failed", ("krypterad med lösenord",)),
    Case("utf16.txt", "ok", stored=1, text="Åtgärdsplan för Väst"),
    Case("utf16-utan-bom.txt", "ok", stored=1, text="Åtgärdsplan för Norr"),
    Case("cp1252.txt", "ok", stored=1, text="Åtgärdsplan för Öst"),
    Case("blandad.txt", "ok", stored=1, text="Åtgärd två pågår"),
    Case("nul.txt", "failed", ("binärdata som inte är text",)),
    Case("lang-rad.txt", "ok", stored=1, text="vårdplatser"),
    Case("blanksteg.txt", "failed", ("ingen text",)),
    Case("dubblett.txt", "warning", ("samma innehåll", "annan.txt"), setup=_duplicate),
    Case("slinga.pdf", "warning", ("länkslinga",), setup=_link_loop),
    Case("trasig-lank.pdf", "warning", ("trasig länk",), setup=_dangling_link),
    Case("utanfor.txt", "warning", ("utanför", "FOLLOW_SYMLINKS"), setup=_link_outside),
    Case("mapp-utanfor", "warning", ("utanför",), setup=_folder_link_outside),
    Case("mapplank", "warning", ("länkslinga",), setup=_folder_link_loop),
    Case("ror.txt", "warning", ("ingen vanlig fil",), setup=_fifo),
    Case("r\\xe4pport.txt", "failed", ("giltig UTF-8", "Byt namn"), setup=_undecodable_name),
    Case("forsvinner.txt", "failed", ("försvann",), setup=_vanishes),
    Case("andras.txt", "failed", ("ändrades medan den lästes in",), setup=_changes),
    Case("last.txt", "failed", ("behörighet saknas",), setup=_unreadable),
    Case("stor.txt", "failed", ("större än 1 MB", "MAX_FILE_MB"), setup=_too_large),
]


@dataclass(frozen=True)
class Snapshot:
    """What must not change unexpectedly: counts and the earlier document's records."""

    documents: int
    chunks: int
    vectors: int
    base: tuple[str, tuple[str, ...]]


def _snapshot(library: Library) -> Snapshot:
    base = next(d for d in library.documents() if d.doc == "bas.txt")
    chunk_ids = tuple(c.id for c in library.register.chunks("bas.txt"))
    return Snapshot(
        documents=len(library.documents()),
        chunks=library.register.counts()["chunks"],
        vectors=library.store.count(),
        base=(base.sha256, chunk_ids),
    )


def _check_messages(case: Case, summary: IngestSummary) -> None:
    failures = [f.error for f in summary.failed]
    if case.outcome == "ok":
        assert not failures, failures
        assert not [w for w in summary.warnings if case.name in w], summary.warnings
        return
    messages = failures if case.outcome == "failed" else summary.warnings
    mine = [m for m in messages if case.name in m]
    assert mine, f"inget meddelande nämner {case.name}: {messages}"
    for word in case.words:
        assert any(word in m for m in mine), f"{word!r} saknas i: {mine}"
    assert all(case.name in f for f in failures), f"andra filer misslyckades: {failures}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library()
    try:
        base = tmp_path / "bas"
        base.mkdir()
        (base / "bas.txt").write_text(BASE, encoding="utf-8")
        assert library.ingest([base]).documents == 1
        before = _snapshot(library)
        ctx = Ctx(tmp_path / "in", tmp_path / "utanför", monkeypatch, library)
        ctx.folder.mkdir()
        ctx.outside.mkdir()
        (ctx.folder / "annan.txt").write_text(GOOD, encoding="utf-8")
        (case.setup or (lambda c: _write_bad(c, case.name)))(ctx)

        start = time.monotonic()
        summary = library.ingest([ctx.folder], ctx.progress)
        assert time.monotonic() - start < 60  # reasonable time, 2 000 pages included

        _check_messages(case, summary)
        # shown with `pytest -s tests/test_bad_input_suite.py` (the table in the issue note)
        said = [f.error for f in summary.failed] + list(summary.warnings)
        print(f"\n| {case.name} | {case.outcome} | {' / '.join(said) or '–'} |")
        after = _snapshot(library)
        assert {"bas.txt", "annan.txt"} <= {d.doc for d in library.documents()}
        assert after.documents == before.documents + 1 + case.stored
        assert after.base == before.base
        assert after.vectors == after.chunks
        check = library.verify()
        assert check.ok, check.messages()
        if case.text:
            assert any(case.text in c.text for c in library.register.chunks()), case.text
        if case.pages:
            (doc,) = [d for d in library.documents() if d.doc == case.name]
            assert doc.pages == len(library.register.pages(doc.path)) == case.pages
        assert library.search(GOOD, k=3)[0].doc == "annan.txt"
        library.ingest([ctx.folder])  # again: nothing added, nothing lost
        assert _snapshot(library) == after
    finally:
        library.close()


def test_suite_has_enough_cases() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def test_broken_page_is_an_empty_page_with_a_swedish_warning(tmp_path: Path) -> None:
    path = tmp_path / "trasig-sida.pdf"
    path.write_bytes(_files()["trasig-sida.pdf"])
    parsed = read_document(path)
    assert [p.text for p in parsed.pages] == ["Budget 2024 för regionen", "", "Vårdplatser"]
    (warning,) = parsed.document.warnings
    assert warning.startswith("trasig-sida.pdf: sidan 2 kunde inte läsas: NotImplementedError")
    assert "saknar text" not in warning  # the unreadable page is not also called scanned


@pytest.mark.skipif(os.geteuid() == 0, reason="root kan läsa filer med behörighet 000")
def test_file_without_read_permission(tmp_path: Path) -> None:
    (tmp_path / "annan.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "last.txt"
    locked.write_text("Hemligt.", encoding="utf-8")
    locked.chmod(0)
    library = Library()
    try:
        summary = library.ingest([tmp_path])
    finally:
        locked.chmod(0o600)
        library.close()
    assert summary.documents == 1
    assert "last.txt" in summary.failed[0].error
    assert "behörighet saknas" in summary.failed[0].error

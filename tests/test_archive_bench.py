"""The archive benchmark's generated folder and report (fake embedder; numbers not asserted)."""

from __future__ import annotations

from pathlib import Path

from fakes import HashEmbeddings

from evals.archive import bench_archive, make_archive, render_archive
from ingest.readers import read_document
from vectorstore.library import file_sha256

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def test_generated_archive_has_distinct_documents_with_changed_numbers(tmp_path: Path) -> None:
    pdf, docx = make_archive(SAMPLE, tmp_path / "arkiv", 8)
    files = sorted((tmp_path / "arkiv").iterdir())
    assert (pdf, docx, len(files)) == (4, 4, 8)
    assert len({file_sha256(f) for f in files}) == 8
    word = [read_document(f) for f in files if f.suffix == ".docx"]
    assert all(d.pages and "Arkivkopia" in d.pages[0].text for d in word)
    single = [read_document(f) for f in files if f.suffix == ".pdf"]
    assert all(d.document.pages == 1 for d in single)


def test_archive_report_samples_speed_and_memory(tmp_path: Path) -> None:
    report = bench_archive(SAMPLE, 12, HashEmbeddings())
    assert report.stored == 12 and report.chunks > 0
    assert [p.documents for p in report.points][-1] == 12
    assert all(p.rss_mb > 0 and p.peak_rss_mb > 0 for p in report.points)
    text = render_archive(report)
    assert "dokument/s" in text and "topp MB" in text

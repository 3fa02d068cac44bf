"""Mechanical check of the project's own dev sets against the documents they were written from.

``own-qa.jsonl`` (one question a line: ``id, q, facts, evidence, doc, page, kind``):

* ``evidence`` occurs verbatim on page ``page`` of the document ``doc`` names, as pypdf
  extracts it (python-pptx for slides), after collapsing whitespace and folding case;
* every fact has a variant on that page, in lowercase; unanswerable questions have no facts,
  no evidence and no page;
* the question does not copy the evidence (a paraphrase check).

``own-claims.jsonl`` (``id, claim, supported, doc, page, kind, evidence``): ``evidence`` (the
source statement the claim is built from) occurs on its page; the label matches the kind; the
numbers of a claim built by a swap or a polarity flip all stand in the document (that is the
point of those cases), while a ``wrong_value`` claim has a number that is not on its page.

Documents are read from ``../shared/corpus/{sample,real}`` relative to the repository root;
items over absent documents are skipped and counted. Exit status 1 on any error::

    python evals/data/check_devsets.py
    python evals/data/check_devsets.py --locate "RUN -47Mkr"     # where a string stands
    python evals/data/check_devsets.py --make-corpus /tmp/own-corpus  # sample + real in one folder
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.normalize import normalize_line

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
FOLDERS = ("sample", "real")
QA_KINDS = {"numeric", "fact", "status", "who", "when", "why", "multi", "unanswerable", "premise"}
CLAIM_KINDS = {
    "correct": True,
    "rounded": True,
    "unit_change": True,
    "wrong_value": False,
    "swap_same_page": False,
    "swap_year": False,
    "swap_org": False,
    "flip_polarity": False,
}
# numbers as written in Swedish documents (spaces folded): 8 388 424 | 1,07 | -47 | 3.8
NUMBER = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?")


def fold(text: str) -> str:
    """Cleaned as ingest cleans a line (no-break spaces folded, whitespace collapsed), case
    folded."""
    return normalize_line(text).casefold()


def numbers(text: str) -> set[str]:
    """The numbers of a text, spaces inside them removed, decimal point as comma."""
    return {m.replace(" ", "").replace(".", ",") for m in NUMBER.findall(fold(text))}


@dataclass
class Corpus:
    """Page texts (folded) per document file, read once."""

    files: list[Path]
    pages: dict[Path, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, shared: Path) -> Corpus:
        files = sorted(
            p for folder in FOLDERS if (shared / folder).is_dir()
            for p in (shared / folder).iterdir() if p.suffix in {".pdf", ".pptx"}
        )  # fmt: skip
        return cls(files)

    def resolve(self, doc: str) -> Path | None:
        """The file a ``doc`` value names (a stem or a unique part of it); PDF before PPTX."""
        hits = [p for p in self.files if doc and doc in p.stem]
        stems = {p.stem for p in hits}
        if len(stems) != 1:
            return None
        return sorted(hits, key=lambda p: p.suffix != ".pdf")[0]

    def page_texts(self, path: Path) -> list[str]:
        if path not in self.pages:
            self.pages[path] = [fold(t) for t in _read(path)]
        return self.pages[path]

    def locate(self, text: str) -> list[tuple[str, int]]:
        """(file name, 1-based page) of every page holding ``text``."""
        needle = fold(text)
        return [
            (path.name, number)
            for path in self.files
            for number, page in enumerate(self.page_texts(path), 1)
            if needle in page
        ]


def _read(path: Path) -> list[str]:
    if path.suffix == ".pdf":
        import pypdf

        return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]
    from pptx import Presentation

    slides = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append("\n".join(parts))
    return slides


@dataclass
class Report:
    """Errors, warnings and counts of one set."""

    name: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0
    per_doc: Counter[str] = field(default_factory=Counter)
    per_kind: Counter[str] = field(default_factory=Counter)

    def render(self) -> str:
        lines = [f"{self.name}: {sum(self.per_kind.values())} items, {self.skipped} skipped"]
        for label, counts in (("per kind", self.per_kind), ("per doc ", self.per_doc)):
            lines.append(f"  {label}: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
        lines += [f"  warning: {w}" for w in self.warnings]
        lines += [f"  ERROR: {e}" for e in self.errors]
        return "\n".join(lines)


def _lines(path: Path) -> Iterable[tuple[int, dict[str, object]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield number, json.loads(line)


def _page(corpus: Corpus, item: dict[str, object], report: Report) -> tuple[Path, str] | None:
    """The document file and the folded text of the item's page; None (with a reason)."""
    name = str(item["id"])
    doc = str(item.get("doc", ""))
    stems = {p.stem for p in corpus.files if doc and doc in p.stem}
    if not stems:  # the document is absent here (../shared not mounted): skip, counted
        report.skipped += 1
        return None
    path = corpus.resolve(doc)
    if path is None:
        report.errors.append(f"{name}: doc {doc!r} names several documents: {sorted(stems)}")
        return None
    page = item.get("page")
    pages = corpus.page_texts(path)
    if not isinstance(page, int) or not 1 <= page <= len(pages):
        report.errors.append(f"{name}: page {page!r} not in 1..{len(pages)} of {path.name}")
        return None
    return path, pages[page - 1]


def _evidence_on_page(
    corpus: Corpus, item: dict[str, object], path: Path, text: str, report: Report
) -> None:
    name, evidence = str(item["id"]), str(item.get("evidence", ""))
    if not evidence.strip():
        report.errors.append(f"{name}: empty evidence")
    elif fold(evidence) not in text:
        found = corpus.locate(evidence)
        report.errors.append(f"{name}: evidence {evidence!r} not on page {item['page']}: {found}")
    elif re.search(r"[a-zåäö]- (?!och |eller |samt |till )[a-zåäö]", evidence):
        report.warnings.append(f"{name}: evidence spans a hyphenated line break")
    else:
        elsewhere = {doc for doc, _ in corpus.locate(evidence) if Path(doc).stem != path.stem}
        if elsewhere:
            report.warnings.append(f"{name}: evidence also in {sorted(elsewhere)}")


def check_qa(path: Path, corpus: Corpus) -> Report:
    report = Report(path.name)
    seen: set[str] = set()
    for line, item in _lines(path):
        name, kind = str(item.get("id", f"line {line}")), str(item.get("kind", ""))
        missing = {"id", "q", "facts", "evidence", "doc", "kind"} - item.keys()
        if missing or name in seen or kind not in QA_KINDS:
            report.errors.append(f"{name}: missing {missing}, duplicate id or kind {kind!r}")
            continue
        seen.add(name)
        report.per_kind[kind] += 1
        facts = item["facts"]
        assert isinstance(facts, list)
        if kind == "unanswerable":
            if facts or item["evidence"] or item.get("page") is not None:
                report.errors.append(f"{name}: unanswerable with facts, evidence or page")
            report.per_doc["(none)"] += 1
            continue
        located = _page(corpus, item, report)
        if located is None:
            continue
        file, text = located
        report.per_doc[file.stem] += 1
        _evidence_on_page(corpus, item, file, text, report)
        if not facts:
            report.errors.append(f"{name}: answerable without facts")
        for variants in facts:
            if not variants or any(v != v.lower() for v in variants):
                report.errors.append(f"{name}: fact {variants!r} empty or not lowercase")
            elif not any(fold(v) in text for v in variants):
                report.errors.append(f"{name}: fact {variants!r} not on page {item['page']}")
        evidence = fold(str(item["evidence"]))
        if len(evidence.split()) >= 4 and evidence in fold(str(item["q"])):
            report.warnings.append(f"{name}: the question copies the evidence")
    return report


def check_claims(path: Path, corpus: Corpus) -> Report:
    report = Report(path.name)
    seen: set[str] = set()
    for line, item in _lines(path):
        name, kind = str(item.get("id", f"line {line}")), str(item.get("kind", ""))
        missing = {"id", "claim", "supported", "doc", "page", "kind", "evidence"} - item.keys()
        if missing or name in seen or kind not in CLAIM_KINDS:
            report.errors.append(f"{name}: missing {missing}, duplicate id or kind {kind!r}")
            continue
        seen.add(name)
        report.per_kind[kind] += 1
        if item["supported"] is not CLAIM_KINDS[kind]:
            report.errors.append(f"{name}: supported={item['supported']} but kind {kind}")
        located = _page(corpus, item, report)
        if located is None:
            continue
        file, text = located
        report.per_doc[file.stem] += 1
        _evidence_on_page(corpus, item, file, text, report)
        claimed = numbers(str(item["claim"]))
        if not claimed:
            report.errors.append(f"{name}: the claim states no number")
        on_page = numbers(text)
        in_doc = set().union(*(numbers(t) for t in corpus.page_texts(file)))
        if kind == "wrong_value" and claimed <= on_page:
            report.errors.append(f"{name}: wrong_value but every number is on the page")
        if kind in {"correct", "swap_same_page", "flip_polarity"} and not claimed <= on_page:
            report.errors.append(f"{name}: numbers {sorted(claimed - on_page)} not on the page")
        if kind in {"swap_year", "swap_org"} and not claimed <= in_doc:
            report.errors.append(f"{name}: numbers {sorted(claimed - in_doc)} not in the document")
    return report


def make_corpus(shared: Path, target: Path) -> None:
    """Copy sample and real documents into one folder (ingest skips symlinks by default)."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        for path in sorted((shared / folder).glob("*")):
            if path.suffix in {".pdf", ".pptx"}:
                shutil.copy2(path, target / path.name)
    print(f"{len(list(target.iterdir()))} filer i {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="holds sample/ and real/")
    parser.add_argument("--locate", help="print where this string stands, and exit")
    parser.add_argument("--make-corpus", type=Path, help="copy sample + real into this folder")
    args = parser.parse_args(argv)
    if args.make_corpus:
        make_corpus(args.shared, args.make_corpus)
        return 0
    corpus = Corpus.load(args.shared)
    if args.locate:
        for doc, page in corpus.locate(args.locate):
            print(f"{doc} page {page}")
        return 0
    if not corpus.files:
        print(f"no documents under {args.shared}: nothing checked", file=sys.stderr)
    reports = []
    for name, check in (
        ("own-qa.jsonl", check_qa),
        ("own-claims.jsonl", check_claims),
        ("own2-claims.jsonl", check_claims),
        ("own3-claims.jsonl", check_claims),
    ):
        if (HERE / name).exists():
            reports.append(check(HERE / name, corpus))
    for report in reports:
        print(report.render())
    return 1 if any(r.errors for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())

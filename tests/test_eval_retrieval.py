"""Retrieval evaluation: the scoring maths on tiny hand-made data, the loaders, the baseline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fakes import HashEmbeddings

from evals.baseline import BaselineSearcher, text_documents
from evals.retrieval import (
    EvalQuestion,
    evaluate,
    first_hit_rank,
    is_hit,
    load_dev_qa,
    load_swequad,
    render_misses,
    render_table,
    run_retrieval_eval,
    score_ranks,
)


def _q(qid: str, evidence: list[str], doc: str | None = None) -> EvalQuestion:
    return EvalQuestion(id=qid, question=f"fråga {qid}", evidence=evidence, doc=doc)


def test_hit_is_whitespace_and_case_insensitive() -> None:
    question = _q("a", ["Den 9/4 tas  beslut i RUN"])
    assert is_hit(question, ("x.pdf", "bla bla den 9/4\ntas beslut i run kring"))
    assert not is_hit(question, ("x.pdf", "Den 9/4 tas inget beslut i RUN"))


def test_hit_must_come_from_the_questions_document() -> None:
    question = _q("a", ["ditt pass"], doc="swequad-001.txt")
    assert is_hit(question, ("swequad-001.txt", "Ta med ditt pass."))
    assert not is_hit(question, ("swequad-002.txt", "Ta med ditt pass."))


def test_any_of_several_evidence_strings_counts() -> None:
    question = _q("a", ["lifecare", "Life Care"])
    assert is_hit(question, ("d", "Risk: Life Care SP"))


def test_first_hit_rank_within_k() -> None:
    question = _q("a", ["47"])
    passages = [("d", "inget"), ("d", "RUN -47Mkr"), ("d", "47 igen")]
    assert first_hit_rank(question, passages) == 2
    assert first_hit_rank(question, passages, k=1) is None
    assert first_hit_rank(question, []) is None


def test_metrics_over_scored_questions() -> None:
    questions = [_q("1", ["x"]), _q("2", ["x"]), _q("3", ["x"]), _q("4", ["x"]), _q("5", [])]
    report = score_ranks("test", questions, [1, 3, None, 6, None])
    assert (report.n, report.scored) == (5, 4)
    assert report.hit_at_1 == pytest.approx(1 / 4)
    assert report.hit_at_5 == pytest.approx(2 / 4)
    assert report.mrr_at_10 == pytest.approx((1 + 1 / 3 + 1 / 6) / 4)
    assert [r.rank for r in report.per_question] == [1, 3, None, 6, None]
    assert [r.scored for r in report.per_question] == [True, True, True, True, False]


def test_mrr_ignores_ranks_beyond_ten() -> None:
    report = score_ranks("test", [_q("1", ["x"]), _q("2", ["x"])], [11, 2])
    assert report.mrr_at_10 == pytest.approx(0.25)
    assert report.hit_at_5 == pytest.approx(0.5)


def test_evaluate_skips_search_for_abstain_questions() -> None:
    asked: list[str] = []

    def search(query: str, k: int) -> list[tuple[str, str]]:
        asked.append(query)
        return [("d", "nej"), ("d", "ja, 47 mkr")]

    report = evaluate("fake", [_q("1", ["47 mkr"]), _q("2", [])], search)
    assert asked == ["fråga 1"]
    assert report.per_question[0].rank == 2 and report.mrr_at_10 == pytest.approx(0.5)


def test_render_table_and_misses() -> None:
    report = score_ranks(
        "ours / dev-qa", [_q("d01", ["x"]), _q("d02", ["x"])], [1, 4], notes="6 filer"
    )
    table = render_table([report])
    assert "ours / dev-qa" in table and "0.500" in table and "1.000" in table
    assert "6 filer" in table
    assert "d02" in render_misses(report) and "d01" not in render_misses(report)


def test_load_dev_qa(tmp_path: Path) -> None:
    path = tmp_path / "qa.jsonl"
    rows = [
        {
            "id": "d01",
            "q": "Hur stort?",
            "facts": [["47"]],
            "evidence": "RUN -47Mkr",
            "doc": "regionplanen",
            "kind": "numeric",
        },
        {
            "id": "d15",
            "q": "Vad kostar?",
            "facts": [],
            "evidence": "",
            "doc": "",
            "kind": "abstain",
        },
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    questions = load_dev_qa(path)
    assert [(q.id, q.evidence, q.kind) for q in questions] == [
        ("d01", ["RUN -47Mkr"], "numeric"),
        ("d15", [], "abstain"),
    ]


def _swequad(tmp_path: Path) -> Path:
    def item(context: str, question: str, correct: list[str]) -> dict[str, object]:
        choices = [
            {"text": c, "type": "Correct answer", "start": 0, "end": 1, "extra": None}
            for c in correct
        ]
        choices.append({"text": "fel", "type": "Distractor", "start": 0, "end": 1, "extra": None})
        return {"context": context, "question": question, "choices": choices}

    data = {
        "data": [
            item("Ta med ditt pass till ambassaden.", "Vad tar du med?", ["ditt pass"]),
            item(
                "Det färdiga kortet skickas hem.", "Vad skickas?", ["kortet", "det färdiga kortet"]
            ),
            item("Ta med ditt pass till ambassaden.", "Var hämtar du?", ["ambassaden"]),
        ]
    }
    path = tmp_path / "swequad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_swequad_dedupes_contexts_and_takes_correct_answers(tmp_path: Path) -> None:
    questions, texts = load_swequad(_swequad(tmp_path))
    assert texts == {
        "swequad-000.txt": "Ta med ditt pass till ambassaden.",
        "swequad-001.txt": "Det färdiga kortet skickas hem.",
    }
    assert [q.doc for q in questions] == ["swequad-000.txt", "swequad-001.txt", "swequad-000.txt"]
    assert questions[1].evidence == ["kortet", "det färdiga kortet"]
    limited, limited_texts = load_swequad(_swequad(tmp_path), limit=1)
    assert len(limited_texts) == 1 and [q.id for q in limited] == ["sq000", "sq002"]


def test_baseline_splits_1000_200_and_searches(tmp_path: Path) -> None:
    long_text = " ".join(f"mening {i} om budget." for i in range(200))
    documents = text_documents({"a.txt": long_text, "b.txt": "Ta med ditt pass till ambassaden."})
    baseline = BaselineSearcher(documents, HashEmbeddings(), tmp_path / "chroma")
    assert all(len(c.page_content) <= 1000 for c in baseline.chunks)
    assert len(baseline.chunks) > 3
    top = baseline.search("ditt pass ambassaden", k=1)[0]
    assert top.metadata["doc"] == "b.txt"


def test_run_retrieval_eval_end_to_end_on_dev_qa_format(tmp_path: Path) -> None:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    source = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    shutil.copy(source / "omstallningsplanen-2021-2022.pdf", corpus)
    qa = tmp_path / "qa.jsonl"
    rows = [
        {
            "id": "d01",
            "q": "Vilken status har Digitala initiativ?",
            "evidence": "Digitala initiativ",
        },
        {"id": "d15", "q": "Vad kostar ett nytt sjukhus?", "evidence": "", "kind": "abstain"},
    ]
    qa.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    ours, baseline, bm25 = run_retrieval_eval(qa, corpus, embeddings=HashEmbeddings())
    assert bm25.name == "bm25 / qa" and bm25.scored == ours.scored
    assert (ours.name, baseline.name) == ("ours / qa", "baseline / qa")
    assert (ours.n, ours.scored) == (2, 1)
    assert ours.hit_at_5 == 1.0
    assert "PDF" in baseline.notes


def test_run_retrieval_eval_end_to_end_on_swequad_format(tmp_path: Path) -> None:
    ours, baseline, _ = run_retrieval_eval(_swequad(tmp_path), embeddings=HashEmbeddings())
    assert ours.n == baseline.n == 3
    assert ours.hit_at_5 == 1.0
    assert "2 distinkta kontexter" in ours.notes


def test_run_retrieval_eval_reads_several_corpus_folders_and_times_searches(
    tmp_path: Path,
) -> None:
    source = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    folders = [tmp_path / "a", tmp_path / "b"]
    names = ["omstallningsplanen-2021-2022.pdf", "vagen-fram-ledning-och-styrning.pdf"]
    for folder, name in zip(folders, names, strict=True):
        folder.mkdir()
        shutil.copy(source / name, folder)
    qa = tmp_path / "own-qa.jsonl"
    rows = [
        {"id": "o1", "q": "Status för Digitala initiativ?", "evidence": "Digitala initiativ"},
        {"id": "v1", "q": "Ledning och styrning?", "evidence": "Planeringsprocessen"},
    ]
    qa.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    ours, _, _ = run_retrieval_eval(qa, folders, embeddings=HashEmbeddings())
    assert ours.name == "ours / own-qa" and ours.notes == "2 filer"
    assert ours.hit_at_5 == 1.0
    assert 0 < ours.p50_ms <= ours.p95_ms
    assert "p50 ms" in render_table([ours])

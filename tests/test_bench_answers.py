"""The bench's answer timing: questions answered over an ingested corpus, as `ask` does
(fake chat model; the times are reported, never asserted)."""

from __future__ import annotations

import shutil
from pathlib import Path

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from evals.bench import BENCH_QUESTIONS, BenchReport, bench_answers, render_bench
from lagesbild.settings import Settings


def test_answer_times_are_taken_per_question_with_the_warm_up_apart(
    sample_home: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    made: list[Settings] = []

    def chat(settings: Settings) -> FakeListChatModel:
        made.append(settings)
        return FakeListChatModel(responses=["Underlaget innehåller inget svar på frågan."])

    questions = list(BENCH_QUESTIONS[:3])
    timing = bench_answers(home, None, questions, chat)
    assert [s.home for s in made] == [home]  # one model, made for the bench's library
    assert timing.questions == 3 and timing.backend
    assert timing.without_model < 3  # the model was asked: its first token was timed
    assert 0 < timing.ttft_p50_ms <= timing.ttft_p95_ms
    assert 0 < timing.total_p50_ms <= timing.total_p95_ms and timing.first_ms > 0
    report = BenchReport(
        corpus="x", documents=1, pages=1, chunks=1, ingest_s=1.0, stages_s={},
        pages_per_s=1.0, chunks_per_s=1.0, embed_only_s=1.0, reingest_s=0.1,
        peak_rss_mb=1.0, latency=[], answers=timing,
    )  # fmt: skip
    assert "svar              3 frågor" in render_bench(report)
    assert "första token p50" in render_bench(report)

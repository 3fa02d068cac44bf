"""Claims evaluation: the dev-claims targets on the sample corpus, the scoring, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.number_check import check_with_index
from assistant.number_match import FigureIndex
from evals.claims import (
    FALSE_ALARM_TARGET,
    RECALL_TARGET,
    figures_from_corpus,
    load_claims,
    render_claims,
    run_claims_eval,
)
from ingest.figures import extract_figures
from lagesbild.types import Figure, NumberStatus, Page

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "examples" / "corpus"
DEV_CLAIMS = REPO.parent / "shared" / "evals" / "dev-claims.jsonl"


@pytest.fixture(scope="module")
def sample_figures() -> list[Figure]:
    """The figures of the six sample documents (extracted once, about 1–2 s)."""
    return figures_from_corpus(SAMPLE_CORPUS)


@pytest.fixture(scope="module")
def sample_index(sample_figures: list[Figure]) -> FigureIndex:
    """The sample figures, indexed once."""
    return FigureIndex(sample_figures)


def test_dev_claims_meet_the_targets(sample_figures: list[Figure]) -> None:
    if not DEV_CLAIMS.is_file():
        pytest.skip("../shared/evals/dev-claims.jsonl saknas")
    report = run_claims_eval(DEV_CLAIMS, sample_figures)
    lines = DEV_CLAIMS.read_text(encoding="utf-8").splitlines()
    assert report.n == sum(1 for line in lines if line.strip())
    assert report.wrong > 0 and report.right > 0
    table = render_claims(report)
    assert report.recall_on_wrong is not None and report.recall_on_wrong >= RECALL_TARGET, table
    assert report.false_alarm_rate is not None, table
    assert report.false_alarm_rate <= FALSE_ALARM_TARGET, table


def test_every_number_of_the_sample_corpus_backs_itself(
    sample_figures: list[Figure], sample_index: FigureIndex
) -> None:
    """No false alarms on the sources' own sentences: each amount there is supported."""
    index = sample_index
    contexts = {f.context for f in sample_figures}
    flagged = [
        (context, c.raw, c.status.value)
        for context in sorted(contexts)
        for c in check_with_index(context, index)
        if c.status is not NumberStatus.SUPPORTED
    ]
    assert len(contexts) > 200
    assert flagged == []


RIGHT_PARAPHRASES = [
    "Region Västerbotten har cirka 8,4 miljoner kronor för förebyggande insatser.",
    "Region Västerbotten har drygt 8 miljoner kronor att använda.",
    "Underskottet 2015 var 232,3 mkr och minskade till 196,8 mkr 2016, en förbättring med "
    "35,5 mkr.",
    "Det balanserade underskottet uppgår till 0,771 miljarder kronor.",
    "Summan av besparingarna blev 16,2 mkr.",
    "RUN, HSN och RS hade underskott på 47, 271 respektive 57 Mkr.",
    "HSN hade ett underskott på 271 Mkr mot budgetprognos 2023.",
    "Av 80 mål var 44 helt uppfyllda och 24 delvis uppfyllda.",
    "Medicin har ständigt 15–20 utskrivningsklara patienter.",
    "Fastighetsinvesteringarna på 2,8 miljarder är omkring 74 procent av planen på 3,8 miljarder.",
    "Prognosen förbättrades från -238 mkr till -215 mkr, alltså med 23 mkr.",
    "Det egna kapitalet är negativt, -75,7 mkr, och för koncernen -57,5 mkr.",
    "Självfinansieringsgraden för investeringar var -69 procent 2016.",
    "Helårseffekten av de höjda patientavgifterna beräknas till 19,5–20 mkr.",
    "Verkställandet 2016 gav 9 317 tkr, med en helårseffekt på 10,6 mkr.",
    "Utsläppen per mil var 1,73 kg 2016 jämfört med 1,64 kg tidigare.",
    "IB 2014 var 42 mkr och IB 2017 59 mkr, en ökning med 17 mkr.",
    "Regionstaben sparade 6 980 tkr 2016, alltså knappt 7 miljoner kronor.",
    "Behovet från alla branscher är minst 320 000 personer.",
]
WRONG_PARAPHRASES = [
    "Region Västerbotten har cirka 8,5 miljoner kronor för förebyggande insatser.",
    "Underskottet 2015 var 232,3 mkr och minskade till 196,8 mkr 2016, en förbättring med "
    "53,5 mkr.",
    "HSN hade ett underskott på 217 Mkr mot budgetprognos 2023.",
    "Det egna kapitalet är negativt, -57,7 mkr.",
    "Helårseffekten av de höjda patientavgifterna beräknas till 19,5–21 mkr.",
    "Fastighetsinvesteringarna på 2,8 miljarder är omkring 64 procent av planen på 3,8 miljarder.",
]


@pytest.mark.parametrize("claim", RIGHT_PARAPHRASES)
def test_right_paraphrases_are_not_flagged(claim: str, sample_index: FigureIndex) -> None:
    checks = check_with_index(claim, sample_index)
    assert checks
    assert [c.raw for c in checks if c.status is NumberStatus.UNSUPPORTED] == []


@pytest.mark.parametrize("claim", WRONG_PARAPHRASES)
def test_wrong_paraphrases_are_flagged(claim: str, sample_index: FigureIndex) -> None:
    checks = check_with_index(claim, sample_index)
    assert any(c.status is NumberStatus.UNSUPPORTED for c in checks)


# --------------------------------------------------------------------------- scoring


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    return path


def _tiny_figures() -> list[Figure]:
    text = "Underskottet blev 47 mkr. Anslaget var 74 mkr. Räntan var 3 %."
    return extract_figures("a.pdf", "a", [Page(number=1, text=text)])


def test_scoring_counts_flagged_claims_and_can_fail(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"id": "w1", "claim": "Underskottet blev 48 mkr.", "supported": False},  # flagged
        {"id": "w2", "claim": "Underskottet blev 74 mkr.", "supported": False},  # missed
        {"id": "r1", "claim": "Underskottet blev 47 mkr.", "supported": True},  # fine
        {"id": "r2", "claim": "Räntan var 3,5 %.", "supported": True},  # false alarm
    ]
    report = run_claims_eval(_write(tmp_path / "set.jsonl", rows), _tiny_figures())
    assert (report.n, report.wrong, report.right) == (4, 2, 2)
    assert report.recall_on_wrong == 0.5
    assert report.false_alarm_rate == 0.5
    assert [r.correct for r in report.per_claim] == [True, False, True, False]
    assert report.recall_on_wrong < RECALL_TARGET  # the targets can fail


def test_rates_are_none_without_claims_of_that_kind(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [{"id": "r", "claim": "Det blev 47 mkr.", "supported": True}]
    report = run_claims_eval(_write(tmp_path / "set.jsonl", rows), _tiny_figures())
    assert report.recall_on_wrong is None
    assert report.false_alarm_rate == 0.0
    assert "recall på fel påståenden: –" in render_claims(report)


def test_claims_may_name_the_pages_they_cite(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"id": "c", "claim": "Det blev 47 mkr [1].", "supported": True,
         "cited": [{"doc": "a.pdf", "page": 1}]},
    ]  # fmt: skip
    path = _write(tmp_path / "set.jsonl", rows)
    assert load_claims(path)[0].cited == [("a.pdf", 1)]
    report = run_claims_eval(path, _tiny_figures())
    assert report.per_claim[0].checks[0].from_cited


def test_render_claims_lists_claims_numbers_and_rates(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"id": "w1", "claim": "Underskottet blev 48 mkr.", "supported": False},
        {"id": "r1", "claim": "Underskottet blev 47 mkr.", "supported": True},
    ]
    text = render_claims(run_claims_eval(_write(tmp_path / "set.jsonl", rows), _tiny_figures()))
    assert "w1" in text and "48 mkr → unsupported" in text
    assert "r1" in text and "47 mkr → supported" in text
    assert "recall på fel påståenden: 1.000 (mål ≥ 0.97)" in text
    assert "falsklarm på rätt påståenden: 0.000 (mål ≤ 0.03)" in text


def test_figures_from_corpus_reads_every_visible_file(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Kostnaden var 12,5 mkr.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Räntan var 3 %.\n", encoding="utf-8")
    (tmp_path / ".dold.txt").write_text("Dolt: 99 mkr.\n", encoding="utf-8")
    figures = figures_from_corpus(tmp_path)
    assert [(f.doc, f.raw) for f in figures] == [("a.txt", "3 %"), ("b.txt", "12,5 mkr")]


def test_misattributed_claims_and_kinds_are_reported_separately(tmp_path: Path) -> None:
    figures = extract_figures(
        "a.pdf",
        "a",
        [Page(number=1, text="Utfallet efter 2015 uppgick till 5,5 % medan det 2016 är 2,9 %.")],
    )
    rows: list[dict[str, object]] = [
        {"id": "y1", "claim": "Utfallet 2016 var 5,5 %.", "supported": False, "kind": "swap_year"},
        {"id": "y2", "claim": "Utfallet 2015 var 2,9 %.", "supported": False, "kind": "swap_year"},
        {"id": "v1", "claim": "Utfallet 2016 var 3,9 %.", "supported": False,
         "kind": "wrong_value"},
        {"id": "r1", "claim": "Utfallet 2015 var 5,5 %.", "supported": True, "kind": "correct"},
    ]  # fmt: skip
    report = run_claims_eval(_write(tmp_path / "set.jsonl", rows), figures)
    assert [r.checks[0].status for r in report.per_claim] == [
        NumberStatus.MISATTRIBUTED,
        NumberStatus.MISATTRIBUTED,
        NumberStatus.UNSUPPORTED,
        NumberStatus.SUPPORTED,
    ]
    assert (report.misattributed, report.recall_on_misattributed) == (2, 1.0)
    assert report.recall_on_wrong == 1.0 and report.false_alarm_rate == 0.0
    assert [(k.kind, k.n, k.flagged) for k in report.per_kind] == [
        ("swap_year", 2, 2),
        ("wrong_value", 1, 1),
        ("correct", 1, 0),
    ]
    text = render_claims(report)
    assert "recall på felattribuerade (2): 1.000" in text
    assert "swap_year" in text and "wrong_value" in text


def test_figures_from_several_folders(tmp_path: Path) -> None:
    for name, text in (("a", "Räntan var 3 %.\n"), ("b", "Kostnaden var 12,5 mkr.\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
    figures = figures_from_corpus(tmp_path / "a", tmp_path / "b")
    assert [f.doc for f in figures] == ["a.txt", "b.txt"]

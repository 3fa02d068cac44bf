from __future__ import annotations

import pytest

from evals import swaps, verbatim
from evals.verbatim import verbatim_alarms, window_alarms
from ingest.figures import extract_figures
from lagesbild.types import Page

PAGES = [
    Page(
        number=1,
        text="Ombyggnaden av akuten kostade 12,4 mkr under 2022.\n\n"
        "Regionen redovisade ett underskott på 196,8 mkr för 2016.",
    )
]


def test_a_source_sentence_backs_its_own_amounts() -> None:
    figures = extract_figures("a.pdf", "a", PAGES)
    report = verbatim_alarms(figures)
    assert report.sentences == 2 and report.amounts == 2
    assert report.flagged == {} and report.false_alarm_rate == 0.0


def test_an_amount_the_figures_lack_is_counted_as_a_false_alarm() -> None:
    figures = [f for f in extract_figures("a.pdf", "a", PAGES) if f.raw != "12,4 mkr"]
    report = verbatim_alarms(figures)  # the year 2022 still brings its sentence
    assert report.flagged == {"unsupported": 1}
    assert "12,4 mkr" in report.examples[0]


@pytest.mark.parametrize("module", [verbatim, swaps])
def test_a_missing_corpus_folder_is_named(module, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as ended:
        module.main(["--corpus", str(tmp_path / "saknas")])
    assert ended.value.code == 2
    assert "saknas: mappen finns inte" in capsys.readouterr().err


def test_a_window_around_each_amount_is_checked_as_a_short_claim() -> None:
    figures = extract_figures("a.pdf", "a", PAGES)
    report = window_alarms(figures, 2)
    assert report.amounts == 2 and report.flagged == {}
    lacking = [f for f in figures if f.raw != "196,8 mkr"]
    report = window_alarms(lacking, 2)
    assert report.flagged == {"unsupported": 1}
    assert "”underskott på 196,8 mkr för 2016.”" in report.examples[0]


def test_a_window_of_no_words_is_refused(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as ended:
        verbatim.main(["--corpus", str(tmp_path), "--window", "0"])
    assert ended.value.code == 2
    assert "--window: ange minst 1 ord" in capsys.readouterr().err

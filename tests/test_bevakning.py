"""Bevakning: overdue measures and those falling due soon, per owner."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from assistant.cli import app, main
from assistant.drafts.deadlines import NO_OWNER, watch_deadlines
from assistant.tui.watch_text import watch_panel
from lagesbild.types import Measure, MeasureLayout, MeasureStatus, Responsibility
from vectorstore.library import Library

TODAY = date(2025, 3, 10)


def measure(title: str, **fields: object) -> Measure:
    base: dict[str, object] = {
        "id": f"d:{title}",
        "doc": "plan.pdf",
        "page": 2,
        "layout": MeasureLayout.ACTION_PLAN,
        "title": title,
        "status": MeasureStatus.ONGOING,
    }
    return Measure.model_validate(base | fields)


MEASURES = [
    measure("Förfallen", owner="Ekonomichef", due_by=date(2025, 2, 28), due_raw="Feb 2025"),
    measure("Snart", owner="Ekonomichef", due_by=date(2025, 3, 31), due_raw="Mars 2025"),
    measure("Senare", owner="HR-chef", due_by=date(2025, 6, 30)),
    measure("Klar", owner="HR-chef", due_by=date(2025, 1, 31), status=MeasureStatus.DONE),
    measure("Utan datum", owner="HR-chef"),
    measure("Ingen ansvarig", due_by=date(2025, 3, 10)),
    measure(
        "Två förvaltningar",
        owner="Regiondirektör",
        responsibilities=[
            Responsibility(organisation="Hälso- och sjukvård", due_by=date(2025, 3, 1)),
            Responsibility(organisation="Regionservice", due_by=date(2025, 12, 31)),
        ],
    ),
    measure(
        "Spann",
        owner="HR-chef",
        due_earliest=date(2025, 3, 20),
        due_latest=date(2025, 9, 30),
        due_by=date(2025, 9, 30),
    ),
]


def test_overdue_and_coming_deadlines_per_owner() -> None:
    watch = watch_deadlines(MEASURES, TODAY, days=30)
    listed = {g.owner: [(i.title, i.days, i.overdue) for i in g.items] for g in watch.owners}
    assert listed == {
        "Ekonomichef": [("Förfallen", -10, True), ("Snart", 21, False)],
        "HR-chef": [("Spann", 10, False)],
        "Hälso- och sjukvård": [("Två förvaltningar", -9, True)],
        NO_OWNER: [("Ingen ansvarig", 0, False)],
    }
    assert [g.owner for g in watch.owners][-1] == NO_OWNER
    assert (watch.overdue, watch.upcoming, watch.undated) == (2, 3, 1)
    spann = watch.owners[1].items[0]
    assert spann.which == "första"
    assert watch.owners[0].items[0].when == "förfallen sedan 10 dagar"
    assert watch.owners[-1].items[0].when == "förfaller i dag"


def test_owner_filter_and_a_wider_window() -> None:
    watch = watch_deadlines(MEASURES, TODAY, days=120, owner="hr")
    assert [(g.owner, [i.title for i in g.items]) for g in watch.owners] == [
        ("HR-chef", ["Spann", "Senare"])
    ]
    later = watch_deadlines(MEASURES, date(2025, 4, 1), days=200, owner="HR")
    items = [(i.title, i.which, i.due) for g in later.owners for i in g.items]
    assert items == [("Senare", "", date(2025, 6, 30)), ("Spann", "sista", date(2025, 9, 30))]


PLAN = (
    "Åtgärdsplan\n\nAktivitet Beskrivning/kommentar Ansvarig Tidpunkt Status\n\n"
    "1 Bemanning\nKompetensförsörjningsplan för sjuksköterskor\n\nTa fram en plan."
    "\n\nPersonaldirektör\n\nMars 2025\n\nPågår\n\n"
    "2 Hyrpersonal\nMånatlig uppföljning av hyrpersonal\n\nRapport till nämnden."
    "\n\nEkonomichef\n\nJan 2025\n\nPågår\n"
)


def test_cli_table_json_and_docx(tmp_path: Path, fake_embeddings: object) -> None:
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    library = Library()
    try:
        assert not library.ingest([tmp_path / "plan.txt"]).failed
    finally:
        library.close()
    runner = CliRunner()
    args = ["bevakning", "--datum", "2025-03-10", "--days", "30"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    owners = {g["owner"]: [i["title"] for i in g["items"]] for g in data["owners"]}
    assert owners == {
        "Ekonomichef": ["Månatlig uppföljning av hyrpersonal"],
        "Personaldirektör": ["Kompetensförsörjningsplan för sjuksköterskor"],
    }
    result = runner.invoke(app, args, terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "1 förfallna och 1 som förfaller inom 30 dagar" in result.stdout
    assert "förfallen (38 d)" in result.stdout and "plan.txt s." in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    out = tmp_path / "bevakning.docx"
    result = runner.invoke(app, [*args, "--owner", "ekonomi", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (table,) = docx.Document(str(out)).tables
    assert table.rows[1].cells[0].text == "Månatlig uppföljning av hyrpersonal"


def test_the_panel_lists_overdue_first_and_reads_no_markup() -> None:
    marked = measure("[bold]Planen[/bold]", owner="Ekonomichef", due_by=date(2025, 3, 1))
    watch = watch_deadlines([*MEASURES, marked], TODAY, days=30)
    text = watch_panel(watch, limit=3).plain
    lines = text.splitlines()
    assert lines[0] == "Bevakning (30 dagar framåt, per 2025-03-10): 3 förfallna, 3 förfaller snart"
    assert lines[1].startswith("⚠ 2025-02-28 förfallen (10 d)  Ekonomichef: Förfallen (plan.pdf")
    assert "[bold]Planen[/bold]" in lines[2]  # shown as written
    assert lines[-1].startswith("… och 3 till")
    empty = watch_panel(watch_deadlines([], TODAY)).plain
    assert empty.endswith("Inget förfaller inom perioden.")


def test_out_refuses_to_overwrite_without_force(
    tmp_path: Path, fake_embeddings: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Like `summary clg --out` and `draft revisorer --out`: an existing file is kept."""
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    library = Library()
    try:
        assert not library.ingest([tmp_path / "plan.txt"]).failed
    finally:
        library.close()
    target = tmp_path / "bevakning.md"
    target.write_text("mitt eget arbete", encoding="utf-8")
    args = ["bevakning", "--datum", "2025-03-10", "--out", str(target)]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert "finns redan" in error and "--force" in error
    assert target.read_text(encoding="utf-8") == "mitt eget arbete"
    assert main([*args, "--force"]) == 0
    assert "Månatlig uppföljning av hyrpersonal" in target.read_text(encoding="utf-8")

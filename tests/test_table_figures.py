"""Tables as data: the figures of a financial table's rows carry their row and column."""

from __future__ import annotations

from ingest.figures import extract_figures
from lagesbild.types import Page

TEXT = (
    "Ekonomisk uppföljning\n\n"
    "Resultaträkning (mnkr) Utfall jan-aug Budget helår Prognos helår Avvikelse\n\n"
    "Intäkter 8,1 11,9 12,3 0,4\n\n"
    "Kostnader -30,2 -44,0 -45,1 -1,1\n\n"
    "Övrigt 1,0 2,0\n\n"
    "Nämnden redovisar ett underskott på 0,7 mnkr mot budget 2024."
)


def _figures(text: str = TEXT) -> list:  # type: ignore[type-arg]
    return extract_figures("rapport.pdf", "d", [Page(number=4, text=text)])


def test_row_and_column_labels_and_a_labelled_context() -> None:
    labelled = [(f.row_label, f.column_label, f.value) for f in _figures() if f.row_label]
    assert ("Intäkter", "Prognos helår", 12.3) in labelled
    assert ("Kostnader", "Utfall jan-aug", -30.2) in labelled
    assert len(labelled) == 8
    forecast = next(f for f in _figures() if f.column_label == "Prognos helår")
    assert forecast.context == "Intäkter – Prognos helår: 12,3 mnkr"


def test_a_row_with_an_empty_cell_and_the_prose_after_the_table_stay_unlabelled() -> None:
    figures = _figures()
    assert all(f.row_label is None for f in figures if f.context.startswith("Övrigt"))
    prose = [f for f in figures if "underskott" in f.context]
    assert prose and all(f.row_label is None for f in prose)


def test_numbers_in_prose_or_a_list_without_a_header_get_no_labels() -> None:
    text = "Intäkter 8,1 11,9 12,3\n\nKostnaderna ökade med 4 procent till 45 mnkr."
    assert all(f.row_label is None and f.column_label is None for f in _figures(text))


def test_a_header_with_one_cell_per_line_and_a_caption_before_the_rows() -> None:
    text = (
        "Museiverksamhet\n\nStatistik Bokslut\n2022\n\nBokslut\n2023\n\nBokslut 2024\n\n"
        "Antal besökare\n\nStadsmuseet 61 225 59 000 55 945\n\n"
        "Museet redovisar en ökning av antalet besök jämfört med föregående år."
    )
    labelled = {(f.row_label, f.column_label, f.value) for f in _figures(text) if f.row_label}
    assert labelled == {
        ("Stadsmuseet", "Bokslut 2022", 61225),
        ("Stadsmuseet", "Bokslut 2023", 59000),
        ("Stadsmuseet", "Bokslut 2024", 55945),
    }


def test_empty_cells_written_as_words_keep_the_row_and_the_table() -> None:
    text = (
        "Statistik Bokslut 2023 Bokslut 2024 Bokslut 2025 Budget 2025\n\n"
        "Norra simhallen Stängt Stängt Stängt Stängt\n\n"
        "Strandbadet Stängt 21 898 22 902 21 000\n\n"
        "Ängsbadet 5 842 6 519 7 035 6 000\n\n"
        "Statistiken avser allmänhetens bad och skolsimning."
    )
    labelled = {(f.row_label, f.column_label, f.value) for f in _figures(text) if f.row_label}
    assert ("Strandbadet", "Bokslut 2024", 21898) in labelled
    assert ("Strandbadet", "Budget 2025", 21000) in labelled
    assert ("Ängsbadet", "Bokslut 2023", 5842) in labelled
    assert len(labelled) == 7


def test_a_long_line_of_prose_without_numbers_ends_the_table() -> None:
    text = (
        "Ekonomi (tkr) 2024 2025\n\nIntäkter 10 135 11 251\n\n"
        "Nämnden har under året arbetat vidare med att utveckla verksamheten inom flera områden"
        "\n\n"
        "Besök 7 8"
    )
    rows = {f.row_label for f in _figures(text) if f.row_label}
    assert rows == {"Intäkter"}


def test_a_header_with_short_years_and_a_total_column() -> None:
    text = (
        "Nettokostnadsutveckling nationellt 2015 och 2016\n"
        "Lst / Reg Utfall -15 Utfall -16 tot 15/16 \n\n"
        "Stockholm       \n\n"
        "Uppsala 5,7 3,8 9,5 \n\n"
        "Dalarna 3,6 0,8 4,4 \n\n"
        "Summa (Snitt) 5 4,4 9,4 \n\n"
        "Regionstyrelsen ser således att nettokostnaden sjunkit från 2015 till 2016."
    )
    labelled = {(f.row_label, f.column_label): f.value for f in _figures(text) if f.row_label}
    assert labelled[("Dalarna", "Utfall -16")] == 0.8
    assert labelled[("Uppsala", "tot 15/16")] == 9.5
    assert labelled[("Summa (Snitt)", "Utfall -15")] == 5
    assert len(labelled) == 9  # the header's -15, -16 and 15/16 are labels, not cells

"""Tables read from a PDF page's layout: the columns the plain text lost come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.figures import extract_figures
from ingest.layout_tables import label_layout_tables, read_tables
from lagesbild.types import Page

# pypdf's layout text of an investment table (a real page, shortened): the header runs over
# three lines and the row labels over two.
LAYOUT = """\
Investeringsredovisning      Utgifter sedan                        Varav årets
(mnkr)                           projektets                      investeringar
                                       start
Kultur och fritidsnämnden             Total     Ack. Avvikelse    Budget 2025    Utfall   Budget-
                             projektbudget     Utfall                             2025   avvikelse
Färdigställda projekt
Inventarier, löpande                                                      0,800   0,617      0,183
Pågående projekt
Ombyggnad Garvaren (6013)             2,575    2,340       0,235          0,388   0,153      0,235
Ny teknik bowlinghall                 3,000    2,117       0,884          3,000   2,117      0,884
Korsavad (6154)

Summa pågående projekt               20,068   15,127       4,941          9,600   4,659      4,941
"""

# The same page as pypdf's plain text gives it: header cells one per line, out of order.
PLAIN = (
    "Investeringsredovisning \n(mnkr) \nUtgifter sedan \nprojektets \nstart \n"
    "Varav årets \ninvesteringar \nKultur och fritidsnämnden Total \nprojektbudget \nAck. \n"
    "Utfall \nAvvikelse Budget 2025 Utfall \n2025 \nBudget-\navvikelse \n"
    "Färdigställda projekt \nInventarier, löpande 0,800 0,617 0,183 \nPågående projekt \n"
    "Ombyggnad Garvaren (6013) 2,575 2,340 0,235 0,388 0,153 0,235 \n"
    "Ny teknik bowlinghall \nKorsavad (6154) \n3,000 2,117 0,884 3,000 2,117 0,884 \n"
    "Summa pågående projekt 20,068 15,127 4,941 9,600 4,659 4,941 \n"
)


class _Layout:
    """Stands in for PdfLayout: the layout text of every page is LAYOUT."""

    def __init__(self, text: str | None = LAYOUT) -> None:
        self.read: list[int] = []
        self._text = text

    def text(self, page: Page) -> str | None:
        self.read.append(page.number)
        return self._text


def test_columns_from_a_header_over_several_lines_and_rows_with_two_line_labels() -> None:
    (table,) = read_tables(LAYOUT)
    assert table.unit == "mnkr"
    assert table.columns[1] == "Ack. Utfall"
    assert table.columns[4] == "Utfall 2025"
    assert table.columns[5] == "Budget- avvikelse"
    labels = [row.label for row in table.rows]
    assert labels == [
        "Inventarier, löpande",
        "Ombyggnad Garvaren (6013)",  # the number in brackets is part of the label
        "Ny teknik bowlinghall Korsavad (6154)",
        "Summa pågående projekt",
    ]


def test_figures_of_the_plain_text_get_the_layout_labels() -> None:
    page = Page(number=21, text=PLAIN)
    figures = extract_figures("bokslut.pdf", "d", [page])
    # the plain text alone labels no full row, and the row with empty cells wrongly
    assert not any(f.column_label for f in figures if f.raw == "2,117")
    wrong = next(f for f in figures if f.raw == "0,617")
    assert wrong.column_label == "Budget 2025"  # read in order under a header cut short
    assert label_layout_tables([page], figures, _Layout()) > 0  # type: ignore[arg-type]
    by_context = {f.context for f in figures}
    assert "Ny teknik bowlinghall Korsavad (6154) – Utfall 2025: 2,117 mnkr" in by_context
    # a row with empty cells: its three numbers stand in the last three columns
    assert "Inventarier, löpande – Utfall 2025: 0,617 mnkr" in by_context
    code = next(f for f in figures if f.raw == "6013")
    assert code.column_label is None  # a project code in the label is not a cell


def test_pages_without_unlabelled_rows_are_not_read_in_layout_mode() -> None:
    page = Page(number=3, text="Nämnden redovisar ett överskott på 1,07 mnkr för året.")
    layout = _Layout()
    figures = extract_figures("bokslut.pdf", "d", [page])
    assert label_layout_tables([page], figures, layout) == 0  # type: ignore[arg-type]
    assert layout.read == []


def test_numbers_that_do_not_match_the_layout_stay_unlabelled() -> None:
    page = Page(number=21, text="Intäkter 1,5 2,5 3,5 \nKostnader 4,5 5,5 6,5 \n")
    figures = extract_figures("bokslut.pdf", "d", [page])
    assert label_layout_tables([page], figures, _Layout()) == 0  # type: ignore[arg-type]
    assert all(f.column_label is None for f in figures)


def test_prose_and_empty_rows_are_no_header_or_row() -> None:
    text = (
        "Statistik                            Bokslut 2023        Bokslut 2024      Budget 2025\n"
        "Antal besökare\n"
        "Korsavads simhall                           Stängt              Stängt          Stängt\n"
        "Tobisviksbadet                              Stängt              22 898          22 000\n"
        "Hammenhögsbadet                              6 842               7 519           7 000\n"
        "Besökarna blev 7 519 under 2024 och 6 842 året innan, enligt räknaren i entrén 2 st.\n"
    )
    (table,) = read_tables(text)
    assert table.columns == ["Bokslut 2023", "Bokslut 2024", "Budget 2025"]
    assert [row.label for row in table.rows] == ["Tobisviksbadet", "Hammenhögsbadet"]


REAL = Path(__file__).resolve().parents[2] / "shared/corpus/real"


@pytest.mark.skipif(
    not (REAL / "simrishamn_kultur_fritid_bokslut_2025.pdf").exists(),
    reason="../shared/corpus/real is not on this machine",
)
def test_a_real_investment_table_is_labelled_on_ingest() -> None:
    from ingest.pipeline import extract_document

    extracted = extract_document(REAL / "simrishamn_kultur_fritid_bokslut_2025.pdf")
    outcome = [
        f
        for f in extracted.figures
        if f.row_label and "bowlinghall" in f.row_label and f.column_label == "Utfall 2025"
    ]
    assert [f.raw for f in outcome] == ["2,117"]


def test_a_row_labelled_over_two_lines_answers_a_question_that_omits_its_code() -> None:
    from assistant.context import Source
    from assistant.evidence import TermWeights
    from assistant.table_lead import labelled_by_page, table_lead
    from lagesbild.tokenizer import SwedishTokenizer

    page = Page(number=21, text=PLAIN)
    figures = extract_figures("bokslut.pdf", "d", [page])
    label_layout_tables([page], figures, _Layout())  # type: ignore[arg-type]
    source = Source(1, "bokslut.pdf", 21, PLAIN)
    weights = TermWeights(SwedishTokenizer(compounds=False, abbreviations=True), [PLAIN])
    lead = table_lead(
        "Vad blev utfallet 2025 för ny teknik till bowlinghallen på Korsavad?",
        [source],
        labelled_by_page(figures),
        weights,
    )
    assert lead is not None
    assert lead.text.startswith("Ny teknik bowlinghall Korsavad (6154) – ")
    assert "Utfall 2025: 2,117 mnkr" in lead.text
    # the row is quoted as it stands, its label's two lines and its cells joined
    assert lead.units[0].text.startswith("Ny teknik bowlinghall Korsavad (6154) 3,000 2,117")


def test_a_claim_naming_another_row_of_the_table_is_misattributed() -> None:
    from assistant.number_check import check_numbers
    from lagesbild.types import NumberStatus

    page = Page(number=21, text=PLAIN)
    # the rest of the report: words are rare in a report, not in one table
    rest = [Page(number=n, text=f"Enhet {n} redovisade {n},5 mnkr.") for n in range(1, 21)]
    figures = extract_figures("bokslut.pdf", "d", [*rest, page])
    label_layout_tables([page], figures, _Layout())  # type: ignore[arg-type]
    # 0,153 is the 2025 outcome of Garvaren's row; the claim names the bowling hall's row
    claim = "Bowlinghallen på Korsavad fick nya tekniska lösningar som kostade 0,153 mnkr."
    (swapped,) = check_numbers(claim, figures)
    assert swapped.status is NumberStatus.MISATTRIBUTED
    # naming the cell's own row, or no row at all, is no swap
    (right,) = check_numbers("Ombyggnaden av Garvaren kostade 0,153 mnkr under 2025.", figures)
    assert right.status is NumberStatus.SUPPORTED

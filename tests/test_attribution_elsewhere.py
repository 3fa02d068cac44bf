"""Attribution rules beyond one sentence: statements elsewhere, names, units, table cells."""

from __future__ import annotations

from figure_sources import figures_from

from assistant.attribution import claim_clues
from assistant.number_check import FLAGGED, check_numbers
from ingest.numbers import find_numbers
from lagesbild.types import Figure, NumberKind, NumberStatus

S, D, M = NumberStatus.SUPPORTED, NumberStatus.DERIVED, NumberStatus.MISATTRIBUTED

SOURCES: dict[str, dict[int, str]] = {
    "svar.pdf": {
        30: "Regionen har tagit två lån hos Kommuninvest, där det första lånet är på 40 mkr "
        "och ska betalas tillbaka 2019.",
        35: "För den kommande treårsperioden planeras 100 mkr per år för fastighetsinvesteringar.",
    },
    "plan.pdf": {
        2: "Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr, plus att vi lägger en "
        "minusbudget på 324 Mkr",
    },
    "energi.pdf": {
        5: "Köpt energi till kommunens lokaler var 2009 13508 MWh.",
        6: "Verksamheten för idrotts- och fritidsanläggningar överskred budgeten med -950 tkr.",
    },
    "avtal.pdf": {
        3: "Nysam deltagandet är avvecklat med minskad kostnad 400",  # the unit on the next line
        4: "Stöd till studieorganisationer, budget 2025: 400 tkr.",
    },
}


FIGURES = figures_from(SOURCES)


def _check(text: str, figures: list[Figure] | None = None) -> list[NumberStatus]:
    return [c.status for c in check_numbers(text, FIGURES if figures is None else figures)]


def test_a_statement_on_another_page_that_the_text_describes_wins() -> None:
    """The value stands on p. 35 about investments; the loan the text speaks of is on p. 30."""
    [check] = check_numbers("Det första lånet från Kommuninvest är på 100 mkr.", FIGURES)
    assert check.status is M
    assert "texten stämmer med 40 mkr i svar.pdf s. 30" in check.explanation
    assert check.explanation.startswith("belopp finns men gäller något annat")
    assert check.source is not None and check.source.page == 35  # the figure's own page
    assert _check("Det första lånet från Kommuninvest är på 40 mkr.") == [S]
    assert _check("Fastighetsinvesteringarna planeras till 100 mkr per år.") == [S]


def test_a_statement_elsewhere_with_the_same_value_written_bare_is_no_swap() -> None:
    """'Minskad kostnad 400' (its unit lost) is the text's own statement, not another value."""
    [check] = check_numbers(
        "När Nysam-deltagandet avvecklades minskade kostnaden med 400 tkr.", FIGURES
    )
    assert check.status not in FLAGGED, check.explanation


def test_one_shared_word_elsewhere_is_not_enough() -> None:
    """A single rare word in common with another page's statement says too little."""
    assert _check("Kommuninvest planeras få 100 mkr per år för fastighetsinvesteringar.") == [S]


def test_a_figure_bound_to_a_name_is_not_what_an_unnamed_text_says() -> None:
    """'HSN -271Mkr' names whose figure it is; the text speaks of the minus budget."""
    assert _check("Regionen lägger en minusbudget på 271 Mkr för 2023.") == [M]
    assert _check("HSN har ett underskott mot budgetprognos 2023 på 271 Mkr.") == [S]


def test_names_are_no_subject_terms() -> None:
    text = "Kultur- och fritidsnämndens intäkter 2025 uppgick till 11,3 mnkr."
    [clues] = claim_clues(text, find_numbers(text)).values()
    assert [o.name for o in clues.orgs] == ["Kultur- och fritidsnämndens"]
    assert not any("nämnd" in t or t.startswith("kultur") for t in clues.terms)
    assert "intäk" in clues.terms


def test_energy_units_are_compared_across_prefixes() -> None:
    assert _check("Kommunens lokaler använde 13,5 GWh energi 2009.") == [D]
    assert _check("Kommunens lokaler använde 13 508 000 kWh energi 2009.") == [D]
    assert [c for c in _check("Kommunens lokaler använde 14,5 GWh energi 2009.") if c in FLAGGED]


def test_overspending_the_budget_is_a_deficit() -> None:
    assert _check("Idrotts- och fritidsanläggningarna överskred budgeten med 950 tkr.") == [S]
    [surplus] = _check("Idrotts- och fritidsanläggningarna hade ett överskott på 950 tkr.")
    assert surplus in FLAGGED


def test_a_table_cell_without_unit_takes_the_unit_its_line_gives() -> None:
    """The ingest writes a table row as 'Intäkter – 2025: 11 251 tkr' but keeps the cell bare."""
    cell = Figure(
        raw="11 251",
        start=0,
        end=6,
        kind=NumberKind.NUMBER,
        value=11251.0,
        unit="",
        precision=0,
        id="k:f1",
        doc="kultur.pdf",
        page=13,
        context="Intäkter – 2025: 11 251 tkr",
    )
    assert _check("Intäkterna 2025 uppgick till 11,3 mnkr.", [cell]) == [D]
    assert _check("Intäkterna 2025 uppgick till 11 251 tkr.", [cell]) == [S]
    bare = cell.model_copy(update={"context": "Intäkter 10 135 11 251"})
    assert _check("Intäkterna 2025 uppgick till 11,3 mnkr.", [bare]) == [NumberStatus.UNSUPPORTED]

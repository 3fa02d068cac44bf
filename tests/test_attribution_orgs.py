"""Whose figure is it: organisations and table rows as the subject of a number, the rules
behind the swap_org probe of :mod:`evals.swaps`."""

from __future__ import annotations

from figure_sources import background, figures_from

from assistant.attribution import Org, claim_clues, text_conflicts
from assistant.number_check import check_numbers
from ingest.numbers import find_numbers
from lagesbild.types import Figure, NumberCheck, NumberKind, NumberStatus

S, M = NumberStatus.SUPPORTED, NumberStatus.MISATTRIBUTED
FLAGGED = {NumberStatus.MISATTRIBUTED, NumberStatus.UNSUPPORTED}

BACKGROUND = "lokaler hyror tolkar resor porto licenser städning el vatten böcker möbler kurser"
SOURCES = {
    "klimat.pdf": {
        6: "Vansbro kommun har 2009, 40 fordon, av vilka 37 är leasing och 3 st egenägda.",
        8: "Antal körda fordonskilometer (Vansbro kommun) bedöms kunna minska med 10% t.o.m. 2014.",
    },
    "bakgrund.pdf": background(BACKGROUND),
}
FIGURES = figures_from(SOURCES)


def _check(text: str) -> list[NumberCheck]:
    return check_numbers(text, FIGURES)


def test_the_organisation_a_sentence_opens_with_is_every_numbers() -> None:
    """'Vansbro kommun har 2009, 40 fordon, av vilka 37 är leasing …': the 37 are Vansbro's
    too, so a sum 37 + 3 of Vansbro's figures does not make the 40 another body's."""
    right = _check("Vansbro kommun har 2009, 40 fordon, av vilka 37 är leasing och 3 st egenägda.")
    assert [c.status for c in right] == [S, S, S]
    wrong = _check("Mora kommun har 2009, 40 fordon, av vilka 37 är leasing och 3 st egenägda.")
    assert [c.status for c in wrong][:2] == [M, M]
    assert "Vansbro kommun" in wrong[0].explanation


def _orgs_of_each_number(text: str) -> list[list[str]]:
    mentions = find_numbers(text)
    clues = claim_clues(text, mentions)
    return [[o.name for o in clues[m.start].orgs] for m in mentions if m.start in clues]


def test_a_name_right_before_a_number_labels_that_number_alone() -> None:
    """'Vansbro kommun har …' opens the sentence; 'HSN -271 Mkr' labels its number only."""
    assert _orgs_of_each_number("Vansbro kommun har 40 fordon och 37 leasingbilar.") == [
        ["Vansbro kommun"],
        ["Vansbro kommun"],
    ]
    assert _orgs_of_each_number("HSN -271 Mkr och 57 Mkr för regionstaben.") == [["HSN"], []]


def test_an_organisation_in_brackets_says_whose_number_it_is() -> None:
    """'Antal körda fordonskilometer (Vansbro kommun) … 10%': the bracket names the body
    the goal is for (a period in brackets stays an aside)."""
    goal = "Antalet körda fordonskilometer i {} ska minska med 10% till 2014."
    [right] = _check(goal.format("Vansbro kommun"))
    assert right.status is S
    [wrong] = _check(goal.format("Mora kommun"))
    assert wrong.status is M and "Vansbro kommun" in wrong.explanation


def test_a_place_in_the_genitive_is_the_same_place() -> None:
    region = Org("place", "Region Västerbotten", stem="västerbotten")
    assert region.matches(Org("place", "Region Västerbottens", stem="västerbottens"))
    assert not region.matches(Org("place", "Region Norrbotten", stem="norrbotten"))
    assert not text_conflicts(
        "Region Västerbottens anslag var 8 miljoner kronor.",
        "Region Västerbotten har 8 miljoner kronor att använda.",
    )


def _cell(n: int, row: str, value: str) -> Figure:
    return Figure(
        raw=value,
        start=0,
        end=len(value),
        kind=NumberKind.NUMBER,
        value=float(value.replace(",", ".")),
        id=f"tabell:f{n}",
        doc="tabell.pdf",
        page=16,
        context=f"{row} – Utfall 2016: {value}",
        row_label=row,
        column_label="Utfall 2016",
    )


def test_a_text_naming_another_row_by_one_name_is_a_swap() -> None:
    """A table of regions: the text cites the page and names 'Västerbotten', whose cell is
    3; the 0,8 of its page stands in the row 'Dalarna'."""
    rows = {"Dalarna": "0,8", "Västerbotten": "3", "Norrbotten": "4,9", "Uppsala": "3,8"}
    cells = [_cell(n, row, value) for n, (row, value) in enumerate(rows.items())]
    figures = cells + FIGURES
    cited = {("tabell.pdf", 16)}
    text = "Nettokostnadsutvecklingen i Västerbotten var 0,8 procent under 2016 [1]."
    [wrong] = check_numbers(text, figures, cited)
    assert wrong.status in FLAGGED, wrong.explanation
    text = "Nettokostnadsutvecklingen i Dalarna var 0,8 procent under 2016 [1]."
    [right] = check_numbers(text, figures, cited)
    assert right.status not in FLAGGED, right.explanation

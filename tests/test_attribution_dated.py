"""When a value holds: a figure that names no year, beside the same value dated in the same
document (the rule behind the swap_year probe of :mod:`evals.swaps`)."""

from __future__ import annotations

from figure_sources import background, figures_from

from assistant.number_check import check_numbers
from lagesbild.types import NumberCheck, NumberStatus

S, M = NumberStatus.SUPPORTED, NumberStatus.MISATTRIBUTED

BACKGROUND = "lokaler hyror tolkar resor porto licenser städning el vatten böcker möbler kurser"
SOURCES = {
    "klimat.pdf": {
        5: "Vansbrohem använde 7369 MWh för uppvärmning, varmvatten och fastighetsel.",
        8: "Energianvändning Vansbrohem:\n2009 - 7369 MWh, 2014 - 7001 MWh, 2020 - 6632 MWh",
    },
    "fordon.pdf": {
        3: "Sammanfattning\n\n3",  # a bare 3 near: 37 + 3 make 40
        6: "Vansbro kommun har 2009, 40 fordon, av vilka 37 är leasing och 3 st egenägda.",
    },
    "bokslut.pdf": {
        1: "Kostnaden för tillsynen av simhallen var 5 mkr.",
        2: "Intäkter från uthyrning 2023: 5 mkr",
    },
    "bakgrund.pdf": background(BACKGROUND),
}
FIGURES = figures_from(SOURCES)


def _check(text: str) -> list[NumberCheck]:
    return check_numbers(text, FIGURES)


def test_an_undated_figure_does_not_back_another_year_than_its_dated_twin() -> None:
    """'Vansbrohem använde 7369 MWh' names no year; the plan's list says the 7369 MWh are
    2009's, so they back 2009 and not 2010."""
    [wrong] = _check("År 2010 använde Vansbrohem 7369 MWh.")
    assert wrong.status is M
    assert "2009, inte 2010" in wrong.explanation and "2009 - 7369 MWh" in wrong.explanation
    assert [c.status for c in _check("År 2009 använde Vansbrohem 7369 MWh.")] == [S]
    assert [c.status for c in _check("Vansbrohem använde 7369 MWh för uppvärmning.")] == [S]


def test_a_dated_figure_about_something_else_leaves_the_undated_one_standing() -> None:
    """The 5 mkr of 2023 are rental income; the text speaks of the undated 5 mkr of the
    swimming hall's inspection, whatever year it gives them."""
    [check] = _check("Kostnaden för tillsynen av simhallen var 5 mkr under 2024.")
    assert check.status is S, check.explanation


def test_a_sum_does_not_rescue_a_retold_statement_of_another_year() -> None:
    """The text retells the sentence with 2010 for 2009 and says nothing else of its 40
    fordon: that 37 + 3 also make 40 does not back it."""
    text = "Vansbro kommun har 2010, 40 fordon, av vilka 37 är leasing och 3 st egenägda."
    first = _check(text)[0]
    assert first.status is M and "2009, inte 2010" in first.explanation
    right = "Vansbro kommun har 2009, 40 fordon, av vilka 37 är leasing och 3 st egenägda."
    assert _check(right)[0].status is S

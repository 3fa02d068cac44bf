from __future__ import annotations

from assistant.number_match import FigureIndex
from evals.swaps import made_claims, score
from ingest.figures import extract_figures
from lagesbild.types import Page

PAGES = [
    Page(
        number=3,
        text="Regionens underskott ökade till 196,8 mkr under 2016.\n\n"
        "Kostnaderna för hyrpersonal uppgick till 45 mkr under 2015.",
    )
]


def test_wrong_claims_are_made_from_each_sentence() -> None:
    figures = extract_figures("svar.pdf", "svar", PAGES)
    made = {(c.kind, c.text) for c in made_claims(figures, FigureIndex(figures))}
    assert ("swap_same_page", "Regionens underskott ökade till 45 mkr under 2016.") in made
    assert ("swap_year", "Regionens underskott ökade till 196,8 mkr under 2017.") in made
    assert ("flip_polarity", "Regionens överskott ökade till 196,8 mkr under 2016.") in made


def test_the_check_catches_the_made_claims() -> None:
    result = score(extract_figures("svar.pdf", "svar", PAGES))
    assert result.made == {"swap_same_page": 2, "swap_year": 2, "flip_polarity": 1}
    assert result.recall_all == 1.0, result.missed


def test_organisations_are_swapped_on_the_page_or_exchanged_in_the_sentence() -> None:
    pages = {
        "plan.pdf": [
            Page(number=2, text="Underskott mot budgetprognos 2023: RUN -47 mkr, HSN -271 mkr."),
            Page(number=3, text="Vansbro kommun har 40 fordon, av vilka 37 är leasing."),
        ],
        "annan.pdf": [Page(number=1, text="Region Dalarna anslog 12 mkr till kollektivtrafiken.")],
    }
    figures = [f for doc, parsed in pages.items() for f in extract_figures(doc, doc, parsed)]
    made = {(c.kind, c.text) for c in made_claims(figures, FigureIndex(figures))}
    exchanged = "Underskott mot budgetprognos 2023: HSN -47 mkr, RUN -271 mkr."
    assert ("swap_org", exchanged) in made
    moved = "Region Dalarna har 40 fordon, av vilka 37 är leasing."  # another document's place
    assert ("swap_org", moved) in made
    result = score(figures)
    assert result.made["swap_org"] == 3
    assert result.recall["swap_org"] == 1.0, result.missed

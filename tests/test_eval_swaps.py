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

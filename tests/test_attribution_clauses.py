"""Which clause of a sentence a number belongs to, and when a figure of the value is only a
coincidence: the rules behind own2-/own3-claims (evals/data/README.md)."""

from __future__ import annotations

import pytest
from figure_sources import background, figures_from

from assistant.number_check import check_numbers
from lagesbild.types import NumberCheck, NumberStatus

S, D, M = NumberStatus.SUPPORTED, NumberStatus.DERIVED, NumberStatus.MISATTRIBUTED

# other statements, so that a word of one sentence is as rare as in a real register
BACKGROUND = (
    "lokaler hyror tolkar resor porto licenser städning el vatten böcker möbler kurser "
    "konsulter annonser larm parkering telefoni catering tryck frakt försäkring revision "
    "juridik datorer skrivare"
)
SOURCES = {
    "tabell.pdf": {1: "Antal\n\n40\n\n33"},  # bare cells, registered first
    "energi.pdf": {
        4: "Detta påverkar elpriset, då man har 9,6 öre (12 öre inkl. moms) högre elpris än "
        "grannkommunerna.",
        5: "Energianvändningen till kommunens lokaler var 2009, 13508 MWh, fördelat på "
        "61294 m2 BRA.",
        6: "Kommunen har 2009, 40 fordon, av vilka 37 är leasing och 3 st egenägda.",
    },
    "resor.pdf": {
        5: "Målet är att minska utsläppen från tjänsteresor med 10 % jämfört med 2011.",
        6: "Bidraget till idrottsföreningarna höjdes med 10 % i år.",
    },
    "nysam.pdf": {23: "Avveckla Nysam-deltagandet, minskad kostnad 400"},
    "bidrag.pdf": {14: "Ett sent budgeterat bidrag om 0,4 mnkr betalades inte ut."},
    "mal.pdf": {
        8: "Köpt energi avseende bostäder ska minska med 5 % till 2014 och 10 % till 2020",
    },
    "investering.pdf": {
        21: "Ny inredning, biblioteket (6014, 6119) – Total projektbudget: 4,827 mnkr\n"
        "27 6.3 Uppföljning av systematiskt brandskyddsarbete ....................",
    },
    "enkat.pdf": {
        22: "Den ena enkäten skickades till rektorerna (60 procents svarsfrekvens) och den "
        "andra till de biträdande rektorerna (66 procents svarsfrekvens).",
    },
    "anvisning.pdf": {
        9: "Nämnden får öka budgeten för ett redan godkänt projekt med högst 10 % av "
        "projektets budgetbelopp.\nÖkningen får dock inte överstiga 2,5 mnkr för "
        "samhällsplaneringsnämnden och 1 mnkr för övriga nämnder.",
    },
    "kultur.pdf": {3: "Under 2023 fick kulturskolan 23 miljoner kronor för undervisningen."},
    "lakare.pdf": {49: "Primärvården har i nuläget 33 ST-läkare. Behovet är 60 ST-läkare."},
    "avgift.pdf": {7: "Den ekonomiska effekten av patientavgifterna värderades till 22,7 mkr."},
    "bakgrund.pdf": background(BACKGROUND),
}


FIGURES = figures_from(SOURCES)


def _check(text: str) -> list[NumberCheck]:
    return check_numbers(text, FIGURES)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Elpriset är 9,6 öre högre än i grannkommunerna.", S),
        ("Inklusive moms är elpriset 12 öre högre än i grannkommunerna.", S),
        ("Elpriset är 9,6 öre lägre än i grannkommunerna.", M),
        ("Elpriset är 12 öre lägre än i grannkommunerna.", M),
    ],
)
def test_a_bracket_restating_a_number_shares_its_subject(claim: str, status: NumberStatus) -> None:
    """'9,6 öre (12 öre inkl. moms) högre elpris': the words around the bracket are both
    numbers', so neither is swapped for the other, and both are 'högre'."""
    assert [c.status for c in _check(claim)] == [status]


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Med moms är elpriset 12 öre högre än i grannkommunerna.", S),
        ("Exklusive moms är elpriset 9,6 öre högre än i grannkommunerna.", S),
        ("Utan moms är elpriset 12 öre högre än i grannkommunerna.", M),
        ("Elpriset är 12 öre exkl. moms högre än i grannkommunerna.", M),
    ],
)
def test_an_amount_with_vat_is_not_one_without(claim: str, status: NumberStatus) -> None:
    """The source's 12 öre are 'inkl. moms'; a text saying they are without VAT retells
    them wrong (the words before 'moms' are a pole: inkl./med against exkl./utan)."""
    [check] = _check(claim)
    assert check.status is status, check.explanation
    if status is M:
        assert "inklusive moms, inte exklusive moms" in check.explanation


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Enkäten till rektorerna hade 60 procents svarsfrekvens.", S),
        ("Enkäten till rektorerna hade 66 procents svarsfrekvens.", M),
        ("Enkäten till de biträdande rektorerna hade 66 procents svarsfrekvens.", S),
        ("Enkäten till de biträdande rektorerna hade 60 procents svarsfrekvens.", M),
    ],
)
def test_a_qualifying_word_tells_two_clauses_of_one_sentence_apart(
    claim: str, status: NumberStatus
) -> None:
    """'rektorerna (60 …) och … de biträdande rektorerna (66 …)': 66 is the biträdande's."""
    [check] = _check(claim)
    assert check.status is status
    if status is M:
        assert "samma sida" in check.explanation


def test_the_words_a_count_counts_are_its_subject() -> None:
    """'37 egenägda fordon': 'egenägda' is what the 37 are said to be, while the source's
    37 are leasing and its 3 egenägda."""
    [wrong] = _check("Kommunen hade 37 egenägda fordon 2009.")
    assert wrong.status is M and "3 st" in wrong.explanation
    assert [c.status for c in _check("Kommunen hade 37 fordon på leasing 2009.")] == [S]
    assert [c.status for c in _check("Kommunen hade 3 egenägda fordon 2009.")] == [D]  # '3 st'


def test_a_count_is_backed_by_a_figure_of_its_kind_before_a_bare_cell() -> None:
    [check] = _check("Kommunen hade 40 fordon 2009.")
    assert check.status is S
    assert check.source is not None and check.source.doc == "energi.pdf"


def test_a_percent_statement_is_no_swap_for_an_amount_in_kronor() -> None:
    """The page's '10 %' sentence shares the text's words, but a text's 2,5 miljoner kronor
    cannot describe a percentage."""
    claim = (
        "För samhällsplaneringsnämnden får ökningen av ett godkänt projekt vara högst "
        "2,5 miljoner kronor."
    )
    assert [c.status for c in _check(claim)] == [S]


def test_a_rounding_that_shares_nothing_is_a_coincidence() -> None:
    """23 miljoner stands for kulturskolan in 2023; 22,7 mkr, a rounding away in another
    document about patientavgifter, does not back the 2024 claim."""
    [check] = _check("Kulturskolan fick 23 miljoner kronor under 2024.")
    assert check.status is M
    assert "2023, inte 2024" in check.explanation
    assert [c.status for c in _check("Kulturskolan fick 23 miljoner kronor under 2023.")] == [S]
    assert [c.status for c in _check("Patientavgifterna gav ungefär 22,7 mkr.")] == [S]


def test_a_bare_cell_that_shares_nothing_is_a_coincidence() -> None:
    """The 40 fordon are 2009's; a bare '40' in a table that shares none of the text's
    words does not back 2015's."""
    [check] = _check("Kommunens fordonsflotta omfattade 40 fordon 2015.")
    assert check.status is M and "2009, inte 2015" in check.explanation


def test_a_statement_in_another_unit_is_no_swap() -> None:
    """The sentence's 13508 MWh clause shares the text's words, but a text's m2 cannot
    describe an amount of energy (a source sentence, retold, was flagged)."""
    assert [c.status for c in _check("Kommunens lokaler har en yta på 61294 m2.")] == [S]


def test_codes_and_table_of_contents_numbers_are_not_amounts() -> None:
    text = "Ny inredning, biblioteket (6014, 6119) kostade totalt 4,827 mnkr."
    assert [c.raw for c in _check(text)] == ["4,827 mnkr"]
    assert _check("27 6.3 Uppföljning av systematiskt brandskyddsarbete ..........") == []
    assert [c.raw for c in _check("Projektet (6014) hade 6119 besökare.")] == ["6119 besökare"]


def test_arithmetic_does_not_rescue_a_statement_the_text_gets_wrong() -> None:
    """'5 % till 2015' retells the sentence whose 5 % is 2014's; that 10 % − 5 % on the
    page also makes 5 % does not back it."""
    claim = "Köpt energi avseende bostäder ska minska med 5 % till 2015 och 10 % till 2020."
    first = _check(claim)[0]
    assert first.status is M and "2014, inte 2015" in first.explanation
    right = "Köpt energi avseende bostäder ska minska med 5 % till 2014 och 10 % till 2020."
    assert [c.status for c in _check(right)] == [S, S]


def test_a_bare_cell_is_a_coincidence_even_when_the_text_says_little() -> None:
    """'40 fordon 2015': the page's 40 fordon are 2009's; a bare '40' elsewhere is no
    backing, though the text names nothing but the year and the unit."""
    [check] = _check("Kommunen hade 40 fordon 2015.")
    assert check.status is M and "2009, inte 2015" in check.explanation


def test_an_equal_figure_that_shares_nothing_is_chance_beside_a_contradicted_one() -> None:
    """The text says the emissions rose by 10 %, where the source's 10 % are a goal to
    lower them; a 10 % raise of a grant, sharing none of the text's words, does not back
    it."""
    claim = (
        "Utsläppen från tjänsteresor ökade med 10 % på grund av fler flygresor till konferenser."
    )
    [check] = _check(claim)
    assert check.status is M and "minskning, inte ökning" in check.explanation


def test_a_bare_figure_of_the_texts_value_is_no_other_statement() -> None:
    """'… minskad kostnad 400' (its unit in a heading) is what '400 tkr' retells: it does
    not make the text's number 'something else' than another document's 0,4 mnkr."""
    [check] = _check("När Nysam-deltagandet avvecklades minskade kostnaden med 400 tkr.")
    assert check.status is not M, check.explanation


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Primärvården har i dag 33 ST-läkare.", S),
        ("Primärvården behöver 60 ST-läkare.", S),
        ("Primärvården har i dag 60 ST-läkare.", M),
    ],
)
def test_what_there_is_today_is_not_what_is_needed(claim: str, status: NumberStatus) -> None:
    """'i nuläget 33 ST-läkare' and 'Behovet är 60': the 60 are a need, not today's count
    ('i dag', 'i nuläget', 'för närvarande' against the noun 'behov')."""
    [check] = _check(claim)
    assert check.status is status, check.explanation

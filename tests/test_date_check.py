"""Date check: full dates in a text against the dates of hand-made sources."""

from __future__ import annotations

import pytest
from figure_sources import figures_from

from assistant.date_check import full_date
from assistant.number_check import MISATTRIBUTED_MARKER, check_numbers, mark_unsupported
from ingest.figures import extract_figures
from ingest.numbers import find_numbers
from lagesbild.types import NumberKind, NumberStatus, Page

S, M, U = NumberStatus.SUPPORTED, NumberStatus.MISATTRIBUTED, NumberStatus.UNSUPPORTED

# Hand-made sources: {doc: {page: text}}, read by the real figure extractor.
SOURCES: dict[str, dict[int, str]] = {
    "svar.pdf": {
        19: "De nya patientavgifterna trädde i kraft 2016-04-01.",
        29: "Regionfullmäktige godkände 2015-11-25 den långsiktiga utvecklingsplanen.",
    },
    "berattelse.pdf": {
        6: "Nämnden ska yttra sig över kritiken till kommunfullmäktige senast 9 april. "
        "Kommunfullmäktige kommer behandla ansvarsfrågan den 24 april 2025.",
        7: "Den 13 juni 2024 upphävde förvaltningsrätten nämndens beslut.",
        19: "Den 13 juni beslutade förvaltningsrätten att upphäva verkställigheten.",
    },
    "rapport.pdf": {
        2: "Efter RUN 9/4 sker möte med politisk styrgrupp.",
        5: "Den 1 januari 2026 trädde en ny lag i kraft med skärpta krav på sfi. "
        "Nämnden har en process för mottagande som infördes den 1 januari 2025.",
    },
    "bokslut.pdf": {10: "Utomhussäsongen för friluftsbaden startade den 14 juni."},
    "plan.pdf": {
        13: "Regiondirektören lämnade in åtgärdsplanen för oberoende av bemanningsföretag till "
        "SKL i december 2016. Våren 2017 har regionstyrelsen fastställt mål för arbetet."
    },
    "tidplan.pdf": {
        12: "Nämndernas interna kontrollplaner ska beslutas av kommunstyrelsen den 14 oktober "
        "och gå upp som ett informationsärende till kommunfullmäktige den 26 oktober."
    },
}


FIGURES = figures_from(SOURCES)


def _dates(text: str) -> list[tuple[str, NumberStatus]]:
    return [(c.raw, c.status) for c in check_numbers(text, FIGURES) if c.kind is NumberKind.DATE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another spelling of the same date: ISO in the source, words in the text.
        ("De nya patientavgifterna trädde i kraft den 1 april 2016.", [("1 april 2016", S)]),
        ("Regionfullmäktige godkände utvecklingsplanen 25.11.2015.", [("25.11.2015", S)]),
        ("Regionfullmäktige godkände utvecklingsplanen 25/11 2015.", [("25/11 2015", S)]),
        ("Kommunfullmäktige behandlar ansvarsfrågan 2025-04-24.", [("2025-04-24", S)]),
        # A text date without a year fits a dated source; a source date without a year and
        # without a dated twin in its document fits any year.
        ("Förvaltningsrätten upphävde nämndens beslut den 13 juni.", [("13 juni", S)]),
        ("Utomhussäsongen för friluftsbaden startade den 14 juni 2025.", [("14 juni 2025", S)]),
    ],
)
def test_a_date_the_sources_give_is_supported(
    text: str, expected: list[tuple[str, NumberStatus]]
) -> None:
    assert _dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The same day and month with another year.
        ("De nya patientavgifterna trädde i kraft den 1 april 2017.", [("1 april 2017", M)]),
        # 'Den 13 juni' on p. 19 is dated by '13 juni 2024' on p. 7 of the same document.
        ("Förvaltningsrätten upphävde verkställigheten den 13 juni 2025.", [("13 juni 2025", M)]),
        # Another statement of the page, with another date, is what the text describes.
        ("Kommunfullmäktige behandlar ansvarsfrågan den 9 april 2025.", [("9 april 2025", M)]),
        ("Nya lagen om skärpta krav på sfi trädde i kraft 1/1 2025.", [("1/1 2025", M)]),
        # Nowhere.
        ("Regionfullmäktige godkände planen den 26 november 2015.", [("26 november 2015", U)]),
    ],
)  # fmt: skip
def test_a_date_the_sources_do_not_give_is_flagged(
    text: str, expected: list[tuple[str, NumberStatus]]
) -> None:
    assert _dates(text) == expected


def test_a_date_bound_to_another_organisation_in_one_sentence_is_misattributed() -> None:
    # each date of the sentence is the organisation's of its own clause
    [check] = check_numbers("Kontrollplanerna beslutas av kommunstyrelsen den 26 oktober.", FIGURES)
    assert check.status is M, check.explanation
    assert "kommunfullmäktige, inte kommunstyrelsen" in check.explanation
    assert _dates("Kontrollplanerna beslutas av kommunstyrelsen den 14 oktober.") == [
        ("14 oktober", S)
    ]
    assert _dates("Kontrollplanerna går till kommunfullmäktige den 26 oktober.") == [
        ("26 oktober", S)
    ]


def test_a_month_the_sources_give_with_another_year_is_misattributed() -> None:
    text = "Regiondirektören skickade åtgärdsplanen för oberoende av bemanningsföretag till SKL "
    [check] = check_numbers(text + "i december 2017.", FIGURES)
    assert check.status is M and "2016, inte 2017" in check.explanation, check.explanation
    # the month and year the sources give, and a month of a statement about something else,
    # are not checked: a month is often given loosely
    assert _dates(text + "i december 2016.") == []
    assert _dates("Budgeten för kulturskolan beslutades i december 2017.") == []


def test_the_date_of_another_organisation_is_misattributed() -> None:
    figures = [f for f in FIGURES if f.doc == "rapport.pdf"]  # only RUN's '9/4'
    checks = check_numbers("Kommunfullmäktige fattar beslut 9/4 2025.", figures)
    assert [c.status for c in checks] == [M]
    assert checks[0].source is not None and checks[0].source.doc == "rapport.pdf"
    assert "RUN" in checks[0].explanation


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet fattades i april 2024.",  # a month
        "Under 2024 och hösten 2025.",  # years and periods
        "Mötet hålls 9/4.",  # a slash date without a year may be a fraction
        "Uppföljningen gjordes den 1-2 november 2016.",  # a range
        "Mötet börjar 13:00.",  # a time
    ],
)
def test_months_years_periods_ranges_and_short_slash_dates_are_not_checked(text: str) -> None:
    assert _dates(text) == []


def test_full_date_reads_every_spelling_alike() -> None:
    days = {
        full_date(m)
        for text in ("den 1 april 2016", "2016-04-01", "1.4.2016", "1/4 2016")
        for m in find_numbers(text)
    }
    assert len(days) == 1 and None not in days


def test_a_flag_stands_after_a_misattributed_date() -> None:
    text = "Lagen trädde i kraft den 1 april 2017."
    marked = mark_unsupported(text, check_numbers(text, FIGURES))
    assert marked == f"Lagen trädde i kraft den 1 april 2017 {MISATTRIBUTED_MARKER}."


def test_amount_checks_and_date_checks_come_in_text_order() -> None:
    figures = FIGURES + extract_figures(
        "lan.pdf", "lan", [Page(number=30, text="Lånet på 40 mkr betalas tillbaka 2019-01-22.")]
    )
    checks = check_numbers("Lånet på 40 mkr betalas tillbaka 2019-01-22.", figures)
    assert [(c.raw, c.status) for c in checks] == [("40 mkr", S), ("2019-01-22", S)]


# Statements dated by a bare year, with a side taken on a polarity axis.
VERDICTS = {
    "berattelse.pdf": {
        1: "Regionens revisorer avstyrker ansvarsfrihet för regionstyrelsen för "
        "verksamhetsåret 2016.",
        2: "Revisorerna tillstyrker att kommunfullmäktige beviljar ledamöterna i styrelse och "
        "nämnder ansvarsfrihet för verksamhetsåret 2023. Ledamöterna i styrelse och nämnder "
        "beviljas ansvarsfrihet för verksamhetsåret 2023.",
        3: "Antalet besökare på museet ökade under 2024 jämfört med året innan.",
        4: "Regionen har under 2019 arbetat vidare med digitala vårdbesök i primärvården.",
    }
}


def _year_checks(text: str) -> list[tuple[str, NumberStatus]]:
    figures = FIGURES + [
        f
        for doc, pages in VERDICTS.items()
        for f in extract_figures(doc, "v", [Page(number=n, text=t) for n, t in pages.items()])
    ]
    return [(c.raw, c.status) for c in check_numbers(text, figures) if c.kind is NumberKind.YEAR]


@pytest.mark.parametrize(
    "text",
    [
        "Regionens revisorer tillstyrker ansvarsfrihet för regionstyrelsen för verksamhetsåret "
        "2016.",
        # a statement that takes no side ('beviljas') does not back the turned one
        "Revisorerna avstyrker att kommunfullmäktige beviljar ledamöterna i styrelse och nämnder "
        "ansvarsfrihet för verksamhetsåret 2023.",
        "Antalet besökare på museet minskade under 2024 jämfört med året innan.",
    ],
)
def test_a_year_whose_statement_the_source_turns_round_is_misattributed(text: str) -> None:
    (check,) = _year_checks(text)
    assert check[1] is M


@pytest.mark.parametrize(
    "text",
    [
        "Regionens revisorer avstyrker ansvarsfrihet för regionstyrelsen för verksamhetsåret "
        "2016.",  # says what the source says
        "Antalet besökare på museet ökade under 2024.",
        "Regionen minskade sina kostnader under 2016.",  # no statement says enough of it
        "Antalet besökare på museet minskade med 300 under 2024.",  # the amount is checked
        "Regionen arbetade under 2019 med digitala vårdbesök i primärvården.",  # no side taken
    ],
)
def test_a_year_is_otherwise_not_checked(text: str) -> None:
    assert _year_checks(text) == []

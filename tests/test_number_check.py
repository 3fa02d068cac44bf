"""Number check: supported / derived / unsupported on hand-made figures, skips, markers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from figure_sources import figures_from

from assistant.number_check import (
    DERIVED_MARKER,
    MAX_POOL,
    UNSUPPORTED_MARKER,
    check_numbers,
    mark_unsupported,
)
from assistant.number_match import Entry, FigureIndex, amount_of, rounds_to
from ingest.figures import extract_figures
from ingest.numbers import parse_number
from lagesbild.types import NumberCheck, NumberStatus, Page

S, D, U = NumberStatus.SUPPORTED, NumberStatus.DERIVED, NumberStatus.UNSUPPORTED

# Hand-made sources: {doc: {page: text}}, read by the real figure extractor.
SOURCES: dict[str, dict[int, str]] = {
    "plan.pdf": {
        2: "• Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr+ RS-57Mkr",
        10: "Vi har lagt en plan på 3.8 miljarder under planperioden.\n\n"
        "Fastighetsinvesteringarna står för största delen, 2.8 miljarder.",
    },
    "rapport.pdf": {
        3: "Förvaltningen har arbetat fram åtgärdsförslag för att omfatta minst 29,5 MSEK.",
    },
    "svar.pdf": {
        9: "Årets första prognos visade en årsprognos om -238 mkr. I november var "
        "bedömningen ett resultat om -215 mkr.",
        15: "Utfallet efter 2015 uppgick till ca 5,5 % medan det 2016 är 2,9 %.",
        14: "Det motsvarar en minskning med cirka 140 årsarbetare.",
        16: "Lst / Reg Utfall\n\nSörmland 5 5,6 10,6",
        19: "Utfallet 2016 uppgick till ca 16 mkr.",
        22: "Redovisningen beskriver minskningen av administration 10,6 mkr.",
        28: "Summeras besparingarna är summan 5 660 tkr + 10 555 tkr = 16 215 tkr.",
        30: "Lånet har en genomsnittlig ränta på 0,14 % per år.",
        31: "Det totala balanserade underskottet uppgår till -771 mkr.",
        35: "Målet för nettokostnadsutvecklingen 2016 var 0 % och uppgår till 2,9 %.",
        39: "Ett underskott under 2015 med 232,3 miljoner kronor har under 2016 tagits ned "
        "till ett underskott med 196,8 miljoner kronor.",
        47: "Idag har medicin ständigt ca 15-20 patienter som är utskrivningsklara.",
        51: "Utsläppen var 1,73 kg/mil.",
    },
    "vagen.pdf": {
        11: "Region Västerbotten har 8 388 424 kronor att använda för förebyggande insatser.",
    },
}


FIGURES = figures_from(SOURCES)


def _statuses(text: str, cited: set[tuple[str, int]] | None = None) -> list[NumberStatus]:
    return [c.status for c in check_numbers(text, FIGURES, cited)]


SUPPORTED = [
    ("RUN har ett underskott på 47 Mkr.", [S]),  # deficit in words = negative figure
    ("RUN visar minus 47 Mkr.", [S]),
    ("HSN har -271 Mkr mot budgetprognos.", [S]),
    ("RS har ett underskott på 57 Mkr.", [S]),  # 'RS-57Mkr' is read as 57
    ("RS: -57 Mkr.", [S]),  # … and the glued dash leaves the sign open
    ("Det balanserade underskottet är 771 mkr.", [S]),
    ("Åtgärderna omfattar minst 29,5 mkr.", [S]),  # MSEK = mkr
    ("Summan blev 16 215 tkr.", [S]),
    ("Region Västerbotten har 8 388 424 kr.", [S]),
    ("Nettokostnadsutvecklingen uppgår till 2,9 procent.", [S]),
    ("Räntan är 0,14 procent.", [S]),
    ("Det motsvarar cirka 140 årsarbetare.", [S]),
    ("Medicin har ständigt 15–20 patienter.", [S]),
    ("Medicin har ständigt ca 15 - 20 patienter.", [S]),
    ("Utsläppen var 1,73 kg per mil.", [S]),  # 'kg' and 'kg/mil' share a unit
    ("Prognosen var -238 mkr och sedan -215 mkr.", [S, S]),
    ("Planen är 3.8 miljarder, varav fastigheter 2,8 miljarder.", [S, S]),
]

DERIVED = [
    ("Region Västerbotten har 8,4 miljoner kronor.", "avrundat från 8 388 424 kronor"),
    ("Region Västerbotten har cirka 8 miljoner kronor.", "avrundat från 8 388 424 kronor"),
    ("Region Västerbotten har 8 390 tkr.", "avrundat från 8 388 424 kronor"),
    ("Besparingarna blev 16,2 mkr.", "avrundat från 16 215 tkr"),
    ("Minskningen av administration uppgick till 10 600 tkr.", "omräknat från 10,6 mkr"),
    ("Underskottet uppgår till 0,771 miljarder kronor.", "omräknat från -771 mkr"),
    ("Planen omfattar 3 800 mkr.", "omräknat från 3.8 miljarder"),
    ("Medicin har upp till 20 patienter.", "ena gränsen i intervallet 15-20 patienter"),
]

UNSUPPORTED = [
    ("RUN har ett underskott på 74 Mkr.", "transposed digits"),
    ("Åtgärderna omfattar minst 92,5 MSEK.", "transposed digits"),
    ("Prognosen var -283 mkr.", "transposed digits"),
    ("Region Västerbotten har 8,5 miljoner kronor.", "8 388 424 rounds to 8,4"),
    ("Region Västerbotten har 8 miljoner kronor.", "one digit, not called approximate"),
    ("Utfallet blev 16,0 mkr.", "more precise than the source's '16 mkr'"),
    ("RUN har ett resultat på 47 Mkr.", "positive, no deficit wording"),
    ("Summan blev -16 215 tkr.", "negative, source positive without deficit wording"),
    ("Räntan är 0,14 mkr.", "percent figure, money text"),
    ("Det motsvarar 140 mkr.", "count figure, money text"),
    ("Medicin har 15–25 patienter.", "range end differs"),
    ("Underskottet minskade med 35,5 mkr.", "a difference, but nothing points at its page"),
    ("Sörmland hade 10,6 procent.", "a bare table number, page not cited"),
]


@pytest.mark.parametrize(("text", "expected"), SUPPORTED)
def test_supported(text: str, expected: list[NumberStatus]) -> None:
    assert _statuses(text) == expected


@pytest.mark.parametrize(("text", "explanation"), DERIVED)
def test_derived_rounding_and_unit_change(text: str, explanation: str) -> None:
    [check] = check_numbers(text, FIGURES)
    assert check.status is D
    assert explanation in check.explanation


@pytest.mark.parametrize(("text", "why"), UNSUPPORTED)
def test_unsupported(text: str, why: str) -> None:
    [check] = check_numbers(text, FIGURES)
    assert check.status is U, why
    assert check.explanation == "saknas i källorna"
    assert check.source is None


@pytest.mark.parametrize(
    ("text", "cited", "statuses", "explanation"),
    [
        (
            "Underskottet minskade från 232,3 till 196,8 miljoner kronor, alltså med 35,5 mkr.",
            None,
            [S, S, D],
            "skillnad mellan 232,3 miljoner kronor och 196,8 miljoner kronor",
        ),
        ("Underskottet minskade med 35,5 mkr [1].", {("svar.pdf", 39)}, [D], "skillnad mellan"),
        (
            "Underskotten för RUN och HSN var sammanlagt 318 Mkr [1].",
            {("plan.pdf", 2)},
            [D],
            "summa av -271Mkr och -47Mkr",
        ),
        (
            "Prognosen förbättrades från -238 mkr till -215 mkr, alltså med 23 mkr.",
            None,
            [S, S, D],
            "skillnad mellan -238 mkr och -215 mkr",
        ),
        (
            "Fastigheterna, 2,8 miljarder, är omkring 74 procent av planen på 3,8 miljarder.",
            None,
            [S, D, S],
            "andel: 2.8 miljarder av 3.8 miljarder",
        ),
        (
            "Administrationen sparade 10 555 tkr, en ökning med 86 procent från 5 660 tkr.",
            None,
            [S, D, S],
            "förändring från 5 660 tkr till 10 555 tkr",
        ),
        (
            "Kostnadsökningen sjönk från 5,5 till 2,9 procent, alltså 2,6 procentenheter.",
            None,
            [S, S, D],
            "skillnad mellan 5,5 % och 2,9 %",
        ),
        ("Sörmland hade 10,6 procent [1].", {("svar.pdf", 16)}, [D], "samma tal utan enhet"),
        ("Utfallet blev 8 miljoner kronor [1].", {("vagen.pdf", 11)}, [D], "avrundat"),
    ],
)
def test_sums_differences_ratios_and_cited_pages(
    text: str, cited: set[tuple[str, int]] | None, statuses: list[NumberStatus], explanation: str
) -> None:
    checks = check_numbers(text, FIGURES, cited)
    assert [c.status for c in checks] == statuses
    assert any(explanation in c.explanation for c in checks if c.status is D)


def test_a_wrong_difference_is_not_explained_away() -> None:
    text = "Underskottet minskade från 232,3 till 196,8 miljoner kronor, alltså med 53,5 mkr."
    assert _statuses(text) == [S, S, U]


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet § 142 (dnr RS/383/2016) gäller från 2017 och från april 2018.",
        "Enligt punkt 3 och avsnitt 2.1 i bilaga 4.",
        "1. Första punkten\n2. Andra punkten\n3. Tredje punkten",
        "De 3 största riskerna [1][2], se [4, 5] och sid 12.",
        "Under Q4 2021 och vecka 12, kl. 14.",
        "Planen för 2021-2022 och hösten 2017.",
    ],
)
def test_years_months_references_markers_and_list_numbers_are_skipped(text: str) -> None:
    assert check_numbers(text, FIGURES) == []


def test_a_large_bare_number_is_checked() -> None:
    assert _statuses("Sörmland 10,6 och 13 477.") == [S, U]


def test_a_match_on_a_cited_page_is_preferred() -> None:
    [check] = check_numbers("Minskningen blev 10,6 mkr [1].", FIGURES, {("svar.pdf", 22)})
    assert (check.status, check.from_cited) == (S, True)
    assert check.source is not None and (check.source.doc, check.source.page) == ("svar.pdf", 22)


def test_a_match_elsewhere_says_the_source_is_not_cited() -> None:
    [check] = check_numbers("RUN har ett underskott på 47 Mkr [1].", FIGURES, {("svar.pdf", 9)})
    assert (check.status, check.from_cited) == (S, False)
    assert "finns i plan.pdf s. 2 men den källan citeras inte" in check.explanation


def test_without_citation_info_nothing_is_said_about_citing() -> None:
    [check] = check_numbers("RUN har ett underskott på 47 Mkr.", FIGURES)
    assert check.explanation == "står som -47Mkr, tecknet anges i ord (plan.pdf s. 2)"


def test_a_check_has_the_json_contract_fields() -> None:
    [check] = check_numbers("Åtgärderna omfattar 29,5 MSEK.", FIGURES)
    data = check.model_dump(mode="json")
    assert {k: data[k] for k in ("raw", "value", "unit", "status")} == {
        "raw": "29,5 MSEK",
        "value": 29.5,
        "unit": "mkr",
        "status": "supported",
    }
    assert data["source"]["doc"] == "rapport.pdf"
    assert data["source"]["page"] == 3
    assert data["source"]["raw"] == "29,5 MSEK"


# --------------------------------------------------------------------------- precision rules


@pytest.mark.parametrize(
    ("token", "step"),
    [
        ("8,4", "0.1"),
        ("8", "1"),
        ("20", "1"),
        ("100", "10"),
        ("10 600", "100"),
        ("8 400 000", "100000"),
        ("8 388 424", "1"),
        ("1.500.000,50", "0.01"),
        ("3.8", "0.1"),
        ("0,771", "0.001"),
        ("0", "1"),
    ],
)
def test_the_parser_records_the_written_step(token: str, step: str) -> None:
    parsed = parse_number(f"{token} kr")
    assert parsed is not None and parsed.precision is not None
    assert Decimal(1).scaleb(parsed.precision) == Decimal(step)


def test_a_range_is_as_precise_as_its_coarser_end() -> None:
    parsed = parse_number("5,5–20 %")
    assert parsed is not None and parsed.precision == 0


def test_digits_of_the_unit_are_no_part_of_the_precision() -> None:
    parsed = parse_number("16,6 m3")
    assert parsed is not None and parsed.precision == -1


def test_a_figure_stored_without_precision_is_read_again_by_the_parser() -> None:
    parsed = parse_number("8,4 mkr")
    assert parsed is not None
    stored = parsed.model_copy(update={"precision": None})  # ingested by an older version
    assert amount_of(stored, cue=False) == amount_of(parsed, cue=False)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("8350000", True), ("8449999", True), ("8450000", False), ("8349999", False)],
)
def test_rounding_is_half_a_unit_of_the_last_written_digit(value: str, ok: bool) -> None:
    assert rounds_to(Decimal(value), Decimal(100000), Decimal(8400000)) is ok


# --------------------------------------------------------------------------- marking


def test_mark_unsupported_flags_inline() -> None:
    text = "RUN har ett underskott på 74 Mkr [1] och HSN på 271 Mkr [1]."
    marked = mark_unsupported(text, check_numbers(text, FIGURES))
    assert marked == (
        f"RUN har ett underskott på 74 Mkr {UNSUPPORTED_MARKER} [1] och HSN på 271 Mkr [1]."
    )
    assert UNSUPPORTED_MARKER == "[⚠ ej belagt]"


def test_mark_unsupported_marks_derived_lightly_when_asked() -> None:
    text = "Regionen har 8,4 miljoner kronor men 74 Mkr i underskott."
    checks = check_numbers(text, FIGURES)
    assert mark_unsupported(text, checks) == (
        f"Regionen har 8,4 miljoner kronor men 74 Mkr {UNSUPPORTED_MARKER} i underskott."
    )
    assert mark_unsupported(text, checks, mark_derived=True) == (
        f"Regionen har 8,4 miljoner kronor {DERIVED_MARKER} men 74 Mkr {UNSUPPORTED_MARKER} "
        "i underskott."
    )


def test_mark_unsupported_is_idempotent_and_ignores_stale_checks() -> None:
    text = "Underskottet var 74 Mkr."
    checks = check_numbers(text, FIGURES)
    once = mark_unsupported(text, checks)
    assert mark_unsupported(once, checks) == once
    stale = [NumberCheck(**{**checks[0].model_dump(), "start": 0, "end": 6})]
    assert mark_unsupported(text, stale) == text


# --------------------------------------------------------------------------- speed


def test_checking_a_large_register_combines_a_bounded_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What keeps the check fast on a large register: sums and differences are sought
    among at most MAX_POOL figures of the cited pages, however many they hold (the time
    itself is no assertion here; it depends on the machine's load)."""
    lines = [[f"Kostnad {n * 37 + i * 11},{i % 10} mkr" for i in range(25)] for n in range(200)]
    pages = [Page(number=n + 1, text="\n".join(rows)) for n, rows in enumerate(lines)]
    figures = extract_figures("stor.pdf", "stor", pages) + FIGURES  # 5 000 + figures
    text = " ".join(f"Kostnaden var {i * 13 + 1},7 mkr [1]." for i in range(20))
    cited = {("stor.pdf", n) for n in range(1, 21)}  # 500 figures on the cited pages
    pools: list[int] = []
    on_pages = FigureIndex.on_pages

    def counted(self: FigureIndex, where: object, limit: int) -> list[Entry]:
        found = on_pages(self, where, limit)  # type: ignore[arg-type]
        pools.append(len(found))
        return found

    monkeypatch.setattr(FigureIndex, "on_pages", counted)
    checks = check_numbers(text, figures, cited)
    assert len(checks) == 20
    assert pools and max(pools) == MAX_POOL < 500

"""The Swedish number parser on real phrases from the sample corpus (shared/corpus/seed-text)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from ingest.numbers import find_numbers, format_decimal, parse_number
from lagesbild.types import NumberKind, NumberMention

SEED_TEXT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed-text"

M, P, C, Q = NumberKind.MONEY, NumberKind.PERCENT, NumberKind.COUNT, NumberKind.QUANTITY
N, Y, D, R = NumberKind.NUMBER, NumberKind.YEAR, NumberKind.DATE, NumberKind.REFERENCE
NBSP = "\u00a0"

# fmt: off
# (phrase from the corpus, the mention's raw text, kind, value, value_high, unit, sek)
CASES: list[tuple[str, str, NumberKind, float | None, float | None, str, float | None]] = [
    # money, in every spelling the corpus uses
    ("Region Västerbotten har 8 388 424 kronor att använda", "8 388 424 kronor", M,
     8388424, None, "kr", 8388424),
    (f"omfatta minst 29,5{NBSP}MSEK. Förslag är framtagna", f"29,5{NBSP}MSEK", M, 29.5, None,
     "mkr", 29_500_000),
    (f"omfatta minst 213{NBSP}MSEK. Vissa åtgärder", f"213{NBSP}MSEK", M, 213, None, "mkr",
     213_000_000),
    (f"motsvarande 2,7{NBSP}MSEK. Förslagen är", f"2,7{NBSP}MSEK", M, 2.7, None, "mkr", 2_700_000),
    (f"uppnår 15{NBSP}mkr som kräver", f"15{NBSP}mkr", M, 15, None, "mkr", 15_000_000),
    ("Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr+ RS-", "-47Mkr", M, -47, None,
     "mkr", -47_000_000),
    ("Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr+ RS-", "-271Mkr", M, -271, None,
     "mkr", -271_000_000),
    ("HSN -271Mkr+ RS-\n57Mkr, plus att vi lägger", "57Mkr", M, 57, None, "mkr", 57_000_000),
    ("plus att vi lägger en minusbudget på 324 Mkr", "324 Mkr", M, 324, None, "mkr", 324_000_000),
    ("Medel, restpunkt på 1.1 Mkr som", "1.1 Mkr", M, 1.1, None, "mkr", 1_100_000),
    ("Vi har lagt en plan på 3.8 miljarder under planperioden", "3.8 miljarder", M, 3.8, None,
     "mdkr", 3_800_000_000),
    ("Fastighetsinvesteringarna står för största delen, 2.8 miljarder", "2.8 miljarder", M, 2.8,
     None, "mdkr", 2_800_000_000),
    ("underskott i verksamheten motsvarande 350 Mkr, kan bli större.", "350 Mkr", M, 350, None,
     "mkr", 350_000_000),
    ("Har vi beslutat att aktivera 31.4 Mkr av den 108 mkr för ändamålet", "31.4 Mkr", M, 31.4,
     None, "mkr", 31_400_000),
    ("Har vi beslutat att aktivera 31.4 Mkr av den 108 mkr för ändamålet", "108 mkr", M, 108,
     None, "mkr", 108_000_000),
    ("Årets första prognos (utfall februari 2016) visade en årsprognos om -238 mkr.", "-238 mkr",
     M, -238, None, "mkr", -238_000_000),
    ("resultat blev därmed endast 18 mkr (faktiskt utfall -197 mkr)", "-197 mkr", M, -197, None,
     "mkr", -197_000_000),
    ("för 2017 satsar regeringen 20 miljoner för att utveckla trafiken", "20 miljoner", M, 20,
     None, "mkr", 20_000_000),
    ("ökats till 8,3 mkr, vilket var 1,3 mkr högre än 2015", "1,3 mkr", M, 1.3, None, "mkr",
     1_300_000),
    ("beredskapsorganisation för 7 miljoner kronor.", "7 miljoner kronor", M, 7, None, "mkr",
     7_000_000),
    ("en patientavgift om 300 kr oavsett vårdbesök", "300 kr", M, 300, None, "kr", 300),
    ("slutligt uppgå till ca 19,5-20 mkr i ökade intäkter.", "19,5-20 mkr", M, 19.5, 20, "mkr",
     19_500_000),
    ("Förhandlat pris minskad kostnad 200 tkr.", "200 tkr", M, 200, None, "tkr", 200_000),
    ("SUMMA ÖVERGRIPANDE KOSTNADER Minskad kostnad 5 660 \ntkr", "5 660 \ntkr", M, 5660, None,
     "tkr", 5_660_000),
    ("administration är summan 5 660 tkr + 10 555 tkr = 16 215 tkr.", "16 215 tkr", M, 16215,
     None, "tkr", 16_215_000),
    ("centrumorganisationen 2016 är \n6980 tkr med 8 218 tkr helårseffekt 2017.", "6980 tkr", M,
     6980, None, "tkr", 6_980_000),
    ("Regionens likviditet försämrades med 163,1 mkr under 2016", "163,1 mkr", M, 163.1, None,
     "mkr", 163_100_000),
    ("Det totala balanserade underskottet uppgår till -771 mkr och", "-771 mkr", M, -771, None,
     "mkr", -771_000_000),
    ("Det egna kapitalet är nu negativt -75,7 mkr, för koncernen -57,5 mkr.", "-57,5 mkr", M,
     -57.5, None, "mkr", -57_500_000),
    ("Regeringen beslutade 2015 att 9,8 miljarder tillförs kommuner", "9,8 miljarder", M, 9.8,
     None, "mdkr", 9_800_000_000),
    ("underskott under 2015 med 232,3 miljoner kronor har under 2016", "232,3 miljoner kronor", M,
     232.3, None, "mkr", 232_300_000),
    ("ett underskott på 196,8  miljoner kronor. Detta", "196,8  miljoner kronor", M, 196.8, None,
     "mkr", 196_800_000),
    ("varierat mellan ca 700 tkr och 1500 tkr sedan", "1500 tkr", M, 1500, None, "tkr",
     1_500_000),
    ("avtalsneddragningen 5,7 mkr och minskningen av administration 10,6 mkr.", "10,6 mkr", M,
     10.6, None, "mkr", 10_600_000),
    ("som sammantaget skall uppgå till ca 45 \nmkr.", "45 \nmkr", M, 45, None, "mkr", 45_000_000),
    # percentages
    ("70% av våra aktiviteter bygger på", "70%", P, 70, None, "%", None),
    ("Aktuellt acc utfall 2021 är 78% mot plan/krav.", "78%", P, 78, None, "%", None),
    ("FM Uppdrag, Minska hyrberoendet med till 3,7% av egna", "3,7%", P, 3.7, None, "%", None),
    ("genomsnittlig ränta på 0,14 % \nper år", "0,14 %", P, 0.14, None, "%", None),
    ("resulterat i en minskning av årsarbetare med 3 procent.", "3 procent", P, 3, None, "%",
     None),
    ("Utfall -5 %, mål 2016 0 %.", "-5 %", P, -5, None, "%", None),
    ("Utfall -5 %, mål 2016 0 %.", "0 %", P, 0, None, "%", None),
    ("för 2016 vara -\n69 %, mål enligt är finansplan 100 %.", "-\n69 %", P, -69, None, "%",
     None),
    ("började sin tjänst på 100 % i augusti", "100 %", P, 100, None, "%", None),
    ("uppgick till ca 5,5 % (justerad för hepatit C och AFA)", "5,5 %", P, 5.5, None, "%", None),
    # counts
    ("70% av våra aktiviteter bygger på att vi ska bli färre (260st 2021-120st 2022)", "260st", C,
     260, None, "st", None),
    ("70% av våra aktiviteter bygger på att vi ska bli färre (260st 2021-120st 2022)", "120st", C,
     120, None, "st", None),
    ("motsvarar en minskning med cirka 140 årsarbetare.", "140 årsarbetare", C, 140, None,
     "årsarbetare", None),
    ("uppvisades exempelvis en minskning om ca 35 \nårsarbetare.", "35 \nårsarbetare", C, 35,
     None, "årsarbetare", None),
    ("medicin ständigt ca 15-20 patienter (= en", "15-20 patienter", C, 15, 20, "patienter",
     None),
    ("Totalt 80 framgångsfaktorer", "80 framgångsfaktorer", C, 80, None, "framgångsfaktorer",
     None),
    ("Av 80 mål är 44 helt uppfyllda", "80 mål", C, 80, None, "mål", None),
    ("30 vårdplatser brukar sägas vara en effektiv", "30 vårdplatser", C, 30, None,
     "vårdplatser", None),
    ("Dagen gav ca 5-600 lappar med förslag på åtgärder.", "5-600 lappar", C, 5, 600, "lappar",
     None),
    ("har beslut fattats att målet är 60 ST-läkare vid utgången av 2018", "60 ST-läkare", C, 60,
     None, "ST-läkare", None),
    # quantities
    ("koldioxidutsläppen per rest mil 2011 var 1,64 kg/mil, men", "1,64 kg/mil", Q, 1.64, None,
     "kg/mil", None),
    ("konsult stöd (Itid) som under 18 månader hjälper oss", "18 månader", Q, 18, None,
     "månader", None),
    ("dock att det tar upp till 5-7 år innan en specialist blir färdig", "5-7 år", Q, 5, 7, "år",
     None),
    # plain numbers
    ("Behovet från alla branscher är minst 320 000.", "320 000", N, 320000, None, "", None),
    ("2015, från 20 till 24. 2016 har antalet ST-tjänster ökat", "20", N, 20, None, "", None),
    ("2015, från 20 till 24. 2016 har antalet ST-tjänster ökat", "24", N, 24, None, "", None),
    ("Minskad kostnad 1200 \n\nGynekologiavtal", "1200", N, 1200, None, "", None),
    # years
    ("Lst / Reg Utfall -15 Utfall -16 tot 15/16", "-15", Y, 2015, None, "", None),
    ("Lst / Reg Utfall -15 Utfall -16 tot 15/16", "15/16", Y, 2015, 2016, "", None),
    ("Omställningsplanen 2021-2022", "2021-2022", Y, 2021, 2022, "", None),
    ("stärka Region Västerbottens arbetsgivare varumärke 2023–2025", "2023–2025", Y, 2023, 2025,
     "", None),
    ("Ekonomiska utmaningar 2023-24", "2023-24", Y, 2023, 2024, "", None),
    ("(260st 2021-120st 2022)", "2021", Y, 2021, None, "", None),
    ("ska minska till 2014 års nivå", "2014", Y, 2014, None, "", None),
    ("löneanalys 2017 och 2018. Förhandlat pris", "2018", Y, 2018, None, "", None),
    ("Tidplan för detta enligt handlingsplan Attraktiv arbetsgivare är 2017-2019.", "2017-2019",
     Y, 2017, 2019, "", None),
    # dates
    ("Version 1: 2016-12-22", "2016-12-22", D, None, None, "", None),
    ("presenterat för HSN-AU 12/3; för FSG den 18/3.", "12/3", D, None, None, "", None),
    ("Efter RUN 9/4 sker möte med politisk styrgrupp", "9/4", D, None, None, "", None),
    ("Mål: upphandlat sept 2017.", "sept 2017", D, None, None, "", None),
    ("Förstärkningsteam ... intensifieras under Q4 2021 och 2022", "Q4 2021", D, None, None, "",
     None),
    ("Projekten påbörjades hösten 2016 och fortlöper tom 2017.", "hösten 2016", D, None, None, "",
     None),
    ("Vid Regionstyrelsens sammanträde 2016-03-22--23 ( § 56", "2016-03-22--23", D, None, None,
     "", None),
    ("Den 11 november 2015 genomfördes en workshop", "11 november 2015", D, None, None, "", None),
    ("Under vintern 2016/2017 har också en Plan", "vintern 2016/2017", D, None, None, "", None),
    # references
    ("Regionstyrelsen beslutade 2015-05-26--27, § 142, om kostnadsminskningar", "§ 142", R, 142,
     None, "", None),
    ("Detta är gjort se RS/383/2016 utifrån den nya organisationen", "RS/383/2016", R, None, None,
     "", None),
    ("2 Enligt LUP 2015-2025 sid 8 Dnr: RS/337/2015", "Dnr: RS/337/2015", R, None, None, "",
     None),
    ("Kommunikation 46(49)  \nVersion 1: 2016-12-22", "46(49)", R, 46, None, "", None),
    ("2.1\nFokusarbete kopplat mot bemannings/budgetmål", "2.1", R, None, None, "", None),
    ("åldersgrupper som anges i KRL 4 kap. 1a §.", "1a §", R, 1, None, "", None),
    ("I utvecklingsprojektet som görs på plan 8 Östersunds sjukhus", "8", R, 8, None, "", None),
    ("4 Genomföra förstudie för att se över logistik och", "4", R, 4, None, "", None),
]
# fmt: on


def _mention(text: str, raw: str) -> NumberMention:
    """The one mention in ``text`` whose raw text is ``raw``."""
    found = [m for m in find_numbers(text) if m.raw == raw]
    assert len(found) == 1, [m.raw for m in find_numbers(text)]
    return found[0]


@pytest.mark.parametrize(("text", "raw", "kind", "value", "high", "unit", "sek"), CASES)
def test_corpus_phrase(
    text: str,
    raw: str,
    kind: NumberKind,
    value: float | None,
    high: float | None,
    unit: str,
    sek: float | None,
) -> None:
    m = _mention(text, raw)
    assert (m.kind, m.value, m.value_high, m.unit, m.sek) == (kind, value, high, unit, sek)
    assert text[m.start : m.end] == raw


def test_case_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("29,5 MSEK", "29,5 mkr"),
        ("78%", "78 %"),
        ("2016-12-22", "2016-12-22"),
        ("5 660 tkr", "5 660 tkr"),
        ("8 388 424 kronor", "8 388 424 kr"),
        ("19,5-20 mkr", "19,5–20 mkr"),
        ("-271Mkr", "-271 mkr"),
        ("45,0 mkr", "45 mkr"),
        ("9/4", "--04-09"),
        ("april 2017", "2017-04"),
        ("Sept 2017", "2017-09"),
        ("hösten 2017", "hösten 2017"),
        ("Q4 2021", "2021-Q4"),
        ("1 januari 2019", "2019-01-01"),
        ("30/6 2019", "2019-06-30"),
        ("2016-03-22--23", "2016-03-22/2016-03-23"),
        ("2021-2022", "2021–2022"),
        ("2023-24", "2023–2024"),
        ("§ 142", "§ 142"),
        ("RS/383/2016", "RS/383/2016"),
        ("Dnr 123-2016", "123-2016"),
        ("1 (5)", "1 (5)"),
        ("kl. 13.00", "13:00"),
        ("vecka 51 2016", "2016-W51"),
        ("3 procent", "3 %"),
        ("1,64 kg/mil", "1,64 kg/mil"),
        ("320 000", "320 000"),
        ("1200", "1 200"),
    ],
)
def test_normalized_form(raw: str, normalized: str) -> None:
    m = parse_number(raw)
    assert m is not None and (m.raw, m.normalized) == (raw, normalized)


@pytest.mark.parametrize(
    ("raw", "unit", "sek"),
    [
        ("12 kr", "kr", 12),
        ("12 SEK", "kr", 12),
        ("12 kronor", "kr", 12),
        ("12 tkr", "tkr", 12_000),
        ("12 kSEK", "tkr", 12_000),
        ("12 tusen kronor", "tkr", 12_000),
        ("12 Mkr", "mkr", 12_000_000),
        ("12 mkr", "mkr", 12_000_000),
        ("12 mnkr", "mkr", 12_000_000),
        ("12 MSEK", "mkr", 12_000_000),
        ("12 miljoner kronor", "mkr", 12_000_000),
        ("12 miljoner", "mkr", 12_000_000),
        ("12 mdkr", "mdkr", 12_000_000_000),
        ("12 miljarder kronor", "mdkr", 12_000_000_000),
        ("0,771 miljarder", "mdkr", 771_000_000),
        ("8,4 miljoner", "mkr", 8_400_000),
    ],
)
def test_money_units_are_exact(raw: str, unit: str, sek: float) -> None:
    m = parse_number(raw)
    assert m is not None and (m.kind, m.unit, m.sek) == (NumberKind.MONEY, unit, sek)


def test_money_range_has_sek_high() -> None:
    m = parse_number("ca 19,5-20 mkr")
    assert m is not None and (m.sek, m.sek_high) == (19_500_000, 20_000_000)


def test_whole_sentence_offsets_and_order() -> None:
    text = (
        "Underskott mot budgetprognos 2023: RUN -47Mkr, HSN -271Mkr+ RS-\n57Mkr, plus att vi "
        "lägger en minusbudget på 324 Mkr"
    )
    found = find_numbers(text)
    assert [m.raw for m in found] == ["2023", "-47Mkr", "-271Mkr", "57Mkr", "324 Mkr"]
    assert all(text[m.start : m.end] == m.raw for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_counts_and_years_in_parentheses() -> None:
    found = find_numbers("(260st 2021-120st 2022)")
    assert [(m.raw, m.kind, m.value) for m in found] == [
        ("260st", C, 260),
        ("2021", Y, 2021),
        ("120st", C, 120),
        ("2022", Y, 2022),
    ]


def test_a_count_noun_after_adjectives_makes_a_count() -> None:
    found = find_numbers("Planen innehåller 8 aktiva mätbara mål och 3 nya vårdplatser.")
    assert [(m.raw, m.kind, m.unit) for m in found] == [
        ("8 aktiva mätbara mål", C, "mål"),
        ("3 nya vårdplatser", C, "vårdplatser"),
    ]
    # a label before the number, a year, or no count noun after the adjectives: no count
    assert C not in [m.kind for m in find_numbers("punkt 4 nya mål; 2025 nya mål; 6 egenägda")]


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", " "])
def test_thousands_separators(space: str) -> None:
    text = f"Behovet är 320{space}000 och kostnaden 8{space}388{space}424 kronor."
    found = find_numbers(text)
    assert [(m.value, m.kind) for m in found] == [(320_000, N), (8_388_424, M)]
    assert found[1].sek == 8_388_424 and found[1].normalized == "8 388 424 kr"


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("2017 2018", ["2017", "2018"]),
        ("fanns 20 2017", ["20", "2017"]),
        ("IB 2016 25\nmkr", ["2016", "25\nmkr"]),
        ("ger verkställandet 2016 9 317 tkr", ["2016", "9 317 tkr"]),
    ],
)
def test_years_are_not_glued_to_numbers(text: str, raws: list[str]) -> None:
    assert [m.raw for m in find_numbers(text)] == raws


def test_unicode_minus_and_dashes() -> None:
    found = find_numbers("Resultatet blev −47 mkr och –5 % medan 2023–2025 är en period.")
    assert [(m.raw, m.kind, m.value) for m in found] == [
        ("−47 mkr", M, -47),
        ("–5 %", P, -5),
        ("2023–2025", Y, 2023),
    ]
    assert found[0].sek == -47_000_000


def test_hyphen_after_word_is_not_a_minus() -> None:
    assert [m.value for m in find_numbers("RS-\n57Mkr och RS-57Mkr")] == [57, 57]
    assert find_numbers("Covid-19 och CO2 och fotnot sätt1.") == []


def test_parse_number() -> None:
    m = parse_number(" 29,5 MSEK ")
    assert m is not None and (m.kind, m.value, m.sek) == (M, 29.5, 29_500_000)
    assert parse_number("inga tal här") is None


def test_format_decimal() -> None:
    from decimal import Decimal

    assert format_decimal(Decimal("1234567.50")) == "1 234 567,5"
    assert format_decimal(Decimal("-0.14")) == "-0,14"


@pytest.mark.skipif(not SEED_TEXT.is_dir(), reason="shared/corpus/seed-text saknas")
def test_offsets_hold_on_the_whole_seed_corpus() -> None:
    for path in sorted(SEED_TEXT.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = find_numbers(text)
        assert found, path.name
        assert all(text[m.start : m.end] == m.raw for m in found), path.name
        assert all(a.end <= b.start for a, b in pairwise(found)), path.name


@pytest.mark.parametrize(
    ("text", "raw", "kind", "normalized"),
    [
        ("kommunallagen (2017:725) gäller", "2017:725", R, "2017:725"),
        ("stadsrevisionen dnr SRV-2025-00071", "dnr SRV-2025-00071", R, "SRV-2025-00071"),
        ("beslut (GSN 2024-03-26 § 59 N609-4635/23).", "N609-4635/23", R, "N609-4635/23"),
        ("förvaltningsrätten (mål nr 6279-24) om inhibition", "6279-24", R, "6279-24"),
        ("Ring 063-14 75 00 för frågor", "063-14 75 00", R, "063-14 75 00"),
        ("Rapport sida 2 av 7", "sida 2 av 7", R, "2 (7)"),
        ("Mötet börjar kl. 13.00 i sal 2", "kl. 13.00", D, "13:00"),
        ("genomfördes vecka 39. Inga", "vecka 39", D, "v39"),
        ("nämnden beslutade den 13 \njuni 2024 att", "13 \njuni 2024", D, "2024-06-13"),
        ("under första halvåret 2017 ska", "första halvåret 2017", D, "2017-H1"),
        ("byggt på 1990-talet", "1990-talet", Y, "1990-talet"),
        ("Regionen har 2 miljoner invånare", "2 miljoner invånare", C, "2 miljoner invånare"),
        ("Utsläppen var 12 000 ton CO2e år 2020", "12 000 ton CO2e", Q, "12 000 ton CO2e"),
        ("Bostäder-162 kWh/m2 i snitt", "162 kWh/m2", Q, "162 kWh/m²"),
        ("2009 – 13508 MWh, 2014 – 11887 MWh", "13508 MWh", Q, "13 508 MWh"),
        ("riksdagsbeslut (prop. 2016/17:1) och", "2016/17", Y, "2016/2017"),
        ("Innehåll ........ 8\n1.1 Rekommendationer", "8", R, "8"),
        ("Innehåll ........ 8\n1.1 Rekommendationer", "1.1", R, "1.1"),
        ("Handling 2025 nr 68", "68", R, "68"),
    ],
)
def test_other_documents(text: str, raw: str, kind: NumberKind, normalized: str) -> None:
    m = _mention(text, raw)
    assert (m.kind, m.normalized) == (kind, normalized)


def test_footnote_marks_are_not_numbers() -> None:
    text = "staden står inför.1 Göteborgs Stad har planerat för år\n2025.2 Även om bolagen"
    assert [(m.raw, m.kind) for m in find_numbers(text)] == [("2025", Y)]


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("Se avsnitt 2.2 om ekonomin.", ["2.2"]),
        ("Kapitel 3.1 Bakgrund", ["3.1"]),
        ("… och styrning. 2.2 Ekonomi och styrning", ["2.2"]),  # a heading joined into a quote
        ("Det framgår av avsnitten 2.1 och 2.2.", ["2.1", "2.2"]),
        ("enligt punkterna 2 och 3", ["2", "3"]),
        ("Se bilaga 4, 5 och 6.", ["4", "5", "6"]),
        # a numbered heading opening its line: the goal's number, title on the same line or
        # the next (Vansbro's energy plan: 'MÅL 12 \nTillförd normalårskorrigerad energi …')
        ("MÅL 12 Tillförd energi ska kontinuerligt minska.", ["12"]),
        ("Delmål\n \nMÅL 12 \nTillförd energi ska kontinuerligt minska.", ["12"]),
        ("Åtgärd 3 Ta fram en bemanningsplan", ["3"]),
    ],
)
def test_section_and_list_numbers_are_references(text: str, raws: list[str]) -> None:
    found = find_numbers(text)
    assert [(m.raw, m.kind) for m in found] == [(raw, R) for raw in raws]


@pytest.mark.parametrize(
    ("text", "raw", "kind"),
    [
        ("Intäkter 12.5 Kostnader 13.4", "12.5", N),  # a table line: decimals, not sections
        ("Kostnaden var 3 och 4 mkr", "3", N),  # a number before an amount is no reference
        ("ökade med 2.2 procent", "2.2 procent", P),
        ("Mål 60 Utfall 45", "60", N),  # a table row: the goal's value beside the outcome
        ("Mål 12 %", "12 %", P),
        ("Vi har mål 12 Tillförd", "12", N),  # not a heading: the word does not open the line
    ],
)
def test_decimals_beside_words_stay_amounts(text: str, raw: str, kind: NumberKind) -> None:
    assert _mention(text, raw).kind is kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blekinge – Utfall -16: 5,4", [("-16", NumberKind.YEAR, 2016.0), ("5,4", None, 5.4)]),
        ("Lst / Reg Utfall -15 tot 15/16", [("-15", NumberKind.YEAR, 2015.0),
                                            ("15/16", NumberKind.YEAR, 2015.0)]),
        ("Budget ’24: 12 mkr", [("’24", NumberKind.YEAR, 2024.0), ("12 mkr", None, 12.0)]),
        # an amount after a column word stays an amount
        ("Utfall -16,5 mkr", [("-16,5 mkr", None, -16.5)]),
        ("Kostnader -30 mkr", [("-30 mkr", None, -30.0)]),
    ],
)  # fmt: skip
def test_a_column_words_short_year_is_a_year(
    text: str, expected: list[tuple[str, NumberKind | None, float]]
) -> None:
    found = [
        (m.raw, m.kind if m.kind is NumberKind.YEAR else None, m.value) for m in find_numbers(text)
    ]
    assert found == expected

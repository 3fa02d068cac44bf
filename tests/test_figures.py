"""Figures: ids, pages and the sentence around each number."""

from __future__ import annotations

import pytest

from ingest.figures import CONTEXT_CHARS, extract_figures, sentence_around
from lagesbild.types import NumberKind, Page

PAGES = [
    Page(
        number=1,
        text=(
            "Ekonomiska utmaningar 2023-24\n\n"
            "Vi har sedan 2022 underskott i verksamheten\nmotsvarande 350 Mkr, kan bli större. "
            "Planen omfattar t.ex. 3.8 miljarder\nunder planperioden. Ca. 45 mkr är bl.a. "
            "vakanser."
        ),
    ),
    Page(number=2, text="Inga siffror här.", notes="Talarmanus: minst 29,5 MSEK ska sparas."),
    Page(number=3, text=""),
    Page(number=4, text="Underskott: RUN -47Mkr.\n\n\n78% av målen nåddes.", is_slide=True),
]


def _context(text: str, raw: str) -> str:
    start = text.index(raw)
    return sentence_around(text, start, start + len(raw))


def test_ids_pages_and_order() -> None:
    figures = extract_figures("plan.pdf", "abc123", PAGES)
    assert [(f.id, f.page, f.raw) for f in figures] == [
        ("abc123:f1", 1, "2023-24"),
        ("abc123:f2", 1, "2022"),
        ("abc123:f3", 1, "350 Mkr"),
        ("abc123:f4", 1, "3.8 miljarder"),
        ("abc123:f5", 1, "45 mkr"),
        ("abc123:f6", 2, "29,5 MSEK"),
        ("abc123:f7", 4, "-47Mkr"),
        ("abc123:f8", 4, "78%"),
    ]
    assert {f.doc for f in figures} == {"plan.pdf"}


def test_figures_keep_the_parsed_values() -> None:
    figures = {f.raw: f for f in extract_figures("plan.pdf", "d", PAGES)}
    assert (figures["350 Mkr"].kind, figures["350 Mkr"].sek) == (NumberKind.MONEY, 350_000_000)
    assert (figures["2023-24"].kind, figures["2023-24"].value_high) == (NumberKind.YEAR, 2024)
    assert figures["78%"].normalized == "78 %"


def test_offsets_point_into_text_or_notes() -> None:
    for figure in extract_figures("plan.pdf", "d", PAGES):
        page = next(p for p in PAGES if p.number == figure.page)
        source = page.notes if figure.raw == "29,5 MSEK" else page.text
        assert source[figure.start : figure.end] == figure.raw


def test_contexts_are_sentences() -> None:
    contexts = {f.raw: f.context for f in extract_figures("plan.pdf", "d", PAGES)}
    deficit = "Vi har sedan 2022 underskott i verksamheten motsvarande 350 Mkr, kan bli större."
    assert contexts == {
        "2023-24": "Ekonomiska utmaningar 2023-24",
        "2022": deficit,
        "350 Mkr": deficit,
        "3.8 miljarder": "Planen omfattar t.ex. 3.8 miljarder under planperioden.",
        "45 mkr": "Ca. 45 mkr är bl.a. vakanser.",
        "29,5 MSEK": "Talarmanus: minst 29,5 MSEK ska sparas.",
        "-47Mkr": "Underskott: RUN -47Mkr.",
        "78%": "78% av målen nåddes.",
    }


def test_context_never_crosses_a_blank_line() -> None:
    text = "Rubrik utan punkt 2023\n\nFörsta stycket har 5 mkr\n  \nAndra stycket 7 st"
    assert _context(text, "5 mkr") == "Första stycket har 5 mkr"
    assert _context(text, "7 st") == "Andra stycket 7 st"
    assert _context(text, "2023") == "Rubrik utan punkt 2023"


@pytest.mark.parametrize(
    ("sentence"),
    [
        "Kostnaden var t.ex. 5 mkr enligt bl.a. RS.",
        "Mötet börjar kl. 13.00 med ärende nr. 4 på agendan.",
        "Det kostar ca. 45 mkr, d.v.s. mer än väntat.",
        "Planen är på 3.8 miljarder och 1.1 Mkr återstår.",
        "Enligt s.k. LUP sparades 45 mkr fr.o.m. 2016.",
    ],
)
def test_abbreviations_and_decimal_points_do_not_split(sentence: str) -> None:
    text = f"Inledning här. {sentence} Nästa mening 9 kr."
    for figure in extract_figures("a.txt", "a", [Page(number=1, text=text)]):
        if figure.raw != "9 kr":
            assert figure.context == sentence
    assert _context(text, "9 kr") == "Nästa mening 9 kr."


def test_bullets_are_separate_contexts() -> None:
    text = "Fördelar\n- Direkt effekt 2021-2022\n- Sänker kostnaden med 5 mkr"
    assert _context(text, "5 mkr") == "- Sänker kostnaden med 5 mkr"
    assert _context(text, "2021-2022") == "- Direkt effekt 2021-2022"


def test_long_table_block_gives_lines_around_the_number() -> None:
    names = "ABCDEFGHIJKLMNOPQRST"
    rows = [f"Område {name} {n},5 {n + 1},2 {n + 2},0" for n, name in enumerate(names)]
    text = "\n".join(rows)
    context = _context(text, "Område K 10,5")
    assert "Område K 10,5 11,2 12,0" in context
    assert len(context) <= CONTEXT_CHARS
    assert context.startswith("Område ") and context.endswith(",0")


def test_long_sentence_is_capped_and_centred() -> None:
    words = " ".join(f"ord{i}" for i in range(120))
    text = f"{words} kostar 12 mkr {words}."
    context = _context(text, "12 mkr")
    assert "kostar 12 mkr" in context
    assert len(context) <= CONTEXT_CHARS
    left, _, right = context.partition("12 mkr")
    assert abs(len(left) - len(right)) < 20


def test_empty_pages_give_no_figures() -> None:
    assert extract_figures("tom.pdf", "t", [Page(number=1, text="")]) == []


def test_context_of_a_number_on_a_very_long_line_at_the_end_of_the_page() -> None:
    text = " ".join(f"post {i} kostar {i * 37},{i % 10} mkr" for i in range(50))
    figures = extract_figures("x.pdf", "x", [Page(number=1, text=text)])
    money = [f for f in figures if f.kind.value == "money"]
    assert len(money) == 50
    assert all(f.raw in f.context and len(f.context) <= 320 for f in money)


def test_a_line_gets_what_stands_between_it_and_the_previous_amount() -> None:
    text = (
        "Kostnader 2016\n\nRehabresor budget 600 tkr\n\n"
        "Kiropraktoravtal avtalen upphörde 2015-12-31\n\nMinskad kostnad 1300 tkr\n\n"
        "Nyckeltal: kWh per m2\n\n2009- 224 kWh/m2, 2014 – 197 kWh/m2"
    )
    found = {f.raw: f.lead_in for f in extract_figures("a.pdf", "abc", [Page(number=1, text=text)])}
    # dates and years are no amounts: the lead-in runs back to the 600 tkr
    assert found["1300 tkr"] == "Kiropraktoravtal avtalen upphörde 2015-12-31"
    assert found["600 tkr"] == "Kostnader 2016"  # the text before its line
    # every number of one line has the line's lead-in, from the amount before the line
    assert found["224 kWh/m2"] == found["197 kWh/m2"] == "Nyckeltal: kWh per m2"


def test_a_lead_in_keeps_only_the_last_characters_from_a_word_start() -> None:
    text = "ord " * 200 + "\nMinskad kostnad 1300 tkr"
    [figure] = extract_figures("a.pdf", "abc", [Page(number=1, text=text)])
    assert 0 < len(figure.lead_in) <= 300 and figure.lead_in.startswith("ord ")


def test_a_sentence_within_a_line_gets_the_sentences_before_it() -> None:
    text = "Finansiella mål\n\nMål om hållbar ekonomi uppnås inte. Utfall -5 %, mål 2016 0 %."
    found = {f.raw: f.lead_in for f in extract_figures("a.pdf", "abc", [Page(number=1, text=text)])}
    assert found["-5 %"] == "Finansiella mål Mål om hållbar ekonomi uppnås inte."

"""The first-sentence judge: slots, list numbers and the years a clause names."""

from __future__ import annotations

import pytest

from assistant.evidence import EvidencePicker, TermWeights, Unit, terms
from assistant.lead import (
    Slot,
    answered_aside,
    asked_slot,
    best_clause,
    dropped_filler,
    fills,
    is_footnote,
    model_lead_problem,
    names_no_body_asked,
    one_side_of,
    parts_sharing_amount,
    restates,
    says_information_lacks,
    stray_filler,
    strip_markers,
    with_lead_in,
    without_list_numbers,
    without_stray_sentences,
    years_asked,
)


@pytest.mark.parametrize(
    ("text", "question", "slot", "expected"),
    [
        # a number the question already states fills nothing; a new one does
        ("Målen var 80 till antalet.", "Hur många av de 80 målen nåddes?", Slot.AMOUNT, False),
        ("46 av målen nåddes helt.", "Hur många av de 80 målen nåddes?", Slot.AMOUNT, True),
        # a month the question names is no answer to "när"
        ("Styrgruppen träffas efter beslutet i april.", "När träffas styrgruppen efter april?",
         Slot.DATE, False),
        ("Styrgruppen träffas den 14/4.", "När träffas styrgruppen efter april?", Slot.DATE, True),
        # articles are not amounts; list and section numbers are not amounts
        ("Det är en långsiktig stabil utveckling.", "Hur stor var utvecklingen?", Slot.AMOUNT,
         False),
        ("6 Dimensionering - bemanningsplan", "Hur många ST-läkare vill regionen ha?",
         Slot.AMOUNT, False),
        ("Enligt kommunallagen (11 kap. 1 §) ska mål anges.", "Hur många mål finns?",
         Slot.AMOUNT, False),
        ("Fullmäktige har beslutat om fyra finansiella mål.", "Hur många mål finns?",
         Slot.AMOUNT, True),
        ("Enligt 1a §.", "Hur hög var sjukfrånvaron 2016 i procent?", Slot.AMOUNT, False),
        # a running header's page of pages counts nothing
        ("Granskning av grundskolenämnden 12 (29): verksamhetsåret 2024",
         "Hur många elever gick i kulturskolan 2024?", Slot.AMOUNT, False),
        # "i procent" asks for a share, and "procent" in the question still lets one answer
        ("Sjukfrånvaron var 6,1 procent 2016.", "Hur hög var sjukfrånvaron 2016 i procent?",
         Slot.AMOUNT, True),
        ("Kostnaden för sjukfrånvaron var 12 mkr 2016.",
         "Hur hög var sjukfrånvaron 2016 i procent?", Slot.AMOUNT, False),
        # a person's name answers "vem"
        ("Anna Petterson har utsetts.", "Vem har utsetts till ledamot?", Slot.PERSON, True),
        ("HSN ansvarar för uppföljningen.", "Vem följer upp planen?", Slot.PERSON, True),
        # an ordinary sentence names no one: only an upper-case word is an acronym
        ("Arbetet pågår enligt plan.", "Vem följer upp planen?", Slot.PERSON, False),
    ],
)  # fmt: skip
def test_fills_only_with_what_the_question_does_not_say(
    text: str, question: str, slot: Slot, expected: bool
) -> None:
    assert asked_slot(question) is slot
    assert fills(text, slot, question) is expected


def test_strict_amounts_are_numbers() -> None:
    question = "Hur mycket har systemet kostat?"
    text = "Införandet påverkar alla verksamheter."
    assert fills(text, Slot.AMOUNT, question)  # "alla" answers some "hur många" questions
    assert not fills(text, Slot.AMOUNT, question, strict=True)
    assert fills("Det kostade 12 mkr.", Slot.AMOUNT, question, strict=True)


def test_list_numbers_and_footnotes_are_removed_but_amounts_stay() -> None:
    text = (
        "6 Dimensionering enligt 2.2 Styrning, punkt 3, medel för pensioner.3 Kommunen har "
        "40 fordon"
    )
    kept = without_list_numbers(text)
    assert "40" in kept
    assert not any(n in kept.split() for n in ("6", "2.2", "3"))


def _units(*texts: str, scores: tuple[float, ...] = ()) -> list[Unit]:
    tokenizer = EvidencePicker().tokenizer
    return [
        Unit(t, n, 0, score=(scores[n - 1] if scores else 0.0), tokens=terms(tokenizer, t))
        for n, t in enumerate(texts, 1)
    ]


def test_a_clause_about_another_year_loses_to_one_about_the_asked_year() -> None:
    texts = (
        "Revisorerna tillstyrker ansvarsfrihet för styrelse och nämnder för 2024.",
        "Revisorerna avstyrker ansvarsfrihet för regionstyrelsen och dess ledamöter för 2016.",
    )
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, [*texts, "styrelse", "nämnder"])
    question = "Vad sa revisorerna om ansvarsfrihet för regionstyrelsens ledamöter 2024?"
    best = best_clause(question, units, weights, lambda _: False)
    assert best is not None and "2024" in best.text


def test_the_year_before_counts_as_the_asked_year() -> None:
    texts = (
        "Sommarboken hade 541 deltagare i år mot 446 året 2024.",
        "Sommarboken hade fler än hundra deltagare.",
    )
    units = _units(*texts, scores=(1.0, 0.0))
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    best = best_clause(
        "Hur många deltagare hade Sommarboken 2025?", units, weights, lambda _: False
    )
    assert best is not None and "541" in best.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tillgängligheten ska öka med 20% [1]. [3] och [3] är samma [3].",
            "Tillgängligheten ska öka med 20% [1].",
        ),
        ("Det gäller kraftiga regn. [1]", "Det gäller kraftiga regn. [1]"),
        ("Badet hade 898 besök [4]. [1] Budgeterat var 22 000 [4].",
         "Badet hade 898 besök [4]. [1] Budgeterat var 22 000 [4]."),
        ("CLG [2] [3]", "CLG [2] [3]"),
    ],
)  # fmt: skip
def test_stray_sentences_about_the_sources_are_dropped(text: str, expected: str) -> None:
    assert without_stray_sentences(text) == expected


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("Vilka kan ge stöd i kommunikationen?", Slot.PERSON),
        ("Vilka nämnder fick anmärkning 2024?", Slot.PERSON),
        ("Vilken förvaltning ansvarar för planen?", Slot.PERSON),
        ("Vilka risker finns i uppdraget?", Slot.ANY),
    ],
)
def test_vilka_with_a_verb_or_a_body_asks_for_persons_or_bodies(question: str, slot: Slot) -> None:
    assert asked_slot(question) is slot


def test_a_name_from_a_sentence_about_something_else_is_a_stray_answer() -> None:
    texts = (
        "Dialog etablerad med regeringens samordnare Peter Larsson.",
        "Anna Petterson är utsedd till ledamot i Elektrifieringskommissionen.",
        "Övrigt om regionens fonder och program.",
    )
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    question = "Vem har utsetts till ledamot i regeringens elektrifieringskommission?"
    assert stray_filler("Peter Larsson [1].", question, units, weights) == "Peter Larsson"
    assert stray_filler("Anna Petterson [2].", question, units, weights) == ""
    # a name no cited sentence holds is judged by the grounding check, not here
    assert stray_filler("Eva Ek [1].", question, units, weights) == ""
    # other slots are not judged by their names
    assert stray_filler("Peter Larsson [1].", "Vad gör Peter Larsson?", units, weights) == ""


def test_a_day_in_the_sentence_continuing_one_about_the_question_is_no_stray_answer() -> None:
    tokenizer = EvidencePicker().tokenizer
    texts = (
        "Av yttrandet ska det framgå vilka åtgärder nämnden gör med rekommendationerna.",
        "Yttrandet ska skickas till stadsrevisionen senast den 19 juni 2025.",
        "Mötet hölls den 3 mars 2025 i stadshuset.",
    )
    weights = TermWeights(tokenizer, [*texts, "Granskning av nämnden.", "Övrigt."])

    def unit(text: str, source: int, position: int) -> Unit:
        return Unit(text, source, position, tokens=terms(tokenizer, text))

    question = "När ska nämnden redovisa åtgärderna med rekommendationerna?"
    lead_in, deadline = unit(texts[0], 2, 4), unit(texts[1], 2, 5)
    assert with_lead_in(deadline, [lead_in, deadline]) == [lead_in, deadline]
    assert stray_filler("19 juni 2025 [2].", question, [lead_in, deadline], weights) == ""
    # alone, or after a sentence it does not continue, the day is about something else
    assert stray_filler("19 juni 2025 [2].", question, [deadline], weights) == "19 juni"
    meeting = unit(texts[2], 2, 5)
    assert with_lead_in(meeting, [lead_in, meeting]) == [meeting]
    # not the sentence before in another source, nor one two sentences back
    assert with_lead_in(deadline, [unit(texts[0], 1, 4), unit(texts[0], 2, 3)]) == [deadline]


def test_numbered_goals_and_actions_are_labels_but_their_amounts_stay() -> None:
    kept = without_list_numbers("Mål 5 Kommunerna ska verka för fjärrvärme. Åtgärd 4: 12 mkr.")
    assert "12" in kept and not any(n in kept.split() for n in ("5", "4", "4:"))
    assert "5" in without_list_numbers("Målet är 5 % lägre energi.").split()
    assert not fills("Mål 5 Kommunerna ska verka för fjärrvärme.", Slot.AMOUNT, "Hur mycket el?")


def test_a_part_of_a_compound_the_question_asks_with_is_nothing_new() -> None:
    question = "Vilket kreditbetyg har Standard & Poor's gett Göteborgs Stad?"
    texts = ("Standard & Poor's har gett Göteborgs Stad betyget AA.", "Annat om staden.")
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    units = _units(*texts)
    assert restates("Standard & Poors gett Göteborgs Stads betyg.", question, units, weights)
    assert not restates("Standard & Poor's har gett betyget AA.", question, units, weights)


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("Underskottet för RUN och RS var -47Mkr [1].", ["RUN", "RS"]),
        ("RUN hade -47 Mkr och RS -57 Mkr [1].", []),
        ("RUN och RS hade -47 respektive -57 Mkr [1].", []),
        ("RUN hade -47 Mkr [1].", []),  # one part named: the other is quoted or noted
        ("Underskottet 2023 för RUN och RS var stort [1].", ["RUN", "RS"]),
    ],
)
def test_one_amount_cannot_answer_two_parts(text: str, shared: list[str]) -> None:
    question = "Hur stort var underskottet mot budgetprognos 2023 för RUN och RS?"
    assert parts_sharing_amount(text, question) == shared


def test_an_amount_from_a_sentence_about_something_else_is_a_stray_answer() -> None:
    texts = (
        "Regionens resultat 2015 var -232,3 miljoner kronor.",
        "Den justerade nettokostnadsutvecklingen 2016 uppgick till 2,9 procent.",
    )
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    question = "Hur stor var den justerade nettokostnadsutvecklingen 2016?"
    assert stray_filler("232,3 miljoner kronor [1].", question, units, weights) == "232,3"
    assert stray_filler("Den var 2,9 procent [2].", question, units, weights) == ""


@pytest.mark.parametrize(
    ("text", "slot", "expected"),
    [
        # a day is no amount, a statute's number no date
        ("Tidpunkt: 13 aug 2026 presentation för nämnden.", Slot.AMOUNT, False),
        ("Nämnderna träffar beredningen den 13 och 14 augusti.", Slot.AMOUNT, False),
        ("Nämnderna ska redovisa förslag på 1 procent.", Slot.AMOUNT, True),
        ("Utgångspunkt i kommunallagen (2017:725) om hushållning.", Slot.DATE, False),
        ("Yttrandet ska lämnas senast den 18 juni.", Slot.DATE, True),
    ],
)
def test_days_are_no_amounts_and_statutes_no_dates(text: str, slot: Slot, expected: bool) -> None:
    assert fills(text, slot, "Fråga?") is expected


def test_a_lead_retelling_a_sentence_without_its_day_drops_the_answer() -> None:
    texts = (
        "30 juni Nämnderna ska senast lämna in en antagen budgetskrivelse till ekonomienheten.",
        "Budgetberedningen träffar nämnderna.",
    )
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    question = "Senast när lämnar nämnderna sin budgetskrivelse?"
    retold = "Nämnderna ska senast lämna in en antagen budgetskrivelse till ekonomienheten [1]."
    assert dropped_filler(strip_markers(retold), question, units, weights) == "30 juni"
    # the day kept, or a sentence of its own, is no dropped answer
    kept = "Nämnderna lämnar in budgetskrivelsen till ekonomienheten senast 30 juni [1]."
    assert dropped_filler(strip_markers(kept), question, units, weights) == ""
    other = "Budgetberedningen träffar nämnderna [2]."
    assert dropped_filler(strip_markers(other), question, units[1:], weights) == ""
    # a question that asks for no day, name or amount is not judged here
    what = "Vad lämnar nämnderna in till ekonomienheten?"
    assert dropped_filler(strip_markers(retold), what, units, weights) == ""


def test_a_footnote_is_never_the_clause_that_answers() -> None:
    texts = (
        "1 Se bland andra Granskning av kommunstyrelsen, 2019-12-19, SRV-0226/18.",
        "Kommunstyrelsen ska svara på granskningen senast den 18 juni.",
    )
    assert is_footnote(texts[0]) and not is_footnote(texts[1])
    assert not is_footnote("1 Sedan 2019 gäller planen.")
    units = _units(*texts, scores=(2.0, 1.0))
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    best = best_clause("Till när ska kommunstyrelsen svara?", units, weights, lambda _: False)
    assert best is not None and "18 juni" in best.text
    assert best_clause("Till när?", units[:1], weights, lambda _: False) is None


def test_an_amount_question_takes_the_best_clause_that_holds_an_amount() -> None:
    texts = (
        "Avvikelsen mellan novemberprognosen och det faktiska resultatet 2016 analyseras.",
        "Avvikelse i förhållande till faktiskt resultat blev därmed endast 18 mkr.",
    )
    units = _units(*texts, scores=(3.0, 1.0))
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    question = "Hur stor var avvikelsen mellan novemberprognosen och det faktiska resultatet 2016?"
    best = best_clause(question, units, weights, lambda _: False)
    assert best is not None and "18 mkr" in best.text


def _problem(lead: str, question: str, *texts: str) -> str:
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, [*texts, "kommunen", "regionen"])
    return model_lead_problem(lead, question, units, " ".join(texts), [], weights)


def test_a_lead_about_another_year_is_no_answer() -> None:
    texts = ("Tågresor i tjänsten: i Vansbro kommun reste man 88229 km under 2009.",)
    question = "Hur mycket solel producerade Vansbro kommuns fastigheter 2014?"
    assert _problem("Man reste 88229 km under 2009 [1].", question, *texts) == (
        "gäller ett annat år än frågan"
    )
    # a year inside an asked span, or the year next to an asked one, is the asked period
    span = ("Investeringarna 2029 uppgår till 120 mnkr.",)
    assert _problem("120 mnkr 2029 [1].", "Hur stora är investeringarna 2027–2031?", *span) == ""
    assert years_asked("budget 2027–2031") == {"2027", "2028", "2029", "2030", "2031"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hur mycket har införandet kostat regionen?", "fyller inte frågans lucka"),
        ("Hur många verksamheter påverkas av införandet?", ""),
    ],
)
def test_only_a_count_may_be_answered_with_alla(question: str, expected: str) -> None:
    texts = ("Införandet påverkar alla verksamheter i regionen.",)
    problem = _problem("Införandet påverkar alla verksamheter [1].", question, *texts)
    assert problem.startswith(expected)


def test_a_table_row_with_numbers_is_no_restatement() -> None:
    texts = ("7 Folktandvårdsstruktur 7,2 7,6", "Nr Strukturpaket Effekt 2016")
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    question = "Vad gav folktandvårdsstrukturen?"
    assert not restates("Folktandvårdsstruktur 7,2 och 7,6", question, units, weights)
    assert restates("Folktandvårdsstruktur", question, units, weights)


def test_a_day_of_a_meeting_is_a_label_not_an_amount() -> None:
    assert not fills("14 aug Budgetberedning dag 2 (halvdag).", Slot.AMOUNT, "Hur stora?", True)
    assert fills("Besparingar om minst 1 procent.", Slot.AMOUNT, "Hur stora?", True)


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("Vad var skälet till anmärkningen?", Slot.REASON),
        ("Hur bedömer revisorerna mottagandet?", Slot.STATUS),
        # "när" opening the question or a part of it asks for a time ...
        ("När träffas styrgruppen?", Slot.DATE),
        ("Till när ska nämnden svara?", Slot.DATE),
        ("Senast när lämnas budgeten in?", Slot.DATE),
        ("Sedan när gäller de nya avgifterna?", Slot.DATE),
        ("Från och med när gäller avtalet?", Slot.DATE),
        ("Vem ansvarar för kitet, och när ska det vara klart?", Slot.DATE),
        # ... "när" as a conjunction does not
        ("Hur mycket minskade kostnaden när avtalen upphörde?", Slot.AMOUNT),
        ("Hur många fler behövs, när nu lösningen är att bli fler?", Slot.AMOUNT),
        ("Varför ökade kostnaderna när avtalet upphörde?", Slot.REASON),
        # a 'vilken/vilket' naming a time, with or without 'är' and an adjective
        ("Vilket är sista datum för yttrandet?", Slot.DATE),
        ("I vilken månad hålls kick-off?", Slot.DATE),
        ("Vilket år togs planen fram?", Slot.DATE),
        ("Vilket bolag bör kontaktas?", Slot.PERSON),
        ("Vilket belopp räknar nämnden med?", Slot.AMOUNT),
        ("Till vilken nivå ska beroendet sänkas?", Slot.AMOUNT),
    ],
)
def test_slot_questions(question: str, slot: Slot) -> None:
    assert asked_slot(question) is slot


def test_a_lead_may_answer_in_the_askers_words() -> None:
    texts = ("70% av aktiviteterna förutsätter att vi blir färre medarbetare.",)
    question = "Hur stor andel av aktiviteterna förutsätter att personalstyrkan krymper?"
    lead = "70% av aktiviteterna förutsätter att personalstyrkan krymper [1]."
    assert _problem(lead, question, *texts) == ""
    # words neither the question nor the source has still count against the lead
    invented = "70% av aktiviteterna förutsätter nedlagda vårdcentraler i glesbygden [1]."
    assert _problem(invented, question, *texts).startswith("orden finns inte")


def test_a_decimal_before_a_currency_unit_is_an_amount_not_a_section() -> None:
    assert fills("Restpunkten på 1.1 Mkr [2].", Slot.AMOUNT, "Hur mycket återstår?", True)
    assert not fills("Se 2.2 Styrning [1].", Slot.AMOUNT, "Hur mycket återstår?", True)


def test_a_retelling_without_the_amount_of_its_sentence_drops_the_answer() -> None:
    texts = ("Biblioteket har med projektmedel (545 tkr) från Kulturrådet nått 13-25-åringar.",)
    units = _units(*texts)
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    question = "Hur mycket projektpengar fick biblioteket av Kulturrådet för 13–25-åringar?"
    lead = "Biblioteket fick projektmedel från Kulturrådet för 13-25-åringar [1]."
    # the age span the question names (with another dash) is no amount of the lead's own
    assert dropped_filler(strip_markers(lead), question, units, weights) == "545 tkr"


def test_a_which_body_question_is_answered_by_naming_such_a_body() -> None:
    question = "Vilka nämnder ansvarar för introduktion av nyanlända?"
    assert names_no_body_asked("Revisorerna har granskat introduktionen.", question) == "nämnd"
    assert names_no_body_asked("Grundskolenämnden och socialnämnden ansvarar.", question) == ""
    assert names_no_body_asked("Revisorerna har granskat.", "Vem ansvarar?") == ""
    texts = (
        "Revisorerna har granskat introduktion av nyanlända.",
        "Grundskolenämnden ansvarar för mottagandet.",
    )
    units = _units(*texts, scores=(2.0, 1.0))
    weights = TermWeights(EvidencePicker().tokenizer, texts)
    best = best_clause(question, units, weights, lambda _: False)
    assert best is not None and best.text == texts[1]
    lead = "Revisorerna har granskat introduktion av nyanlända [1]."
    assert _problem(lead, question, *texts) == "nämner ingen nämnd"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Status: HC Tomtebo; Byggnad 23, NUS; Säkerhetsrelaterade", False),
        ("Mötet hålls i sal 2 på plan 3.", False),
        ("Process 3 [2].", False),
        ("Målet är 5,5 procent.", True),
        ("Mål 5,5 procent av ramen.", True),
    ],
)
def test_a_numbered_place_is_a_label_not_an_amount(text: str, expected: bool) -> None:
    assert fills(text, Slot.AMOUNT, "Vad kostar ombyggnaden?", strict=True) is expected


def test_a_label_stays_a_label_when_the_question_uses_its_word() -> None:
    question = "Hur mycket störningstid finns det som minst i en process?"
    assert not fills("Process 3 [2].", Slot.AMOUNT, question, strict=True)
    assert not fills("Beroende av process 1-2 [1].", Slot.AMOUNT, question, strict=True)
    assert fills("Minst 35% störningstid i en process [1].", Slot.AMOUNT, question, strict=True)


SOMMARBOKEN = Unit(
    "Sommarboken har i år slagit rekord med ett hundratal fler deltagare (541 st) än 2024 "
    "(446 st).",
    1,
    0,
)
COMPARING = "Hur många barn var med i Sommarboken 2025 jämfört med året innan?"


@pytest.mark.parametrize(
    ("lead", "question", "expected"),
    [
        ("541 st", COMPARING, True),  # one side only, while the source gives both
        ("Sommarboken hade 541 deltagare 2025 och 446 året innan.", COMPARING, False),
        ("Deltagarna ökade till 541 st.", COMPARING, False),  # the change is an answer
        ("541 st", "Hur många barn var med i Sommarboken 2025?", False),  # nothing compared
    ],
)
def test_a_comparing_question_wants_both_sides(lead: str, question: str, expected: bool) -> None:
    assert one_side_of(lead, question, [SOMMARBOKEN]) is expected


def test_one_side_is_all_there_is_when_the_source_gives_one() -> None:
    alone = Unit("Sommarboken hade 541 deltagare i år.", 1, 0)
    assert not one_side_of("541 st", COMPARING, [alone])


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("6043 MWh [2].", "Hur stor andel av fjärrvärmen kommer från biobränsle?", False),
        ("c:a 97 % biobränsle [2].", "Hur stor andel av fjärrvärmen kommer från biobränsle?", True),
        ("Hälften av fjärrvärmen [2].", "Hur stor andel av fjärrvärmen är biobränsle?", True),
        ("6043 MWh [2].", "Hur mycket fjärrvärme levererades?", True),
        # 'hur stor del' may ask for an amount
        ("15 mkr [2].", "Hur stor del av förslagen kräver politiska beslut?", True),
    ],
)
def test_a_share_question_is_filled_by_a_share(text: str, question: str, expected: bool) -> None:
    assert fills(text, Slot.AMOUNT, question, strict=True) is expected


_ALLOCATION = (
    "Kompletteringsbudgeten fördelas enligt följande: 90 miljoner kronor avsätts till "
    "elevpengen för att kompensera skolenheternas ökade pensionskostnader; 5 mnkr avsätts till "
    "den kommunala kulturskolan; 4 mnkr avsätts till insatser för ökad måluppfyllelse.",
    "En avtalscontroller är anställd på upphandlingsenheten sedan sommaren 2016.",
    "Upphandlingsenheten har en ny chef sedan 2018.",
)


def _aside(lead: str, question: str, cited: tuple[int, ...]) -> str:
    units = _units(*_ALLOCATION)
    weights = TermWeights(EvidencePicker().tokenizer, [*_ALLOCATION, "kronor", "enhet"])
    return answered_aside(lead, question, [units[n - 1] for n in cited], units, weights)


def test_a_lead_about_another_clause_gives_way_to_the_clause_the_question_asks_about() -> None:
    question = "Hur mycket pengar avsätts till den kommunala kulturskolan?"
    lead = "90 miljoner kronor avsätts till elevpengen för att kompensera pensionskostnader."
    assert "5 mnkr avsätts till den kommunala kulturskolan" in _aside(lead, question, (1,))
    # the lead about the clause the question asks about stands
    assert _aside("5 mnkr avsätts till den kommunala kulturskolan.", question, (1,)) == ""


def test_a_short_lead_is_judged_by_the_cited_clause_that_holds_its_numbers() -> None:
    question = "Sedan när har upphandlingsenheten en avtalscontroller?"
    assert _aside("Sedan sommaren 2016.", question, (2,)) == ""
    # a non-numeric question slot is not judged here
    assert _aside("Det gör upphandlingsenheten.", "Varför finns en avtalscontroller?", (2,)) == ""


def test_a_lead_is_judged_by_the_clause_its_number_stands_in() -> None:
    question = "Hur mycket pengar avsätts till den kommunala kulturskolan?"
    lead = (
        "90 miljoner kronor avsätts till elevpengen. "
        "Pengar avsätts också till den kommunala kulturskolan."
    )
    assert "5 mnkr avsätts till den kommunala kulturskolan" in _aside(lead, question, (1,))


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("Det saknas upplysning om anställdas sjukfrånvaro.", "Hur hög var sjukfrånvaron?", True),
        (
            "SKR har inte lämnat information gällande internränta för år 2027 än.",
            "Vilken internränta gäller för 2027?",
            True,
        ),
        # the question asks what is lacking: the sentence answers it
        ("Det saknas upplysning om anställdas sjukfrånvaro.", "Vad saknas i redovisningen?", False),
        # 'no queue' is an answer, not missing information
        ("Det finns inte någon kö för att börja studera sfi.", "Är det väntetid till sfi?", False),
    ],
)
def test_a_sentence_saying_the_information_is_lacking_answers_nothing(
    text: str, question: str, expected: bool
) -> None:
    assert says_information_lacks(text, question) is expected


def test_a_bare_name_answers_which_company() -> None:
    question = "Vilket bolag bör kommunen kontakta om laddstationer?"
    assert fills("Fortum [1].", Slot.PERSON, question)
    assert names_no_body_asked("Fortum [1].", question) == ""
    # 'Nej' is no name, and a nämnd must still be named as one
    assert not fills("Nej.", Slot.PERSON, question)
    assert names_no_body_asked("Fortum.", "Vilken nämnd ansvarar för laddstationer?") == "nämnd"

"""ACTION_PLAN rows from the sample action plan (regionstyrelsens förklaring 2016, p. 42–76)."""

from __future__ import annotations

from datetime import date

import pytest
from sample_measures import by_title, measures_of

from lagesbild.types import MeasureLayout, MeasureStatus

S = MeasureStatus
PLAN = "regionstyrelsens-forklaring-ansvarsfrihet-2016.pdf"


@pytest.mark.parametrize(
    ("title", "owner", "due_raw", "due", "due_by", "status", "page"),
    [
        (
            "Ta fram gemensam modell/gemensamt angreppsätt",
            "Stabsarbetsgrupp",
            "Jan 2017",
            "2017-01",
            date(2017, 1, 31),
            S.UNKNOWN,
            42,
        ),
        (
            "Prova gemensam modell/angreppssätt",
            "Områdeschef",
            "April 2017",
            "2017-04",
            date(2017, 4, 30),
            S.UNKNOWN,
            42,
        ),
        (
            "Införa nya arbetssätt",
            "Enhetschefer",
            "Sept 2017",
            "2017-09",
            date(2017, 9, 30),
            S.ONGOING,
            42,
        ),
        (
            "Rätt Använd Kompetens",
            "HS-direktör",
            "2017-2018",
            "2018",
            date(2018, 12, 31),
            S.ONGOING,
            44,
        ),
        (
            "Förstärkt ledningsfunktion/ delat ledarskap",
            "Områdeschef",
            "Möjlighet",
            None,
            None,
            S.DONE,
            44,
        ),
        (
            "Överanställa något i grupp",
            "Områdeschef primärvård",
            "Pågår",
            None,
            None,
            S.ONGOING,
            44,
        ),
        (
            "Administrativt stöd till läkare, t ex IT-systemen",
            "IT-chef",
            "Pågår",
            None,
            None,
            S.ONGOING,
            45,
        ),
        (
            "Ta fram ett kit med olika arbetstidsmodeller",
            "Personaldirektör",
            "Mars 2017 Hösten 2017 påbörjas tillämpning",
            "2017-03",
            date(2017, 3, 31),
            S.ONGOING,
            49,
        ),
        (
            "Kompetenskartläggning",
            "Områdeschef",
            "Nov 2016",
            "2016-11",
            date(2016, 11, 30),
            S.UNKNOWN,
            50,
        ),
        (
            "Utreda möjlighet till rotationstjänstgöring",
            "Områdeschefer",
            "Våren 2017",
            "2017-06",
            date(2017, 6, 30),
            S.UNKNOWN,
            53,
        ),
        ("Börja kommunicera ut", "Regiondirektör", "161213 och framåt", None, None, S.UNKNOWN, 59),
        (
            "Uppbemanning av seniorsjuksköterska",
            "Områdeschef/personaldirektör",
            "2017",
            "2017",
            date(2017, 12, 31),
            S.UNKNOWN,
            63,
        ),
        ("Uppsökande rekryteringsarbete", "OC/EC", "Kontinuerligt", None, None, S.UNKNOWN, 66),
    ],
)
def test_action_plan_rows(
    title: str,
    owner: str,
    due_raw: str,
    due: str | None,
    due_by: date | None,
    status: MeasureStatus,
    page: int,
) -> None:
    measure = by_title(measures_of(PLAN), title)
    assert (measure.owner, measure.due_raw, measure.due, measure.due_by) == (
        owner,
        due_raw,
        due,
        due_by,
    )
    assert measure.status is status
    assert measure.page == page


def test_action_plan_free_status_comment_is_kept() -> None:
    first = by_title(measures_of(PLAN), "Ta fram gemensam modell")
    assert first.status_raw == first.comments == "Utkast till uppdragsbeskrivning framtagen."
    assert first.description.startswith("Gemensam modell/gemensamt angreppssätt tas fram")
    assert first.section == "1 Förändrade arbetssätt/ kompetensförskjutning"
    kit = by_title(measures_of(PLAN), "Ta fram ett kit")
    assert kit.status_raw == "Arbetsgrupp utsedd som påbörjat arbetet."
    assert "• Nattsjok" in kit.description.split("\n")


def test_action_plan_rows_split_across_page_breaks_are_joined() -> None:
    measures = measures_of(PLAN)
    squashed = by_title(measures, "Utred utökning av vårdnära")
    assert squashed.pages == [43, 44]
    assert squashed.owner == "Områdeschef DTS"  # 'Områdes-' … page break … 'chef DTS'
    assert squashed.status_raw == "Örjan Strömqvist har fått i uppdrag att utreda detta."
    assert "minska bemanningen med SSK" in squashed.description
    model = by_title(measures, "Överanställa något i grupp")
    assert model.pages == [44, 45]
    assert model.description.endswith("enhetschef på hälsocentralen.")
    ladder = by_title(measures, "Implementera karriärstege")
    assert ladder.owner == "Områdeschefer / Personaldirektör / Enhetschef"
    assert (ladder.due_raw, ladder.due) == ("Feb 2017 / Mars 2017 / April 2017", "2017-02")
    fast = by_title(measures, "Aktivt visa på fördelar")
    assert (fast.owner, fast.due_raw) == ("Områdeschefer", "Omgående")
    assert fast.status_raw is not None and fast.status_raw.endswith("APT och liknande.")
    research = by_title(measures, "Möjlighet till forskning på arbetstid")
    assert research.title.endswith("för potentiella doktorander")


def test_action_plan_rows_without_owner_or_due() -> None:
    measures = measures_of(PLAN)
    question = by_title(measures, "Kan specialister göra pass i primärvården")
    assert (question.owner, question.due_raw) == (None, None)
    assert question.status_raw == "Görs/har gjorts i Dalarna."
    network = by_title(measures, "Anordna träffar/nätverk")
    assert network.description.startswith("Ge möjlighet att träffa kolleger")
    assert (network.status_raw, network.status) == ("Ej klart.", S.UNKNOWN)
    residents = by_title(measures, "Försöka få fler av sjukhusets ST-läkare")
    assert (residents.page, residents.owner, residents.status_raw) == (49, None, None)
    assert residents.section == by_title(measures, "Öka antalet ST-läkare").section
    more = by_title(measures, "Öka antalet ST-läkare")
    assert more.status_raw is not None and more.status_raw.endswith("i nuläget 33 ST-läkare.")
    scenarios = by_title(measures, "Ta fram scenarier och hantering")
    assert scenarios.title.endswith("vid utfasning av inhyrd personal.")
    assert scenarios.due_raw == "Feb 2017 / 2017-2018"


def test_action_plan_sections_and_coverage() -> None:
    measures = [m for m in measures_of(PLAN) if m.layout is MeasureLayout.ACTION_PLAN]
    sections = list(dict.fromkeys(m.section for m in measures))
    assert [int(s.split()[0]) for s in sections] == list(range(1, 19))
    assert sections[12].endswith("sjuksköterskeelever/nyexaminerade sjuksköterskor")
    assert all(42 <= m.page <= 76 for m in measures)
    assert sum(m.owner is not None for m in measures) >= 45
    assert sum(m.due_raw is not None for m in measures) >= 55
    assert sum(m.status is not S.UNKNOWN for m in measures) >= 30
    assert all(m.title[:1].isupper() or m.title[:1] == "”" for m in measures)
    assert not [m.owner for m in measures if m.owner and m.owner.endswith((".", "-"))]

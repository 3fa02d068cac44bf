"""Status and due-date normalisation tables for the measure register."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.measures.dates import is_due_text, normalise_due
from ingest.measures.status import (
    infer_status,
    leading_status,
    normalise_status,
    trailing_status,
)
from lagesbild.types import MeasureStatus as S


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Klart", S.DONE),
        ("Klar", S.DONE),
        ("Genomfört", S.DONE),
        ("Infört", S.DONE),
        ("klar", S.DONE),
        ("Enligt plan", S.ON_TRACK),
        ("Delvis enligt plan", S.PARTLY_ON_TRACK),
        ("Ej Enligt plan", S.OFF_TRACK),
        ("ej enligt plan.", S.OFF_TRACK),
        ("Pågår", S.ONGOING),
        ("På gång", S.ONGOING),
        ("Påbörjad", S.ONGOING),
        ("startad", S.ONGOING),
        ("Ej påbörjad", S.NOT_STARTED),
        ("Försenad", S.DELAYED),
        ("Pågår. Ingår i Övergripande Handlingsplan för Attraktiv arbetsgivare.", S.ONGOING),
        ("På gång. Samtliga punkter hämtade från handlingsplanen.", S.ONGOING),
        ("Avbruten", S.UNKNOWN),
        ("Utkast till uppdragsbeskrivning framtagen.", S.UNKNOWN),
        ("Klart definierade mål", S.UNKNOWN),
        ("", S.UNKNOWN),
        (None, S.UNKNOWN),
    ],
)
def test_normalise_status(raw: str | None, expected: S) -> None:
    assert normalise_status(raw) is expected


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("Infört på Röntgenavdelningen. Möjligt för andra enheter att införa.", S.DONE),
        ("Ingår i modellen. Ett pilot-projekt som påbörjades i juni 2015.", S.ONGOING),
        ("Arbetsgrupp utsedd som påbörjat arbetet.", S.ONGOING),
        ("Utveckling av COSMIC pågår i regionen.", S.ONGOING),
        ("Med målet att det ska ha slutförts i april 2017.", S.UNKNOWN),
        ("Ej klart.", S.UNKNOWN),
        ("Utkast till uppdragsbeskrivning framtagen.", S.UNKNOWN),
        ("Arbetet är inte påbörjat ännu.", S.NOT_STARTED),
        ("Leveransen är försenad från leverantören.", S.DELAYED),
        (None, S.UNKNOWN),
    ],
)
def test_infer_status_trusts_only_clear_words(comment: str | None, expected: S) -> None:
    assert infer_status(comment) is expected


def test_status_phrase_at_line_end_and_start() -> None:
    assert trailing_status("Samordna admin RUF-RS Delvis enligt plan") == (
        "Samordna admin RUF-RS",
        "Delvis enligt plan",
    )
    assert trailing_status("Anpassning bemanningsmål HSV Ej Enligt plan") == (
        "Anpassning bemanningsmål HSV",
        "Ej Enligt plan",
    )
    assert leading_status("Enligt plan Hög") == ("Enligt plan", "Hög")
    assert leading_status("Klart definierade mål") is None
    assert trailing_status("Digitala initiativ") is None


@pytest.mark.parametrize(
    ("raw", "due", "due_by"),
    [
        ("Jan 2017", "2017-01", date(2017, 1, 31)),
        ("Sept 2017", "2017-09", date(2017, 9, 30)),
        ("April 2017", "2017-04", date(2017, 4, 30)),
        ("Mars 2017", "2017-03", date(2017, 3, 31)),
        ("Feb 2016", "2016-02", date(2016, 2, 29)),
        ("Nov 2016", "2016-11", date(2016, 11, 30)),
        ("2017", "2017", date(2017, 12, 31)),
        ("2017-2018", "2018", date(2018, 12, 31)),
        ("2016–2018", "2018", date(2018, 12, 31)),
        ("2016-12-22", "2016-12-22", date(2016, 12, 22)),
        ("31 mars 2025", "2025-03-31", date(2025, 3, 31)),
        ("Våren 2017", "2017-06", date(2017, 6, 30)),
        ("Hösten 2017", "2017-12", date(2017, 12, 31)),
        ("Q3 2024", "2024-09", date(2024, 9, 30)),
        ("Mars 2017 Hösten 2017 påbörjas tillämpning", "2017-03", date(2017, 3, 31)),
        ("Möjlighet", None, None),
        ("Pågår", None, None),
        ("Löpande", None, None),
        ("Omgående", None, None),
        ("Kontinuerligt", None, None),
        ("161213 och framåt", None, None),
        ("", None, None),
    ],
)
def test_normalise_due(raw: str, due: str | None, due_by: date | None) -> None:
    assert normalise_due(raw) == (due, due_by)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2017", True),
        ("2017-2018", True),
        ("Möjlighet", True),
        ("Kontinu erligt", True),
        ("161213 och framåt", True),
        ("Workshop febr 2017 med politiker och tjänstemän.", False),
        ("Hösten 2017 påbörjas tillämpning", False),
        ("Områdeschef", False),
    ],
)
def test_is_due_text(text: str, expected: bool) -> None:
    assert is_due_text(text) is expected

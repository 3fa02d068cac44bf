"""Points of criticism of an auditors' report that bundles several parts (verdicts=True)."""

from __future__ import annotations

from assistant.drafts.criticism import find_points
from lagesbild.types import Page

BERATTELSE = (
    "Revisionsberättelse 2024\n\n"
    "Kritik i form av en anmärkning lämnas till byggnadsnämnden. Anledningen är att nämnden\n"
    "fattat ett beslut i strid mot kommunallagen.\n\n"
    "Vi bedömer att räkenskaperna i allt väsentligt är rättvisande.\n\n"
    "Vi bedömer att det inte går att avgöra om resultatet är förenligt med målen."
)
SUMMARY = "Protokoll\n\nAnmärkning har riktats mot byggnadsnämnden."
GRANSKNING = (
    "Följande rekommendationer lämnas:\n\n"
    "- Nämnden rekommenderas att säkerställa ett systematiskt brandskyddsarbete.\n"
    "- Nämnden rekommenderas att stärka sin styrning av samverkan kring barn och unga i syfte "
    "att leva upp till lagens krav.\n"
    "- Nämnden rekommenderas att stärka sin uppföljning av SIP-arbetet i syfte att leva upp "
    "till lagens krav."
)
FOLLOW_UP = (
    "Granskning av byggnadsnämnden 25 (29)\n\n"
    "Nämnderna rekommenderas att säkerställa ett systematiskt brandskyddsarbete.\n\n"
    "Nämnden rekommenderas att följa upp elevernas kunskapsresultat på enhetsnivå.\n\n"
    "Vi har följt upp rekommendationen genom intervjuer."
)
ANSWER = (
    "Yttrande\n\nNär det gäller den kvarstående rekommendationen “Nämnden rekommenderas att "
    "stärka följsamheten mot riktlinjen för informationssäkerhet.” så fortsätter arbetet."
)


def test_a_bundle_gives_remarks_verdicts_and_every_recommendation_once() -> None:
    report = [
        Page(number=n, text=t)
        for n, t in enumerate([SUMMARY, BERATTELSE, GRANSKNING, FOLLOW_UP, ANSWER], 1)
    ]
    points = find_points(report, verdicts=True)
    assert [(p.page, p.text) for p in points] == [
        (
            2,
            "Kritik i form av en anmärkning lämnas till byggnadsnämnden. Anledningen är att "
            "nämnden fattat ett beslut i strid mot kommunallagen.",
        ),
        (2, "Vi bedömer att det inte går att avgöra om resultatet är förenligt med målen."),
        (3, "Nämnden rekommenderas att säkerställa ett systematiskt brandskyddsarbete."),
        (
            3,
            "Nämnden rekommenderas att stärka sin styrning av samverkan kring barn och unga i "
            "syfte att leva upp till lagens krav.",
        ),
        (
            3,
            "Nämnden rekommenderas att stärka sin uppföljning av SIP-arbetet i syfte att leva "
            "upp till lagens krav.",
        ),
        (4, "Nämnden rekommenderas att följa upp elevernas kunskapsresultat på enhetsnivå."),
        (
            5,
            "Nämnden rekommenderas att stärka följsamheten mot riktlinjen för "
            "informationssäkerhet.",
        ),
    ]


def test_without_verdicts_only_the_lists_count() -> None:
    report = [Page(number=1, text=BERATTELSE), Page(number=2, text=GRANSKNING)]
    assert [p.page for p in find_points(report)] == [2, 2, 2]

"""Field labels of a measure written as labelled lines: 'Ansvarig: X', 'Tidsplan: …'.

One vocabulary for the parsers that read labelled fields (``numbered`` key–value blocks,
``field_table`` boxes): each label maps to the field it fills — owner, partner (a party
that takes part but is not the owner), due, status, cost, description, comment, risks,
next steps.
"""

from __future__ import annotations

import re

_LABEL = re.compile(r"^(?P<label>[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ ]{1,30}?)\s*:\s*(?P<value>.*)$")
_LABELS: dict[str, str] = {
    **dict.fromkeys(
        (
            "ansvarig",
            "ansvariga",
            "ansvar",
            "huvudansvarig",
            "ansvarig förvaltning",
            "ansvarig nämnd",
            "ansvarig aktör",
            "ansvarig enhet",
            "ansvarig organisation",
            "ägare",
            "processägare",
            "huvudman",
            "utförare",
        ),
        "owner",
    ),
    **dict.fromkeys(
        ("medverkande", "medansvarig", "medansvariga", "samverkan", "samverkansparter"),
        "partner",
    ),
    **dict.fromkeys(("berörda", "involverade", "deltagare", "delaktiga"), "partner"),
    **dict.fromkeys(
        (
            "tidplan",
            "tidsplan",
            "tidpunkt",
            "klart",
            "klar",
            "klart senast",
            "senast",
            "deadline",
            "slutdatum",
            "genomförs",
            "genomförande",
            "när",
            "tidsperiod",
            "period",
        ),
        "due",
    ),
    **dict.fromkeys(("status", "läge", "lägesbeskrivning", "statusrapport"), "status"),
    **dict.fromkeys(
        ("kostnad", "kostnader", "budget", "finansiering", "resurser", "resursbehov", "belopp"),
        "cost",
    ),
    **dict.fromkeys(
        ("beskrivning", "syfte", "innehåll", "bakgrund", "motivering", "förväntad effekt"),
        "description",
    ),
    **dict.fromkeys(("effekt", "mål", "indikator", "indikatorer", "nyckeltal"), "description"),
    **dict.fromkeys(("kommentar", "kommentarer", "uppföljning"), "comment"),
    **dict.fromkeys(("risk", "risker"), "risks"),
    "nästa steg": "next",
}


def label_of(line: str) -> tuple[str, str] | None:
    """(field, value) of a labelled line ('Ansvarig: X' → ('owner', 'X')), else None."""
    match = _LABEL.match(line)
    if not match:
        return None
    key = re.sub(r"\s+", " ", match.group("label").casefold().strip())
    kind = _LABELS.get(key)
    return (kind, match.group("value").strip()) if kind else None


# A second label on the same line: 'Ansvar: Gatuenheten    Klart: 2026-10-31'.
_NEXT_LABEL = re.compile(
    r"\s+(?=(?:" + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True)) + r")\s*:)",
    re.IGNORECASE,
)


def labels_of(line: str) -> list[tuple[str, str]]:
    """Every (field, value) of a labelled line, also when two labels share it."""
    first = label_of(line)
    if first is None:
        return []
    parts = _NEXT_LABEL.split(line)
    found = [label_of(part) for part in parts]
    if any(f is None for f in found):
        return [first]  # a colon inside a value, not a second label
    return [f for f in found if f is not None]

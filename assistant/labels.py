"""Every user-facing word for a number's status, in one place: CLI, TUI, drafts and README.

The README promises three words for the number check — *belagt*, *härlett*, *ej belagt* —
and two more for numbers that stand in the sources but may not be used as support: a value
about something else (*fel sammanhang*) and a value that stands only in text addressed to an
AI assistant (*riktat till AI*). Every view takes its words and colours from here.
"""

from __future__ import annotations

from lagesbild.types import NumberStatus

NUMBER_STATUS_LABELS: dict[NumberStatus, str] = {
    NumberStatus.SUPPORTED: "belagt",
    NumberStatus.DERIVED: "härlett",
    NumberStatus.UNSUPPORTED: "ej belagt",
    NumberStatus.MISATTRIBUTED: "fel sammanhang",
    NumberStatus.QUARANTINED: "riktat till AI",
}
"""The short word shown beside a checked number."""

NUMBER_STATUS_HELP: dict[NumberStatus, str] = {
    NumberStatus.SUPPORTED: "belagt: talet står i källorna",
    NumberStatus.DERIVED: "härlett: summa, kvot, avrundning eller enhetsbyte",
    NumberStatus.UNSUPPORTED: "ej belagt: saknar stöd i källorna",
    NumberStatus.MISATTRIBUTED: "fel sammanhang: beloppet finns men gäller något annat",
    NumberStatus.QUARANTINED: "riktat till AI: står bara i text riktad till en AI-assistent",
}
"""One line explaining each status (legends, help)."""

NUMBER_STATUS_STYLES: dict[NumberStatus, str] = {
    NumberStatus.SUPPORTED: "bold green",
    NumberStatus.DERIVED: "bold yellow",
    NumberStatus.UNSUPPORTED: "bold white on red",
    NumberStatus.MISATTRIBUTED: "bold white on red",
    NumberStatus.QUARANTINED: "bold white on red",
}
"""Rich/Textual style of a checked number."""

NUMBER_STATUS_MARKERS: dict[NumberStatus, str] = {
    NumberStatus.UNSUPPORTED: f"[⚠ {NUMBER_STATUS_LABELS[NumberStatus.UNSUPPORTED]}]",
    NumberStatus.MISATTRIBUTED: f"[⚠ {NUMBER_STATUS_LABELS[NumberStatus.MISATTRIBUTED]}]",
    NumberStatus.QUARANTINED: f"[⚠ {NUMBER_STATUS_LABELS[NumberStatus.QUARANTINED]}]",
    NumberStatus.DERIVED: f"[≈ {NUMBER_STATUS_LABELS[NumberStatus.DERIVED]}]",
}
"""Put after a number in running text (drafts, `check`): '74 Mkr [⚠ ej belagt]'.

Derived numbers get theirs only when asked for; supported numbers never get one.
"""

NUMBER_NOT_FOUND = "saknas i källorna"
"""Explanation of an unsupported number."""
NUMBER_ELSEWHERE = "belopp finns men gäller"
"""Start of the explanation of a misattributed number: '… gäller <the figure's context>'."""
NUMBER_QUARANTINED = "står bara i text riktad till en AI-assistent"
"""Explanation of a number found only in quarantined text."""
NUMBER_OCR_NOTE = "läst med OCR"
"""Added to the explanation when the backing figure was read by OCR."""

FLAGGED_STATUSES: frozenset[NumberStatus] = frozenset(
    {NumberStatus.UNSUPPORTED, NumberStatus.MISATTRIBUTED, NumberStatus.QUARANTINED}
)
"""Statuses the user must see flagged: the number is not backed by what it claims."""

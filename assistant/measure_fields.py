"""The fields of a register measure as an answer shows them: label, attribute, cue words.

One definition serves both sides: :mod:`assistant.context` builds a measure source from these
fields (the model reads "Ansvarig: Personaldirektör"), and :mod:`assistant.evidence` picks the
fields a question asks for from the same structure, never by parsing the rendered lines back.
Renaming a label here renames it everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from lagesbild.types import Measure, MeasureStatus, StatusSource


@dataclass(frozen=True)
class MeasureField:
    """One field of a measure: its Swedish label, the ``Measure`` attribute, and the words of
    a question that ask for it."""

    label: str
    attribute: str
    cues: tuple[str, ...] = ()

    def value(self, measure: Measure) -> str:
        """The field's value as the source states it ('' when the measure has none)."""
        if self.attribute == "status":
            return _status(measure)
        if self.attribute == "owner":
            return measure.owner or _owners(measure)
        raw = getattr(measure, self.attribute)
        return " ".join(str(raw).split()) if raw else ""

    def asked_by(self, question: str) -> bool:
        """True when ``question`` asks for this field ('vem' → Ansvarig)."""
        lowered = question.casefold()
        return any(cue in lowered for cue in self.cues)


@dataclass(frozen=True)
class FieldValue:
    """A field of one measure with its value: one line of a measure source."""

    field: MeasureField
    value: str

    @property
    def text(self) -> str:
        """The line as the model and the quotes show it: 'Ansvarig: Personaldirektör'."""
        return f"{self.field.label}: {self.value}"


TITLE = MeasureField("Åtgärd", "title")
FIELDS: tuple[MeasureField, ...] = (
    MeasureField("Ansvarig", "owner", ("vem", "ansvar")),
    MeasureField("Tidpunkt", "due_raw", ("när", "tidpunkt", "datum", "deadline", "senast")),
    MeasureField(
        "Status", "status", ("status", "läge", "klar", "pågår", "försenad", "enligt plan")
    ),
    MeasureField("Prognos", "forecast", ("prognos", "effekthemtagning")),
    MeasureField("Senaste månaden", "last_month", ("senaste", "gjorts", "gjort", "förra", "hänt")),
    MeasureField("Kommande månad", "next_steps", ("nästa", "kommande", "framåt", "planeras")),
    MeasureField("Risker", "risks", ("risk",)),
    MeasureField("Behov av stöd", "support_need", ("stöd", "hjälp")),
    MeasureField("Beskrivning", "description"),
)
"""The fields after the title, in the order a measure source lists them."""


def measure_fields(measure: Measure) -> list[FieldValue]:
    """The measure's title and every field it has a value for, in order."""
    values = [FieldValue(TITLE, " ".join(measure.title.split()))]
    values += [FieldValue(f, v) for f in FIELDS if (v := f.value(measure))]
    return values


def asked_fields(question: str) -> set[MeasureField]:
    """The fields ``question`` asks for."""
    return {f for f in FIELDS if f.asked_by(question)}


def _status(measure: Measure) -> str:
    if measure.status_raw:
        return " ".join(measure.status_raw.split())
    if measure.status is MeasureStatus.UNKNOWN:
        return ""
    if measure.status_source is StatusSource.RULE and measure.status_rule:
        return f"{measure.status.value} (enligt regeln: {measure.status_rule})"
    if measure.status_source is StatusSource.INFERRED and measure.status_rule:
        return f"{measure.status.value} (utläst ur texten: {measure.status_rule})"
    return measure.status.value


def _owners(measure: Measure) -> str:
    """Every responsible party with its role and deadline, when no single owner is written."""
    parts = []
    for r in measure.responsibilities:
        who = ", ".join(p for p in (r.organisation, r.role) if p)
        when = f" ({r.due_raw})" if r.due_raw else ""
        if who:
            parts.append(f"{who}{when}")
    return "; ".join(parts)
